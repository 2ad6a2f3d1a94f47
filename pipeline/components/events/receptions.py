"""Receptions stage: what a trigger's clause says of who receives whom, where, and whether it happened.

French-language press tells an audience from the host's side ("le président ivoirien a reçu en
audience le ministre ghanéen", "le Premier ministre a reçu les civilités de l'ambassadeur"), often
without naming the town: the host's people, else the paper's own country for an office of state,
places it (`host_seat`, `paper_seat`, `office_seat`: "reçu par le président ghanéen" is in Ghana).  An
office holder who receives his own country's official ("le Premier ministre a reçu l'ambassadeur du
Sénégal en France", in a paper of Senegal) tells no visit (`office_country`).  A meeting verb whose
subject meets at home tells the trip of the party met (`met_guest`, `meeting_seat`); a courtesy call or
credentials are received by the "à" party (`recipient`).  A trip negated, cancelled or put off
(`unreal`) or a meeting held from afar, by video or telephone (`remote`), tells none.  Mixed into `TriggerStage`.
"""
from __future__ import annotations

from ..places.shared import pipeline_gazetteer
from ..syntax import clause_head, subtree
from .places import place_dict

# The parties met who came to the office holder they meet (a diplomat is one too, by `party_nouns.tsv`).
MEETING_GUESTS = {"délégation", "mission"}
# The papers a new ambassador hands over: the party is the "de" complement after "de créance".
CREDENTIAL_NOUNS = {"copie", "lettre"}
# What a host receives from a visitor: the party is the noun's "de" complement.
COURTESY_NOUNS = {"visite", "civilités", "civilité", "hommage", "hommages", "salutations", "salut", "honneur"}


