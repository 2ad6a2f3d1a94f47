"""KeyOpenings: a position is skipped only when no span starting there can have a key of the table."""
import pytest

from pipeline.text import KeyOpenings, place_key

TABLE = {place_key(name) for name in ("l'Élysée", "Matignon", "le Sénat", "l'Assemblée nationale",
                                        "palais de Carthage", "Ville rose", "St-Cyr")}


@pytest.mark.parametrize("words", [
    ["l'", "Élysée", "puis", "Matignon"], ["l'", "Assemblée", "nationale", "du", "Togo"],
    ["la", "Ville", "rose", "pour"], ["au", "palais", "de", "Carthage", ","], ["le", "Sénat", "américain"],
    ["St", "-", "Cyr", "l'", "École"], ["Matignon", ",", "où"],
])
def test_a_span_holding_a_key_opens(words):
    texts = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
    assert any(place_key(t) in TABLE for t in texts)
    assert KeyOpenings(TABLE).opens(place_key(texts[-1]))


@pytest.mark.parametrize("words", [["Dakar", "pour", "une", "visite"], ["la", "mairie", "de", "Lyon"],
                                   ["l'", "usine", "Renault"], ["Sénégal", "et", "au", "Mali"]])
def test_a_span_holding_no_key_is_skipped(words):
    assert not KeyOpenings(TABLE).opens(place_key(" ".join(words)))


def test_a_table_holding_an_article_key_never_skips():
    assert KeyOpenings(TABLE | {"la"}).opens("dakar")
