"""The assembled pipeline: component order, and a saved pipeline that loads like any spaCy pipeline."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.nlp import COMPONENTS

TEXT = ("Mardi 14 mai 2019, le maire de Nantes, Jeanne Martin, a reçu une délégation chinoise de Wuhan, "
        "particulièrement intéressée par l'aéronautique. Un accord de coopération a été signé.")


def summary(doc) -> dict:
    return {
        "ents": [(e.text, e.label_, (e._.place or {}).get("code")) for e in doc.ents],
        "dates": [(s.text, s._.timex["value"]) for s in doc.spans["dates"]],
        "events": sorted(json.dumps(s._.event, sort_keys=True, ensure_ascii=False) for s in doc.spans["events"]),
    }


def test_components_follow_the_base_model_in_order(nlp):
    ours = [name for name, _, _ in COMPONENTS]
    assert nlp.pipe_names[-len(ours):] == ours
    assert nlp.pipe_names[: -len(ours)] == ["tok2vec", "morphologizer", "parser", "attribute_ruler",
                                            "lemmatizer", "ner"]


def load_elsewhere(folder: Path, cwd: Path) -> dict:
    """`spacy.load` of a saved pipeline in a fresh process started in another folder: the summary of
    TEXT, and the place the helpers other components call (`resolve_place`) give Wuhan."""
    script = (
        "import json, spacy, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_nlp import TEXT, summary\n"
        "from pipeline.components.places import resolve_place\n"
        f"nlp = spacy.load({str(folder)!r})\n"
        "print(json.dumps({**summary(nlp(TEXT)), 'wuhan': resolve_place('Wuhan')}, ensure_ascii=False))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_saved_pipeline_is_self_contained(nlp, tmp_path):
    """A saved pipeline loads with `spacy.load` far from the checkout and gives the same output; its
    place tables are the ones every component reads: a name the saved tables rule out is no place."""
    nlp.to_disk(tmp_path / "presse_nlp")
    expected = summary(nlp(TEXT))
    assert expected["events"], "the sentence must give events for this test to mean something"
    (tmp_path / "elsewhere").mkdir()
    loaded = load_elsewhere(tmp_path / "presse_nlp", tmp_path / "elsewhere")
    assert loaded.pop("wuhan")["country"] == "CN"
    assert loaded == json.loads(json.dumps(expected, ensure_ascii=False))

    shutil.copytree(tmp_path / "presse_nlp", tmp_path / "edited")
    with (tmp_path / "edited" / "presse_places" / "not_places.tsv").open("a", encoding="utf-8") as f:
        f.write("Wuhan\n")
    edited = load_elsewhere(tmp_path / "edited", tmp_path / "elsewhere")
    assert edited.pop("wuhan") is None
    assert ["Wuhan", "LOC", None] in edited["ents"]


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
