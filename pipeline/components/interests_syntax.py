"""The syntax presse_interests reads: where a trigger's sentence and enumeration end, whose voice
a word is in (quotes), a clause's subjects, a noun phrase's top, the parties of "entre X et Y", and
where a sector word names no interest (a person's title, a relative clause describing a place or firm)."""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span, Token

from ..tables import MODELS_DIR, read_table

# where an enumeration after a trigger ends: the next predicate or a strong stop
PHRASE_STOPS = {".", ";", "!", "?", ":", "»"}
# what ends a sentence: a parser sentence after none of these goes on the one before
SENTENCE_ENDS = {".", "!", "?", "…", "»", "\"", "”", ":"}
QUOTES = {"«", "»", "“", "”"}
# how a sentence opens on the side it speaks for ("Du côté marocain, ...")
SIDE_OPENINGS = (["côté"], ["du", "côté"], ["pour", "la", "partie"], ["de", "la", "partie"])
# verbs whose subject ("les pistes de coopération") is followed by what they list
LISTING_VERBS = {"envisager", "évoquer", "identifier", "retenir", "aborder", "discuter", "examiner", "définir",
                 "explorer", "cibler", "privilégier", "concerner", "porter", "toucher", "viser", "dégager",
                 "lister", "passer"}


def quote_segments(sentence: Span) -> dict[int, int]:
    """Token index -> stretch between quotation marks: a quote opened after a trigger is another voice."""
    segments, current = {}, 0
    for token in sentence:
        if token.text in QUOTES:
            current += 1
        segments[token.i] = current
    return segments


