"""Who is received in an audience, a courtesy call or a reception (tests/cases/events_receptions.jsonl).

French-language press at home and abroad tells these from the host's side ("le Premier ministre a reçu
l'ambassadeur de Turquie", in a paper of Senegal): the visitor is the party received, the destination is
where the host sits (his people, else the paper's own country for an office of state), the host the one
who receives.  Near misses tell no visit: a country's own officials received at home, things received
("le prix", "une lettre"), meetings held by telephone or at a summit the sentence places nowhere.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.countries import fold

CASES = Path(__file__).resolve().parent / "cases" / "events_receptions.jsonl"
ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def visits(nlp, row):
    doc = nlp.make_doc(row["text"])
    doc._.published, doc._.url = row["published"], row.get("url")
    return [s._.event for s in nlp(doc).spans.get("events", []) if s._.event and s._.event["type"] == "visit"
            and s._.event["visitor"]["country"] != s._.event["destination"]["country"]]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["text"][:50])
def test_who_is_received(nlp, row):
    found = visits(nlp, row)
    assert len(found) == len(row["expected"]), [(e["rule"], e["visitor"], e["destination"]) for e in found]
    for want in row["expected"]:
        e = next((e for e in found if e["visitor"]["country"] == want["vc"]
                  and fold(e["destination"]["name"]).startswith(fold(want["dest"]))), None)
        assert e is not None, (want, [(e["visitor"], e["destination"]) for e in found])
        assert e["destination"]["country"] == want["dc"]
        if "rule" in want:
            assert e["rule"] == want["rule"]
        hosts = {fold(h["name"]) for h in e["hosts"]}
        assert all(fold(name) in hosts for name in want.get("hosts", [])), e["hosts"]
        named = {fold(v["name"]) for v in e["visitors"]}
        assert all(fold(name) in named for name in want.get("visitors", [])), e["visitors"]
