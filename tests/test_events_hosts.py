"""presse_events, hosts: who receives the visitors, told in French sentences written for these tests.

Each row of tests/cases/events_hosts.jsonl is a short text and the one visit it must give:
vc = visitor country, dest = destination (folded prefix), hosts = names that must be among its
hosts, no_hosts = names that must not.
"""
from __future__ import annotations

import pytest

from casetables import cases, the_visit
from pipeline.components.countries import fold


@pytest.mark.parametrize("row", cases("events_hosts.jsonl"), ids=lambda r: r["text"][:60])
def test_hosts(nlp, row):
    want = row["visit"]
    e = the_visit(nlp, row["text"], want["vc"], want["dest"], url=row.get("url"))
    hosts = {fold(h["name"]) for h in e["hosts"]}
    for name in want.get("hosts", []):
        assert fold(name) in hosts, (name, e["hosts"])
    for name in want.get("no_hosts", []):
        assert fold(name) not in hosts, (name, e["hosts"])