def phrase_end(anchor: Token, end: int) -> int:
    """End of the enumeration that follows a trigger ("dans le domaine du numérique, de l'énergie, ..."),
    at the latest `end`, the end of its whole sentence."""
    for token in anchor.doc[anchor.i + 1:end]:
        if token.text in PHRASE_STOPS or (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"):
            return token.i
    return end


def continues(start: int, doc: Doc) -> bool:
    """A parser sentence starting at `start` that goes on the one before ("dans l'agriculture, | la
    transformation du bois et ..."): it opens on a lower-case word or a comma, after no final stop."""
    return 0 < start < len(doc) and doc[start - 1].text not in SENTENCE_ENDS and not doc[start - 1].is_space \
        and (doc[start].text[:1].islower() or doc[start].text in (",", ";"))


def whole_sentence(anchor: Token) -> Span:
    """The anchor's sentence, with the parser sentences after it that go on it."""
    sent = anchor.sent
    end = sent.end
    while continues(end, anchor.doc):
        end = anchor.doc[end].sent.end
    return anchor.doc[sent.start:end]


def led_to(sent: Span) -> list[Span]:
    """A parser sentence and those before it that it goes on (where a trigger can read its sectors)."""
    found = [sent]
    while continues(found[-1].start, sent.doc):
        found.append(sent.doc[found[-1].start - 1].sent)
    return found


def listed_after(anchor: Token) -> set[int]:
    """"de nombreuses pistes de coopération ont été évoquées : l'énergie, ...": the words after the
    verb whose subject the trigger heads or completes, when that verb says what was found or discussed."""
    top = top_nominal(anchor)
    verb = top.head
    if top.dep_ == "nsubj" and any(child.dep_ == "cop" for child in verb.children):
        # "les secteurs ciblés sont la pêche, les énergies renouvelables et le numérique": the predicate
        return {t.i for t in verb.subtree if t.i > top.right_edge.i}
    if top.dep_ not in ("nsubj", "nsubj:pass") or verb.lemma_ not in LISTING_VERBS:
        return set()
    return {t.i for t in verb.subtree if t.i > verb.i}


def between_parties(match_tokens: list[Token]) -> set[int]:
    """The parties of a cooperation "entre les universités et les entreprises": who, not in what."""
    return {t.i for token in match_tokens for child in token.children if case(child) == "entre"
            for t in child.subtree}


def top_nominal(token: Token) -> Token:
    """Climb a noun phrase through nmod/conj/appos to its top noun."""
    while token.dep_.split(":")[0] in ("nmod", "conj", "appos") and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def case(token: Token) -> str | None:
    return next((child.lower_ for child in token.children if child.dep_ == "case"), None)


def subjects(token: Token) -> Iterable[Token]:
    """Subjects of the token's clause; a relative pronoun gives its antecedent."""
    current = token
    for _ in range(6):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.i < token.i:
                if child.lower_ in ("qui", "que", "lequel", "laquelle") and current.dep_ == "acl:relcl":
                    yield current.head
                else:
                    yield child
        if current.dep_ in ("acl", "amod") and current.head.pos_ in ("NOUN", "PROPN"):
            yield current.head                   # "Le Kazakhstan intéressé par ..."
        if current.dep_ == "ROOT" or current.dep_ in ("acl:relcl", "ccomp", "parataxis"):
            return
        current = current.head


def fronted_side(anchor: Token) -> Span | None:
    """The side a sentence opens on, up to its comma ("Côté sénégalais, on mise sur ...", "Du côté
    marocain, l'accent est mis sur ...", "Pour la partie ivoirienne, la priorité reste ..."): whose words
    the rest of the sentence are."""
    sent = anchor.sent
    words = [t.lower_ for t in sent[:3]]
    opening = next((len(o) for o in SIDE_OPENINGS if words[:len(o)] == o), None)
    if opening is None:
        return None
    start = sent.start + opening
    comma = next((t.i for t in sent.doc[start:anchor.i] if t.text == ","), None)
    return sent.doc[start:comma] if comma and comma > start else None


# a person's title or a consular body whose "de" complement a sector is: "le ministre de l'agriculture, de
# l'élevage et de la pêche", "la chambre d'agriculture", "ancien cadre de l'industrie pétrolière"; the titles
# are the one-word titles of `models/people/titles.tsv` (its modifiers extend a title, they are none), the
# bodies and the titles that table lacks or writes only in longer forms ("chargé de mission") are here
# (a chamber "d'agriculture" or "de commerce" is the consular body every region has; a sector's own federation,
# union or office, party to an agreement, does tell the agreement's sector)
TITLE_BODIES = {"ministère", "secrétariat", "direction", "chambre", "département", "portefeuille", "titulaire",
                "cadre", "inspecteur", "dg", "délégué", "déléguée", "chargé", "chargée"}


def _one_word_titles() -> frozenset[str]:
    """The one-word titles of `models/people/titles.tsv`, in their three forms."""
    rows = [r for r in read_table(MODELS_DIR / "people" / "titles.tsv") if r.get("kind") != "modifier"]
    forms = ((form or "").lower() for r in rows for form in (r["title"], r["feminine"], r["plural"]))
    return frozenset(form for form in forms if form and " " not in form)


TITLE_NOUNS = _one_word_titles() | TITLE_BODIES
DE_CASES = {"de", "du", "des", "d'", "d’"}


def in_title(token: Token, stop: set[int]) -> bool:
    """True when `token` (a sector's root), or the word it is a conjunct or an adjective of, is the de-complement
    of a title noun; the trigger's own words (`stop`) are never a title."""
    current = token
    for _ in range(6):                   # "de l'agriculture, de l'élevage et de la pêche": back to the first
        if current.i in stop or current.head is current or current.dep_.split(":")[0] not in ("conj", "amod", "flat"):
            break
        current = current.head
    head = current.head
    return current.dep_.split(":")[0] == "nmod" and case(current) in DE_CASES and head.i not in stop \
        and head.pos_ == "NOUN" and head.lemma_.lower() in TITLE_NOUNS


# verbs of a relative clause that describe what a place or a firm has ("la ville, qui compte de nombreuses
# entreprises du numérique", "un groupe qui emploie 300 ingénieurs de l'aéronautique"): its assets, no one's
# interest
# ("compte", the parser's noun for "qui compte"; "compter parmi" ranks, it does not describe)
DESCRIBING_VERBS = {"compter", "compte", "abriter", "accueillir", "posséder", "disposer", "regrouper", "rassembler",
                    "employer", "héberger", "concentrer", "produire", "fabriquer", "exporter", "totaliser", "recenser",
                    "fournir"}


def described(token: Token, anchor: Token) -> bool:
    """True when `token` (a sector's root) is inside a relative clause that describes what a place or a firm has,
    a clause that does not hold the trigger (`anchor`)."""
    current = token
    for _ in range(8):
        if current.dep_ == "acl:relcl" and current.lemma_.lower() in DESCRIBING_VERBS \
                and not any(case(child) == "parmi" for child in current.children):
            return not (current.left_edge.i <= anchor.i <= current.right_edge.i)
        if current.head is current or current.i == anchor.i:
            return False
        current = current.head
    return False


# nouns of training whose de-complement names who is trained ("la formation des infirmiers", "de techniciens")
TRAINING_NOUNS = {"formation", "perfectionnement", "recyclage"}


def trains_people(sector: Span) -> bool:
    """True when a sector mention is the training of a group of people ("la formation de techniciens maliens",
    "la formation d'ingénieurs"): an activity an agreement or a talk covers, not by itself a sector a party
    wants; "la formation professionnelle", "la formation" alone are none."""
    root = sector.root
    if root.lemma_.lower() not in TRAINING_NOUNS:
        return False
    return any(child.dep_.startswith("nmod") and child.pos_ == "NOUN" and case(child) in DE_CASES
               for child in root.children)
