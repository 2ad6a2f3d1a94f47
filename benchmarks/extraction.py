"""Extraction quality of `pipeline.clean.clean_html` settings: token P/R/F1 against the article text.

Pages: the two corpus pages (gold: title and paragraphs of the seed) and the 16
articles of the shared dev gold, each wrapped in five news-site layouts written
here (WordPress/Jannah with Jetpack blocks, Drupal, a regional daily with inline
"Lire aussi", newsletter box and reader comments, an old SPIP site in table layout
served as windows-1252, a home-made CMS with French class names), and one
fictional article with a data table in the same layouts.  The gold text of a page
is its title and article paragraphs, as picked by hand in
`extraction_gold/dev_pages.jsonl` (line numbers into the dev texts: dates, tags
and repeated headers of the scraped texts are left out).

    python benchmarks/extraction.py [--dev ../shared/gold/dev.jsonl] [--json]

Scores are token bags (lower-cased `\\w+`): precision = shared tokens / extracted
tokens, recall = shared / gold; per page, then averaged (macro) and pooled (micro).
`date` is the share of dated pages whose `published` is found.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from trafilatura import bare_extraction
from trafilatura.utils import load_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean import (DATE_PARAMS, NoArticleError, clean_text, decode_html, load_page,  # noqa: E402
                            paragraphs, with_title)

GOLD_PAGES = Path(__file__).resolve().parent / "extraction_gold" / "dev_pages.jsonl"
DEFAULT_DEV = ROOT.parent / "shared" / "gold" / "dev.jsonl"
TOKEN = re.compile(r"\w+")
e = html.escape


@dataclass
class Article:
    id: str
    title: str
    blocks: list[tuple[str, str]]  # (kind, text): kind in p, h2, quote, table (rows on lines, cells by " | ")
    published: str | None = None
    url: str = "https://www.example.org/"
    section: str = "International"

    @property
    def gold(self) -> str:
        return "\n\n".join([self.title] + [text for _, text in self.blocks])


@dataclass
class Page:
    id: str
    layout: str
    data: bytes
    gold: str
    published: str | None
    url: str
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- pages
def is_subheading(line: str) -> bool:
    return len(line) < 90 and not line.rstrip().endswith((".", "!", "?", "»", "…", ":", '"', ")"))


def dev_articles(dev_path: Path) -> list[Article]:
    """The dev texts cut into title and article blocks by the hand-made index."""
    texts = {d["id"]: d for d in map(json.loads, dev_path.read_text(encoding="utf-8").splitlines()) if d}
    articles = []
    for spec in map(json.loads, GOLD_PAGES.read_text(encoding="utf-8").splitlines()):
        doc = texts[spec["id"]]
        lines = doc["text"].split("\n")
        title = lines[spec["title"]].strip() if isinstance(spec["title"], int) else spec["title"]
        quoted = {i: group for group in spec.get("quotes", []) for i in group}
        blocks: list[tuple[str, str]] = []
        for n, i in enumerate(spec["body"]):
            text = lines[i].strip()
            if spec.get("body_from") and spec["body_from"] in text:
                text = text[text.index(spec["body_from"]):]
            if i in quoted:
                blocks.append(("quote", text))
            else:
                last = n == len(spec["body"]) - 1  # a heading opens a section: the last line is text
                blocks.append(("h2" if is_subheading(text) and blocks and not last else "p", text))
        published = doc.get("published") if re.fullmatch(r"\d{4}-\d\d-\d\d", doc.get("published") or "") else None
        articles.append(Article(spec["id"], title, blocks, published, doc.get("url") or "https://www.example.org/"))
    return articles


# A fictional article with a data table, so that dropping tables costs what it costs.
TABLE_ARTICLE = Article("x-table", "Le Cher et le Japon : des échanges commerciaux en hausse", [
    ("p", "Les exportations des entreprises du Cher vers le Japon ont progressé de 27 % en trois ans, selon "
          "les chiffres présentés jeudi par la chambre de commerce et d’industrie lors de la venue d’une "
          "délégation de la préfecture de Kumamoto."),
    ("table", "Année | Exportations (M€) | Importations (M€)\n2020 | 41,2 | 18,5\n2021 | 46,8 | 20,1\n"
              "2022 | 52,3 | 23,7"),
    ("p", "La céramique technique et les machines agricoles représentent plus de la moitié des ventes. "
          "« Le marché japonais exige une qualité irréprochable, mais il est fidèle », souligne le président "
          "de la CCI, qui prépare une mission d’entreprises à Osaka au printemps."),
], "2023-06-15", "https://www.example.org/berry/le-cher-et-le-japon")


def corpus_pages() -> list[Page]:
    """The corpus pages; their gold is the title and the seed's paragraphs between title and byline."""
    spec = importlib.util.spec_from_file_location("make_corpus_html", ROOT / "scripts" / "make_corpus_html.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    pages = []
    for page in maker.PAGES:
        paragraphs, _ = maker.seed_parts(page)
        path = ROOT / "corpus" / "html" / page["out"]
        pages.append(Page(path.stem, "corpus", path.read_bytes(), "\n\n".join([page["title"]] + paragraphs),
                          None, page["url"]))
    return pages


def body(a: Article, read_also: str | None = None, after: int = 2) -> str:
    out = []
    for i, (kind, text) in enumerate(a.blocks):
        if kind == "quote":
            out.append(f'<blockquote class="twitter-tweet"><p lang="fr">{e(text)}</p></blockquote>')
        elif kind == "table":
            rows = [row.split(" | ") for row in text.split("\n")]
            head = "".join(f"<th>{e(c)}</th>" for c in rows[0])
            cells = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
            out.append(f'<table class="donnees"><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>')
        else:
            out.append(f"<{kind}>{e(text)}</{kind}>")
        if read_also and i == after - 1 and len(a.blocks) > after:
            out.append(read_also)
    return "\n".join(out)


def fr_date(iso: str | None) -> str:
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(d)} {months[int(m) - 1]} {y}"