class ReceptionStage:
    """Mixin of the visit builder: the host's side of a trigger."""

    def host_seat(self, host_phrase, visitor_country, unit) -> list[dict]:
        """"Le président ivoirien a reçu en audience le ministre ghanéen": a host that only its people
        places receives in his own country (at its seat of government, which the text leaves unnamed);
        the one town of that country the sentence introduces, when it names one."""
        if not host_phrase:
            return []
        host = next((m for m in self.v.mentions_in(sorted(host_phrase)) if m.kind == "demonym"
                     and m.country and m.country != visitor_country), None)
        if host is None:
            return self.paper_seat(host_phrase, visitor_country, unit)
        dest = place_dict(host)
        return self.town_of(dest, unit, set()) or [dest]

    def paper_seat(self, host_phrase, visitor_country, unit) -> list[dict]:
        """"Le président de la République a reçu en audience le ministre burkinabè", in a paper of Côte
        d'Ivoire: an office of state that no people names is the paper's own, and receives in its country,
        when the article names no place of that country (else the article's place stands)."""
        paper = self.paper
        if not paper or paper == visitor_country or self.dateline or not any(
                s in host_phrase for s, _, _ in self.v.cue_spans("office", unit)):
            return []
        if any(m.kind == "place" and m.country == paper for m in self.v.mentions):
            return []
        country = pipeline_gazetteer().countries.get(paper)
        return [country.as_dict()] if country is not None else []

    def office_country(self, host_phrase, unit, guest=None) -> str | None:
        """The country an office holder among the host's words serves: the people or place inside his
        office's phrase ("le président ivoirien", "le Premier ministre du Ghana"); else, given the `guest`'s
        words, the paper's own for an office no people names ("le Premier ministre", in a paper of Senegal),
        when the sentence places nothing abroad outside the guest's words ("reçu à Accra par le Premier
        ministre" is Ghana's)."""
        offices = [s for s, _, _ in self.v.cue_spans("office", unit) if s in host_phrase]
        m = self.holder_place(host_phrase, offices)
        if m is not None:
            return m.country
        paper = self.paper
        if guest is None or not offices or not paper or any(m.country for m in self.v.mentions_in(sorted(host_phrase))):
            return None
        if any(m.kind == "place" and m.country and m.country != paper and m.start not in guest
               for m in self.v.mentions_in(range(unit.start, unit.end))):
            return None
        return paper

    def holder_place(self, host_phrase, offices):
        """The people or place inside an office holder's phrase among the host's words ("le président
        ghanéen", "son homologue marocain", "le maire de Dakar")."""
        holders = list(offices) + [i for i in sorted(host_phrase)
                                   if self.comp.party_kind.get(self.v.lemma_lower[i]) in ("person", "counterpart")]
        for s in holders:
            words = subtree(self.doc[s].head if self.doc[s].dep_ == "amod" else self.doc[s]) & host_phrase
            m = next((m for m in self.v.mentions_in(words) if m.kind in ("demonym", "place") and m.country), None)
            if m is not None:
                return m
        return None

    def office_seat(self, host_phrase, unit) -> list[dict]:
        """"Le ministre du Commerce a été reçu mardi par le président ghanéen": where the sentence names
        no place, an office holder whose people or country is named receives in his own country, or in
        the town his office is of ("par le maire de Dakar")."""
        offices = [s for s, _, _ in self.v.cue_spans("office", unit) if s in host_phrase]
        m = self.holder_place(host_phrase, offices)
        if m is None:
            return []
        if m.kind == "place" and (m.place or {}).get("kind") not in (None, "country"):
            return [place_dict(m)]
        found = pipeline_gazetteer().countries.get(m.country)
        if found is None:
            return []
        dest = found.as_dict()
        return self.town_of(dest, unit, set()) or [dest]

    def meeting_seat(self, subject_phrase, guest, unit) -> tuple[dict, dict] | None:
        """"Le ministre a échangé avec l'ambassadeur d'Allemagne", "... avec une délégation turque": an
        office holder of the paper's country (or of the people his words name) who meets, no place said,
        a diplomat or a delegation of another country receives it at home: (visitor, destination)."""
        if not any(self.comp.party_kind.get(self.doc[i].lemma_.lower()) == "diplomat"
                   or self.doc[i].lemma_.lower() in MEETING_GUESTS for i in guest):
            return None
        home = self.office_country(subject_phrase, unit, guest)
        visitor = self.evidence(guest, []) if home else None
        if visitor is None or visitor["country"] == home:
            return None
        country = pipeline_gazetteer().countries.get(home)
        return (visitor, country.as_dict()) if country is not None else None

    def unreal(self, tok, unit) -> bool:
        """"n'a pas pu se rendre", "a annulé sa visite", "a renoncé à se rendre": a trip negated or
        cancelled by the verbs that govern the trigger in its clause (a hoped-for or possible trip,
        "pourrait se rendre", is still an announced one)."""
        cues = {s for s, _, _ in self.v.cue_spans("unreal", unit)}
        if not cues:
            return False
        chain = [tok, tok.head] if tok.dep_ in ("obj", "nmod", "obl:arg") else [tok]  # "a annulé [sa visite]"
        while chain[-1].dep_ == "xcomp" and len(chain) < 5:
            chain.append(chain[-1].head)  # "n'a pas pu [se rendre]", "a refusé d'[effectuer] une visite"
        if tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.i in cues and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            return True  # "la visite [...] a été annulée", "reportée sine die"
        return any(t.i in cues or any(c.i in cues and c.dep_ == "advmod" for c in t.children) for t in chain)

    def remote(self, tok, unit) -> bool:
        """"s'est entretenu par visioconférence avec", "a reçu en ligne", "un entretien téléphonique": a
        meeting held from afar, a remote cue hung on the trigger or on the verb that governs it."""
        cues = self.v.cue_spans("remote", unit)
        if not cues:
            return False  # most sentences: no governing verb to look for
        heads = {tok.i, clause_head(tok).i}
        if tok.dep_ in ("obj", "nmod", "obl:arg"):
            heads.add(tok.head.i)
        for s, e, _ in cues:
            words = self.doc[s:e]
            if any(t.i in heads or t.head.i in heads for t in words) or (
                    any(abs(t.i - tok.i) <= 1 for t in words)):
                return True
        return False

    def met_guest(self, tok, seg, unit) -> set[int]:
        """The party a meeting verb meets: its object ("a rencontré le ministre"), else the phrase of the
        first "avec" after it ("s'est entretenu avec son homologue")."""
        in_unit = set(range(unit.start, unit.end))
        obj = next((c for c in tok.children if c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN")
                    and c.i not in self.v.date_tokens and self.is_party_head(c, subtree(c))), None)
        if obj is not None:
            return subtree(obj) & in_unit
        k = next((i for i in seg if self.doc[i].lower_ == "avec"), None)
        if k is None or self.doc[k].head.i <= k:
            return set()
        return subtree(self.doc[k].head) & in_unit

    def recipient(self, tok):
        """The party a verb or its object is given to ("a accordé une audience à une délégation", "a
        rendu une visite de courtoisie au ministre", "a présenté ses lettres de créance au président")."""
        nodes = [tok] + [c for c in tok.children if c.dep_ == "obj"]
        nodes += [t for t in tok.subtree if t.i > tok.i and t not in nodes]  # "une copie de ses lettres [...] au président"
        return next((c for n in nodes for c in n.children if c.i > tok.i and any(
            g.dep_ == "case" and g.lower_ in ("à", "au", "aux") for g in c.children)
            and self.is_party_head(c, subtree(c))), None)

    def recipient_phrase(self, tok) -> set[int]:
        """The words of the party `recipient` finds, none when it finds none."""
        party = self.recipient(tok)
        return subtree(party) if party is not None else set()

    @staticmethod
    def courtesy_of(obj):
        """"a reçu la visite du ministre", "les civilités de l'ambassadeur": the party whose visit or
        courtesies a host receives is the "de" complement of the received noun."""
        def of(c):
            return c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in ("de", "du", "des", "d'", "d’")
                                            for g in c.children)
        if obj.lemma_.lower() in CREDENTIAL_NOUNS:  # "les copies figurées des lettres de créance de l'ambassadeur"
            credence = next((t for t in obj.subtree if t.lower_ == "créance"), None)
            if credence is None:
                return obj  # "a reçu une lettre de son homologue": no visit
            return next((t for t in obj.subtree if t.i > credence.i and of(t)), obj)
        if obj.lemma_.lower() not in COURTESY_NOUNS:
            return obj
        return next((c for c in obj.children if of(c)), obj)
