"""Time stage: a visit's dates and status, from its clause, its paragraph or the article's lead.

A date is the trigger's when its clause governs it or it follows the trigger in the
sentence; a date that another event governs ("l'exposition qui se tiendra du ...",
"la charte signée en 1975") is never the visit's.  Coordinated days ("mardi et
mercredi") are one stay; a date restated more precisely right after it ("la semaine
dernière, du 10 au 12 octobre") gives way to the precise one.  A month the tagger only
estimated (`mod` APPROX: "mercredi" in a paper dated to the month) is weaker than any
date the text gives.  A trip noun that another event talks about ("a évoqué lundi sa
visite", "le bilan de sa mission") does not take that clause's dates; a visit of one day
lasts the duration its noun states ("une visite de deux jours").  A sentence with no date
goes on with the day its paragraph told before it; a clause placed before or after the trip
("avant d'intervenir le lendemain") and a dateline ("PARIS, le 3 mai -") date other moments.
A trip dated to its year or month, or not at all, comes for the event of a few days (a fair)
that its paragraph dates.  Status comes from the dates against the publication date, else
from planned cues and the verb's tense.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .. import ext
from ..dates.clause import ARRIVED
from ..syntax import clause_head, subject, tense_status


def timex_range(timex: dict) -> tuple[str | None, str | None]:
    """A timex as (start, end) ISO prefixes; durations, sets and unresolved dates give nothing."""
    if timex.get("kind") in ("duration", "set"):
        return None, None
    value = timex.get("value")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return value[:4], value[:4]  # "au printemps 2024": the press gives a season, the year is what is known
    start, end = timex.get("start"), timex.get("end")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-W\d{2}", value) and start and end:
        return start[:7], end[:7]  # "la semaine dernière": some day of it, so its month (a weekend keeps its days)
    if not start and isinstance(value, str) and value[:1].isdigit():
        start, _, end = value.partition("/")
    if not start or not str(start)[:1].isdigit():
        return None, None
    return start, end or start


def stay_days(value: str) -> int | None:
    """Days a stay of a TIMEX3 duration adds to its first day: P2D 1, PT24H 1, P1W 6 (None if unsure)."""
    if m := re.fullmatch(r"P(\d+)([DW])", value or ""):
        n = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
        return n - 1 if 1 < n <= 31 else None
    if m := re.fullmatch(r"PT(\d+)H", value or ""):
        n = int(m.group(1))
        return n // 24 if n % 24 == 0 and 0 < n <= 240 else None
    return None


def approximate(timex: dict) -> bool:
    """A value the tagger estimated (a weekday in a paper dated to the month), not one the text gives."""
    return timex.get("mod") == "APPROX"


def narrower(inner: tuple, outer: tuple) -> bool:
    """Whether the (start, end) range `inner` lies within `outer` and says more."""
    (s1, e1), (s2, e2) = inner, outer
    e1, e2 = e1 or s1, e2 or s2
    if not (s1[:len(s2)] >= s2 and e1[:len(e2)] <= e2):
        return False
    if len(s1) != len(s2):
        return len(s1) > len(s2)
    if len(s1) == len(e1) == len(e2) == 10:
        return date.fromisoformat(e1) - date.fromisoformat(s1) < date.fromisoformat(e2) - date.fromisoformat(s2)
    return False


def nested(a: tuple, b: tuple) -> bool:
    """One range restates the other more precisely ("la semaine dernière, du 10 au 12"): not two days."""
    return narrower(a, b) or narrower(b, a)


def overlaps(a: tuple, b: tuple) -> bool:
    """Two (start, end) date ranges meet at their common precision."""
    if not a[0] or not b[0]:
        return True
    n1 = min(len(a[0]), len(b[1] or b[0]))
    n2 = min(len(b[0]), len(a[1] or a[0]))
    return a[0][:n1] <= (b[1] or b[0])[:n1] and b[0][:n2] <= (a[1] or a[0])[:n2]


def adjacent(end: str | None, start: str | None, days: int = 2) -> bool:
    """A day within `days` after another ("mardi ... le lendemain")."""
    if not (end and start and len(end) == len(start) == 10):
        return False
    gap = (date.fromisoformat(start) - date.fromisoformat(end)).days
    return 0 <= gap <= days


def long_before(end: str | None, published: str | None) -> bool:
    """A trip of an earlier year than the article's ("en 2019, une délégation était venue"): background."""
    if not (end and published and end[:4].isdigit() and published[:4].isdigit()):
        return False
    gap = int(published[:4]) - int(end[:4])
    return gap >= 2 or (gap == 1 and len(end) == 4)


