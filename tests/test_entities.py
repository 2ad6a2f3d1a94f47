"""presse_entity_ruler and presse_entity_repair: expected spans and labels on French press sentences,
and the seeds' per-label entity F1 (their gold in tests/gold/corpus.jsonl, scored as eval/score.py does)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from casetables import cases
from pipeline.text import gold_key as fold
from pipeline.nlp import build_nlp

# The repo's own gold for corpus/ starts with the two seeds of ../shared/gold/seeds.jsonl.
SEEDS = Path(__file__).resolve().parent / "gold" / "corpus.jsonl"
COMPONENTS = ["presse_entity_ruler", "presse_entity_repair"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=COMPONENTS)


RULER = [(c["text"], [tuple(e) for e in c["expected"]]) for c in cases("entities_ruler.jsonl")]
REPAIR = [(c["text"], [tuple(e) for e in c["expected"]], c["absent"]) for c in cases("entities_repair.jsonl")]
PRESS = [(c["text"], [tuple(e) for e in c["expected"]]) for c in cases("entities_press.jsonl")]


def ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


# (sentence, entities that must be there)

# (sentence, entities that must be there, texts that must not be entities)


# Regional press sentences written for presse, with EVERY person, organisation and place they hold:
# foreign towns the model takes for persons, event names (MISC, not places), English slogans,
# demonyms, institutions and clubs.  The set must match exactly (as the scorer folds it).

@pytest.mark.parametrize("text,expected", PRESS)
def test_press_sentences(nlp, text, expected):
    """Compared as the scorer does: folded, leading determiners off ("La Chine" = "Chine")."""
    found = {(fold(e.text), e.label_) for e in nlp(text).ents if e.label_ in ("PER", "ORG", "LOC")}
    assert found == {(fold(t), label) for t, label in expected}


@pytest.mark.parametrize("text,misc", [
    ("Les visiteurs ont assisté aux concerts du festival des Nuits de Nacre.", "festival des Nuits de Nacre"),
    ("Tulle : une délégation de Cuenca aux Nuits de Nacre", "Nuits de Nacre"),
    ("Le projet « One belt, one road » a été présenté par la Chine.", "One belt, one road"),
    ("Le salon Made in Jura a ouvert ses portes.", "salon Made in Jura"),
])
def test_events_and_slogans_are_misc(nlp, text, misc):
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert (misc, "MISC") in found, found

@pytest.mark.parametrize("text,expected", RULER)
def test_ruler(nlp, text, expected):
    found = ents(nlp, text)
    for ent in expected:
        assert ent in found, f"{ent} not in {found}"


@pytest.mark.parametrize("text,expected,absent", REPAIR)
def test_repair(nlp, text, expected, absent):
    found = ents(nlp, text)
    for ent in expected:
        assert ent in found, f"{ent} not in {found}"
    texts = {t for t, _ in found}
    for t in absent:
        assert t not in texts, f"{t!r} should not be an entity: {found}"


def test_no_overlap_and_offsets(nlp):
    doc = nlp("Pascal Martin, vice-président de Grenoble-Alpes Métropole, et la CCI de Grenoble ont reçu "
              "l'ambassadeur du Chili.")
    spans = sorted((e.start_char, e.end_char) for e in doc.ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert ("Grenoble-Alpes Métropole", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_tables_round_trip(nlp, tmp_path):
    """Patterns and lexicons save with the pipeline and reload unchanged."""
    for name in COMPONENTS:
        pipe = nlp.get_pipe(name)
        pipe.to_disk(tmp_path / name)
        clone = type(pipe)(nlp, name).from_disk(tmp_path / name)
        assert clone.tables == pipe.tables
        assert type(pipe)(nlp, name).from_bytes(pipe.to_bytes()).tables == pipe.tables


# -- the seeds, scored like eval/score.py: sets of (folded text, label) per document ----------------


@pytest.mark.parametrize("label", ["PER", "ORG", "LOC"])
def test_seeds_f1(nlp, label):
    gold, pred = set(), set()
    for line in SEEDS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if "entities" not in doc:
            continue
        gold |= {(doc["id"], fold(t), lab) for t, lab in doc["entities"] if lab == label}
        pred |= {(doc["id"], fold(e.text), e.label_) for e in nlp(doc["text"]).ents if e.label_ == label}
    tp = len(gold & pred)
    f1 = 2 * tp / (len(gold) + len(pred))
    assert f1 >= 0.95, f"{label}: missing {sorted(gold - pred)}, extra {sorted(pred - gold)}"


# -- each pass of presse_entity_repair: what it does, and that without it the sentence comes out wrong --
PASS_CASES = cases("entity_passes.jsonl")


def holds(found: set, case: dict) -> bool:
    texts = {t for t, _ in found}
    return all(tuple(e) in found for e in case["expected"]) and not any(t in texts for t in case["absent"])


@pytest.mark.parametrize("case", PASS_CASES, ids=[f"{c['pass']}:{c['text'][:30]}" for c in PASS_CASES])
def test_repair_pass(nlp, case):
    repair = nlp.get_pipe("presse_entity_repair")
    assert case["pass"] in repair.SPAN_PASSES + repair.DOC_PASSES
    assert holds(ents(nlp, case["text"]), case), ents(nlp, case["text"])
    repair.span_passes = tuple(p for p in repair.SPAN_PASSES if p != case["pass"])
    repair.doc_passes = tuple(p for p in repair.DOC_PASSES if p != case["pass"])
    try:
        without = ents(nlp, case["text"])
    finally:
        repair.span_passes, repair.doc_passes = repair.SPAN_PASSES, repair.DOC_PASSES
    assert not holds(without, case), f"{case['pass']} is not what makes this case: {without}"
