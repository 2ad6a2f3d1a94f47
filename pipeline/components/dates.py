"""French temporal tagger: finds time expressions and resolves them to TIMEX3 values.

The grammar is data (`models/dates/`): `lexicon.tsv` (month and day names with
their unaccented forms, number words, units, parts, seasons, relative words),
`patterns.jsonl` (regexes over the text whose `{PLACEHOLDERS}` expand to lexicon
alternations; the named group `x` is the mention, the rest is context; `near`
names the word kind a row needs, so it only scans around such words),
`false_alarms.jsonl` (street names, quantities, ages... that veto a match) and
`anchors.jsonl` (datelines giving the document date).  Resolution (the `rule` of
a pattern) is code: calendar arithmetic against the anchor, which is the
publication date, else a date read from the text, else nothing; then values stay
partial (`XXXX-08-25`) or null rather than guess a year.

On the Doc: `doc.spans["dates"]` (each span labelled with the id of the pattern that
found it) with `Span._.timex` `{"value", "kind", "mod", "anchor", "start", "end"}`, and `doc._.anchor`
`{"value", "source"}`.  Entities lying inside a date mention are dropped from
`doc.ents` (the base NER reads "Vendredi" as LOC).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..text import spelling_key
from .base import TableComponent

SPAN_KEY = "dates"

if not Doc.has_extension("anchor"):
    # {"value": ISO date (maybe partial) or None, "source": "published" | "text" | None}
    Doc.set_extension("anchor", default=None)
if not Span.has_extension("timex"):
    # {"value", "kind", "mod", "anchor", "start", "end"}: see the module docstring.
    Span.set_extension("timex", default=None)

APOSTROPHES = "'’ʼ"
FIXED = {
    "S": r"(?:\s+)",
    "A": "[" + APOSTROPHES + "]",
    "YEAR": r"(?:1[89]\d\d|20\d\d)",
}
PLACEHOLDER = re.compile(r"\{([A-Z]+)(?::(-?\w+))?\}")
CONTEXTUAL = ("time", "textrel")     # rules resolved from the other mentions of the text
SEASONS = ("SP", "SU", "FA", "WI")
SEASON_MONTHS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 3)}
ROMAN = {"I": 1, "V": 5, "X": 10}


def form_regex(form: str) -> str:
    out = re.escape(form)
    out = out.replace("'", FIXED["A"]).replace(r"\ ", FIXED["S"]).replace(r"\-", "[-‐]")
    return out


@dataclass(frozen=True)
class Anchor:
    """The reference date; month and day may be unknown (`published` = "2019-08")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    source: str | None = None

    @classmethod
    def parse(cls, value: str | None, source: str | None) -> "Anchor":
        m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value or ""))
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            mo = d = None
        if d is not None and valid_date(y, mo, d) is None:
            d = None
        return cls(y, mo, d, source)

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None

    @property
    def value(self) -> str | None:
        if self.year is None:
            return None
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])


@dataclass
class Context:
    """What a mention is resolved against."""

    anchor: Anchor
    tense: str | None = None          # "past" | "present" | "future"
    year_hint: int | None = None      # explicit year of a precise date in the same sentence


