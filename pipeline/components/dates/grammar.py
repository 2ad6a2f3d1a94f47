"""The grammar tables compiled to regexes, and the matching of mentions in a text.

`{PLACEHOLDERS}` of a pattern expand to alternations of the lexicon forms; a row's
`near` names the word kind it cannot match without, so it only scans around those words.
"""
from __future__ import annotations

import re
from collections import defaultdict
from re._casefix import _EXTRA_CASES
from typing import Iterator

from spacy.tokens import Doc, Span

from ...text import spelling_key

APOSTROPHES = "'’ʼ"
FIXED = {
    "S": r"(?:\s+)",
    "A": "[" + APOSTROPHES + "]",
    "YEAR": r"(?:1[89]\d\d|20\d\d)",
}
PLACEHOLDER = re.compile(r"\{([A-Z]+)(?::(-?\w+))?\}")


def form_regex(form: str) -> str:
    out = re.escape(form)
    out = out.replace("'", FIXED["A"]).replace(r"\ ", FIXED["S"]).replace(r"\-", "[-‐]")
    return out


NEAR = 120      # characters around a trigger word that a pattern's match can reach
WORD = re.compile(r"\w+")
# re.IGNORECASE compares characters by their lower case, and also equates a few pairs (ſ/s, ı/i)
_CASE_PAIRS = str.maketrans({chr(c): chr(min(c, *others)) for c, others in _EXTRA_CASES.items()
                             if min(c, *others) != c})
_PAIRED = re.compile("[" + "".join(map(chr, _CASE_PAIRS)) + "]")


def word_starts(text: str) -> dict[str, list[int]] | None:
    """Where each word of the text starts, by the key under which re.IGNORECASE equates words (lower
    case, the pairs it also equates merged); None when lower case changes the text's length ("İ")."""
    keys = text.lower()
    if len(keys) != len(text):
        return None
    if _PAIRED.search(keys):
        keys = keys.translate(_CASE_PAIRS)
    starts: dict[str, list[int]] = defaultdict(list)
    for m in WORD.finditer(text):
        start, end = m.span()
        starts[keys[start:end]].append(start)
    return starts


def first_word_key(form: str) -> str | None:
    """The key (`word_starts`) of the word a lexicon form opens on; None when it opens on no word."""
    word = WORD.match(form)
    if word is None or len(word.group().lower()) != len(word.group()):
        return None
    return word.group().lower().translate(_CASE_PAIRS)


def trigger_matches(text: str, trigger: re.Pattern, starts: list[int] | None) -> Iterator[re.Match]:
    """`trigger.finditer(text)`; with `starts`, tried only there: the trigger opens on a word, so a
    match can start only where a word that opens one of its forms starts."""
    if starts is None:
        yield from trigger.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (m := trigger.match(text, start)) is not None:
            yield m
            end = m.end()


