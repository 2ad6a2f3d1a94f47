"""presse_events, sites: the place of a visited institution whose own words say where it is, told in
French sentences written for these tests.

Each row of tests/cases/events_sites.jsonl: vc = visitor country, dest = destination (folded prefix),
country = the destination's country; none = no visit of that visitor country may be found (an
institution named after a person, not a town); not = places no visit of the text may go to.
"""
from __future__ import annotations

import pytest

from casetables import cases, the_visit
from pipeline.text import fold_words as fold


@pytest.mark.parametrize("row", cases("events_sites.jsonl"), ids=lambda r: r["text"][:60])
def test_site_places(nlp, row):
    if row.get("none"):
        doc = nlp.make_doc(row["text"])
        doc._.published = "2024-05-10"
        visits = [s._.event for s in nlp(doc).spans.get("events", []) if s._.event and s._.event["type"] == "visit"]
        assert not [e for e in visits if e["visitor"]["country"] == row["vc"]], visits
        return
    visit = the_visit(nlp, row["text"], row["vc"], row["dest"])
    assert visit["destination"]["country"] == row["country"], visit["destination"]
    if row.get("not"):
        doc = nlp.make_doc(row["text"])
        doc._.published = "2024-05-10"
        names = [fold(s._.event["destination"]["name"]) for s in nlp(doc).spans.get("events", [])
                 if s._.event and s._.event["type"] == "visit"]
        assert not any(n.startswith(fold(p)) for p in row["not"] for n in names), names
