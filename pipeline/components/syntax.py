"""Syntax helpers every extractor shares: subtrees, clause heads, subjects, determiners, tense."""
from __future__ import annotations

ARGUMENT_DEPS = {"nsubj", "obj", "obl", "iobj", "xcomp"}
SUBJECT_PRONOUNS = {"nous", "je", "j'", "j’", "on", "il", "elle", "ils", "elles", "vous", "c'", "c’", "ce", "cela", "ça"}


def subtree(token) -> set[int]:
    return {t.i for t in token.subtree}


def clause_head(token):
    """The verb or predicate that governs a noun trigger."""
    h = token
    for _ in range(6):
        if h.pos_ in ("VERB", "AUX") or h.dep_ == "ROOT" or h.head.i == h.i:
            return h
        h = h.head
    return h


def subject(token):
    """The subject of the clause a trigger sits in; the antecedent for relative clauses."""
    h = token
    for _ in range(5):
        for c in h.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if "Rel" in c.morph.get("PronType") and h.dep_.startswith("acl") :
                    return h.head
                return c
        if h.dep_.startswith("acl") and h.head.i != h.i:
            return h.head
        if h.dep_ == "cop":
            h = h.head
            continue
        if h.head.i == h.i:
            return None
        if h.dep_ in ("conj", "xcomp", "advcl", "ccomp") or h.pos_ not in ("VERB", "AUX"):
            h = h.head
            continue
        return None
    return None


def determiner(token) -> str | None:
    for c in token.children:
        if c.dep_ == "det" or (c.dep_ == "nmod:poss"):
            if "Dem" in c.morph.get("PronType"):
                return "dem"
            if "Yes" in c.morph.get("Poss") or "Prs" in c.morph.get("PronType"):
                return "poss"
            if "Def" in c.morph.get("Definite"):
                return "def"
            return "ind"
    return None


def tense_status(verb) -> str | None:
    tokens = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    tenses = {t for tok in tokens for t in tok.morph.get("Tense")}
    moods = {m for tok in tokens for m in tok.morph.get("Mood")}
    if "Fut" in tenses or "Cnd" in moods:
        return "planned"
    if "Imp" in tenses or ("Past" in tenses and len(tokens) > 1) or \
            ("Past" in tenses and "Fin" in verb.morph.get("VerbForm")):
        return "past"
    if "Pres" in tenses:
        return "ongoing"
    return None


def argument_head(token):
    """The predicate `token` is an argument of ("développe des coopérations ... autour du titanium").

    Climbs only through subject/object/oblique relations, so a noun buried in a title
    ("conseiller délégué aux jumelages") keeps its own phrase as scope.
    """
    current = token
    while (current.dep_ != "ROOT" and current.pos_ not in ("VERB", "AUX")
           and current.dep_.split(":")[0] in ARGUMENT_DEPS):
        current = current.head
    return current
