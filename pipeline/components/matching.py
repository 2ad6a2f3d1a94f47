"""Token Matchers that only look where a match can be: same matches, same order, a fraction of the time.

spaCy's `Matcher` starts every pattern at every token and calls a Python
predicate for each `IN` list it meets there: a few dozen patterns cost more than
the parser.  Yet almost every pattern of our tables has a token that must be one
of a few words ("visite", the lemma "rendre", a title noun) or match an
expression ("^jumel").  `AnchoredMatcher` finds those anchors with one pass over
the doc's `to_array` columns, widens each hit to the farthest a match through it
could reach, and runs on each window a `Matcher` holding only the keys whose anchors opened it.  A hit opens its
window only when the pattern can match through it at all, read off the same
arrays (`_Probe`: the tests the arrays cannot answer are taken as passed).  Its
`IN` and `NOT_IN` predicates become plain set look-ups (`_set_test`), its MORPH
set tests are answered once per morphology.

A window is exact, not a guess: before the anchor, a pattern consumes at most
`fixed` tokens through its `ONE`, `?`, `!` and `{n,m}` tokens, and any number of
tokens that its `*` and `+` tokens accept; so the match starts at or after the
point where walking left from the anchor meets more than `fixed` tokens that no
`*`/`+` token of that side accepts (a `*` token whose condition cannot be read
off the arrays accepts every token).  The same holds to the right.  Windows that
overlap or touch are merged, so every match lies inside one window, and the
windows' matches come in the order the whole-doc run gives them.  `greedy`
filters are applied afterwards to all matches together, as spaCy does.  A
matcher with one pattern that has no anchor runs on the whole doc, as before,
and so does one whose windows turn out to cover most of the text (`give_up`).
"""
from __future__ import annotations

import re
from operator import attrgetter

import numpy
from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import get_lang_class

from .columns import CHECKED_ATTRS, _Arrays, annotated

# Attributes whose values are words: the ones an anchor is read from.
WORD_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA, "NORM": NORM}
REGEX_RARITY = (0, 1_000, 0)  # an expression anchors a pattern only where no token has words
TRIAL, COMMON = 20_000, 0.6  # after TRIAL tokens, windows covering over COMMON of them are not worth it
REGEX_CACHE = 200_000  # strings whose match with one anchor expression is kept, before the cache is emptied
SUBSETS = 1_000  # Matchers kept per AnchoredMatcher, one per set of keys met in a window (`subset`)
# Attributes a `*`/`+` token may test and still be read off the arrays.
ARRAY_ATTRS = {**WORD_ATTRS, "POS": POS, "TAG": TAG, "DEP": DEP, "ENT_TYPE": ENT_TYPE}


# Token attributes whose `IN`/`NOT_IN` tests a plain set look-up answers (the Token property of each).
TOKEN_GETTERS = {ORTH: "orth", LOWER: "lower", LEMMA: "lemma", NORM: "norm", POS: "pos", TAG: "tag",
                 DEP: "dep", ENT_TYPE: "ent_type"}


def _set_test(predicate):
    """A set look-up in place of spaCy's `IN`/`NOT_IN` predicate object, same answers, a quarter
    of the time; a MORPH set test answered once per morphology; any other predicate is returned as it is."""
    if type(predicate).__name__ == "_SetPredicate" and predicate.attr == MORPH and not predicate.is_extension:
        return _morph_test(predicate)
    name = TOKEN_GETTERS.get(getattr(predicate, "attr", None))
    if (type(predicate).__name__ != "_SetPredicate" or name is None or predicate.is_extension
            or predicate.regex or predicate.fuzzy is not None or predicate.predicate not in ("IN", "NOT_IN")):
        return predicate
    values, get = frozenset(predicate.value), attrgetter(name)
    if predicate.predicate == "IN":
        def test(token) -> bool:
            return get(token) in values
    else:
        def test(token) -> bool:
            return get(token) not in values
    test.key, test.i = predicate.key, predicate.i  # what Matcher.add reads when it reuses a predicate
    return test


def _morph_test(predicate):
    """spaCy's MORPH predicate ("IS_SUPERSET": ["VerbForm=Inf"]) splits the token's features into a
    new set at every call; its answer depends only on the morphology, so it is kept per morphology."""
    answers: dict[int, bool] = {}

    def test(token) -> bool:
        key = token.morph.key
        if key not in answers:
            answers[key] = predicate(token)
        return answers[key]
    test.key, test.i = predicate.key, predicate.i
    return test