HEADLINES = [
    "Municipales : la liste d’union dévoile son programme",
    "Le festival de jazz affiche complet pour sa 30e édition",
    "Travaux : la rocade fermée la nuit jusqu’à vendredi",
    "Football : le club s’impose face au leader",
    "La médiathèque rouvre après six mois de travaux",
    "Un nouveau directeur à la tête de l’hôpital",
]
COMMENTS = [
    ("Marc62", "Très bonne initiative, espérons que les entreprises de la région en profitent vraiment cette fois."),
    ("Sylvie B.", "Encore un voyage payé par le contribuable. Qu’on nous montre les résultats concrets de ces échanges !"),
]


def lis(items: list[str], href: str = "/article/") -> str:
    return "\n".join(f'<li><a href="{href}{i}">{e(t)}</a></li>' for i, t in enumerate(items))


def wordpress(a: Article) -> str:
    """WordPress with the Jannah theme: licence nag, share bars, author box, related posts, comments."""
    date = f'<span class="date meta-item">{fr_date(a.published)}</span>' if a.published else ""
    meta = f'<meta property="article:published_time" content="{a.published}T08:30:00+00:00">' if a.published else ""
    read_also = f'<p><strong>Lire aussi :</strong> <a href="/x/">{e(HEADLINES[1])}</a></p>'
    comments = "\n".join(
        f'<li class="comment"><div class="comment-author">{e(n)}</div><div class="comment-content"><p>{e(t)}</p></div></li>'
        for n, t in COMMENTS)
    return f"""<!DOCTYPE html><html lang="fr-FR"><head><meta charset="UTF-8">
<title>{e(a.title)} - Le Journal du Sud</title>{meta}
<meta property="og:site_name" content="Le Journal du Sud"><link rel="canonical" href="{e(a.url)}"></head>
<body class="single-post">
<div class="theme-notice">Jannah Theme License is not validated, Go to the theme options page to validate the license, You need a single license for each domain name.</div>
<div id="cookie-notice">Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. En continuant votre navigation, vous acceptez leur utilisation. <a>Accepter</a> <a>En savoir plus</a></div>
<header id="theme-header"><div class="logo"><a href="/">Le Journal du Sud</a></div>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/actu/">Actualités</a></li><li><a href="/eco/">Economie</a></li><li><a href="/monde/">International</a></li><li><a href="/sport/">Sport</a></li></ul></nav></header>
<div id="content"><div class="main-content">
<nav id="breadcrumb"><a href="/">Accueil</a> » <a href="/monde/">{e(a.section)}</a> » <span>{e(a.title)}</span></nav>
<article id="the-post" class="post-content">
<header class="entry-header-outer"><a class="post-cat">{e(a.section)}</a><h1 class="post-title entry-title">{e(a.title)}</h1>
<div class="post-meta"><span class="author-meta">Par <a href="/author/redac/">La rédaction</a></span>{date}<span class="meta-comment">2</span><span class="meta-reading-time">2 minutes de lecture</span></div></header>
<div class="share-buttons"><a>Partager sur Facebook</a> <a>Partager sur Twitter</a> <a>Partager sur LinkedIn</a></div>
<div class="entry-content entry clearfix">
{body(a, read_also)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager&nbsp;:</h3><ul>
<li><a class="share-twitter sd-button" title="Cliquez pour partager sur Twitter"><span>Twitter</span><span class="sd-text">Cliquez pour partager sur Twitter(ouvre dans une nouvelle fenêtre)</span></a></li>
<li><a class="share-facebook sd-button"><span>Facebook</span><span class="sd-text">Cliquez pour partager sur Facebook(ouvre dans une nouvelle fenêtre)</span></a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Articles similaires</em></h3>
<div class="jp-relatedposts-post"><h4><a>{e(HEADLINES[0])}</a></h4><p>{e(HEADLINES[5])}. Une rencontre très attendue par les habitants du quartier.</p></div></div>
</div>
<div class="post-bottom-meta"><span class="tagcloud">Étiquettes <a>coopération</a> <a>international</a> <a>{e(a.section)}</a></span></div>
<div class="share-buttons"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a> <a>Imprimer</a></div>
</article>
<div class="about-author"><h3><a>La rédaction</a></h3><div class="author-bio">Journaliste passionné, je couvre l’actualité de la région depuis vingt ans. Écrivez-moi pour me signaler une information !</div></div>
<div id="related-posts"><h3>Articles similaires</h3><ul>{lis(HEADLINES[:4])}</ul></div>
<div id="comments"><h3>2 commentaires</h3><ol class="comment-list">{comments}</ol>
<div id="respond"><h3>Laisser un commentaire</h3><p>Votre adresse e-mail ne sera pas publiée.</p></div></div>
</div><aside class="sidebar"><div class="widget"><h4>Les plus lus</h4><ul>{lis(HEADLINES[2:])}</ul></div></aside></div>
<footer><p>© 2024 Le Journal du Sud – Tous droits réservés</p><a>Mentions légales</a> <a>Contact</a></footer>
<a id="go-to-top"><span>Bouton retour en haut de la page</span></a>
</body></html>"""


