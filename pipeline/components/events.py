"""presse_events: delegation visits, read off the layers below (agreements: presse_agreements).

French press tells a visit from either side: the visitor moves ("une délégation
s'est rendue à Miami", "l'ambassadeur était dans les Vosges", "en visite à
Dakar") or the host receives ("le maire a reçu une délégation chinoise").  The
triggers are Matcher patterns in `models/events/visit_triggers.jsonl`, each with
a voice that says where the visitor sits in the clause (subject, object, passive
subject, the trigger noun itself).  Every trigger gives a candidate whose
visitor, destination, hosts, dates and purpose come from the syntax and from the
entity, place, people, date and sector layers.  Candidates that tell the same
trip again ("cette visite", "la délégation", same visitor country and place
with compatible dates) merge; the first trip told is the article's frame, which
fills what later sentences leave implicit (who "nous avons déjà reçu", where
"la réunion" took place).  A definite party noun or an object clitic ("la
délégation a été reçue", "les ont accueillis") is the party told before; when it
goes to a dated town of its own it is the tour's next stop (one visit per
destination), a departure ("a quitté le Berry jeudi pour Paris") ends the stay
and opens the next one, and a trip of an earlier year is background (mention).
Dates come from the trigger's clause, then its paragraph, then the lead, never
from a date that another event governs ("l'exposition qui se tiendra du ...",
"la charte signée en 1975").

Cue patterns (`cues.jsonl`: host cues,
leaders, purpose, planned, hedges, blocks, demonstratives) and the party nouns
(`party_nouns.tsv`) are data too.

Output: spans appended to `doc.spans["events"]` (shared with presse_interests),
one per event, covering the evidence sentence; `Span._.event` holds the event.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from datetime import date
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..text import fold as fold_key
from . import ext
from .base import TableComponent

from .places import country_code, default_gazetteer, name_key, resolve_place

SPANS_KEY = "events"
# How specific a place kind of the place layer is: the most specific place visited wins.
PLACE_RANK = {"continent": -1, "country": 0, "region": 1, "area": 2, "departement": 2, "city": 3}


@Language.factory("presse_events", default_config={})
def make_events(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent(nlp, name)


def fold(text: str) -> str:
    """The shared lookup key, with runs of spaces made one."""
    return " ".join(fold_key(text).split())


@dataclass
class Mention:
    """A stretch of text that carries a country: place, demonym, person, organisation."""
    start: int
    end: int
    kind: str
    text: str
    label: str
    country: str | None = None
    place: dict | None = None  # the place named or implied, from the place layer
    title: str | None = None  # a person's title, from the people layer
    inner: bool = False  # the place is named inside the mention ("Carlton de Cannes")

    @property
    def place_name(self) -> str | None:
        if self.place and self.place.get("kind") != "country":
            return self.place.get("name")
        return None


@dataclass
class Candidate:
    """What one trigger says about one trip."""
    rule: dict
    anchor: int
    sent: Span
    voice: str
    visitor: dict | None = None
    visitor_own: bool = False
    visitor_head: str | None = None
    diplomat: bool = False
    visitors: list = field(default_factory=list)
    destinations: list = field(default_factory=list)
    hosts: list = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    date_scope: int = 3
    status: str | None = None
    purpose: str | None = None
    anaphoric: bool = False
    demonstrative: bool = False
    mention_cue: bool = False
    merge_only: bool = False
    definite: bool = False
    party_anaphor: bool = False  # "la délégation", "les élus", "les ont accueillis": the visitors told before


class EventsComponent(TableComponent):
    """Finds visits; see the module docstring."""

    TABLES = ("visit_triggers.jsonl", "cues.jsonl", "party_nouns.tsv", "prepositions.tsv")

    def compile(self) -> None:
        vocab = self.nlp.vocab
        self.visit_rules = {r["id"]: r for r in self.tables["visit_triggers.jsonl"]}
        self.cue_rules = {r["id"]: r for r in self.tables["cues.jsonl"]}
        self.visit_matcher = Matcher(vocab)
        for r in self.visit_rules.values():
            self.visit_matcher.add(r["id"], [r["pattern"]])
        self.cue_matcher = Matcher(vocab)
        for r in self.cue_rules.values():
            self.cue_matcher.add(r["id"], [r["pattern"]])
        self.party_kind = {r["lemma"]: r["kind"] for r in self.tables["party_nouns.tsv"]}
        self.prepositions = {r["word"]: r["role"] for r in self.tables["prepositions.tsv"]}

    # ------------------------------------------------------------------ entry
    def __call__(self, doc: Doc) -> Doc:
        view = _DocView(doc, self)
        visits = _VisitBuilder(view, self)
        events = visits.build()
        group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        for n, (sent, event) in enumerate(events):
            digest = hashlib.sha1(json.dumps(event, sort_keys=True, ensure_ascii=False).encode())
            span = Span(doc, sent.start, sent.end, label=event["type"],
                        span_id=f"{event['type']}:{n}:{digest.hexdigest()[:10]}")
            span._.event = event
            group.append(span)
        doc.spans[SPANS_KEY] = group
        return doc


class _DocView:
    """The layers below, indexed for the builders: units, mentions, dates, sectors, cues."""

    def __init__(self, doc: Doc, comp: EventsComponent):
        self.doc = doc
        self.comp = comp
        self.units, self.unit_of = self._units()
        homes = Counter((ext(e, "place") or {}).get("country") for e in doc.ents if e.label_ == "LOC")
        homes.pop(None, None)
        self.home = homes.most_common(1)[0][0] if homes else None
        self.mentions = self._mentions()
        self.dates = [(s, t) for s in doc.spans.get("dates", [])
                      if (t := ext(s, "timex")) and _timex_range(t)[0]]
        self.sectors = [(s, sec.get("slug")) for s in doc.spans.get("sectors", [])
                        if (sec := ext(s, "sector"))]
        self.cues = {}
        for mid, start, end in comp.cue_matcher(doc):
            rule = comp.cue_rules[doc.vocab.strings[mid]]
            self.cues.setdefault(rule["cue"], []).append((start, end, rule))
        self.other_events = {s for s, e, _ in self.cues.get("other_event", [])}
        self.unresolved_units = {self.unit_of[s.start] for s in doc.spans.get("dates", [])
                                 if not ((t := ext(s, "timex")) and _timex_range(t)[0])}
        self.light_verbs = {s for s, e, _ in self.cues.get("light", [])}
        self.date_tokens = {i for s in doc.spans.get("dates", []) for i in range(s.start, s.end)}
        self.clitics = {s for s, e, _ in self.cues.get("clitic", [])}
        self.clitic_ends = {e: s for s, e, _ in self.cues.get("clitic", [])}
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", doc.text)]
        self.interests = [e for s in doc.spans.get(SPANS_KEY, [])
                          if (e := ext(s, "event")) and e.get("type") == "sector_interest"]

    def _units(self):
        """Sentences cut at line breaks: titles and datelines are not one sentence with the lead."""
        doc = self.doc
        units, unit_of = [], [0] * len(doc)
        for sent in doc.sents:
            start = sent.start
            if units and units[-1].end == start and (doc[start].text[:1].islower() or doc[start].text in (",", ";", ")")
                                                     or units[-1][-1].text not in _SENTENCE_END):
                start = units.pop().start  # the parser cut a sentence mid-way ("France et Italie | ont...")
            for t in sent:
                if t.is_space and "\n" in t.text:
                    if t.i > start:
                        units.append(doc[start:t.i])
                    start = t.i + 1
            if start < sent.end:
                units.append(doc[start:sent.end])
        k = 0
        for i in range(len(doc)):
            while k + 1 < len(units) and units[k + 1].start <= i:
                k += 1
            unit_of[i] = k
        return units, unit_of

    def unit(self, i: int) -> Span:
        return self.units[self.unit_of[i]] if self.units else self.doc[:]

    # -- mentions ----------------------------------------------------------
    def _mentions(self) -> list[Mention]:
        doc = self.doc
        out: list[Mention] = []
        covered = set()
        people = self._people_index()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
            if ent.label_ == "LOC":
                place = ext(ent, "place")
                code = country_code(ent[0].text) if ent[0].is_lower or _demonym_not_place(ent.text, place) else None
                if code:  # a demonym the NER swallowed into a place ("chinois du Commerce", "Allemands")
                    out.append(Mention(ent.start, ent.end, "demonym", ent.text, "DEM", code,
                                       {"name": ent[0].text, "country": code, "kind": "country"}))
                    continue
                place = place or _resolve(ent.text, self.home)
                inner = None if place else _inner_place(ent.text, self.home)
                out.append(Mention(ent.start, ent.end, "place", ent.text, "LOC",
                                   (place or inner or {}).get("country"), place or inner, inner=bool(inner)))
            elif ent.label_ == "PER":
                role = ext(ent, "role") or {}
                if not role.get("country") and not role.get("organisation"):
                    role = people.get(fold(ent.text)) or role
                place = _inner_place(role.get("organisation") or "", self.home)
                country = role.get("country") or (place or {}).get("country")
                out.append(Mention(ent.start, ent.end, "person", ent.text, "PER", country, place,
                                   role.get("title")))
            elif ent.label_ in ("ORG", "MISC"):
                after_prep = ent.start > 0 and doc[ent.start - 1].lower_ in self.comp.prepositions
                whole = _resolve(ent.text, self.home) if ent.label_ == "MISC" or len(ent) > 1 or after_prep else None
                if whole and whole.get("country"):  # a place the NER called MISC ("Cannes")
                    out.append(Mention(ent.start, ent.end, "place", ent.text, "LOC", whole["country"], whole))
                    continue
                place = _inner_place(ent.text, self.home)
                out.append(Mention(ent.start, ent.end, "org", ent.text, ent.label_,
                                   (place or {}).get("country"), place))
        for span in doc.spans.get("demonyms", []):
            place = ext(span, "place")
            if place:
                out.append(Mention(span.start, span.end, "demonym", span.text, "DEM",
                                   place.get("country"), place))
                covered.update(range(span.start, span.end))
        for start, end in _propn_runs(doc, covered, self.comp.prepositions):
            place = _resolve(doc[start:end].text, self.home)
            if place:
                out.append(Mention(start, end, "place", doc[start:end].text, "LOC",
                                   place.get("country"), place))
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _people_index(self) -> dict:
        people = ext(self.doc, "people") or []
        items = people.values() if isinstance(people, dict) else people
        index = {}
        for p in items:
            if isinstance(p, dict) and p.get("name"):
                role = p.get("role") if isinstance(p.get("role"), dict) else p
                index[fold(p["name"])] = role
                index.setdefault(fold(p["name"].split()[-1]), role)
        return index

    def mentions_in(self, tokens) -> list[Mention]:
        tokens = set(tokens)
        return [m for m in self.mentions if m.start in tokens]

    def paragraph(self, token) -> int:
        char = token.idx
        return sum(1 for s in self.paragraph_starts if s <= char) - 1

    def foreign_date(self, span) -> bool:
        """A date that some other event governs: "l'exposition qui se tiendra du 10 juin ...",
        "la charte signée en 1975"."""
        t = span.root
        for _ in range(3):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.i in self.other_events:
                return True
        return False

    def frame_date(self) -> tuple:
        """The date of the article's lead (title and first paragraphs), else its first date, never
        another event's."""
        lead_end = self.paragraph_starts[min(3, len(self.paragraph_starts) - 1)]
        own = [(s, t) for s, t in self.dates if not self.foreign_date(s)]
        lead = [(s, t) for s, t in own if s.start_char <= lead_end]
        for s, t in lead or own:
            return _timex_range(t)
        return None, None

    def clitic_before(self, verb) -> int | None:
        """The object clitic of a verb ("les ont accueillis", "l'a reçue"), by its index."""
        return self.clitic_ends.get(verb.i + 1)

    def cue_spans(self, kind, unit: Span):
        return [(s, e, r) for s, e, r in self.cues.get(kind, []) if unit.start <= s < unit.end]


