"""The keys of pipeline/text.py: one per purpose, on French text written for presse."""
import unicodedata

import duckdb
import pytest

from pipeline.query import _MACROS
from pipeline.text import (SHORT, _UNIFY, edition_key, fold, fold_words, gold_key, match_key, place_key, sector_key,
                           spelling_key)

CASES = [
    # text, fold, fold_words, place_key, match_key, gold_key
    ("L’Œuvre", "l'oeuvre", "l'oeuvre", "oeuvre", "l uvre", "œuvre"),
    ("États-Unis", "etats-unis", "etats-unis", "etats unis", "etats unis", "etats unis"),
    ("la  Côte\nd’Ivoire", "la  cote\nd'ivoire", "la cote d'ivoire", "cote d'ivoire", "la cote d ivoire",
     "cote d'ivoire"),
    ("St-Ouen-sur-Seine", "st-ouen-sur-seine", "st-ouen-sur-seine", "saint ouen sur seine", "st ouen sur seine",
     "st ouen sur seine"),
    ("Le Mans.", "le mans.", "le mans.", "mans", "le mans", "mans"),
]


@pytest.mark.parametrize("text, folded, words, place, match, gold", CASES)
def test_each_key_folds_for_its_purpose(text, folded, words, place, match, gold):
    assert (fold(text), fold_words(text), place_key(text), match_key(text), gold_key(text)) == \
        (folded, words, place, match, gold)


def test_place_key_with_accents_tells_namesakes_apart():
    assert place_key("Mâcon") == place_key("Macon")
    assert place_key("Mâcon", accents=True) != place_key("Macon", accents=True)


@pytest.mark.parametrize("text, key", [
    ("agro-alimentaire", "agroalimentaire"), ("l'#innovation", "innovation"), ("d’Aéronautique", "aeronautique"),
    ("-", "-"),
])
def test_sector_key(text, key):
    assert sector_key(text) == key


def test_spelling_key_keeps_accents_and_edition_key_ignores_layout():
    assert spelling_key("  Aujourd’hui   Février ") == "aujourd'hui février"
    assert edition_key("LE MAIRE a reçu\n\nla délégation") == edition_key("Le maire a reçu la délégation")
    assert edition_key("reçu") != edition_key("recu")


@pytest.mark.parametrize("text", [c[0] for c in CASES] + [
    "Saint-Étienne", "Ürümqi (Xinjiang)", "  Jean-Marc  Ayrault ", "Zhōngguó", "", "Ville d'Avray 92",
])
def test_match_key_is_the_twin_of_sql_presse_norm(text):
    con = duckdb.connect()
    con.execute(_MACROS)
    assert con.execute("SELECT presse_norm(?)", [text]).fetchone()[0] == match_key(text)


FOLD_CASES = [
    ("L’Œuvre", "l'oeuvre"),
    ("États-Unis", "etats-unis"),
    ("Etats-Unis", "etats-unis"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("l`ambassadeur", "l'ambassadeur"),
    ("CŒUR", "coeur"),
    ("Ægée", "aegee"),
    ("", ""),
    (None, ""),
]


def reference(text):
    text = unicodedata.normalize("NFKD", (text or "").translate(_UNIFY))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("text,expected", FOLD_CASES)
def test_fold_short_and_long_alike(text, expected):
    assert fold(text) == expected == reference(text)
    assert fold(text) == expected  # the remembered answer is the same


@pytest.mark.parametrize("text", [
    "La délégation de la Région Île-de-France s’est rendue à Pékin pour une visite de trois jours.",
    "Le maire a reçu la délégation chinoise à l'hôtel de ville, puis a visité le port et l'usine.",
])
def test_fold_long_texts_as_words(text):
    assert len(text) > SHORT
    assert fold(text) == reference(text)
    assert fold(text) == " ".join(fold(w) for w in text.split(" "))