def drupal(a: Article) -> str:
    """A Drupal 9 site: chapo and body fields, tags, "Dans la même rubrique", tarteaucitron cookie bar."""
    meta = f'<meta property="article:published_time" content="{a.published}T10:00:00+02:00">' if a.published else ""
    submitted = f"Publié le {fr_date(a.published)}" if a.published else "Publié par la rédaction"
    first, rest = a.blocks[:1], a.blocks[1:]
    chapo = " ".join(t for _, t in first)
    rest_article = Article(a.id, a.title, rest)
    return f"""<!DOCTYPE html><html lang="fr" dir="ltr"><head><meta charset="utf-8">
<title>{e(a.title)} | Info Régions</title>{meta}<meta name="Generator" content="Drupal 9 (https://www.drupal.org)"></head>
<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Aller au contenu principal</a>
<div id="tarteaucitronAlertBig"><span id="tarteaucitronDisclaimerAlert">En poursuivant votre navigation, vous acceptez l’utilisation de cookies pour réaliser des statistiques de visites.</span>
<button>Tout accepter</button><button>Tout refuser</button><button>Personnaliser</button></div>
<div class="dialog-off-canvas-main-canvas">
<header role="banner"><div class="region region-header"><a href="/" rel="home">Info Régions</a>
<nav role="navigation"><ul class="menu"><li><a>Accueil</a></li><li><a>Territoires</a></li><li><a>Économie</a></li><li><a>Europe et international</a></li><li><a>Agenda</a></li><li><a>Contact</a></li></ul></nav></div></header>
<div class="region region-breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">Accueil</a></li><li><a>{e(a.section)}</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="region region-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{e(a.title)}</span></h1>
<div class="node__meta">{submitted}</div>
<div class="node__content">
<div class="field field--name-field-chapo"><p>{e(chapo)}</p></div>
<div class="clearfix text-formatted field field--name-body field__item">
{body(rest_article)}
</div>
<div class="field field--name-field-tags"><div class="field__label">Mots-clés</div><div class="field__items"><a>Coopération décentralisée</a> <a>Relations internationales</a></div></div>
</div></article>
<div class="block block-share"><h2>Partager cette page</h2><a>Facebook</a> <a>Twitter</a> <a>LinkedIn</a> <a>Courriel</a></div>
</div>
<aside class="region region-sidebar"><div class="block"><h2>Dans la même rubrique</h2><ul>{lis(HEADLINES[::2])}</ul></div>
<div class="block"><h2>Agenda</h2><p>Conseil régional en séance plénière, jeudi à 9h30, hôtel de région.</p></div></aside>
</main>
<footer role="contentinfo"><ul class="menu"><li><a>Mentions légales</a></li><li><a>Accessibilité : partiellement conforme</a></li><li><a>Plan du site</a></li><li><a>Gestion des cookies</a></li></ul></footer>
</div></body></html>"""


