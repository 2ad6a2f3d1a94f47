"""presse_interests: sector-interest events with their actor's country."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.interests import EVENTS_KEY


def interests(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(span._.event["actor"]["country"], span._.event["sector"])
            for span in doc.spans.get(EVENTS_KEY, []) if span._.event and span._.event["type"] == "sector_interest"}


CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "interests.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_actor_and_sector(nlp, case):
    """Each case: a French text and its (actor country, sector) pairs; [] for none."""
    assert interests(nlp, case["text"]) == {tuple(pair) for pair in case["interests"]}


def test_event_fields(nlp):
    doc = nlp("L'ambassadeur du Kazakhstan était dans les Vosges. Il est intéressé par l'automobile.")
    events = [s for s in doc.spans[EVENTS_KEY] if s._.event["type"] == "sector_interest"]
    assert len(events) == 1
    event = events[0]._.event
    assert event["actor"]["country"] == "KZ" and event["sector"] == "automobile"
    assert event["nace"] == "C29" and event["cameo"] == "061" and event["plover"] == "COOPERATE"
    assert event["rule"] == "interest.interesser" and 0 < event["confidence"] <= 1
    assert "intéressé par l'automobile" in events[0].text


def test_one_event_per_actor_and_sector(nlp):
    doc = nlp("La délégation chinoise s'intéresse au textile. Elle est aussi intéressée par le textile technique.")
    pairs = [(s._.event["actor"]["country"], s._.event["sector"]) for s in doc.spans[EVENTS_KEY]
             if s._.event["type"] == "sector_interest"]
    assert pairs == [("CN", "textile-habillement")]


def test_vosges_seed_end_to_end(nlp, corpus_dir):
    doc = nlp((corpus_dir / "vosges_kazakhstan.txt").read_text(encoding="utf-8"))
    found = {(s._.event["actor"]["country"], s._.event["sector"]) for s in doc.spans[EVENTS_KEY]
             if s._.event["type"] == "sector_interest"}
    assert {("KZ", slug) for slug in ("automobile", "eco-materiaux", "textile-habillement", "bois-foret",
                                      "agroalimentaire", "recherche-innovation")} <= found
    assert {country for country, _ in found} == {"KZ"}


def test_round_trip_to_disk_and_bytes(nlp, tmp_path):
    from pipeline.nlp import build_nlp

    text = "L'ambassadeur du Japon était à Lyon. Il est intéressé par la robotique et le textile."
    expected = interests(nlp, text)
    nlp.get_pipe("presse_interests").to_disk(tmp_path / "interests")
    fresh = build_nlp(components=["presse_places", "presse_sectors"])
    fresh.add_pipe("presse_interests").from_disk(tmp_path / "interests")
    assert interests(fresh, text) == expected
    fresh.replace_pipe("presse_interests", "presse_interests")
    fresh.get_pipe("presse_interests").from_bytes(nlp.get_pipe("presse_interests").to_bytes())
    assert interests(fresh, text) == expected


@pytest.mark.parametrize("row,field", [
    ({"id": "x", "role": "trigger", "pattern": [{"LOWER": "x"}], "scope": "everywhere", "confidence": 0.5}, "scope"),
    ({"id": "x", "role": "trigger", "pattern": [{"LOWER": "x"}], "actor": ["verb"], "confidence": 0.5}, "actor"),
    ({"id": "x", "role": "cue", "pattern": [{"LOWER": "x"}]}, "role"),
    ({"id": "x", "role": "trigger", "pattern": [{"LOWER": "x"}], "confidence": 1.5}, "confidence"),
    ({"id": "x", "role": "trigger", "kind": "dep", "confidence": 0.5, "pattern": [
        {"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": "x"}},
        {"LEFT_ID": "a", "REL_OP": "<", "RIGHT_ID": "b", "RIGHT_ATTRS": {"DEP": "obj"}}]}, "REL_OP"),
    ({"id": "x", "role": "trigger", "kind": "dep", "confidence": 0.5, "pattern": [
        {"RIGHT_ID": "a", "RIGHT_ATTRS": {"ENT_TYPE": "LOC"}}]}, "RIGHT_ATTRS"),
])
def test_bad_rules_are_refused_on_load(row, field):
    from spacy.lang.fr import French

    from pipeline.components.interests import ACTOR_WEIGHTS, SectorInterests
    from pipeline.tables import MODELS_DIR, read_tables

    tables = read_tables(MODELS_DIR / "interests")
    tables["triggers.jsonl"] = tables["triggers.jsonl"] + [row]
    with pytest.raises(ValueError, match=f"triggers.jsonl row {len(tables['triggers.jsonl'])} .*field '{field}'"):
        SectorInterests(French(), "presse_interests", weights=ACTOR_WEIGHTS).set_tables(tables)


@pytest.mark.parametrize("text, word, named", [
    ("Le voyage est organisé par l'association Cuba Coopération Guadeloupe.", "Coopération", True),
    ("La coopération avec Cuba porte sur le tourisme.", "coopération", False),
    ("Coopération : les deux régions signent.", "Coopération", False),
])
def test_trigger_inside_a_name(nlp, text, word, named):
    from pipeline.components.interests import _in_name

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert _in_name(token) is named


@pytest.mark.parametrize("text", [
    "La Tunisie veut développer la coopération dans le secteur du textile.",
    "Les deux pays exportent des produits de la pêche et importent du bois.",
    "La délégation a visité une usine du secteur textile.",
    "Le secteur minier guinéen attire les investisseurs émiratis et les entreprises turques.",
    "La partie japonaise s'est engagée à appuyer le Bénin dans l'hydraulique et en matière de santé.",
])
def test_dependency_patterns_match_as_spacy_does(nlp, text):
    """The dependency patterns, read off token arrays, give the matches of spaCy's DependencyMatcher
    whose first node is in a sentence that names a sector."""
    from spacy.matcher import DependencyMatcher

    component = nlp.get_pipe("presse_interests")
    doc = nlp(text)
    sentences = {sector.sent.start: sector.sent for sector in doc.spans["sectors"]}
    reference = DependencyMatcher(nlp.vocab)
    for rule, _ in component.dep_rules:
        reference.add(rule["id"], [rule["pattern"]])
    expected = sorted((nlp.vocab.strings[key], ids) for key, ids in reference(doc) if doc[ids[0]].sent.start in sentences)
    assert sorted((rule["id"], ids) for rule, ids in component._dep_matches(doc, sentences)) == expected
