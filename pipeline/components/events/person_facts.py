"""What a named person's own words say: the party noun of the title, an office, membership of the
travelling party, being someone's own ("son épouse"), an embassy.  Read by the participant and host
stages when they put each person on a side."""
from __future__ import annotations

from ..countries import Mention
from ..syntax import determiner
from .referents import HONORIFICS


class PersonFactStage:
    """Mixin of `VisitBuilder` (needs `doc` and `comp.party_kind`)."""

    def title_noun(self, m: Mention) -> str | None:
        """The party noun of a person's title ("ministre", "consul"), from the people layer or from the
        phrase the name stands in apposition to ("le secrétaire d'Etat au commerce extérieur, monsieur
        François Huwart")."""
        kinds = self.comp.party_kind
        word = next((w for w in (m.title or "").lower().split() if kinds.get(w)), None)
        if word:
            return word
        k = m.start - 1
        while k >= 0 and (self.doc[k].lower_ in HONORIFICS or self.doc[k].text == ","):
            k -= 1
        for t in reversed(self.doc[max(k - 7, 0):k + 1]):
            if t.text in (",", ";", "(", ".") or t.pos_ in ("VERB", "AUX", "PROPN"):
                return None
            if kinds.get(t.lemma_.lower()) in ("person", "diplomat") and t.pos_ == "NOUN":
                return t.lemma_.lower()
        return None

    def official(self, m: Mention) -> bool:
        """A person named with a title of office ("ministre", "maire", "secrétaire d'Etat")."""
        return self.comp.party_kind.get(self.title_noun(m)) == "person"

    def member(self, m: Mention, trip) -> bool:
        """"Jérôme Leleu est du voyage", "X, présent au sein de cette délégation", "X, chef de la mission":
        a person whose own predicate (a copula, an adjective, an apposition) governs the trip or party
        noun travels with it."""
        root = self.doc[m.start:m.end].root
        t = trip
        for _ in range(3):  # up through nouns and adjectives only: "Le maire a salué la visite" is no member
            copula = any(g.dep_ == "cop" for g in t.children)
            if (root.head.i == t.i and root.dep_.startswith("nsubj") and copula) or \
                    (t.head.i == root.i and (t.dep_ in ("acl", "amod", "appos") or copula)):
                return True
            if t.head.i == t.i or t.head.pos_ not in ("NOUN", "ADJ"):
                return False
            t = t.head
        return False

    def possessed(self, m: Mention) -> bool:
        """"son épouse Peng Liyuan", "ses adjoints X et Y": a person named as someone's own, on the side
        of that someone; not "son homologue", who is on the other side."""
        head = self.doc[m.start].head
        return head.i < m.start and head.pos_ == "NOUN" and determiner(head) == "poss" \
            and self.comp.party_kind.get(head.lemma_.lower()) != "counterpart"

    def embassy(self, m: Mention) -> bool:
        """"l'Ambassade de France", "le consulat général": a country's mission abroad."""
        return any(self.comp.party_kind.get(t.lemma_.lower()) in ("embassy", "diplomat") for t in self.doc[m.start:m.end])
