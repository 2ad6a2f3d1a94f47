"""Hosts stage: who receives the visitors.

In the trigger's sentence: the hosting subject, host cues ("reçu par", "en présence
de", "à l'invitation de"), the institutions and fairs visited, who welcomes or is
thanked for a welcome, each sent to its side by `ParticipantStage.sides`.  Then, over
the whole article once the trips are assembled: host cues of sentences with no visit
of their own go to the trip told last before them (their leader and member cues and
the titled persons quoted name its visitors, by side), persons of the destination's
country named in a trip's sentences receive it, and the body the article names most
hosts a trip that has no host of its own.
"""
from __future__ import annotations

import re

from ...text import fold_words as fold
from ..countries import Mention
from ..syntax import SUBJECT_PRONOUNS, clause_head, subject, subtree

# Bodies that receive, named by their common noun alone ("reçus par la municipalité", "une réunion avec
# le conseil municipal", "accueillis par le comité de jumelage"): no named-entity layer marks them.
_BODY_NOUNS = {"municipalité", "mairie", "conseil", "comité", "association", "chambre", "assemblée", "préfecture",
               "université", "fédération", "syndicat", "office", "institut", "club", "collectif"}
# What visitors thank their hosts for ("ont remercié la Ville de Lyon pour son accueil").
_WELCOME_NOUNS = {"accueil", "hospitalité", "invitation", "réception"}
# The verbs `welcomers` reads (lemmas).
_WELCOME_VERBS = {"accueillir", "recevoir", "remercier", "souhaiter", "visiter", "découvrir"}
_OPENING_QUOTES = {"«", "“"}
# Speech verbs of an incise, as written inverted before their subject ("souligne X", "explique le maire").
_SPEECH_VERBS = {"souligne", "explique", "analyse", "estime", "précise", "ajoute", "affirme", "indique", "confie",
                 "assure", "note", "observe", "poursuit", "insiste", "rappelle", "relève", "résume", "conclut",
                 "déclare", "relate", "raconte", "témoigne", "commente", "détaille", "reconnaît", "sourit"}
_GLUED = re.compile(r"[0-9a-zà-ÿ][.;!?][A-ZÀ-Ý]")  # "1996.La": a sentence end with its space lost


