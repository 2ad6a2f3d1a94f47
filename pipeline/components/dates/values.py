"""TIMEX3 values and calendar arithmetic: the anchor, a value's first and last day, holidays.

Pure functions of dates, no spaCy: what the resolution rules compute with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Callable

SEASONS = ("SP", "SU", "FA", "WI")
SEASON_MONTHS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 3)}
ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Anchor:
    """The reference date; month and day may be unknown (`published` = "2019-08")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    source: str | None = None
    story: bool = False     # a day the story tells ("arrivée lundi 4 mars 2024"), not the day it is written

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
    def month_value(self) -> str | None:
        """"2024-02" when the anchor knows its month but not its day, else None."""
        return f"{self.year:04d}-{self.month:02d}" if self.month and not self.day else None

    @property
    def value(self) -> str | None:
        if self.year is None:
            return None
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])


@dataclass
class Context:
    """What a mention is resolved against."""

    anchor: Anchor
    clause: Callable[[], str | None] | None = None    # the tense of the mention's clause, read when asked
    year_hint: int | None = None      # explicit year of a precise date in the same sentence
    doc_year: int | None = None       # undated article: the one year all its precise dates give
    text_years: frozenset[int] = frozenset()    # every year the text writes

    @cached_property
    def tense(self) -> str | None:
        """"past" | "present" | "future": read from the parse only for the rules that count from the anchor."""
        return self.clause() if self.clause else None


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
