"""Trip assembly and salience: candidates merged into trips, the first trip framing the rest.

Candidates that tell the same trip again ("cette visite", "la délégation", same
visitor country and place with compatible dates) merge; the first trip told is
the article's frame, which fills what later sentences leave implicit (who "nous
avons déjà reçu", where "la réunion" took place).  A definite party noun or an
object clitic ("la délégation a été reçue", "les ont accueillis") is the party
told before; when it goes to a dated town of its own it is the tour's next stop
(one visit per destination); a departure ("a quitté le Berry jeudi pour Paris")
ends the stay and opens the next one; a trip of an earlier year is background
(salience "mention").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Span

from ...text import fold_words as fold
from .hosts import HostStage
from .participants import ParticipantStage
from .sides import SideStage
from .places import PlaceStage, place_dict
from .stops import StopStage
from .time import TimeStage, adjacent, compare_status, long_before, narrower, overlaps
from .triggers import Candidate, TriggerStage
from .view import DocView

PUBLIC_KEYS = ("type", "visitor", "visitors", "destination", "hosts", "start", "end", "sectors",
               "status", "purpose", "salience", "rule", "confidence", "cameo", "plover")


class VisitBuilder(TriggerStage, PlaceStage, StopStage, ParticipantStage, HostStage, TimeStage, SideStage):
    """Candidates from triggers (each stage a mixin), merged into trips."""

    def __init__(self, view: DocView, comp):
        self.v = view
        self.doc = view.doc
        self.comp = comp
        self.events: list[dict] = []
        # the last party told with a foreign destination: (its country, the destination countries, its
        # head noun), read by the participants stage for parties the sentence leaves unnamed
        self.told_sides: tuple | None = None
        # the country of the article's dateline and its words, read by the participants stage
        self.dateline: str | None = None
        self.dateline_words = range(0)

    def build(self, matches) -> list[tuple[Span, dict]]:
        """Visits from the trigger `matches` (Matcher output), with their evidence sentences."""
        self.read_parties()
        for c in self.candidates(matches):
            self.assemble(c)
        self.cue_parties(self.events)
        self.local_people(self.events)
        self.article_host(self.events)
        self.tour_visitors(self.events)
        self.one_side(self.events)
        self.finish()
        return [(e["_sent"], self.public(e)) for e in self.events
                if e["destination"] and e["visitor"] and e["visitor"].get("country")]

    def assemble(self, c: Candidate) -> None:
        """Merge a candidate into a trip told before, or open a trip (one per destination)."""
        main = self.frame()
        self.relative_scope(c)
        if self.before_stop(c):  # "Il s'était auparavant rendu à Ouagadougou": the tour's stop before
            return
        if not c.destinations:  # "Mardi, elle était à Toulouse, accueillie par le maire": that stop
            c.destinations = self.sentence_stop(c)
        if main and c.destinations and self.programme_item(c):  # "Mercredi : réception à la mairie de Béziers"
            c.visitor, c.visitor_own, c.co_visitors = None, False, []
            c.anaphoric = c.party_anaphor = True
        if main and c.mention_cue and not c.demonstrative and self.earlier(c):
            if not c.destinations and c.voice == "noun" and any(m.kind == "place" for m in self.v.mentions_in(range(c.sent.start, c.sent.end))):
                return  # "Sa dernière visite remonte à 2018, lorsqu'il s'était rendu au Ghana": told by its verb
            c.anaphoric = c.party_anaphor = False  # "Il s'était déjà rendu à Niamey en 2022": another trip
        if c.definite and any(e["_head"] == c.visitor_head for e in self.events):
            c.anaphoric = True  # "la délégation" after "une délégation": the same party
        if main and c.anaphoric and not c.demonstrative:  # "Elle se rendra à Oslo": the trip's town
            target = self.latest(c)
            if target and (not c.visitor or c.visitor["country"] == target["visitor"]["country"]) \
                    and self.refines(c, target):
                self.refine(c, target)
                return
        weak = c.rule["strength"] == "weak" or c.merge_only
        if weak and not main and self.met_abroad(c):
            c.destinations = c.destinations or c.met_at
            weak = False  # "Le ministre tunisien s'est entretenu à Alger avec son homologue": a trip there
        # "il", "la délégation", "son séjour" with no party of their own: the trip told before, unless
        # they go to another country ("nous avons participé au salon de Ningbo": the hosts' return trip)
        elsewhere = main and not c.party_anaphor and any(d["country"] != main["destination"]["country"]
                                                         for d in c.destinations)
        if main and c.anaphoric and not c.demonstrative and self.another_trip(c):
            c.anaphoric = c.party_anaphor = False  # "lors de sa visite à Bordeaux en octobre dernier"
            weak = False
        if weak or (main and (c.demonstrative or (c.anaphoric and not c.visitor_own and not elsewhere))):
            target = self.latest(c)  # "cette visite", "la délégation", "il": the trip told before
            if target and (c.party_anaphor or c.pronoun or self.trip_subject(c)) and self.is_stop(c, target):
                if c.rule.get("departure") and adjacent(target["end"], c.start):
                    target["end"] = c.start  # "a quitté le Berry jeudi pour Paris": the stay ends that day
                undated = c.date_scope != 0 or not c.start  # no day of its own: not the day told before either
                for dest, part in self.stop_parts(c):  # "la délégation a été reçue à Quimper": the tour's next stop
                    part = replace(part, start=None, end=None, date_scope=3) if undated else part
                    self.create(part, dict(target["visitor"]), dest, stop=target)
            elif target and self.refines(c, target):
                self.refine(c, target)
            elif target:
                self.merge(target, c)
            return
        if not c.destinations:
            if main and (not c.visitor or c.visitor["country"] == main["visitor"]["country"] or c.voice == "host"):
                target = self.latest(c)
                separate = (c.date_scope == 0 and target and not overlaps(
                    (c.start, c.end), (target["start"], target["end"]))) or \
                    (c.voice == "host" and c.mention_cue and target is main)
                if target and not separate:
                    self.merge(target, c)
                    return
                c.destinations = [dict(main["destination"])]
            elif not main and c.visitor and not c.rule.get("posting"):  # "la Mirceb (mission régionale ...)"
                dest = self.doc_destination(c.visitor["country"])
                if not dest:
                    return
                c.destinations = [dest]
            else:
                return
        for dest, part in self.stop_parts(c):  # each stop with its own dates and hosts
            visitor = c.visitor or self.frame_visitor(dest, same=c.pronoun)
            if not visitor:
                continue
            if c.diplomat and dest.get("kind") == "country" and c.voice not in ("host", "passive"):
                continue  # a resident ambassador's "mission en France" is his posting; received, he visits
            for party in [visitor] + [v for v in c.co_visitors if v["country"] != dest["country"]]:
                self.place_party(part, party, dest)

    def place_party(self, c: Candidate, visitor: dict, dest: dict) -> None:
        """One party's visit to one destination: the same trip told again, the town of a country trip,
        or a visit of its own."""
        target = self.same_trip(c, visitor, dest)
        coarse = None if target else self.country_trip(c, visitor, dest)
        if target:
            self.merge(target, c)
        elif coarse:
            self.refine(c, coarse, [dest])
        else:
            self.create(c, visitor, dest)

    def frame(self) -> dict | None:
        """The article's trip: the first international one (a party at home, "le maire s'est rendu à
        Caen", frames no foreign visit told after it), else the first told."""
        return next((e for e in self.events if e["visitor"].get("country") != e["destination"].get("country")),
                    self.events[0] if self.events else None)

    def country_trip(self, c: Candidate, visitor: dict, dest: dict) -> dict | None:
        """"Une délégation cubaine est en visite en Guadeloupe. [...] ont été reçus au conseil régional
        à Basse-Terre": the same party's trip to the country or region of a town it is then said to visit."""
        if c.mention_cue or c.voice in ("noun", "party") or dest.get("kind") != "city":
            return None
        for e in self.events:
            coarse = e["destination"]
            if e["visitor"]["country"] == visitor["country"] and coarse.get("kind") in ("country", "region") \
                    and coarse.get("country") == dest.get("country") and not e["_mention"] \
                    and (c.date_scope != 0 or overlaps((c.start, c.end), (e["start"], e["end"]))):
                return e
        return None

    def refines(self, c: Candidate, target: dict) -> bool:
        """"en visite en Chine ... Elle se rendra à Pékin et Shanghai": the party told before names
        the towns of the country its trip goes to, and so does its own noun ("son séjour à Johannesburg").
        A recap noun ("ce déplacement qui l'a conduit à Rabat et à Marrakech") summarises the trip told
        and leaves it as it is."""
        dest = target.get("_coarse") or target["destination"]  # "en France ... à Paris, puis à Lyon": France's towns
        if c.demonstrative or c.voice == "party" or (c.voice == "noun" and c.definite):  # "les visites de Kawasaki"
            return False
        named = {fold(e["destination"]["name"]) for e in self.events}
        return dest.get("kind") in ("country", "region") and bool(c.destinations) and all(
            fold(d["name"]) not in named for d in c.destinations) and all(
            d["country"] == dest["country"] and (not d.get("_site") or d.get("kind") == "city")
            and self.comp.place_rank.get(d.get("kind"), 2.5) > self.comp.place_rank.get(dest.get("kind"), 0)
            for d in c.destinations)

    def refine(self, c: Candidate, target: dict, destinations: list | None = None) -> None:
        """The trip's destination becomes the first town named (unless a town was named before);
        every other town is a stop of its own."""
        (first, part), *others = self.stop_parts(c, destinations or c.destinations)
        if target.get("_refined"):  # the trip has its town: the stops told now keep their hosts and days
            self.merge(target, replace(part, hosts=[], start=None, end=None, date_scope=3))
            others = [(first, part)] + others
        else:
            self.merge(target, part)
            target["_coarse"] = target["destination"]
            target["destination"] = {k: v for k, v in first.items() if k != "_site"}
            target["rule"] = f"{target['rule']}+refined"
            target["_refined"] = True
        for dest, part in others:
            self.create(part, dict(target["visitor"]), dest, stop=target)
            self.events[-1]["rule"] = f"{c.rule['id']}+tour"
            self.events[-1]["_sent"] = target["_sent"]

    def is_stop(self, c: Candidate, target: dict) -> bool:
        """A dated place of its own, away from the visitors' home: one visit per destination of a tour."""
        if not c.destinations:
            return False
        if (c.date_scope != 0 or not c.start) and not self.undated_stop(c, target):
            return False
        names = {fold(e["destination"]["name"]) for e in self.events}
        return all(fold(d["name"]) not in names and d["country"] != target["visitor"]["country"]
                   and d.get("kind") != "country" and (not d.get("_site") or self.site_in_trip_town(c, d, target))
                   for d in c.destinations)

    def another_trip(self, c: Candidate) -> bool:
        """The same party's other trip: a place of its own and dates apart from every trip told."""
        if not c.destinations or not c.start or c.date_scope != 0:
            return False
        names = {fold(e["destination"]["name"]) for e in self.events}
        return all(fold(d["name"]) not in names and d.get("kind") not in (None, "country")
                   for d in c.destinations) and not any(
            overlaps((c.start, c.end), (e["start"], e["end"])) or adjacent(e["end"], c.start)
            for e in self.events if e["start"])

    @staticmethod
    def met_abroad(c: Candidate) -> bool:
        """A meeting the article opens on, of a party of its own country in a town of another country
        (not an ambassador's, who meets people where he is posted), in a sentence no visit verb tells."""
        dests = c.destinations or c.met_at
        return c.alone and not c.merge_only and not c.diplomat and c.visitor_own and bool(c.visitor) and not c.mention_cue and bool(dests) \
            and all(d["country"] != c.visitor["country"] and d.get("kind") not in (None, "country", "region")
                    for d in dests)

    def earlier(self, c: Candidate) -> bool:
        """A trip cued as an earlier one ("sa dernière visite", "déjà") with dates of its own that no
        trip told overlaps: not the article's trip told again."""
        return bool(c.date_scope == 0 and c.start) and not any(
            overlaps((c.start, c.end), (e["start"], e["end"])) for e in self.events if e["start"])

    def frame_visitor(self, dest, same=False) -> dict | None:
        """Unnamed visitors: the frame's visitors again, or its hosts going the other way (to the visitors'
        country); `same`: "il", "elle" goes on with the frame's visitors wherever it goes ("avant de se
        rendre à Davos"), and so does a party unnamed on to a third country ("reçu à Rennes [...] se rendra
        ensuite à Bruxelles": not the hosts)."""
        if not self.events:
            return None
        main = self.frame()
        # the same visitors, here or on to any country that is not their own
        if same or dest.get("country") == main["destination"].get("country") or (
                dest.get("country") != main["visitor"].get("country")):
            return dict(main["visitor"], name=main["visitor"].get("name"))
        md = main["destination"]
        return {"name": None, "country": md.get("country"),
                "place": md.get("name") if md.get("kind") != "country" else None}

    def doc_destination(self, visitor_country) -> dict | None:
        """The article's most named place of another country than the visitor's, else the town of its
        dateline ("SAINT-LÔ - Le maire a reçu une délégation japonaise")."""
        counts = Counter()
        first = {}
        for m in self.v.mentions:
            if m.kind == "place" and m.country and m.country != visitor_country:
                key = fold(m.place.get("name") if m.place else m.text)
                counts[key] += 1
                first.setdefault(key, m)
        if not counts:
            dateline = self.dateline_place()
            return dateline if dateline and dateline["country"] != visitor_country else None
        key = max(counts, key=lambda k: (counts[k], self.comp.place_rank.get((first[k].place or {}).get("kind"), 2.5)))
        return place_dict(first[key])

    def latest(self, c: Candidate) -> dict | None:
        if not self.events:
            return None
        # "À Paris, le premier ministre entend rencontrer X", in a tour to Paris and Davos: the stop it names
        named = {fold(d["name"]) for d in c.destinations}
        stops = [e for e in self.events if fold(e["destination"]["name"]) in named
                 and (not c.visitor or e["visitor"]["country"] == c.visitor["country"])]
        if not stops:  # "au Sénégal et en Côte d'Ivoire ... À Dakar, elle rencontrera": the trip to that country
            countries = {d["country"] for d in c.destinations}
            stops = [e for e in self.events if e["destination"].get("country") in countries
                     and e["destination"].get("kind") == "country"
                     and (not c.visitor or e["visitor"]["country"] == c.visitor["country"])]
        if stops and not c.demonstrative:
            return stops[-1]
        if c.visitor:
            same = [e for e in self.events if e["visitor"]["country"] == c.visitor["country"]]
            if same:
                return same[-1] if not c.demonstrative else same[0]
        if c.party_anaphor:  # "la délégation": the last trip of a delegation, else the article's trip
            same = [e for e in self.events if e["_head"] == c.visitor_head and e["visitor"].get("name")]
            return same[-1] if same else self.frame()
        return self.frame() if c.demonstrative else self.events[-1]

    def same_trip(self, c, visitor, dest) -> dict | None:
        for e in self.events:
            if e["visitor"]["country"] != visitor["country"]:
                continue
            if self.within(dest, e) and (e["_sent"].start == c.sent.start or self.same_stay(c, e)):
                return e  # "a atterri à Astana, première étape d'une visite au Kazakhstan": one trip
            if fold(e["destination"]["name"]) != fold(dest["name"]):
                continue
            if c.anaphoric or e["_sent"].start == c.sent.start:
                return e
            if c.date_scope == 0 and e["_date_scope"] == 0 and not overlaps((c.start, c.end), (e["start"], e["end"])):
                continue
            statuses = {c.status, e["status"]} - {None}
            if statuses == {"past", "planned"} or (len(statuses) == 2 and c.mention_cue):
                continue
            heads = {c.visitor_head, e["_head"]} - {None, "PER"}
            if len(heads) == 2 and all(self.comp.party_kind.get(h) == "collective" for h in heads):
                continue
            return e
        return None

    def same_stay(self, c: Candidate, e: dict) -> bool:
        """Nothing tells `c` apart from the trip `e` in time: no date of its own that misses the trip's,
        no cue of an earlier trip ("à Johannesburg ... sa visite en Afrique du Sud": one trip)."""
        if c.mention_cue or e["_mention"]:
            return False
        if c.date_scope == 0 and c.start:
            return bool(e["start"]) and overlaps((c.start, c.end), (e["start"], e["end"]))
        return True

    def within(self, dest: dict, e: dict) -> bool:
        """The trip `e` goes to a town or region of the country `dest`."""
        return dest.get("kind") == "country" and e["destination"].get("kind") not in (None, "country") \
            and e["destination"].get("country") == dest.get("country")

    def create(self, c: Candidate, visitor, dest, stop: dict | None = None) -> None:
        frame = not c.visitor_own
        confidence = c.rule["confidence"] * (self.comp.frame_confidence if frame else 1.0)
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
            "_head": c.visitor_head,
            "_mention": c.mention_cue or bool(stop and c.rule.get("departure") and not self.v.cue_spans("stage", c.sent)),
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
        tenses = {e["status"], c.status} == {"planned", "past"}  # "sera reçu à Paris. Il avait visité la France en 2019"
        if c.date_scope < e["_date_scope"] and c.start and not stay and not tenses:  # "samedi" within "du 3 au 5 mai" keeps the stay
            e["start"], e["end"], e["_date_scope"] = c.start, c.end, c.date_scope
        elif c.date_scope == e["_date_scope"] and c.start and e["start"] and len(e["start"]) == len(c.start) \
                and narrower((e["start"], e["end"]), (c.start, c.end)) and any(
                    fold(d["name"]) == fold(e["destination"]["name"]) for d in c.destinations):
            e["start"], e["end"] = c.start, c.end  # "reçu le 3 mai à Paris ... a séjourné à Paris du 2 au 6 mai"
        elif c.date_scope == 0 == e["_date_scope"] and adjacent(e["end"], c.start):
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
        frame_date = self.lead_date()
        main_sent = self.frame()["_sent"].start if self.events else None
        for e in self.events:
            # "Vendredi" with no publication date: the visit's own day is unknown, no other date stands in
            own_unresolved = not doc._.published and any(self.v.unit_of[i] in self.v.unresolved_units
                                                         for i in e["_sents"])
            if not e["start"] and frame_date[0] and not own_unresolved and not e.get("_before") and self.frame_fits(e["status"], frame_date):
                e["start"], e["end"] = frame_date
                e["_date_scope"] = 2
            if e["status"] is None or e["_date_scope"] < 2:
                e["status"] = compare_status(e["start"], e["end"], doc._.published) or e["status"]
            if not e["start"] and not e["_mention"] and e["status"] == "ongoing":
                e["start"], e["end"] = self.news_date()
            e["salience"] = "main" if ((e["_sent"].start == main_sent or self.main_stop(e)) and not e["_mention"]
                                       or self.stop_just_before(e) or e.get("_before")) \
                and not long_before(e["end"], doc._.published) else "mention"
            slugs = []
            for s, slug in self.v.sectors:
                if self.v.unit(s.start).start in e["_sents"] and slug not in slugs:
                    slugs.append(slug)
            e["sectors"] = slugs

    def main_stop(self, e: dict) -> bool:
        """A stop of the main tour, within its days ("mardi à Brest, le lendemain à Quimper"), or with
        no date of its own in the country the tour goes to ("Le ministre a visité la distillerie, à
        Coquainvilliers")."""
        main = self.frame()
        if e["visitor"].get("country") == main["visitor"].get("country") and e["_date_scope"] >= 2 \
                and e["destination"].get("country") == main["destination"].get("country") \
                and fold(e["destination"]["name"]) != fold(main["destination"]["name"]):  # the same place: another trip
            return True
        same_party = e["visitor"].get("country") == main["visitor"].get("country") and e["_date_scope"] == 0 \
            and fold(e["destination"]["name"]) != fold(main["destination"]["name"])  # told apart: another trip
        return same_party and bool(e["start"] and main["start"]) and (
            overlaps((e["start"], e["end"]), (main["start"], main["end"])) or adjacent(main["end"], e["start"]))

    @staticmethod
    def public(e: dict) -> dict:
        out = {k: e.get(k) for k in PUBLIC_KEYS}
        out["destination"] = {k: v for k, v in e["destination"].items() if not k.startswith("_")}
        return out
