"""The grammar tables compiled to regexes, and the matching of mentions in a text.

`{PLACEHOLDERS}` of a pattern expand to alternations of the lexicon forms; a row's
`near` names the word kind it cannot match without, so it only scans around those words.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate, islice
try:  # CPython's own regex parser (3.11+): which words a pattern can open on
    from re import _constants as sre
    from re import _parser as sre_parse
    from re._casefix import _EXTRA_CASES
except ImportError:  # moved in a later Python: every pattern scans its whole window, same matches
    sre = sre_parse = None
    _EXTRA_CASES = {}
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
SEPARATORS = re.compile(r"(\W+)")
# re.IGNORECASE compares characters by their lower case, and also equates a few pairs (ſ/s, ı/i)
_CASE_PAIRS = str.maketrans({chr(c): chr(min(c, *others)) for c, others in _EXTRA_CASES.items()
                             if min(c, *others) != c})
_PAIRED = re.compile("[" + "".join(map(chr, _CASE_PAIRS)) + "]") if _CASE_PAIRS else None


class TextIndex(dict):
    """The windows (`near_windows`) of each trigger word kind, and where each word that patterns open on
    starts (`starts`: by the key under which re.IGNORECASE equates words, lower case with the pairs it also
    equates merged; `digit_starts`: the words opening on a digit).  `starts` is None when lower case
    changes the text's length ("İ"): every pattern then runs over its whole stretch."""

    def __init__(self, text: str, words: frozenset[str]):
        """`words`: the keys worth indexing, those the patterns open on (none opens on a digit)."""
        super().__init__()
        self.starts: dict[str, list[int]] | None = None
        self.digit_starts: list[int] = []
        self._where: dict[tuple[frozenset[str], bool], list[int]] = {}  # patterns share their openings
        lower = text.lower()
        if len(lower) != len(text):
            return
        starts = self.starts = defaultdict(list)
        digit_starts = self.digit_starts
        # lower case leaves each character a word character or not (test_dates checks all of Unicode):
        # the words of the lower-cased text are the text's, at the same places
        pieces = SEPARATORS.split(lower)    # the words (runs of \w) at even places, what parts them between
        if _PAIRED and _PAIRED.search(lower):
            pieces = [piece.translate(_CASE_PAIRS) for piece in pieces]     # one character for one
        for word, start in zip(pieces[::2], islice(accumulate(map(len, pieces), initial=0), 0, None, 2)):
            if word in words:
                starts[word].append(start)
            elif word[:1].isdecimal():
                digit_starts.append(start)

    def where(self, opening: tuple[frozenset[str], bool] | None) -> list[int] | None:
        """Where a pattern that opens on these words (`opening_words`) can match; None: anywhere."""
        if opening is None or self.starts is None:
            return None
        found = self._where.get(opening)
        if found is None:
            words, digit = opening
            starts = self.starts
            found = [p for word in (words if len(words) < len(starts) else words.intersection(starts))
                     if word in starts for p in starts[word]]
            found = self._where[opening] = sorted(found + self.digit_starts if digit else found)
        return found


def _key(word: str) -> str | None:
    """The key (`TextIndex.starts`) of a word; None when lower case changes its length."""
    low = word.lower()
    return low.translate(_CASE_PAIRS) if len(low) == len(word) else None


def opening_words(rx: re.Pattern) -> tuple[frozenset[str], bool] | None:
    """The words a match of rx can open on, for a pattern that opens with `(?<!\\w)`: the keys
    (`word_starts`) of the whole words it may open on, and whether it may open on a digit instead.
    None when the pattern says less ("any word" is no use)."""
    if sre_parse is None or rx.flags & ~(re.I | re.U):
        return None
    items = list(sre_parse.parse(rx.pattern, rx.flags))
    if not items or not _no_word_char(items[0], -1):
        return None
    found = _opening(items[1:])
    return None if found is None else (frozenset(found[0]), found[1])


_WORD_CHAR = re.compile(r"\w")
SPELLED_OUT = 5     # a repeat of at most this many times is read as the alternation of its counts


def _opening(items: list, prefix: str = "") -> tuple[set[str], bool] | None:
    """(keys of the whole words, opens on a digit) a sequence of parsed items can open on, the word
    characters `prefix` already read before them; None: unknown."""
    if prefix and _ends_word(items):
        key = _key(prefix)
        return None if key is None else ({key}, False)
    if not items:
        return None
    op, av = items[0]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _opening(items[1:], prefix)  # a look-around reads no word: those after it open the match
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] <= SPELLED_OUT:
        low, high, sub = av     # "(?:ce )?", "[IVX]{1,5}": each count of the repeat is an alternative
        return _opening([(sre.BRANCH, (None, [list(sub) * n for n in range(low, high + 1)]))] + items[1:], prefix)
    if op is sre.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _opening(list(sub) + items[1:], prefix)
    if op is sre.BRANCH:
        words, digit = set(), False
        for alternative in av[1]:
            found = _opening(list(alternative) + items[1:], prefix)
            if found is None:
                return None
            words |= found[0]
            digit = digit or found[1]
        return words, digit
    if op is sre.IN and all(o in (sre.LITERAL, sre.RANGE) for o, _ in av):
        op, av = sre.BRANCH, (None, [[(sre.LITERAL, c)] for c in sorted(_class_chars(av))])  # [bc]: b|c
        return _opening([(op, av)] + items[1:], prefix)
    if op is sre.LITERAL and _WORD_CHAR.match(chr(av)):
        if not prefix and chr(av).isdecimal():
            return set(), True
        return _opening(items[1:], prefix + chr(av))
    if prefix:
        return None  # a class or a repeat inside the word: its run has no fixed end
    if op is sre.IN:
        return (set(), True) if all(_digit_item(item) for item in av) else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, sub = av
        found = _opening(list(sub))
        if found is None or found[0]:
            return None  # a repeated word: its run has no fixed end
        if low >= 1:
            return found
        rest = _opening(items[1:])
        return None if rest is None or rest[0] else (set(), True)
    return None


