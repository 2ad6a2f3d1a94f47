"""What a mention's clause says: where its sentence starts, and the tense of its verb."""
from __future__ import annotations

from spacy.tokens import Span

def sentence_start(span: Span) -> int:
    """First token of the mention's sentence, cut at line breaks (a dateline line is not the lead's sentence)."""
    try:
        start = span.sent.start
    except ValueError:      # no parser: lines are the only boundaries
        start = 0
    for i in range(span.start - 1, start - 1, -1):
        if "\n" in span.doc[i].text_with_ws:
            return i + 1
    return start


def tense_of(span: Span, etre_verbs: set[str]) -> str | None:
    """Tense of the clause governing the mention: past, present or future (None without a parse).

    `etre_verbs` are the verbs whose passé composé takes "être" ("est repartie"), which the
    parser labels as a present passive.
    """
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    token = span.root
    for _ in range(6):
        found = token_tense(token, etre_verbs)
        if found:
            return found
        if token.head is token:
            break
        token = token.head
    for token in span.sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and not token.dep_.startswith("aux")):
            found = token_tense(token, etre_verbs)
            if found:
                return found
    return None


FUTURE_ENDINGS = ("ront", "rons", "rez", "rai", "ras", "ra", "rait", "raient", "rions", "riez")


def looks_future(token) -> bool:
    """Future or conditional ending the tagger read as present ("défileront"); not a passé simple ("entra")."""
    text, lemma = token.lower_, token.lemma_.lower()
    return (text.endswith(FUTURE_ENDINGS) and text != lemma
            and not (lemma.endswith("er") and text == lemma[:-2] + "a"))


def token_tense(token, etre_verbs: set[str]) -> str | None:
    auxes = [c for c in token.children if c.dep_ in ("aux:tense", "aux:pass", "aux", "cop")]
    for a in auxes:
        if "Fut" in a.morph.get("Tense") or "Cnd" in a.morph.get("Mood"):
            return "future"
    tense, mood, form = token.morph.get("Tense"), token.morph.get("Mood"), token.morph.get("VerbForm")
    if token.pos_ in ("VERB", "AUX"):
        if "Part" in form and any(a.dep_ == "aux:tense" or (a.lemma_ == "être" and token.lemma_ in etre_verbs)
                                  for a in auxes):
            return "past"
        if "Fut" in tense or "Cnd" in mood:
            return "future"
        if "Fin" in form and ("Imp" in tense or "Past" in tense):
            return "past"
        if "Inf" in form:
            if any(c.lemma_ in ("aller", "devoir") for c in token.children):
                return "future"
            return None
        if "Fin" in form and "Pres" in tense:
            if token.lemma_ == "aller" or looks_future(token):
                return "future"
            return "present"
    for a in auxes:
        if "Imp" in a.morph.get("Tense") or "Past" in a.morph.get("Tense"):
            return "past"
        if "Pres" in a.morph.get("Tense"):
            return "present"
    return None