def _strings(value) -> frozenset[str] | None:
    """The strings a token attribute must take (`"x"` or `{"IN": [...]}`), None when not a plain set."""
    if isinstance(value, str):
        return frozenset((value,))
    if isinstance(value, dict) and isinstance(value.get("IN"), list) and all(isinstance(v, str) for v in value["IN"]):
        return frozenset(value["IN"])
    return None


def _ids(strings: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(s) for s in strings)


def _quantity(spec: dict) -> tuple[int, int | None]:
    """(least, most) tokens a pattern token consumes; most None when unbounded."""
    op = spec.get("OP", spec.get("op"))
    if op in (None, "1", "!"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, None
    if op == "+":
        return 1, None
    low, _, high = op[1:-1].partition(",") if "," in op else (op[1:-1], ",", op[1:-1])
    return int(low or 0), (int(high) if high else None)


def _condition(spec: dict, extensions: tuple[str, ...] = ()) -> tuple | None:
    """A `*`/`+` token's test as ((attr id, value ids), ...), or None when it accepts what the arrays cannot tell."""
    tests = []
    for key, value in spec.items():
        key = key.upper() if isinstance(key, str) else key
        if key == "OP":
            continue
        if key == "_" and isinstance(value, dict) and set(value) <= set(extensions):
            for name, wanted in value.items():
                strings = _strings(wanted)
                if strings is None:
                    return None
                tests.append((("_", name), strings))
            continue
        strings = _strings(value)
        if key not in ARRAY_ATTRS or strings is None:
            return None
        tests.append((ARRAY_ATTRS[key], _ids(strings)))
    return tuple(tests) if tests else None


class _Reach:
    """How far a pattern reaches on one side of its anchor: fixed tokens, and the `*`/`+` conditions."""

    def __init__(self, specs: list[dict], extensions: tuple[str, ...] = ()):
        self.fixed = 0
        self.conditions: list[tuple] = []
        self.unbounded = False
        self.extensions = extensions
        for spec in specs:
            self.add(spec, *_quantity(spec))

    @property
    def key(self) -> tuple:
        return (self.fixed, tuple(self.conditions), self.unbounded)

    def add(self, spec: dict, least: int, most: int | None) -> None:
        if most is not None:
            self.fixed += most
            return
        self.fixed += least
        condition = _condition(spec, self.extensions)
        if condition is None:
            self.unbounded = True
        else:
            self.conditions.append(condition)


def _tests(spec: dict, extensions: tuple[str, ...] = ()) -> tuple:
    """The tests of a pattern token that the arrays answer, ((attr, values, negated), ...); the
    token's other tests are taken as passed, so a probe lets through more than the Matcher, never less."""
    tests = []
    for key, value in spec.items():
        key = key.upper() if isinstance(key, str) else key
        if key == "_" and isinstance(value, dict):
            tests += [(("_", name), strings, False) for name, wanted in value.items()
                      if name in extensions and (strings := _strings(wanted))]
        elif key in ARRAY_ATTRS and key != "OP":
            strings = _strings(value)
            if strings:
                tests.append((ARRAY_ATTRS[key], _ids(strings), False))
            elif isinstance(value, dict) and isinstance(value.get("NOT_IN"), list) \
                    and all(isinstance(v, str) for v in value["NOT_IN"]):
                tests.append((ARRAY_ATTRS[key], _ids(frozenset(value["NOT_IN"])), True))
    return tuple(tests)


def _items(specs: list[dict], extensions: tuple[str, ...]) -> tuple:
    """Pattern tokens as (tests, optional, repeated) items, quantifiers spelt out; "!" as any token."""
    items = []
    for spec in specs:
        least, most = _quantity(spec)
        tests = () if spec.get("OP", spec.get("op")) == "!" else _tests(spec, extensions)
        items += [(tests, False, False)] * least
        items += [(tests, True, True)] if most is None else [(tests, True, False)] * (most - least)
    return tuple(items)


def _passes(tests: tuple, columns: dict, i: int) -> bool:
    for attr, values, negated in tests:  # a loop, not `all()` over a generator: called at every hit
        if (columns[attr][i] in values) == negated:
            return False
    return True


def _fits_fixed(tests: tuple, columns: dict, i: int, stop: int, step: int) -> bool:
    """`_fits` for items that are all taken once (most patterns): each token from `i` on passes its
    item's tests, and there are tokens enough before `stop`."""
    if (stop - i) * step < len(tests):
        return False
    for item in tests:
        if item and not _passes(item, columns, i):
            return False
        i += step
    return True


def _fits(items: tuple, columns: dict, i: int, stop: int, step: int, reach: tuple) -> bool:
    """Whether `items` can take the tokens from `i` on, going by `step` and never reaching `stop`;
    `reach[k]`: the states item k leads to through the optional items after it (`_reaches`)."""
    if not items:
        return True
    states, n = reach[0], len(items)
    while n not in states:
        if i == stop or not states:
            return False
        ahead: set[int] = set()
        for k in states:
            tests, _, repeated = items[k]
            if _passes(tests, columns, i):
                ahead |= reach[k + 1]
                if repeated:
                    ahead |= reach[k]
        states, i = ahead, i + step
    return True


def _reaches(items: tuple) -> tuple[frozenset[int], ...]:
    """For each state k (n: all items taken), k and the states after the optional items from k on."""
    reach = [frozenset({len(items)})]
    for k in range(len(items) - 1, -1, -1):
        reach.append(frozenset({k}) | reach[-1] if items[k][1] else frozenset({k}))
    return tuple(reversed(reach))


class _Probe:
    """Whether a pattern can match through an anchor hit at all, read off the arrays: its anchor
    token's other tests, then the tokens to the left (read leftwards) and to the right.  Most hits
    of common anchors ("la", "de", "pour") lead nowhere, and their windows need no Matcher run."""

    def __init__(self, pattern: list[dict], index: int, extensions: tuple[str, ...]):
        self.anchor = _tests(pattern[index], extensions)
        self.left = _items(pattern[:index], extensions)[::-1]
        self.right = _items(pattern[index + 1:], extensions)
        self.key = (self.anchor, self.left, self.right)
        self.reach = (_reaches(self.left), _reaches(self.right))
        # a side whose items are all taken once is read token by token (`_fits_fixed`), with no states
        self.fixed = tuple(tuple(tests for tests, *_ in items) if not any(optional for _, optional, _ in items)
                           else None for items in (self.left, self.right))
        self.attrs = {attr for tests in [self.anchor] + [t for t, *_ in self.left + self.right]
                      for attr, *_ in tests}

    def fits(self, columns: dict, i: int, length: int) -> bool:
        if not _passes(self.anchor, columns, i):
            return False
        left, right = self.fixed
        if not (_fits(self.left, columns, i - 1, -1, -1, self.reach[0]) if left is None
                else _fits_fixed(left, columns, i - 1, -1, -1)):
            return False
        return _fits(self.right, columns, i + 1, length, 1, self.reach[1]) if right is None \
            else _fits_fixed(right, columns, i + 1, length, 1)


class _Anchored:
    """One pattern: its anchor and its reach to the left and right of the anchor.

    The anchor is a token every match holds: `words`, the string ids its attribute
    `attr` must take, or `regex`, the expression that attribute must match.  Of
    the pattern's mandatory tokens, the one whose words are rarest is taken (see
    `AnchoredMatcher.rarity`); an expression only when no token has words.
    """

    def __init__(self, pattern: list[dict], rarity, extensions: tuple[str, ...] = ()):
        candidates = []
        for index, spec in enumerate(pattern):
            if _quantity(spec)[0] < 1 or spec.get("OP") == "!":
                continue
            for key, value in spec.items():
                key = key.upper() if isinstance(key, str) else key
                if key == "_" and isinstance(value, dict):  # a value of an extension the caller hands over
                    candidates += [(rarity(strings), index, ("_", name), strings, None)
                                   for name, wanted in value.items()
                                   if name in extensions and (strings := _strings(wanted))]
                if key not in WORD_ATTRS:
                    continue
                strings = _strings(value)
                if strings:
                    candidates.append((rarity(strings), index, WORD_ATTRS[key], _ids(strings), None))
                elif isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                    candidates.append((REGEX_RARITY, index, WORD_ATTRS[key], None, value["REGEX"]))
        if not candidates:
            raise LookupError("no anchor")
        self.rarity, index, self.attr, self.words, self.regex = min(candidates, key=lambda c: (c[0], c[1]))
        self.left, self.right = _Reach(pattern[:index], extensions), _Reach(pattern[index + 1:], extensions)
        spec = pattern[index]
        least, most = _quantity(spec)
        self.probe = _Probe(pattern, index, extensions) if (least, most) == (1, 1) else None
        for side in (self.left, self.right):  # the anchor's own repeats may lie either side of the hit
            side.add(spec, 0, None if most is None else most - 1)


def _walk(start: int, step: int, stop: int, budget: int, accepted: list[bool] | None) -> int:
    """The last index reached from `start` going by `step` towards `stop` with `budget` free tokens."""
    if accepted is None:
        return max(start + step * budget, stop) if step < 0 else min(start + step * budget, stop)
    i = start
    while i != stop:
        nxt = i + step
        if not accepted[nxt]:
            if budget == 0:
                break
            budget -= 1
        i = nxt
    return i


class AnchoredMatcher:
    """A spaCy `Matcher` run only on the windows its anchors open (see the module docstring)."""

    GAP = 0  # windows at most GAP tokens apart run as one (0: overlapping or touching)

    def __init__(self, matcher: Matcher, extensions: tuple[str, ...] = ()):
        """`extensions`: token extensions whose values each call hands over (`columns`), so that
        patterns may be anchored on them too; without them, extension values are not read."""
        self.matcher = matcher
        self.extensions = tuple(extensions)
        self.vocab = matcher.vocab
        self.filters: dict[int, str] = {}
        lang = self.vocab.lang
        self.common = set(get_lang_class(lang).Defaults.stop_words) if lang else set()
        self.words: dict[int, dict[int, list[tuple[_Reach, _Reach]]]] = {}
        self.attrs: list[int] = []
        self.regexes: list[tuple[int, re.Pattern, dict[int, bool], list[_Anchored]]] = []
        self.anchored = False
        self.seen = self.covered = 0  # tokens given, tokens inside windows: see `give_up`
        self.mixed = False  # a key was added twice (`add`)
        self.subsets: dict[frozenset, Matcher] = {}
        self.analyse()

    def rarity(self, words: frozenset[str]) -> tuple[int, int, int]:
        """How often an anchor's words may be met: (how many are punctuation or two letters,
        how many are stop words, how many words)."""
        return (sum(len(w) < 3 or not w.isalpha() for w in words),
                sum(w.lower() in self.common for w in words), len(words))

    def analyse(self) -> None:
        """Anchor every pattern; one pattern without an anchor leaves the matcher on whole docs."""
        self.words, self.regexes, self.anchored = {}, [], False
        predicates = getattr(self.matcher, "_extra_predicates", None)  # spaCy's own list (3.x)
        if isinstance(predicates, list):
            predicates[:] = [_set_test(p) for p in predicates]
        by_word: dict[int, dict[int, dict]] = {}
        by_regex: dict[tuple[int, str], dict] = {}
        try:
            for key, patterns in self.matcher._patterns.items():
                for pattern in patterns:
                    anchored = _Anchored(pattern, self.rarity, self.extensions)
                    probe = anchored.probe
                    reach = (anchored.left.key, anchored.right.key, probe and probe.key)
                    entry = (anchored.left, anchored.right, probe)
                    groups = [by_regex.setdefault((anchored.attr, anchored.regex), {})] \
                        if anchored.regex is not None else []
                    groups += [by_word.setdefault(anchored.attr, {}).setdefault(word, {})
                               for word in anchored.words or ()]
                    for group in groups:  # the keys whose patterns share this reach and probe
                        group.setdefault(reach, (*entry, set()))[3].add(key)
        except (LookupError, ValueError, TypeError, AttributeError):
            return
        # each word keeps the distinct reaches and probes of the patterns it anchors, with their keys:
        # a window per hit and reach, matched with those keys' patterns only
        self.words = {attr: {word: [(*r[:3], frozenset(r[3])) for r in reaches.values()]
                             for word, reaches in words.items()} for attr, words in by_word.items()}
        # the words of each token attribute, for the doc's index (`_Index.found`); extensions' are strings
        self.word_arrays = {attr: numpy.array(list(words), dtype=numpy.uint64)
                            for attr, words in self.words.items() if isinstance(attr, int)}
        self.regexes = [(attr, re.compile(regex), {}, [(*r[:3], frozenset(r[3])) for r in reaches.values()])
                        for (attr, regex), reaches in by_regex.items()]
        self.subsets = {}
        self.keys = frozenset(self.matcher._patterns)
        # a key added by two calls may have its patterns apart in the Matcher: its order is not known
        self.by_subset = not any(self.matcher._callbacks.values()) and not self.mixed
        self.anchored = bool(self.words or self.regexes)
        conditions = {attr for patterns in self.matcher._patterns.values() for pattern in patterns
                      for spec in pattern for attr, _ in _condition(spec, self.extensions) or ()}
        probed = {attr for patterns in [*self.words.values(), *({"": r} for *_, r in self.regexes)]
                  for reaches in patterns.values() for _, _, probe, _ in reaches if probe for attr in probe.attrs}
        self.attrs = sorted(a for a in set(self.words) | {attr for attr, *_ in self.regexes} | conditions | probed
                            if isinstance(a, int))  # the others are extensions, handed over
        self.seen = self.covered = 0
        # greedy filters are applied over all windows' matches together, as the whole-doc run would
        self.filters.update((key, how) for key, how in self.matcher._filter.items() if how is not None)
        self.matcher._filter = {}

    def give_up(self) -> None:
        """Run on whole docs from now on (the anchors are too common to save anything)."""
        self.anchored = False
        self.matcher._filter.update(self.filters)
        self.filters = {}

    def add(self, key, patterns, **kwargs) -> None:
        self.mixed = self.mixed or key in self.matcher
        self.give_up()
        self.matcher.add(key, patterns, **kwargs)
        self.analyse()

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key) -> bool:
        return key in self.matcher

    def hits(self, arrays: _Arrays):
        """(token index, (left reach, right reach, probe, keys)) for every anchor met in the doc or
        span, in no particular order (the windows they open are sorted)."""
        for attr, reaches in self.words.items():
            index = arrays.index(attr)
            if index is None:  # a scan of the column, only when one of the words is in it
                column = arrays.columns[attr]
                present = reaches.keys() & set(column)
                if present:
                    for i in [i for i, value in enumerate(column) if value in present]:
                        for reach in reaches[column[i]]:
                            yield i, reach
                continue
            for word, positions in index.found(self.word_arrays[attr]):
                entries = reaches[word]
                for i in positions:
                    for reach in entries:
                        yield i, reach
        strings = self.vocab.strings
        for attr, regex, seen, reaches in self.regexes:
            index = arrays.index(attr)
            column = arrays.columns[attr] if index is None else None
            matched = set()
            for value in set(column) if index is None else index.values():
                hit = seen.get(value)
                if hit is None:  # a bounded cache: cleared when full, never read after clearing
                    if len(seen) >= REGEX_CACHE:
                        seen.clear()
                    hit = seen[value] = bool(regex.search(strings[value]))
                if hit:
                    matched.add(value)
            if not matched:  # most docs hold no word the regex takes: no walk over their tokens
                continue
            positions = [i for i, value in enumerate(column) if value in matched] if index is None \
                else [i for _, at in index.found(numpy.array(sorted(matched), dtype=numpy.uint64)) for i in at]
            for i in positions:
                for reach in reaches:
                    yield i, reach

    def windows(self, doclike: Doc | Span, columns: dict[str, list] | None = None) -> list[tuple[int, int]]:
        """Windows [start, end) of `doclike`, in order and apart, that hold every match: around each
        anchor hit through which its pattern can match (`_Probe`)."""
        return [(start, end) for start, end, _ in self.keyed_windows(doclike, columns)]

    def keyed_windows(self, doclike: Doc | Span, columns: dict[str, list] | None = None) -> list[list]:
        """`windows`, each as [start, end, keys]: the keys of the patterns that opened it, the only
        ones that can match inside it."""
        arrays, last, found = _Arrays(doclike, self.attrs, columns), len(doclike) - 1, {}
        for i, (left, right, probe, keys) in self.hits(arrays):
            if probe is not None and not probe.fits(arrays.columns, i, last + 1):
                continue
            start = 0 if left.unbounded else _walk(i, -1, 0, left.fixed, arrays.mask(left))
            end = last if right.unbounded else _walk(i, 1, last, right.fixed, arrays.mask(right))
            window = (start, end + 1)
            found[window] = found[window] | keys if window in found else keys
        merged: list[list] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1] + self.GAP:
                merged[-1][1] = max(merged[-1][1], end)
                merged[-1][2] = merged[-1][2] | found[start, end]
            else:
                merged.append([start, end, found[start, end]])
        return merged

    def subset(self, keys: frozenset) -> Matcher:
        """A Matcher holding the patterns of `keys` only, in the Matcher's order: on any text it gives
        the whole Matcher's matches of those keys, in the same order (spaCy's states for one pattern
        never depend on another's), and it tries a handful of patterns at each token, not all."""
        if not self.by_subset or keys == self.keys:
            return self.matcher
        matcher = self.subsets.get(keys)
        if matcher is None:
            if len(self.subsets) >= SUBSETS:
                self.subsets.clear()
            matcher = self.subsets[keys] = Matcher(self.vocab, validate=False)
            for key, patterns in self.matcher._patterns.items():
                if key in keys:
                    matcher.add(key, patterns)
            matcher._extra_predicates[:] = [_set_test(p) for p in matcher._extra_predicates]
        return matcher

    def whole(self, doclike: Doc | Span, **kwargs):
        """The plain Matcher's answer, over the whole doc or span (and with its other options)."""
        self.matcher._filter.update(self.filters)
        try:
            return self.matcher(doclike, **kwargs)
        finally:
            if self.filters:
                self.matcher._filter = {}

    def __call__(self, doclike: Doc | Span, *, as_spans: bool = False, columns: dict[str, list] | None = None,
                 **kwargs):
        """Matches as the plain Matcher gives them; `columns`: for each of `extensions`, its value
        at every token of the doc."""
        if not self.anchored or kwargs or (self.extensions and columns is None):
            return self.whole(doclike, as_spans=as_spans, **kwargs)
        length = len(doclike)
        offset = doclike.start if isinstance(doclike, Span) else 0
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        matches = []
        windows = self.keyed_windows(doclike, columns) if length else []
        self.seen += length
        self.covered += sum(end - start for start, end, _ in windows)
        if self.seen >= TRIAL and self.covered > COMMON * self.seen:
            self.give_up()
        if windows and not all(annotated(doc, attr) for attr in CHECKED_ATTRS if attr in self.matcher._seen_attrs):
            self.matcher(doc[0:0])  # spaCy's check that the doc has the annotation the patterns read: its error
        for start, end, keys in windows:
            matcher = self.subset(keys)
            if (start, end) == (0, length):
                matches = matcher(doclike, allow_missing=True)
                break
            window = doc[offset + start: offset + end]
            matches += [(key, start + s, start + e) for key, s, e in matcher(window, allow_missing=True)]
        if self.filters:
            matches = self.filtered(matches)
        if as_spans:
            return [Span(doc, offset + s, offset + e, label=key) for key, s, e in matches]
        return matches

    def filtered(self, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """spaCy's `greedy` filters ("FIRST", "LONGEST"): the kept matches of each key after the rest."""
        kept, pairs_by_key = [], {}
        for key, start, end in matches:
            if key in self.filters:
                pairs_by_key.setdefault(key, []).append((start, end))
            else:
                kept.append((key, start, end))
        for key, pairs in pairs_by_key.items():
            if self.filters[key] == "FIRST":
                ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
            else:
                ordered = sorted(pairs, key=lambda p: (p[1] - p[0], -p[0]), reverse=True)
            taken: set[int] = set()
            for start, end in ordered:
                if taken.isdisjoint(range(start, end)):
                    kept.append((key, start, end))
                    taken.update(range(start, end))
        return kept


def anchor_matchers(component) -> None:
    """Wrap every spaCy `Matcher` a component keeps as an attribute in an `AnchoredMatcher`."""
    for name, value in list(vars(component).items()):
        if type(value) is Matcher:
            setattr(component, name, AnchoredMatcher(value))
