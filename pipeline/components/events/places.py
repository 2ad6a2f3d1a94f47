"""Places stage: where a trip goes, the most specific place named, one visit per stop.

A place is a destination when a place preposition introduces it ("à", "dans la ville
de", "au site de ... à") or when it is the trigger's object ("a visité Vendôme").
Places joined by "et"/"puis" are one visit each ("à Kanazawa puis à Tokyo", "au Niger,
au Mali et en Mauritanie", "à Dakar, Abidjan et Accra"), a region or country giving way
to a town of its own country in the list ("en Bavière et à Munich"; "à Munich, en Bavière,
puis à Stuttgart": the town's unit); otherwise the finest place of the first place's
country wins ("dans la région du Grand Est, en France" gives Grand Est), by the component's
`place_rank`, and a town named in a visited site's phrase beats the place the site's name
implies ("l'Institut X de Rabat").  A trip to a country that leads the party to towns goes
to them ("son séjour au Gabon l'a conduit à Libreville").  Never a destination: a place
completing a title ("l'ambassadeur de Cuba en France"), an origin ("en provenance du Mali"),
the object of a host verb (the party received), a continent, a region the clause goes on to after
a stay told beside its subject ("en séjour au Bénin, ont évoqué la sécurité dans la région de
l'Atacora").  "y" is the place of the
sentence before; "Après X, ..." opens on the tour's stop before.

Where the trigger's words name no town: an institution of `seats.tsv` ("reçue au
Sénat", "au palais de Carthage"), a country's capital by periphrasis ("dans la capitale
sénégalaise", "la capitale économique de la Côte d'Ivoire": the places layer's capitals),
a place phrase that opens the sentence ("À Shanghai, il a rencontré"), a town's adjective
on the visit noun ("sa visite parisienne"), a noun of `place_nouns.tsv` for the place told
before ("dans ce pays"; "dans la capitale" of a country told), a received diplomat's
posting ("le consul du Maroc à Bordeaux": that town), the hosts'
own town ("reçus par leurs homologues de Cracovie, en Pologne"), and, for the whole
article, its dateline ("SAINT-LÔ - ...", "N'Djamena, 5 mai (ATPE) -").  A town no gazetteer
knows lies where the text has just placed the trip.  The tour's stops: `stops.StopStage`; sites, seats,
periphrases, a country's stops and hosts' towns: the mixin of `sites.py`.
"""
from __future__ import annotations

from ...text import place_key
from ..countries import Mention, resolve
from ..places import capital_place
from ..syntax import subtree
from .sites import SiteStage

# The words that say which capital "la capitale" of a country is: "la capitale économique ivoirienne".
CAPITAL_KINDS = {"économique": "economic", "politique": "capital", "administrative": "capital",
                 "fédérale": "capital"}

# The unit nouns of a part of a country wider than a town: "la région des Collines", "la province du Nord".
WIDE_UNITS = frozenset({"région", "province", "département", "wilaya", "gouvernorat", "préfecture"})


def place_dict(m: Mention, context_country: str | None = None) -> dict:
    """A destination from a mention; an institution's place is marked as a site, not a town of its own."""
    place = m.place or {}
    named = m.kind == "place" and not m.inner
    out = {"name": m.text if named else place.get("name", m.text),
           "country": m.country or context_country,
           "kind": place.get("kind"), "code": place.get("code")}
    if not named and m.kind != "demonym":
        out["_site"] = True  # the place of an institution visited ("la CCI du Cher"), not a town of its own
    return out


