"""The assembled pipeline: component order, and a saved pipeline that loads like any spaCy pipeline."""
from __future__ import annotations

import json
import subprocess
import sys

from pipeline.nlp import COMPONENTS

TEXT = ("Mardi 14 mai 2019, le maire de Nantes, Jeanne Martin, a reçu une délégation chinoise de Wuhan, "
        "particulièrement intéressée par l'aéronautique. Un accord de coopération a été signé.")


def summary(doc) -> dict:
    return {
        "ents": [(e.text, e.label_) for e in doc.ents],
        "dates": [(s.text, s._.timex["value"]) for s in doc.spans["dates"]],
        "events": sorted(json.dumps(s._.event, sort_keys=True, ensure_ascii=False) for s in doc.spans["events"]),
    }


def test_components_follow_the_base_model_in_order(nlp):
    ours = [name for name, _, _ in COMPONENTS]
    assert nlp.pipe_names[-len(ours):] == ours
    assert nlp.pipe_names[: -len(ours)] == ["tok2vec", "morphologizer", "parser", "attribute_ruler",
                                            "lemmatizer", "ner"]


def test_saved_pipeline_loads_with_spacy_load_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "presse_nlp")
    expected = summary(nlp(TEXT))
    assert expected["events"], "the sentence must give events for this test to mean something"
    script = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'presse_nlp')!r})\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps({'ents': [(e.text, e.label_) for e in doc.ents],"
        " 'dates': [(s.text, s._.timex['value']) for s in doc.spans['dates']],"
        " 'events': sorted(json.dumps(s._.event, sort_keys=True, ensure_ascii=False) for s in doc.spans['events'])},"
        " ensure_ascii=False))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == json.loads(json.dumps(expected, ensure_ascii=False))


def test_lemmatizer_with_set_lookups_gives_spacys_lemmas(nlp):
    """`index_lemma_lookups` changes how fast the lemmatizer looks words up, not what it finds."""
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer
    from spacy.lookups import Lookups

    from pipeline.nlp import IndexedWords

    lemmatizer = nlp.get_pipe("lemmatizer")
    assert all(isinstance(words, IndexedWords) for words in lemmatizer.lookups.get_table("lemma_index").values())
    plain = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        plain.add_table(name, {key: list(value) if isinstance(value, list) else value
                               for key, value in table.items()})
    spacy_lists = FrenchLemmatizer(nlp.vocab, None, "plain_lemmatizer", mode="rule")
    spacy_lists.initialize(lookups=plain)
    doc = nlp("Les ministres se sont rendus à Lyon, où ils ont visité les usines et signé des accords "
              "avec des entreprises chinoises intéressées par l'aéronautique.")
    assert [spacy_lists.lemmatize(token)[0] for token in doc] == [token.lemma_ for token in doc]
    assert [t.lemma_ for t in doc if t.text in ("rendus", "visité", "usines")] == ["rendre", "visiter", "usine"]


def test_lemma_cache_is_emptied_at_its_limit_and_lemmas_stay_the_same(nlp):
    from pipeline.nlp import BoundedCache

    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer.cache, BoundedCache)
    text = "Les délégations chinoises ont visité les chantiers navals de Saint-Nazaire."
    expected = [t.lemma_ for t in nlp(text)]
    limit, lemmatizer.cache.limit = lemmatizer.cache.limit, 3
    lemmatizer.cache.clear()
    try:
        assert [t.lemma_ for t in nlp(text)] == expected
        assert 1 <= len(lemmatizer.cache) <= 3
    finally:
        lemmatizer.cache.limit = limit


def test_every_attribute_a_component_requires_is_assigned_before_it(nlp):
    analysis = nlp.analyze_pipes()
    assert {name: missing for name, missing in analysis["problems"].items() if missing} == {}
    presse = {name: attrs for name, attrs in analysis["summary"].items() if name.startswith("presse_")}
    assert all(attrs["assigns"] for attrs in presse.values()), presse
