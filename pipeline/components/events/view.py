"""The layers below presse_events, indexed once per document: units, mentions, dates, cues.

Every lookup the stages make is by token position (dicts and bisection), so the
component stays near-linear in the text's length.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .. import ext
from ..countries import Mention, doc_mentions, home_country
from ..columns import doc_columns
from .time import timex_range

SPANS_KEY = "events"
_SENTENCE_END = {".", "!", "?", "…", "»", "\"", "”"}


# Strings by hash, kept across docs: the StringStore's look-up costs more than a dict's.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 500_000


def _words(doc: Doc, hashes: set[int]) -> dict[int, str]:
    """The strings of `hashes` (token attributes of `doc`), by hash: the table kept across docs, which
    holds them all (callers only read it)."""
    if len(_STRINGS) > _STRINGS_MAX:
        _STRINGS.clear()
    strings = doc.vocab.strings
    # the words no doc before held (most are known): a test per hash, for `hashes - _STRINGS.keys()`
    # walks the whole table, whose size grows with the run
    for h in [h for h in hashes if h not in _STRINGS]:
        _STRINGS[h] = strings[h]
    return _STRINGS


class DocView:
    """The layers below, indexed for the stages: units, mentions, dates, sectors, cues."""

    def __init__(self, doc: Doc, comp, trigger_matches=()):
        self.doc = doc
        self.trigger_tokens = {i for _, start, end in trigger_matches for i in range(start, end)}
        self.comp = comp
        self.ents = doc.ents  # one tuple of spans: each `doc.ents` builds them anew
        # token columns read once: the stages' loops test these instead of making a Token per look-up
        # (shared with the matchers, which read them first: `doc_columns`)
        lower, lemma, dep, orth, space, punct, is_space = doc_columns(
            doc, (LOWER, LEMMA, DEP, ORTH, SPACY, IS_PUNCT, IS_SPACE)).values()
        lemma_set = set(lemma)
        words = _words(doc, set(lower) | set(orth) | lemma_set)  # one call: the table may be cleared at each
        lemmas = {h: words[h].lower() for h in lemma_set}
        self.text = [words[h] for h in orth]
        self.space = space  # 1 where a token has a space after it
        self.is_punct = punct  # 1 for punctuation
        self.lower = [words[h] for h in lower]
        self.lemma_lower = [lemmas[h] for h in lemma]
        # the heads of "avec" phrases ("une rencontre avec le maire"): `met_party` looks at these only
        avec, case = get_string_id("avec"), get_string_id("case")
        self.avec_heads = {doc[i].head.i for i, (w, d) in enumerate(zip(lower, dep)) if w == avec and d == case}
        self.seat_ends: dict[int, int | None] = {}  # `PlaceStage.seat_after`, by preposition
        self._unit_facts: dict[tuple, object] = {}  # per-unit facts the stages compute once (`unit_fact`)
        # every line break is inside a space token: those are the only texts read (`doc.text` joins all)
        self.breaks = [i for i, space in enumerate(is_space) if space and "\n" in self.text[i]]
        self.units, self.unit_of = self._units()
        self.paragraph_starts = [0] + [doc[i].idx + m.end() for i in self.breaks
                                       for m in re.finditer(r"\n", doc[i].text)]
        self.home = home_country(doc)
        self.mentions = doc_mentions(doc, self.home, comp.prepositions)
        self._mention_starts = [m.start for m in self.mentions]
        self._mentions_at: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self._mentions_at.setdefault(m.start, []).append(m)
        dates = [(s, ext(s, "timex")) for s in doc.spans.get("dates", [])]  # each read of the group makes its spans anew
        self.dates = [(s, t) for s, t in dates if t and timex_range(t)[0]]
        self._date_starts = [s.start for s, _ in dates]
        self._dates_by_unit: dict[int, list] = {}
        self._dates_by_paragraph: dict[int, list] = {}
        for s, t in self.dates:
            self._dates_by_unit.setdefault(self.unit_of[s.start], []).append((s, t))
            self._dates_by_paragraph.setdefault(self.paragraph(s[0]), []).append((s, t))
        self.sectors = [(s, sec.get("slug")) for s in doc.spans.get("sectors", [])
                        if (sec := ext(s, "sector"))]
        self.cues: dict[str, list] = {}
        self._unit_cues: dict[int, list] | None = None
        for mid, start, end in self._cue_matches(trigger_matches):
            rule = comp.cue_rules[doc.vocab.strings[mid]]
            self.cues.setdefault(rule["cue"], []).append((start, end, rule))
        self._cue_starts = {kind: [s for s, _, _ in rows] for kind, rows in self.cues.items()}
        self.other_events = {s for s, e, _ in self.cues.get("other_event", [])}
        self.unresolved_units = {self.unit_of[s.start] for s, t in dates if not (t and timex_range(t)[0])}
        self.light_verbs = {s for s, e, _ in self.cues.get("light", [])}
        self.date_tokens = {i for s, _ in dates for i in range(s.start, s.end)}
        self.clitics = {s for s, e, _ in self.cues.get("clitic", [])}
        self.clitic_ends = {e: s for s, e, _ in self.cues.get("clitic", [])}

    def _cue_matches(self, trigger_matches) -> list[tuple[int, int, int]]:
        """Cue matches, kept only in the units the stages read: those with a trigger or a date
        (a date's governing event), and the lead; none when no trigger is given (the whole doc)."""
        if not trigger_matches:
            return sorted(self.comp.cue_matcher(self.doc), key=lambda m: m[1])
        keep = {self.unit_of[start] for _, start, _ in trigger_matches}
        keep |= {self.unit_of[start] for start in self._date_starts}
        keep |= set(range(min(3, len(self.units))))
        out = []
        for k in sorted(keep):
            out += self.unit_cues(k)
        return sorted(out, key=lambda m: m[1])

    def unit_cues(self, k: int) -> list[tuple[int, int, int]]:
        """The cue matches inside unit `k`, by doc position, in the order the Matcher gives them on
        that unit alone.  One Matcher run over the doc serves every unit: a run per unit cost a
        third of the component (the matches a unit holds, and their order, are the same)."""
        if self._unit_cues is None:
            self._unit_cues = {}
            for match in self.comp.cue_matcher(self.doc):
                unit = self.units[self.unit_of[match[1]]]
                if unit.start <= match[1] and match[2] <= unit.end:
                    self._unit_cues.setdefault(self.unit_of[match[1]], []).append(match)
        return self._unit_cues.get(k, [])

    def _units(self):
        """Sentences cut at line breaks: titles and datelines are not one sentence with the lead."""
        doc, text = self.doc, self.text
        units, unit_of = [], [0] * len(doc)
        for sent in doc.sents:
            start = sent.start
            if units and units[-1].end == start and (text[start][:1].islower() or text[start] in (",", ";", ")")
                                                     or text[units[-1].end - 1] not in _SENTENCE_END):
                start = units.pop().start  # the parser cut a sentence mid-way ("France et Italie | ont...")
            for i in self.breaks[bisect_left(self.breaks, sent.start):bisect_left(self.breaks, sent.end)]:
                if i > start:
                    units.append(doc[start:i])
                start = i + 1
            if start < sent.end:
                units.append(doc[start:sent.end])
        for k, unit in enumerate(units):  # a token between units is of the one before it
            end = units[k + 1].start if k + 1 < len(units) else len(doc)
            unit_of[unit.start:end] = [k] * (end - unit.start)
        return units, unit_of

    def unit_fact(self, name: str | tuple, unit: Span, compute):
        """`compute(unit)`, once per unit and name: facts of a sentence that every candidate in it reads.
        The value is shared: callers must not change it."""
        key = (name, unit.start, unit.end)
        if key not in self._unit_facts:
            self._unit_facts[key] = compute(unit)
        return self._unit_facts[key]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, read off the columns (no Span made)."""
        text, space = self.text, self.space
        return "".join(text[i] + " " if space[i] else text[i] for i in range(start, end - 1)) + text[end - 1] \
            if end > start else ""

    def unit(self, i: int) -> Span:
        return self.units[self.unit_of[i]] if self.units else self.doc[:]

    def mentions_in(self, tokens) -> list[Mention]:
        """The mentions that start on one of `tokens`, in text order (the order of `mentions`)."""
        if isinstance(tokens, range) and tokens.step == 1:
            starts = self._mention_starts
            return self.mentions[bisect_left(starts, tokens.start):bisect_left(starts, tokens.stop)]
        if not isinstance(tokens, (set, frozenset)):
            tokens = set(tokens)
        if len(tokens) > len(self.mentions):
            return [m for m in self.mentions if m.start in tokens]
        out = []
        for i in sorted(tokens):
            out += self._mentions_at.get(i, ())
        return out

    def dates_in_unit(self, unit: Span) -> list:
        return self._dates_by_unit.get(self.unit_of[unit.start], []) if len(unit) else []

    def dates_in_paragraph(self, paragraph: int) -> list:
        return self._dates_by_paragraph.get(paragraph, [])

    def paragraph(self, token) -> int:
        return bisect_right(self.paragraph_starts, token.idx) - 1

    def foreign_date(self, span) -> bool:
        """A date that some other event governs: "l'exposition qui se tiendra du 10 juin ...",
        "la charte signée en 1975"."""
        t = span.root
        if self.participle_dated(span):
            return True
        for _ in range(3):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.i in self.other_events:
                return True
        return False

    def participle_dated(self, span) -> bool:
        """"l'indépendance acquise en 1991", "l'usine construite en 1960": a participle that qualifies
        a noun dates what happened to that noun, unless it is a visit trigger ("la délégation reçue")."""
        t = span.root.head
        return t.i < span.root.i and t.dep_ in ("acl", "amod") and "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense") \
            and t.i not in self.trigger_tokens

    def dateline(self, span) -> bool:
        """"PARIS, le 18 janvier 2019 -", "Lyon, le 3 mai (AFP)": a date after a place and a comma that
        opens its line, the place in capitals or the date before a dash ("Emmanuel Macron, le 3 mai, a
        reçu" is no dateline)."""
        unit = self.unit(span.start)
        words = self.lower[unit.start:span.start]
        if not 2 <= len(words) - words.count("le") <= 4:
            return False  # the test below on `before`'s length, read off the column
        before = [t for t in self.doc[unit.start:span.start] if t.lower_ != "le"]
        after = self.doc[span.end].text if span.end < len(self.doc) else ""
        return 2 <= len(before) <= 4 and before[-1].text == "," and \
            all(t.text in ",-()" or t.pos_ != "ADP" and (t.pos_ == "PROPN" or t.is_upper) for t in before) and \
            (after[:1] in ("-", "–", "—", "/", "(", "") or (len(before[0]) > 1 and before[0].is_upper))

    def clitic_before(self, verb) -> int | None:
        """The object clitic of a verb ("les ont accueillis", "l'a reçue"), by its index."""
        return self.clitic_ends.get(verb.i + 1)

    def cue_spans(self, kind, unit: Span):
        """The cues of one kind that start inside `unit`."""
        starts = self._cue_starts.get(kind)
        if not starts:
            return []
        rows = self.cues[kind]
        return rows[bisect_left(starts, unit.start):bisect_left(starts, unit.end)]
