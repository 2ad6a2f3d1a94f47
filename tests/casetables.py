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