# ---------------------------------------------------------------- helpers
def _resolve(text: str, home: str | None = None) -> dict | None:
    """A place by name, read in the article's home country when ambiguous ("Brest")."""
    if not text or not text.strip():
        return None
    return resolve_place(text.strip(), context_country=home)


_SENTENCE_END = {".", "!", "?", "…", "»", "\"", "”"}
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Ý][\w'’\-]*(?:[ \-][A-ZÀ-Ý][\w'’\-]*)*")
_PLACE_COMPLEMENT = re.compile(r"(?:\b(?:de|du|des|à|en)\s*|\bd['’]|\bl['’])$", re.I)


def _inner_place(text: str, home: str | None = None) -> dict | None:
    """The place named inside an organisation or a title ("Ville de Marseille", "Amiens Métropole").

    A country, region or département anywhere counts; a city only as the complement of
    "de/à" or as the head of a capitalised compound, so "Chambre de commerce" is no place.
    """
    best, best_score = None, 0
    for m in _CAPITALISED_RUN.finditer(text or ""):
        run = m.group()
        words = run.split()
        after_de = bool(_PLACE_COMPLEMENT.search(text[:m.start()]))
        pieces = [(run, after_de or run == text.strip())]
        if len(words) > 1:  # "Amiens Métropole", "Caen Normandie": a place heading a compound
            pieces.append((words[0], True))
        for piece, city_ok in pieces:
            place = _resolve(piece, home)
            if not place or not place.get("country"):
                continue
            score = 3 if place.get("kind") in ("country", "region", "departement", "area") else 2
            if score == 2 and not city_ok:
                continue
            if score >= best_score:
                best, best_score = place, score
            break
    return best


_TOWN_NOUNS = {"ville", "commune", "municipalité", "métropole", "agglomération", "région", "département",
               "province", "cité", "communauté", "canton"}
_SUBJECT_PRONOUNS = {"nous", "je", "j'", "j’", "on", "il", "elle", "ils", "elles", "vous", "c'", "c’", "ce", "cela", "ça"}
_AGENT_STOPS = {".", ";", ":", "«", "»", "(", "!", "?"}
_CLAUSE_STARTS = {"où", "qui", "que", "qu'", "qu’", "avant", "puis", "pour", "afin", "lors", "dont", "tandis"}


def _demonym_not_place(text: str, place: dict | None) -> bool:
    """"les Allemands", "des Québécois": a people's name, a demonym that is not a name of the place."""
    if len(text.split()) != 1:
        return False
    gazetteer = default_gazetteer()
    if gazetteer.demonym(text) is None or name_key(text) in gazetteer.country_keys:
        return False
    return not place or fold(place.get("name")) != fold(text)


