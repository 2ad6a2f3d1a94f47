"""Stops stage: a tour of several stops, one visit per stop.

Places joined by "et"/"puis" are one visit each ("à Kanazawa puis à Tokyo", "au Niger,
au Mali et en Mauritanie", "à Dakar, Abidjan et Accra"), a region or country placing the town
before it being no stop of its own ("à Munich, en Bavière, puis à Stuttgart").  A tour goes on
past dates, onward verbs ("avant de rejoindre Osaka") and coordinated sites ("le port de X et
l'usine Y de Z"); a trip to a country that leads the party to towns goes to them ("son séjour
au Gabon l'a conduit à Libreville"); "Après X, ..." opens on the tour's stop before.
"""
from __future__ import annotations

from ..countries import Mention, fold
from .places import place_dict

# Verbs whose subject, a trip, takes the party somewhere: "son séjour l'a conduit à Libreville".
LEAD_VERBS = frozenset({"conduire", "mener", "amener", "emmener"})


class StopStage:
    """Mixin of the visit builder: the stops of a tour (read by `PlaceStage.destinations`)."""

    def stops(self, places: list, k: int, trigger) -> list:
        """The enumeration of places that starts at places[k], when "et"/"puis" or an onward verb ends it
        ("Pékin, Shanghai, Tianjin et Chongqing"); else places[k] alone."""
        chosen = [places[k]]
        joined, end, qualified = False, places[k][0].end, False
        for m, country in places[k + 1:]:
            gap = self.doc[end:m.start]
            end = m.end
            onward = self.onward(gap) or self.onward_of(m) or (trigger is not None and not qualified
                                                               and self.site_link(gap))
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
        return chosen if joined else chosen[:1]

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
        return self.stops(towns, 0, trigger) if towns else []

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
