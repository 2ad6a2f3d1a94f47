"""Token columns read once per doc and shared: by every `AnchoredMatcher` of every component
(`matching.py`) and by events' view.

A doc's attributes that no presse component changes once the base model has run are
read with one `to_array` call per doc for the attributes not yet read, kept while the doc lives (weakly),
with an index of the positions of each value for the anchors' look-ups.
"""
from __future__ import annotations

import weakref

import numpy
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, NORM, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc, Span

# Token attributes no presse component changes once the base model has run: read once per doc and
# shared by every matcher of every component (`doc_columns`).  Entity types change (the ruler, the
# repair): they are read at each call.
STABLE_ATTRS = frozenset({ORTH, LOWER, LEMMA, NORM, POS, TAG, DEP, SPACY, IS_PUNCT, IS_SPACE})
_COLUMNS: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()


def doc_columns(doc: Doc, attrs) -> dict[int, list]:
    """Each of `attrs` (token attribute ids) at every token of `doc`, as plain lists; those of
    `STABLE_ATTRS` are kept while the doc lives (weakly) and handed to every caller alike: callers
    must not change them."""
    kept = _COLUMNS.get(doc)
    if kept is None or kept[None] != len(doc):
        kept = _COLUMNS[doc] = {None: len(doc)}
    missing = [attr for attr in attrs if attr not in kept]
    read: dict[int, list] = {}  # this call's: the others are kept
    if missing:
        array = doc.to_array(missing).reshape(len(doc), len(missing))
        for attr, column in zip(missing, array.T.tolist() if len(doc) else [[] for _ in missing]):
            (kept if attr in STABLE_ATTRS else read)[attr] = column
    return {attr: read[attr] if attr in read else kept[attr] for attr in attrs}


class _Index:
    """The token positions of each value of one column, sorted once by numpy: `at` finds a value's
    group, `positions` cuts it out (in text order) only for the values a matcher asks for."""

    def __init__(self, column: list[int]):
        values = numpy.array(column, dtype=numpy.uint64)
        order = numpy.argsort(values, kind="stable")
        ordered = values[order]
        cuts = (numpy.flatnonzero(ordered[1:] != ordered[:-1]) + 1).tolist()
        self.starts, self.ends = [0] + cuts, cuts + [len(column)]
        self.at = dict(zip(ordered[self.starts].tolist() if column else [], range(len(self.starts))))
        self.order = order.tolist()

    def keys(self):
        return self.at.keys()

    def positions(self, value: int) -> list[int]:
        k = self.at[value]
        return self.order[self.starts[k]:self.ends[k]]


class _Arrays:
    """The token attributes of one doc or span (`doc_columns`, cut to the span), and the `*`/`+` masks
    built from them.  Plain lists and sets: on sentence-sized spans numpy's set operations cost more."""

    def __init__(self, doclike: Doc | Span, attrs: list[int], columns: dict[str, list] | None = None):
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        self.columns: dict = doc_columns(doc, attrs)
        start = doclike.start if isinstance(doclike, Span) else 0
        if isinstance(doclike, Span):
            end = doclike.end
            self.columns = {attr: values[start:end] for attr, values in self.columns.items()}
        for name, values in (columns or {}).items():  # extension values, one per token of the doc
            self.columns[("_", name)] = values[start:start + len(doclike)]
        self.masks: dict[tuple, object] = {}
        self.doc = None if isinstance(doclike, Span) else doclike

    def index(self, attr) -> "_Index | None":
        """Where each value of `attr` stands, for a whole doc's stable attributes (once per doc, for
        every matcher); None for the others (a span's, an extension's, the entity types)."""
        kept = _COLUMNS.get(self.doc) if self.doc is not None and attr in STABLE_ATTRS else None
        if kept is None:
            return None
        if ("index", attr) not in kept:
            kept["index", attr] = _Index(self.columns[attr])
        return kept["index", attr]

    def mask(self, reach: _Reach) -> list[bool] | None:
        """Whether some `*`/`+` token of `reach` accepts each token (None: none of them accepts any),
        built once per call and reach: one comprehension over a column costs less than a test per
        token a walk passes over, for walks pass over the same tokens from neighbouring hits."""
        if not reach.conditions:
            return None
        key = tuple(reach.conditions)
        if key not in self.masks:
            accepted = None
            for condition in reach.conditions:
                ok = None
                for attr, values in condition:
                    column = [v in values for v in self.columns[attr]]
                    ok = column if ok is None else [a and b for a, b in zip(ok, column)]
                accepted = ok if accepted is None else [a or b for a, b in zip(accepted, ok)]
            self.masks[key] = accepted
        return self.masks[key]
