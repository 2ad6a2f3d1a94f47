"""Who a party speaks for, and a party told again by its noun alone.

- "Le ministre X, porteur d'un message du président Y, a été reçu à Z": the messenger travels, the
  sender stays home; likewise "l'émissaire du roi", "l'envoyé spécial du président Y": the persons of the
  sender's words are no visitors.
- "Le périple de la délégation s'est poursuivi à Kairouan", "La mission a ensuite gagné Sousse": a
  definite party or trip noun naming no country stands for the party the article told before.
"""
from __future__ import annotations

# Nouns of what a messenger carries ("porteur d'un message de"), and of an envoy ("l'émissaire du président").
_CARRIED = {"message", "lettre", "pli", "missive", "invitation"}
_CARRIERS = {"porteur", "porteuse", "porteurs", "porteuses", "chargé", "chargée"}
_ENVOYS = {"émissaire", "émissaires", "envoyé", "envoyée", "envoyés"}
_OF = {"de", "du", "des", "d'", "d’"}
_STOPS = {",", ";", "(", ")", "—", "–", ":"}
_DEFINITE = {"le", "la", "l'", "l’", "les"}


def sender_tokens(doc, phrase) -> set[int]:
    """The tokens of the sender a messenger or an envoy speaks for, within `phrase`: from the "de"
    after "porteur d'un message" / "émissaire" to the end of that apposition."""
    out, tokens = set(), sorted(phrase)
    for i in tokens:
        t = doc[i]
        low = t.lower_
        carried = low in _CARRIED and any(doc[j].lower_ in _CARRIERS for j in range(max(i - 3, 0), i))
        if not (carried or (low in _ENVOYS and i != tokens[0])):
            continue
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "spécial":
            j += 1
        if j >= len(doc) or doc[j].lower_ not in _OF:
            continue
        while j < len(doc) and j in phrase and doc[j].text not in _STOPS:
            out.add(j)
            j += 1
    return out


def told_again(words, party_kind: dict) -> bool:
    """"Le périple de la délégation", "la délégation", "la mission": a definite phrase whose nouns are
    all party or trip nouns (collective or visit), none a person's title: the party told before."""
    if len(words) < 2 or words[0].lower_ not in _DEFINITE:
        return False
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and all(party_kind.get(t.lemma_.lower()) in ("collective", "visit") for t in nouns)