class PlaceStage(SiteStage):
    """Mixin of the visit builder: destinations of one candidate."""

    def destinations(self, tokens, allow_org=False, trigger=None, extra_preps=(), origin_object=False,
                     place_object=False) -> list[dict]:
        """The most specific place(s) visited among the places in `tokens`.

        Places joined by "et" are one visit each ("à Montréal et Québec"); otherwise
        the finest place of the first place's country wins ("dans la région du Grand
        Est, en France" gives Grand Est).
        """
        places = []
        direct = self.direct_object(trigger) if place_object else range(0)
        for m in map(self.site_town, self.with_seats(tokens)):
            if m.kind == "demonym":
                if trigger is not None and self.place_adjective(m, trigger):
                    places.append((m, m.country))
                continue
            if trigger is not None and m.start not in direct and not self.locative(m, trigger, extra_preps, origin_object) \
                    and not (places and (self.site_link(self.doc[places[-1][0].end:m.start])
                                         or self.listed_after(places[-1][0], m))):
                continue
            if m.kind == "org" and self.comp.party_kind.get(self.doc[m.start].lemma_.lower()) == "embassy":
                continue  # "reçue à l'Ambassade de France" in Ottawa: the embassy is not in France
            if m.kind == "place" and not m.country and (m.place or {}).get("kind") in ("continent", "area"):
                continue  # "une tournée en Asie", "en Afrique de l'Ouest": no country's place
            if m.kind == "place" or (m.kind == "org" and m.place and (allow_org or trigger is not None)):
                country = m.country or self.context_country(m) or (self.told_country(m) if m.kind == "place" else None)
                if country:
                    places.append((m, country))
        places = self.beside_stay(places, trigger)
        places = self.named_over_sites(places) or (self.fronted(trigger) + self.place_noun(tokens)
                                                   or (self.posting(trigger) if origin_object else [])
                                                   if trigger is not None else [])
        if not places:
            return []
        if len(tokens):
            places += self.listed_beyond(places[-1][0], max(tokens))
        chosen = self.stops(places, 0, trigger)
        coarse = (chosen[0][0].place or {}).get("kind") in ("country", "region")
        if len(chosen) == 1 and coarse:  # "en Inde du 2 au 6 mars, avec des étapes à Bombay et à Bangalore"
            k = next((k for k, (m, c) in enumerate(places) if k and c == chosen[0][1]
                      and (m.place or {}).get("kind") not in ("country", "region")), None)
            tour = self.stops(places, k, trigger) if k else []
            led = [] if len(tour) > 1 else self.led_to(chosen[0], trigger)
            chosen, places = (tour, places) if len(tour) > 1 else (led, places + led) if led else (chosen, places)
        if len(chosen) > 1:  # "en Bavière et à Munich": the town, not the region or country it names too
            kind = {id(m): (m.place or {}).get("kind") for m, _ in chosen}
            rank = {id(m): self.comp.place_rank.get(kind[id(m)], 2.5) for m, _ in chosen}
            finest = {}
            for m, country in chosen:
                finest[country] = max(finest.get(country, -2), rank[id(m)])
            chosen = [(m, c) for m, c in chosen if kind[id(m)] not in ("country", "region") or rank[id(m)] >= finest[c]]
        if len(chosen) > 1:  # each country of the list, by the stops told of it ("la première étape, à Namur")
            return [place_dict(*t) for m, country in chosen for t in (
                [(x, country) for x in self.stop_towns(m, country)] if (m.place or {}).get("kind") == "country" else []
            ) or [(m, country)]]
        country = chosen[0][1]
        same = [(m, c) for m, c in places if c == country]
        best = max(same, key=lambda mc: (self.fineness(*mc), -mc[0].start))
        if trigger is not None and (best[0].place or {}).get("kind") in ("country", "region"):
            unit = self.v.unit(trigger.i)  # "en visite au Sénégal, a été reçu par le maire de Dakar"
            town = self.hosts_town(sorted(set(tokens) | set(range(unit.start, unit.end))), country,
                                   self.comp.place_rank.get(best[0].place["kind"], 0))
            if town:
                return [place_dict(town, country)]
        towns = self.stop_towns(best[0], country) if (best[0].place or {}).get("kind") == "country" else []
        return [place_dict(x, country) for x in towns] if towns else [place_dict(*best)]

    def hosts_town(self, tokens, country: str, rank: float) -> Mention | None:
        """"reçus par leurs homologues de Cracovie, en Pologne", "accueillis par le maire de Sendai, au
        Japon": the hosts are at home, and their town is where a trip to their country or region went."""
        doc = self.doc
        for m in self.v.mentions_in(tokens):
            if m.kind != "place" or m.country != country or m.inner \
                    or self.comp.place_rank.get((m.place or {}).get("kind"), 2.5) <= rank:
                continue
            k = m.start - 1
            while k > 0 and doc[k].pos_ == "DET":
                k -= 1
            head = self.unit_head(doc[m.start:m.end].root.head)  # "le gouverneur de la région de Thiès"
            if doc[k].lower_ in ("de", "du", "d'", "d’") and head.i < m.start \
                    and self.comp.party_kind.get(head.lemma_.lower()) in ("person", "counterpart"):
                return m
        return None

    def with_seats(self, tokens) -> list[Mention]:
        """The mentions of `tokens`, and the institutions of `seats.tsv` a place preposition introduces
        ("reçue au Sénat", "à l'Élysée puis à Matignon"), as sites; a seat most countries have lies in
        the country a word beside it names ("au Sénat américain"), else, when the text has placed the
        trip nowhere yet, in the press's own ("en visite au Sénégal. Reçue à l'Assemblée nationale": the
        trip told stands)."""
        tokens = sorted(set(tokens))
        mentions = self.v.mentions_in(tokens)
        doc, seats, out, lower, prepositions = self.doc, self.comp.seats, [], self.v.lower, self.comp.prepositions
        for i in tokens:
            if lower[i] in ("la", "cette") and i > 0:
                verb = i - 1
                while verb > 0 and verb in self.v.date_tokens:
                    verb -= 1
                if doc[verb].pos_ == "VERB":
                    capital = self.capital_after(i - 1) or self.periphrasis_after(i - 1)  # "a visité la capitale sénégalaise"
                    if capital is not None:
                        out.append(capital)
                    continue
            if lower[i] not in prepositions:
                continue
            capital = self.capital_after(i) or self.periphrasis_after(i)  # "dans la Ville rose", "au pays du Cèdre"
            if capital is not None:
                out.append(capital)
                continue
            j = self.seat_after(i)
            if j is not None:
                key = place_key(doc[i + 1:j].text)
                start = i + 2 if doc[i + 1].pos_ == "DET" else i + 1
                if self.town_of_seat(mentions, start, j):
                    continue  # "au palais présidentiel de Yaoundé": the town its name goes on with
                text = doc[start:j].text
                if j < len(doc) and lower[j] in ("de", "du", "d'", "d’") and any(
                        t.start == start and t.end > j + 1 and t.country for t in mentions):
                    continue  # "au palais royal de Fès": the place named with its town stands
                m = Mention(start, j, "place", text, "LOC", seats[key], {"name": text, "kind": "site"})
                m.country = m.country or self.context_country(m) or self.seat_country(m, j)
                if not m.country and self.told_country(m):
                    continue  # "en visite au Sénégal. Reçue à l'Assemblée nationale": the trip's place stands
                m.country = m.place["country"] = m.country or self.press
                out.append(m)
        if not out:
            return mentions
        taken = {k for m in out for k in range(m.start, m.end)}
        return sorted(out + [m for m in mentions if m.start not in taken], key=lambda m: m.start)

    def capital_after(self, i: int) -> Mention | None:
        """"dans la capitale sénégalaise", "à la capitale économique de la Côte d'Ivoire": the capital of
        the country the words name, when the text does not name the town itself ("dans la capitale
        soudanaise, Khartoum" is Khartoum, as written)."""
        doc, lower = self.doc, self.v.lower
        j = i + 2
        if j >= len(doc) or lower[j] != "capitale" or lower[i + 1] not in ("la", "l'", "l’", "cette"):
            return None
        kind = CAPITAL_KINDS.get(lower[j + 1]) if j + 1 < len(doc) else None
        k = j + 2 if kind else j + 1
        after = self.v.mentions_in(range(k, min(k + 3, len(doc))))
        if k < len(doc) and lower[k] in ("de", "du", "d'", "d’"):
            country = next((m for m in after if m.kind == "place" and (m.place or {}).get("kind") == "country"
                            and all(t.pos_ == "DET" or t.i == k for t in doc[k:m.start])), None)
        else:
            country = next((m for m in after if m.kind == "demonym" and m.start == k and m.country), None)
        if country is None:
            return None
        end = country.end + 1 if country.end < len(doc) and lower[country.end] in CAPITAL_KINDS else country.end
        named = self.v.mentions_in(range(end + 1, min(end + 3, len(doc))))
        if end < len(doc) and doc[end].text == "," and named and named[0].kind == "place" \
                and named[0].start == end + 1 and named[0].country == country.country:
            town = named[0]  # "dans la capitale soudanaise, Khartoum": the town, as written
            return Mention(i + 1, town.end, "place", town.text, town.label, town.country, town.place)
        if country.kind == "demonym" and (country.place or {}).get("kind") != "country":
            return self.region_capital(country, i + 1, end)  # "la capitale bavaroise": Munich, not Berlin
        place = capital_place(country.country, kind or "usual")  # "la capitale ivoirienne": Abidjan
        if place is None:
            return None
        return Mention(i + 1, end, "place", place["name"], "LOC", place["country"], place)

    def seat_after(self, i: int) -> int | None:
        """The end of the longest seat name right after preposition `i`, once per position."""
        cache = self.v.seat_ends
        if i not in cache:
            v, seats, last = self.v, self.comp.seats, min(i + 1 + self.comp.seat_length, len(self.doc))
            # most words after a preposition open no seat's name: one key of the longest span tells
            cache[i] = next((j for j in range(last, i + 1, -1)
                             if place_key(v.span_text(i + 1, j)) in seats and not v.is_punct[j - 1]), None) \
                if last > i + 1 and self.comp.seat_openings.opens(place_key(v.span_text(i + 1, last))) else None
        return cache[i]

    def place_noun(self, tokens) -> list:
        """"séjourne dans le département", "dans ce pays": the last place of that kind named before."""
        doc, lower = self.doc, self.v.lower
        for i in sorted(set(tokens)):
            kind = self.comp.place_nouns.get(lower[i])
            if not kind or i < 2 or doc[i - 1].lower_ not in ("le", "la", "l'", "l’", "ce", "cet", "cette") \
                    or doc[i - 2].lower_ not in self.comp.prepositions \
                    or (i + 1 < len(doc) and (doc[i + 1].lower_ in ("de", "du", "d'", "d’") or doc[i + 1].pos_ in ("PROPN", "ADJ"))):
                continue  # "dans la région de Würzburg", "dans leur pays": not the place told before
            told = next((m for m in reversed(self.v.mentions) if m.start < i and m.kind == "place" and m.country
                         and (m.place or {}).get("kind") == kind), None)
            if told is None and lower[i] == "capitale":  # "arrivé au Togo. Dans la capitale, ...": Lomé
                told = self.told_capital(i)
            return [(told, told.country)] if told else []
        return []

    def told_capital(self, i: int) -> Mention | None:
        """The capital of the last country a place preposition introduced before token `i`, in its sentence
        or the two before, as a mention of that town."""
        for m in reversed(self.v.mentions_in(range(self.v.units[max(self.v.unit_of[i] - 2, 0)].start, i))):
            k = m.start - 1
            while k > 0 and self.doc[k].pos_ == "DET":
                k -= 1
            if m.kind == "place" and m.country and (m.place or {}).get("kind") == "country" \
                    and self.doc[k].lower_ in self.comp.prepositions:
                capital = capital_place(m.country, "usual")
                return Mention(i, i + 1, "place", capital["name"], "LOC", m.country, capital) if capital else None
        return None

    def fronted(self, trigger) -> list:
        """"À Shanghai, il a rencontré des investisseurs", "Puis, à Dakar, la délégation ...": a place
        phrase that opens the sentence sets where its clause happens, whatever the trigger."""
        doc, unit = self.doc, self.v.unit(trigger.i)
        i = unit.start
        while i < min(unit.start + 2, trigger.i) and (doc[i].pos_ in ("ADV", "CCONJ") or doc[i].text == ","
                                                      or i in self.v.date_tokens):
            i += 1  # "Puis,", "Ensuite", "Et", "Lundi à Montréal,"
        if i >= trigger.i or doc[i].lower_ not in self.comp.prepositions:
            return []
        for m in self.with_seats(range(i + 1, min(i + 3, trigger.i))):
            if m.kind == "place" and m.end < trigger.i and doc[m.end].text == "," \
                    and all(t.pos_ == "DET" for t in doc[i + 1:m.start]):
                country = m.country or self.context_country(m)
                return [(m, country)] if country else []
        return []

    def posting(self, trigger) -> list:
        """"a reçu en audience l'ambassadeur du Japon au Sénégal": where the sentence names no place, a
        diplomat a host receives is received where he is posted: the town of his posting, the dateline's
        town in his country of posting, else that country as written (no capital the text does not
        name); a delegation he leads may go anywhere there."""
        unit = self.v.unit(trigger.i)
        placed = []  # the places a preposition introduces in the sentence
        for m in self.v.mentions_in(range(unit.start, unit.end)):
            k = m.start - 1
            while k > unit.start and self.doc[k].pos_ == "DET":
                k -= 1
            if m.kind == "place" and m.country and self.doc[k].lower_ in self.comp.prepositions:
                placed.append(m)
            elif m.kind == "place" and (m.place or {}).get("kind") not in (None, "country", "continent"):
                return []  # "le maire de Dijon a accueilli l'ambassadeur ... en France": the host's town
        if len(placed) != 1:
            return []  # "L'ambassadeur du Sénégal en France s'est rendu à Lyon, où il a été reçu": Lyon
        for m in placed:
            t = self.doc[m.start:m.end].root
            for _ in range(3):
                if t.head.i == t.i or t.dep_ not in ("nmod", "appos", "flat:name"):
                    break
                t = t.head
                if self.comp.party_kind.get(t.lemma_.lower()) == "diplomat":
                    party = t.head if t.dep_ in ("appos", "flat:name") else t  # "M. Kim, ambassadeur du Japon"
                    if party.head.i != trigger.i or party.dep_ not in ("obj", "nsubj:pass"):
                        return []  # "une délégation emmenée par l'ambassadeur de Corée en France": not received
                    if (m.place or {}).get("kind") != "country":
                        return [(m, m.country)]  # "le consul du Maroc à Bordeaux"
                    dateline = self.dateline_place()  # "SAINT-LOUIS, 5 mai (APS) - ...": that town
                    if (dateline or {}).get("country") != m.country:
                        return [(m, m.country)]  # the country, as written: no town the text does not name
                    return [(Mention(m.start, m.end, "place", dateline["name"], "LOC", m.country, dateline), m.country)]
        return []

    def place_adjective(self, m: Mention, trigger) -> bool:
        """"sa visite parisienne", "son séjour lyonnais", "sa tournée bretonne": the adjective of a town
        or region on the visit noun names where it goes (not a people's: "la visite chinoise")."""
        t = self.doc[m.start]
        return t.head.i == trigger.i and t.dep_ in ("amod", "flat:name") and trigger.pos_ in ("NOUN", "PROPN") \
            and (m.place or {}).get("kind") not in (None, "country", "continent")

    def dateline_place(self) -> dict | None:
        """"SAINT-LÔ - Le maire a reçu ...", "Vire. Une délégation ...", "GRANVILLE (Manche) ...": the town
        an article's first lines open on, before a dash, point, comma or bracket, is where it happens."""
        doc = self.doc
        for unit in self.v.units[:2]:
            end = unit.start
            while end < min(unit.start + 4, unit.end) and (doc[end].text[:1].isupper() and (
                    doc[end].text[-1:].isalpha() or doc[end].text[-1:] in ("'", "’") and not doc[end].whitespace_) or (
                    end > unit.start and doc[end].text in ("-", "'", "’") and doc[end].whitespace_ == "")):
                end += 1
            if end == unit.start or (end < unit.end and doc[end].text not in ("-", "–", "—", ",", "(", ".", ":")):
                continue
            text = doc[unit.start:end].text
            place = resolve(text.title() if text.isupper() else text, self.v.home)
            if place and place.get("country") and place.get("kind") not in ("country", "continent"):
                return {"name": place["name"], "country": place["country"], "kind": place.get("kind"),
                        "code": place.get("code")}
        return None

    def place_told_before(self, unit) -> list[dict]:
        """What "y" stands for: the place of the sentence before (where something is, or goes)."""
        k = self.v.unit_of[unit.start]
        if k == 0:
            return []
        before = self.v.units[k - 1]
        return self.destinations(range(before.start, before.end), trigger=before.root)

    def direct_object(self, trigger) -> range:
        """"visitera l'Institut X de Rabat, ...": when the parse gave the verb no object, the words right
        after it up to a comma, verb or relative pronoun are what it visits."""
        obj = next((c for c in trigger.children if c.dep_ == "obj"), None)
        if obj is None:
            return self.phrase_after(trigger.i + 1)
        if obj.pos_ != "NOUN" or self.comp.party_kind.get(obj.lemma_.lower()):
            return range(0)
        # "visitera la zone de libre-échange de Shanghai" (a parse broken at the hyphen): the site's own
        # words, its complements with "de" up to any other word
        doc, stop = self.doc, obj.i + 1
        unit_end = self.v.unit(obj.i).end
        while stop < unit_end and (doc[stop].pos_ in ("DET", "ADJ", "PROPN") or doc[stop].text == "-" or (
                doc[stop].pos_ == "NOUN" and not self.comp.party_kind.get(doc[stop].lemma_.lower()))
                or doc[stop].lower_ in ("de", "du", "des", "d'", "d’")):
            stop += 1
        return range(obj.i + 1, stop)

    def beside_stay(self, places: list, trigger) -> list:
        """"Les sénateurs, en séjour au Bénin, ont évoqué la sécurité dans la région de l'Atacora": a stay
        noun set beside the subject places the trip between it and the clause's verb; a region the verb
        goes on to after it is what they spoke of, not where the stay went (a town there may be a stop)."""
        if trigger is None or trigger.pos_ != "NOUN" or len(places) < 2:
            return places
        verb = next((t for t in trigger.ancestors if t.pos_ == "VERB"), None)
        if verb is None or verb.i < trigger.i or not any(trigger.i < m.start < verb.i for m, _ in places):
            return places
        return [(m, c) for m, c in places if m.start < verb.i or not self.wide_unit(m)]

    def wide_unit(self, m: Mention) -> bool:
        """A region or département, by the gazetteer or by the unit noun before it ("la région des Collines")."""
        if (m.place or {}).get("kind") in ("region", "departement"):
            return True
        k = m.start - 1
        while k > 0 and (self.doc[k].pos_ == "DET" or self.v.lower[k] in ("de", "des", "du", "d'", "d’")):
            k -= 1
        return k >= 0 and self.v.lower[k] in WIDE_UNITS

    def named_over_sites(self, places: list) -> list:
        """"l'Institut X de formation des imams de Rabat": a town named in a site's own phrase says where
        the site is; the place the site's name implies is a guess, and gives way."""
        named = [m for m, _ in places if m.kind == "place" and not m.inner]
        out, rank = [], self.comp.place_rank
        for m, country in places:
            if (m.kind == "org" or m.inner) and named:  # "au Grand Palais du Peuple à Pékin": a name's word
                inside = subtree(self.doc[m.start:m.end].root) | set(self.phrase_after(m.end))
                finest = rank.get((m.place or {}).get("kind"), 2.5)  # "la préfecture de Kindia, en Guinée": Kindia
                if any(p.start >= m.end and p.start in inside and rank.get((p.place or {}).get("kind"), 2.5) >= finest
                       for p in named):
                    continue
            out.append((m, country))
        return out

    def phrase_after(self, end: int) -> range:
        """The words that go on a name's noun phrase up to a comma, a verb (not a participle: "des
        sciences appliquées de Lyon") or a relative pronoun."""
        doc, stop = self.doc, end
        unit_end = self.v.unit(end - 1).end
        while stop < unit_end and not (doc[stop].is_punct or doc[stop].pos_ in ("AUX", "PRON", "SCONJ") or (
                doc[stop].pos_ == "VERB" and "Part" not in doc[stop].morph.get("VerbForm"))):
            stop += 1
        return range(end, stop)

    def locative(self, m: Mention, trigger, extra_preps=(), origin_object=False) -> bool:
        """A place is where the trip goes when a place preposition introduces it ("à", "dans la
        ville de", "au site de ... à") or when it is the object of the trigger ("a visité Vendôme"),
        unless the trigger leaves its object ("a quitté le Berry pour Paris") or receives it ("a
        accueilli M. X, maire de Taipei": `origin_object` too)."""
        preps = set(self.comp.prepositions) | set(extra_preps)
        k, text, space = m.start - 1, self.v.text, self.v.space  # the view's columns: no Token per look-up
        while k >= 1 and text[k] == "-" and not space[k] and not space[k - 1]:
            k -= 2  # "à Addis-Abeba" read as "Abeba": the name's words before the hyphen
        while k >= 0 and m.start - k <= 2 and (text[k] == "#" or self.doc[k].pos_ in ("DET", "PUNCT", "SYM")):
            k -= 1
        if k >= 0 and self.v.lower[k] in preps:
            return not self.title_complement(m, trigger)
        t = self.doc[m.start:m.end].root
        for _ in range(4):
            if any(c.dep_ == "case" and c.lower_ in preps for c in t.children) or self.announced(t.i, preps):
                return True
            if not t.dep_.startswith("nsubj") and t.head.i > trigger.i and t.head.lemma_.lower() in self.comp.onward_verbs \
                    and "Inf" in t.head.morph.get("VerbForm"):
                return True  # "reçue à Tokyo, avant de rejoindre Osaka": the tour's next stop
            if t.dep_ == "obj" and not origin_object and (t.head.i == trigger.i or (
                    "Inf" in t.head.morph.get("VerbForm") and 0 < t.head.i - trigger.i <= 6)):
                return True  # "a visité Vendôme", "s'est rendu en Italie découvrir Butera"
            if t.dep_ in ("conj", "nmod", "flat:name", "appos", "amod") and t.head.i != t.i:
                if t.head.lower_ in self.comp.origin_words:
                    return False  # "en provenance du Mali": where the party comes from
                t = t.head
                continue
            return False
        return False

    def title_complement(self, m: Mention, trigger) -> bool:
        """"l'ambassadeur de Cuba en France", "Sous-Secrétaire d'État à l'Agriculture": a place under a
        diplomat's title is his posting, a domain under a person's title ("à l'Agriculture", no place
        of the gazetteer) is his portfolio; neither is where the visit goes ("le premier ministre du
        Québec à Paris" is)."""
        t = self.doc[m.start:m.end].root
        if trigger.head.i == t.i:
            return False  # "l'ambassadeur était dans les Vosges": the place is the copula's predicate
        known = bool((m.place or {}).get("kind"))
        for _ in range(3):
            if t.head.i in (t.i, trigger.i) or t.dep_ not in ("nmod", "appos", "flat:name"):
                return False
            t = t.head
            kind = self.comp.party_kind.get(t.lemma_.lower())
            if kind == "diplomat" and self.no_posting(m, t):
                return False  # "a reçu l'ambassadeur du Japon à Rouen": no embassy there, the place is the visit's
            if kind == "diplomat" or (not known and (kind == "person" or any(
                    x.kind == "person" and x.start <= t.i < x.end for x in self.v.mentions_in(range(t.i - 4, t.i + 1))))):
                return True
        return False

    def announced(self, start: int, preps) -> bool:
        """"dans quatre métropoles : Pékin, ...": a list after a colon that a place phrase announces."""
        doc = self.doc
        colon = next((k for k in range(start - 1, max(start - 3, -1), -1) if doc[k].text == ":"), None)
        if colon is None:
            return False
        for k in range(colon - 1, max(colon - 5, -1), -1):
            if doc[k].is_punct:
                return False
            if doc[k].lower_ in preps:
                return True
        return False

    def told_country(self, m: Mention) -> str | None:
        """A town no gazetteer knows ("les élus se sont rendus à Korimatsu"): it lies where the text has
        just placed the trip, the last place a place preposition introduced in its sentence or the two
        before ("une délégation au Japon"); never a place the party comes from ("de Wuhan")."""
        doc, first = self.doc, self.v.units[max(self.v.unit_of[m.start] - 2, 0)].start
        for x in reversed(self.v.mentions):
            if x.start >= m.start or x.kind != "place" or not x.country:
                continue
            if x.start < first:
                return None
            k = x.start - 1
            while k > 0 and doc[k].pos_ == "DET":
                k -= 1
            if doc[k].lower_ in self.comp.prepositions:
                return x.country
        return None

    def context_country(self, m: Mention) -> str | None:
        """The country of an unresolved place, from a country or demonym right beside it."""
        unit = self.v.unit(m.start)
        near = [x for x in self.v.mentions_in(range(unit.start, unit.end)) if x.country and x is not m
                and ((x.kind == "place" and 0 < x.start - m.end <= 2)
                     or (x.kind == "demonym" and -3 <= x.start - m.start <= 2))]
        near.sort(key=lambda x: x.kind != "place")  # "visité Kerbrat, à Brest": the town that places it, not "japonais"
        return near[0].country if near else None
