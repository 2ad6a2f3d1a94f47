"""Triggers stage: the visit patterns of `models/events/visit_triggers.jsonl` and what each says.

A trigger's voice says where the visitor sits in its clause: subject ("une
délégation s'est rendue à Miami"), object ("le maire a reçu une délégation"),
passive subject ("la délégation a été reçue"), the trigger noun itself ("la visite
du ministre").  Each match gives a `Candidate`: the phrases of visitor and host
read off the parse, then the places, participants and time stages fill it.
Sentences with no trigger are never looked at.

Optional keys of a rule: `place_preps` (more prepositions of its place), `place_object` (its
object is the place visited), `object_only` (only its object is: "a rallié Niamey"),
`object_is_event` (its object is an event, and "à Abuja" beats the event's own "de X"),
`posting` (a diplomat's word for his post), `recipient` (the party is the "à" complement:
"a accordé une audience à"), `soil` (the soil's adjective names the country: "a foulé le sol
marocain"), `apposed` (set off by a comma after a party: "son homologue, en visite au Maroc"),
`departure` (the object is left, not visited), `settles` (an arrival that, dated by its century, is a
settlement told as history, not a trip), `honoree` (the party is the guest of honour, "un dîner en
l'honneur du président"), `courtesy` (a courtesy call or credentials: the "à" party hosts, where he
sits, "a rendu une visite de courtoisie au ministre").  A trigger the verbs above it negate or cancel
("n'a pas pu se rendre", "a annulé sa visite") tells no trip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from ..syntax import clause_head, determiner, subject, subtree
from .places import place_dict
from .receptions import ReceptionStage


# Words that join the items of a list of countries ("du Mali, de la Guinée et du Togo").
LIST_WORDS = {",", "et", "ainsi", "que", "de", "du", "des", "d'", "d’", "ou"}
# The nouns of compound prepositions that set a visit noun in an adjunct ("au terme d'une visite").
ADJUNCT_NOUNS = {"terme", "issue", "cours", "lors", "occasion", "marge", "fin", "suite", "cadre", "sortie"}


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
    pronoun: bool = False  # "il", "elle", "ils" as the trigger's subject: the party told before
    co_visitors: list = field(default_factory=list)  # "des délégations du Mali et du Togo": one visit per country
    met_at: list = field(default_factory=list)  # a weak trigger's places named before it in its clause
    alone: bool = True  # no strong trigger in the sentence


def dedupe(matches):
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


class TriggerStage(ReceptionStage):
    """Mixin of the visit builder: candidates from trigger matches."""

    def candidates(self, matches) -> list[Candidate]:
        doc = self.doc
        by_unit: dict[int, list] = {}
        blocked = {i for s, e, _ in self.v.cues.get("block", []) for i in range(s, e)}
        for mid, start, end in matches:
            rule = self.comp.visit_rules[doc.vocab.strings[mid]]
            anchor = start + rule["anchor"] if rule["anchor"] >= 0 else end + rule["anchor"]
            if anchor not in blocked:
                by_unit.setdefault(self.v.unit_of[anchor], []).append((start, end, anchor, rule))
        out = []
        for k in sorted(by_unit):
            matches = dedupe(by_unit[k])
            strong = any(r["strength"] == "strong" for *_, r in matches)
            if strong:
                matches = [m for m in matches if m[3]["strength"] != "party"]
            starts = sorted(m[0] for m in matches)
            unit = self.v.units[k]
            for start, _end, anchor, rule in matches:
                nxt = [a for a in starts if a > start]
                seg = range(anchor + 1, min(nxt[0] if nxt else unit.end, self.quote_end(anchor, unit)))
                cand = self.candidate(rule, anchor, unit, seg, told_before=bool(out))
                if cand:
                    cand.alone = not strong
                    out.append(cand)
        return out

    def quote_end(self, anchor, unit) -> int:
        """Where the quotation a trigger sits in closes ("« nous avons reçu des délégations », a dit
        X à Paris": the speaker's place is not the visit's); the unit's end when it sits in none."""
        texts = self.v.text
        depth = 0
        for text in texts[unit.start:anchor]:
            depth += (text in ("«", "“")) - (text in ("»", "”"))
        if depth <= 0:
            return unit.end
        return next((i for i in range(anchor, unit.end) if texts[i] in ("»", "”")), unit.end)

    def candidate(self, rule, anchor, unit, seg, told_before=False) -> Candidate | None:
        doc = self.doc
        tok = doc[anchor]
        if self.unreal(tok, unit) or self.remote(tok, unit):
            return None
        voice = rule["voice"]
        in_unit = set(range(unit.start, unit.end))
        c = Candidate(rule=rule, anchor=anchor, sent=unit, voice=voice)
        if voice == "host" and (any(ch.dep_ in ("aux:pass", "nsubj:pass") for ch in tok.children)
                                or ((tok.dep_.startswith("acl") or tok.head.i < tok.i or tok.i == unit.start)
                                    and "Part" in tok.morph.get("VerbForm")
                                    and not any(ch.dep_.startswith("aux") for ch in tok.children))):
            voice = c.voice = "passive"
        host_cue_tokens = self.v.unit_fact("host_cue_tokens", unit, self.host_cue_tokens)  # read, never changed
        visitor_phrase, host_phrase, dest_side, head = self.phrases(tok, voice, owned=rule.get("posting", False),
                                                                    recipient=rule.get("recipient", False),
                                                                    honoree=rule.get("honoree", False))
        where = self.relative_place(tok, unit) if voice == "visitor" else None
        if where is not None and head is not None and head.lower_ in ("il", "elle", "ils", "elles"):
            main_subj = subject(tok.head) if tok.head.i != tok.i else None  # "..., où il séjourne, le ministre"
            if main_subj is not None and main_subj.pos_ != "PRON" and unit.start <= main_subj.i < unit.end:
                visitor_phrase, head = self.core_phrase(main_subj), main_subj
        apposed = self.apposed_party(anchor, unit) if rule.get("apposed") else None
        if apposed is not None:  # "a reçu son homologue gambien, en visite au Maroc"
            visitor_phrase, head = self.core_phrase(apposed), apposed
        dest_side |= self.cleft_focus(unit)
        visitor_phrase = (visitor_phrase & in_unit) - host_cue_tokens - dest_side
        if voice in ("host", "passive") and head is not None:
            visitor_phrase -= self.locative_complements(head)  # "a accueilli la délégation à Agen"
        if voice == "visitor":  # "En visite au Maroc, le ministre [...] a été reçu": a fronted trip's subject after it
            fronted = head is not None and head.i > tok.i and head.i not in subtree(tok)
            visitor_phrase -= set(seg) - (self.core_phrase(head) if fronted else set())
        host_phrase &= in_unit
        if "party_object" in rule["needs"] and not self.is_party_head(head, visitor_phrase) and not (
                voice == "passive" and self.named_beside(head, visitor_phrase)):
            return None
        if "party_subject" in rule["needs"] and not self.is_party(visitor_phrase):
            return None
        if head is not None and any(s <= head.i < e for s, e, _ in self.v.cue_spans("not_party", unit)):
            return None  # "les troupes françaises sont arrivées", "des migrants venus du Mali": no delegation
        if rule.get("settles") and self.v.cue_spans("history", unit) and any(
                s in subtree(clause_head(tok)) for s, _, _ in self.v.cue_spans("history", unit)):
            return None  # "arrivés en Côte d'Ivoire au début du XXe siècle": a settlement told as history
        det = determiner(head) if head is not None else None
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
        # "nous avons déjà reçu", not "des marchés déjà existants" (an adverb inside a noun phrase)
        c.mention_cue = any(not (doc[s].head.pos_ == "ADJ" or doc[s].head.dep_ in ("amod", "acl"))
                            for s, _, _ in self.v.cue_spans("mention", unit))
        lemmas = self.v.lemma_lower
        party_words = [lemmas[i] for i in sorted(visitor_phrase)
                       if self.comp.party_kind.get(lemmas[i]) in ("collective", "person", "diplomat")]
        if party_words:  # "deux grandes entreprises de Zhengzhou": the kind of party, for telling trips apart
            c.visitor_head = party_words[0]
        elif head is not None:
            c.visitor_head = head.lemma_.lower() if head.pos_ == "NOUN" else ("PER" if head.pos_ == "PROPN" else None)
        # destination: after the trigger, else in the host's words, else elsewhere in the sentence
        if rule.get("object_only"):  # "a rejoint Addis-Abeba", not "a rejoint le club à Paris"
            obj = next((ch for ch in tok.children if ch.dep_ in ("obj", "obl:arg")), None)
            dest_side = subtree(obj) if obj is not None else set(self.phrase_after(tok.i + 1))
        after = [i for i in seg if i not in visitor_phrase and not rule.get("object_only")]
        place_args = dict(trigger=tok, origin_object=rule.get("departure", False) or voice in ("host", "passive"),
                          place_object=rule.get("place_object", False))
        # "au forum d'affaires Maroc-Nigeria à Abuja": a place preposition ("à") before the event's own "de"
        dests = self.destinations([i for i in sorted(dest_side) if i not in visitor_phrase]) or \
            (rule.get("object_is_event") and self.destinations(self.introduced_places(after))) or \
            self.destinations(after, extra_preps=rule.get("place_preps", ()), **place_args)
        if not dests and rule.get("soil"):  # "a foulé le sol marocain": the soil's people names the country
            dests = [place_dict(m) for m in self.v.mentions_in(subtree(tok)) if m.kind == "demonym" and m.country][:1]
        if not dests and voice == "host":
            dests = self.destinations(sorted(host_phrase), allow_org=True)
        before = [i for i in range(unit.start, tok.i) if i not in visitor_phrase and i not in host_phrase]
        if not dests and voice != "party" and rule["strength"] == "strong":
            dests = self.destinations(before, trigger=tok)
        if not dests and voice == "visitor" and self.locative_clitic(tok):
            dests = self.place_told_before(unit)  # "le salon s'est tenu à Las Vegas. Des patrons y sont allés"
        if not dests and where is not None:
            dests = self.destinations(range(where.start, where.end))
        if len(dests) == 1 and dests[0].get("kind") == "country":
            dests = self.town_of(dests[0], unit, visitor_phrase) or dests
        # "reçu mardi par le président ghanéen": the host's own country ("elle a été reçue": the trip told before)
        seated = not dests and voice in ("host", "passive") and not (head is not None and head.pos_ == "PRON")
        if seated:
            dests = self.office_seat(host_phrase, unit)
            seated = bool(dests)
        if dests and voice in ("visitor", "passive"):
            dests = self.stop_before(unit, dests) + dests  # "Après Yangzhou, c'est à Shanghai que ..."
        if "destination" in rule["needs"] and not dests:
            dests = self.sentence_stop(c)  # "Mardi, elle a été accueillie par le maire de Lorient": that stop
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
        if found is None and voice == "noun" and (det == "poss" or light_verb or (det != "dem" and self.adjunct(tok))):
            subj = subject(clause_head(tok))
            if subj is not None:
                consulted |= subtree(subj) & in_unit
                found = self.evidence(subtree(subj) & in_unit, dests)
        if found is None and voice == "noun" and not party_anaphor:
            tail = (self.noun_tail(tok, seg, unit) - dest_side) | visitor_phrase
            if self.names_party(tail):  # a parse that hung "en provenance du Mali" elsewhere
                consulted |= tail
                found = self.evidence(tail, dests)
        pronoun = c.pronoun = head is not None and head.lower_ in ("il", "elle", "ils", "elles") \
            and voice in ("visitor", "passive")
        if found is None and not party_anaphor and not pronoun \
                and (voice in ("visitor", "host", "passive") or det == "poss"):
            found = self.sentence_evidence(unit, dest_countries,
                                           exclude=host_phrase | host_cue_tokens | self.other_clauses(tok))
        if found is None and not party_anaphor and voice in ("visitor", "noun", "passive", "host") and dests and not (
                seated and not any(s in visitor_phrase for s, _, _ in self.v.cue_spans("office", unit))):
            found = self.local_party(consulted, dests)  # seated by the host alone: only an office holder travels
        if found and voice in ("host", "passive") \
                and self.office_country(host_phrase, unit, visitor_phrase | (
                    subtree(head) & in_unit if head is not None else set())) == found["country"]:
            return None  # "le Premier ministre a reçu l'ambassadeur du Sénégal en France": his own official, at home
        if found:
            c.visitor, c.visitor_own = found, True
            c.co_visitors = self.listed_countries(consulted, found, dest_countries)
            if not c.destinations and voice in ("host", "passive"):
                c.destinations = self.host_seat(host_phrase, found["country"], unit)
            elif not c.destinations and rule.get("courtesy"):  # "a rendu une visite de courtoisie au ministre"
                host_phrase = self.recipient_phrase(tok) & in_unit
                c.destinations = self.host_seat(host_phrase, found["country"], unit)
                if c.destinations:  # a courtesy call is a reception told from the guest's side
                    voice = c.voice = "passive"
        c.diplomat = self.is_diplomat(consulted)
        if rule.get("posting") and self.is_diplomat(consulted | set(range(unit.start, anchor))):
            return None  # an ambassador's "mission", "séjour" is his posting, not a visit (an ambassador
            # named after it, "reçue par l'épouse de l'Ambassadeur", is a host)
        if rule["strength"] == "weak" and not dests and c.visitor_own and not c.diplomat and voice != "party":
            c.met_at = self.destinations(before, trigger=tok)  # "a eu mardi à Alger un entretien avec"
        met = dests or c.met_at
        if rule["strength"] == "weak" and voice == "visitor" and c.visitor_own and met \
                and all(d["country"] == c.visitor["country"] for d in met):
            # "Le président malien a échangé à Koulouba avec une délégation nigérienne": met at home,
            # the subject hosts and the party met is the visitor
            guest = self.met_guest(tok, seg, unit)
            other = self.evidence(guest, met) if guest else None
            if other and other["country"] != c.visitor["country"]:
                host_phrase, visitor_phrase, consulted = visitor_phrase | host_phrase, guest, guest
                c.visitor, c.destinations, c.met_at, c.co_visitors = other, met, [], []
                c.diplomat = self.is_diplomat(guest)
                voice = c.voice = "host"
        if rule["strength"] == "weak" and voice == "visitor" and not met and not dests:
            # "Le ministre a échangé avec une délégation turque", in a paper of Senegal: met at home
            guest = self.met_guest(tok, seg, unit)
            seat = self.meeting_seat(visitor_phrase, guest, unit) if guest else None
            if seat is not None:
                host_phrase, visitor_phrase, consulted = visitor_phrase | host_phrase, guest, guest
                c.visitor, c.destinations, c.co_visitors, c.visitor_own = seat[0], [seat[1]], [], True
                c.diplomat = self.is_diplomat(guest)
                voice = c.voice = "host"
                c.rule = dict(rule, strength="strong")  # a reception told as a meeting: it opens a trip
        c.visitors = self.named_visitors(consulted, unit) if rule["strength"] != "weak" else []
        c.hosts = self.hosts(c, voice, seg, visitor_phrase, host_phrase, unit)
        c.start, c.end, c.date_scope = self.date(tok, unit, seg)
        c.status = self.status(c, tok, unit)
        c.purpose = self.purpose(unit, anchor)
        return c

    def town_of(self, dest, unit, visitor_phrase) -> list[dict]:
        """"s'est entretenu lundi à Rabat avec son homologue, en visite au Maroc": the one town of the
        visited country that a place preposition introduces in the sentence is where the visit is."""
        towns = {m.text: m for m in self.v.mentions_in(self.introduced_places(range(unit.start, unit.end)))
                 if m.country == dest["country"] and (m.place or {}).get("kind") == "city"
                 and m.start not in visitor_phrase}
        return [place_dict(m) for m in towns.values()] if len(towns) == 1 else []

    def introduced_places(self, tokens) -> list[int]:
        """The places among `tokens` that a place preposition introduces itself ("à Abuja", not the
        "Maroc" of "au forum Maroc-Nigeria")."""
        doc, out = self.doc, []
        for m in self.v.mentions_in(tokens):
            k = m.start - 1
            while k > 0 and doc[k].pos_ == "DET":
                k -= 1
            if m.kind == "place" and k >= 0 and doc[k].lower_ in self.comp.prepositions:
                out += range(m.start, m.end)
        return out

    def relative_place(self, tok, unit):
        """"à Nouakchott, où il séjourne depuis lundi": the place a relative "où" right before the
        trigger's clause refers to."""
        doc = self.doc
        k = next((i for i in range(max(unit.start + 1, tok.i - 4), tok.i)
                  if doc[i].lower_ == "où" and "Rel" in doc[i].morph.get("PronType")), None)
        if k is None:
            return None
        end = k - 1 if doc[k - 1].text == "," else k
        return next((m for m in self.v.mentions_in(range(max(unit.start, end - 6), end))
                     if m.kind == "place" and m.end == end), None)

    def apposed_party(self, anchor, unit):
        """"s'est entretenu avec son homologue gambien, en visite au Maroc": a visit phrase set off by
        a comma right after a party other than the clause's subject tells that party's trip."""
        doc, k = self.doc, anchor - 2
        if k - 1 <= unit.start or doc[k].text != ",":
            return None
        t = doc[k - 1]
        for _ in range(4):
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("amod", "flat:name", "nmod", "appos"):
                break
            if t.head.i == t.i or t.head.i > t.i or t.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
                break
            t = t.head
        t = self.courtesy_of(t)  # "a reçu les civilités du ministre turc, en visite à Niamey"
        if t.dep_.startswith("nsubj") or t.pos_ not in ("NOUN", "PROPN") or not self.is_party_head(t, subtree(t)):
            return None
        return t

    @staticmethod
    def adjunct(tok) -> bool:
        """"a regagné Niamey au terme d'une visite à Abuja", "se trouve à Paris pour une visite
        officielle": a visit noun in an adjunct of its clause is the trip of the clause's subject."""
        while tok.dep_ == "nmod" and tok.head.pos_ == "NOUN" and tok.head.i != tok.i:
            tok = tok.head  # "au terme de", "à l'issue de", "lors de"
        case = next((c for c in tok.children if c.dep_ == "case"), None)
        if tok.dep_ == "obl:arg" and case is not None and case.i > 0 and tok.doc[case.i - 1].lower_ in ADJUNCT_NOUNS:
            return tok.head.pos_ in ("VERB", "AUX")  # "a regagné Lomé au terme d'une visite": a parse that hung it as an argument
        return tok.dep_ in ("obl", "obl:mod") and tok.head.pos_ in ("VERB", "AUX")

    def host_cue_tokens(self, unit) -> set[int]:
        """The phrases that host cues introduce ("reçue par le maire", "en présence du préfet")."""
        out = set()
        for s, e, _ in self.v.cue_spans("host", unit):
            head = self.cue_object(e, unit)
            if head is not None:
                out |= subtree(head) & set(range(e, unit.end))
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

    def phrases(self, tok, voice, owned=False, recipient=False, honoree=False):
        """Visitor's tokens, host's tokens, a visit noun's place complements, visitor's head word.
        `owned`: the noun's "de" + place names its owner ("la mission de la Chine auprès de l'UA"),
        not the place it goes to ("la visite de Pékin").  `recipient`: the party is the verb's or its
        object's "à" complement ("a accordé une audience à une délégation")."""
        if voice == "host" and honoree:  # "a offert un dîner en l'honneur du président": the guest of honour
            party = self.courtesy_of(tok)
            subj = subject(clause_head(tok))
            host = subtree(subj) if subj is not None and subj.i < tok.i else set()
            return (subtree(party) if party.i != tok.i else set()), host, set(), (party if party.i != tok.i else None)
        if voice == "host" and recipient:
            subj = subject(tok)
            party = self.recipient(tok)
            host = subtree(subj) if subj is not None else set()
            return (subtree(party) if party is not None else set()), host, set(), party
        if voice == "host":
            clitic = self.v.clitic_before(tok)
            if clitic is not None:  # "X et Y les ont accueillis": the subject hosts, the clitic is the party told before
                return {clitic}, set(range(self.v.unit(tok.i).start, clitic)), set(), self.doc[clitic]
            objects = [c for c in tok.children if c.dep_ in ("obj", "iobj", "obl:arg") and not any(
                g.dep_ == "case" and g.lower_ in self.comp.prepositions for g in c.children)  # "accueillir à Nantes M. X"
                and c.i not in self.v.date_tokens]  # "a reçu mardi à Rabat le président": a weekday taken for the object
            objects = [self.courtesy_of(c) for c in objects]  # "a reçu la visite, les civilités du ministre"
            obj = next((c for c in objects if self.is_party_head(c, subtree(c))),
                       next((c for c in objects if c.dep_ in ("obj", "nmod")), None))
            subj = subject(tok)
            if obj is None:  # no parsed object: the words after the verb, up to a purpose clause
                unit = self.v.unit(tok.i)
                stops = [s for s, e, _ in self.v.cue_spans("purpose", unit) if s > tok.i] + [unit.end]
                right = set(range(tok.i + 1, min(stops)))
                obj = next((self.doc[i] for i in sorted(right) if self.is_party_head(self.doc[i], right)), None)
                return right, (subtree(subj) if subj is not None else set()), set(), obj
            host = subtree(subj) if subj is not None else set()
            if subj is not None and subj.i < tok.i:  # appositions and coordinated hosts the parse split off
                host |= set(range(self.v.unit(tok.i).start, tok.i))
            return (subtree(obj) if obj is not None else set()), host, set(), obj
        if voice == "passive":
            participle = not any(c.dep_.startswith("aux") for c in tok.children)
            if tok.dep_.startswith("acl") or (participle and tok.head.i < tok.i and tok.head.pos_ in ("NOUN", "PROPN", "ADJ")):
                head = tok.head
                phrase = subtree(head) - subtree(tok)
            else:
                head = subject(tok)
                if head is not None and head.i in self.v.date_tokens:  # "Mercredi, il a été reçu": not the weekday
                    head = next((c for c in tok.children if c.dep_.startswith("nsubj") and c.i not in self.v.date_tokens), head)
                phrase = subtree(head) if head is not None else set()
            unit = self.v.unit(tok.i)
            agent = next((c for c in tok.children if c.dep_ == "obl:agent"), None)
            host = subtree(agent) if agent is not None else set()
            broken = head is None or not unit.start <= head.i < unit.end
            verb = next((t.i for t in self.doc[tok.i + 1:unit.end] if "Fin" in t.morph.get("VerbForm")), unit.end) \
                if broken and tok.i == unit.start else None
            comma = max((t.i for t in self.doc[tok.i:verb] if t.text == ","), default=None) if verb else None
            if comma is not None:
                # "Reçu à Bangkok par le ministre, X, le maire de Lyon a ...": the fronted participle's
                # subject is the main clause's, after the last comma before its verb
                right = range(comma + 1, verb)
                phrase, host = set(right), {i for i in host if i < comma}
                head = next((self.doc[i] for i in right if self.is_party_head(self.doc[i], phrase)), None)
            elif broken:  # broken parse: the words before the verb
                left = range(unit.start, tok.i)
                phrase = set(left)
                head = next((self.doc[i] for i in left if self.is_party_head(self.doc[i], phrase)), None)
            return phrase, host, set(), head
        if voice in ("noun", "party"):
            phrase, dest_side = subtree(tok), set()
            if voice == "noun":
                for child in tok.subtree:
                    case = [g.lower_ for g in child.children if g.dep_ == "case"]
                    place_of = not owned and child.head.i == tok.i and case and case[0] in ("de", "d'", "d’", "du", "des") \
                        and any(m.start <= child.i < m.end and m.kind == "place" for m in self.v.mentions)
                    if child.i != tok.i and child.lower_ not in self.comp.origin_words \
                            and ((case and case[0] in self.comp.prepositions) or place_of) \
                            and not any(self.title_complement(m, tok) for m in self.v.mentions_in(subtree(child))
                                        if m.kind == "place"):
                        dest_side |= subtree(child)
                for child in tok.children:
                    if child.dep_ in ("acl", "acl:relcl", "advcl", "parataxis"):
                        phrase -= subtree(child)
            return phrase - dest_side, set(), dest_side, tok
        subj = next((c for c in tok.children if c.dep_ == "expl:subj" and c.lower_ in ("il", "elle", "ils", "elles")),
                    None) or subject(tok)  # "lorsqu'il s'était rendu": a pronoun the parse took for an expletive
        unit = self.v.unit(tok.i)
        if subj is None or not unit.start <= subj.i < unit.end:  # broken parse: the words before the trigger
            return set(range(unit.start, tok.i)), set(), set(), None
        phrase = subtree(subj)
        if tok.i not in {a.i for a in subj.ancestors}:  # "une délégation en visite à X": X is not the visitor
            phrase -= subtree(tok)
        return phrase, set(), set(), subj

    def listed_countries(self, phrase, found: dict, dest_countries) -> list[dict]:
        """"des délégations de Côte d'Ivoire, du Mali et du Togo": the other countries listed with the
        visitor's, each a visiting party of its own (one visit per visitor country).  The list runs on
        past the phrase where the parse hung its end elsewhere ("de Guinée-Conakry, du Mali et du Togo")."""
        def listed(m) -> bool:
            return bool(m.country) and m.kind in ("place", "demonym") and m.country not in dest_countries
        last = next((m for m in self.v.mentions_in(phrase) if listed(m) and m.country == found["country"]), None)
        if last is None:
            return []
        out, seen = [], {found["country"]}
        for m in filter(listed, self.v.mentions_in(range(last.end, self.v.unit(last.start).end))):
            gap = self.doc[last.end:m.start]
            if not all(t.lower_ in LIST_WORDS or t.pos_ == "DET" for t in gap):
                break
            if m.country not in seen:
                seen.add(m.country)
                out.append({"name": found["name"], "country": m.country, "place": m.place_name})
            last = m
        return out

    def noun_tail(self, tok, seg, unit) -> set[int]:
        """The words right after a visit noun up to the next verb, stop or host cue ("la venue cette
        année de délégations du Mali", not "la visite des lieux en présence du directeur"), read when
        the parse hangs them elsewhere."""
        out = set()
        hosts = {s for s, _, _ in self.v.cue_spans("host", unit)}
        for i in seg:
            t = self.doc[i]
            if t.pos_ in ("VERB", "AUX") or t.text in (";", ":", ".", "(", "«", "»", "\"") or "\n" in t.text \
                    or i in hosts:
                break
            out.add(i)
        return out

    def locative_clitic(self, tok) -> bool:
        """"y ont fait le déplacement", "s'y rendra": the clitic "y" of the trigger's verb."""
        head = clause_head(tok)
        return any(c.lower_ == "y" and c.pos_ == "PRON" for c in head.children) or any(
            t.lower_ == "y" and t.pos_ == "PRON" for t in self.doc[max(tok.i - 3, 0):tok.i])

    def other_clauses(self, tok) -> set[int]:
        """The clauses hung on the trigger's clause that do not hold it ("tandis que M. X poursuivra
        la mission à Davos", "pour rencontrer le ministre chinois"): their parties are not the visitor."""
        head = clause_head(tok)
        out = set()
        for c in head.children:
            if c.dep_ in ("advcl", "conj", "parataxis", "ccomp", "acl:relcl") and c.pos_ in ("VERB", "AUX"):
                inner = subtree(c)
                if tok.i not in inner:
                    out |= inner
        return out

    def names_party(self, phrase) -> bool:
        """A party noun, a person or a people among `phrase` (a place alone is no party)."""
        kinds = ("collective", "person", "diplomat")
        return any(self.comp.party_kind.get(self.doc[i].lemma_.lower()) in kinds for i in phrase) \
            or any(m.kind in ("person", "demonym") for m in self.v.mentions_in(phrase))

    def named_beside(self, head, phrase) -> bool:
        """"Son excellence Hector Izarga, Ambassadeur de Cuba, ... ont été reçus": an honorific head
        whose name, apposition or coordinated party is the one received."""
        if head is None:
            return False
        return any(self.is_party_head(ch, phrase) for ch in head.children
                   if ch.dep_ in ("appos", "flat:name", "conj")
                   or (ch.dep_ == "nmod" and ch.pos_ == "PROPN" and not any(g.dep_ == "case" for g in ch.children)))

    def locative_complements(self, head) -> set[int]:
        """"la délégation à Agen": a place complement of the party says where it is, not who it is."""
        out = set()
        for c in head.children:
            case = [g.lower_ for g in c.children if g.dep_ == "case"]
            if case and case[0] in ("à", "au", "aux"):
                out |= subtree(c)
        return out

    def core_phrase(self, head) -> set[int]:
        """A noun with its own complements, without appositions, relatives and companions."""
        out = {head.i}
        for c in head.children:
            if c.dep_ not in ("appos", "acl", "acl:relcl", "punct", "conj", "cc", "parataxis"):
                out |= subtree(c)
        return out


    def purpose(self, unit, anchor) -> str | None:
        """"pour étudier les possibilités de coopération": the first purpose clause after the trigger."""
        for s, e, _ in sorted(self.v.cue_spans("purpose", unit)):
            if s <= anchor:
                continue
            verb = self.doc[e - 1]
            last = max(subtree(verb) & set(range(s, unit.end)), default=e - 1)
            text = self.doc[s:last + 1].text
            return re.split(r"\s*[«»\"“”]|\n", text)[0].rstrip(" .,;:") or None
        return None