def compare_status(start, end, published) -> str | None:
    """planned / ongoing / past, from the dates against the publication date."""
    if not (start and published):
        return None
    p = published[:10]
    n = min(len(start), len(p))
    if start[:n] > p[:n]:
        return "planned"
    last = end or start
    n = min(len(last), len(p))
    if last[:n] < p[:n]:
        return "past"
    return "ongoing"


class TimeStage:
    """Mixin of the visit builder: dates and status of one candidate."""

    def date(self, tok, unit, seg):
        """The trigger's date: nearest in its sentence and clause, else its paragraph's.

        A date another event governs is never the trigger's ("la charte signée en 1975",
        "l'indépendance acquise en 1991").
        """
        clause = clause_head(tok).i
        told = self.told(tok)
        in_unit, other_clause = [], []
        for s, t in self.v.dates_in_unit(unit):
            if self.v.dateline(s) or self.bounds_only(s, t) or self.named_year(s, t) or self.release_line(s):
                continue  # "QUÉBEC, le 18 janv. 2019 - Le premier ministre effectuera": the release's date
            # "L'an passé" parsed as a clause of its own: the date hangs on the verb its root hangs on
            governor = clause_head(s.root.head if s.root.pos_ in ("VERB", "AUX") else s.root).i
            if told and governor == clause and not tok.is_ancestor(s.root) and self.doc[clause].pos_ in ("VERB", "AUX"):
                continue  # "a évoqué lundi sa visite en Chine": the day it was told ("Retour sur la visite, le 3 mai": no telling day)
            governs = governor in (clause, tok.i) or governor in {a.i for a in tok.ancestors}
            own = governs or s.start in seg
            if (self.v.participle_dated(s) and governor not in (clause, tok.i)) or \
                    ((s.start < tok.i or self.v.foreign_date(s)) and not own):
                continue  # "la charte signée en 1975": the date of another event
            dist = s.start - tok.i if s.start >= tok.i else (tok.i - s.end) + 10
            start, end = timex_range(t)
            ranked = (dist + (0 if own else 15) - (3 if end != start else 0), s, t)
            if not governs and self.before_after(governor) and governor not in self.v.trigger_tokens:
                continue  # "la route d'une cérémonie, avant d'intervenir le lendemain au congrès"
            if not governs and tok.pos_ != "NOUN" and self.doc[governor].pos_ in ("VERB", "AUX") \
                    and governor not in self.v.trigger_tokens:
                other_clause.append(ranked)  # "reçue par le maire, qui avait inauguré le 3 octobre l'école"
            else:
                in_unit.append(ranked)
        exact = [it for it in in_unit if not approximate(it[2])]
        if exact:
            _, s, t = min(exact, key=lambda x: x[0])
            s, t = self.restated(s, t, self.v.dates_in_unit(unit))
            start, end = self.event_days(*self.coordinated(s, t, unit), tok)
            start = self.arrived_before(start, end, s, unit)
            if start and start == end and len(start) == 10 and self.governor(s).i in self.trip_ends():
                # "termine lundi sa visite": its last day, begun that month (the stops merged into it may
                # come after that day: its month); "une visite de trois jours": begun two days before;
                # "par une étape à Accra": that stop's day, the tour's length not its own
                if self.v.cue_spans("stage", unit):
                    return start, start, 0
                days = self.stay_length(unit)
                if days:
                    return (date.fromisoformat(start) - timedelta(days=days)).isoformat(), start, 0
                return start[:7], start[:7], 0
            start, end = self.told_days(start, end, tok)
            start, end = self.week_days(t, start, end, tok)
            last = self.stay_from(start, end, unit, tok)
            return (*self.since_until(s, start, end), 0) if last == end else (start, last, 0)
        if self.v.unit_of[unit.start] in self.yearless_units():
            return None, None, 3  # "Ce 23 juin" in an undated article: its year is unknown, no other date stands in
        paragraph = self.v.dates_in_paragraph(self.v.paragraph(tok))
        in_para = [(s, t) for s, t in paragraph
                   if not unit.start <= s.start < unit.end  # the sentence's own dates were weighed above
                   and not self.v.foreign_date(s) and not self.v.dateline(s)
                   and not self.background(s, t, trips=s.start > tok.i) and not self.named_year(s, t) and (s.start < tok.i or self.tells_a_trip(s))]
        # "mercredi" in a paper dated to the month: that month, weaker than the dates the text gives
        if in_unit:
            _, s, t = min(in_unit, key=lambda x: x[0])
            return (*timex_range(t), 2)
        if in_para:
            # a sentence with no date goes on with the day told before it; a later one ("Le lendemain,
            # ...") opens another day, so it dates the trip only when none comes before
            s, t = min(in_para, key=lambda it: (it[0].start > tok.i, abs(it[0].start - tok.i)))
            t = self.restated(s, t, paragraph)[1]
            return (*timex_range(t), 2 if approximate(t) else 1)
        # a date another verb of the sentence governs, when nothing nearer dates the trip
        if other_clause:
            _, s, t = min(other_clause, key=lambda x: x[0])
            return (*timex_range(t), 2 if approximate(t) else 0)
        fair = None if self.v.unit_of[unit.start] in self.v.unresolved_units else self.event_range(tok)
        if fair:  # "L'an passé" in an undated article: its own year, counted later, not the fair's
            return (*fair, 1)
        return None, None, 3

    def lead_date(self) -> tuple:
        """The date of the article's lead (title and first paragraphs), else its first date, for the trips
        the text does not date ("ont signé jeudi un accord" dates the delegation's stay); never another
        event's, the background's nor the release's."""
        v = self.v
        lead_end = v.paragraph_starts[min(3, len(v.paragraph_starts) - 1)]
        # never a dateline ("QUÉBEC, le 18 janv. 2019 -"): it dates the release, not the trip it tells
        own = [(s, t) for s, t in v.dates if not v.foreign_date(s) and not v.dateline(s)
               and not self.background(s, t, trips=True) and not self.named_year(s, t)]
        # the lead's before the rest, a date the text gives before one estimated, and the page's own
        # ("Publié le 22 octobre") only when the text gives no other
        own.sort(key=lambda it: (self.release_line(it[0]), it[0].start_char > lead_end, approximate(it[1])))
        return timex_range(own[0][1]) if own else (None, None)

    def frame_fits(self, status, frame) -> bool:
        """Whether the lead's date may date a trip its text leaves undated: not a trip told past with a date
        after the paper ("a visité le port. Le terminal sera inauguré le 3 juin"), nor one announced with a
        date before it, nor any with a date of years before the paper ("Il y a dix ans, les deux pays
        signaient un accord": another story)."""
        published = self.doc._.published or ""
        first, last = frame
        if not (first and published[:4].isdigit()):
            return True
        if long_before(last or first, published):
            return False
        told = compare_status(first, last, published)
        return not ((status == "past" and told == "planned") or (status == "planned" and told == "past"))

    def trip_ends(self) -> set[int]:
        """Verbs that end a trip ("termine ce lundi sa visite", "a achevé hier sa tournée"), by token."""
        return {s for s, _, _ in self.v.cues.get("trip_end", [])}

    def named_year(self, span, timex) -> bool:
        """"Vision 2030", "la neutralité carbone 2050", "l'Expo 2025", "d'ici 2050": a bare year set after a
        noun names a programme, a target or an event; it dates no trip ("la visite de 2019" does)."""
        start = timex_range(timex)[0]
        root = span.root
        return bool(start) and len(start) == 4 and len(span) == 1 and root.head.i != root.i \
            and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in self.v.trigger_tokens \
            and not any(c.dep_ == "case" and c.lower_ != "ici" for c in root.children)

    @staticmethod
    def marked(span, words: tuple) -> bool:
        """Whether the word before the date, past its article ("avant le 9 janvier", "jusqu'au 11 mai"), is
        one of `words`."""
        i = span.start - 1
        while i >= 0 and span.start - i <= 2 and (span.doc[i].pos_ == "DET" or span.doc[i].lower_ in ("au", "à")):
            i -= 1
        return (i >= 0 and span.doc[i].lower_.replace("’", "'") in words) or \
            any(c.lower_.replace("’", "'") in words for c in span.root.children)

    def bounds_only(self, span, timex) -> bool:
        """"organise depuis 2012 des missions", "jumelées depuis 1988": a year after "depuis" starts a habit
        or a state, never a stay of a few days ("en visite depuis lundi" is one); "avant le 9 janvier",
        "d'ici le 15 mars", "au plus tard le 3": a deadline, not the day of the trip it bounds."""
        start = timex_range(timex)[0] or ""
        return (len(start) == 4 and self.marked(span, ("depuis",))) or \
            (len(start) == 10 and self.marked(span, ("avant", "ici", "tard")))

    def background(self, span, timex, trips: bool = False) -> bool:
        """A date told as before the story ("les deux villes avaient signé un accord en 2012", a pluperfect
        of another event, or with `trips` of any: "il avait déjà visité la France en 2019"), as the start
        of a habit ("depuis 2012") or a deadline: it dates no trip the text leaves undated."""
        if self.bounds_only(span, timex):
            return True
        verb = self.governor(span)
        return "Part" in verb.morph.get("VerbForm") and (trips or not self.tells_a_trip(span)) and any(
            c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in verb.children)

    def governor(self, span):
        """The verb or predicate that governs a date within its sentence, else the date's own root (the
        parser sometimes hangs a line's date on the line before)."""
        root, unit = span.root, self.v.unit(span.start)
        verb = clause_head(root.head if root.pos_ in ("VERB", "AUX") else root)
        return verb if unit.start <= verb.i < unit.end else root

    def news_date(self) -> tuple:
        """A trip an article tells as happening now and dates nowhere in its text ("Une délégation chinoise
        est en visite à Lyon"): the news of its publication day, or month, as far as the paper is dated
        (a trip told past or planned without a date happened or comes some other day)."""
        published = self.doc._.published
        return (published[:10], published[:10]) if published and published[:4].isdigit() else (None, None)

    def release_line(self, span) -> bool:
        """"Publié le 22 octobre 2014 à 18h20", "(Mis à jour le 3 mai)": a date after a word of publishing, or
        the time of such a date, dates the page, not what it tells (read once per date)."""
        if not hasattr(self, "_release"):
            self._release, self._date_ends = {}, {s.end: s for s, _ in self.v.dates}
        if span.start not in self._release:
            self._release[span.start] = self._release_line(span)
        return self._release[span.start]

    def _release_line(self, span) -> bool:
        start = max(self.v.unit(span.start).start, span.start - 4)
        words = [t for t in self.doc[start:span.start] if not t.is_space]
        if any(t.lemma_.lower() in ("publier", "poster", "modifier", "éditer") or t.lower_ == "jour" for t in words):
            return True
        before = next((self._date_ends[i] for i in range(span.start, start, -1) if i in self._date_ends), None)
        return before is not None and span.start - before.end <= 1 and self.release_line(before)

    def tells_a_trip(self, span) -> bool:
        """A date of another sentence dates a trip when its clause tells one ("Le lendemain, ils se sont
        rendus", "La visite a eu lieu mardi") or only places it in time ("C'était le 3 mai", "Le 3 mai."),
        not when another verb governs it ("Le maire a inauguré le 14 mai l'école"): that date, told after the
        trip, is the other event's."""
        verb = self.governor(span)
        if verb.i in self.v.trigger_tokens or verb.i in self.v.light_verbs or verb.pos_ not in ("VERB", "AUX"):
            return True
        if verb.lemma_ in ("être", "avoir"):  # "c'était mardi", "la rencontre a eu lieu le 3"
            return True
        return any(c.i in self.v.trigger_tokens for c in verb.children)  # "la mission s'est déroulée du 2 au 6"

    def event_range(self, tok, within: tuple | None = None) -> tuple | None:
        """"se rendra à Milan pour le salon, organisé du 12 au 15 mai", "Le salon se tiendra du 12 au 15
        septembre. Des délégations sont attendues": a trip that nothing else dates comes for the event of
        a few days its paragraph dates (a fair, a summit), though that date is the event's; the nearest
        one, within the period `within` when the trip gives one; never another trip's days."""
        spans, own = [], self.v.unit_of[tok.i]
        trips = {self.v.unit_of[i] for i in self.v.trigger_tokens}  # sentences that tell a trip of their own
        for s, t in self.v.dates_in_paragraph(self.v.paragraph(tok)):
            start, end = timex_range(t)
            if start and end and len(start) == len(end) == 10 and start != end and not approximate(t) \
                    and not self.v.dateline(s) and (not within or narrower((start, end), within)) \
                    and (self.v.unit_of[s.start] == own or self.v.unit_of[s.start] not in trips) \
                    and (date.fromisoformat(end) - date.fromisoformat(start)).days <= 10:
                spans.append((abs(s.start - tok.i), start, end))
        return min(spans)[1:] if spans else None

    def event_days(self, start, end, tok) -> tuple:
        """"la venue cette année de délégations" after "le salon, qui se tiendra du 12 au 15 septembre":
        a trip dated only to its year or month comes for the event whose days its paragraph gives
        within that period."""
        if not start or len(start) == 10:
            return start, end
        return self.event_range(tok, (start, end)) or (start, end)

    def before_after(self, i: int) -> bool:
        """"avant d'intervenir le lendemain", "après avoir visité Lyon le 3": a clause the trip's clause
        places before or after itself tells another moment, and its date is that moment's."""
        verb = self.doc[i]
        return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("avant", "après") for c in verb.children)

    def told(self, tok) -> bool:
        """"a évoqué sa visite", "le bilan de sa mission", "de retour d'une mission": a trip noun that
        another event (a cue `other_event`) talks about, whose dates are that event's."""
        if tok.pos_ != "NOUN":
            return False
        t = tok
        for _ in range(3):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.i in self.v.other_events:
                return True
            if t.pos_ in ("VERB", "AUX"):
                return False
        return False

    def stay_end(self, start, end, unit, tok):
        """"arrivé lundi pour une visite de deux jours": a visit of one written day lasts the duration
        its sentence gives it (`stay_length`)."""
        if not (start and start == end and len(start) == 10):
            return end
        days = self.stay_length(unit)
        if not days:  # "effectuera lundi une visite au Niger. Au cours de cette visite de trois jours, ..."
            at = self.v.unit_of[unit.start]
            days = next((d for u in (at + 1, at + 2) if u < len(self.v.units)
                         and (d := self.stay_length(self.v.units[u], told=True))), None)
        if days:
            return (date.fromisoformat(start) + timedelta(days=days)).isoformat()
        return (None if tok.i in self.stop_triggers() else self.return_day(start, unit)) or end

    def stop_triggers(self) -> set[int]:
        """Triggers of one day's stop within a stay ("il visitera la zone franche", "a été reçu", "une
        audience"), by token: the stay's return day does not end them."""
        return {s for s, _, _ in self.v.cues.get("stop", [])}

    def return_day(self, start, unit) -> str | None:
        """"est arrivé hier à Antananarivo. [...] Il regagnera Port-Louis samedi", "son séjour, qui s'achève
        jeudi": a day within two weeks after the trip's first day, in its sentence or the next three, that a
        verb of return or of ending (cues `trip_return`, `trip_end`) governs, said of the visitor (a pronoun)
        or of the trip (its noun), ends the stay; "Le ministre français est rentré jeudi" tells another's."""
        ends = {s for s, _, _ in self.v.cues.get("trip_return", [])} | self.trip_ends()
        if not ends:
            return None
        at = self.v.unit_of[unit.start]
        for u in range(at, min(at + 4, len(self.v.units))):
            for s, t in self.v.dates_in_unit(self.v.units[u]):
                first, last = timex_range(t)
                if not (first and first == last and len(first) == 10) or approximate(t) \
                        or not 0 < (date.fromisoformat(first) - date.fromisoformat(start)).days <= 14:
                    continue
                verb = self.governor(s)
                who = subject(verb)
                if verb.i in ends and (who is None or who.pos_ == "PRON" or who.i in self.v.trigger_tokens):
                    return first
        return None

    def stay_length(self, unit, told: bool = False) -> int | None:
        """Days a stay adds to its first day: the duration that a trip noun of the sentence takes as
        complement, or a trigger verb as bare object or after "pendant" ("une visite de deux jours",
        "a séjourné trois jours"; "de 24 heures" ends the next day; not "rentrés après une semaine").
        `told`: only a trip noun that points back to a trip told before ("cette visite de trois jours",
        "son séjour de 48 heures"), as a sentence after the trip's own gives it."""
        for span, value in self.durations().get(self.v.unit_of[unit.start], []):
            days = stay_days(value)
            head = span.root.head
            for _ in range(2):  # "une visite d'État de trois jours": the trip noun above its complement
                if head.pos_ == "NOUN" and head.i not in self.v.trigger_tokens and head.head.pos_ == "NOUN":
                    head = head.head
            if told and not (head.pos_ == "NOUN" and any(
                    c.dep_ == "det" and ("Dem" in c.morph.get("PronType") or "Yes" in c.morph.get("Poss"))
                    for c in head.children)):
                continue
            if days and head.i in self.v.trigger_tokens and (head.pos_ == "NOUN" or all(
                    c.lower_ in ("pendant", "durant", "pour") for c in span.root.children if c.dep_ == "case")):
                return days
        return None

    def stay_from(self, start, end, unit, tok):
        """"Le 28 mars, les chefs d'entreprise se sont envolés pour Tachkent. [...] La mission, qui s'est
        déroulée du 28 mars au 1er avril": a range of a few days that the text opens on the trip's one
        written day is its stay; else the day lasts what its sentence says (`stay_end`)."""
        if start and start == end and len(start) == 10 and start in self.stays():
            return self.stays()[start]
        return self.stay_end(start, end, unit, tok)

    def stays(self) -> dict:
        """First day -> last day of the text's ranges of three weeks at most, read once per document."""
        if not hasattr(self, "_stays"):
            self._stays = {}
            for s, t in self.v.dates:
                first, last = timex_range(t)
                if first and last and len(first) == len(last) == 10 and last != first and not self.v.dateline(s) \
                        and (date.fromisoformat(last) - date.fromisoformat(first)).days <= 21:
                    self._stays.setdefault(first, last)
        return self._stays

    def yearless_units(self) -> set:
        """Units holding a day or month whose year neither the text nor the publication gives ("XXXX-06-23")."""
        if not hasattr(self, "_yearless"):
            self._yearless = {self.v.unit_of[s.start] for s in self.doc.spans.get("dates", [])
                              if (t := ext(s, "timex")) and t["kind"] in ("date", "range")
                              and str(t["value"] or "").startswith("XXXX")}
        return self._yearless

    def durations(self) -> dict:
        """Unit -> its durations ("deux jours", "24 heures") as (span, TIMEX3 value), read once per document."""
        if not hasattr(self, "_durations"):
            self._durations = {}
            for span in self.doc.spans.get("dates", []):
                t = ext(span, "timex")
                if t and t["kind"] == "duration":
                    self._durations.setdefault(self.v.unit_of[span.start], []).append((span, t["value"]))
        return self._durations

    def restated(self, span, timex, dates) -> tuple:
        """"la semaine dernière, du 10 au 12 octobre", "jeudi dernier, le 12 octobre": a date that a
        more precise one right after it restates gives way to it."""
        start, end = timex_range(timex)
        if not start:
            return span, timex
        for s, t in dates:
            if not 0 <= s.start - span.end <= 3:
                continue
            if not all(g.pos_ in ("PUNCT", "DET", "ADP", "CCONJ") for g in self.doc[span.end:s.start]):
                continue
            s2, e2 = timex_range(t)
            if s2 and narrower((s2, e2), (start, end)):
                return s, t
        return span, timex

    def told_days(self, start, end, tok) -> tuple:
        """"a séjourné la semaine dernière à Bamako. Du 29 avril au 3 mai, les investisseurs ont visité": a
        trip dated to a week or a month whose paragraph goes on, within the next two sentences, with a
        stay of a few days inside that period takes those days (not a single day: one stop of the stay),
        when that sentence names no country's party or place ("Du 3 au 5, une délégation tunisienne était
        à Marseille" is another trip)."""
        if not start or (len(start) == 10 and start != end and (
                date.fromisoformat(end) - date.fromisoformat(start)).days < 6):
            return start, end
        own = self.v.unit_of[tok.i]
        for s, t in self.v.dates_in_paragraph(self.v.paragraph(tok)):
            if not own < self.v.unit_of[s.start] <= own + 2 or approximate(t) or self.v.foreign_date(s):
                continue
            first, last = timex_range(t)
            if first and last and len(first) == len(last) == 10 and first != last and narrower(
                    (first, last), (start, end)) and (date.fromisoformat(last) - date.fromisoformat(first)).days <= 21 \
                    and self.tells_a_trip(s) and not any(m.country for m in self.v.mentions_in(
                        range(self.v.units[self.v.unit_of[s.start]].start, self.v.units[self.v.unit_of[s.start]].end))):
                return first, last
        return start, end

    def week_days(self, timex, start, end, tok) -> tuple:
        """"a effectué cette semaine une visite à Dakar. Arrivée mardi, la délégation [...] a quitté la ville
        vendredi": a trip dated to a week whose next sentences tell its day of arrival within that week runs
        from that day to the last day of the week they tell (the week alone gives only its month)."""
        value = str(timex.get("value") or "")
        first, last = str(timex.get("start") or ""), str(timex.get("end") or "")
        if not (re.fullmatch(r"\d{4}-W\d{2}", value) and len(first) == len(last) == 10):
            return start, end
        own = self.v.unit_of[tok.i]
        arrival, days = None, []
        for u in range(own + 1, min(own + 8, len(self.v.units))):
            for s, t in self.v.dates_in_unit(self.v.units[u]):
                day, day_end = timex_range(t)
                if approximate(t) or not (day and day == day_end and len(day) == 10 and first <= day <= last):
                    continue
                days.append(day)
                head = s.root.head
                if arrival is None and (ARRIVED.fullmatch(head.lower_) or head.lemma_ in ("arriver", "débarquer")):
                    arrival = day
        if arrival is None:
            return start, end
        return arrival, max(d for d in days if d >= arrival)

    def since_until(self, span, start, end) -> tuple:
        """"en visite à Paris depuis lundi": a stay begun that day that goes on at publication, so up to the
        paper's day; "est en visite à Tunis jusqu'à vendredi", "séjournera à Lyon jusqu'à jeudi": a stay under
        way or about to be, from the paper's day to that one (a week at most each way; a stay told past,
        "est resté jusqu'à jeudi", has no written first day and keeps the one it has)."""
        published = self.doc._.published or ""
        if not (start and start == end and len(start) == 10 and len(published) >= 10 and published[:4].isdigit()):
            return start, end
        gap = (date.fromisoformat(published[:10]) - date.fromisoformat(start)).days
        if 0 < gap <= 7 and self.marked(span, ("depuis",)) and not any(
                s.start > span.start and start < (timex_range(t)[0] or "")[:10] <= published[:10] and not approximate(t)
                for s, t in self.v.dates_in_paragraph(self.v.paragraph(span.root))):
            # ("depuis mardi. La délégation a quitté la ville jeudi": the text tells a later day, which ends it)
            return start, published[:10]
        if -7 <= gap < 0 and self.marked(span, ("jusqu'",)):
            # "en visite au Liban jusqu'à jeudi, a rencontré mardi": the stay's earlier day the sentence tells
            told = [first for s, t in self.v.dates_in_unit(self.v.unit(span.start)) if s is not span
                    and not approximate(t) and (first := (timex_range(t)[0] or "")[:10]) and len(first) == 10
                    and 0 < (date.fromisoformat(end) - date.fromisoformat(first)).days <= 7]
            return min(told + [published[:10]]), end
        return start, end

    def arrived_before(self, start, end, span, unit) -> str | None:
        """"Arrivé samedi à Beyrouth, le ministre a été reçu dimanche", "est arrivé hier et sera reçu demain":
        the day of arrival the sentence gives, a week at most before the day the trip takes, opens the stay."""
        if not (start and start == end and len(start) == 10):
            return start
        for s, t in self.v.dates_in_unit(unit):
            first, last = timex_range(t)
            if s is span or approximate(t) or not first or first[:10] != (last or first)[:10] or len(first) < 10:
                continue
            head = s.root.head
            if (ARRIVED.fullmatch(head.lower_) or head.lemma_ in ("arriver", "débarquer", "atterrir")) \
                    and 0 < (date.fromisoformat(start) - date.fromisoformat(first[:10])).days <= 7:
                return first[:10]
        return start

    def coordinated(self, span, timex, unit) -> tuple:
        """"mardi et mercredi", "du jeudi 12 au samedi 14": coordinated days are one stay, first to last;
        a day "jusqu'au" which the sentence stays after its first day ends it."""
        start, end = timex_range(timex)
        for s, t in self.v.dates_in_unit(unit):
            if s is span:
                continue
            gap = self.doc[span.end:s.start] if s.start >= span.end else self.doc[s.end:span.start]
            if 0 < len(gap) <= 2 and all(g.lower_ in ("et", ",", "-", "puis", "au", "à") for g in gap):
                s2, e2 = timex_range(t)
                if s2 and len(s2) == len(start) and not nested((s2, e2), (start, end)):
                    start, end = min(start, s2), max(end or start, e2 or s2)
            elif s.start > span.end and self.marked(s, ("jusqu'",)) and start and len(start) == 10:
                last = timex_range(t)[1]  # "arrivé le 6 mai, il restera jusqu'au 11 mai": the stay's last day
                if last and len(last) == 10 and 0 < (date.fromisoformat(last) - date.fromisoformat(start)).days <= 31:
                    end = max(end or start, last)
        return start, end

    def status(self, c, tok, unit) -> str | None:
        by_date = compare_status(c.start, c.end, self.doc._.published) if c.date_scope == 0 else None
        if by_date:
            return by_date
        if any(abs(s - tok.i) <= 4 for s, e, _ in self.v.cue_spans("planned", unit)):
            return "planned"
        if c.rule["id"] == "visit.etre_attendu":
            return "planned"
        head = clause_head(tok)
        # "est en visite", "était en mission": a copula's tense, the trip noun having none of its own
        return tense_status(head) or next((tense_status(a) for a in head.children if a.dep_ == "cop"), None)
