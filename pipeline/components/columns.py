"""Token columns read once per doc and shared: by every `AnchoredMatcher` of every component
(`matching.py`) and by events' view.

A doc's attributes that no presse component changes once the base model has run are
read with one `to_array` call per doc for the attributes not yet read, kept while the doc lives (weakly),
with an index of the positions of each value for the anchors' look-ups, and so is whether the base
model annotated an attribute (`annotated`: spaCy's check before each Matcher run).
"""
from __future__ import annotations

import weakref

import numpy
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SPACY, TAG
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
        for k, (attr, column) in enumerate(zip(missing, array.T.tolist() if len(doc) else [[] for _ in missing])):
            (kept if attr in STABLE_ATTRS else read)[attr] = column
            if attr in STABLE_ATTRS:  # the index's input: no list of hashes made an array again
                kept["array", attr] = array[:, k].copy()  # not a view holding every column
    return {attr: read[attr] if attr in read else kept[attr] for attr in attrs}


def doc_positions(doc: Doc, attr: int, values) -> dict[int, list[int]]:
    """Where each of `values` (hashes or ids of the stable attribute `attr`) stands in `doc`, in text
    order, from the index the matchers share: the values the doc lacks are left out, no token visited."""
    doc_columns(doc, (attr,))
    kept = _COLUMNS[doc]
    if ("index", attr) not in kept:
        kept["index", attr] = _Index(kept["array", attr])
    return dict(kept["index", attr].found(numpy.asarray(list(values), dtype=numpy.uint64)))


# The attributes spaCy's Matcher checks the annotation of before a run (`Matcher.__call__`).
CHECKED_ATTRS = (TAG, POS, MORPH, LEMMA, DEP)


def annotated(doc: Doc, attr: int) -> bool:
    """`doc.has_annotation(attr)`, kept while the doc lives for the attributes the base model sets
    (no presse component takes their annotation away): every matcher of every component asks."""
    kept = _COLUMNS.get(doc)
    if kept is None or kept[None] != len(doc):
        kept = _COLUMNS[doc] = {None: len(doc)}
    if ("annotated", attr) not in kept:
        kept["annotated", attr] = doc.has_annotation(attr)
    return kept["annotated", attr]


class _Index:
    """The token positions of each value of one column, sorted once by numpy (stably: each value's
    positions in text order); `found` cuts out those of the values a matcher asks for, all at once
    (no table of every value is built: most are never asked for)."""

    def __init__(self, values: numpy.ndarray):
        self.order = numpy.argsort(values, kind="stable")
        self.ordered = values[self.order]

    def found(self, values: numpy.ndarray) -> list[tuple[int, list[int]]]:
        """(value, its positions in text order) for each of `values` (uint64) that the column holds."""
        low = numpy.searchsorted(self.ordered, values, "left")
        high = numpy.searchsorted(self.ordered, values, "right")
        held = numpy.flatnonzero(high > low)
        order = self.order
        return [(value, order[a:b].tolist())
                for value, a, b in zip(values[held].tolist(), low[held].tolist(), high[held].tolist())]

    def values(self) -> list[int]:
        """The column's distinct values."""
        ordered = self.ordered
        return ordered[numpy.flatnonzero(ordered[1:] != ordered[:-1]) + 1].tolist() + ordered[:1].tolist()


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
            kept["index", attr] = _Index(kept["array", attr])
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
