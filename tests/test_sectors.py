"""presse_sectors: French sector wordings -> slugs of models/sectors/sectors.tsv."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.sectors import SPANS_KEY
from pipeline.tables import MODELS_DIR, read_table, read_tables


def slugs(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span._.sector["slug"]) for span in doc.spans[SPANS_KEY]]


CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "sectors.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_wording(nlp, case):
    """Each case: a wording of the text and its slug; slug null: the wording is no sector there."""
    found = slugs(nlp, case["text"])
    if case["slug"]:
        assert (case["wording"], case["slug"]) in found
    else:
        assert case["wording"] not in [w for w, _ in found]


def test_span_carries_taxonomy_codes(nlp):
    doc = nlp("La filière bois recrute.")
    span = doc.spans[SPANS_KEY][0]
    assert span._.sector == {"slug": "bois-foret", "nace": "A02;C16;C31", "label": "Bois, forêt, ameublement"}


def test_every_lexicon_slug_is_in_the_taxonomy():
    taxonomy = {row["slug"] for row in read_table(MODELS_DIR / "sectors" / "sectors.tsv")}
    lexicon = read_table(MODELS_DIR / "sectors" / "lexicon.tsv")
    assert {row["slug"] for row in lexicon} == taxonomy      # every slug has French wordings
    assert len(lexicon) >= 300


def test_round_trip_to_disk_and_bytes(nlp, tmp_path):
    from pipeline.nlp import build_nlp

    text = "Ils sont intéressés par l'automobile, le textile et la filière bois."
    expected = slugs(nlp, text)
    nlp.get_pipe("presse_sectors").to_disk(tmp_path / "sectors")
    fresh = build_nlp(components=[])
    fresh.add_pipe("presse_sectors").from_disk(tmp_path / "sectors")
    assert slugs(fresh, text) == expected
    fresh.replace_pipe("presse_sectors", "presse_sectors")
    fresh.get_pipe("presse_sectors").from_bytes(nlp.get_pipe("presse_sectors").to_bytes())
    assert slugs(fresh, text) == expected


@pytest.mark.parametrize("table,row,message", [
    ("lexicon.tsv", {"slug": "aerospace", "term": "fusée", "pos": None}, "lexicon.tsv row {n} ('fusée'), field 'slug'"),
    ("contexts.jsonl", {"id": "x", "label": "aerospace", "pattern": [{"LOWER": "fusée"}]},
     "contexts.jsonl row {n}, field 'label'"),
])
def test_bad_rows_are_refused_on_load(table, row, message):
    from spacy.lang.fr import French

    from pipeline.components.sectors import SectorTagger

    tables = read_tables(MODELS_DIR / "sectors")
    tables[table] = tables[table] + [row]
    with pytest.raises(ValueError, match=message.format(n=len(tables[table])).replace("(", r"\(").replace(")", r"\)")):
        SectorTagger(French(), "presse_sectors").set_tables(tables)