def choose(cands: list, ref, direction: int, strict: bool):
    """Pick among candidate keys: the last before / first after / nearest to `ref`."""
    if not cands:
        return None
    if direction < 0:
        ok = [c for c in cands if c[0] < ref or (c[0] == ref and not strict)]
        if ok:
            return max(ok)
    elif direction > 0:
        ok = [c for c in cands if c[0] > ref or (c[0] == ref and not strict)]
        if ok:
            return min(ok)
    return min(cands, key=lambda c: (abs(c[0] - ref), -c[0]))


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_days(value: str) -> tuple[date, date]:
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    return monday, monday + timedelta(days=6)


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day-or-partial ISO values of a TIMEX3 value (None when not a calendar point)."""
    if not value or "X" in value or value.endswith("_REF") or value.startswith("P"):
        return None, None
    if "/" in value:
        a, b = value.split("/", 1)
        return bounds(a)[0], bounds(b)[1]
    if m := re.match(r"^(\d{4}-\d{2}-\d{2})", value):
        return m.group(1), m.group(1)
    if re.match(r"^\d{4}-W\d{2}(-WE)?$", value):
        try:
            monday, sunday = week_days(value)
        except ValueError:      # no week 53 that year
            return None, None
        first = monday + timedelta(days=5) if value.endswith("WE") else monday
        return first.isoformat(), sunday.isoformat()
    if m := re.match(r"^(\d{4})-([QH])(\d)$", value):
        y, size, n = int(m.group(1)), 3 if m.group(2) == "Q" else 6, int(m.group(3))
        return f"{y:04d}-{size * (n - 1) + 1:02d}", f"{y:04d}-{size * n:02d}"
    if m := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value):
        y, (a, b) = int(m.group(1)), SEASON_MONTHS[m.group(2)]
        return f"{y:04d}-{a:02d}", f"{y + (b < a):04d}-{b:02d}"
    if re.match(r"^\d{4}(-\d{2})?$", value):
        return value, value
    if re.match(r"^\d{2,3}$", value):   # century "18", decade "198"
        pad = 4 - len(value)
        return value + "0" * pad, value + "9" * pad
    return None, None


def timex(value, kind, mod=None, anchor=None) -> dict:
    start, end = bounds(value) if kind in ("date", "range") else (None, None)
    return {"value": value, "kind": kind, "mod": mod, "anchor": anchor, "start": start, "end": end}


class DateTagger(TableComponent):
    """Finds French temporal expressions and gives each a TIMEX3 value, kind and anchor."""

    TABLES = ("lexicon.tsv", "patterns.jsonl", "false_alarms.jsonl", "anchors.jsonl")

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

    # -- pipeline -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text     # built anew from the tokens at each access
        windows = {kind: near_windows(text, rx) for kind, rx in self.triggers.items()}
        mentions = self.find(doc, text, windows)
        anchor = self.document_anchor(doc, text, mentions, windows)
        doc._.anchor = {"value": anchor.value, "source": anchor.source}
        precise_years, any_years = self.year_hints(mentions)
        # undated article: "le 28 mars dernier" takes the one year its precise dates all give
        # ("la mission, du 28 mars au 1er avril 2010"), as a reader does
        doc_years = set(precise_years.values())
        doc_year = doc_years.pop() if anchor.year is None and len(doc_years) == 1 else None
        spans = []
        for span, row, groups in mentions:
            if row["rule"] not in CONTEXTUAL:
                sent = sentence_start(span)
                # a bare "en 2018" only helps when nothing else dates the article
                hint = precise_years.get(sent) or (any_years.get(sent) if anchor.year is None else None) or doc_year
                ctx = Context(anchor, tense_of(span, self.etre_verbs), hint)
                span._.timex = self.resolve(row, groups, ctx)
            spans.append(span)
        for i, (span, row, groups) in enumerate(mentions):
            if row["rule"] in CONTEXTUAL:
                span._.timex = self.resolve_from_text(row["rule"], groups, spans, i)
        doc.spans[SPAN_KEY] = spans
        doc.ents = [e for e in doc.ents
                    if not any(s.start <= e.start and e.end <= s.end for s in spans)]
        return doc

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

    # -- anchors ------------------------------------------------------------------
    def document_anchor(self, doc: Doc, text: str, mentions, windows: dict) -> Anchor:
        """Publication date, else a dateline, else a full date the text says is close ("ce lundi 26 août 2019")."""
        published = Anchor.parse(doc._.published, "published")
        if published.date:
            return published
        text_anchor = self.text_anchor(text, mentions, windows)
        if text_anchor and (published.year is None or text_anchor.value.startswith(published.value)):
            return text_anchor
        return published if published.year else Anchor()

    def text_anchor(self, text: str, mentions, windows: dict) -> Anchor | None:
        for row, rx in self.anchor_patterns:
            for m in self.scan(text, row, rx, windows):
                found = self.full_date(m.groupdict())
                if found:
                    return Anchor(found.year, found.month, found.day, "text")
        # "ce lundi 26 août 2019" first, then the latest full date with its weekday, then any latest full date
        dated = [("this" in groups, "weekday" in groups, found) for _, row, groups in mentions
                 if row["rule"] == "calendar" and (found := self.full_date(groups))]
        if not dated:
            return None
        found = max(dated)[2]
        return Anchor(found.year, found.month, found.day, "text")

    def full_date(self, groups: dict) -> date | None:
        if not all(groups.get(k) for k in ("day", "month", "year")):
            return None
        try:
            return date(self.year_of(groups["year"]), self.month_of(groups["month"]), self.day_of(groups["day"]))
        except ValueError:
            return None

    def year_hints(self, mentions) -> tuple[dict[int, int], dict[int, int]]:
        """Sentence start -> its one explicit year: (from day- or month-precise dates, from any date)."""
        precise: dict[int, set[int]] = {}
        anywhere: dict[int, set[int]] = {}
        for span, row, groups in mentions:
            if row["rule"] not in ("calendar", "range"):
                continue
            is_precise = any(k in groups for k in ("month", "month1", "month2", "season", "ordinal", "week"))
            for key in ("year", "year1", "year2"):
                if key in groups:
                    year = self.year_of(groups[key])
                    anywhere.setdefault(sentence_start(span), set()).add(year)
                    if is_precise:
                        precise.setdefault(sentence_start(span), set()).add(year)
        return ({s: ys.pop() for s, ys in precise.items() if len(ys) == 1},
                {s: ys.pop() for s, ys in anywhere.items() if len(ys) == 1})

    # -- resolution ---------------------------------------------------------------
    def resolve_from_text(self, rule: str, g: dict, spans: list[Span], i: int) -> dict:
        """Times take the day written in their sentence; "le lendemain" counts from the last day written."""
        def day(span):
            t = span._.timex
            return t and t["kind"] == "date" and t["start"] and len(t["start"]) == 10 and t["start"] == t["end"]
        if rule == "time":
            sent = sentence_start(spans[i])
            same = [s for s in spans[:i][::-1] + spans[i + 1:] if sentence_start(s) == sent and day(s)]
            if not same:
                return timex(None, "date")
            minute = int(g.get("minute") or 0)
            value = f"{same[0]._.timex['start']}T{int(g['hour']):02d}:{minute:02d}"
            return timex(value, "date", None, "text")
        before = [s for s in spans[:i][::-1] if day(s)]
        if not before:
            return timex(None, "date")
        shifted = date.fromisoformat(before[0]._.timex["start"]) + timedelta(days=int(self.word("textrel", g["textrel"])))
        suffix = ("T" + self.word("daypart", g["daypart"])) if g.get("daypart") else ""
        return timex(shifted.isoformat() + suffix, "date", None, "text")

    def resolve(self, row: dict, g: dict, ctx: Context) -> dict:
        rule = row["rule"]
        if rule == "calendar":
            return self.resolve_calendar(g, ctx)
        if rule == "range":
            return self.resolve_range(g, ctx)
        if rule == "relday":
            return self.resolve_relday(g, ctx)
        if rule == "relunit":
            return self.resolve_relunit(g, ctx)
        if rule == "offset":
            return self.resolve_offset(g, ctx, int(row["sign"]))
        if rule == "duration":
            value = self.period(g.get("num"), self.word("unit", g["unit"]))
            if g.get("minute"):     # "en 2h15"
                value += f"{int(g['minute'])}M"
            return timex(value, "duration")
        if rule == "set":
            return self.resolve_set(g)
        if rule == "vague":
            return timex(self.word("vague", g["vague"]), "vague")
        raise ValueError(f"unknown rule {rule!r} in {row['id']}")

    def direction(self, g: dict, ctx: Context) -> tuple[int, bool]:
        """(-1 past, 0 nearest, +1 future; strict) from "dernier"/"prochain", "ce", then verb tense."""
        rel = self.word("rel", g.get("rel"))
        if rel:
            return int(rel), True
        if g.get("this"):
            return 0, False
        return {"past": -1, "future": 1}.get(ctx.tense, 0), False

    def anchor_label(self, ctx: Context, hinted: bool = False) -> str:
        return "text" if hinted else ctx.anchor.source

    def resolve_calendar(self, g: dict, ctx: Context) -> dict:
        mod = self.word("part", g.get("part"))
        if "century" in g:
            n = sum_roman(g["century"].upper())
            return timex(f"{n - 1:02d}", "date", mod, "explicit") if n else timex(None, "date")
        if "decade" in g:
            d = g["decade"]
            century = "20" if d == "00" else "19"      # "les années 80", "les années 2000"
            return timex((d if len(d) == 4 else century + d)[:3], "date", mod, "explicit")
        year = self.year_of(g.get("year"))
        if "season" in g:
            return self.resolve_season(self.word("season", g["season"]), year, g, ctx, mod)
        if "ordinal" in g or "quarter" in g:
            n = int(g.get("quarter") or self.word("ordinal", g["ordinal"]))
            letter = "H" if self.word("unit", g.get("unit")) == "H" else "Q"
            return self.with_year(year, ctx, lambda y: f"{y:04d}-{letter}{n}", "date", mod)
        if "week" in g:
            found = self.with_year(year, ctx, lambda y: f"{y:04d}-W{int(g['week']):02d}", "date", mod)
            return found if found["value"].startswith("X") or found["start"] else timex(None, "date")
        if "holiday" in g:
            return self.resolve_day(year, None, None, None, g, ctx, on=self.holiday(g["holiday"]))
        month, day = self.month_of(g.get("month")), self.day_of(g.get("day"))
        weekday = int(self.word("weekday", g.get("weekday")) or 0) or None
        suffix = ("T" + self.word("daypart", g["daypart"])) if g.get("daypart") else ""
        if month and day:
            return self.resolve_day(year, month, day, weekday, g, ctx, suffix)
        if month:
            return self.resolve_month(year, month, g, ctx, mod)
        if year:
            return timex(f"{year:04d}", "date", mod, "explicit")
        if weekday:
            return self.resolve_weekday(weekday, day, g, ctx, suffix)
        return timex(None, "date")

    def with_year(self, year, ctx, fmt, kind, mod) -> dict:
        if year:
            return timex(fmt(year), kind, mod, "explicit")
        if ctx.year_hint:
            return timex(fmt(ctx.year_hint), kind, mod, "text")
        if ctx.anchor.year:
            return timex(fmt(ctx.anchor.year), kind, mod, ctx.anchor.source)
        return timex(fmt(0).replace("0000", "XXXX"), kind, mod)

    def resolve_day(self, year, month, day, weekday, g, ctx, suffix="", on=None) -> dict:
        """A day of a month (or the holiday `on` gives for a year); without a year, the occurrence
        the anchor, tense and weekday point to."""
        def valid(y):
            return on(y) if on else valid_date(y, month, day)
        if year:
            d = valid(year)
            return timex(d.isoformat() + suffix, "date", None, "explicit") if d else timex(None, "date")
        if ctx.year_hint and (not g.get("rel") or ctx.anchor.year is None):  # undated: "dernier" needs a year
            d = valid(ctx.year_hint)
            return timex(d.isoformat() + suffix if d else None, "date", None, "text")
        a = ctx.anchor
        if a.year is None:
            if not on and date_exists(month, day):
                return timex(f"XXXX-{month:02d}-{day:02d}{suffix}", "date")
            return timex(None, "date")
        direction, strict = self.direction(g, ctx)
        if a.date:
            # four years each way for 29 February; a written weekday picks among the nearest three
            years = [y for y in range(a.year - 4, a.year + 5) if valid(y)]
            same_weekday = [y for y in years if abs(y - a.year) <= 1 and valid(y).isoweekday() == weekday]
            if same_weekday:
                years = same_weekday
            picked = choose([(valid(y).toordinal(), y) for y in years], a.date.toordinal(), direction, strict)
            if picked is None:
                return timex(None, "date")
            y = picked[1]
        elif a.month:
            picked = choose([(valid(y).month + 12 * y, y) for y in (a.year - 1, a.year, a.year + 1) if valid(y)],
                            a.year * 12 + a.month, direction, False)
            y = picked[1]
        else:
            y = a.year
        d = valid(y)
        return timex(d.isoformat() + suffix if d else None, "date", None, a.source)

    def holiday(self, name: str):
        """Year -> date of a holiday: fixed ("12-25") or counted from Easter Sunday ("E+39")."""
        code = self.word("holiday", name)
        if code.startswith("E"):
            return lambda y: easter(y) + timedelta(days=int(code[1:]))
        month, day = map(int, code.split("-"))
        return lambda y: valid_date(y, month, day)

    def resolve_month(self, year, month, g, ctx, mod) -> dict:
        if year:
            return timex(f"{year:04d}-{month:02d}", "date", mod, "explicit")
        if ctx.year_hint:
            return timex(f"{ctx.year_hint:04d}-{month:02d}", "date", mod, "text")
        a = ctx.anchor
        if a.year is None:
            return timex(f"XXXX-{month:02d}", "date", mod)
        y = a.year
        if a.month:
            direction, strict = self.direction(g, ctx)
            y = choose([(yy * 12 + month, yy) for yy in (a.year - 1, a.year, a.year + 1)],
                       a.year * 12 + a.month, direction, strict)[1]
        return timex(f"{y:04d}-{month:02d}", "date", mod, a.source)

    def resolve_season(self, season, year, g, ctx, mod) -> dict:
        if year:
            return timex(f"{year:04d}-{season}", "date", mod, "explicit")
        a = ctx.anchor
        if a.year is None:
            return timex(f"XXXX-{season}", "date", mod)
        y = a.year
        if a.month:
            index = SEASONS.index(season)
            ref_season = ((a.month % 12) // 3 + 3) % 4   # Dec-Feb winter, Mar-May spring...
            ref_year = a.year - (a.month <= 2)
            direction, strict = self.direction(g, ctx)
            y = choose([(yy * 4 + index, yy) for yy in range(a.year - 2, a.year + 2)],
                       ref_year * 4 + ref_season, direction, strict)[1]
        return timex(f"{y:04d}-{season}", "date", mod, a.source)

    def resolve_weekday(self, weekday, day, g, ctx, suffix="") -> dict:
        a = ctx.anchor.date
        if a is None:
            return timex(None, "date")
        direction, strict = self.direction(g, ctx)
        reach = 62 if day else 7
        cands = [(a + timedelta(days=k)) for k in range(-reach, reach + 1)]
        cands = [d for d in cands if d.isoweekday() == weekday and (day is None or d.day == day)]
        picked = choose([(d.toordinal(), d) for d in cands], a.toordinal(), direction, strict)
        if picked is None:
            return timex(None, "date")
        return timex(picked[1].isoformat() + suffix, "date", None, ctx.anchor.source)

    def resolve_range(self, g: dict, ctx: Context) -> dict:
        if "day1" not in g and "month1" not in g:    # years
            y1, y2 = self.year_of(g["year1"]), self.year_of(g["year2"])
            return timex(f"{y1:04d}/{y2:04d}", "range", None, "explicit") if y1 < y2 else timex(None, "range")
        m2 = self.month_of(g["month2"])
        m1 = self.month_of(g.get("month1")) or m2
        y1, y2 = self.year_of(g.get("year1")), self.year_of(g.get("year2"))
        if "day1" not in g:                           # months
            end = self.resolve_month(y2, m2, g, ctx, None)
            if end["value"] is None:
                return timex(None, "range")
            ey = end["value"][:4]
            sy = f"{int(ey) - (m1 > m2):04d}" if ey.isdigit() else ey
            return timex(f"{sy}-{m1:02d}/{end['value']}", "range", None, end["anchor"])
        d1, d2 = self.day_of(g["day1"]), self.day_of(g["day2"])
        turns = (m1, d1) > (m2, d2)
        if y2 is None and y1 is not None:
            y2 = y1 + turns
        weekday2 = int(self.word("weekday", g.get("weekday2")) or 0) or None
        end = self.resolve_day(y2, m2, d2, weekday2, g, ctx)
        if end["value"] is None:
            return timex(None, "range")
        ey = end["value"][:4]
        sy = f"{y1:04d}" if y1 else (f"{int(ey) - turns:04d}" if ey.isdigit() else ey)
        if not (valid_date(int(sy), m1, d1) if sy.isdigit() else date_exists(m1, d1)):
            return timex(None, "range")
        start = f"{sy}-{m1:02d}-{d1:02d}"
        if start >= end["value"] and sy.isdigit():
            return timex(None, "range")
        anchor = "explicit" if y1 or y2 else end["anchor"]
        return timex(f"{start}/{end['value']}", "range", None, anchor)

    def resolve_relday(self, g: dict, ctx: Context) -> dict:
        a = ctx.anchor.date
        if a is None:
            return timex(None, "date")
        offset = int(self.word("relday", g["relday"]) if g.get("relday") else self.word("rel", g.get("rel")) or 0)
        suffix = ("T" + self.word("daypart", g["daypart"])) if g.get("daypart") else ""
        return timex((a + timedelta(days=offset)).isoformat() + suffix, "date", None, ctx.anchor.source)

    def resolve_relunit(self, g: dict, ctx: Context) -> dict:
        unit = self.word("unit", g["unit"])
        mod = self.word("part", g.get("part"))
        step = int(self.word("rel", g.get("rel")) or 0)
        a = ctx.anchor
        if unit == "Y" and a.year:
            return timex(f"{a.year + step:04d}", "date", mod, a.source)
        if unit == "M" and a.month:
            y, m = divmod(a.year * 12 + a.month - 1 + step, 12)
            return timex(f"{y:04d}-{m + 1:02d}", "date", mod, a.source)
        if unit == "W" and a.date:
            return timex(iso_week(a.date + timedelta(weeks=step)), "date", mod, a.source)
        if unit == "WE" and a.date:
            weekend = a.date.isoweekday() >= 6
            if step < 0:
                shift = -1
            elif step > 0:
                shift = 1 if weekend else 0
            else:
                shift = -1 if ctx.tense == "past" and not weekend else 0
            return timex(iso_week(a.date + timedelta(weeks=shift)) + "-WE", "date", mod, a.source)
        return timex(None, "date", mod)

    def resolve_offset(self, g: dict, ctx: Context, sign: int) -> dict:
        n, unit = self.num_of(g["num"]), self.word("unit", g["unit"])
        if n is None:
            return timex("PAST_REF" if sign < 0 else "FUTURE_REF", "vague")
        a, n = ctx.anchor, n * sign
        if unit in ("Y", "DE") and a.year:
            return timex(f"{a.year + n * (10 if unit == 'DE' else 1):04d}", "date", None, a.source)
        if unit in ("M", "Q", "H") and a.month:
            y, m = divmod(a.year * 12 + a.month - 1 + n * {"M": 1, "Q": 3, "H": 6}[unit], 12)
            return timex(f"{y:04d}-{m + 1:02d}", "date", None, a.source)
        if a.date and unit in ("W", "WE"):
            return timex(iso_week(a.date + timedelta(weeks=n)), "date", None, a.source)
        if a.date and unit in ("D", "TH", "TM"):
            return timex((a.date + timedelta(days=n if unit == "D" else 0)).isoformat(), "date", None, a.source)
        return timex(None, "date")

    def period(self, num: str | None, unit: str) -> str:
        n = self.num_of(num) if num else 1
        amount = "X" if n is None else str(n)
        if unit in ("Q", "H") and n is not None:
            return f"P{n * (3 if unit == 'Q' else 6)}M"
        return {"TH": f"PT{amount}H", "TM": f"PT{amount}M", "Q": "PXM", "H": "PXM", "WE": f"P{amount}W"}.get(
            unit, f"P{amount}{unit}")

    def resolve_set(self, g: dict) -> dict:
        if g.get("weekday"):
            return timex(f"XXXX-WXX-{self.word('weekday', g['weekday'])}", "set")
        if g.get("season"):
            return timex(f"XXXX-{self.word('season', g['season'])}", "set")
        if g.get("month"):
            return timex(f"XXXX-{self.month_of(g['month']):02d}", "set")
        return timex(self.period(g.get("num"), self.word("unit", g["unit"])), "set")


NEAR = 120      # characters around a trigger word that a pattern's match can reach


def near_windows(text: str, trigger: re.Pattern) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the trigger's matches, ending at a space so no word is cut."""
    windows: list[list[int]] = []
    for m in trigger.finditer(text):
        start, end = max(0, m.start() - NEAR), min(len(text), m.end() + NEAR)
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


def easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_exists(month: int, day: int) -> bool:
    """Whether the day exists in some year (29 February does)."""
    return valid_date(2000, month, day) is not None


def sum_roman(text: str) -> int:
    values = [ROMAN.get(c, 0) for c in text]
    if not all(values):
        return 0
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def sentence_start(span: Span) -> int:
    """First token of the mention's sentence, cut at line breaks (a dateline line is not the lead's sentence)."""
    try:
        start = span.sent.start
    except ValueError:      # no parser: lines are the only boundaries
        start = 0
    for i in range(span.start - 1, start - 1, -1):
        if "\n" in span.doc[i].text_with_ws:
            return i + 1
    return start


def tense_of(span: Span, etre_verbs: set[str]) -> str | None:
    """Tense of the clause governing the mention: past, present or future (None without a parse).

    `etre_verbs` are the verbs whose passé composé takes "être" ("est repartie"), which the
    parser labels as a present passive.
    """
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    token = span.root
    for _ in range(6):
        found = token_tense(token, etre_verbs)
        if found:
            return found
        if token.head is token:
            break
        token = token.head
    for token in span.sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and not token.dep_.startswith("aux")):
            found = token_tense(token, etre_verbs)
            if found:
                return found
    return None


FUTURE_ENDINGS = ("ront", "rons", "rez", "rai", "ras", "ra", "rait", "raient", "rions", "riez")


