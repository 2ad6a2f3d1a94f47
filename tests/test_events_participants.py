"""presse_events, participants stage: who travels where, told in French sentences written for these tests.

Each row of tests/cases/events_participants.jsonl is a short text and the one visit it must give:
vc = visitor country, dest = destination (folded prefix), dc = its country, url = the paper's address, hosts / visitors = names that must be among
them, no_hosts / no_visitors = names that must not.
"""
from __future__ import annotations

import pytest

from casetables import cases, the_visit
from pipeline.components.countries import fold


@pytest.mark.parametrize("row", cases("events_participants.jsonl"), ids=lambda r: r["text"][:50])
def test_participants(nlp, row):
    want = row["visit"]
    e = the_visit(nlp, row["text"], want["vc"], want["dest"], url=row.get("url"))
    if "dc" in want:
        assert e["destination"]["country"] == want["dc"], e["destination"]
    hosts = {fold(h["name"]) for h in e["hosts"]}
    named = {fold(v["name"]) for v in e["visitors"]}
    for name in want.get("hosts", []):
        assert fold(name) in hosts, (name, e["hosts"])
    for name in want.get("visitors", []):
        assert fold(name) in named, (name, e["visitors"])
    for name in want.get("no_hosts", []):
        assert fold(name) not in hosts, (name, e["hosts"])
    for name in want.get("no_visitors", []):
        assert fold(name) not in named, (name, e["visitors"])
