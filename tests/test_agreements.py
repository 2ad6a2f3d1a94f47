"""presse_agreements: agreements read from French sentences written for these tests.

Each case of `cases/agreements.jsonl` is a short French text, its publication date and the
agreements it holds: the set of party countries and, where the text gives it, the date.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.lang.fr import French

from pipeline.components.agreements import AgreementsComponent
from pipeline.tables import MODELS_DIR, read_tables

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "agreements.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


def agreements(nlp, text, published, url=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.url = url
    doc = nlp(doc)
    return [span._.event for span in doc.spans.get("events", [])
            if span._.event and span._.event["type"] == "agreement"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_agreements(nlp, case):
    found = agreements(nlp, case["text"], case["published"], case.get("url"))
    assert len(found) == len(case["agreements"]), found
    for want in case["agreements"]:
        match = [a for a in found if {p["country"] for p in a["parties"]} == set(want["countries"])]
        assert match, (want, found)
        if "date" in want:
            assert match[0]["date"] == want["date"]
        assert match[0]["cameo"] == "057" and match[0]["plover"] == "AGREE"
        assert match[0]["rule"].startswith("agreement.") and 0 < match[0]["confidence"] <= 1


def test_runs_after_the_visits(nlp):
    names = nlp.pipe_names
    assert names.index("presse_agreements") > names.index("presse_events")


@pytest.mark.parametrize("table,row,field,message", [
    ("triggers.jsonl", {"id": "agreement.x", "anchor": "0", "confidence": 0.5, "pattern": [{"LOWER": "pacte"}]},
     "anchor", "triggers.jsonl row"),
    ("triggers.jsonl", {"id": "agreement.x", "anchor": 0, "confidence": 2, "pattern": [{"LOWER": "pacte"}]},
     "confidence", "not in (0, 1]"),
    ("cues.jsonl", {"id": "cue.x", "cue": "wish", "pattern": [{"LOWER": "voeu"}]}, "cue", "unknown kind 'wish'"),
])
def test_bad_rows_are_refused_on_load(table, row, field, message):
    tables = read_tables(MODELS_DIR / "agreements")
    tables[table] = tables[table] + [row]
    component = AgreementsComponent(French(), "presse_agreements", min_countries=2, hedge_before=5, hedge_after=2,
                                     place_prepositions=["à"], home_country="FR")
    with pytest.raises(ValueError) as error:
        component.set_tables(tables)
    text = str(error.value)
    assert f"row {len(tables[table])}" in text and repr(field) in text and message in text


def test_tables_round_trip(nlp, tmp_path):
    component = nlp.get_pipe("presse_agreements")
    component.to_disk(tmp_path)
    copy = AgreementsComponent(nlp, "presse_agreements", min_countries=2, hedge_before=5, hedge_after=2,
                                     place_prepositions=["à"], home_country="FR")
    copy.from_disk(tmp_path)
    assert copy.rules == component.rules and copy.party_nouns == component.party_nouns
