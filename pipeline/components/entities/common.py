"""What the entity ruler and repair share: the word lexicon, name tests, entities cut at line breaks."""
from __future__ import annotations

import re
import weakref
from collections import defaultdict

import numpy as np
from spacy.attrs import LENGTH, ORTH, POS, SPACY
from spacy.tokens import Doc, Span

from ...text import fold
from ..places import is_major_place

CAPITAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
HYPHENS = {"-", "–", "‑"}
# Prepositions (and determiners) that join an institution's head to its place or field.
CONNECTORS = (("de", "la"), ("de", "l'"), ("de", "l’"), ("d'",), ("d’",), ("de",), ("du",), ("des",))
CHAIN_CONNECTORS = (("en",), ("au",), ("aux",), ("à",))
PORTFOLIO_JOINERS = {"à", "au", "aux", "de", "du", "des", "d'", "d’", "la", "l'", "l’", "et", ","}
# Lower-case words that, capitalised inside a span, show a Title Case headline ("Coopération À Annaba").
HEADLINE_WORDS = {"à", "au", "aux", "et", "pour", "avec", "dans", "par", "en", "un", "une", "ce", "cette",
                  "me", "se", "il", "elle", "nous", "vous", "ne", "sont", "vers"}
ARTICLES = {"le", "la", "les", "l'", "l’", "un", "une", "son", "sa", "ses", "ce", "cette", "ces", "leur", "leurs"}
NAME_PARTICLES = {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "sur", "sous", "en", "lès", "lez", "aux"}
CONNECTOR_WORDS = {"de", "du", "des", "d'", "d’", "la", "l'", "l’"}
LOWER_JOINERS = {"de", "du", "des", "d'", "d’", "la", "l'", "l’", "et"}
NOT_A_NAME = ("weekday", "month", "title", "honorific", "function")
# Defaults of the factories' settings: a one-word "person" that is a town this large (or a country, a
# region) is the place ("Kumamoto"); a MISC that is a town of the minor size is the town.
MAJOR_PLACE_POPULATION = 100_000
MINOR_PLACE_POPULATION = 20_000
# Capitalised adjectives that open an institution's name before its head noun.
NAME_ADJECTIVES = {"Grand", "Grande", "Petit", "Petite", "Haut", "Haute", "Nouveau", "Nouvelle", "Nouvel"}
QUOTES = {"«": "»", "“": "”", '"': '"'}
# Determiners after which a word of capitals is an organisation's acronym ("l'ASPTT", "du SIVU").
ACRONYM_DETERMINERS = {"l'", "l’", "le", "la", "les", "du", "des", "au", "aux"}
# Prepositions after which a one-word name is rather a place than a person ("à Bavilliers", "de Joeuf").
LOCATIVES = {"à", "de", "d'", "d’", "depuis", "vers"}


# Bits of a `WordLexicon.record` read by the passes themselves (the others through `TokenView`)
CAPITAL_BIT, SPACE_BIT, LOWER_BIT, ALPHA_BIT, UPPER_BIT, PUNCT_BIT = 1, 2, 4, 8, 16, 32


def is_capitalised(token) -> bool:
    """Whether the token opens on a capital letter (every character CAPITAL accepts is a letter)."""
    return CAPITAL.match(token.text) is not None


def newline_before(doc: Doc, i: int) -> bool:
    """Whether a line break separates token i from token i-1.  spaCy keeps at most one plain space
    as a token's trailing whitespace: any other whitespace, a line break included, is a space token."""
    return i > 0 and (doc[i - 1].is_space or doc[i].is_space)