def _propn_runs(doc: Doc, covered: set, prepositions: dict):
    """Proper-noun runs that no entity covers, after a locative preposition (missed places)."""
    i = 0
    while i < len(doc):
        if i not in covered and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            j = i
            while j + 1 < len(doc) and j + 1 not in covered and doc[j + 1].pos_ == "PROPN":
                j += 1
            before = doc[i - 1].lower_ if i > 0 else ""
            if before in prepositions:
                yield i, j + 1
            i = j + 1
        else:
            i += 1


def _timex_range(timex: dict) -> tuple[str | None, str | None]:
    if timex.get("kind") in ("duration", "set"):
        return None, None
    value = timex.get("value")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return value[:4], value[:4]  # "au printemps 2024": the press gives a season, the year is what is known
    start, end = timex.get("start"), timex.get("end")
    value = timex.get("value")
    if not start and isinstance(value, str) and value[:1].isdigit():
        start, _, end = value.partition("/")
    if not start or not str(start)[:1].isdigit():
        return None, None
    return start, end or start


def _overlaps(a: tuple, b: tuple) -> bool:
    """Two (start, end) date ranges meet at their common precision."""
    if not a[0] or not b[0]:
        return True
    n1 = min(len(a[0]), len(b[1] or b[0]))
    n2 = min(len(b[0]), len(a[1] or a[0]))
    return a[0][:n1] <= (b[1] or b[0])[:n1] and b[0][:n2] <= (a[1] or a[0])[:n2]


def _adjacent(end: str | None, start: str | None, days: int = 2) -> bool:
    """A day within `days` after another ("mardi ... le lendemain")."""
    if not (end and start and len(end) == len(start) == 10):
        return False
    gap = (date.fromisoformat(start) - date.fromisoformat(end)).days
    return 0 <= gap <= days


def _long_before(end: str | None, published: str | None) -> bool:
    """A trip of an earlier year than the article's ("en 2019, une délégation était venue"): background."""
    if not (end and published and end[:4].isdigit() and published[:4].isdigit()):
        return False
    gap = int(published[:4]) - int(end[:4])
    return gap >= 2 or (gap == 1 and len(end) == 4)


def _subtree(token) -> set[int]:
    return {t.i for t in token.subtree}


def _clause_head(token):
    """The verb or predicate that governs a noun trigger."""
    h = token
    for _ in range(6):
        if h.pos_ in ("VERB", "AUX") or h.dep_ == "ROOT" or h.head.i == h.i:
            return h
        h = h.head
    return h


def _subject(token):
    """The subject of the clause a trigger sits in; the antecedent for relative clauses."""
    h = token
    for _ in range(5):
        for c in h.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if "Rel" in c.morph.get("PronType") and h.dep_.startswith("acl") :
                    return h.head
                return c
        if h.dep_.startswith("acl") and h.head.i != h.i:
            return h.head
        if h.dep_ == "cop":
            h = h.head
            continue
        if h.head.i == h.i:
            return None
        if h.dep_ in ("conj", "xcomp", "advcl", "ccomp") or h.pos_ not in ("VERB", "AUX"):
            h = h.head
            continue
        return None
    return None


def _determiner(token) -> str | None:
    for c in token.children:
        if c.dep_ == "det" or (c.dep_ == "nmod:poss"):
            if "Dem" in c.morph.get("PronType"):
                return "dem"
            if "Yes" in c.morph.get("Poss") or "Prs" in c.morph.get("PronType"):
                return "poss"
            if "Def" in c.morph.get("Definite"):
                return "def"
            return "ind"
    return None


def _compare_status(start, end, published) -> str | None:
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


def _tense_status(verb) -> str | None:
    tokens = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    tenses = {t for tok in tokens for t in tok.morph.get("Tense")}
    moods = {m for tok in tokens for m in tok.morph.get("Mood")}
    if "Fut" in tenses or "Cnd" in moods:
        return "planned"
    if "Imp" in tenses or ("Past" in tenses and len(tokens) > 1) or \
            ("Past" in tenses and "Fin" in verb.morph.get("VerbForm")):
        return "past"
    if "Pres" in tenses:
        return "ongoing"
    return None


def _place_dict(m: Mention, context_country: str | None = None) -> dict:
    place = m.place or {}
    named = m.kind == "place" and not m.inner
    out = {"name": m.text if named else place.get("name", m.text),
           "country": m.country or context_country,
           "kind": place.get("kind"), "code": place.get("code")}
    if not named:
        out["_site"] = True  # the place of an institution visited ("la CCI du Cher"), not a town of its own
    return out


def _party_dict(m: Mention) -> dict:
    return {"name": m.text, "country": m.country}


