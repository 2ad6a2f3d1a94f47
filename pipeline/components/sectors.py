"""Economic sector mentions in French text, mapped to the slugs of the sector taxonomy.

Events need to say *which* sector a party cares about ("l'automobile",
"les éco matériaux", "la filière bois") in the codes of `sectors.tsv` (slug,
NACE rev. 2, label).  Three tables under `models/sectors/` drive it:

- `sectors.tsv`: the taxonomy (slug, label_fr, nace_rev2, scope);
- `lexicon.tsv`: French wordings (`slug`, `term`, optional `pos` for words that
  are a sector only as that part of speech).  Matching is accent- and
  case-insensitive, tolerant of plural -s/-x and of "éco-matériaux" /
  "éco matériaux" / "écomatériaux" spellings (see `sector_key`);
- `contexts.jsonl`: Matcher patterns `{"id", "label", "pattern"}` for the
  contexts a word list cannot see.  `label` is a slug (the context itself names
  a sector: "culture du maïs" is agriculture) or `"BLOCK"` (lexicon matches it
  overlaps, and context matches it governs from their left, are not sector
  mentions: "formation politique", "en train de", "chambre de commerce",
  "secrétaire d'État au commerce extérieur").  An optional `focus` [start, end] (a slice of the
  match) narrows the sector span to the words that name it: in "flux
  commerciaux, technologiques et financiers" only "financiers" is finance.

A lexicon or context match in a proper name ("Ministère de la Culture", "pôle
Fibres", "Bois-Colombes") is dropped: its first word is capitalised inside a sentence.

Output: `doc.spans["sectors"]`, each span with `Span._.sector` =
`{"slug", "nace", "label"}`.
"""
from __future__ import annotations

import itertools
from functools import lru_cache

from spacy.language import Language
from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..text import sector_key
from .base import TableComponent
from .matching import AnchoredMatcher

SPANS_KEY = "sectors"
BLOCK = "BLOCK"
_OPENERS = {"«", '"', "“", "(", "[", "#", "-", "–", "—", ":", "'", "‘"}


def inflected(key: str) -> list[str]:
    """A lexicon word and its plurals ("secteur"/"secteurs", "métal"/"métaux", "matériau"/"matériaux").

    Plurals are derived from singulars only: stripping an -s would make "maïs" match "mai"/"mais".
    """
    forms = [key]
    if key.endswith("al") and len(key) > 3:
        forms.append(key[:-2] + "aux")
    if key.endswith(("au", "eu")):
        forms.append(key + "x")
    if key[-1:].isalpha() and not key.endswith(("s", "x", "z")):
        forms.append(key + "s")
    return forms


if not Token.has_extension("sector_key"):
    Token.set_extension("sector_key", getter=lambda token: sector_key(token.text))
if not Span.has_extension("sector"):
    Span.set_extension("sector", default=None)


def term_variants(term: str) -> set[str]:
    """Spellings of a lexicon term: as written, hyphens as spaces, hyphens dropped."""
    return {term, term.replace("-", " "), term.replace("-", "")}


def exact_patterns(pattern: list[dict]) -> list[list[dict]]:
    """One pattern per combination of the `sector_key` IN-lists of a pattern.

    The Matcher reads an exact extension value from a per-token table, but runs a
    Python predicate per token and pattern for an IN-list: hundreds of times slower.
    """
    choices = []
    for token in pattern:
        wanted = token.get("_", {}).get("sector_key")
        if isinstance(wanted, dict) and set(wanted) == {"IN"}:
            choices.append([{**token, "_": {**token["_"], "sector_key": value}} for value in wanted["IN"]])
        else:
            choices.append([token])
    return [list(combination) for combination in itertools.product(*choices)]