class TokenView:
    """A doc's token attributes read once as arrays: the whole-doc passes test every token on these,
    and build Token objects only where a cue is (a Token costs more than the test on it).  What
    depends on a token's text only comes from `WordLexicon.record`, once per distinct text.

    `breaks[i]` is `newline_before(doc, i)`; `capital[i]` is `is_capitalised(doc[i])`; `lengths` are
    the tokens' lengths.  The ruler lends its view to the repair (`lend`, `take`): neither the tokens
    nor the lexicon change between them, so the arrays are read once per doc.  A view holds no
    reference to its doc."""

    ATTRS = (ORTH, POS, SPACY, LENGTH)
    _lent: "weakref.WeakKeyDictionary[Doc, TokenView]" = weakref.WeakKeyDictionary()

    def __init__(self, doc: Doc, words: "WordLexicon"):
        self.n, self.words = len(doc), words
        self.orth, self.pos, spacy, self.lengths = doc.to_array(list(self.ATTRS)).reshape(self.n, len(self.ATTRS)).T
        self.spacy = spacy.astype(bool)
        self.spacy_list = self.spacy.tolist()  # whether a space follows the token
        hashes, inverse = np.unique(self.orth, return_inverse=True)
        hashes = hashes.tolist()
        self.records = records = list(map(words.known_records.get, hashes))  # per distinct text
        if None in records:
            self.records = [record or words.record(h, doc.vocab) for record, h in zip(records, hashes)]
        self._inverse = inverse.reshape(-1)
        self.bits = self._per_token(record[1] for record in self.records)
        self.bit_list = self.bits.tolist()
        self.pos_list = self.pos.tolist()
        self._inverse_list: list[int] | None = None
        self.capital, self.space, self.is_lower, self.is_alpha, self.is_upper, _ = (
            (self.bits & bit) != 0 for bit in WordLexicon.FLAGS)
        self.breaks = self.space.copy()
        self.breaks[1:] |= self.space[:-1]
        self.breaks[:1] = False
        self.break_list, self.space_list = self.breaks.tolist(), self.space.tolist()
        self._with_ws: list[str] | None = None

    def lend(self, doc: Doc) -> "TokenView":
        """Keep this view of doc for the next component that `take`s it (while the doc lives)."""
        TokenView._lent[doc] = self
        return self

    @classmethod
    def take(cls, doc: Doc, words: "WordLexicon") -> "TokenView":
        """The view of doc a component before lent (built with the same lexicon), else a new one."""
        view = cls._lent.pop(doc, None)
        return view if view is not None and view.words is words and view.n == len(doc) else cls(doc, words)

    def _per_token(self, per_text, dtype=np.int64) -> np.ndarray:
        return np.fromiter(per_text, dtype=dtype, count=len(self.records))[self._inverse]

    def all_tokens(self, start: int, end: int, bits: int) -> bool:
        """Whether every token of doc[start:end] has one of bits (`WordLexicon.FLAGS`, `kind_bits`)."""
        return all(map(bits.__and__, self.bit_list[start:end]))

    def any_token(self, start: int, end: int, bits: int) -> bool:
        """Whether a token of doc[start:end] has one of bits."""
        return any(map(bits.__and__, self.bit_list[start:end]))

    def in_words(self, *kinds: str) -> np.ndarray:
        """Per token, whether `words` knows its text as one of kinds (`WordLexicon.has`)."""
        return (self.bits & self.words.kind_bits(kinds)) != 0

    def with_bits(self, bits: int) -> np.ndarray:
        """Per token, whether its record has one of bits (`WordLexicon.cue_bit`)."""
        return (self.bits & bits) != 0

    def record(self, i: int) -> tuple[str, int, int, int]:
        """`WordLexicon.record` of token i's text."""
        if self._inverse_list is None:
            self._inverse_list = self._inverse.tolist()
        return self.records[self._inverse_list[i]]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (spaCy keeps one plain space or none after a token)."""
        if self._with_ws is None:  # each token's text and the space after it, picked by numpy
            texts = [record[0] for record in self.records]
            variants = np.array(texts + [text + " " for text in texts], dtype=object)
            self._with_ws = variants[self._inverse + len(texts) * self.spacy].tolist()
        text = "".join(self._with_ws[start:end])
        return text[:-1] if end > start and self.spacy_list[end - 1] else text

    def newline_before(self, i: int) -> bool:
        """`newline_before(doc, i)`."""
        return i > 0 and self.break_list[i]

    @staticmethod
    def after(mask: np.ndarray) -> np.ndarray:
        """Per token, whether the token before it is in mask."""
        out = np.zeros_like(mask)
        out[1:] = mask[:-1]
        return out

    @staticmethod
    def before(mask: np.ndarray) -> np.ndarray:
        """Per token, whether the token after it is in mask."""
        out = np.zeros_like(mask)
        out[:-1] = mask[1:]
        return out

    @staticmethod
    def hashes(strings, words) -> set[int]:
        """The hashes of words, to compare with the lower-case forms in a view's records (`record`)."""
        return {strings.add(w) for w in words}


def place_not_person(doc: Doc, ent: Span, words: "WordLexicon", min_population: int = MAJOR_PLACE_POPULATION,
                     ents: tuple[Span, ...] | None = None) -> bool:
    """Whether a one-word PER entity is rather a place: the gazetteer knows it as a country, a region
    or a large town, it is no first name, no honorific or title stands before it, and no longer name
    of a person in the document holds it ("Claire Dumontel" ... "Dumontel").  `ents`: `doc.ents`, when
    the caller has read them (each read builds every entity's Span anew)."""
    if ent.label_ != "PER" or len(ent) != 1 or not is_capitalised(ent[0]) or words.has(ent.text, "first_name"):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and (words.has(before.text, "honorific", "title") or is_capitalised(before)
                               and before.pos_ == "PROPN"):
        return False
    key = fold(ent.text)
    if any(key in {fold(t.text) for t in other} for other in (doc.ents if ents is None else ents)
           if other.label_ == "PER" and len(other) > 1 and (other.end <= ent.start or other.start >= ent.end)):
        return False
    return is_major_place(ent.text, min_population)