def newspaper(a: Article) -> str:
    """A regional daily: JSON-LD, kicker, chapo, photo caption, inline "Lire aussi", paywall box, comments."""
    ld = ""
    if a.published:
        ld = ('<script type="application/ld+json">' + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
             "datePublished": f"{a.published}T06:00:00+01:00", "author": {"@type": "Person", "name": "Claire Martin"}},
            ensure_ascii=False) + "</script>")
    time = f'<time datetime="{a.published}T06:00:00+01:00">Publié le {fr_date(a.published)} à 06h00</time>' if a.published else ""
    read_also = (f'<aside class="read-also"><span>À lire aussi</span><a href="/y/">{e(HEADLINES[4])}</a></aside>')
    comments = "\n".join(f'<div class="comment"><span class="pseudo">{e(n)}</span><p>{e(t)}</p></div>' for n, t in COMMENTS)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{e(a.title)} - La Dépêche de l’Ouest</title>{ld}
<meta property="og:title" content="{e(a.title)}"><meta property="og:url" content="{e(a.url)}"></head>
<body>
<div class="consent"><p>Avec votre accord, nous et nos partenaires utilisons des cookies ou technologies similaires pour stocker et accéder à des informations personnelles comme votre visite sur ce site.</p><button>Accepter et fermer</button><button>Continuer sans accepter</button></div>
<div class="topbar"><a>Se connecter</a> <a>Je m’abonne</a> <span>Offre découverte : 1€ le premier mois</span></div>
<header><a class="logo" href="/">La Dépêche de l’Ouest</a><nav><a>Actualité</a> <a>Faits divers</a> <a>Politique</a> <a>Économie</a> <a>Monde</a> <a>Sports</a> <a>Loisirs</a> <a>Éditions locales</a></nav></header>
<main><article class="article-full">
<header class="article-header"><p class="kicker">{e(a.section)}</p><h1>{e(a.title)}</h1>
<div class="byline">Par Claire Martin {time}</div></header>
<figure><img src="/photo.jpg" alt=""><figcaption>Photo d’illustration. © Archives</figcaption></figure>
<div class="article-body">
{body(a, read_also, after=3)}
<div class="newsletter-box"><p>Recevez chaque matin l’essentiel de l’actualité de votre région avec notre newsletter gratuite.</p><input type="email" placeholder="Votre e-mail"><button>Je m’inscris</button></div>
<p class="share">Partager l’article <a>Facebook</a> <a>X</a> <a>E-mail</a></p>
</div>
</article>
<section class="same-topic"><h2>Sur le même sujet</h2><ul>{lis(HEADLINES[:3])}</ul></section>
<section class="comments"><h2>2 commentaires</h2>{comments}<p>Vous devez être abonné pour réagir.</p></section>
</main>
<aside><h2>Les plus lus</h2><ol>{lis(HEADLINES[3:])}</ol>
<div class="paywall-promo"><p>Cet article vous a plu ? Abonnez-vous pour lire tous nos articles en illimité.</p></div></aside>
<footer><p>© La Dépêche de l’Ouest 2024</p><a>Mentions légales</a> | <a>Politique de confidentialité</a> | <a>Nous contacter</a> | <a>Publicité</a></footer>
</body></html>"""


def spip(a: Article) -> str:
    """An old SPIP site in table layout, declared ISO-8859-1 (served as windows-1252 bytes)."""
    date = f'<div class="info-publi">{fr_date(a.published)}, par Rédaction</div>' if a.published else ""
    forum = "\n".join(f'<div class="forum-message"><p class="forum-titre">{e(n)}</p><p>{e(t)}</p></div>' for n, t in COMMENTS)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{e(a.title)} - Portail Maghreb Actu</title></head>
<body bgcolor="#ffffff">
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td colspan="3" class="bandeau"><a href="/">Maghreb Actu</a> | <a>Accueil</a> | <a>Economie</a> | <a>Politique</a> | <a>Sports</a> | <a>Forum</a></td></tr>
<tr><td width="160" valign="top" class="rubriques"><b>Rubriques</b><br><a>Actualités</a><br><a>Economie</a><br><a>International</a><br><a>Culture</a><br><a>Archives</a></td>
<td valign="top" class="contenu">
<div class="ariane"><a href="/">Accueil</a> &gt; <a>{e(a.section.upper())}</a> &gt; {e(a.title)}</div>
<h1 class="titre">{e(a.title)}</h1>
{date}
<div class="texte">
{body(a)}
</div>
<div class="forum"><h2>Forum de l’article</h2>{forum}<a>Répondre à cet article</a></div>
<div class="meme-rubrique"><h2>Dans la même rubrique</h2><ul>{lis(HEADLINES[1:5])}</ul></div>
</td>
<td width="180" valign="top" class="droite"><b>Sondage</b><p>Êtes-vous satisfait des services de votre commune ?</p><b>Publicité</b></td></tr>
<tr><td colspan="3" class="pied">Copyright © 2004 Maghreb Actu - Plan du site - Espace privé - SPIP</td></tr></table>
</body></html>"""


