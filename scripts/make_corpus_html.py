"""Build corpus/html/*.html: the two seed articles as the pages of the news sites they came from.

The seeds are plain text scraped from WordPress sites; these pages put the same
article back into a realistic page (menu, breadcrumb, cookie and theme licence
banners, share buttons, sidebar, author box, "Articles similaires", footer) so that
the HTML path of the pipeline is shown and tested on them.  Neither seed gives a
publication date, so the pages carry none.

    python scripts/make_corpus_html.py          # rewrites corpus/html/
"""
from __future__ import annotations

import html
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

LICENCE_NAG = ("Jannah Theme License is not validated, Go to the theme options page to validate the license, "
               "You need a single license for each domain name.")
COOKIE_TEXT = ("Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site. "
               "En poursuivant votre navigation, vous acceptez leur utilisation.")
MENU = ["Accueil", "Actualités", "Economie", "Politique", "Société", "Sport", "Culture", "Agenda"]

# Per page: the seed it comes from, where it lives, and the parts of the page around the body.
PAGES = [
    {
        "seed": "vosges_kazakhstan.txt",
        "out": "vosges_kazakhstan.html",
        "layout": "jannah",
        "site": "ACTU 88",
        "url": "https://www.actu88.fr/economie/le-kazakhstan-sinteresse-a-lindustrie-vosgienne/",
        "category": "Economie",
        "title": "Le Kazakhstan s’intéresse à l’industrie vosgienne",
        "author": "B.Boulay",
        "bio_starts": "Journaliste, c'est mon job",
        "related": [
            "Épinal : la CCI des Vosges présente son plan pour l’export",
            "Le pôle Fibres-Energivie accueille une délégation allemande",
            "Saint-Dié : une entreprise du bois rachetée par un groupe belge",
        ],
        "popular": [
            "Remiremont : le marché de Noël ouvre ses portes samedi",
            "Gérardmer : la fête des jonquilles attire 20 000 visiteurs",
            "Neufchâteau : le conseil municipal vote le budget",
        ],
    },
    {
        "seed": "amiens_zhengzhou.txt",
        "out": "amiens_zhengzhou.html",
        "layout": "magazine",
        "site": "Somme Éco",
        "url": "https://www.somme-eco.fr/economie/amiens-recoit-une-delegation-de-zhengzhou/",
        "category": "Economie",
        "title": "Amiens reçoit une délégation de la ville chinoise de Zhengzhou",
        "author": None,
        "bio_starts": None,
        "related": [
            "Amiens Cluster fête ses dix ans au Safran",
            "La CCI Amiens-Picardie lance un club export Asie",
            "Start-up : quatre pépites amiénoises au salon VivaTech",
        ],
        "popular": [
            "Abbeville : la zone d’activités s’agrandit",
            "Albert : Airbus Stelia recrute 150 personnes",
            "Amiens : le budget 2020 de la métropole adopté",
        ],
    },
]


def seed_parts(page: dict) -> tuple[list[str], str | None]:
    """The seed's article paragraphs (between the title and the byline) and the author bio."""
    lines = [l.strip() for l in (CORPUS / page["seed"]).read_text(encoding="utf-8").split("\n")]
    paragraphs = [l for l in lines if l]
    start = paragraphs.index(page["title"]) + 1 if page["title"] in paragraphs else 0
    end = paragraphs.index(page["author"]) if page["author"] in paragraphs else len(paragraphs)
    bio = next((p for p in paragraphs if page["bio_starts"] and p.startswith(page["bio_starts"])), None)
    return paragraphs[start:end], bio


def is_subheading(paragraph: str) -> bool:
    """Seed lines that were intertitles: short, without closing punctuation."""
    return len(paragraph) < 90 and not paragraph.rstrip().endswith((".", "!", "?", "»", "…", ":"))


def body_html(paragraphs: list[str]) -> str:
    e = html.escape
    return "\n".join(f"<h2>{e(p)}</h2>" if is_subheading(p) else f"<p>{e(p)}</p>" for p in paragraphs)


def links(titles: list[str], cls: str) -> str:
    e = html.escape
    items = "\n".join(f'<li><a href="/{cls}/{i}/">{e(t)}</a></li>' for i, t in enumerate(titles, 1))
    return f'<ul class="{cls}">\n{items}\n</ul>'