class HostStage:
    """Mixin of the visit builder: the hosts of one candidate, then of each assembled trip."""

    def bodies(self, head, unit) -> list[dict]:
        """A host cue's object named by a body's common noun, and the bodies coordinated with it:
        "par la municipalité et la chambre de commerce" gives "municipalité", "chambre de commerce"."""
        if head is None:
            return []
        out = []
        for t in [head] + [c for c in head.children if c.dep_ == "conj"]:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in _BODY_NOUNS or self.v.mentions_in(range(t.i, t.i + 2)):
                continue  # a body the entity layers name ("l'association Kreiz Breizh") is theirs
            end = t.i
            while end + 1 < unit.end and self.doc[end + 1].pos_ == "PROPN" and end - t.i < 4:
                end = self.hyphenated_end(end + 1)  # "l'association Cévennes-Pologne": its own name
            while end == t.i and end - t.i < 4 and end + 1 < unit.end:
                nxt = self.doc[end + 1]
                if nxt.pos_ == "ADJ" and nxt.head.i in range(t.i, end + 1):
                    end += 1  # "le conseil municipal"
                elif nxt.lower_ in ("de", "d'", "d’") and end + 2 < unit.end and self.doc[end + 2].pos_ == "NOUN" \
                        and self.doc[end + 2].head.i in range(t.i, end + 1):
                    end += 2  # "le comité de jumelage", not "la chambre de la ville"
                else:
                    break
            out.append({"name": self.doc[t.i:end + 1].text, "label": "ORG"})
        return out

    def hosts(self, c, voice, seg, visitor_phrase, host_phrase, unit) -> list[dict]:
        """Who receives: the hosting subject, "reçu par", "en présence de", the sites visited; a host
        person's own institution too ("Carole Delga, présidente de la Région Occitanie, a reçu")."""
        met = self.met_party(visitor_phrase)  # "une rencontre protocolaire avec Florence X, consul général"
        visitor_phrase = set(visitor_phrase) - met
        found: list[Mention] = [m for m in self.v.mentions_in(met) if m.kind in ("person", "org")]
        if host_phrase:
            found += [m for m in self.v.mentions_in(host_phrase) if m.kind in ("person", "org")
                      or (m.kind == "place" and not self.complement(m) and not self.located(m))]
            referent = self.titled_referent(host_phrase, min(host_phrase))  # "le chef de l'Etat a reçu"
            if referent is None and voice == "host":  # "X poursuit sa tournée. Il a reçu à Alger ..."
                referent = self.pronoun_referent(host_phrase)
            found += [referent] if referent is not None else []
        bodies = []
        for s, e, _ in self.v.cue_spans("host", unit):
            head = self.cue_object(e, unit)
            found += self.parties_under(head, e, unit.end) + self.agent_mentions(e, unit) + self.agent_referent(e, unit)
            bodies += self.bodies(head, unit)
        if voice in ("passive", "host"):  # "reçue à la CCI de La Rochelle": the institution that receives
            found += [m for m in self.v.mentions_in(seg) if m.kind == "org" and any(
                w in ("à", "au", "aux", "chez") for w in self.v.lower[max(m.start - 2, 0):m.start])]
        if voice == "passive":  # "accueillie à l'hôtel de ville par le maire": the agent, however far
            leaders = {e - 1 for s, e, _ in self.v.cue_spans("leader", unit)}
            for i in seg:
                if self.v.lower[i] == "par" and i not in leaders:
                    found += self.agent_mentions(i + 1, unit) + self.agent_referent(i + 1, unit)
        if voice == "noun" and c.demonstrative:  # "X, consule à Ottawa, s'est réjouie de cette visite"
            verb = clause_head(self.doc[c.anchor])
            subj = subject(verb) if verb.i not in self.v.light_verbs and verb.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.i < c.anchor:
                found += [m for m in self.v.mentions_in(subtree(subj) & set(range(unit.start, c.anchor)))
                          if m.kind in ("person", "org")]
        for head in self.welcomers(unit):
            found += self.parties_under(head, unit.start, unit.end)
        if voice in ("visitor", "noun") and c.rule["strength"] == "strong":
            # the firms and institutions visited, and the people met there
            found += [m for m in self.v.mentions_in(seg) if m.kind in ("org", "person")]
        if c.rule["id"] == "visit.rencontrer" or c.rule["strength"] in ("weak", "party"):
            found += [m for m in self.v.mentions_in(range(unit.start, unit.end))
                      if m.kind in ("person", "org") and m.start not in visitor_phrase]
        listed = self.colon_members(c, unit)
        if voice == "visitor" and c.rule["strength"] == "weak" and c.visitor_own and c.visitor:
            # "Le gouverneur du Hubei, X, a rencontré à Paris ...": a weak verb names no visitors of its own,
            # but the persons of its party's words (of the party's country or of none) are the visitors
            listed += [m for m in self.v.mentions_in(visitor_phrase) if m.kind == "person"
                       and m.country in (None, c.visitor["country"]) and not self.possessed(m)]
        self.join_visitors(c, listed)
        listed = {m.start for m in listed}
        found = self.sides(c, [m for m in found if m.start not in visitor_phrase and m.start not in listed], unit)
        # "X est du voyage", "X, présent au sein de cette délégation": a member
        persons = [m for m in self.v.mentions_in(range(unit.start, unit.end)) if m.kind == "person"]
        if persons:
            # not the verb of who receives: "C'est X, maire de Y, qui l'a accueillie" tells no member
            anchor = {c.anchor} if voice != "host" else set()
            trips = [self.doc[i] for i in sorted(anchor & set(range(unit.start, unit.end))
                                                 | set(self.v.unit_fact("trip_nouns", unit, self.trip_nouns)))]
            persons = [m for m in persons if any(self.member(m, t) for t in trips)]
        self.join_visitors(c, persons)
        if voice == "visitor":  # "où il séjourne avec son épouse Peng Liyuan": the subject's own people travel
            cued = {i for s, e, _ in self.v.cue_spans("host", unit) for i in self.agent_span(e, unit)}
            self.join_visitors(c, [m for m in found if m.kind == "person" and m.start not in cued and self.possessed(m)])
        visitor_names = {fold(p["name"]) for p in c.visitors}
        cue_words = {i for kind in ("leader", "host") for s, e, _ in self.v.cue_spans(kind, unit) for i in range(s, e)}
        # "une mission conduite par la CCI": the body that leads the visitors is theirs
        led = {i for s, e, _ in self.v.cue_spans("leader", unit) if not self.doc[s].lower_.startswith("accompagn")
               for i in self.agent_span(e, unit)}
        out, seen = [], set()
        for m in found:
            key = fold(m.text)
            if key in visitor_names or key in seen or self.is_event_name(m, c) \
                    or not self.can_host(m) or cue_words & set(range(m.start, m.end)) or (m.kind != "person" and m.start in led):
                continue
            seen.add(key)
            out.append({"name": m.text, "label": m.label if m.label != "DEM" else "LOC"})
        bodies += self.attended_events(c, unit)
        return out + [b for b in bodies if fold(b["name"]) not in seen and not seen.add(fold(b["name"]))]

    def trip_nouns(self, unit) -> list[int]:
        """The party and visit nouns of a unit ("la délégation", "le voyage"), by index."""
        lemmas, kinds = self.v.lemma_lower, self.comp.party_kind
        return [i for i in range(unit.start, unit.end) if kinds.get(lemmas[i]) in ("collective", "visit")]

    def attended_events(self, c, unit) -> list[dict]:
        """"participera au Space, le salon des productions animales", "à Davos, où se tiendra le Forum
        économique mondial": the fair or forum the visitors attend, named, receives them (its organisers)."""
        cues = [s for s, e, _ in self.v.cues.get("event_name", []) if unit.start <= s < unit.end]
        out = []
        for ent in self.v.ents:
            if not (unit.start <= ent.start < unit.end) or ent.label_ not in ("MISC", "ORG", "EVENT") \
                    or (len(ent) == 1 and ent.start in cues):
                continue  # "le Salon": no name
            attended = (c.rule.get("object_is_event") and c.anchor < ent.start <= c.anchor + 6) \
                or (any(ent.start - 1 <= s <= ent.start for s in cues) and self.goes_to(ent))
            if attended and ent.root.pos_ in ("PROPN", "NOUN", "X"):
                out.append({"name": ent.text, "label": ent.label_})
        return out

    def cue_parties(self, events: list[dict]) -> None:
        """"La délégation avait ensuite rendez-vous avec les représentants de X", "elle a été guidée
        par Y": a host cue in a sentence that holds no visit of its own names hosts of the trip told
        last before it; not a person or body of the visitors' own country.  Its leader and member cues
        name visitors ("Il était accompagné de X": `cue_visitors`)."""
        told = {s for e in events for s in e["_sents"]}
        first = min(told, default=None)
        rules, strings = self.comp.cue_rules, self.doc.vocab.strings
        for k, unit in enumerate(self.v.units):
            if first is None or unit.start <= first or unit.start in told:
                continue
            # the view keeps cues of trigger and date sentences only: this one's are read here
            cues = [(rules[strings[mid]]["cue"], s, end) for mid, s, end in self.v.unit_cues(k)]
            spans = [(s, end) for kind, s, end in cues if kind == "host"]
            members = [cue for cue in cues if cue[0] in ("leader", "members", "member")]
            subjects = self.clitic_subjects(unit) + self.welcomers(unit)
            speakers = self.speakers(unit) if any(w in ("»", '"', "“", "”") for w in self.v.text[unit.start:unit.end]) else []
            if not spans and not subjects and not members and not speakers:
                continue
            e = events[-max((max(s for s in e["_sents"] if s < unit.start), -n) for n, e in enumerate(events)
                           if min(e["_sents"]) < unit.start)[1]]
            e = self.dated_trip(unit, events) or e  # "Du 20 au 22 janvier, il sera accompagné de X": that stop
            if self.other_stop(unit, e):
                continue  # "Mercredi, il a été accueilli par le préfet de Kindia": not the stop told before
            self.cue_visitors(e, unit, members)
            self.quoted_sides(e, speakers)
            cue_words = {i for kind, s, end in cues if kind in ("leader", "host") for i in range(s, end)}
            found, bodies = [], []
            for s, end in spans:
                head = self.cue_object(end, unit)
                found += self.parties_under(head, end, unit.end) + self.agent_mentions(end, unit)
                bodies += self.bodies(head, unit)
            for subj in subjects:
                found += self.parties_under(subj, unit.start, unit.end)
                bodies += self.bodies(subj, unit)
            home = e["visitor"].get("country")
            names = {fold(x["name"]) for x in e["hosts"] + e["visitors"]}
            for m in found:
                key = fold(m.text)
                if key in names or not self.can_host(m) or cue_words & set(range(m.start, m.end)) \
                        or (m.country == home and not self.is_diplomat(range(m.start, m.end)) and not self.embassy(m)):
                    continue
                names.add(key)
                e["hosts"].append({"name": m.text, "label": m.label if m.label != "DEM" else "LOC"})
            e["hosts"] += [b for b in bodies if fold(b["name"]) not in names and not names.add(fold(b["name"]))]

    def speakers(self, unit) -> list[Mention]:
        """"« ... », analyse Francis Martin, président de la commission internationale de la CCI", "« ... »
        estime X, président de Y": the titled persons a speech verb right after a quote names, or inside
        it, after a comma ("« C'est important, souligne X, que ... »")."""
        out, quoted = [], False
        for t in self.doc[unit.start:unit.end]:
            if t.text in _OPENING_QUOTES or (t.text == '"' and not quoted):
                quoted = True
            elif t.text in ("»", "”") or t.text == '"':
                quoted = False
            # "« C'est important, souligne X, que ... »": a speech verb and its subject inside the quote
            incise = quoted and t.text == "," and t.i + 1 < unit.end and self.doc[t.i + 1].lower_ in _SPEECH_VERBS
            # "» estime X": the speech verb may follow the quote with no comma
            after = t.text == "»" and t.i + 1 < unit.end and (
                self.doc[t.i + 1].text == "," or self.doc[t.i + 1].lower_ in _SPEECH_VERBS)
            if not incise and not after:
                continue  # "». L'an dernier, X ...": a new sentence, no speaker
            # "», analyse X", "», a déclaré le maire, X": the first person after the speech verb, read off
            # the words (a tagger may take "analyse" for a noun)
            # "explique le président de la Région, X": the first person, over the bodies of a title
            m = next((x for x in self.v.mentions_in(range(t.i + 1 + (not incise), min(t.i + 12, unit.end)))
                      if x.kind == "person" or x.start >= t.i + 9), None)
            if m is not None and m.kind == "person" and (m.title or self.official(m)) and self.can_host(m) \
                    and any(w.is_lower and w.is_alpha for w in self.doc[t.i + 1:m.start]):
                out.append(m)
        return out

    def quoted_sides(self, e: dict, speakers: list[Mention]) -> None:
        """The titled persons the paper quotes about a trip took part in it: on the side of their
        country, else on the paper's own country's side (its visitors abroad, its hosts at home)."""
        home, dest, press = e["visitor"].get("country"), e["destination"].get("country"), self.press
        if not home or not dest or home == dest:
            return
        names = {fold(x["name"]) for x in e["visitors"] + e["hosts"]}
        for m in speakers:
            side = m.country or press
            if fold(m.text) in names or side not in (home, dest):
                continue
            names.add(fold(m.text))
            if side == home:
                e["visitors"].append({"name": m.text, "title": m.title})
            else:
                e["hosts"].append({"name": m.text, "label": m.label})

    def welcomers(self, unit) -> list:
        """`find_welcomers`, once per unit (every candidate of a sentence reads them); not to be changed."""
        return self.v.unit_fact("welcomers", unit, self.find_welcomers)

    def find_welcomers(self, unit) -> list:
        """"Les visiteurs ont remercié la Ville de Lyon pour son accueil": who is thanked for a welcome;
        "le maire a souhaité la bienvenue aux visiteurs", "X, en accueillant les visiteurs", "X leur a fait
        visiter le port", "« Nous sommes heureux d'accueillir nos amis », a déclaré le maire": who welcomes."""
        lemmas, lower = self.v.lemma_lower, self.v.lower
        if not any(lemmas[i] in _WELCOME_VERBS or lower[i] == "bienvenue" for i in range(unit.start, unit.end)):
            return []  # none of the words below: nothing to read
        out = []
        doc = self.doc
        welcome = False  # a welcome said inside the quote that the next speech verb attributes
        for t in doc[unit.start:unit.end]:
            if t.text == "«":
                welcome = False
            elif t.lemma_ in ("accueillir", "recevoir") or t.lower_ == "bienvenue":
                welcome = True
            elif t.text == "»" and welcome:
                verb = next((w for w in doc[t.i + 1:min(t.i + 5, unit.end)] if w.pos_ == "VERB"), None)
                if verb is not None:  # "», a déclaré le maire, X": the subject after the verb, whatever the parse says
                    out += [c for c in verb.children if c.dep_ in ("nsubj", "obj") and c.i > verb.i]
            if t.pos_ != "VERB":
                continue
            kids = list(t.children)
            if t.lemma_ == "remercier" and any(c.lemma_.lower() in _WELCOME_NOUNS for c in kids if c.dep_.startswith("obl")):
                out += [c for c in kids if c.dep_ == "obj"]
            elif t.lemma_ == "souhaiter" and any(c.lemma_.lower() == "bienvenue" and c.dep_ == "obj" for c in kids):
                out += [c for c in kids if c.dep_ == "nsubj" and c.lower_ not in SUBJECT_PRONOUNS]
            elif t.lemma_ in ("accueillir", "recevoir") and t.i > unit.start and doc[t.i - 1].lower_ == "en" \
                    and t.dep_ == "advcl":  # "X, en accueillant les visiteurs": the main clause's subject
                out += [c for c in t.head.children if c.dep_ == "nsubj" and c.lower_ not in SUBJECT_PRONOUNS]
            elif t.lemma_ in ("visiter", "découvrir") and any(c.lemma_ == "faire" for c in kids):
                out += [c for c in kids if c.dep_ == "nsubj" and c.lower_ not in SUBJECT_PRONOUNS]  # "X a fait visiter"
        return out

    def article_host(self, events: list[dict]) -> None:
        """A trip told with no host of its own: the body the article names most (twice at least), which
        the article is about ("le Space ... la venue de délégations"); not one of the visitors' country."""
        counts, first = {}, {}
        led = {i for s, e, _ in self.v.cues.get("leader", []) for i in range(e, e + 8)}  # "conduite par X"
        led = {fold(ent.text) for ent in self.v.ents if ent.start in led}
        for ent in self.v.ents:
            if ent.label_ in ("ORG", "MISC") and len(ent.text) > 1 and ent.text[:1].isupper() \
                    and ent.root.pos_ in ("PROPN", "X", "NOUN"):
                key = fold(ent.text)
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, ent)
        key = max(counts, key=lambda k: (counts[k], -first[k].start), default=None)
        if key is None or counts[key] < 2 or key in led:
            return
        ent = first[key]
        own = {m.country for m in self.v.mentions_in(range(ent.start, ent.end)) if m.country}
        for e in events:
            if not e["hosts"] and e["visitor"].get("country") not in own \
                    and key not in {fold(v["name"]) for v in e["visitors"]} | {fold(e["visitor"].get("name") or "")}:
                e["hosts"].append({"name": ent.text, "label": ent.label_})

    def local_people(self, events: list[dict]) -> None:
        """"le ministre marocain de l'Industrie, X": a person of the destination's country named in the
        trip's sentences receives the visitors."""
        for e in events:
            dest, home = e["destination"].get("country"), e["visitor"].get("country")
            if not dest or dest == home:
                continue
            names = {fold(x["name"]) for x in e["hosts"] + e["visitors"]}
            for m in self.v.mentions_in(i for s in e["_sents"] for i in range(s, self.v.unit(s).end)):
                if m.kind == "person" and m.country == dest and fold(m.text) not in names and self.can_host(m):
                    names.add(fold(m.text))
                    e["hosts"].append({"name": m.text, "label": m.label})

    def goes_to(self, ent) -> bool:
        """"au salon Space", "où se tiendra le 49e Forum": an event as where the visitors go, not as what
        qualifies someone ("les organisateurs du festival")."""
        k = ent.start - 1
        while k > ent.start - 4 and k >= 0 and self.doc[k].pos_ in ("DET", "NUM", "ADJ"):
            k -= 1
        root = ent.root
        return (k >= 0 and self.doc[k].lower_ in ("à", "au", "aux")) or (
            root.dep_.split(":")[0] in ("nsubj", "obj") and any(t.lower_ == "où" for t in root.head.children))

    def clitic_subjects(self, unit) -> list:
        """"Le maire leur a présenté les projets", "Jean Dupont les a guidés": the subject of a verb whose
        object is the visitors told before, as a clitic, is who receives them; when the parse gives it no
        subject, the words that open the sentence up to the clitic ("Le maire, X, leur a fait découvrir")."""
        out = []
        doc = self.doc
        for t in [doc[i] for i in range(unit.start, unit.end) if self.v.lower[i] in ("leur", "les", "lui")]:
            if t.pos_ != "PRON" or t.i == unit.start \
                    or t.i + 1 >= unit.end or doc[t.i + 1].pos_ not in ("AUX", "VERB"):
                continue  # a clitic stands before its verb ("leur a présenté"), unlike "avec lui"
            verb = t.head  # "leur a fait découvrir": the subject of the causative "faire"
            if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("xcomp", "ccomp") \
                    and verb.head.lemma_ in ("faire", "laisser"):
                verb = verb.head
            # "X lui a présenté": a parse may take the clitic for a second subject
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i != t.i] if verb.pos_ in ("VERB", "AUX") else []
            if subjects:
                out += [c for c in subjects if c.lower_ not in SUBJECT_PRONOUNS]
            elif doc[t.i - 1].text == ",":
                out += [w for w in doc[unit.start:t.i - 1] if not unit.start <= w.head.i < t.i - 1
                        and w.pos_ in ("NOUN", "PROPN")]
        return out

    def can_host(self, m: Mention) -> bool:
        """Persons and organisations receive; not a lone common word the NER capitalised ("Photo",
        "Objectifs"), nor a field's label ("Photo : ..."), nor a political party, nor a phrase that
        opens with a verb ("Retrouvez d'autres actus"), nor two sentences glued by a missing space
        ("1996.La réunion"), nor a text ("l'Accord de Paris"), nor a title alone ("Sa Majesté le Roi")."""
        tokens = self.doc[m.start:m.end]
        # a verb opens no name ("Retrouvez d'autres actus"), but a tagger may take a person's first name
        # inside a sentence for one ("le ministre, Nasser Bourita")
        verb = tokens[0].pos_ in ("VERB", "AUX") and (m.kind != "person" or tokens[0].is_sent_start
                                                      or m.start == self.v.unit(m.start).start)
        if verb or any(_GLUED.search(t.text) for t in tokens) or m.start in self.dateline_words:
            return False  # nor the agency of a dateline ("Rabat, 12 mars (MAP) –")
        if len(tokens) == 1 and m.end < len(self.doc) and self.doc[m.end].text == ":":
            return False  # "Photo : Jérôme Leleu ...", "Objectifs : ...": a field's label
        if self.comp.party_kind.get(tokens[0].lemma_.lower()) == "political":
            return False  # "parti Pheu Thai": a party's name
        if self.comp.non_host.get(tokens[0].lower_.rstrip("0123456789")) == "document":
            return False  # "l'Accord de Paris", "la COP28": a text
        if m.kind != "person" and all(self.comp.non_host.get(t.lower_) == "address" or self.comp.party_kind.get(t.lower_.split("-")[-1])
                                      in ("person", "diplomat") for t in tokens):
            return False  # "Sous-Secrétaire d'État", "Sa Majesté le Roi": a title, no name
        return len(tokens) > 1 or tokens[0].pos_ in ("PROPN", "X") or m.kind != "org" or tokens[0].text.isupper()

    def complement(self, m: Mention) -> bool:
        """"le consul général de France": a place that only qualifies a title or an institution."""
        if m.start < 2 or self.doc[m.start - 1].lower_ not in ("de", "du", "des", "d'", "d’"):
            return False
        return self.doc[m.start - 2].lemma_.lower() not in self.comp.town_nouns  # "la ville de Vendôme" is the town

    def is_event_name(self, m: Mention, c) -> bool:
        """A festival, fair or show is what the visitors attend, not who receives them."""
        if c.rule.get("object_is_event") and c.anchor < m.start <= c.anchor + 6:
            return True  # "ont participé au Consumer Electronics Show (CES) de Las Vegas"
        return any(m.start - 1 <= s <= m.start for s, e, _ in self.v.cues.get("event_name", []))
