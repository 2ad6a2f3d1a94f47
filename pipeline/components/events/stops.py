"""Stops stage: a tour of several stops, one visit per stop.

Places joined by "et"/"puis" are one visit each ("à Kanazawa puis à Tokyo", "au Niger,
au Mali et en Mauritanie", "à Dakar, Abidjan et Accra"), a region or country placing the town
before it being no stop of its own ("à Munich, en Bavière, puis à Stuttgart").  A tour goes on
past dates, onward verbs ("avant de rejoindre Osaka") and coordinated sites ("le port de X et
l'usine Y de Z"); a trip to a country that leads the party to towns goes to them ("son séjour
au Gabon l'a conduit à Libreville"); "Après X, ..." opens on the tour's stop before.

Each stop keeps its own dates and hosts (`stop_parts`: "reçu lundi à Abidjan par X, avant de
rejoindre Accra mercredi").  A later sentence names a stop of its own by the party's "être à"
("Mardi, elle était à Toulouse"), by a host's office ("reçu par le gouverneur de la province de
Kénitra"), by the trip noun as subject of its verb ("Sa tournée l'a conduit à Bouaké"), by a
programme day ("Mercredi : réception à la mairie de Béziers"), or by the party going on to another
town of the trip's country even with no day of its own; a stop a day or two before the trip, in the
pluperfect, is the tour's stop before.  Never a stop: a town's own region, the visitors' origin or
leader's town, a host's posting ("le consul de France à X"), a site's name only.
"""
from __future__ import annotations

from dataclasses import replace

from ..countries import Mention, fold
from .places import place_dict
from .time import adjacent, timex_range

# Verbs whose subject, a trip, takes the party somewhere: "son séjour l'a conduit à Libreville".
LEAD_VERBS = frozenset({"conduire", "mener", "amener", "emmener"})
# The words that end one stop's words and open the next's: "à Lyon mardi, puis à Grenoble".
STOP_JOINS = frozenset({"puis", "et", "avant", "ensuite", "enfin", "pour", "après"})
# Nouns of a tour's stop: "après une étape à Abidjan", "après une escale à Doha".
STOP_NOUNS = frozenset({"étape", "escale", "halte"})


