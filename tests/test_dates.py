"""French temporal expressions: mention, TIMEX3 value and kind, resolved against the publication date.

Unless said otherwise the article is published on Friday 23 August 2019 (ISO week 34).
"""
import json
import re
from pathlib import Path

import pytest
import spacy

from pipeline.nlp import build_nlp

PUB = "2019-08-23"
PUB2 = "2021-03-10"
PUB3 = "2018-11-30"
PUB4 = "2017-06-02"
PUB5 = "2023-01-04"
PUB6 = "2022-10-07"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout, when present

CASE_DIR = Path(__file__).resolve().parent / "cases"


def rows(name: str) -> list[dict]:
    """The rows of tests/cases/<name>.jsonl."""
    lines = (CASE_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# {text, published, mention, value, kind}: the mention found in the sentence and its TIMEX3 value
CASES = [(r["text"], r["published"], r["mention"], r["value"], r["kind"]) for r in rows("dates_expressions")]
# {text, published, forbidden}: words that must not be read as a date
FALSE_ALARMS = [(r["text"], r["published"], r["forbidden"]) for r in rows("dates_false_alarms")]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["presse_dates"])


def run(nlp, texts_and_dates):
    docs = []
    for text, published in texts_and_dates:
        doc = nlp.make_doc(text)
        doc._.published = published
        docs.append(doc)
    return list(nlp.pipe(docs))


@pytest.fixture(scope="module")
def case_docs(nlp):
    return run(nlp, [(c[0], c[1]) for c in CASES])


def mention(doc, text):
    found = [s for s in doc.spans["dates"] if s.text == text]
    assert found, f"{text!r} not found; got {[s.text for s in doc.spans['dates']]}"
    return found[0]


@pytest.mark.parametrize("i", range(len(CASES)), ids=[c[2] + "|" + str(c[1]) for c in CASES])
def test_expression(case_docs, i):
    _, _, text, value, kind = CASES[i]
    timex = mention(case_docs[i], text)._.timex
    assert (timex["value"], timex["kind"]) == (value, kind)


def test_every_kind_is_covered():
    assert {c[4] for c in CASES} == {"date", "range", "duration", "set", "vague"}
    assert len(CASES) >= 100


@pytest.mark.parametrize("text,published,forbidden", FALSE_ALARMS)
def test_false_alarm(nlp, text, published, forbidden):
    doc = run(nlp, [(text, published)])[0]
    start = text.index(forbidden)
    end = start + len(forbidden)
    assert not [s.text for s in doc.spans["dates"] if s.start_char < end and start < s.end_char]


@pytest.mark.parametrize("text,value,start,end,mod,anchor", [
    ("Ils reçoivent du 25 au 27 août une délégation.", "2019-08-25/2019-08-27", "2019-08-25", "2019-08-27",
     None, "published"),
    ("Fin octobre, la délégation reviendra.", "2019-10", "2019-10", "2019-10", "END", "published"),
    ("La visite aura lieu à la mi-mars 2020.", "2020-03", "2020-03", "2020-03", "MID", "explicit"),
    ("Début 2020, le chantier démarrera.", "2020", "2020", "2020", "START", "explicit"),
    ("La semaine prochaine, le ministre sera à Lyon.", "2019-W35",
     "2019-08-26", "2019-09-01", None, "published"),
    ("Au printemps 2020, l'usine ouvrira.", "2020-SP", "2020-03", "2020-06", None, "explicit"),
    ("Le trajet prend 45 jours.", "P45D", None, None, None, None),
    ("Le 26 août 2019, la délégation arrive.", "2019-08-26", "2019-08-26", "2019-08-26", None, "explicit"),
])
def test_timex_fields(nlp, text, value, start, end, mod, anchor):
    doc = run(nlp, [(text, PUB)])[0]
    span = doc.spans["dates"][0]
    assert span._.timex == {"value": value, "kind": span._.timex["kind"], "mod": mod, "anchor": anchor,
                            "start": start, "end": end}


@pytest.mark.parametrize("text,published,value", [
    ("Le 29 février dernier, la foire a fermé.", PUB, "2016-02-29"),
    ("Le 29 février prochain, la foire ouvrira.", PUB, "2020-02-29"),
    ("Le dossier sera examiné le 31 février.", PUB, None),
    ("Le dossier sera examiné le 31 février.", None, None),
    ("La semaine 53 de 2019 n'existe pas.", PUB, None),
    ("Les essais auront lieu semaine 53 2020.", PUB, "2020-W53"),
    ("Les tests dureront du 31 au 30 février.", None, None),
])
def test_impossible_or_rare_days(nlp, text, published, value):
    doc = run(nlp, [(text, published)])[0]
    assert [s._.timex["value"] for s in doc.spans["dates"]][:1] == [value]


def test_spans_carry_their_rule_id(case_docs):
    doc = case_docs[[c[2] for c in CASES].index("du 25 au 27 août")]
    assert [s.label_ for s in doc.spans["dates"]] == ["range_du_au"]


