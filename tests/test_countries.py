"""The one model of "which country does this mention carry", on French phrases written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.countries import Mention, country_of, doc_mentions, domain_country, home_country, ranked_countries, text_country

CASES = Path(__file__).resolve().parent / "cases"


def rows(name):
    return [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", rows("countries.jsonl"), ids=lambda r: r["text"])
def test_text_country(row):
    assert text_country(row["text"]) == row["country"]


@pytest.mark.parametrize("row", rows("countries_domains.jsonl"), ids=lambda r: str(r["url"]))
def test_domain_country(row):
    """The paper's country by its address: a country-code domain, none for a generic or open one."""
    assert domain_country(row["url"]) == row["country"]


@pytest.mark.parametrize("row", rows("countries_mentions.jsonl"), ids=lambda r: r["text"][:40])
def test_doc_mentions(nlp, row):
    doc = nlp(row["text"])
    found = {(m.text, m.country) for m in doc_mentions(doc, home_country(doc))}
    for text, country in row["mentions"]:
        assert (text, country) in found, found
    for text, country in row.get("not", []):  # "Mission Ouzbékistan" is no town "Mission" (US)
        assert (text, country) not in found, found


def test_home_country_only_when_nothing_else_says():
    own = Mention(0, 1, "demonym", "japonais", "DEM", "JP")
    silent = Mention(0, 1, "org", "la Chambre", "ORG", None)
    assert country_of(own, "FR") == "JP"
    assert country_of(silent, "FR") == "FR"


@pytest.mark.parametrize("named, ranked", [
    ([("FR", 0), ("CN", 5), ("CN", 9), ("FR", 12), ("MA", 20)], ["FR", "CN", "MA"]),  # a tie: the first named
    ([("SN", 3), ("CN", 7), ("CN", 11)], ["CN", "SN"]),
    ([], []),
])
def test_countries_rank_by_mentions_then_first_named(named, ranked):
    assert ranked_countries(named) == ranked