class _VisitBuilder:
    """Candidates from triggers, merged into trips; the first trip frames the rest."""

    def __init__(self, view: _DocView, comp: EventsComponent):
        self.v = view
        self.doc = view.doc
        self.comp = comp
        self.events: list[dict] = []

    # -- candidates ---------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        doc = self.doc
        by_unit: dict[int, list] = {}
        blocked = {i for s, e, _ in self.v.cues.get("block", []) for i in range(s, e)}
        for mid, start, end in self.comp.visit_matcher(doc):
            rule = self.comp.visit_rules[doc.vocab.strings[mid]]
            anchor = start + rule["anchor"] if rule["anchor"] >= 0 else end + rule["anchor"]
            if anchor not in blocked:
                by_unit.setdefault(self.v.unit_of[anchor], []).append((start, end, anchor, rule))
        out = []
        for k in sorted(by_unit):
            matches = _dedupe(by_unit[k])
            if any(r["strength"] == "strong" for *_, r in matches):
                matches = [m for m in matches if m[3]["strength"] != "party"]
            starts = sorted(m[0] for m in matches)
            unit = self.v.units[k]
            for start, _end, anchor, rule in matches:
                nxt = [a for a in starts if a > start]
                seg = range(anchor + 1, nxt[0] if nxt else unit.end)
                cand = self.candidate(rule, anchor, unit, seg, told_before=bool(out))
                if cand:
                    out.append(cand)
        return out

    def candidate(self, rule, anchor, unit, seg, told_before=False) -> Candidate | None:
        doc = self.doc
        tok = doc[anchor]
        voice = rule["voice"]
        in_unit = set(range(unit.start, unit.end))
        c = Candidate(rule=rule, anchor=anchor, sent=unit, voice=voice)
        if voice == "host" and (any(ch.dep_ in ("aux:pass", "nsubj:pass") for ch in tok.children)
                                or ((tok.dep_.startswith("acl") or tok.head.i < tok.i) and "Part" in tok.morph.get("VerbForm")
                                    and not any(ch.dep_.startswith("aux") for ch in tok.children))):
            voice = c.voice = "passive"
        host_cue_tokens = self.host_cue_tokens(unit)
        visitor_phrase, host_phrase, dest_side, head = self.phrases(tok, voice)
        dest_side |= self.cleft_focus(unit)
        visitor_phrase = (visitor_phrase & in_unit) - host_cue_tokens - dest_side
        if voice in ("host", "passive") and head is not None:
            visitor_phrase -= self.locative_complements(head)  # "a accueilli la délégation à Agen"
        if voice == "visitor":
            visitor_phrase -= set(seg)
        host_phrase &= in_unit
        if "party_object" in rule["needs"] and not self.is_party_head(head, visitor_phrase):
            return None
        if "party_subject" in rule["needs"] and not self.is_party(visitor_phrase):
            return None
        det = _determiner(head) if head is not None else None
        c.demonstrative = any(s <= anchor < e for s, e, _ in self.v.cue_spans("anaphor", unit))
        c.anaphoric = c.demonstrative or det == "poss" or (head is not None and head.pos_ == "PRON") \
            or (det == "def" and voice == "noun") or (head is not None and head.i in self.v.clitics)
        # "la délégation a été reçue", "les élus ont visité": a party told before, whatever else the sentence names
        party_anaphor = told_before and head is not None and (head.i in self.v.clitics or (
            det in ("def", "dem", "poss")
            and self.comp.party_kind.get(head.lemma_.lower()) in ("collective", "person", "diplomat")
            and not any(m.country for m in self.v.mentions_in(self.core_phrase(head)))))
        c.anaphoric = c.anaphoric or party_anaphor
        c.party_anaphor = party_anaphor or (head is not None and head.i in self.v.clitics)
        c.definite = det == "def"
        c.mention_cue = bool(self.v.cue_spans("mention", unit))
        party_words = [self.doc[i].lemma_.lower() for i in sorted(visitor_phrase)
                       if self.comp.party_kind.get(self.doc[i].lemma_.lower()) in ("collective", "person", "diplomat")]
        if party_words:  # "deux grandes entreprises de Zhengzhou": the kind of party, for telling trips apart
            c.visitor_head = party_words[0]
        elif head is not None:
            c.visitor_head = head.lemma_.lower() if head.pos_ == "NOUN" else ("PER" if head.pos_ == "PROPN" else None)
        # destination: after the trigger, else in the host's words, else elsewhere in the sentence
        dests = self.destinations([i for i in sorted(dest_side) if i not in visitor_phrase]) or \
            self.destinations([i for i in seg if i not in visitor_phrase], trigger=tok,
                              extra_preps=rule.get("place_preps", ()), origin_object=rule.get("departure", False))
        if not dests and voice == "host":
            dests = self.destinations(sorted(host_phrase), allow_org=True)
        if not dests and voice != "party" and rule["strength"] == "strong":
            dests = self.destinations([i for i in range(unit.start, tok.i) if i not in visitor_phrase
                                       and i not in host_phrase], trigger=tok)
        if "destination" in rule["needs"] and not dests:
            if not (c.anaphoric or c.definite):
                return None
            c.merge_only = True  # "la délégation s'est rendue à la manufacture X": the trip told before
        c.destinations = dests
        dest_countries = {d["country"] for d in dests}
        # visitor: its own words, the possessor of "sa visite", else a foreign party in the sentence
        consulted = set(visitor_phrase)
        found = None if party_anaphor else self.evidence(visitor_phrase, dests)
        light_verb = voice == "noun" and tok.dep_ == "obj" and det != "dem" \
            and tok.head.i in self.v.light_verbs  # "a effectué une visite", "entame une tournée"
        if found is None and voice == "noun" and (det == "poss" or light_verb):
            subj = _subject(_clause_head(tok))
            if subj is not None:
                consulted |= _subtree(subj) & in_unit
                found = self.evidence(_subtree(subj) & in_unit, dests)
        if found is None and not party_anaphor and (voice in ("visitor", "host", "passive") or det == "poss"):
            found = self.sentence_evidence(unit, dest_countries, exclude=host_phrase | host_cue_tokens)
        if found is None and not party_anaphor and voice in ("visitor", "noun") and dests:
            found = self.local_party(consulted, dests)
        if found:
            c.visitor, c.visitor_own = found, True
        c.diplomat = self.is_diplomat(consulted)
        if rule.get("posting") and self.is_diplomat(in_unit):
            return None  # an ambassador's "mission", "séjour" is his posting, not a visit
        c.visitors = self.named_visitors(consulted, unit) if rule["strength"] != "weak" else []
        c.hosts = self.hosts(c, voice, seg, visitor_phrase, host_phrase, unit)
        c.start, c.end, c.date_scope = self.date(tok, unit, seg)
        c.status = self.status(c, tok, unit)
        c.purpose = self.purpose(unit, anchor)
        return c

    def host_cue_tokens(self, unit) -> set[int]:
        out = set()
        for s, e, _ in self.v.cue_spans("host", unit):
            head = self.cue_object(e, unit)
            if head is not None:
                out |= _subtree(head) & set(range(e, unit.end))
        return out

    def cleft_focus(self, unit) -> set[int]:
        """"c'est au Carlton de Cannes que...": the focused place is where the trip went."""
        out = set()
        for s, e, _ in self.v.cue_spans("cleft", unit):
            end = next((t.i for t in self.doc[e:unit.end] if t.lower_ in ("que", "qu'", "qu’")), e)
            out |= set(range(e - 1, end))
        return out

    def cue_object(self, e, unit):
        return next((t for t in self.doc[e:unit.end] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)

    def phrases(self, tok, voice):
        """Visitor's tokens, host's tokens, a visit noun's place complements, visitor's head word."""
        if voice == "host":
            clitic = self.v.clitic_before(tok)
            if clitic is not None:  # "X et Y les ont accueillis": the subject hosts, the clitic is the party told before
                return {clitic}, set(range(self.v.unit(tok.i).start, clitic)), set(), self.doc[clitic]
            objects = [c for c in tok.children if c.dep_ in ("obj", "iobj", "obl:arg")]
            obj = next((c for c in objects if self.is_party_head(c, _subtree(c))),
                       next((c for c in objects if c.dep_ == "obj"), None))
            subj = _subject(tok)
            if obj is None:  # no parsed object: the words after the verb, up to a purpose clause
                unit = self.v.unit(tok.i)
                stops = [s for s, e, _ in self.v.cue_spans("purpose", unit) if s > tok.i] + [unit.end]
                right = set(range(tok.i + 1, min(stops)))
                obj = next((self.doc[i] for i in sorted(right) if self.is_party_head(self.doc[i], right)), None)
                return right, (_subtree(subj) if subj is not None else set()), set(), obj
            host = _subtree(subj) if subj is not None else set()
            if subj is not None and subj.i < tok.i:  # appositions and coordinated hosts the parse split off
                host |= set(range(self.v.unit(tok.i).start, tok.i))
            return (_subtree(obj) if obj is not None else set()), host, set(), obj
        if voice == "passive":
            participle = not any(c.dep_.startswith("aux") for c in tok.children)
            if tok.dep_.startswith("acl") or (participle and tok.head.i < tok.i and tok.head.pos_ in ("NOUN", "PROPN", "ADJ")):
                head = tok.head
                phrase = _subtree(head) - _subtree(tok)
            else:
                head = _subject(tok)
                phrase = _subtree(head) if head is not None else set()
            unit = self.v.unit(tok.i)
            if head is None or not unit.start <= head.i < unit.end:  # broken parse: the words before the verb
                left = range(unit.start, tok.i)
                phrase = set(left)
                head = next((self.doc[i] for i in left if self.is_party_head(self.doc[i], phrase)), None)
            agent = next((c for c in tok.children if c.dep_ == "obl:agent"), None)
            return phrase, (_subtree(agent) if agent is not None else set()), set(), head
        if voice in ("noun", "party"):
            phrase, dest_side = _subtree(tok), set()
            if voice == "noun":
                for child in tok.subtree:
                    case = [g.lower_ for g in child.children if g.dep_ == "case"]
                    place_of = child.head.i == tok.i and case and case[0] in ("de", "d'", "d’", "du", "des") \
                        and any(m.start <= child.i < m.end and m.kind == "place" for m in self.v.mentions)
                    if child.i != tok.i and ((case and case[0] in self.comp.prepositions) or place_of):
                        dest_side |= _subtree(child)
                for child in tok.children:
                    if child.dep_ in ("acl", "acl:relcl", "advcl", "parataxis"):
                        phrase -= _subtree(child)
            return phrase - dest_side, set(), dest_side, tok
        subj = _subject(tok)
        unit = self.v.unit(tok.i)
        if subj is None or not unit.start <= subj.i < unit.end:  # broken parse: the words before the trigger
            return set(range(unit.start, tok.i)), set(), set(), None
        phrase = _subtree(subj)
        if tok.i not in {a.i for a in subj.ancestors}:  # "une délégation en visite à X": X is not the visitor
            phrase -= _subtree(tok)
        return phrase, set(), set(), subj

    def locative_complements(self, head) -> set[int]:
        """"la délégation à Agen": a place complement of the party says where it is, not who it is."""
        out = set()
        for c in head.children:
            case = [g.lower_ for g in c.children if g.dep_ == "case"]
            if case and case[0] in ("à", "au", "aux"):
                out |= _subtree(c)
        return out

    def core_phrase(self, head) -> set[int]:
        """A noun with its own complements, without appositions, relatives and companions."""
        out = {head.i}
        for c in head.children:
            if c.dep_ not in ("appos", "acl", "acl:relcl", "punct", "conj", "cc", "parataxis"):
                out |= _subtree(c)
        return out

    def agent_span(self, e: int, unit) -> list[int]:
        """The words of a "par ..."/"en présence de ..." complement up to the clause's end, coordinated
        parts included: "par le maire, Hervé Dumas, et par Sophie Berthelot, adjointe"."""
        out = []
        for t in self.doc[e:unit.end]:
            if t.text in _AGENT_STOPS or t.lower_ in _CLAUSE_STARTS or \
                    (t.pos_ in ("VERB", "AUX") and {"Fin", "Inf"} & set(t.morph.get("VerbForm"))):
                break
            out.append(t.i)
        return out

    def agent_mentions(self, e: int, unit, kinds=("person", "org")) -> list[Mention]:
        """Persons of an agent span, and organisations that are not a person's affiliation ("de la CCI")."""
        ms = [m for m in self.v.mentions_in(self.agent_span(e, unit)) if m.kind in kinds]
        people = [m for m in ms if m.kind == "person"]
        if not people:
            return ms
        affiliated = lambda m: any(t.lower_ in ("de", "du", "des", "d'", "d’") for t in self.doc[max(m.start - 2, 0):m.start])
        return [m for m in ms if m.kind == "person" or not affiliated(m)]

    def is_party(self, phrase) -> bool:
        doc = self.doc
        if any(self.comp.party_kind.get(doc[i].lemma_.lower()) or self.comp.party_kind.get(doc[i].lower_)
               for i in phrase):
            return True
        return any(m.kind in ("person", "demonym") or (m.kind == "place" and m.country)
                   for m in self.v.mentions_in(phrase))

    def is_party_head(self, head, phrase) -> bool:
        """"reçoit une délégation", "reçoit le maire", "accueille Benoit Payan", not "reçoit un accueil"."""
        if head is None:
            return False
        if head.i in self.v.date_tokens:
            return False  # "Mardi, l'ambassadeur ...": a weekday is no party
        if head.lower_ in ("il", "elle", "ils", "elles") and head.dep_.startswith("nsubj"):
            return True  # "il sera reçu par le maire": the person told before
        if self.comp.party_kind.get(head.lemma_.lower()) or head.pos_ in ("PROPN", "X") or head.i in self.v.clitics:
            return True
        return any(m.start <= head.i < m.end and m.kind in ("person", "demonym") for m in self.v.mentions_in(phrase))

    def is_diplomat(self, phrase) -> bool:
        kinds = self.comp.party_kind
        words = [self.doc[i].lemma_.lower() for i in phrase]
        words += [w for m in self.v.mentions_in(phrase) if m.title for w in fold(m.title).split()]
        return any(kinds.get(w) == "diplomat" for w in words)

    def evidence(self, phrase, dests) -> dict | None:
        """The visiting party: first mention in its phrase that carries a country."""
        dest_names = {fold(d["name"]) for d in dests}
        mentions = [m for m in self.v.mentions_in(phrase) if fold(m.text) not in dest_names]
        first = next((m for m in mentions if m.country), None)
        if first is None:
            return None
        place = next((m.place_name for m in mentions
                      if m.country == first.country and m.place_name), None)
        if place is None and first.kind == "demonym":  # "la ville espagnole de Cuenca": the place the demonym locates
            place = next((m.text for m in mentions if m.kind == "place" and 0 < m.start - first.end <= 2
                          and self.doc[m.start - 1].lower_ in ("de", "d'", "d’")), None) or self.name_after(first.end, phrase)
        return {"name": self.phrase_text(phrase), "country": first.country, "place": place}

    def local_party(self, phrase, dests) -> dict | None:
        """"Le président de la Région a conduit une mission au Maroc": an official of no named country
        going abroad is one of the paper's own (French press: the home country, else France)."""
        home = "FR" if not self.v.home or any(d["country"] == self.v.home for d in dests) else self.v.home
        if any(d["country"] in (home, "FR") for d in dests):
            return None
        words = [self.doc[i] for i in sorted(phrase)]
        if not any(self.comp.party_kind.get(t.lemma_.lower()) in ("person", "collective") for t in words) \
                or any(m.kind in ("person", "place", "demonym") and m.country for m in self.v.mentions_in(phrase)):
            return None
        return {"name": self.phrase_text(phrase), "country": home, "place": None}

    def sentence_evidence(self, unit, dest_countries, exclude) -> dict | None:
        """Fallback: a party of another country than the destination, named in the sentence."""
        if not dest_countries:
            return None
        tokens = [i for i in range(unit.start, unit.end) if i not in exclude]
        for m in self.v.mentions_in(tokens):
            if m.country and m.country not in dest_countries:
                place = m.place_name or (self.name_after(m.end, set(tokens)) if m.kind == "demonym" else None)
                return {"name": self.party_name(m), "country": m.country, "place": place}
        return None

    def party_name(self, m: Mention) -> str:
        """"une délégation de la région marocaine": the party noun a demonym or place qualifies."""
        t = self.doc[m.start:m.end].root
        for _ in range(3):
            if self.comp.party_kind.get(t.lemma_.lower()) in ("collective", "person", "diplomat"):
                return self.phrase_text(self.core_phrase(t)) or m.text
            if t.head.i == t.i or t.dep_ not in ("amod", "nmod", "appos", "flat:name"):
                break
            t = t.head
        return m.text

    def name_after(self, i: int, phrase) -> str | None:
        """"marocaine de Souss-Massa": the proper name right after "de", even one no gazetteer knows."""
        if i + 1 not in phrase or self.doc[i].lower_ not in ("de", "d'", "d’") or self.doc[i + 1].pos_ != "PROPN":
            return None
        return self.doc[i + 1:self.hyphenated_end(i + 1) + 1].text

    def hyphenated_end(self, end: int) -> int:
        """The last token of a hyphenated name the parse may have split ("Souss-Massa")."""
        doc = self.doc
        while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ \
                and not doc[end + 1].whitespace_ and doc[end + 2].text[:1].isupper():
            end += 2
        return end

    def phrase_text(self, phrase) -> str | None:
        """The visitor's noun phrase: its words up to the first comma, parenthesis or verb, without
        a leading date or adverb ("Vendredi, le ministre"); None when no noun phrase is left."""
        toks = sorted(phrase)
        if not toks:
            return None
        start = toks[0]
        while start in phrase and (self.doc[start].is_punct or start in self.v.date_tokens
                                   or self.doc[start].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ")):
            start += 1
        if start not in phrase or self.doc[start].pos_ in ("VERB", "AUX") or self.doc[start].lower_ in _SUBJECT_PRONOUNS:
            return None
        end = start
        leaders = {s for s, e, _ in self.v.cues.get("leader", [])}
        while end + 1 in phrase and not self.doc[end + 1].is_space and self.doc[end + 1].pos_ not in ("VERB", "AUX") \
                and end + 1 not in leaders \
                and (self.doc[end + 1].text not in (",", "(", "«", "-", "–")
                     or (self.doc[end + 1].text == "-" and not self.doc[end].whitespace_)):
            end += 1
        end = self.hyphenated_end(end)
        return self.doc[start:end + 1].text or None

    def destinations(self, tokens, allow_org=False, trigger=None, extra_preps=(), origin_object=False) -> list[dict]:
        """The most specific place(s) visited among the places in `tokens`.

        Places joined by "et" are one visit each ("à Montréal et Québec"); otherwise
        the finest place of the first place's country wins ("dans la région du Grand
        Est, en France" gives Grand Est).
        """
        places = []
        for m in self.v.mentions_in(tokens):
            if trigger is not None and not self.locative(m, trigger, extra_preps, origin_object):
                continue
            if m.kind == "place" or (m.kind == "org" and m.place and (allow_org or trigger is not None)):
                country = m.country or self.context_country(m)
                if country:
                    places.append((m, country))
        if not places:
            return []
        chosen = [places[0]]
        for m, country in places[1:]:
            gap = self.doc[chosen[-1][0].end:m.start]
            if any(t.lower_ in ("et", "puis") for t in gap) and all(
                    t.lower_ in ("et", ",", "puis", "ainsi", "que") or t.pos_ == "DET"
                    or t.lower_ in self.comp.prepositions for t in gap):
                chosen.append((m, country))
            else:
                break
        if len(chosen) > 1:
            return [_place_dict(m, country) for m, country in chosen]
        country = chosen[0][1]
        same = [(m, c) for m, c in places if c == country]
        best = max(same, key=lambda mc: (PLACE_RANK.get((mc[0].place or {}).get("kind"), 2.5), -mc[0].start))
        return [_place_dict(*best)]

    def locative(self, m: Mention, trigger, extra_preps=(), origin_object=False) -> bool:
        """A place is where the trip goes when a place preposition introduces it ("à", "dans la
        ville de", "au site de ... à") or when it is the object of the trigger ("a visité Vendôme"),
        unless the trigger leaves its object ("a quitté le Berry pour Paris")."""
        preps = set(self.comp.prepositions) | set(extra_preps)
        k = m.start - 1
        while k >= 0 and (self.doc[k].pos_ in ("DET", "PUNCT", "SYM") or self.doc[k].text == "#") and m.start - k <= 2:
            k -= 1
        if k >= 0 and self.doc[k].lower_ in preps:
            return True
        t = self.doc[m.start:m.end].root
        for _ in range(4):
            if any(c.dep_ == "case" and c.lower_ in preps for c in t.children):
                return True
            if t.dep_ == "obj" and not origin_object and (t.head.i == trigger.i or (
                    "Inf" in t.head.morph.get("VerbForm") and 0 < t.head.i - trigger.i <= 6)):
                return True  # "a visité Vendôme", "s'est rendu en Italie découvrir Butera"
            if t.dep_ in ("conj", "nmod", "flat:name", "appos", "amod") and t.head.i != t.i:
                t = t.head
                continue
            return False
        return False

    def context_country(self, m: Mention) -> str | None:
        """The country of an unresolved place, from a country or demonym right beside it."""
        unit = self.v.unit(m.start)
        near = [x for x in self.v.mentions if unit.start <= x.start < unit.end and x.country and x is not m
                and ((x.kind == "place" and 0 < x.start - m.end <= 2)
                     or (x.kind == "demonym" and -3 <= x.start - m.start <= 2))]
        return near[0].country if near else None

    def named_visitors(self, phrase, unit) -> list[dict]:
        people = [m for m in self.v.mentions_in(phrase) if m.kind == "person"]
        for s, e, _ in self.v.cue_spans("leader", unit):
            head = self.cue_object(e, unit)
            if head is not None:
                people += [m for m in self.v.mentions_in(_subtree(head) & set(range(e, unit.end)))
                           if m.kind == "person"]
            people += self.agent_mentions(e, unit, kinds=("person",))
        out, seen = [], set()
        for m in people:
            if fold(m.text) not in seen:
                seen.add(fold(m.text))
                out.append({"name": m.text, "title": m.title})
        return out

    def hosts(self, c, voice, seg, visitor_phrase, host_phrase, unit) -> list[dict]:
        """Who receives: the hosting subject, "reçu par", "en présence de", the sites visited."""
        found: list[Mention] = []
        if host_phrase:
            ms = self.v.mentions_in(host_phrase)
            per = [m for m in ms if m.kind == "person"]
            found += per or [m for m in ms if m.kind == "org" or (m.kind == "place" and not self.complement(m))]
        for s, e, _ in self.v.cue_spans("host", unit):
            head = self.cue_object(e, unit)
            if head is not None:
                found += self.unattached(self.v.mentions_in(_subtree(head) & set(range(e, unit.end))), head)
            found += self.agent_mentions(e, unit)
        if voice in ("passive", "host"):  # "reçue à la CCI de La Rochelle": the institution that receives
            found += [m for m in self.v.mentions_in(seg) if m.kind == "org" and any(
                t.lower_ in ("à", "au", "aux", "chez") for t in self.doc[max(m.start - 2, 0):m.start])]
        if voice == "passive":  # "accueillie à l'hôtel de ville par le maire": the agent, however far
            leaders = {e - 1 for s, e, _ in self.v.cue_spans("leader", unit)}
            for i in seg:
                if self.doc[i].lower_ == "par" and i not in leaders:
                    found += self.agent_mentions(i + 1, unit)
        if voice in ("visitor", "noun") and c.rule["strength"] == "strong":
            # the firms and institutions visited, and the people met there
            found += [m for m in self.v.mentions_in(seg) if m.kind in ("org", "person")]
        if c.rule["id"] == "visit.rencontrer" or c.rule["strength"] in ("weak", "party"):
            found += [m for m in self.v.mentions_in(range(unit.start, unit.end))
                      if m.kind in ("person", "org") and m.start not in visitor_phrase]
        visitor_names = {fold(p["name"]) for p in c.visitors}
        out, seen = [], set()
        for m in found:
            key = fold(m.text)
            if m.start in visitor_phrase or key in visitor_names or key in seen or self.is_event_name(m, c):
                continue
            seen.add(key)
            out.append({"name": m.text, "label": m.label if m.label != "DEM" else "LOC"})
        return out

    def complement(self, m: Mention) -> bool:
        """"le consul général de France": a place that only qualifies a title or an institution."""
        if m.start < 2 or self.doc[m.start - 1].lower_ not in ("de", "du", "des", "d'", "d’"):
            return False
        return self.doc[m.start - 2].lemma_.lower() not in _TOWN_NOUNS  # "la ville de Vendôme" is the town

    def is_event_name(self, m: Mention, c: Candidate) -> bool:
        """A festival, fair or show is what the visitors attend, not who receives them."""
        if c.rule.get("object_is_event") and c.anchor < m.start <= c.anchor + 6:
            return True  # "ont participé au Consumer Electronics Show (CES) de Las Vegas"
        return any(m.start - 1 <= s <= m.start for s, e, _ in self.v.cues.get("event_name", []))

    def unattached(self, mentions, top) -> list[Mention]:
        """Persons, and organisations that are not a person's affiliation."""
        people = {i for m in mentions if m.kind == "person" for i in range(m.start, m.end)}
        keep = []
        for m in mentions:
            if m.kind == "person":
                keep.append(m)
            elif m.kind == "org":
                t = self.doc[m.start]
                chain = set()
                while t.i != top.i and t.head.i != t.i:
                    t = t.head
                    chain.add(t.i)
                if not chain & people:
                    keep.append(m)
        return keep

    def date(self, tok, unit, seg):
        """The trigger's date: nearest in its sentence and clause, else its paragraph's."""
        clause = _clause_head(tok).i
        in_unit = []
        for s, t in self.v.dates:
            if not unit.start <= s.start < unit.end:
                continue
            governor = _clause_head(s.root).i
            own = governor in (clause, tok.i) or s.start in seg or governor in {a.i for a in tok.ancestors}
            if (s.start < tok.i or self.v.foreign_date(s)) and not own:
                continue  # "la charte signée en 1975": the date of another event
            dist = s.start - tok.i if s.start >= tok.i else (tok.i - s.end) + 10
            start, end = _timex_range(t)
            in_unit.append((dist + (0 if own else 15) - (3 if end != start else 0), s, t))
        if in_unit:
            _, s, t = min(in_unit, key=lambda x: x[0])
            return (*self.coordinated(s, t, unit), 0)
        para = self.v.paragraph(tok)
        in_para = [(s, t) for s, t in self.v.dates if self.v.paragraph(s[0]) == para
                   and not unit.start <= s.start < unit.end and not self.v.foreign_date(s)]  # the sentence's own dates were weighed above
        if in_para:
            s, t = min(in_para, key=lambda it: abs(it[0].start - tok.i))
            return (*_timex_range(t), 1)
        return None, None, 3

    def coordinated(self, span, timex, unit) -> tuple:
        """"mardi et mercredi", "jeudi, vendredi et samedi": coordinated days are one stay, first to last."""
        start, end = _timex_range(timex)
        for s, t in self.v.dates:
            if not unit.start <= s.start < unit.end or s is span:
                continue
            gap = self.doc[span.end:s.start] if s.start >= span.end else self.doc[s.end:span.start]
            if 0 < len(gap) <= 2 and all(g.lower_ in ("et", ",", "-", "puis") for g in gap):
                s2, e2 = _timex_range(t)
                if s2 and len(s2) == len(start):
                    start, end = min(start, s2), max(end or start, e2 or s2)
        return start, end

    def status(self, c, tok, unit) -> str | None:
        by_date = _compare_status(c.start, c.end, self.doc._.published) if c.date_scope == 0 else None
        if by_date:
            return by_date
        if any(abs(s - tok.i) <= 4 for s, e, _ in self.v.cue_spans("planned", unit)):
            return "planned"
        if c.rule["id"] == "visit.etre_attendu":
            return "planned"
        return _tense_status(_clause_head(tok))

    def purpose(self, unit, anchor) -> str | None:
        """"pour étudier les possibilités de coopération": the first purpose clause after the trigger."""
        for s, e, _ in sorted(self.v.cue_spans("purpose", unit)):
            if s <= anchor:
                continue
            verb = self.doc[e - 1]
            last = max(_subtree(verb) & set(range(s, unit.end)), default=e - 1)
            text = self.doc[s:last + 1].text
            return re.split(r"\s*[«»\"“”]|\n", text)[0].rstrip(" .,;:") or None
        return None

    # -- trips -------------------------------------------------------------
    def build(self) -> list[tuple[Span, dict]]:
        for c in self.candidates():
            self.place(c)
        self.finish()
        return [(e["_sent"], self.public(e)) for e in self.events
                if e["destination"] and e["visitor"] and e["visitor"].get("country")]

    def place(self, c: Candidate) -> None:
        main = self.events[0] if self.events else None
        if c.definite and any(e["_head"] == c.visitor_head for e in self.events):
            c.anaphoric = True  # "la délégation" after "une délégation": the same party
        weak = c.rule["strength"] == "weak" or c.merge_only
        # "il", "la délégation", "son séjour" with no party of their own: the trip told before, unless
        # they go to another country ("nous avons participé au salon de Ningbo": the hosts' return trip)
        elsewhere = main and not c.party_anaphor and any(d["country"] != main["destination"]["country"]
                                                         for d in c.destinations)
        if main and c.anaphoric and not c.demonstrative and self.another_trip(c):
            c.anaphoric = c.party_anaphor = False  # "lors de sa visite à Bordeaux en octobre dernier"
            weak = False
        if weak or (main and (c.demonstrative or (c.anaphoric and not c.visitor_own and not elsewhere))):
            target = self.latest(c)  # "cette visite", "la délégation", "il": the trip told before
            if target and c.party_anaphor and self.is_stop(c, target):
                if c.rule.get("departure") and _adjacent(target["end"], c.start):
                    target["end"] = c.start  # "a quitté le Berry jeudi pour Paris": the stay ends that day
                for dest in c.destinations:  # "la délégation a été reçue à Quimper": the tour's next stop
                    self.create(c, dict(target["visitor"]), dest, stop=target)
            elif target:
                self.merge(target, c)
            return
        if not c.destinations:
            if main and (not c.visitor or c.visitor["country"] == main["visitor"]["country"] or c.voice == "host"):
                target = self.latest(c)
                separate = (c.date_scope == 0 and target and not _overlaps(
                    (c.start, c.end), (target["start"], target["end"]))) or \
                    (c.voice == "host" and c.mention_cue and target is main)
                if target and not separate:
                    self.merge(target, c)
                    return
                c.destinations = [dict(main["destination"])]
            elif not main and c.visitor:
                dest = self.doc_destination(c.visitor["country"])
                if not dest:
                    return
                c.destinations = [dest]
            else:
                return
        for dest in c.destinations:
            visitor = c.visitor or self.frame_visitor(dest)
            if not visitor:
                continue
            if c.diplomat and dest.get("kind") == "country":
                continue  # a resident ambassador's "mission en France" is his posting
            target = self.same_trip(c, visitor, dest)
            if target:
                self.merge(target, c)
            else:
                self.create(c, visitor, dest)

    def is_stop(self, c: Candidate, target: dict) -> bool:
        """A dated place of its own, away from the visitors' home: one visit per destination of a tour."""
        if not c.destinations or c.date_scope != 0 or not c.start:
            return False
        names = {fold(e["destination"]["name"]) for e in self.events}
        return all(fold(d["name"]) not in names and d["country"] != target["visitor"]["country"]
                   and d.get("kind") != "country" and not d.get("_site") for d in c.destinations)

    def another_trip(self, c: Candidate) -> bool:
        """The same party's other trip: a place of its own and dates apart from every trip told."""
        if not c.destinations or not c.start or c.date_scope != 0:
            return False
        names = {fold(e["destination"]["name"]) for e in self.events}
        return all(fold(d["name"]) not in names and d.get("kind") not in (None, "country")
                   for d in c.destinations) and not any(
            _overlaps((c.start, c.end), (e["start"], e["end"])) or _adjacent(e["end"], c.start)
            for e in self.events if e["start"])

    def frame_visitor(self, dest) -> dict | None:
        """Unnamed visitors: the frame's visitors again, or its hosts going the other way."""
        if not self.events:
            return None
        main = self.events[0]
        # the same visitors, here or, when they are the paper's own people, on another trip abroad
        home = "FR" if "FR" in (main["visitor"].get("country"), main["destination"].get("country")) else self.v.home
        if dest.get("country") == main["destination"].get("country") or (
                main["visitor"].get("country") == home and dest.get("country") != home):
            return dict(main["visitor"], name=main["visitor"].get("name"))
        md = main["destination"]
        return {"name": None, "country": md.get("country"),
                "place": md.get("name") if md.get("kind") != "country" else None}

    def doc_destination(self, visitor_country) -> dict | None:
        """The article's most named place of another country than the visitor's."""
        counts = Counter()
        first = {}
        for m in self.v.mentions:
            if m.kind == "place" and m.country and m.country != visitor_country:
                key = fold(m.place.get("name") if m.place else m.text)
                counts[key] += 1
                first.setdefault(key, m)
        if not counts:
            return None
        key = max(counts, key=lambda k: (counts[k], PLACE_RANK.get((first[k].place or {}).get("kind"), 2.5)))
        return _place_dict(first[key])

    def latest(self, c: Candidate) -> dict | None:
        if not self.events:
            return None
        if c.visitor:
            same = [e for e in self.events if e["visitor"]["country"] == c.visitor["country"]]
            if same:
                return same[-1] if not c.demonstrative else same[0]
        if c.party_anaphor:  # "la délégation": the last trip of a delegation, else the article's trip
            same = [e for e in self.events if e["_head"] == c.visitor_head and e["visitor"].get("name")]
            return same[-1] if same else self.events[0]
        return self.events[0] if c.demonstrative else self.events[-1]

    def same_trip(self, c, visitor, dest) -> dict | None:
        for e in self.events:
            if e["visitor"]["country"] != visitor["country"] or fold(e["destination"]["name"]) != fold(dest["name"]):
                continue
            if c.anaphoric or e["_sent"].start == c.sent.start:
                return e
            if c.date_scope == 0 and e["_date_scope"] == 0 and not _overlaps((c.start, c.end), (e["start"], e["end"])):
                continue
            statuses = {c.status, e["status"]} - {None}
            if statuses == {"past", "planned"} or (len(statuses) == 2 and c.mention_cue):
                continue
            heads = {c.visitor_head, e["_head"]} - {None, "PER"}
            if len(heads) == 2 and all(self.comp.party_kind.get(h) == "collective" for h in heads):
                continue
            return e
        return None

    def create(self, c: Candidate, visitor, dest, stop: dict | None = None) -> None:
        frame = not c.visitor_own
        confidence = c.rule["confidence"] * (0.8 if frame else 1.0)
        visitors = list(c.visitors)
        if stop:
            own = {fold(p["name"]) for p in visitors}
            visitors = [p for p in stop["visitors"] if fold(p["name"]) not in own] + visitors
        self.events.append({
            "type": "visit", "visitor": dict(visitor), "visitors": visitors,
            "destination": dict(dest), "hosts": list(c.hosts),
            "start": c.start, "end": c.end, "status": c.status, "purpose": c.purpose,
            "rule": c.rule["id"], "confidence": round(confidence, 2),
            "cameo": "043" if c.voice == "host" else "042", "plover": "CONSULT",
            "_sent": c.sent, "_sents": {c.sent.start}, "_date_scope": c.date_scope,
            "_head": c.visitor_head, "_mention": c.mention_cue or bool(stop and c.rule.get("departure")),
            "_stop": stop,
        })

    def merge(self, e: dict, c: Candidate) -> None:
        e["_sents"].add(c.sent.start)
        names = {fold(x["name"]) for x in e["visitors"]}
        e["visitors"] += [p for p in c.visitors if fold(p["name"]) not in names]
        visitor_names = {fold(x["name"]) for x in e["visitors"]}
        hosts = {fold(x["name"]) for x in e["hosts"]}
        e["hosts"] += [h for h in c.hosts if fold(h["name"]) not in hosts | visitor_names]
        stay = e["start"] and e["end"] and e["start"] != e["end"] and c.start == c.end
        if c.date_scope < e["_date_scope"] and c.start and not stay:  # "samedi" within "du 3 au 5 mai" keeps the stay
            e["start"], e["end"], e["_date_scope"] = c.start, c.end, c.date_scope
        elif c.date_scope == 0 == e["_date_scope"] and _adjacent(e["end"], c.start):
            e["end"] = max(e["end"], c.end or c.start)  # "le lendemain, les élus ont visité ...": the stay goes on
        if not e["purpose"]:
            e["purpose"] = c.purpose
        if not e["status"]:
            e["status"] = c.status
        if e["visitor"].get("place") is None and c.visitor and c.visitor_own \
                and c.visitor["country"] == e["visitor"]["country"]:
            e["visitor"]["place"] = c.visitor.get("place")

    def finish(self) -> None:
        """Frame dates, salience, sectors."""
        doc = self.doc
        frame_date = self.v.frame_date()
        main_sent = self.events[0]["_sent"].start if self.events else None
        for e in self.events:
            # "Vendredi" with no publication date: the visit's own day is unknown, no other date stands in
            own_unresolved = not doc._.published and any(self.v.unit_of[i] in self.v.unresolved_units
                                                         for i in e["_sents"])
            if not e["start"] and frame_date[0] and not own_unresolved:
                e["start"], e["end"] = frame_date
                e["_date_scope"] = 2
            if e["status"] is None or e["_date_scope"] < 2:
                e["status"] = _compare_status(e["start"], e["end"], doc._.published) or e["status"]
            e["salience"] = "main" if (e["_sent"].start == main_sent or self.main_stop(e)) and not e["_mention"] \
                and not _long_before(e["end"], doc._.published) else "mention"
            slugs = []
            for s, slug in self.v.sectors:
                if self.v.unit(s.start).start in e["_sents"] and slug not in slugs:
                    slugs.append(slug)
            for it in self.v.interests:
                actor = (it.get("actor") or {}).get("country")
                sector = it.get("sector")
                slug = sector.get("slug") if isinstance(sector, dict) else sector
                if e["salience"] == "main" and actor == e["visitor"]["country"] and slug and slug not in slugs:
                    slugs.append(slug)
            e["sectors"] = slugs

    def main_stop(self, e: dict) -> bool:
        """A stop of the main tour, within its days ("mardi à Brest, le lendemain à Quimper")."""
        main = self.events[0]
        same_party = e["visitor"].get("country") == main["visitor"].get("country") and e["_date_scope"] == 0 \
            and fold(e["destination"]["name"]) != fold(main["destination"]["name"])  # told apart: another trip
        return same_party and bool(e["start"] and main["start"]) and (
            _overlaps((e["start"], e["end"]), (main["start"], main["end"])) or _adjacent(main["end"], e["start"]))

    @staticmethod
    def public(e: dict) -> dict:
        keys = ("type", "visitor", "visitors", "destination", "hosts", "start", "end", "sectors",
                "status", "purpose", "salience", "rule", "confidence", "cameo", "plover")
        out = {k: e.get(k) for k in keys}
        out["destination"] = {k: v for k, v in e["destination"].items() if not k.startswith("_")}
        return out


def _dedupe(matches):
    """Overlapping trigger matches: keep the longest (ties: the earliest)."""
    matches = sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0]))
    kept, used = [], set()
    for m in matches:
        span = set(range(m[0], m[1]))
        if span & used:
            continue
        kept.append(m)
        used |= span
    return sorted(kept, key=lambda m: m[2])