class SectorTagger(TableComponent):
    """Finds sector wordings and tags them with taxonomy slugs."""

    TABLES = ("sectors.tsv", "lexicon.tsv", "contexts.jsonl")

    def compile(self) -> None:
        self.taxonomy = {row["slug"]: row for row in self.tables["sectors.tsv"]}
        # The lexicon is a table from a wording's first key to its (keys, slug) entries: one
        # dict lookup per token, whatever its size; a token Matcher would test every pattern
        # at every token, and a PhraseMatcher needs a second Doc of keys per text.
        self.phrases: dict[str, set[tuple[tuple[str, ...], str]]] = {}
        self.pos_of: dict[tuple[str, str], str] = {}
        for n, row in enumerate(self.tables["lexicon.tsv"], 1):
            slug = self._known(row["slug"], f"lexicon.tsv row {n} ({row['term']!r})")
            for variant in term_variants(row["term"]):
                keys = [sector_key(t.text) for t in self.nlp.make_doc(variant) if not t.is_space]
                forms = [inflected(k) if len(keys) == 1 or len(k) > 2 else [k] for k in keys]
                for words in itertools.product(*forms):
                    self.phrases.setdefault(words[0], set()).add((tuple(words), slug))
                    if row.get("pos") and len(keys) == 1:
                        self.pos_of[(slug, words[0])] = row["pos"]
        # Matchers that run only around the words their patterns need, sector keys included
        # (handed over at each call); a BLOCK, which only removes a lexicon match, only when there is one.
        # The patterns go into plain Matchers, anchored once all are in: `AnchoredMatcher.add` anchors
        # every pattern anew at each row (a start-up that grew with the square of the table).
        contexts, blocks = Matcher(self.nlp.vocab, validate=True), Matcher(self.nlp.vocab, validate=True)
        repeated = {id(contexts): False, id(blocks): False}  # a key added twice (`AnchoredMatcher.mixed`)
        self.focus = {row["id"]: row["focus"] for row in self.tables["contexts.jsonl"] if row.get("focus")}
        for n, row in enumerate(self.tables["contexts.jsonl"], 1):
            label = row["label"] if row["label"] == BLOCK else self._known(row["label"], f"contexts.jsonl row {n}", "label")
            matcher, key = blocks if label == BLOCK else contexts, f"{label}|{row['id']}"
            repeated[id(matcher)] = repeated[id(matcher)] or key in matcher
            matcher.add(key, exact_patterns(row["pattern"]))
        self.matcher, self.block_matcher = (self._anchored(m, repeated[id(m)]) for m in (contexts, blocks))

    @staticmethod
    def _anchored(matcher: Matcher, mixed: bool) -> AnchoredMatcher:
        anchored = AnchoredMatcher(matcher, extensions=("sector_key",))
        if mixed:
            anchored.mixed = True
            anchored.analyse()
        return anchored

    def _known(self, slug: str, where: str, field: str = "slug") -> str:
        if slug not in self.taxonomy:
            raise ValueError(f"{self.name}: {where}, field {field!r}: unknown sector slug {slug!r}")
        return slug

    def __call__(self, doc: Doc) -> Doc:
        lexical, contextual, blocks = [], [], []
        keys = _keys(doc)
        phrases = self.phrases
        for start in [i for i, key in enumerate(keys) if key in phrases]:
            key = keys[start]
            for words, slug in phrases[key]:
                end = start + len(words)
                if (end - start > 1 and tuple(keys[start:end]) != words) or self._in_name(doc, start):
                    continue
                pos = self.pos_of.get((slug, key)) if end - start == 1 else None
                if pos is None or doc[start].pos_ == pos:
                    lexical.append((start, end, slug))
        for match_id, start, end in self._context_matches(doc, keys, lexical):
            label, rule = self.nlp.vocab.strings[match_id].split("|")
            if label == BLOCK:
                blocks.append((start, end))
            else:
                if rule in self.focus:
                    start, end = _narrow(start, end, self.focus[rule])
                contextual.append((start, end, label))
        lexical = [m for m in lexical if not any(m[0] < b_end and b_start < m[1] for b_start, b_end in blocks)]
        # a context is a name too when capitalised, and is blocked by a BLOCK that governs it
        # from its left ("secrétaire d'État au commerce extérieur")
        contextual = [m for m in contextual if not self._in_name(doc, m[0])
                      and not any(b_start < m[0] < b_end for b_start, b_end in blocks)]
        # context patterns first, then the longest wording wins
        ranked = [(0, m) for m in contextual] + [(1, m) for m in lexical]
        ranked.sort(key=lambda r: (r[0], -(r[1][1] - r[1][0]), r[1][0]))
        taken: set[int] = set()
        spans = []
        for _, (start, end, slug) in ranked:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            span = Span(doc, start, end, label=slug)
            row = self.taxonomy[slug]
            span._.sector = {"slug": slug, "nace": row["nace_rev2"], "label": row["label_fr"]}
            spans.append(span)
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _context_matches(self, doc: Doc, keys: list[str], lexical: list[tuple]) -> list[tuple[int, int, int]]:
        """Context pattern matches (BLOCKs only when a lexicon match is there to block), in text order."""
        columns = {"sector_key": keys}
        found = set(self.matcher(doc, columns=columns))
        if lexical:
            found.update(self.block_matcher(doc, columns=columns))
        return sorted(found, key=lambda m: (m[1], m[2]))

    @staticmethod
    def _in_name(doc: Doc, start: int) -> bool:
        """True when the match starts with a capitalised word inside a sentence (a proper name)."""
        token = doc[start]
        if not token.text[:1].isupper() or token.text.isupper():
            return False
        if start == 0 or token.is_sent_start:
            return False
        previous = doc[start - 1]
        return not (previous.is_space or previous.text in _OPENERS
                    or previous.is_punct and previous.text in {".", "!", "?", "…"})


_KEY_OF_LOWER: dict[int, str] = {}  # lower-case form's hash -> sector key, emptied at KEYS_KEPT entries
KEYS_KEPT = 131072


def _keys(doc: Doc) -> list[str]:
    """Each token's sector key, read through its lower-case form (the key ignores case); each
    distinct form is looked up once, the rest is one dict read per token."""
    lowers = doc.to_array(LOWER).tolist()
    missing = set(lowers).difference(_KEY_OF_LOWER)
    if missing:
        if len(_KEY_OF_LOWER) + len(missing) > KEYS_KEPT:
            _KEY_OF_LOWER.clear()
            missing = set(lowers)
        strings = doc.vocab.strings
        _KEY_OF_LOWER.update((h, _lower_key(strings[h])) for h in missing)
    return [_KEY_OF_LOWER[h] for h in lowers]


@lru_cache(maxsize=131072)
def _lower_key(lower: str) -> str:
    return sector_key(lower) or "_"


def _narrow(start: int, end: int, focus: list) -> tuple[int, int]:
    """Token bounds of `focus` (a Python slice over the match) inside [start, end)."""
    indices = range(start, end)[slice(*focus)]
    return (indices[0], indices[-1] + 1) if indices else (start, end)


@Language.factory("presse_sectors", assigns=["doc.spans", "span._.sector"], requires=["token.pos", "doc.sents"],
                  default_config={})
def make_sectors(nlp: Language, name: str) -> SectorTagger:
    return SectorTagger(nlp, name)
