"""What a mention's clause says: where its sentence starts, and the tense of its verb."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from ...tables import MODELS_DIR, read_table

NEWLINE = re.compile("\n")


class Clauses:
    """A doc's sentence starts and clause tenses, each worked out once: its mentions share sentences and verbs."""

    def __init__(self, doc: Doc, text: str, etre_verbs: set[str]):
        self.doc, self.text, self.etre_verbs = doc, text, etre_verbs
        self.parsed = doc.has_annotation("DEP")
        self.starts: dict[int, int] = {}                # first token of a span -> its sentence's start
        self.tenses: dict[int, str | None] = {}         # token -> `token_tense`
        self.sent_tenses: dict[int, str | None] = {}    # sentence start -> the tense of its first verb that has one

    @cached_property
    def breaks(self) -> list[int]:
        """The tokens holding a line break (`text` is the doc's; trailing whitespace is one space at most)."""
        idx = self.doc.to_array(IDX).tolist() if len(self.doc) else []
        return sorted({bisect_right(idx, m.start()) - 1 for m in NEWLINE.finditer(self.text)})

    def sentence_start(self, span: Span) -> int:
        """First token of the mention's sentence, cut at line breaks (a dateline line is not the lead's sentence)."""
        found = self.starts.get(span.start)
        if found is None:
            try:
                start = span.sent.start
            except ValueError:      # no parser: lines are the only boundaries
                start = 0
            k = bisect_left(self.breaks, span.start) - 1      # the last line break before the mention
            found = self.starts[span.start] = self.breaks[k] + 1 if k >= 0 and self.breaks[k] >= start else start
        return found

    def tense(self, span: Span) -> str | None:
        """Tense of the clause governing the mention: past, present or future (None without a parse).

        `etre_verbs` are the verbs whose passé composé takes "être" ("est repartie"), which the
        parser labels as a present passive.
        """
        if not self.parsed:
            return None
        until = self.until_tense(span)
        if until:
            return until
        token = span.root
        for _ in range(6):
            found = self.token_tense(token)
            if found:
                return found
            head = token.head
            if head.i == token.i:
                break
            token = head
        sent = span.sent
        if sent.start not in self.sent_tenses:
            verbs = (t for t in sent if t.pos_ == "VERB" or (t.pos_ == "AUX" and not t.dep_.startswith("aux")))
            self.sent_tenses[sent.start] = next((found for t in verbs if (found := self.token_tense(t))), None)
        return self.sent_tenses[sent.start]

    def until_tense(self, span: Span) -> str | None:
        """"qui séjourne à Paris jusqu'à samedi, a rencontré hier", "En visite au Liban jusqu'à jeudi, le ministre a
        rencontré": a "jusqu'à" day set off by commas is the stay's its own stretch tells, by its verb's tense or,
        with none, as under way ("en visite"); the parser often hangs it on the main verb."""
        doc, i = self.doc, span.start
        if not (i >= 2 and doc[i - 1].lower_ in ("à", "a") and doc[i - 2].lower_.startswith("jusqu")):
            return None
        start = self.sentence_start(span)
        j = i - 3
        while j >= start and doc[j].text not in (",", ";", "(", "—", "–"):
            j -= 1
        stretch = doc[j + 1:i - 2]
        if j < start and not (span.end < len(doc) and doc[span.end].text == ","):
            return None     # not set off: the clause's own tense
        for t in reversed(stretch):
            if t.pos_ in ("VERB", "AUX") and not t.dep_.startswith("aux") and (found := self.token_tense(t)):
                return found
        if any(t.lower_ == "en" and k + 1 < len(stretch) and stretch[k + 1].lemma_ in trip_nouns()
               for k, t in enumerate(stretch)):
            return "present"
        return None

    def token_tense(self, token) -> str | None:
        if token.i not in self.tenses:
            self.tenses[token.i] = token_tense(token, self.etre_verbs)
        return self.tenses[token.i]


# bare participles of arrival ("Arrivée mardi à Dakar", "débarqués hier", "de retour" is not one)
ARRIVED = re.compile(r"(?:arriv|débarqu|rentr)(?:é|ée|és|ées)|(?:re)?venue?s?|atterrie?s?")


@lru_cache(maxsize=1)
def trip_nouns() -> frozenset[str]:
    """Nouns after which "en" says a party is away ("en visite", "en mission", "en délégation"): the trips
    (kind `visit`) and travelling parties (kind `collective`) of models/events/party_nouns.tsv."""
    return frozenset(r["lemma"] for r in read_table(MODELS_DIR / "events" / "party_nouns.tsv")
                     if r["kind"] in ("visit", "collective"))


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
    if not auxes and token.i != token.head.i and ((ARRIVED.fullmatch(token.lower_) and not any(
            c.dep_ == "det" for c in token.children)) or (
            token.pos_ in ("VERB", "AUX") and "Part" in form and "Pres" not in tense and token.lemma_ in etre_verbs)):
        # "Arrivés dimanche à Niamey, les députés seront reçus lundi": arrived, so behind (the parser
        # often reads a capitalised participle opening the sentence as a noun)
        return "past"
    if token.pos_ in ("VERB", "AUX"):
        if "Part" in form and not auxes and looks_future(token):
            return "future"     # "qui fêtera ses 250 ans le 20 juin", tagged a participle
        lemma = token.lemma_.lower()
        if "Part" in form and not auxes and lemma.endswith("er") and token.lower_ in (lemma[:-1], lemma[:-2] + "ent"):
            return "present"    # "qui séjourne à Paris", tagged a participle: a participle of -er ends in é
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
