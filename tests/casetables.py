"""Reading the case tables of tests/cases/ (one JSON object a line) for pytest.mark.parametrize."""
from __future__ import annotations

import json
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"


def cases(name: str) -> list[dict]:
    """The rows of tests/cases/<name>."""
    return [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def case_rows(name: str, fields: tuple[str, ...]) -> list[tuple]:
    """The rows of tests/cases/<name> as tuples, in the order of `fields`."""
    return [tuple(row[f] for f in fields) for row in cases(name)]


def the_visit(nlp, text: str, visitor_country: str, destination: str, published: str = "2024-05-10",
              url: str | None = None) -> dict:
    """The visit of `text` (published at `url`) with that visitor country and a destination starting with
    `destination` (folded), for the case tables of the events stages; fails naming the visits found instead."""
    from pipeline.text import fold_words as fold

    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.url = url
    visits = [s._.event for s in nlp(doc).spans.get("events", []) if s._.event and s._.event["type"] == "visit"]
    found = [e for e in visits if e["visitor"]["country"] == visitor_country
             and fold(e["destination"]["name"]).startswith(fold(destination))]
    assert found, [(e["visitor"], e["destination"]["name"]) for e in visits]
    return found[0]