def near_windows(text: str, trigger: re.Pattern, starts: list[int] | None = None) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the trigger's matches, ending at a space so no word is cut
    (`starts`: see `trigger_matches`)."""
    windows: list[list[int]] = []
    for m in trigger_matches(text, trigger, starts):
        start, end = max(0, m.start() - NEAR), min(len(text), m.end() + NEAR)
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


class Grammar:
    """Lexicon lookups, compiled patterns and the longest-match search (a mixin of the tagger)."""

    # -- grammar ------------------------------------------------------------------
    def compile(self) -> None:
        self.lookup: dict[tuple[str, str], str] = {}
        forms: dict[tuple[str, str | None], list[str]] = {}
        for row in self.tables["lexicon.tsv"]:
            form, kind, value = spelling_key(row["form"]), row["type"], row["value"]
            self.lookup.setdefault((kind, form), value)
            forms.setdefault((kind, None), []).append(form)
            forms.setdefault((kind, value), []).append(form)
        self.alternations = {
            key: "(?:" + "|".join(form_regex(f) for f in sorted(set(fs), key=len, reverse=True)) + ")"
            for key, fs in forms.items()
        }
        self.etre_verbs = {form for (kind, form) in self.lookup if kind == "etre_verb"}
        self.patterns = [(row, self.expand(row["regex"], wrap=True)) for row in self.tables["patterns.jsonl"]]
        self.false_alarms = [(row, self.expand(row["regex"], wrap=True)) for row in self.tables["false_alarms.jsonl"]]
        self.anchor_patterns = [(row, self.expand(row["regex"], wrap=False, flags=re.M))
                                for row in self.tables["anchors.jsonl"]]
        # a row's `near` names the word kind it cannot match without: it only scans around those words
        kinds = {row["near"] for table in (self.patterns, self.false_alarms, self.anchor_patterns)
                 for row, _ in table if row.get("near")}
        self.triggers = {kind: self.expand("{" + kind.upper() + "}", wrap=True) for kind in kinds}
        # the first words of each trigger's forms, for the triggers that are lexicon forms all opening on a word
        self.trigger_words: dict[str, set[str]] = {}
        for kind in kinds:
            keys = {first_word_key(form) for form in forms.get((kind.lower(), None), ())}
            if kind.upper() not in (*FIXED, "DAY", "NUM") and keys and None not in keys:
                self.trigger_words[kind] = keys

    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """For each trigger word kind, the stretches of text around its words (`near_windows`)."""
        starts = word_starts(text)
        windows = {}
        for kind, rx in self.triggers.items():
            words = self.trigger_words.get(kind)
            at = None if starts is None or words is None else sorted(
                p for word in words.intersection(starts) for p in starts[word])
            windows[kind] = near_windows(text, rx, at)
        return windows

    def expand(self, regex: str, *, wrap: bool, flags: int = 0) -> re.Pattern:
        def sub(m: re.Match) -> str:
            name, value = m.group(1), m.group(2)
            if name in FIXED:
                return FIXED[name]
            if name == "DAY":
                return r"(?:(?:[12]\d|3[01]|0?[1-9])(?:er|re|ère|ᵉʳ)?|" + self.alternations[("daynum", None)] + ")"
            if name == "NUM":
                return r"(?:\d{1,3}|" + self.alternations[("number", None)] + ")"
            return self.alternations[(name.lower(), value)]
        body = PLACEHOLDER.sub(sub, regex)
        if wrap:
            body = r"(?<!\w)(?:" + body + r")(?!\w)"
        return re.compile(body, re.I | flags)

    def word(self, kind: str, text: str | None) -> str | None:
        return self.lookup.get((kind, spelling_key(text))) if text else None

    # -- numbers ------------------------------------------------------------------
    def day_of(self, text: str | None) -> int | None:
        if not text:
            return None
        m = re.match(r"\d+", text)
        return int(m.group()) if m else int(self.word("daynum", text) or 0) or None

    def month_of(self, text: str | None) -> int | None:
        if not text:
            return None
        return int(text) if text.isdigit() else int(self.word("month", text))

    @staticmethod
    def year_of(text: str | None) -> int | None:
        if not text:
            return None
        y = int(text)
        return y if len(text) == 4 else (2000 + y if y < 50 else 1900 + y)

    def num_of(self, text: str) -> int | None:
        """An int, or None for "quelques"/"plusieurs"."""
        if text.isdigit():
            return int(text)
        value = self.word("number", text)
        return int(value) if value and value != "X" else None

    # -- matching -----------------------------------------------------------------
    @staticmethod
    def scan(text: str, row: dict, rx: re.Pattern, windows: dict) -> Iterator[re.Match]:
        """Matches of one table row, looked for only near its trigger words when it names some."""
        for a, b in windows.get(row.get("near"), [(0, len(text))]):
            yield from rx.finditer(text, a, b)

    def find(self, doc: Doc, text: str, windows: dict) -> list[tuple[Span, dict, dict]]:
        """Longest non-overlapping pattern matches, minus false alarms, aligned to tokens."""
        vetoes = [m.span() for row, rx in self.false_alarms for m in self.scan(text, row, rx, windows)]
        candidates = []
        for order, (row, rx) in enumerate(self.patterns):
            for m in self.scan(text, row, rx, windows):
                xs, xe = m.span("x")
                if any(a < xe and xs < b for a, b in vetoes):
                    continue
                candidates.append((-(m.end() - m.start()), order, m.start(), m.end(), xs, xe, row, m))
        candidates.sort(key=lambda c: c[:3])
        taken: list[tuple[int, int]] = []
        found = []
        for _, _, _, _, xs, xe, row, m in candidates:
            if any(a < xe and xs < b for a, b in taken):
                continue
            span = doc.char_span(xs, xe) or doc.char_span(xs, xe, alignment_mode="expand")
            if span is None or len(span.text) > xe - xs + 1:   # inside a longer token ("8-Mai-1945")
                continue
            taken.append((xs, xe))
            groups = {k: v for k, v in m.groupdict().items() if v}
            found.append((Span(doc, span.start, span.end, label=row["id"]), row, groups))
        found.sort(key=lambda f: f[0].start)
        return found
