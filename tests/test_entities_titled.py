"""Persons named after an honorific or a title ("Madame X", "le wali X", "le président X"), and the
capitalised words after a title that are no person (a demonym, a place, a party's initials, a fair).

Each row of tests/cases/entities_titled.jsonl: per = texts that must be PER entities, not_per = texts
that must not be."""
from __future__ import annotations

import pytest

from casetables import cases


@pytest.mark.parametrize("row", cases("entities_titled.jsonl"), ids=lambda r: r["text"][:50])
def test_titled_persons(nlp, row):
    found = {(e.text, e.label_) for e in nlp(row["text"]).ents}
    for name in row["per"]:
        assert (name, "PER") in found, (name, found)
    for name in row["not_per"]:
        assert (name, "PER") not in found, (name, found)
