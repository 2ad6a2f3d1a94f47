"""Resolution: the document anchor, then each mention's TIMEX3 value against it.

Calendar arithmetic against the anchor (the publication date, else a date read from
the text, else nothing); values stay partial (`XXXX-08-25`) or null rather than guess a year.
"""
from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Span

from .clause import Clauses
from .values import (SEASONS, Anchor, Context, choose, date_exists, easter, iso_week, sum_roman, timex,
                     valid_date)


class Resolver:
    """Anchors and TIMEX3 values of the matched mentions (a mixin of the tagger)."""

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
                if found:  # "reçue hier, 4 juillet 2022": the paper is of the day after the date it restates
                    found += timedelta(days=row.get("shift", 0))
                    return Anchor(found.year, found.month, found.day, "text")
        # "ce lundi 26 août 2019" first, then the latest full date with its weekday, then any latest full date
        dated = [("this" in groups, "weekday" in groups, found) for _, row, groups in mentions
                 if row["rule"] == "calendar" and (found := self.full_date(groups))]
        if not dated:
            return None
        this, weekday, found = max(dated)
        return Anchor(found.year, found.month, found.day, "text", story=weekday and not this)

    def full_date(self, groups: dict) -> date | None:
        if not all(groups.get(k) for k in ("day", "month", "year")):
            return None
        try:
            return date(self.year_of(groups["year"]), self.month_of(groups["month"]), self.day_of(groups["day"]))
        except ValueError:
            return None

    def written_years(self, mentions) -> frozenset[int]:
        """Every year the text writes in a date or range."""
        return frozenset(self.year_of(groups[key]) for _, row, groups in mentions
                         if row["rule"] in ("calendar", "range")
                         for key in ("year", "year1", "year2") if key in groups)

    def year_hints(self, mentions, clauses: Clauses) -> tuple[dict[int, int], dict[int, int]]:
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
                    anywhere.setdefault(clauses.sentence_start(span), set()).add(year)
                    if is_precise:
                        precise.setdefault(clauses.sentence_start(span), set()).add(year)
        return ({s: ys.pop() for s, ys in precise.items() if len(ys) == 1},
                {s: ys.pop() for s, ys in anywhere.items() if len(ys) == 1})

    # -- resolution ---------------------------------------------------------------
    def resolve_from_text(self, rule: str, g: dict, spans: list[Span], i: int, clauses: Clauses) -> dict:
        """Times take the day written in their sentence; "le lendemain" counts from the last day written."""
        def day(span):
            t = span._.timex
            return t and t["kind"] == "date" and t["start"] and len(t["start"]) == 10 and t["start"] == t["end"]
        if rule == "time":
            sent = clauses.sentence_start(spans[i])
            same = [s for s in spans[:i][::-1] + spans[i + 1:] if clauses.sentence_start(s) == sent and day(s)]
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
        """(-1 past, 0 nearest, +1 future; strict) from "dernier"/"prochain", "ce", "depuis"/"jusqu'à",
        then verb tense."""
        rel = self.word("rel", g.get("rel"))
        if rel:
            return int(rel), True
        if g.get("this"):       # "ce lundi": this week's, behind a past verb ("est arrivé ce lundi")
            return (-1 if ctx.tense == "past" else 1 if ctx.tense == "future" else 0), False
        if g.get("since"):      # "depuis lundi": the day is behind
            return -1, False
        if g.get("until"):      # "jusqu'à samedi": ahead of a stay told now, behind one told past
            return (-1 if ctx.tense == "past" else 1), False
        return {"past": -1, "future": 1}.get(ctx.tense, 0), False

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
        if day and g.get("current"):    # "le 8 courant", "le 12 du mois en cours": the anchor's month
            return self.resolve_monthday(day, g, ctx, current=True)
        weekday = int(self.word("weekday", g.get("weekday")) or 0) or None
        suffix = ("T" + self.word("daypart", g["daypart"])) if g.get("daypart") else ""
        if month and day and "weekend" in g:   # "le week-end du 4 septembre": its Saturday and Sunday
            found = self.resolve_day(year, month, day, weekday, g, ctx)
            if found["value"] and found["value"][:4].isdigit():
                found = timex(iso_week(date.fromisoformat(found["value"])) + "-WE", "date", None, found["anchor"])
            return found
        if month and day:
            return self.resolve_day(year, month, day, weekday, g, ctx, suffix)
        if month:
            return self.resolve_month(year, month, g, ctx, mod)
        if year:
            return timex(f"{year:04d}", "date", mod, "explicit")
        if weekday:
            return self.resolve_weekday(weekday, day, g, ctx, suffix)
        if day:
            return self.resolve_monthday(day, g, ctx)
        return timex(None, "date")

    def resolve_monthday(self, day, g, ctx, current: bool = False) -> dict:
        """"le 12," with no month: that day of the anchor's month, or of the month before (after) when
        the verb or "dernier" ("prochain") points there; `current` ("le 8 courant", "le 12 du mois en
        cours", "le 3 du mois prochain"): of the anchor's month, or the one its "prochain"/"dernier" names."""
        a = ctx.anchor.date
        if a is None:
            if current and ctx.anchor.month and not g.get("rel"):  # a paper dated to its month
                return timex(f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}-{day:02d}", "date", None, ctx.anchor.source) \
                    if valid_date(ctx.anchor.year, ctx.anchor.month, day) else timex(None, "date")
            return timex(None, "date")
        if current:
            y, m = divmod(a.year * 12 + a.month - 1 + int(self.word("rel", g.get("rel")) or 0), 12)
            d = valid_date(y, m + 1, day)
            return timex(d.isoformat(), "date", None, ctx.anchor.source) if d else timex(None, "date")
        months = [divmod(a.year * 12 + a.month - 1 + k, 12) for k in (-1, 0, 1)]
        cands = [(d.toordinal(), d) for y, m in months if (d := valid_date(y, m + 1, day))]
        picked = choose(cands, a.toordinal(), *self.direction(g, ctx))
        return timex(picked[1].isoformat(), "date", None, ctx.anchor.source) if picked else timex(None, "date")

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
        if a.year is None and weekday and ctx.text_years:
            # undated: "lundi 11 mars" falls on a Monday in one year only around those the text writes
            years = range(min(ctx.text_years) - 1, max(ctx.text_years) + 2)
            found = [d for y in years if (d := valid(y)) and d.isoweekday() == weekday]
            if len(found) == 1:
                return timex(found[0].isoformat() + suffix, "date", None, "text")
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

    def written_weekday(self, estimate: dict, g: dict, spans: list[Span]) -> dict:
        """"mercredi" estimated to its month: the one Wednesday of that month or the one before
        that the text's own dates cover ("du 21 au 23 février"), as a reader matches them."""
        weekday, day = int(self.word("weekday", g["weekday"])), self.day_of(g.get("day"))
        month = date.fromisoformat(estimate["value"] + "-01")
        months = {month.strftime("%Y-%m"), (month - timedelta(days=1)).strftime("%Y-%m")}
        found = set()
        for span in spans:
            t = span._.timex
            if not t or t["kind"] not in ("date", "range") or t["mod"] == "APPROX" \
                    or len(t["start"] or "") != 10 or len(t["end"] or "") != 10:
                continue
            a, b = date.fromisoformat(t["start"]), date.fromisoformat(t["end"])
            days = (a + timedelta(days=k) for k in range(min((b - a).days, 31) + 1))
            found |= {d for d in days if d.strftime("%Y-%m") in months and d.isoweekday() == weekday
                      and (day is None or d.day == day)}
        if len(found) == 1:
            return timex(found.pop().isoformat(), "date", None, "text")
        return estimate

    @staticmethod
    def within_month(ctx: Context) -> dict | None:
        """A day counted from an anchor known to the month ("mercredi", "hier" in a paper of
        February 2024): the anchor's month, the precision the publication allows, marked approximate
        (the day may fall in the month before)."""
        month = ctx.anchor.month_value
        return timex(month, "date", "APPROX", ctx.anchor.source) if month else None

    def resolve_weekday(self, weekday, day, g, ctx, suffix="") -> dict:
        a = ctx.anchor.date
        if a is None and day and ctx.anchor.month:
            # "jeudi 12" in a paper of October 2023: the one month around it whose 12th is a Thursday
            y, m = ctx.anchor.year, ctx.anchor.month
            months = [divmod(y * 12 + m - 1 + k, 12) for k in (-1, 0, 1)]
            found = [d for yy, mm in months if (d := valid_date(yy, mm + 1, day)) and d.isoweekday() == weekday]
            if len(found) == 1:
                return timex(found[0].isoformat() + suffix, "date", None, ctx.anchor.source)
        if a is None:
            return self.within_month(ctx) or timex(None, "date")
        direction, strict = self.direction(g, ctx)
        if ctx.anchor.story and direction < 0 and not any(g.get(k) for k in ("rel", "this", "since", "until")):
            # "arrivée lundi 4 mars 2024 [...] Mardi, elle a visité": the story goes on around its written day
            direction = 0
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
        end = self.under_way(m1, d1, m2, d2, turns, weekday2, ctx) if y1 is None and y2 is None else None
        end = end or self.resolve_day(y2, m2, d2, weekday2, g, ctx)
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

    @staticmethod
    def under_way(m1, d1, m2, d2, turns, weekday2, ctx: Context) -> dict | None:
        """The last day of a yearless range that holds the anchor's day ("arrivés du 9 au 17 octobre" in a
        paper of 12 October): the stay under way, whatever the tense of its verb."""
        a = ctx.anchor.date
        if a is None or ctx.year_hint:
            return None
        for year in (a.year, a.year + 1):
            first, last = valid_date(year - turns, m1, d1), valid_date(year, m2, d2)
            if first and last and first <= a <= last and (weekday2 is None or last.isoweekday() == weekday2):
                return timex(last.isoformat(), "date", None, ctx.anchor.source)
        return None

    def resolve_relday(self, g: dict, ctx: Context) -> dict:
        a = ctx.anchor.date
        if a is None:
            return self.within_month(ctx) or timex(None, "date")
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
        if unit == "Y" and ctx.doc_year:    # undated: "l'an passé" counts from the year the article's dates give
            return timex(f"{ctx.doc_year + step:04d}", "date", mod, "text")
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
        if unit in ("W", "WE"):
            return self.within_month(ctx) or timex(None, "date", mod)
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

