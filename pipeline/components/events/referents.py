"""Titled referents: the person a title alone names again, once the article has named them with it.

French press names an official once with title and name ("Le Premier ministre, Abdelmalek
Sellal, ...", "Le chef de l'Etat, Macky Sall, ...", "Jean Dupont, maire de Vannes, ...") and
then by the title alone ("le Premier ministre a reçu ...", "le chef de l'Etat s'est rendu ...",
"le maire a accueilli ..."); a headline's title, the person its article names with it. A party or host phrase that names no person but holds such a
title, definite and singular, stands for the one person the article named before with the
same title (and the same country, where both say one). Two persons with that title before it,
or none: no referent.
"""
from __future__ import annotations

from ...text import fold_words as fold
from ..countries import Mention, resolve
from ..syntax import subject, subtree

_DEFINITE = {"le", "la", "l'", "l’", "du", "au"}
# Forms of address before a name ("M. Dupont", "Madame la ministre", "Messieurs X et Y").
HONORIFICS = {"monsieur", "madame", "messieurs", "mesdames", "m.", "m", "mme", "mme.", "mm.", "mmes"}
# Words that make a title another one: "premier ministre" is not "ministre", "vice-président" not "président".
_RANKS = {"premier", "première", "vice", "sous", "ancien", "ancienne", "ex"}
# Titles whose words say which office, not a person's rank: "chef de l'Etat", "chef du gouvernement".
_CHIEF_OF = {"état", "etat", "gouvernement", "exécutif", "diplomatie"}


def title_key(doc, t) -> str:
    """The title a head noun gives, with the rank before it or the office after a "chef":
    "premier ministre", "chef état", "maire"."""
    lemma = t.lemma_.lower()
    prev = doc[t.i - 1].lower_ if t.i > 0 else ""
    key = lemma if prev not in _RANKS else f"{'premier' if prev == 'première' else prev} {lemma}"
    if lemma == "chef":
        for w in doc[t.i + 1:min(t.i + 4, len(doc))]:
            if w.lower_ in _CHIEF_OF:
                return f"chef {fold(w.text)}"
    return key


