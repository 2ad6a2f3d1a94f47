"""Places stage: where a trip goes, the most specific place named, one visit per stop.

A place is a destination when a place preposition introduces it ("à", "dans la ville
de", "au site de ... à") or when it is the trigger's object ("a visité Vendôme").
Places joined by "et"/"puis" are one visit each ("à Kanazawa puis à Tokyo"), a
region or country giving way to a town of its own country in the list ("en Bavière
et à Munich"); otherwise the finest place of the first place's country wins ("dans la
région du Grand Est, en France" gives Grand Est), by the component's `place_rank`,
and a town named in a visited site's phrase beats the place the site's name implies
("l'Institut X de Rabat").  Never a destination: a place completing a title ("l'ambassadeur
de Cuba en France"), an origin ("en provenance du Mali"), the object of a host verb (the
party received).  "y" is the place of the sentence before; "Après X, ..." opens on the
tour's stop before.
"""
from __future__ import annotations

from ..countries import Mention, fold
from ..syntax import subtree


def place_dict(m: Mention, context_country: str | None = None) -> dict:
    """A destination from a mention; an institution's place is marked as a site, not a town of its own."""
    place = m.place or {}
    named = m.kind == "place" and not m.inner
    out = {"name": m.text if named else place.get("name", m.text),
           "country": m.country or context_country,
           "kind": place.get("kind"), "code": place.get("code")}
    if not named:
        out["_site"] = True  # the place of an institution visited ("la CCI du Cher"), not a town of its own
    return out


class PlaceStage:
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
        for m in self.v.mentions_in(tokens):
            if trigger is not None and m.start not in direct and not self.locative(m, trigger, extra_preps, origin_object):
                continue
            if m.kind == "org" and self.comp.party_kind.get(self.doc[m.start].lemma_.lower()) == "embassy":
                continue  # "reçue à l'Ambassade de France" in Ottawa: the embassy is not in France
            if m.kind == "place" or (m.kind == "org" and m.place and (allow_org or trigger is not None)):
                country = m.country or self.context_country(m)
                if country:
                    places.append((m, country))
        places = self.named_over_sites(places)
        if not places:
            return []
        chosen = [places[0]]
        joined = False  # an enumeration ends with "et"/"puis": "Pékin, Shanghai, Tianjin et Chongqing"
        for m, country in places[1:]:
            gap = self.doc[chosen[-1][0].end:m.start]
            listed = all(t.lower_ in ("et", ",", "puis", "ainsi", "que") or t.pos_ == "DET"
                         or t.lower_ in self.comp.prepositions for t in gap)
            conjunction = any(t.lower_ in ("et", "puis") for t in gap)
            same_kind = (m.place or {}).get("kind") == (chosen[-1][0].place or {}).get("kind") != "country"
            if listed and (conjunction or same_kind):
                chosen.append((m, country))
                joined = joined or conjunction
            else:
                break
        if not joined:
            chosen = chosen[:1]
        if len(chosen) > 1:  # "en Bavière et à Munich": the town, not the region or country it names too
            kind = {id(m): (m.place or {}).get("kind") for m, _ in chosen}
            rank = {id(m): self.comp.place_rank.get(kind[id(m)], 2.5) for m, _ in chosen}
            finest = {}
            for m, country in chosen:
                finest[country] = max(finest.get(country, -2), rank[id(m)])
            chosen = [(m, c) for m, c in chosen if kind[id(m)] not in ("country", "region") or rank[id(m)] >= finest[c]]
        if len(chosen) > 1:
            return [place_dict(m, country) for m, country in chosen]
        country = chosen[0][1]
        same = [(m, c) for m, c in places if c == country]
        best = max(same, key=lambda mc: (self.comp.place_rank.get((mc[0].place or {}).get("kind"), 2.5), -mc[0].start))
        return [place_dict(*best)]

    def stop_before(self, unit, dests) -> list[dict]:
        """"Après Yangzhou, la délégation s'est rendue à Shanghai": the town a sentence opens on with
        "après" is the tour's stop before."""
        doc, i = self.doc, unit.start
        if doc[i].lower_ != "après":
            return []
        for m in self.v.mentions_in(range(i + 1, i + 3)):
            if m.kind == "place" and m.country and (m.place or {}).get("kind") not in (None, "country") \
                    and m.end < unit.end and doc[m.end].text == "," \
                    and all(t.pos_ == "DET" for t in doc[i + 1:m.start]) \
                    and all(fold(m.text) != fold(d["name"]) for d in dests):
                return [place_dict(m)]
        return []

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
        if any(c.dep_ == "obj" for c in trigger.children):
            return range(0)
        return self.phrase_after(trigger.i + 1)

    def named_over_sites(self, places: list) -> list:
        """"l'Institut X de formation des imams de Rabat": a town named in a site's own phrase says where
        the site is; the place the site's name implies is a guess, and gives way."""
        named = [m for m, _ in places if m.kind == "place" and not m.inner]
        out = []
        for m, country in places:
            if m.kind == "org" and named:
                inside = subtree(self.doc[m.start:m.end].root) | set(self.phrase_after(m.end))
                if any(p.start >= m.end and p.start in inside for p in named):
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
        k = m.start - 1
        while k >= 0 and (self.doc[k].pos_ in ("DET", "PUNCT", "SYM") or self.doc[k].text == "#") and m.start - k <= 2:
            k -= 1
        if k >= 0 and self.doc[k].lower_ in preps:
            return not self.title_complement(m, trigger)
        t = self.doc[m.start:m.end].root
        for _ in range(4):
            if any(c.dep_ == "case" and c.lower_ in preps for c in t.children) or self.announced(t.i, preps):
                return True
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

    def context_country(self, m: Mention) -> str | None:
        """The country of an unresolved place, from a country or demonym right beside it."""
        unit = self.v.unit(m.start)
        near = [x for x in self.v.mentions_in(range(unit.start, unit.end)) if x.country and x is not m
                and ((x.kind == "place" and 0 < x.start - m.end <= 2)
                     or (x.kind == "demonym" and -3 <= x.start - m.start <= 2))]
        return near[0].country if near else None