def test_mentions_do_not_overlap_and_align_to_tokens(case_docs):
    for doc in case_docs:
        spans = sorted(doc.spans["dates"], key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_anchor_records_its_source(nlp):
    published, dateline, none = run(nlp, [
        ("Hier, le maire a inauguré la salle.", PUB),
        ("Publié le 22 octobre 2014\nHier, le maire a inauguré la salle.", None),
        ("Hier, le maire a inauguré la salle.", None),
    ])
    assert published._.anchor == {"value": PUB, "source": "published"}
    assert dateline._.anchor == {"value": "2014-10-22", "source": "text"}
    assert none._.anchor == {"value": None, "source": None}


def test_malformed_publication_date_keeps_what_it_validly_says(nlp):
    doc = run(nlp, [("Hier, en avril, le maire a inauguré la salle.", "2019-13-45")])[0]
    assert doc._.anchor == {"value": "2019", "source": "published"}
    assert [s._.timex["value"] for s in doc.spans["dates"]] == [None, "2019-04"]


def test_entities_inside_dates_are_dropped(nlp):
    doc = run(nlp, [("Vendredi, l'ambassadeur du Kazakhstan était dans les Vosges.", "2019-08-24")])[0]
    assert [s.text for s in doc.spans["dates"]] == ["Vendredi"]
    assert "Vendredi" not in [e.text for e in doc.ents]
    assert "Vosges" in [e.text for e in doc.ents]


def gold_dates(doc_id):
    for line in (SHARED / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == doc_id:
            return record, {text for text, label in record["entities"] if label == "DATE"}
    raise KeyError(doc_id)


needs_shared = pytest.mark.skipif(not (SHARED / "gold" / "seeds.jsonl").exists(), reason="../shared not beside the checkout")


@needs_shared
def test_seed_amiens(nlp):
    record, gold = gold_dates("seed-amiens")
    doc = run(nlp, [(record["text"], record["published"])])[0]
    found = {s.text: s._.timex for s in doc.spans["dates"]}
    assert {s.text for s in doc.spans["dates"] if s._.timex["kind"] in ("date", "range")} == gold
    assert [s.text for s in doc.spans["dates"]].count("2018") == 2
    assert doc._.anchor == {"value": "2019-08-26", "source": "text"}
    assert found["du 25 au 27 août"]["value"] == "2019-08-25/2019-08-27"
    assert found["avril 2019"]["value"] == "2019-04"
    assert found["lundi 26 aout 2019"]["value"] == "2019-08-26"
    assert found["2018"]["value"] == "2018"


@needs_shared
def test_seed_vosges(nlp):
    record, gold = gold_dates("seed-vosges")
    doc = run(nlp, [(record["text"], record["published"])])[0]
    spans = doc.spans["dates"]
    assert {s.text for s in spans if s._.timex["kind"] in ("date", "range")} == gold
    found = {s.text: s._.timex for s in spans}
    assert found["du 10 juin au 10 septembre 2017"]["value"] == "2017-06-10/2017-09-10"
    # no publication date and no dated lead: nothing to resolve "Vendredi" against
    assert doc._.anchor == {"value": None, "source": None}
    assert found["Vendredi"]["value"] is None and found["il y a 3 ans"]["value"] is None
    assert {s.text: s._.timex["value"] for s in spans if s.text.endswith("jours")} == {
        "10 jours": "P10D", "45 jours": "P45D", "14 jours": "P14D"}


def test_round_trip_through_disk(nlp, tmp_path):
    texts = [(c[0], c[1]) for c in CASES[::7]] + [(t, p) for t, p, _ in FALSE_ALARMS[::4]]
    before = run(nlp, texts)
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    after = run(reloaded, texts)
    assert [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in before] == \
           [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in after]


def test_same_dates_without_cpythons_regex_parser(nlp, monkeypatch):
    """The opening words of a pattern come from CPython's private `re._parser`: were it gone, every
    pattern scans its whole window and finds the same dates."""
    from pipeline.components.dates import grammar

    texts = [(c[0], c[1]) for c in CASES[::5]] + [(t, p) for t, p, _ in FALSE_ALARMS[::3]]
    tagger = nlp.get_pipe("presse_dates")
    assert any(tagger.openings.values())  # the parser is there and narrows where patterns are tried
    before = run(nlp, texts)
    monkeypatch.setattr(grammar, "sre_parse", None)
    monkeypatch.setattr(tagger, "openings", {rx: grammar.opening_words(rx) for rx in tagger.openings})
    assert not any(tagger.openings.values())
    after = run(nlp, texts)
    assert [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in before] == \
           [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in after]


@pytest.mark.parametrize("regex, words, digit", [
    (r"(?:(?:ce|cette)\s+)?lundi", {"ce", "cette", "lundi"}, False),    # an optional word, or the next one
    (r"week-?end", {"week", "weekend"}, False),                          # a hyphen ends the word when written
    (r"[IV]{1,2}e\s+siècle", {"ie", "ve", "iie", "ive", "vie", "vve"}, False),   # each count of a short repeat
    (r"(?<!\d\s)(?:19|20)\d\d", set(), True),                            # a look-behind reads no word
    (r"un\s+jour(?!s)", {"un"}, False),
])
def test_opening_words(regex, words, digit):
    """The words a pattern can open on: the tagger tries it only where one of them starts."""
    from pipeline.components.dates.grammar import opening_words

    assert opening_words(re.compile(r"(?<!\w)(?:" + regex + r")(?!\w)", re.I)) == (frozenset(words), digit)


def test_lower_case_keeps_word_characters():
    """The opening-word index splits the lower-cased text into words: it may, as no character of
    Unicode becomes a word character, or stops being one, in lower case."""
    word = re.compile(r"\w")
    changed = [c for c in map(chr, range(0x110000)) if len(low := c.lower()) == 1
               and bool(word.match(c)) != bool(word.match(low))]
    assert not changed