class ReferentStage:
    """Mixin of the visit builder (with `ParticipantStage`): a title alone, back to its named person."""

    def phrase_title(self, phrase) -> tuple[str | None, str | None, list[str] | None]:
        """The definite, singular title a phrase is made of, with the country its words give and the
        bodies named after it; Nones when the phrase names a person, or its title is plural, possessed
        or indefinite."""
        doc, kinds = self.doc, self.comp.party_kind
        mentions = self.v.mentions_in(phrase)
        if any(m.kind == "person" for m in mentions):
            return None, None, None
        for i in sorted(phrase):
            t = doc[i]
            if t.pos_ not in ("NOUN", "PROPN") or kinds.get(t.lemma_.lower()) not in ("person", "diplomat"):
                continue
            if "Plur" in t.morph.get("Number"):
                return None, None, None  # "les ministres"
            det = next((w for w in reversed(doc[max(i - 3, 0):i]) if w.pos_ == "DET" or w.lower_ in _DEFINITE), None)
            if det is None or det.lower_ not in _DEFINITE:
                return None, None, None  # "un ministre", "son homologue", "ses adjoints"
            country = next((m.country for m in mentions if m.country and m.kind in ("demonym", "place")), None) \
                or self.named_country(doc[i + 1:min(i + 5, len(doc))])
            # "le président de la CCI": the body after the title must be the one named with it
            bodies = [fold(m.text) for m in mentions if m.kind == "org" and m.start > i]
            return title_key(doc, t), country, bodies
        return None, None, None

    def named_title(self, m: Mention) -> tuple[str | None, str | None, str]:
        """The title a person is named with in apposition, before ("Le Premier ministre du Québec,
        François Legault") or after ("Jean Dupont, maire de Vannes,"), the country its words give and those words."""
        doc, kinds = self.doc, self.comp.party_kind
        unit = self.v.unit(m.start)
        k = m.start - 1
        while k >= unit.start and (doc[k].lower_ in HONORIFICS or doc[k].text == ","):
            k -= 1
        words = []
        for t in reversed(doc[max(k - 11, unit.start):k + 1]):
            if t.text in (".", ";", ":", "«", "»", "(", ")") or t.pos_ in ("VERB", "AUX") \
                    or any(x.kind == "person" and x.start <= t.i < x.end for x in self.v.mentions_in(range(t.i, t.i + 1))):
                break
            words.append(t)
            if t.pos_ == "NOUN" and kinds.get(t.lemma_.lower()) in ("person", "diplomat"):
                return title_key(doc, t), self.words_country(words), fold(" ".join(w.text for w in reversed(words)))
        if m.end < unit.end and doc[m.end].text == ",":  # "Jean Dupont, maire de Vannes,"
            words = []
            for t in doc[m.end + 1:min(m.end + 8, unit.end)]:
                if t.text in (",", ".", ";", "(") or t.pos_ in ("VERB", "AUX"):
                    break
                words.append(t)
                if t.pos_ == "NOUN" and kinds.get(t.lemma_.lower()) in ("person", "diplomat"):
                    rest = doc[t.i + 1:min(t.i + 6, unit.end)]
                    words += [w for w in rest]
                    return title_key(doc, t), self.words_country(words), fold(" ".join(w.text for w in words))
        return None, None, None

    @staticmethod
    def named_country(words) -> str | None:
        """"Mission du premier ministre du Québec": the place a title's complement names, when a
        longer name holds it and no place mention of its own says it."""
        if len(words) < 2 or words[0].lower_ not in ("du", "de", "d'", "d’", "des") or not words[1].text[:1].isupper():
            return None
        place = resolve(words[1].text)
        return place.get("country") if place else None

    def words_country(self, words) -> str | None:
        idx = {w.i for w in words}
        return next((x.country for x in self.v.mentions_in(idx) if x.country and x.kind in ("demonym", "place")), None)

    def mention_title(self, m: Mention) -> tuple:
        """`named_title(m)`, worked out once per mention of the doc (every title phrase scans them all)."""
        cache = self.__dict__.setdefault("_mention_titles", {})
        key = (m.start, m.end, m.kind)
        if key not in cache:
            cache[key] = self.named_title(m)
        return cache[key]

    def titled_referent(self, phrase, before: int) -> Mention | None:
        """The one person named with the phrase's title before token `before`, of its country if it
        says one; None when there is none or more than one."""
        key, country, bodies = self.phrase_title(phrase)
        if key is None:
            return None
        first = self.v.units[0] if self.v.units else None
        headline = first is not None and before < first.end and country is not None \
            and not any(t.pos_ in ("VERB", "AUX") for t in self.doc[first.start:first.end])
        if headline:  # "Mission du premier ministre du Québec à Paris": a headline names no one yet
            before = len(self.doc)
        found: dict[str, Mention] = {}
        for m in self.v.mentions:
            if m.start >= before:
                break
            if m.kind != "person":
                continue
            title, where, words = self.mention_title(m)
            if title != key or (country and (where or m.country) and (where or m.country) != country) \
                    or (headline and (where or m.country) != country) \
                    or any(body not in words for body in bodies):
                continue
            name = fold(m.text)
            same = next((k for k in found if k.split()[-1] == name.split()[-1]), None)
            if same is None:
                found[name] = m
            elif len(name) > len(same):  # "M. Sellal" after "Abdelmalek Sellal": the whole name
                del found[same]
                found[name] = m
        return next(iter(found.values())) if len(found) == 1 else None

    def agent_referent(self, e: int, unit) -> list[Mention]:
        """"reçue par le maire", "en présence du gouverneur": the person an agent's title alone stands for."""
        whole = self.agent_span(e, unit)
        if any(m.kind == "person" for m in self.v.mentions_in(set(whole))):
            return []  # "par le maire, Hervé Dumas": named there
        span = []
        for i in whole:
            if self.doc[i].text == "," or self.doc[i].lower_ in ("et", "ou"):
                break
            span.append(i)
        referent = self.titled_referent(set(span), e) if span else None
        return [referent] if referent is not None else []

    def pronoun_referent(self, phrase) -> Mention | None:
        """"Le Premier ministre, X, poursuit sa tournée. Le 25 novembre, il a reçu à Alger ...": a subject
        "il"/"elle" in a phrase that names no one stands for the one person named in the subject of the sentence before (or of
        the nearest one before it whose subject is no pronoun, two at most)."""
        pronouns = [i for i in phrase if self.doc[i].lower_ in ("il", "elle") and self.doc[i].dep_.startswith("nsubj")]
        if len(pronouns) != 1 or any(m.kind in ("person", "org") for m in self.v.mentions_in(phrase)):
            return None
        k = self.v.unit_of[pronouns[0]]
        for unit in reversed(self.v.units[max(k - 2, 0):k]):
            subj = subject(unit.root)
            if subj is None:
                return None
            if subj.lower_ in ("il", "elle"):
                continue
            people = {fold(m.text): m for m in self.v.mentions_in(subtree(subj) & set(range(unit.start, unit.end)))
                      if m.kind == "person"}
            return next(iter(people.values())) if len(people) == 1 else None
        return None
