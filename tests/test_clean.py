"""pipeline.clean: seeds and corpus pages cleaned, boilerplate lines against look-alike article lines,
encodings, and inputs that hold no article."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from casetables import cases
from pipeline.clean import Cleaned, NoArticleError, clean_html, clean_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NAG = ("Jannah Theme License is not validated, Go to the theme options page to validate the license, "
       "You need a single license for each domain name.")

# Two article paragraphs that the filter must leave alone, to frame the lines under test.
INTRO = ("Mardi, le maire de Saumur a reçu une délégation de la ville japonaise de Mishima, conduite "
         "par son adjoint aux relations internationales, pour préparer le trentième anniversaire du jumelage.")
OUTRO = ("La délégation a ensuite visité l'École nationale d'équitation et deux caves de Saumur-Champigny, "
         "avant de repartir jeudi pour Paris.")


def seed(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def without_lines(text: str, starts: tuple[str, ...]) -> str:
    """The text less the lines that open with one of `starts`, blank-line runs collapsed."""
    kept = "\n".join(l for l in text.split("\n") if not l.startswith(starts))
    return re.sub(r"\n{3,}", "\n\n", kept).strip()


# ---------------------------------------------------------------- seeds (gold text = seed files)
def test_amiens_seed_is_kept_whole():
    text = seed("amiens_zhengzhou.txt")
    assert clean_text(text) == text.strip()


def test_vosges_seed_loses_banner_bio_and_footer_only():
    text = seed("vosges_kazakhstan.txt")
    cleaned = clean_text(text)
    expected = without_lines(text, ("Jannah Theme License", "Journaliste, c'est mon job",
                                    "Articles similaires", "Bouton retour en haut"))
    assert cleaned == expected
    assert cleaned.startswith("Economie\n\nLe Kazakhstan s’intéresse à l’industrie vosgienne\n\n")
    assert cleaned.endswith("d’où l’intérêt pour les éco-matériaux !\n\nB.Boulay")
    for paragraph in expected.split("\n\n"):
        assert paragraph in cleaned


def test_banner_glued_to_the_last_sentence_is_cut_and_the_sentence_kept():
    text = seed("amiens_zhengzhou.txt").rstrip() + NAG + "\n"
    cleaned = clean_text(text)
    assert cleaned == seed("amiens_zhengzhou.txt").strip()
    assert cleaned.endswith("pour accéder aux acheteurs chinois?")


# ---------------------------------------------------------------- corpus HTML pages
HTML_PAGES = [
    ("vosges_kazakhstan.html", "vosges_kazakhstan.txt", "Le Kazakhstan s’intéresse à l’industrie vosgienne",
     "ACTU 88", "https://www.actu88.fr/economie/le-kazakhstan-sinteresse-a-lindustrie-vosgienne/"),
    ("amiens_zhengzhou.html", "amiens_zhengzhou.txt", "Amiens reçoit une délégation de la ville chinoise de Zhengzhou",
     "Somme Éco", "https://www.somme-eco.fr/economie/amiens-recoit-une-delegation-de-zhengzhou/"),
]
PAGE_BOILERPLATE = ["Jannah", "cookies", "Partager", "Articles similaires", "Vous aimerez aussi", "Bouton retour",
                    "Tous droits réservés", "Journaliste, c'est mon job", "Les plus lus", "commentaire",
                    "Newsletter", "Mentions légales", "Accueil", "Tags", "Article précédent", "Rechercher"]


@pytest.mark.parametrize("page, seed_name, title, sitename, url", HTML_PAGES)
def test_corpus_page_gives_title_paragraphs_and_no_boilerplate(page, seed_name, title, sitename, url):
    cleaned = clean_html((CORPUS / "html" / page).read_bytes())
    assert isinstance(cleaned, Cleaned)
    assert (cleaned.title, cleaned.sitename, cleaned.url, cleaned.published) == (title, sitename, url, None)
    assert cleaned.text.startswith(title + "\n\n")
    # trafilatura turns no-break spaces into spaces: compare paragraphs with whitespace normalised.
    seed_paragraphs = [" ".join(p.split()) for p in clean_text(seed(seed_name)).split("\n\n")
                       if p not in (title, "Economie", "B.Boulay")]
    assert [" ".join(p.split()) for p in cleaned.text.split("\n\n")[1:]] == seed_paragraphs
    for marker in PAGE_BOILERPLATE:
        assert marker not in cleaned.text


# ---------------------------------------------------------------- boilerplate vs look-alike article lines
LINE_CASES = cases("clean_lines.jsonl")


@pytest.mark.parametrize("case", LINE_CASES, ids=[c["line"][:40] for c in LINE_CASES])
def test_line_is_dropped_only_when_a_boilerplate_pattern_says_so(case):
    text = f"{INTRO}\n\n{case['line']}\n\n{OUTRO}"
    expected = f"{INTRO}\n\n{OUTRO}" if case["boilerplate"] else text
    assert clean_text(text) == expected


@pytest.mark.parametrize("case", [c for c in LINE_CASES if not c["boilerplate"]],
                         ids=[c["line"][:40] for c in LINE_CASES if not c["boilerplate"]])
def test_short_article_text_alone_is_an_article(case):
    assert clean_text(case["line"]) == case["line"]


def test_end_marker_drops_the_related_posts_after_it():
    text = (f"{INTRO}\n\n{OUTRO}\n\nArticles similaires\n\nSaumur : le Cadre noir en tournée au Japon\n\n"
            "Mishima : les cerisiers de l'amitié plantés au parc\n\nLaisser un commentaire")
    assert clean_text(text) == f"{INTRO}\n\n{OUTRO}"


def test_end_marker_before_the_article_does_not_cut_it():
    assert clean_text(f"Articles similaires\n{INTRO}\n\n{OUTRO}") == f"{INTRO}\n\n{OUTRO}"


def test_comment_section_is_cut_with_its_comments():
    text = f"{INTRO}\n\n{OUTRO}\n\nLaisser un commentaire\n\nTrès belle initiative de la mairie, bravo à tous !"
    assert clean_text(text) == f"{INTRO}\n\n{OUTRO}"


def test_author_bio_at_the_end_goes_and_the_byline_stays():
    bio = ("Journaliste depuis vingt ans, je couvre l'actualité du Saumurois. "
           "N'hésitez pas à me contacter pour me signaler une information.")
    assert clean_text(f"{INTRO}\n\n{OUTRO}\n\nP. Martin\n\n{bio}") == f"{INTRO}\n\n{OUTRO}\n\nP. Martin"


def test_inline_share_buttons_are_cut_from_the_sentence():
    line = ("Cliquez pour partager sur Twitter(ouvre dans une nouvelle fenêtre)Cliquez pour partager sur "
            "Facebook(ouvre dans une nouvelle fenêtre) Le maire de Mishima a été reçu à l'hôtel de ville.")
    assert clean_text(line) == "Le maire de Mishima a été reçu à l'hôtel de ville."


# ---------------------------------------------------------------- encodings
ARTICLE_HTML = """<!DOCTYPE html><html lang="fr"><head>{meta}<title>Saumur reçoit Mishima</title></head><body>
<nav><a href="/">Accueil</a> <a href="/eco/">Économie</a></nav>
<article><h1>Saumur reçoit Mishima</h1>
<p>{intro}</p>
<p>Les élus japonais ont découvert le cœur historique de la ville, l’abbaye de Fontevraud et les caves de Saumur-Champigny.</p>
<p>« Nous voulons développer les échanges touristiques », a expliqué l’adjoint au maire de Mishima.</p>
</article><footer>© 2024 Saumur Infos – Tous droits réservés</footer></body></html>"""


def page(meta: str = "", latin1_safe: bool = False) -> str:
    html = ARTICLE_HTML.format(meta=meta, intro=INTRO)
    return html.replace("’", "'").replace("œ", "oe").replace("–", "-") if latin1_safe else html


@pytest.mark.parametrize("data, expected", [
    (page('<meta charset="iso-8859-1">', latin1_safe=True).encode("latin-1"), "le coeur historique"),
    (page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252"),
     "le cœur historique"),
    (page().encode("cp1252"), "le cœur historique"),  # undeclared windows-1252
    (b"\xef\xbb\xbf" + page('<meta charset="utf-8">').encode("utf-8"), "le cœur historique"),
    (page().encode("utf-8"), "le cœur historique"),
])
def test_page_bytes_are_decoded(data, expected):
    cleaned = clean_html(data)
    assert expected in cleaned.text
    assert "Les élus japonais ont découvert" in cleaned.text
    assert "Économie" not in cleaned.text and "\ufffd" not in cleaned.text
    assert cleaned.title == "Saumur reçoit Mishima"


def test_publication_date_comes_from_the_page_metadata():
    meta = '<meta property="article:published_time" content="2023-06-16T08:30:00+02:00">'
    assert clean_html(page(meta), url="https://www.example.org/saumur").published == "2023-06-16"
    assert clean_html(page()).published is None


# ---------------------------------------------------------------- tables
DATA_TABLE = ("<table><tr><th>Pays</th><th>Visiteurs</th></tr><tr><td>Japon</td><td>1 240</td></tr>"
              "<tr><td>Chine</td><td>860</td></tr></table>")
TABLE_TEXT = "| Pays | Visiteurs |\n| Japon | 1 240 |\n| Chine | 860 |"


def layout_table_page(cell: str) -> str:
    return ("<html><head><meta charset='utf-8'><title>Saumur reçoit Mishima</title></head><body><table>"
            "<tr><td colspan='2'><a>Accueil</a> | <a>Sports</a> | <a>Annonces</a> | <a>Forum</a></td></tr>"
            "<tr><td><a>Rubriques</a><br><a>Agenda des associations</a><br><a>Petites annonces</a></td>"
            f"<td>{cell}</td></tr></table></body></html>")


def test_data_table_in_an_article_is_kept_rows_together():
    cleaned = clean_html(page().replace("</article>", DATA_TABLE + "</article>"))
    assert TABLE_TEXT in cleaned.text.split("\n\n")


def test_layout_table_page_gives_the_article_without_its_menus():
    cleaned = clean_html(layout_table_page(f"<h1>Saumur reçoit Mishima</h1><p>{INTRO}</p><p>{OUTRO}</p>"))
    assert cleaned.text == f"Saumur reçoit Mishima\n\n{INTRO}\n\n{OUTRO}"


def test_data_table_inside_a_layout_table_stays_a_table():
    cleaned = clean_html(layout_table_page(f"<h1>Saumur reçoit Mishima</h1><p>{INTRO}</p>{DATA_TABLE}<p>{OUTRO}</p>"))
    assert cleaned.text == f"Saumur reçoit Mishima\n\n{INTRO}\n\n{TABLE_TEXT}\n\n{OUTRO}"


# ---------------------------------------------------------------- no article
@pytest.mark.parametrize("data", [
    b"",
    "   \n ",
    bytes(range(256)) * 8,  # binary junk with an .html name
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "<html><head><title>Accueil</title></head><body></body></html>",
    "<html><body><nav><a>Accueil</a> <a>Sports</a></nav><footer>© 2024 Saumur Infos – Tous droits réservés"
    "</footer></body></html>",
])
def test_page_without_article_raises(data):
    with pytest.raises(NoArticleError):
        clean_html(data)


@pytest.mark.parametrize("text", [
    "",
    " \n\n \n",
    f"{NAG}\nPartager sur Facebook\n\nArticles similaires\n\nBouton retour en haut de la page",
    "Menu\nRechercher\nAccueil > Sport\nTout accepter",
    "Photo : Jean Dupont\n\nPartager :",
])
def test_text_without_article_raises(text):
    with pytest.raises(NoArticleError):
        clean_text(text)