def looks_future(token) -> bool:
    """Future or conditional ending the tagger read as present ("défileront"); not a passé simple ("entra")."""
    text, lemma = token.lower_, token.lemma_.lower()
    return (text.endswith(FUTURE_ENDINGS) and text != lemma
            and not (lemma.endswith("er") and text == lemma[:-2] + "a"))


def token_tense(token, etre_verbs: set[str]) -> str | None:
    auxes = [c for c in token.children if c.dep_ in ("aux:tense", "aux:pass", "aux", "cop")]
    for a in auxes:
        if "Fut" in a.morph.get("Tense") or "Cnd" in a.morph.get("Mood"):
            return "future"
    tense, mood, form = token.morph.get("Tense"), token.morph.get("Mood"), token.morph.get("VerbForm")
    if token.pos_ in ("VERB", "AUX"):
        if "Part" in form and any(a.dep_ == "aux:tense" or (a.lemma_ == "être" and token.lemma_ in etre_verbs)
                                  for a in auxes):
            return "past"
        if "Fut" in tense or "Cnd" in mood:
            return "future"
        if "Fin" in form and ("Imp" in tense or "Past" in tense):
            return "past"
        if "Inf" in form:
            if any(c.lemma_ in ("aller", "devoir") for c in token.children):
                return "future"
            return None
        if "Fin" in form and "Pres" in tense:
            if token.lemma_ == "aller" or looks_future(token):
                return "future"
            return "present"
    for a in auxes:
        if "Imp" in a.morph.get("Tense") or "Past" in a.morph.get("Tense"):
            return "past"
        if "Pres" in a.morph.get("Tense"):
            return "present"
    return None


@Language.factory("presse_dates", default_config={},
                  assigns=["doc.spans", "doc._.anchor", "span._.timex"],
                  requires=["doc.sents", "token.pos", "token.dep", "token.lemma", "token.morph"])
def make_dates(nlp: Language, name: str) -> DateTagger:
    """Factory of the French temporal tagger; its tables arrive by initialize() or from_disk()."""
    return DateTagger(nlp, name)