class StopStage:
    """Mixin of the visit builder: the stops of a tour (read by the places stage's destinations, by trip assembly,
    by triggers for a sentence's own stop, by hosts and by the trip sides)."""

    def stops(self, places: list, k: int, trigger) -> list:
        """The enumeration of places that starts at places[k], when "et"/"puis" or an onward verb ends it
        ("Pékin, Shanghai, Tianjin et Chongqing"); else places[k] alone."""
        chosen = [places[k]]
        joined, end, qualified = False, places[k][0].end, False
        for m, country in places[k + 1:]:
            gap = self.doc[end:m.start]
            end = m.end
            onward = self.onward(gap) or self.onward_of(m) or self.agent_link(gap) or (
                trigger is not None and not qualified and self.site_link(gap))
            listed = onward or all(t.lower_ in ("et", ",", "puis", "ainsi", "que") or t.pos_ == "DET"
                                   or t.lower_ in self.comp.prepositions or t.i in self.v.date_tokens for t in gap)
            conjunction = onward or any(t.lower_ in ("et", "puis") for t in gap)
            same_kind = (m.place or {}).get("kind") == (chosen[-1][0].place or {}).get("kind")
            qualified = listed and not conjunction and self.qualifies(chosen[-1], (m, country))
            if qualified:
                continue  # "à Munich, en Bavière, puis à Stuttgart": the town's unit, not a stop
            if listed and (conjunction or same_kind):
                chosen.append((m, country))
                joined = joined or conjunction
            else:
                break
        if joined and k:  # the towns of a country trip: "a entamé à Rome une visite en Italie, qui le mènera à Milan"
            noun = self.doc[places[0][0].start:places[0][0].end].root.head  # the visit noun of "en Italie"
            chosen = self.opened_at(trigger if trigger is not None else noun, places[k][1], chosen) + chosen
        return chosen if joined else chosen[:1]

    def agent_link(self, gap) -> bool:
        """"reçu à Rabat par son homologue, puis à Casablanca par le patronat", "accueillis mardi à Caen par
        le maire et mercredi à Bayeux": the host of one stop, then a conjunction and the next stop's
        preposition (a date may stand on either side)."""
        doc, dates = self.doc, self.v.date_tokens
        words = [t for t in gap if t.i not in dates]
        if len(words) < 4 or len(words) > 14 or words[0].lower_ != "par":
            return False
        j = next((k for k in range(len(words) - 1, 0, -1) if words[k].lower_ in ("puis", "et")), None)
        if j is None or words[j - 1].text != "," and words[j].lower_ != "puis" and not any(
                t.text == "," for t in words[1:j]):
            return False  # "par le maire et le préfet": a second host, not a stop
        tail = words[j + 1:]
        return 0 < len(tail) <= 2 and tail[-1].lower_ in self.comp.prepositions \
            and all(t.pos_ == "DET" or t.lower_ in self.comp.prepositions or t.lower_ in ("ensuite", "enfin")
                    for t in tail) \
            and not any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("qui", "que", "dont", "où") for t in words[1:j])

    def qualifies(self, before: tuple, after: tuple) -> bool:
        """Whether `after` is the unit that places the town `before` ("Munich, en Bavière"): a region or
        country of the same country, after a town."""
        return before[1] == after[1] and (before[0].place or {}).get("kind") not in ("country", "region") \
            and (after[0].place or {}).get("kind") in ("country", "region")

    def listed_after(self, before: Mention, m: Mention) -> bool:
        """"à Dakar, Abidjan et Accra", "à Pékin, Shanghai et Canton": a town listed after a stop with no
        preposition of its own is a stop too (only commas and "et"/"puis" between them)."""
        gap = self.doc[before.end:m.start]
        return 0 < len(gap) <= 2 and all(t.lower_ in (",", "et", "puis") for t in gap) \
            and (m.place or {}).get("kind") not in (None, "country", "region", "continent") \
            and (before.place or {}).get("kind") == (m.place or {}).get("kind")

    def led_to(self, trip: tuple, trigger) -> list:
        """"Le séjour du vice-président au Gabon l'a conduit à Libreville puis à Port-Gentil": the towns
        of the trip's country where the trip, subject of a verb of leading, takes the party."""
        t, (m, country) = self.doc[trip[0].start:trip[0].end].root, trip
        for _ in range(4):
            if t.dep_.startswith("nsubj") and t.head.lemma_.lower() in LEAD_VERBS:
                break
            if t.head.i == t.i:
                return []
            t = t.head
        else:
            return []
        verb = t.head
        towns = [(x, x.country) for x in self.v.mentions_in(range(verb.i + 1, self.v.unit(verb.i).end))
                 if x.kind == "place" and x.country == country and self.doc[x.start - 1].lower_ in self.comp.prepositions
                 and (x.place or {}).get("kind") not in ("country", "region", "continent")]
        towns = self.stops(towns, 0, trigger) if towns else []
        return self.opened_at(trigger, country, towns) + towns if towns else []

    def opened_at(self, trigger, country: str, towns: list) -> list:
        """"a entamé lundi à Rome une visite en Italie, qui le mènera ensuite à Milan": the town where the
        verb of the visit noun places it opens the tour."""
        if trigger is None or trigger.dep_ != "obj" or trigger.head.pos_ != "VERB" \
                or self.comp.party_kind.get(trigger.lemma_.lower()) != "visit":
            return []
        named = {fold(m.text) for m, _ in towns}
        for x in self.v.mentions_in(range(self.v.unit(trigger.i).start, trigger.i)):
            root = self.doc[x.start:x.end].root
            if x.kind == "place" and x.country == country and root.head.i == trigger.head.i \
                    and (x.place or {}).get("kind") not in (None, "country", "region", "continent") \
                    and self.doc[x.start - 1].lower_ in self.comp.prepositions and fold(x.text) not in named:
                return [(x, country)]
        return []

    def listed_beyond(self, last: Mention, end: int) -> list:
        """The towns listed right after the words read, when these stop on a town ("à Dakar, Abidjan et
        Accra" when the words read stop at Dakar)."""
        out = []
        while last.end > end:  # `last` ends the words read, or the list that goes on past them
            nxt = next((m for m in self.v.mentions_in(range(last.end, last.end + 3)) if m.kind == "place"
                        and m.country), None)
            if nxt is None or not self.listed_after(last, nxt):
                break
            out.append((nxt, nxt.country))
            last, end = nxt, nxt.end - 1
        return out

    def onward(self, gap) -> bool:
        """", avant de rejoindre", ", avant de se rendre à", "puis de gagner": the words between two stops
        of a tour that take the party on from one to the next."""
        words = [t for t in gap if t.text != "," and t.pos_ != "DET" and t.lower_ not in self.comp.prepositions
                 and t.lower_ not in ("se", "s'", "s’") and t.i not in self.v.date_tokens]
        return len(words) == 3 and words[0].lower_ in ("avant", "puis", "pour") and words[1].lower_ in ("de", "d'", "d’") \
            and words[2].lemma_.lower() in self.comp.onward_verbs

    def onward_of(self, m: Mention) -> bool:
        """"à Hanoï, où elle restera jusqu'à mercredi avant de rejoindre Da Nang": a place an onward verb
        governs, however long the words before it."""
        head = self.doc[m.start:m.end].root.head
        return head.lemma_.lower() in self.comp.onward_verbs and "Inf" in head.morph.get("VerbForm") \
            and any(c.dep_ == "mark" and c.lower_ in ("avant", "pour", "puis") for c in head.children)

    def site_link(self, gap) -> bool:
        """"le port de Lorient et l'usine X de Lanester", "Vire, puis la ferme de Y à": another site of the
        tour, joined to the place before by a conjunction (a person's noun joins no stop: "et le maire de")."""
        if not len(gap) or gap[0].lower_ not in ("et", ",", "puis"):
            return False
        rest = [t for t in gap[1:] if t.lower_ not in ("puis", "enfin", "ensuite")]
        return any(t.pos_ == "NOUN" for t in rest) and all(
            t.pos_ in ("DET", "ADJ") or (t.pos_ == "NOUN" and t.lemma_.lower() not in self.comp.party_kind)
            or t.lower_ in ("de", "du", "des", "d'", "d’") or t.lower_ in self.comp.prepositions for t in rest)

    def stop_before(self, unit, dests) -> list[dict]:
        """"Après Yangzhou, la délégation s'est rendue à Shanghai": the town a sentence opens on with
        "après" is the tour's stop before; so is the town of "après une étape à Abidjan" anywhere in it."""
        doc, i = self.doc, unit.start
        if doc[i].lower_ != "après":
            return self.stop_noun_before(unit, dests)
        for m in self.v.mentions_in(range(i + 1, i + 3)):
            if m.kind == "place" and m.country and (m.place or {}).get("kind") not in (None, "country") \
                    and m.end < unit.end and doc[m.end].text == "," \
                    and all(t.pos_ == "DET" for t in doc[i + 1:m.start]) \
                    and all(fold(m.text) != fold(d["name"]) for d in dests):
                return [dict(place_dict(m), _before=True)]
        return []

    def stop_noun_before(self, unit, dests) -> list[dict]:
        """"est arrivé mardi à Dakar, après une étape à Abidjan", "après une courte escale à Doha": a town
        that "après", an article and a stop's noun introduce is the tour's stop before ("après une visite
        à X" may be the same trip told again: not read here)."""
        lower, lemma = self.v.lower, self.v.lemma_lower
        for m in self.v.mentions_in(range(unit.start + 4, unit.end)):
            if m.kind != "place" or not m.country or (m.place or {}).get("kind") in (None, "country", "continent"):
                continue
            k = m.start - 1
            while k > unit.start and self.doc[k].pos_ == "DET":
                k -= 1
            if lower[k] not in ("à", "au", "aux", "en", "dans"):
                continue
            k -= 1
            if self.doc[k].pos_ == "ADJ":  # "une escale technique"
                k -= 1
            if lemma[k] not in STOP_NOUNS:
                continue
            k -= 1
            if self.doc[k].pos_ == "ADJ" and k > unit.start:  # "une courte escale"
                k -= 1
            if self.doc[k].pos_ == "DET" and k > unit.start and lower[k - 1] == "après" \
                    and all(fold(m.text) != fold(d["name"]) for d in dests):
                return [dict(place_dict(m), _before=True)]
        return []

    def stop_parts(self, c, destinations=None) -> list:
        """(destination, candidate) for each stop of a tour told in one sentence, each with its own
        dates and hosts: the words from a stop to the conjunction before the next are that stop's ("reçu
        lundi à Abidjan par X, avant de rejoindre Accra mardi": X and lundi are Abidjan's, mardi
        Accra's; "à Lyon mardi, puis à Grenoble mercredi").  Hosts and dates before the first stop are
        every stop's; "Après Dakar, la délégation s'est rendue à Thiès, où le maire ...": the stop before
        has none of the sentence's.  A stop with no date of its own keeps the sentence's."""
        dests = list(destinations if destinations is not None else c.destinations)
        plain = [(d, c) for d in dests]
        if len(dests) == 1:
            return [(dests[0], self.later_stop(c, dests[0]))]
        if not dests:
            return plain
        unit = c.sent
        at = self.stop_positions(unit, dests)
        if at is None:
            return plain
        bounds = [unit.start] + [self.stop_boundary(at[k - 1], at[k]) for k in range(1, len(at))] + [unit.end]
        first = at[0][0]
        owner = {}  # a host's first mention in the sentence -> the stop whose words hold it
        for h in c.hosts:
            m = next((m for m in self.v.mentions_in(range(unit.start, unit.end)) if fold(m.text) == fold(h["name"])), None)
            if m is not None and m.start >= first:
                owner[fold(h["name"])] = next(k for k in range(len(dests)) if bounds[k] <= m.start < bounds[k + 1])
        dates = [(s, t) for s, t in self.v.dates_in_unit(unit) if not self.v.dateline(s) and not self.v.foreign_date(s)]
        out = []
        for k, d in enumerate(dests):
            before = d.get("_before")
            hosts = [h for h in c.hosts if not before and owner.get(fold(h["name"]), k) == k]
            start, end, scope = c.start, c.end, c.date_scope
            end_k = self.stop_words_end(at[k][1], bounds[k + 1])
            own = [timex_range(t) for s, t in dates if bounds[k] <= s.start < end_k and s.start > first]
            own = [r for r in own if r[0]]
            if before:
                start, end, scope = None, None, 3
            elif k and own and (c.start, c.end) not in own:
                (start, end), scope = own[0], 0
            if hosts == c.hosts and (start, end) == (c.start, c.end):
                out.append((d, c))
            else:
                out.append((d, replace(c, hosts=hosts, start=start, end=end, date_scope=scope)))
        return out

    def stop_words_end(self, after: int, bound: int) -> int:
        """Where a stop's own days end: at the first comma or conjunction after its name ("Sfax et Sousse,
        avant de regagner Tunis mercredi": mercredi is not Sousse's), else at the next stop's words."""
        return next((i for i in range(after, bound) if self.doc[i].text == "," or self.doc[i].lower_ in STOP_JOINS), bound)

    def stop_positions(self, unit, dests) -> list | None:
        """Where each destination is named in the sentence, in the order of the tour; None when one is
        not named there or the order differs.  Kept per sentence and names: the stops, the stop's hosts
        and the undated stop of one candidate all ask.  The value is shared: callers must not change it."""
        names = tuple(fold(d["name"]) for d in dests)
        return self.v.unit_fact(("stop_positions", names), unit, lambda unit: self._stop_positions(unit, names))

    def _stop_positions(self, unit, names: tuple) -> list | None:
        mentions = self.v.unit_fact("place_names", unit, self.place_names)
        at, last = [], unit.start - 1
        for name in names:
            m = next((m for m, keys in mentions if m.start > last and name in keys), None)
            if m is None:
                return None
            at.append((m.start, m.end))
            last = m.start
        return at

    def place_names(self, unit) -> list[tuple[Mention, tuple[str, str]]]:
        """The sentence's places, each with its folded text and place name (what a stop's name is read against)."""
        return [(m, (fold(m.text), fold((m.place or {}).get("name") or "")))
                for m in self.v.mentions_in(range(unit.start, unit.end)) if m.kind == "place"]

    def stop_boundary(self, before: tuple, after: tuple) -> int:
        """Where the words of a stop end: the last conjunction or comma between it and the next stop
        ("à Rabat mardi, puis mercredi à Casablanca": at "puis"), else the next stop's preposition."""
        doc = self.doc
        k = next((i for i in range(after[0] - 1, before[1] - 1, -1)
                  if doc[i].lower_ in STOP_JOINS or doc[i].text == ","), None)
        if k is not None:
            return k
        k = after[0]
        while k - 1 >= before[1] and (doc[k - 1].pos_ == "DET" or doc[k - 1].lower_ in self.comp.prepositions):
            k -= 1
        return k

    def later_stop(self, c, dest: dict):
        """"où il a été reçu par X, puis mercredi à Niamey": a stop its sentence names after another stop's
        host (`agent_link`) has none of the hosts named before it."""
        unit = c.sent
        at = self.stop_positions(unit, [dest])
        if at is None or not c.hosts:
            return c
        start = at[0][0]
        p = next((i for i in range(start - 1, max(start - 16, unit.start - 1), -1) if self.doc[i].lower_ == "par"
                  and self.agent_link(self.doc[i:start])), None)
        if p is None:
            return c
        before = {fold(m.text) for m in self.v.mentions_in(range(p, start))}
        hosts = [h for h in c.hosts if fold(h["name"]) not in before]
        return c if len(hosts) == len(c.hosts) else replace(c, hosts=hosts)

    def sentence_stop(self, c) -> list[dict]:
        """The stop a sentence names where its trigger's words name none: "Mardi, elle était à Toulouse,
        accueillie par le maire" (the party is there: `copula_stop`), "il a été reçu par le gouverneur
        de la province de Kénitra" (the host's town: `office_town`)."""
        home = (c.visitor or {}).get("country") or (self.frame() or {}).get("visitor", {}).get("country")
        for m in self.copula_stop(c.sent) or self.office_town(c.sent):
            if m.country and m.country != home:
                return [place_dict(m)]
        return []

    def copula_stop(self, unit) -> list[Mention]:
        """"Mardi, elle était à Toulouse", "la délégation était jeudi à Kyoto": a town a place preposition
        introduces as the predicate of "être" whose subject is a pronoun or a party noun (once per sentence:
        the list is shared, callers must not change it)."""
        return self.v.unit_fact("copula_stop", unit, self._copula_stop)

    def _copula_stop(self, unit) -> list[Mention]:
        out = []
        for m in self.v.mentions_in(range(unit.start, unit.end)):
            if m.kind != "place" or (m.place or {}).get("kind") in (None, "country", "region", "continent"):
                continue
            t = self.doc[m.start:m.end].root
            kids = list(t.children)
            cop = any(k.dep_ == "cop" and k.lemma_.lower() == "être" for k in kids)
            prep = any(k.dep_ == "case" and k.lower_ in self.comp.prepositions for k in kids)
            subj = next((k for k in kids if k.dep_.startswith("nsubj") or k.dep_ == "expl:subj"), None)
            if cop and prep and subj is not None and (subj.lower_ in ("il", "elle", "ils", "elles") or (
                    self.comp.party_kind.get(subj.lemma_.lower()) in ("collective", "person"))):
                out.append(m)
        return out

    def office_town(self, unit) -> list[Mention]:
        """"reçu par le gouverneur de la province de Kénitra", "accueillis par le maire de Sendai": the
        town whose office the host holds, where the host's agent phrase names him ("par le ...") (once per
        sentence: the list is shared, callers must not change it)."""
        return self.v.unit_fact("office_town", unit, self._office_town)

    def _office_town(self, unit) -> list[Mention]:
        doc, lower = self.doc, self.v.lower
        leaders = {e - 1 for s, e, _ in self.v.cue_spans("leader", unit)}  # "conduite par": the visitors'
        out = []
        for m in self.v.mentions_in(range(unit.start, unit.end)):
            if m.kind != "place" or (m.place or {}).get("kind") in (None, "country", "continent"):
                continue
            i = self.skip_back(m.start - 1)
            if lower[i] not in ("de", "du", "d'", "d’"):
                continue
            i = self.skip_back(i - 1)
            if lower[i] in self.comp.place_nouns:  # "de la province de", "de la ville de"
                i = self.skip_back(i - 1)
                if lower[i] not in ("de", "du", "d'", "d’"):
                    continue
                i = self.skip_back(i - 1)
            if self.comp.party_kind.get(doc[i].lemma_.lower()) not in ("person", "counterpart"):
                continue
            k = self.skip_back(i - 1) if doc[i - 1].pos_ == "DET" else i - 1
            if lower[k] == "par" and k not in leaders:
                out.append(m)
        return out

    def skip_back(self, i: int) -> int:
        """The first word at or before `i` that is no article."""
        while i > 0 and self.doc[i].pos_ == "DET":
            i -= 1
        return i

    def other_stop(self, unit, e: dict) -> bool:
        """A sentence with no visit of its own that names another stop than the trip `e`'s ("Mercredi, il
        a été accueilli par le préfet de Kindia" after a visit to Conakry): its hosts are not that trip's."""
        dest = e["destination"]
        return any(m.country == dest.get("country") and fold(m.text) != fold(dest.get("name") or "")
                   and fold((m.place or {}).get("name") or "") != fold(dest.get("name") or "")
                   for m in self.copula_stop(unit) + self.office_town(unit))

    def undated_stop(self, c, target: dict) -> bool:
        """"Au deuxième jour de sa visite, la délégation s'est rendue à Kaolack": the party told before goes,
        by a verb of its own, to another town of the country its trip is in; a stop even with no day.  "Il s'est
        ensuite rendu à Berlin": told onward, a town of another country too."""
        if not (c.rule["strength"] == "strong" and (c.voice in ("visitor", "passive") or self.trip_subject(c))
                and not c.mention_cue):
            return False
        onward = any(t.lower_ in ("ensuite", "puis") for t in self.doc[c.anchor].children)
        if not onward and target["destination"].get("kind") in (None, "country", "region"):
            return False
        at = self.stop_positions(c.sent, c.destinations)
        return at is not None and all(
            (onward or d["country"] == target["destination"].get("country"))
            and d.get("kind") not in (None, "country", "region")
            and self.governed(self.doc[start:end].root, self.doc[c.anchor].head.i if self.trip_subject(c) else c.anchor)
            and "par" not in self.v.lower[min(c.anchor, start):start]  # "reçue par le consul ... à X": his posting
            for d, (start, end) in zip(c.destinations, at))

    def governed(self, t, anchor: int) -> bool:
        """Whether the trigger governs the place `t` itself, not through a person's noun ("reçue par le
        consul général de France à Los Angeles": his posting, not a stop)."""
        for _ in range(5):
            if t.head.i == anchor:
                return True
            if t.head.i == t.i:
                return False
            t = t.head
            if self.comp.party_kind.get(t.lemma_.lower()):
                return False
        return False

    def stop_just_before(self, e: dict) -> bool:
        """"Le président est arrivé jeudi à Lomé. Il s'était rendu la veille à Cotonou": a stop of the same
        party in another town, a day or two before the article's trip, is the tour's stop before (its
        pluperfect tells the order of the stops, not an earlier trip)."""
        main = self.frame()
        return e is not main and e["visitor"].get("country") == main["visitor"].get("country") \
            and e["destination"].get("kind") not in (None, "country") \
            and fold(e["destination"]["name"]) != fold(main["destination"]["name"]) \
            and bool(e["end"] and main["start"]) and e["end"] < main["start"] and adjacent(e["end"], main["start"])

    def trip_subject(self, c) -> bool:
        """"Sa tournée l'a ensuite conduit à Bouaké", "Le séjour s'est achevé vendredi à Bruges": the trip told
        before, as the subject of its own verb, goes on to the places that verb names."""
        return c.voice == "noun" and c.anaphoric and not c.demonstrative \
            and self.doc[c.anchor].dep_ in ("nsubj", "nsubj:pass")

    def programme_item(self, c) -> bool:
        """"Mercredi : réception à la mairie de Béziers", "Jeudi, visite de l'usine X à Sfax": a day of the
        programme told by a bare noun after its day names no party of its own; it is the trip told before's."""
        doc, unit, tok = self.doc, c.sent, self.doc[c.anchor]
        if c.voice != "noun" or any(ch.dep_ in ("det", "nmod:poss") for ch in tok.children):
            return False
        i = unit.start
        while i < tok.i and i in self.v.date_tokens:
            i += 1
        return i > unit.start and i + 1 == tok.i and doc[i].text in (":", ",", "-", "–")

    @staticmethod
    def site_in_trip_town(c, d: dict, target: dict) -> bool:
        """"reçue à la mairie de Béziers": a site whose own words name a town of the trip's country is in
        that town (not a town its name only suggests)."""
        return d.get("kind") == "city" and d.get("country") == target["destination"].get("country") \
            and fold(d["name"]) in fold(c.sent.text)
