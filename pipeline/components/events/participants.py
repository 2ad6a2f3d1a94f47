"""Participants stage: who travels (visitor party, its country, named visitors), and on which side each party stands.

The visitor's country is what its own words carry (see `countries`): a demonym,
a place, an official's title or organisation; the possessor of "sa visite"; else a
party of another country named in the sentence; else, for an official of no named
country going abroad or received abroad, the paper's own country (`press`: its
dateline's, else its address's country-code domain's, else the country the article
names most beside the trip's, else the config's `home_country`).  A place after a
place preposition, a dateline, a demonym of the visit noun ("sa visite parisienne")
say where, not who; a relation ("franco-qatari") gives the side that is not the
destination's.  Named visitors come from the party's words, the name it stands in
apposition to, leader cues ("conduite par", "composée de", "parmi lesquels") and
members ("X est du voyage").  Each named party goes to its side by the country
its words carry (`sides`); who receives is the hosts stage's (`hosts`).
"""
from __future__ import annotations

from collections import Counter

from ...text import fold_words as fold
from ..countries import Mention, press_country, relation_countries, resolve
from ..syntax import SUBJECT_PRONOUNS, clause_head, determiner, subject, subtree
from .person_facts import PersonFactStage
from .referents import HONORIFICS, ReferentStage
from .senders import sender_tokens, told_again

# Bodies that govern a place which `place_nouns.tsv` (the nouns of the place units) does not list.
COUNCIL_NOUNS = {"municipalité", "communauté", "canton"}
_DELEGATES = {"représentant", "représentante", "responsable", "dirigeant", "dirigeante", "direction"}
_AGENT_STOPS = {".", ";", ":", "«", "»", "(", "!", "?"}
_CLAUSE_STARTS = {"où", "qui", "que", "qu'", "qu’", "avant", "puis", "pour", "afin", "lors", "dont", "tandis"}