def line_pieces(doc: Doc, ents: tuple[Span, ...] | None = None, view: TokenView | None = None) -> list[Span]:
    """Entities cut at line breaks: a span over a headline and the next paragraph is two names
    ("Cuenca aux Nuits de Nacre\n\nVenus d'Espagne").  A single word the model ran on to across a
    break (a rubric: "France\n\nCommerce") is left out.  An entity left whole is given back as it
    is (a new Span costs Token objects)."""
    pieces = []
    breaks = view.break_list if view is not None else [newline_before(doc, k) for k in range(len(doc))]
    space = view.space_list if view is not None else [t.is_space for t in doc]
    for ent in doc.ents if ents is None else ents:
        start, first = ent.start, True
        for k in range(ent.start + 1, ent.end + 1):
            if k == ent.end or breaks[k]:
                while start < k and space[start]:
                    start += 1
                if start == ent.start and k == ent.end and not ent.kb_id:
                    pieces.append(ent)
                elif start < k and (first or k - start > 1):
                    pieces.append(Span(doc, start, k, label=ent.label_, span_id=ent.id_))
                first = first and start >= k
                start = k
    return pieces


class WordLexicon:
    """`words.tsv` as folded word -> set of kinds."""

    NO_KINDS: frozenset[str] = frozenset()
    # bits of a record (`record`): opens on a capital, space, lower case, alphabetic, upper case,
    # punctuation; the kinds' bits follow, then the cues' (`cue_bit`)
    FLAGS = (CAPITAL_BIT, SPACE_BIT, LOWER_BIT, ALPHA_BIT, UPPER_BIT, PUNCT_BIT)
    PUNCT = PUNCT_BIT
    KEPT = 200_000  # words as written, records: each cache is emptied past this size

    _shared: dict[tuple, "WordLexicon"] = {}

    @classmethod
    def of_rows(cls, rows: list[dict]) -> "WordLexicon":
        """One lexicon per content of `words.tsv`: the ruler and the repair share it, so its records
        are made once and a `TokenView` of one serves the other."""
        key = tuple((row["word"], row["kind"]) for row in rows)
        if key not in cls._shared:
            cls._shared[key] = cls(rows)
        return cls._shared[key]

    def __init__(self, rows: list[dict]):
        self.kinds: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            self.kinds[fold(row["word"])].add(row["kind"])
        self._by_text: dict[str, set[str] | frozenset[str]] = {}  # words as written: folding is the cost
        self._bit = {kind: 64 << n for n, kind in enumerate(sorted({row["kind"] for row in rows}))}
        self._word_bits = {word: self.kind_bits(kinds) for word, kinds in self.kinds.items()}
        self._cues: dict[tuple[frozenset[str], bool], int] = {}  # (words, of the lower case) -> bit
        self._cue_bits: dict[bool, dict[str, int]] = {False: {}, True: {}}  # text, lower case -> its cues' bits
        self.known_records: dict[int, tuple[str, int, int, int]] = {}  # by the text's hash (`record`)

    def kind_bits(self, kinds) -> int:
        return sum(self._bit.get(kind, 0) for kind in set(kinds))

    def cue_bit(self, words, lower: bool = False) -> int:
        """The bit `record` sets on a text that is one of words (with `lower`: whose lower-case form
        is): a whole-doc pass finds its cue words with one mask (`TokenView.with_bits`), not a look-up
        per token."""
        key = (frozenset(words), lower)
        if key not in self._cues:
            bit = 64 << (len(self._bit) + len(self._cues))
            if bit >= 1 << 63:  # the view keeps a record's bits as int64
                raise ValueError("words.tsv kinds and cue sets exceed a record's 63 bits")
            self._cues[key] = bit
            for word in key[0]:
                self._cue_bits[lower][word] = self._cue_bits[lower].get(word, 0) | bit
            self.known_records.clear()  # made without this bit
        return self._cues[key]

    def record(self, orth: int, vocab) -> tuple[str, int, int, int]:
        """What `TokenView` reads of a token text (by its hash): the text, its bits (`FLAGS`, its
        kinds, its cues), its length, the hash of its lower case."""
        record = self.known_records.get(orth)
        if record is None:
            if len(self.known_records) > self.KEPT:
                self.known_records.clear()
            lex = vocab[orth]
            text, lower = lex.orth_, lex.lower_
            flags = (CAPITAL.match(text) is not None, lex.is_space, lex.is_lower, lex.is_alpha, lex.is_upper,
                     lex.is_punct)
            bits = (sum(bit for bit, on in zip(self.FLAGS, flags) if on) | self._word_bits.get(fold(text), 0)
                    | self._cue_bits[False].get(text, 0) | self._cue_bits[True].get(lower, 0))
            record = self.known_records[orth] = (text, bits, len(text), lex.lower)
        return record

    def has(self, text: str, *kinds: str) -> bool:
        found = self._by_text.get(text)
        if found is None:
            if len(self._by_text) > self.KEPT:
                self._by_text.clear()
            found = self._by_text[text] = self.kinds.get(fold(text), self.NO_KINDS)
        return not found.isdisjoint(kinds)
