"""The time stage of presse_events: which date a visit takes, on French sentences written for these tests.

Each row of tests/cases/events_time.jsonl is a text, its publication date, the visit to look at
(visitor country, destination) and the start and end it must get; `why` says what the row tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.countries import fold
from pipeline.components.events.time import approximate, narrower, nested, stay_days
from pipeline.nlp import build_nlp

CASES = Path(__file__).resolve().parent / "cases" / "events_time.jsonl"
ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("row", ROWS, ids=[f"events_time:{i}" for i in range(len(ROWS))])
def test_visit_dates(nlp, row):
    doc = nlp.make_doc(row["text"])
    doc._.published = row["published"]
    doc = nlp(doc)
    visits = [s._.event for s in doc.spans.get("events", []) if s._.event and s._.event["type"] == "visit"]
    found = [e for e in visits if e["visitor"]["country"] == row["vc"]
             and fold(e["destination"]["name"] or "").startswith(fold(row["dest"]))]
    assert found, (row["why"], [(e["visitor"]["country"], e["destination"]["name"]) for e in visits])
    assert (found[0]["start"], found[0]["end"]) == (row["start"], row["end"]), row["why"]
    if "status" in row:
        assert found[0]["status"] == row["status"], row["why"]


@pytest.mark.parametrize("inner,outer,expected", [
    (("2023-10-10", "2023-10-12"), ("2023-10-09", "2023-10-15"), True),    # days within their week
    (("2023-10-12", "2023-10-12"), ("2023-10", "2023-10"), True),          # a day within its month
    (("2023-10", "2023-10"), ("2023-10-09", "2023-10-15"), False),         # a month is not within a week
    (("2023-10-17", "2023-10-17"), ("2023-10-18", "2023-10-18"), False),   # two days side by side
    (("2023-10-09", "2023-10-15"), ("2023-10-09", "2023-10-15"), False),   # the same range says no more
])
def test_narrower(inner, outer, expected):
    assert narrower(inner, outer) is expected
    assert nested(inner, outer) is (expected or narrower(outer, inner))


def test_approximate_is_the_taggers_estimate():
    assert approximate({"value": "2024-02", "mod": "APPROX"})
    assert not approximate({"value": "2024-02", "mod": None})
    assert not approximate({"value": "2024-02", "mod": "START"})


@pytest.mark.parametrize("value,days", [
    ("P2D", 1), ("P1W", 6), ("PT24H", 1), ("PT48H", 2),
    ("PT36H", None),    # not a whole number of days: unsure which day it ends
    ("P1D", None),      # a one-day visit has no other day
    ("P3M", None), ("PXD", None), (None, None),
])
def test_stay_days(value, days):
    assert stay_days(value) == days