def _class_chars(items) -> set[int]:
    chars = set()
    for op, av in items:
        chars.update([av] if op is sre.LITERAL else range(av[0], av[1] + 1))
    return chars


def _no_word_char(item, direction: int) -> bool:
    """Whether the parsed item is `(?<!\\w)` (direction -1) or `(?!\\w)` (direction 1)."""
    op, av = item
    return op is sre.ASSERT_NOT and av[0] == direction \
        and list(av[1]) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]


def _digit_item(item) -> bool:
    op, av = item
    return (op is sre.CATEGORY and av is sre.CATEGORY_DIGIT or op is sre.LITERAL and chr(av).isdecimal()
            or op is sre.RANGE and all(chr(c).isdecimal() for c in range(av[0], av[1] + 1)))


def _ends_word(items: list) -> bool:
    """Whether what follows a word in the pattern opens on no word character (the word's run ends there)."""
    if not items:
        return False  # the end of a piece: what follows is not known here
    op, av = items[0]
    if op is sre.LITERAL:
        return not _WORD_CHAR.match(chr(av))
    if op is sre.IN:
        return all(o is sre.LITERAL and not _WORD_CHAR.match(chr(a)) or o is sre.CATEGORY and a in (
            sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD) for o, a in av)
    if op is sre.ASSERT_NOT:
        return _no_word_char(items[0], 1)
    if op is sre.SUBPATTERN:
        return not (av[1] or av[2]) and _ends_word(list(av[3]) + items[1:])
    if op is sre.BRANCH:
        return all(_ends_word(list(alternative) + items[1:]) for alternative in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _ends_word(list(av[2])) and (av[0] >= 1 or _ends_word(items[1:]))
    return False


def matches(text: str, rx: re.Pattern, starts: list[int] | None, a: int = 0, b: int | None = None
            ) -> Iterator[re.Match]:
    """`rx.finditer(text, a, b)`; with `starts`, rx is tried only there (`TextIndex.where`): the same
    matches, the regex engine no longer tried at every character."""
    b = len(text) if b is None else b
    if starts is None:
        yield from rx.finditer(text, a, b)
        return
    end = a
    for start in islice(starts, bisect_left(starts, a), None):
        if start >= b:
            break
        if start >= end and (m := rx.match(text, start, b)) is not None:
            yield m
            end = m.end()


def near_windows(text: str, trigger: re.Pattern, starts: list[int] | None = None) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the trigger's matches, ending at a space so no word is cut
    (`starts`: see `matches`)."""
    windows: list[list[int]] = []
    for m in matches(text, trigger, starts):
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
        # the words each pattern can open on, so that it is tried only where they are (`TextIndex`)
        self.openings = {rx: opening_words(rx) for table in (self.patterns, self.false_alarms, self.anchor_patterns)
                         for _, rx in table}
        self.openings.update((rx, opening_words(rx)) for rx in self.triggers.values())
        self.opening_keys = frozenset().union(*(found[0] for found in self.openings.values() if found))

    def windows(self, text: str) -> TextIndex:
        """For each trigger word kind, the stretches of text around its words (`near_windows`)."""
        index = TextIndex(text, self.opening_keys)
        for kind, rx in self.triggers.items():
            index[kind] = near_windows(text, rx, index.where(self.openings[rx]))
        return index

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
    def scan(self, text: str, row: dict, rx: re.Pattern, windows: dict) -> Iterator[re.Match]:
        """Matches of one table row, looked for only near its trigger words when it names some, and
        only where the words it opens on are (`windows` from `windows`)."""
        stretches = windows.get(row.get("near"), [(0, len(text))])
        if not stretches:   # none of its trigger words in the text
            return
        starts = windows.where(self.openings.get(rx)) if isinstance(windows, TextIndex) else None
        for a, b in stretches:
            yield from matches(text, rx, starts, a, b)

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
            label = row["id"]
            span = doc.char_span(xs, xe, label=label) or doc.char_span(xs, xe, label=label, alignment_mode="expand")
            if span is None or len(span.text) > xe - xs + 1:   # inside a longer token ("8-Mai-1945")
                continue
            taken.append((xs, xe))
            groups = {k: v for k, v in m.groupdict().items() if v}
            found.append((span, row, groups))
        found.sort(key=lambda f: f[0].start)
        return found