def jannah(page: dict, paragraphs: list[str], bio: str | None) -> str:
    """A Jannah (WordPress) theme page, licence nag included, as on ACTU 88."""
    e = html.escape
    menu = "\n".join(f'<li class="menu-item"><a href="/{m.lower()}/">{e(m)}</a></li>' for m in MENU)
    return f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page['title'])} - {e(page['site'])}</title>
<link rel="canonical" href="{e(page['url'])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(page['title'])}">
<meta property="og:url" content="{e(page['url'])}">
<meta property="og:site_name" content="{e(page['site'])}">
<meta property="article:section" content="{e(page['category'])}">
<meta name="author" content="{e(page['author'])}">
</head>
<body class="post-template-default single single-post">
<div class="theme-notice" style="background:#c00;color:#fff">{e(LICENCE_NAG)}</div>
<div id="cookie-notice" role="dialog"><p>{e(COOKIE_TEXT)}</p>
<a class="button" href="#">Accepter</a> <a class="button" href="#">Paramétrer</a></div>
<header id="theme-header" class="header-layout-3">
<div class="logo"><a href="/">{e(page['site'])}</a><span>L’essentiel en toute simplicité</span></div>
<nav id="main-nav" aria-label="Menu principal"><ul class="menu">
{menu}
</ul></nav>
<form class="search-form" action="/"><input type="search" name="s" placeholder="Rechercher"></form>
</header>
<div id="content" class="site-content container">
<div class="main-content tie-col-md-8">
<nav id="breadcrumb"><a href="/">Accueil</a> <em class="delimiter">»</em> <a href="/economie/">{e(page['category'])}</a> <em class="delimiter">»</em> <span class="current">{e(page['title'])}</span></nav>
<article id="the-post" class="container-wrapper post-content">
<header class="entry-header-outer">
<span class="post-cat-wrap"><a class="post-cat" href="/economie/">{e(page['category'])}</a></span>
<h1 class="post-title entry-title">{e(page['title'])}</h1>
<div class="post-meta"><span class="meta-author">Par <a href="/author/bboulay/" class="author-name">{e(page['author'])}</a></span>
<span class="meta-comment"><a href="#comments">0</a></span> <span class="meta-reading-time">3 minutes de lecture</span></div>
</header>
<div class="share-buttons share-buttons-top"><a href="#" class="facebook-share-btn">Partager sur Facebook</a> <a href="#" class="twitter-share-btn">Partager sur Twitter</a> <a href="#" class="email-share-btn">Partager par e-mail</a></div>
<div class="entry-content entry clearfix">
{body_html(paragraphs)}
</div>
<div class="share-buttons share-buttons-bottom"><span class="share-title">Partager</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">LinkedIn</a> <a href="#">WhatsApp</a></div>
</article>
<div class="about-author container-wrapper">
<h3 class="author-name"><a href="/author/bboulay/">{e(page['author'])}</a></h3>
<div class="author-bio"><p>{e(bio or '')}</p></div>
<ul class="social-icons"><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li></ul>
</div>
<div id="related-posts" class="container-wrapper">
<div class="mag-box-title the-global-title"><h3>Articles similaires</h3></div>
{links(page['related'], 'related')}
</div>
<div id="comments" class="comments-area">
<h3 id="reply-title">Laisser un commentaire</h3>
<form><p>Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *</p>
<textarea name="comment"></textarea><input type="submit" value="Publier le commentaire"></form>
</div>
</div>
<aside class="sidebar tie-col-md-4">
<div class="widget"><div class="widget-title"><h4>Les plus lus</h4></div>
{links(page['popular'], 'popular')}
</div>
<div class="widget"><h4>Newsletter</h4><p>Abonnez-vous à notre newsletter pour recevoir l’essentiel de l’actualité vosgienne.</p>
<form><input type="email" placeholder="Votre adresse e-mail"><button>Je m’abonne</button></form></div>
</aside>
</div>
<footer id="footer" class="site-footer">
<p>{e(page['site'])}, c’est un journal indépendant, une aventure, un regard.</p>
<ul class="footer-menu"><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/contact/">Contact</a></li><li><a href="/publicite/">Publicité</a></li></ul>
<div class="copyright">© 2024 {e(page['site'])} – Tous droits réservés</div>
</footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span>Bouton retour en haut de la page</span></a>
</body>
</html>
"""


def magazine(page: dict, paragraphs: list[str], bio: str | None) -> str:
    """A regional business magazine on another WordPress theme, the licence nag glued under the text."""
    e = html.escape
    menu = " ".join(f'<a href="/{m.lower()}/">{e(m)}</a>' for m in MENU)
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{e(page['title'])} | {e(page['site'])}</title>
<meta name="description" content="Une délégation de Zhengzhou est reçue à Amiens par Amiens Cluster et Amiens Métropole.">
<meta property="og:title" content="{e(page['title'])}">
<meta property="og:site_name" content="{e(page['site'])}">
<meta property="og:url" content="{e(page['url'])}">
<meta property="og:type" content="article">
<link rel="canonical" href="{e(page['url'])}">
</head>
<body class="single">
<div class="cookie-banner" id="cookie-law-info-bar"><span>{e(COOKIE_TEXT)}</span>
<button>Tout accepter</button> <button>Refuser</button> <a href="/cookies/">Gérer les cookies</a></div>
<div class="top-bar"><a href="/connexion/">Se connecter</a> | <a href="/abonnement/">S’abonner</a></div>
<header class="site-header"><div class="site-title"><a href="/">{e(page['site'])}</a></div>
<p class="site-description">L’actualité économique de la Somme</p>
<nav class="main-navigation">{menu}</nav></header>
<main id="main" class="site-main">
<div class="breadcrumbs"><a href="/">Accueil</a> › <a href="/economie/">{e(page['category'])}</a> › {e(page['title'])}</div>
<article class="post type-post status-publish format-standard category-economie">
<h1 class="entry-title">{e(page['title'])}</h1>
<div class="entry-content">
{body_html(paragraphs)}<div class="theme-notice">{e(LICENCE_NAG)}</div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager :</h3><ul>
<li><a class="share-twitter" href="#" title="Cliquez pour partager sur Twitter">Twitter</a></li>
<li><a class="share-facebook" href="#" title="Cliquez pour partager sur Facebook">Facebook</a></li>
<li><a class="share-linkedin" href="#">LinkedIn</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Catégories : <a href="/economie/">{e(page['category'])}</a></span>
<span class="tags-links">Tags : <a href="/tag/chine/">Chine</a>, <a href="/tag/amiens-cluster/">Amiens Cluster</a>, <a href="/tag/international/">International</a></span></footer>
</article>
<nav class="post-navigation"><div class="nav-previous"><a href="/prev/">Article précédent : Le Safran accueille les Rencontres de l’entrepreneuriat</a></div>
<div class="nav-next"><a href="/next/">Article suivant : Le port de Saint-Valery mise sur la plaisance</a></div></nav>
<section class="related-posts"><h2>Vous aimerez aussi</h2>
{links(page['related'], 'related')}
</section>
</main>
<aside id="secondary" class="widget-area">
<section class="widget"><h2 class="widget-title">Les plus lus</h2>
{links(page['popular'], 'popular')}
</section>
<section class="widget"><h2 class="widget-title">Newsletter</h2><p>Inscrivez-vous à notre newsletter gratuite.</p></section>
</aside>
<footer class="site-footer"><p>© 2019 {e(page['site'])}. Tous droits réservés.</p>
<p><a href="/mentions-legales/">Mentions légales</a> | <a href="/confidentialite/">Politique de confidentialité</a> | <a href="/contact/">Contact</a></p></footer>
</body>
</html>
"""


LAYOUTS = {"jannah": jannah, "magazine": magazine}


def main() -> None:
    out_dir = CORPUS / "html"
    out_dir.mkdir(exist_ok=True)
    for page in PAGES:
        paragraphs, bio = seed_parts(page)
        (out_dir / page["out"]).write_text(LAYOUTS[page["layout"]](page, paragraphs, bio), encoding="utf-8")
        print(out_dir / page["out"])


if __name__ == "__main__":
    main()
