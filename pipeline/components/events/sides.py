"""Sides and stops of a document's visits, settled across its sentences.

- `relative_scope`: a trip told in a relative clause ("une tournée qui l'a déjà conduit à Alger")
  keeps its own cue, hosts and day, apart from the main clause's ("sera reçu mardi à Tunis par X").
- `before_stop`: "Il s'était auparavant rendu à Ouagadougou", after the party's trip, is the tour's
  stop before (no day of its own), not an earlier trip.
- `dated_trip`: "Du 20 au 22 janvier, le premier ministre sera accompagné de X", with no place, tells
  of the stop whose days hold those days, not of the stop told last.
- `tour_visitors`: the stop told by "il" or "le ministre" is the same party's, so it has the person the
  party names, and with no day of its own all its named members; a stop on days of its own does not
  take those told to go along to another.
- `one_side`: a person found both among the hosts and the visitors of one visit keeps one side: the
  side of the country the text gives the person ("le président ivoirien X"), else the visitors when the
  person names the visiting party, is listed as its member ("composée du ministre X", "conduite par X",
  "accompagné de X") or is the subject of the visit ("X sera reçu à Berne"), else the hosts (the host
  stage reads "reçu par X", "le maire, X, lui a fait visiter": a person it finds there was put among
  visitors by a looser reading).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...tables import MODELS_DIR, read_table
from ...text import fold_words as fold
from .time import overlaps, timex_range


# Words before a party's member that `cues.jsonl` does not hold as a leader cue: "dont X", "aux côtés de X".
LISTING = ("dont", "aux cotes de", "aux cotes du")


def member_words(rules) -> str:
    """The leader cues of `cues.jsonl` written as words ("conduite par", "à sa tête", "parmi lesquels"),
    folded, with `LISTING`, as one pattern over the folded text."""
    phrases = set(LISTING)
    for rule in rules:
        pattern = rule["pattern"]
        if rule["cue"] != "leader" or not all(set(token) == {"LOWER"} for token in pattern):
            continue
        words = [[fold(w) for w in ([t["LOWER"]] if isinstance(t["LOWER"], str) else t["LOWER"]["IN"])]
                 for t in pattern]
        phrases.add(r"\s+".join("(?:" + "|".join(map(re.escape, sorted(set(alts)))) + ")" for alts in words))
    return r"\b(?:" + "|".join(sorted(phrases)) + ")"


MEMBERS = member_words(read_table(MODELS_DIR / "events" / "cues.jsonl"))

BEFORE = {"auparavant", "précédemment", "préalablement"}
GOES = r"(?:recue?s?|accueillie?s?|arrivee?s?|attendue?s?|en visite|se rend\w*|s'est rendue?)\b"


class SideStage:
    """Mixin of the visit builder (reads self.events, self.v)."""

    def relative_scope(self, c) -> None:
        """A trip told in a relative clause ("une tournée qui l'a déjà conduit à Alger") is its own: the
        cue of an earlier trip ("déjà") in it does not make the sentence's main trip an earlier one, and
        the main clause's hosts ("sera reçu par X") and day are not that trip's."""
        doc = self.doc
        clauses = [t for t in c.sent if t.dep_ == "acl:relcl"]
        if not clauses:
            return
        cues = [s for s, _, _ in self.v.cue_spans("mention", c.sent)]
        for rel in clauses:
            inside = {t.i for t in rel.subtree}
            own = c.anchor in inside or (c.anchor == rel.head.i and c.voice == "noun")
            if c.mention_cue and cues and all(i in inside for i in cues) and not own:
                c.mention_cue = False  # "sera reçu mardi à Tunis, au terme d'une tournée qui l'a déjà conduit à Alger"
            # a trip of its own: told as an earlier one ("déjà"), or in a past tense the main clause has not
            apart = any(i in inside for i in cues) or (self.compound_past(rel) and not self.compound_past(c.sent.root))
            if own and apart and c.destinations and all(self.named_in(d, inside) for d in c.destinations):
                names = " ".join(doc[i].text for i in sorted(inside))
                c.hosts = [h for h in c.hosts if fold(h["name"]) in fold(names)]
                if not any(i in self.v.date_tokens for i in inside | {rel.head.i}):
                    c.start = c.end = None  # the day is the main clause's, not this trip's
                    c.date_scope = 3
                    if self.compound_past(rel):
                        c.status = "past"  # "qui l'a déjà conduit à Alger": before the main clause's trip

    @staticmethod
    def compound_past(verb) -> bool:
        """"a conduit", "s'était rendu": a participle with its auxiliary."""
        return "Part" in verb.morph.get("VerbForm") and any(t.dep_.startswith("aux") for t in verb.children)

    def before_stop(self, c) -> bool:
        """"Il s'était auparavant rendu à Ouagadougou", "Elle avait précédemment séjourné à Kigali", told
        after the trip of the same party: its tour's stop before, with no day of its own (not an earlier
        trip: "auparavant" with no date of its own orders the stops)."""
        main = self.frame()
        if main is None or not c.mention_cue or c.date_scope == 0 or not c.destinations:
            return False
        words = {self.v.lower[s] for s, _, _ in self.v.cue_spans("mention", c.sent)}
        if not words or not words <= BEFORE:
            return False
        target = self.latest(c)
        if target is None or (c.visitor and c.visitor["country"] != target["visitor"]["country"]) \
                or not (c.pronoun or c.party_anaphor or not c.visitor_own):
            return False
        names = {fold(e["destination"]["name"]) for e in self.events}
        if any(fold(d["name"]) in names or d.get("kind") in (None, "country", "region")
               or d["country"] == target["visitor"]["country"] for d in c.destinations):
            return False
        for dest, part in self.stop_parts(c):
            part = replace(part, start=None, end=None, date_scope=3, mention_cue=False)
            self.create(part, dict(target["visitor"]), dest, stop=target)
            self.events[-1]["_before"] = True
        return True

    def named_in(self, dest: dict, tokens: set) -> bool:
        return any(fold(m.text) == fold(dest["name"]) or (m.place or {}).get("name") == dest["name"]
                   for m in self.v.mentions if m.kind == "place" and m.start in tokens)

    def dated_trip(self, unit, events: list[dict]) -> dict | None:
        """A sentence with no visit of its own that gives days and no place ("Du 20 au 22 janvier, le
        premier ministre sera accompagné de X et Y") tells of the stop whose days hold those days, the
        one starting that day first, not of the stop told last."""
        dates = [timex_range(t) for _, t in self.v.dates_in_unit(unit)]
        dates = [d for d in dates if d[0]]
        if len(dates) != 1 or any(m.kind == "place" for m in self.v.mentions_in(range(unit.start, unit.end))):
            return None
        start, end = dates[0]
        party = [e for e in events if not e["_mention"] and e["start"] and min(e["_sents"]) < unit.start]
        held = [e for e in party if overlaps((start, end), (e["start"], e["end"]))]
        if len({e["visitor"].get("country") for e in held}) != 1 or len(party) < 2:
            return None
        return min(held, key=lambda e: (e["start"] != start, (e["end"] or e["start"]) != (end or start),
                                        e["start"] < start))

    def tour_visitors(self, events: list[dict]) -> None:
        """A stop with no named visitor gets those of the same party's trip told before it: the same
        visitor country and party phrase, neither a trip told as an earlier one."""
        for i, e in enumerate(events):
            if e["visitors"] or e["_mention"]:
                continue
            party = fold(e["visitor"].get("name") or "")
            source = next((t for t in reversed(events[:i]) if t["visitors"] and not t["_mention"]
                           and t["visitor"].get("country") == e["visitor"].get("country")
                           and fold(t["visitor"].get("name") or "") == party), None)
            if source is None and e.get("_stop") is not None and not e["_stop"]["_mention"]:
                source = e["_stop"] if e["_stop"]["visitors"] else None
            if source is None and self.party_anaphor(e):
                # "Le ministre X a visité Ouagadougou. Dimanche, la délégation marocaine a rallié Bobo":
                # the party told again by its collective noun is that of the trip of its country told last
                source = next((t for t in reversed(events[:i]) if not t["_mention"]
                               and t["visitor"].get("country") == e["visitor"].get("country")), None)
                source = source if source is not None and source["visitors"] else None
            if source is None:
                continue
            hosts = {fold(h["name"]) for h in e["hosts"]}
            same_days = not e["start"]  # no day of its own: the tour's days, and all its members
            # "le ministre sénégalais, X, a visité": one person, named in the sentence that tells its trip
            single = self.comp.party_kind.get(source["_head"]) == "person"
            told = fold(source["_sent"].text)
            e["visitors"] = [dict(p) for k, p in enumerate(source["visitors"]) if fold(p["name"]) not in hosts
                             and (same_days or (single and k == 0 and fold(p["name"]) in told)
                                  or self.heads_party(p, source["visitor"].get("name") or ""))]

    def party_anaphor(self, e: dict) -> bool:
        """The stop's party is told again by a definite collective noun ("la délégation marocaine",
        "les élus"), not introduced ("une délégation de Rabat") nor named by a person's title."""
        words = (e["visitor"].get("name") or "").lower().replace("’", "'").split()
        definite = bool(words) and (words[0] in ("la", "le", "les", "cette", "ces") or words[0].startswith("l'"))
        return definite and self.comp.party_kind.get(e["_head"]) == "collective"

    @staticmethod
    def heads_party(person: dict, party: str) -> bool:
        """The person the party phrase names ("le ministre québécois, André Lamontagne", "la ministre
        belge Hadja Lahbib"), not one who only goes along ("sera accompagné de X", "À Dakar, avec Y")."""
        words = set(fold(party).split())
        return fold(person["name"]) in fold(party) or bool(person.get("title") and fold(person["title"]) in words)

    def one_side(self, events: list[dict]) -> None:
        """Each person on one side of a visit: the side of the country the text gives the person."""
        for e in events:
            visitor_names = {fold(p["name"]) for p in e["visitors"]}
            both = [h for h in e["hosts"] if fold(h["name"]) in visitor_names]
            for h in both:
                key = fold(h["name"])
                side = self.person_side(key, e)
                if side == "host":
                    e["visitors"] = [p for p in e["visitors"] if fold(p["name"]) != key]
                else:
                    e["hosts"] = [p for p in e["hosts"] if fold(p["name"]) != key]

    def person_side(self, key: str, e: dict) -> str:
        vc, dc = e["visitor"].get("country"), e["destination"].get("country")
        countries = {m.country for m in self.v.mentions
                     if m.kind == "person" and m.country and key in fold(m.text)}
        if vc != dc and countries == {dc}:
            return "host"
        if countries == {vc} or key in fold(e["visitor"].get("name") or ""):
            return "visitor"
        # "composée du ministre X", "conduite par X", "accompagné de X": a member of the visiting party
        if "_folded_text" not in self.__dict__:  # the doc's folded text, once per doc
            self._folded_text = fold(self.doc.text)
        text = self._folded_text
        name = re.escape(key) + r"\b"
        if re.search(MEMBERS + r"(?:(?<=')|\s+)(?:[^\s.;:]+\s+){0,6}" + name, text):
            return "visitor"
        # "X sera reçu à Berne", "X est arrivé lundi": the subject of the visit's verb
        if re.search(name + r",?\s+(?:[^\s.;:,]+\s+){0,2}" + GOES, text):
            return "visitor"
        # "sera reçu par le président X", "le maire, X, lui a fait visiter": a host
        return "host"
