"""presse_events, hosts: who receives the visitors, told in French sentences written for these tests.

Each row of tests/cases/events_hosts.jsonl is a short text and the one visit it must give:
vc = visitor country, dest = destination (folded prefix), hosts = names that must be among its
hosts, no_hosts = names that must not.
"""
from __future__ import annotations

import pytest

from casetables import cases
from pipeline.components.countries import fold


def visits(nlp, text):
    doc = nlp.make_doc(text)
    doc._.published = "2024-05-10"
    doc = nlp(doc)
    return [s._.event for s in doc.spans.get("events", []) if s._.event and s._.event["type"] == "visit"]


@pytest.mark.parametrize("row", cases("events_hosts.jsonl"), ids=lambda r: r["text"][:60])
def test_hosts(nlp, row):
    want = row["visit"]
    found = [e for e in visits(nlp, row["text"])
             if e["visitor"]["country"] == want["vc"] and fold(e["destination"]["name"]).startswith(fold(want["dest"]))]
    assert found, [(e["visitor"], e["destination"]["name"]) for e in visits(nlp, row["text"])]
    hosts = {fold(h["name"]) for h in found[0]["hosts"]}
    for name in want.get("hosts", []):
        assert fold(name) in hosts, (name, found[0]["hosts"])
    for name in want.get("no_hosts", []):
        assert fold(name) not in hosts, (name, found[0]["hosts"])
