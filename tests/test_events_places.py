"""presse_events, places: where each visit goes, told in French sentences written for these tests.

Each row of tests/cases/events_places.jsonl is a short text and the visits it must give, one per
stop: vc = visitor country, dest = destination (folded prefix); no_dest = places no visit of the
text may go to (an origin, a title's posting, the country of a trip whose town is named).
"""
from __future__ import annotations

import pytest

from casetables import cases, the_visit
from pipeline.text import fold_words as fold


@pytest.mark.parametrize("row", cases("events_places.jsonl"), ids=lambda r: r["text"][:60])
def test_destinations(nlp, row):
    for want in row["visits"]:
        the_visit(nlp, row["text"], want["vc"], want["dest"])
    if row.get("no_dest"):
        doc = nlp.make_doc(row["text"])
        doc._.published = "2024-05-10"
        names = [fold(s._.event["destination"]["name"]) for s in nlp(doc).spans.get("events", [])
                 if s._.event and s._.event["type"] == "visit"]
        for place in row["no_dest"]:
            assert not any(n.startswith(fold(place)) for n in names), (place, names)