class ParticipantStage(ReferentStage, PersonFactStage):
    """Mixin of the visit builder: visitor party and hosts of one candidate."""

    def agent_span(self, e: int, unit) -> list[int]:
        """The words of a "par ..."/"en présence de ..." complement up to the clause's end, coordinated
        parts included: "par le maire, Hervé Dumas, et par Sophie Berthelot, adjointe"."""
        out = []
        for t in self.doc[e:unit.end]:
            if t.text in _AGENT_STOPS or (t.lower_ in _CLAUSE_STARTS and not self.listing(t)) or \
                    (t.pos_ in ("VERB", "AUX") and {"Fin", "Inf"} & set(t.morph.get("VerbForm"))):
                break
            out.append(t.i)
        return out

    def listing(self, t) -> bool:
        """"plusieurs chefs d'entreprise, dont Jean Martin": a "dont" that lists some of the party told,
        not one that opens a relative clause ("dont il est le maire")."""
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        return t.lower_ == "dont" and nxt is not None and (
            nxt.pos_ in ("DET", "PROPN", "NUM") or nxt.lower_ in HONORIFICS)

    def agent_mentions(self, e: int, unit, kinds=("person", "org")) -> list[Mention]:
        """Persons and organisations of an agent span, a person's own institution included ("par
        Jean Dupont, président de la CCI": both receive)."""
        return [m for m in self.v.mentions_in(self.agent_span(e, unit))
                if m.kind in kinds or ("org" in kinds and self.institution(m))]

    def parties_under(self, head, start: int, end: int) -> list[Mention]:
        """The persons and bodies in the phrase of `head`, within tokens start..end."""
        return [] if head is None else [m for m in self.v.mentions_in(subtree(head) & set(range(start, end)))
                                        if m.kind in ("person", "org") or self.institution(m)]

    def institution(self, m: Mention) -> bool:
        """"la Région Occitanie", "la ville de Paris": a place named as the body that governs it; "les
        représentants de X": a place-like name whose people speak for a body."""
        if m.kind != "place":
            return False
        doc = self.doc
        return doc[m.start].lemma_.lower() in self.comp.town_nouns or (  # "les représentants de Lomé Port": theirs
            m.start >= 2 and doc[m.start - 1].lower_ in ("de", "du", "d'", "d’")
            and (doc[m.start - 2].lemma_.lower() in self.comp.town_nouns or doc[m.start - 2].lemma_.lower() in _DELEGATES))

    def read_parties(self) -> None:
        """What the participants stage reads once per article: the paper's dateline country, the paper's
        own country (`press`: its dateline's, else its address's country-code domain's, else the
        component's `home_country`), names the NER took for places."""
        self.dateline, self.dateline_words = self.dateline_country()
        self.paper = self.dateline or press_country(self.doc)  # what the article itself says of its paper
        self.press = self.paper or self.comp.home_country
        # how often the article names each country by a place or a people ("la Côte d'Ivoire", "ivoiriennes")
        self.named_countries = Counter(m.country for m in self.v.mentions
                                       if m.country and m.kind in ("place", "demonym")
                                       and m.start not in self.dateline_words and not relation_countries(m.text))
        self.party_countries = Counter(m.country for m in self.v.mentions if m.country and self.names_official(m))
        self.titled_people()

    def names_official(self, m: Mention) -> bool:
        """"Macky Sall, président du Sénégal", "le président sénégalais", "le chef de l'Etat sénégalais": a
        person or a demonym of a person's title (up to two nouns above it) says whose officials are told."""
        if m.kind == "person":
            return True
        t = self.doc[m.start]
        for _ in range(2):
            if m.kind != "demonym" or t.head.i == t.i:
                return False
            t = t.head
            if self.comp.party_kind.get(t.lemma_.lower()) in ("person", "diplomat"):
                return True
        return False

    def titled_people(self) -> None:
        """"le maire de Pékin, Yin Yong", "le ministre marocain de l'Industrie, Ryad Mezzour": a name the
        NER took for a place that no gazetteer knows as a whole, or for a body (`titled_name`), in
        apposition to a person's title, is that person."""
        doc, kinds = self.doc, self.comp.party_kind
        for m in self.v.mentions:
            if m.kind == "org" and self.titled_name(m):  # "le maire de Lodz, Hanna Zdanowska," taken for a body
                m.kind, m.label = "person", "PER"
                continue
            if m.kind != "place" or (m.place and not m.inner) or m.end - m.start < 2 \
                    or not all(t.text[:1].isupper() and t.pos_ in ("PROPN", "X", "PUNCT") for t in doc[m.start:m.end]):
                continue
            head = doc[m.start:m.end].root.head
            titled = head.pos_ == "NOUN" and head.i < m.start and kinds.get(head.lemma_.lower()) in ("person", "diplomat")
            if not titled and m.start > 0 and doc[m.start - 1].text == ",":
                for t in reversed(doc[max(m.start - 9, 0):m.start - 1]):
                    if t.is_punct or t.pos_ in ("VERB", "AUX"):
                        break
                    if t.pos_ == "NOUN" and kinds.get(t.lemma_.lower()) in ("person", "diplomat"):
                        titled = True
                        break
            if titled:  # "Ryad Mezzour" holds no Riyadh
                m.kind, m.label, m.country, m.place, m.inner = "person", "PER", None, None, False

    def titled_name(self, m: Mention) -> bool:
        """A first and last name (two or three capitalised words, no acronym) set off by commas right
        after a person's title, in apposition to it: the person, whatever the NER took it for."""
        doc = self.doc
        words = doc[m.start:m.end]
        if not 2 <= len(words) <= 3 or m.start == 0 or doc[m.start - 1].text != "," \
                or m.end >= len(doc) or doc[m.end].text not in (",", ".") \
                or not all(t.is_title and t.text.replace("-", "").isalpha() and t.pos_ == "PROPN" for t in words):
            return False
        head = words.root.head
        return words.root.dep_ == "appos" and head.i < m.start and head.pos_ == "NOUN" \
            and self.comp.party_kind.get(head.lemma_.lower()) in ("person", "diplomat")

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
        lemmas = self.v.lemma_lower
        words = [lemmas[i] for i in phrase]
        words += [w for m in self.v.mentions_in(phrase) if m.title for w in fold(m.title).split()]
        return any(kinds.get(w) == "diplomat" for w in words)

    def located(self, m: Mention) -> bool:
        """"il prendra part à des rencontres à Paris", "le ministre, à Davos, ...": a place after a place
        preposition says where a party is, not who it is (unlike "le maire de Lyon"); so does a
        dateline ("Kinshasa, 10 janv. 2017 (ACP) – ...", its agency included)."""
        if m.start in self.dateline_words:
            return True
        if m.kind != "place":
            return False
        if self.is_dateline(m):
            return True
        k = m.start - 1
        while k >= 0 and self.doc[k].pos_ == "DET" and m.start - k <= 2:
            k -= 1
        return k >= 0 and self.doc[k].lower_ in self.comp.prepositions

    def is_dateline(self, m: Mention) -> bool:
        """"Kinshasa, 10 janv. 2017 (ACP) –", "RABAT, le 12 mars –", "Tunis –", "DAKAR (APS) –": the place an
        article is filed from, opening a sentence, then a date or a dash (after its agency)."""
        doc, end = self.doc, m.end
        if m.start != self.v.unit(m.start).start or end + 1 >= len(doc):
            return False
        if doc[end].text == "(":  # "DAKAR (APS) –": the agency, then the dash
            close = next((t.i for t in doc[end + 1:min(end + 5, len(doc) - 1)] if t.text == ")"), None)
            end = close + 1 if close is not None else end
        return doc[end].text.lstrip(".") in ("–", "—", "-") or (doc[end].text == "," and any(
            i in self.v.date_tokens for i in range(end + 1, min(end + 3, len(doc)))))

    def dateline_country(self) -> tuple[str | None, range]:
        """The country of the article's dateline, among its first sentences (the paper's own), and the
        dateline's words up to its dash (its agency, "(MAP)", receives no one)."""
        for unit in self.v.units[:4]:
            m = next(iter(self.v.mentions_in(range(unit.start, unit.start + 1))), None)
            if m is None or m.kind != "place":  # "DAKAR, 3 mars (APS) –": a town the NER missed or took for a body
                m = self.town_at_start(unit) or m
            if m is not None and m.kind == "place" and m.country and self.is_dateline(m):
                dash = next((t.i for t in self.doc[m.end:min(m.end + 12, unit.end)]
                             if t.text.lstrip(".") in ("–", "—", "-")), m.end)  # "(ACP).–"
                return m.country, range(m.start, dash)
        return None, range(0)

    def town_at_start(self, unit) -> Mention | None:
        """"BRAZZAVILLE, le 4 juin –", "Dakar, 3 mars (APS) –", "Rabat -": the capitalised name before a
        line's first comma, dash or agency, resolved as a town (the NER often misses it in capitals)."""
        doc, end = self.doc, unit.start
        while end < min(unit.start + 4, unit.end) and doc[end].text not in (",", "–", "—", "-") \
                and (doc[end].is_upper or doc[end].is_title or doc[end].pos_ == "PROPN") \
                and end not in self.v.date_tokens:  # "Rabat -", which the tagger may take for a noun
            end += 1
        if end == unit.start or end == unit.end or doc[end].text not in (",", "–", "—", "-", "("):
            return None
        place = resolve(doc[unit.start:end].text)
        if not place or place.get("kind") != "city":  # a town; "Maroc - Espagne : ..." is a headline
            return None
        return Mention(unit.start, end, "place", doc[unit.start:end].text, "LOC", place.get("country"), place)

    def met_party(self, phrase) -> set[int]:
        """"une rencontre avec le maire", "ses entretiens avec les dirigeants de X": the party met, the
        complement of "avec" inside the visitor's words (not "avec son épouse": the visitor's own)."""
        out = set()
        for i in self.v.avec_heads.intersection(phrase):
            t = self.doc[i]
            if t.head.i in phrase and t.head.i != i and determiner(t) != "poss":
                out |= subtree(t) & set(phrase)
        return out

    @staticmethod
    def names_destination(m: Mention, dest_names) -> bool:
        """"Pékin", "Mission Ouzbékistan": the place visited, or a trip named after it, is no party."""
        words = f" {fold(m.text)} "
        return any(f" {name} " in words for name in dest_names)

    def party_country(self, m: Mention, dest_countries) -> str | None:
        """The country a mention gives its party; of a relation ("le cercle franco-qatari" at Cannes,
        "les relations franco-malgaches" at Madagascar), the side that is not the destination's."""
        if m.kind == "demonym" and (codes := relation_countries(m.text)):
            return next((code for code in codes if code not in dest_countries), None)
        return m.country

    def not_party(self, m: Mention) -> bool:
        """A demonym of where a trip goes ("sa visite parisienne", "sa tournée africaine": it qualifies the
        visit noun), no party."""
        if m.kind != "demonym":
            return False
        head = self.doc[m.start].head
        return head.pos_ == "NOUN" and self.doc[m.start].dep_ == "amod" and head.i < m.start \
            and self.comp.party_kind.get(head.lemma_.lower(), "visit" if head.i in self.v.trigger_tokens else None) == "visit"

    def evidence(self, phrase, dests) -> dict | None:
        """The visiting party: first mention in its phrase that carries a country."""
        dest_names = {fold(d["name"]) for d in dests}
        dest_countries = {d["country"] for d in dests}
        phrase = set(phrase) - self.met_party(phrase)
        mentions = [m for m in self.v.mentions_in(phrase) if not self.names_destination(m, dest_names)
                    and not self.located(m) and not self.not_party(m)]
        first = next((m for m in mentions if self.party_country(m, dest_countries)), None)
        if first is None:
            return None
        country = self.party_country(first, dest_countries)
        place = next((m.place_name for m in mentions
                      if m.country == country and m.place_name), None)
        if place is None and first.kind == "demonym":  # "la ville espagnole de Cuenca": the place the demonym locates
            place = next((m.text for m in mentions if m.kind == "place" and 0 < m.start - first.end <= 2
                          and self.doc[m.start - 1].lower_ in ("de", "d'", "d’")), None) or self.name_after(first.end, phrase)
        return {"name": self.phrase_text(phrase), "country": country, "place": place}

    def local_party(self, phrase, dests) -> dict | None:
        """"Le président de la Région a conduit une mission au Maroc": an official of no named country
        going abroad is one of the paper's own (the article's country, else the paper's, `press`);
        a dateline ("Rabat, 12 mars (MAP) – Le ministre de l'Industrie s'est rendu à Paris") or the
        paper's address says it alone."""
        press = self.press
        home = press if self.paper else self.own_country({d["country"] for d in dests})
        if any(d["country"] in (home, press) for d in dests):
            return None
        words = [self.doc[i] for i in sorted(phrase)]
        mentions = self.v.mentions_in(phrase)
        named = any(m.kind == "person" for m in mentions)  # "François Hollande a atterri à Astana"
        if not (named or any(self.comp.party_kind.get(t.lemma_.lower()) in ("person", "collective") for t in words)) \
                or any(m.kind in ("person", "place", "demonym") and m.country and not self.located(m)
                       and not self.not_party(m) and not relation_countries(m.text) for m in mentions):
            return None
        told = self.told_sides
        if told and told[0] not in (home, press) and told_again(words, self.comp.party_kind):
            return {"name": self.phrase_text(phrase), "country": told[0], "place": None}  # "Le périple de la délégation"
        if named and told and told[0] not in (home, press) and not {d["country"] for d in dests} & {told[0], *told[1]}:
            # "Par la suite, Mme Girault se rendra en Bavière", after a Québec mission to Paris: on a third
            # country's soil, a person of no country named in a foreign party's story goes on with it
            return {"name": self.phrase_text(phrase), "country": told[0], "place": None}
        return {"name": self.phrase_text(phrase), "country": home, "place": None}

    def own_country(self, dest_countries) -> str:
        """The country of a paper that no dateline nor address names: the one the article names most,
        twice at least, among those its trip does not go to ("Le ministre du Commerce a conduit une
        délégation à Casablanca [...] les entreprises ivoiriennes"); else, where the article never names
        the press's `home_country`, the country of the officials it names; else `home_country`."""
        named = [(n, code) for code, n in self.named_countries.most_common() if code not in dest_countries]
        if named and named[0][0] >= 2:
            return named[0][1]
        if not self.named_countries[self.press]:  # "le chef de l'Etat sénégalais [...] Macky Sall s'est rendu à Madrid"
            return next((code for code, _ in self.party_countries.most_common() if code not in dest_countries), self.press)
        return self.press

    def sentence_evidence(self, unit, dest_countries, exclude) -> dict | None:
        """Fallback: a party of another country than the destination, named in the sentence."""
        if not dest_countries:
            return None
        tokens = [i for i in range(unit.start, unit.end) if i not in exclude]
        for m in self.v.mentions_in(tokens):
            country = self.party_country(m, dest_countries)
            if country and country not in dest_countries and not self.located(m) and not self.not_party(m):
                place = m.place_name if m.country == country else None
                place = place or (self.name_after(m.end, set(tokens)) if m.kind == "demonym" else None)
                return {"name": self.party_name(m), "country": country, "place": place}
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
        a leading date, dateline or adverb ("Vendredi, le ministre", "DAKAR, 3 mars (APS) – Le ministre");
        None when no noun phrase is left."""
        toks = sorted(phrase)
        if not toks:
            return None
        start = toks[0]
        while start in phrase and (self.doc[start].is_punct or start in self.v.date_tokens or start in self.dateline_words
                                   or self.doc[start].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ")):
            start += 1
        if start not in phrase or self.doc[start].pos_ in ("VERB", "AUX") or self.doc[start].lower_ in SUBJECT_PRONOUNS:
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

    def named_visitors(self, phrase, unit) -> list[dict]:
        """Persons in the party's words, the person they stand in apposition to ("Xi Jinping, premier
        président chinois à se rendre au Congo"), those of leader cues ("conduite par") and the subjects
        of member cues ("X prendra la tête de la délégation"); not the party met ("sa visite ... par un
        déjeuner avec le président X")."""
        phrase = set(phrase) - self.met_party(phrase) - sender_tokens(self.doc, phrase)  # "porteur d'un message de X"
        people = [m for m in self.v.mentions_in(phrase) if m.kind == "person"]
        for i in phrase:
            t = self.doc[i]
            if t.dep_ == "appos" and t.head.i not in phrase:
                people += [m for m in self.v.mentions_in(range(max(t.head.i - 3, 0), t.head.i + 1))
                           if m.kind == "person" and m.start <= t.head.i < m.end]
        for s, e, _ in self.v.cue_spans("leader", unit):
            if self.other_body(s, phrase):
                continue
            head = self.cue_object(e, unit)
            if head is not None:
                people += [m for m in self.v.mentions_in(subtree(head) & set(range(e, unit.end)))
                           if m.kind == "person"]
            people += self.agent_mentions(e, unit, kinds=("person",))
        for s, e, _ in self.v.cue_spans("member", unit):  # "X prendra la tête de la délégation qui se rend à Y"
            subj = self.doer(clause_head(self.doc[s]))
            if subj is not None:
                people += [m for m in self.members(subj, s, e, unit) if m.kind == "person"]
        if not people and phrase:  # "le Premier ministre s'est rendu à Genève": the one named so before
            people = [m for m in [self.titled_referent(phrase, min(phrase))] if m is not None]
        out, seen = [], set()
        for m in people:
            if fold(m.text) not in seen:
                seen.add(fold(m.text))
                out.append({"name": m.text, "title": m.title})
        return out

    def colon_members(self, c, unit) -> list[Mention]:
        """"Une délégation de trois élus s'est rendue à Sontra : Jean Martin, Paul Durand et Marie Leroy":
        the persons a colon lists, with no verb of their own, after the clause where the visitors go
        are the party's members (not after "ils ont rencontré les élus :")."""
        if c.voice not in ("visitor", "passive"):
            return []
        colon = next((t.i for t in self.doc[c.anchor:unit.end] if t.text == ":"), None)
        if colon is None or colon == c.anchor or any(t.pos_ in ("VERB", "AUX") for t in self.doc[colon + 1:unit.end]):
            return []
        verb = clause_head(self.doc[colon - 1])
        if verb.i != clause_head(self.doc[c.anchor]).i or any(ch.dep_ == "obj" for ch in verb.children):
            return []
        return [m for m in self.v.mentions_in(range(colon + 1, unit.end)) if m.kind == "person"]

    def other_body(self, s: int, phrase) -> bool:
        """"Le comité de jumelage, présidé par Annie Durand, avait organisé ...": a leader cue whose
        clause is about a body that is neither the visiting party's words nor a party noun leads that
        body, not the visitors."""
        subj = subject(clause_head(self.doc[s]))
        return subj is not None and subj.pos_ == "NOUN" and subj.i not in phrase \
            and not self.comp.party_kind.get(subj.lemma_.lower())

    def cue_visitors(self, e: dict, unit, cues) -> None:
        """"Il était accompagné de X", "La délégation était conduite par X", "Elle comprend le maire, X",
        "X et Y sont du voyage": leader and member cues of a sentence that holds no visit of its own name
        the visitors of the trip `e` told last before it, when their clause is about that party; a person
        of the destination's country among them receives them instead."""
        home, dest = e["visitor"].get("country"), e["destination"].get("country")
        names = {fold(x["name"]) for x in e["visitors"] + e["hosts"]}
        for kind, s, end in cues:
            verb = clause_head(self.doc[s])
            subj = self.doer(verb)
            side = self.told_side(subj, e, collective_only=kind == "members")
            if kind == "leader":
                head = self.cue_object(end, unit)
                people = self.parties_under(head, end, unit.end) + self.agent_mentions(end, unit, kinds=("person",))
                if subj is not None and self.doc[s].lower_.startswith("accompagn"):
                    people += self.parties_under(subj, unit.start, s)  # "Le maire, X, était accompagné de Y": X too
            elif kind == "members":  # "Elle comprend le maire, X": the verb's object, not "compte rencontrer X"
                people = [m for c in verb.children if c.dep_ == "obj" for m in self.parties_under(c, end, unit.end)]
            elif kind == "member" and subj is not None:  # "X et Y sont du voyage": the subject
                people, side = self.members(subj, s, end, unit), side or "visitor"
            else:
                continue
            # "X, accompagné par Y, président de la Chambre d'agriculture": the press names its own country's
            # officials without a country; one who accompanies a foreign party at home receives it
            guide = kind == "leader" and self.doc[s].lower_.startswith("accompagn") and dest == self.press != home
            for m in people:
                key = fold(m.text)
                if side is None or m.kind != "person" or key in names or not self.can_host(m):
                    continue
                names.add(key)
                if side == "host" or (m.country and m.country == dest != home) or (
                        guide and m.country is None and self.official(m) and not self.possessed(m)):
                    e["hosts"].append({"name": m.text, "label": m.label})
                else:
                    e["visitors"].append({"name": m.text, "title": m.title})

    @staticmethod
    def doer(verb):
        """The subject of a cue's verb; of a cleft ("C'est X, premier adjoint, qui conduit la délégation"),
        whose relative "qui" the parse hangs on the name, the name it stands for."""
        subj = subject(verb)
        if subj is not None and subj.lower_ == "qui" and "Rel" in subj.morph.get("PronType") \
                and verb.head.i != verb.i and verb.head.i < subj.i and verb.head.pos_ in ("PROPN", "NOUN"):
            return verb.head
        return subj

    def members(self, subj, s: int, end: int, unit) -> list[Mention]:
        """The persons a member cue names: its subject's, those of a parenthesis right after it ("trois
        conseillers d'Etat sont du voyage (les autres sont X et Y)") and those it adds after "ainsi que"
        ("X est du voyage, ainsi que le syndic de Lausanne, Y, et la conseillère Z"); a cue put before its
        subject ("À la tête du groupe, le maire, X, ...") names the subject after it."""
        people = self.parties_under(subj, unit.start, s) if subj.i < s else self.parties_under(subj, end, unit.end)
        if end < unit.end and self.doc[end].text == "(":  # "sont du voyage (les autres sont X et Y)"
            close = next((t.i for t in self.doc[end:unit.end] if t.text == ")"), end)
            people += [m for m in self.v.mentions_in(range(end + 1, close)) if m.kind == "person"]
        also = next((t.i for t in self.doc[end:unit.end - 1] if t.lower_ == "ainsi" and self.doc[t.i + 1].lower_ == "que"), None)
        if also is not None:
            people += self.agent_mentions(also + 2, unit, kinds=("person",))
        return people

    def told_side(self, subj, e: dict, collective_only=False) -> str | None:
        """Which side of the trip `e` a clause's subject is: the visitors for a pronoun, a party or trip
        noun ("la délégation", "la visite"), the trip's own head noun or one of its named visitors; the
        hosts for one of its hosts or a person of the destination's country; else the paper's official's
        side (`own_side`) or None."""
        if subj is None:
            return None
        kind = self.comp.party_kind.get(subj.lemma_.lower())
        if subj.lower_ in ("il", "elle", "ils", "elles") or kind in ("collective", "visit"):
            return "visitor"
        if collective_only:
            return None
        if subj.lemma_.lower() == e["_head"]:
            return "visitor"
        for m in self.v.mentions_in(subtree(subj)):
            key = fold(m.text)
            if key in {fold(v["name"]) for v in e["visitors"]}:
                return "visitor"
            if key in {fold(h["name"]) for h in e["hosts"]} or (
                    m.kind == "person" and m.country == e["destination"].get("country") != e["visitor"].get("country")):
                return "host"
        return self.own_side(subj, e)

    def own_side(self, subj, e: dict) -> str | None:
        """"Le chef de l'Etat sera accompagné du ministre X", "Le maire était accompagné de son adjoint": an
        official named by title alone is the paper's own, on the side of the trip that is its country's
        (its visitors abroad, its hosts at home)."""
        home, dest = e["visitor"].get("country"), e["destination"].get("country")
        if self.comp.party_kind.get(subj.lemma_.lower()) != "person" or home == dest \
                or any(m.country for m in self.v.mentions_in(subtree(subj))):
            return None
        return "visitor" if home == self.press else "host" if dest == self.press else None

    @staticmethod
    def join_visitors(c, people: list[Mention]) -> None:
        """Add persons to the candidate's named visitors (and so out of its hosts)."""
        names = {fold(v["name"]) for v in c.visitors}
        for m in people:
            if fold(m.text) not in names:
                names.add(fold(m.text))
                c.visitors.append({"name": m.text, "title": m.title})

    def sides(self, c, found: list[Mention], unit) -> list[Mention]:
        """Each named party on its own side by the country its words carry: a person or body of the
        visitors' country is one of the visitors ("la délégation wallonne ... le ministre-président du
        Gouvernement wallon"), a person of the destination's country among the visitors is a host
        ("accompagné par le ministre algérien"); a diplomat of the visitors' country posted there hosts."""
        told = self.told_sides  # the last party told with its destination: "Il a rencontré ..."
        home = c.visitor["country"] if c.visitor else (told or (None,))[0]
        dest = {d["country"] for d in c.destinations}
        head = c.visitor_head
        if home and dest and home not in dest:
            self.told_sides = (home, dest, head)
        elif told and told[0] == home and not dest:  # a destination of its own stands
            dest, head = told[1], told[2]
        if not home or not dest or home in dest:
            return found
        cued = {i for s, e, _ in self.v.cue_spans("host", unit) for i in self.agent_span(e, unit)}
        hosts, theirs = [], []
        for m in found:
            # "Le Consul de Pologne était en visite ... Le Consul Dariusz Nowak s'est dit fier": the diplomat
            # told before, named by his title again
            told_diplomat = m.kind == "person" and m.country is None and m.start not in cued \
                and self.comp.party_kind.get(head) == "diplomat" and self.title_noun(m) == head
            if not told_diplomat and (m.country != home or self.is_diplomat(range(m.start, m.end)) or self.embassy(m)):
                hosts.append(m)
            elif m.kind == "person":
                theirs.append(m)
        self.join_visitors(c, theirs)
        people = {fold(m.text): m for m in self.v.mentions_in(range(unit.start, unit.end)) if m.kind == "person"}
        press = self.press
        companions = {i for s, e, _ in self.v.cue_spans("leader", unit) if self.doc[s].lower_.startswith("accompagn")
                      for i in self.agent_span(e, unit)} if press in dest else set()
        for v in list(c.visitors):
            m = people.get(fold(v["name"]))
            # "accompagné par le secrétaire d'Etat au commerce extérieur, François Huwart": the press names
            # its own country's officials without a country, a visitor's get one ("le ministre nigérian")
            local = m is not None and m.country is None and m.start in companions and self.official(m) \
                and not self.possessed(m)
            if m is not None and (m.country in dest or local):
                c.visitors.remove(v)
                hosts.append(m)
        return hosts