def french_cms(a: Article) -> str:
    """A home-made French CMS: no <article>, French class names that trafilatura's lists do not know."""
    date = f'<p class="date-publication">Publié le {fr_date(a.published)}</p>' if a.published else ""
    meta = f'<meta name="date" content="{a.published}">' if a.published else ""
    messages = "\n".join(f'<div class="message"><p class="pseudo">{e(n)} a écrit :</p><p>{e(t)}</p></div>' for n, t in COMMENTS)
    read_also = (f'<div class="a-lire-aussi"><p>» Lire aussi : <a href="/z/">{e(HEADLINES[2])}</a></p></div>')
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{e(a.title)} – Le Petit Courrier</title>{meta}</head>
<body>
<div id="bandeau-cookies"><p>Ce site utilise des cookies pour améliorer votre expérience de navigation. <a>J’accepte</a> <a>Je refuse</a></p></div>
<div id="entete"><a href="/">Le Petit Courrier</a> <span>Hebdomadaire d’information locale depuis 1923</span>
<div id="menu-principal"><a>Accueil</a> <a>Vie locale</a> <a>Économie</a> <a>Sports</a> <a>Annonces légales</a> <a>Nécrologie</a></div></div>
<div id="page"><div id="colonne-principale">
<div class="fil-ariane"><a href="/">Accueil</a> » <a>{e(a.section)}</a></div>
<div class="contenu-article">
<h1>{e(a.title)}</h1>
{date}
<div class="bloc-partage"><p>Partager sur Facebook</p><p>Partager sur Twitter</p><p>Envoyer par e-mail</p></div>
<div class="texte-article">
{body(a, read_also)}
</div>
<div class="encart-abonnement"><p>Abonnez-vous au Petit Courrier pour lire l’édition numérique chaque jeudi dès 6 heures.</p></div>
<div class="bio-auteur"><p>Rédactrice au Petit Courrier depuis 2015, je suis la vie des communes du canton. N’hésitez pas à me contacter.</p></div>
<div class="articles-lies"><p>Sur le même sujet</p><p><a>{e(HEADLINES[3])}</a></p><p><a>{e(HEADLINES[4])}</a></p></div>
<div class="commentaires"><p>2 commentaires</p>{messages}</div>
</div></div>
<div id="colonne-droite"><p>Les plus lus</p><p><a>{e(HEADLINES[0])}</a></p><p><a>{e(HEADLINES[5])}</a></p></div></div>
<div id="pied"><p>© Le Petit Courrier 2024 – Tous droits réservés</p><p><a>Mentions légales</a> | <a>Contact</a> | <a>Publicité</a></p></div>
</body></html>"""


LAYOUTS = {"wordpress": wordpress, "drupal": drupal, "newspaper": newspaper, "spip": spip, "french_cms": french_cms}


def build_pages(dev_path: Path) -> list[Page]:
    pages = corpus_pages()
    for a in dev_articles(dev_path) + [TABLE_ARTICLE]:
        for name, layout in LAYOUTS.items():
            encoding = "cp1252" if name == "spip" else "utf-8"
            data = layout(a).encode(encoding, errors="xmlcharrefreplace")
            pages.append(Page(f"{a.id}-{name}", name, data, a.gold, a.published, a.url))
    return pages


# --------------------------------------------------------------------------- extraction
# (label, trafilatura settings, unwrap layout tables first).  `deduplicate` is left out: its
# cache lives across calls, so the second page holding an article already seen comes out empty.
CONFIGS = [
    ("defaults", dict(), False),
    ("no comments", dict(include_comments=False), False),
    ("favor_recall, no comments", dict(favor_recall=True, include_comments=False), False),
    ("favor_precision, no comments", dict(favor_precision=True, include_comments=False), False),
    ("favor_precision, no comments, no tables", dict(favor_precision=True, include_comments=False,
                                                     include_tables=False), False),
    ("no comments, unwrap layout tables", dict(include_comments=False), True),
    ("favor_precision, no comments, unwrap layout tables", dict(favor_precision=True, include_comments=False), True),
]


def extract(page: Page, settings: dict, unwrap: bool, line_filter: bool, title_first: bool) -> tuple[str, str | None]:
    tree = load_page(page.data) if unwrap else load_html(decode_html(page.data))
    doc = bare_extraction(tree, url=page.url, with_metadata=True, date_extraction_params=DATE_PARAMS, **settings)
    if doc is None or not doc.text:
        return "", None
    text = paragraphs(doc.text)
    if line_filter:
        try:
            text = clean_text(text)
        except NoArticleError:
            text = ""
    return (with_title(text, doc.title) if title_first else text), doc.date


def prf(extracted: str, gold: str) -> tuple[int, int, int]:
    got, want = Counter(TOKEN.findall(extracted.lower())), Counter(TOKEN.findall(gold.lower()))
    return sum((got & want).values()), sum(got.values()), sum(want.values())


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(pages: list[Page], settings: dict, unwrap: bool, line_filter: bool, title_first: bool) -> dict:
    per_page, pooled, dates = [], [0, 0, 0], [0, 0]
    by_layout: dict[str, list[float]] = {}
    for page in pages:
        text, date = extract(page, settings, unwrap, line_filter, title_first)
        counts = prf(text, page.gold)
        pooled = [x + y for x, y in zip(pooled, counts)]
        scores = f1(*counts)
        per_page.append(scores)
        by_layout.setdefault(page.layout, []).append(scores[2])
        if page.published:
            dates[1] += 1
            dates[0] += date == page.published
    n = len(per_page)
    return {
        "P": sum(s[0] for s in per_page) / n, "R": sum(s[1] for s in per_page) / n,
        "F1": sum(s[2] for s in per_page) / n, "micro_F1": f1(*pooled)[2],
        "date": dates[0] / dates[1] if dates[1] else None,
        "by_layout": {k: sum(v) / len(v) for k, v in by_layout.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="dev gold JSONL with the article texts")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    pages = build_pages(args.dev)
    results = []
    for name, settings, unwrap in CONFIGS:
        for line_filter in (False, True):
            for title_first in (False, True):
                label = name + (" + line filter" if line_filter else "") + (" + title" if title_first else "")
                results.append({"config": label, **evaluate(pages, settings, unwrap, line_filter, title_first)})
    if args.json:
        print(json.dumps({"pages": len(pages), "results": results}, ensure_ascii=False, indent=1))
        return 0
    layouts = list(results[0]["by_layout"])
    print(f"{len(pages)} pages; macro P/R/F1, micro F1, date found, macro F1 per layout")
    print(f"| {'config':<70} | P     | R     | F1    | µF1   | date  | " + " | ".join(f"{l:<9}" for l in layouts) + " |")
    print("|" + "-" * 72 + "|-------|-------|-------|-------|-------|" + "|".join("-" * 11 for _ in layouts) + "|")
    for r in results:
        date = f"{r['date']:.2f}" if r["date"] is not None else "  -  "
        print(f"| {r['config']:<70} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['micro_F1']:.3f} | {date:<5} | "
              + " | ".join(f"{r['by_layout'][l]:<9.3f}" for l in layouts) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
