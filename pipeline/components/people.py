"""presse_people: each person mention linked to its title, organisation and country.

French press names people with their role in a few fixed shapes: apposition
("Frédéric Lajoux, Président Amiens Cluster"), title before the name ("l’ambassadeur
du Kazakhstan, Nourlan Danenov", "le maire de Marseille Benoît Payan"), copula
("X est le président de Y") and appointment ("X, récemment élu président de Y").
The shapes are Matcher/DependencyMatcher patterns in `models/people/patterns.jsonl`
over token marks (PER, TITLE, ORG, LOC, MISC, LINK); titles and their feminine and
plural forms are in `models/people/titles.tsv`.

On the Doc: `Span._.role` on each PER entity = {"title", "organisation", "country"}
(values None when the text does not give them; gaps filled from the same person's
other mentions), and `doc._.people` = [{"name", "title", "organisation", "country",
"mentions": [[start_char, end_char], ...]}], one entry per person ("M. Duncan" and
"Daniel Kablan Duncan" are one).
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, POS
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from . import ext
from .places import DEMONYMS_KEY
from .base import TableComponent
from .matching import AnchoredMatcher
from ..text import fold, place_key
from .places import country_code, pipeline_gazetteer

if not Span.has_extension("role"):
    # {"title", "organisation", "country"} of a PER entity (values None when unknown).
    Span.set_extension("role", default=None)
if not Doc.has_extension("people"):
    # One dict per person: name, title, organisation, country, mentions [[start, end], ...].
    Doc.set_extension("people", default=None)
MARKS_KEY = "presse.people.marks"  # doc.user_data key of the marks while the role patterns run


def _mark_of(token: Token) -> str:
    marks = token.doc.user_data.get(MARKS_KEY)
    return marks[token.i] if marks else "O"


if not Token.has_extension("presse_mark"):
    # What a token is part of while the role patterns run: PER, TITLE, ORG, LOC, MISC, LINK or O.
    # Read off the component's per-doc list: the Matchers read it only inside their windows, so
    # no token's value is ever set (setting and clearing it on every token cost a third of the component).
    Token.set_extension("presse_mark", getter=_mark_of)

LINKS = {"de", "du", "des", "d'", "d’", "la", "l'", "l’", "le", "à", "au", "aux", "chez"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
# Lower-case words allowed between a title and its organisation ("en charge du développement d’").
MAX_GAP = 10
ROLE_FIELDS = ("title", "organisation", "country")
# Titles held in a town: their possessive ("son maire") belongs to a town, not to the region named after it.
MUNICIPAL_TITLES = ("maire", "adjoint", "premier adjoint", "conseiller municipal", "conseillère municipale")


def empty_role() -> dict:
    return dict.fromkeys(ROLE_FIELDS)


class MarkedDependencyMatcher(DependencyMatcher):
    """spaCy's DependencyMatcher whose node patterns run anchored on the marks (`AnchoredMatcher`):
    spaCy's own run of them reads the mark extension of every token of the doc.  It overrides a
    private method of spaCy 3.8 (`_get_keys_to_position_maps`; pyproject pins spacy<3.9)."""

    def anchor(self) -> None:
        """Anchor the node patterns; called once they are all added."""
        self.nodes = AnchoredMatcher(self._matcher, extensions=("presse_mark",))

    def _get_keys_to_position_maps(self, doc: Doc):
        """spaCy's, with the node matches of the anchored run: positions by root and match id."""
        marks = doc.user_data.get(MARKS_KEY)
        maps = defaultdict(lambda: defaultdict(list))
        for match_id, start, _ in self.nodes(doc, columns={"presse_mark": marks} if marks else None):
            token = doc[start]
            root = ([token] + list(token.ancestors))[-1]
            maps[root.i][match_id].append(start)
        return maps


class PeopleComponent(TableComponent):
    """Sets `Span._.role` on PER entities and `doc._.people`, merged across mentions."""

    TABLES = ("titles.tsv", "patterns.jsonl")

    def compile(self) -> None:
        self.titles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.modifiers = set()
        forms = set()
        for row in self.tables["titles.tsv"]:
            words = {row[k] for k in ("title", "feminine", "plural") if row.get(k)}
            if row["kind"] == "modifier":
                self.modifiers.update(words)
            else:
                forms.update(words)
        self.titles.add("TITLE", [self.nlp.make_doc(f) for f in sorted(forms)])
        strings = self.nlp.vocab.strings
        self.link_ids = frozenset(strings.add(w) for w in LINKS)
        self.link_pos = frozenset(POS_IDS[p] for p in ("ADP", "DET", "NOUN", "ADJ"))
        self.noun = POS_IDS["NOUN"]
        # anchored on the marks, handed over at each call: a Matcher reads an extension at every token
        self.matcher = AnchoredMatcher(Matcher(self.nlp.vocab), extensions=("presse_mark",))
        self.dep_matcher = MarkedDependencyMatcher(self.nlp.vocab)
        self.frames = {}
        for row in self.tables["patterns.jsonl"]:
            self.frames[row["id"]] = row["frame"]
            if row["matcher"] == "dependency":
                self.dep_matcher.add(row["id"], [row["pattern"]])
            else:
                self.matcher.add(row["id"], [row["pattern"]])
        self.dep_matcher.anchor()

    # -- titles ------------------------------------------------------------------
    def _title_spans(self, doc: Doc) -> list[Span]:
        """Title phrases, extended over their adjectives ("directeur général adjoint")."""
        spans = []
        for _, start, end in self.titles(doc):
            if any(t.ent_type_ in ("PER", "ORG", "LOC") and t.ent_iob_ != "O" for t in doc[start:end]) \
                    and not doc[start].is_lower:
                continue
            while end < len(doc) and doc[end].is_lower and (
                    doc[end].lower_ in self.modifiers or doc[end].pos_ == "ADJ"):
                end += 1
            spans.append(Span(doc, start, end))
        spans.sort(key=lambda s: (s.start, -len(s)))
        out: list[Span] = []
        for s in spans:
            if out and s.start < out[-1].end:
                continue
            if out and s.start == out[-1].end:
                out[-1] = s  # "élu président": the last title is the one held
                continue
            if out and s.start == out[-1].end + 1 and doc[s.start - 1].text == "-" \
                    and not doc[s.start - 1].whitespace_ and not doc[s.start - 2].whitespace_:
                out[-1] = Span(doc, out[-1].start, s.end)  # "sénateur-maire"
            else:
                out.append(s)
        return out

    def _mark(self, doc: Doc, titles: list[Span], ents: tuple[Span, ...]) -> list[str]:
        """Each token's mark for the patterns, read off the doc's arrays (no per-token attribute reads)."""
        columns = doc.to_array([LOWER, IS_ALPHA, POS, IS_LOWER]).reshape(len(doc), 4).tolist()
        link_ids, link_pos, noun = self.link_ids, self.link_pos, self.noun
        # a capitalised common noun is a portfolio ("ministre chinois du Commerce"), not a name;
        # plain set look-ups: numpy's isin costs more on an article's few hundred tokens
        every = ["LINK" if lower in link_ids or (alpha and pos in link_pos and (is_lower or pos == noun)) else "O"
                 for lower, alpha, pos, is_lower in columns]
        for ent in ents:
            label = ent.label_ if ent.label_ in ("PER", "ORG", "LOC", "MISC") else "O"
            every[ent.start:ent.end] = [label] * len(ent)
        for span in titles:
            for i in range(span.start, span.end):
                if every[i] != "PER":
                    every[i] = "TITLE"
        return every

    # -- what a title says -------------------------------------------------------
    def _complement(self, doc: Doc, title: Span, stop: int, ents: tuple[Span, ...]) -> Span | None:
        """The organisation or place a title is of: the first entity after it, before `stop`."""
        k = title.end
        while k < min(stop, title.end + MAX_GAP):
            tok = doc[k]
            if tok.ent_iob_ == "B" and tok.ent_type_ in ("ORG", "LOC", "MISC"):
                return next(e for e in ents if e.start == k)
            if tok.ent_type_ == "PER" or tok.is_punct or tok.pos_ in ("VERB", "AUX") or tok.lower_ == "qui" \
                    or "\n" in tok.whitespace_ or not (tok.is_lower or tok.is_punct):
                return None
            k += 1
        return None

    def _role(self, doc: Doc, title: Span, stop: int, demonyms: dict, ents: tuple[Span, ...]) -> dict:
        role = empty_role()
        kept = title.end
        for tok in title[1:]:
            if tok.is_lower and country_code(tok.text):
                role["country"] = demonyms.get(tok.i) or country_code(tok.text)  # "l'ambassadeur kazakh"
                kept = min(kept, tok.i)
        role["title"] = doc[title.start:kept].text
        comp = self._complement(doc, title, stop, ents)
        if comp is None:
            return role
        code = country_code(comp.text) if comp.label_ == "LOC" and self._country_name(comp.text) else None
        if code:
            role["country"] = code
        else:
            role["organisation"] = comp.text
            if role["country"] is None and comp.label_ == "ORG":  # "l'ambassade de Chine"
                role["country"] = next((country_code(t.text) for t in comp if self._country_name(t.text)), None)
        return role

    @staticmethod
    def _country_name(text: str) -> bool:
        """Whether the text names a country (not a town, not a demonym)."""
        return place_key(text) in pipeline_gazetteer().country_keys

    # -- matching ----------------------------------------------------------------
    def _found_roles(self, doc: Doc, titles: list[Span], marks: list[str], ents: tuple[Span, ...]) -> dict[int, dict]:
        """Role of each PER entity (by start token) from the patterns."""
        title_at = {i: t for t in titles for i in range(t.start, t.end)}
        per_at = {i: e for e in ents if e.label_ == "PER" for i in range(e.start, e.end)}
        pairs = []  # (person, title, frame)
        for match_id, start, end in self.matcher(doc, columns={"presse_mark": marks}):
            frame = self.frames[self.nlp.vocab.strings[match_id]]
            if frame == "after":
                pairs.append((per_at[start], title_at[end - 1], frame))
            elif frame == "before":
                pairs.append((per_at[end - 1], title_at[start], frame))
            else:
                pairs.extend(self._respectively(doc, per_at, titles, start, end))
        for match_id, (person, title) in self.dep_matcher(doc):
            pairs.append((per_at[person], title_at[title], self.frames[self.nlp.vocab.strings[match_id]]))
        roles: dict[int, dict] = {}
        # "le ministre congolais": the country the place layer read for the demonym in its context (CG
        # beside Brazzaville), not the gazetteer's first reading of the word alone (CD)
        demonyms = {s.start: place["country"] for s in doc.spans.get(DEMONYMS_KEY, [])
                    if len(s) == 1 and (place := ext(s, "place")) and place.get("country")} if pairs else {}
        for person, title, frame in sorted(pairs, key=lambda p: (p[2] != "after", p[1].start)):
            if frame == "before" and (title.start > person.start or person.start - title.end > MAX_GAP):
                continue
            stop = person.start if frame == "before" else next(
                (t.start for t in titles if t.start > title.start), len(doc))
            role = self._role(doc, title, stop, demonyms, ents)
            if frame == "before" and title.start > 0 and doc[title.start - 1].lower_ in POSSESSIVES:
                role["possessive"] = title.start
            current = roles.setdefault(person.start, empty_role())
            for key, value in role.items():
                if current.get(key) is None:
                    current[key] = value
        return roles

    @staticmethod
    def _respectively(doc: Doc, per_at: dict, titles: list[Span], start: int, end: int) -> list[tuple]:
        """"A et B, respectivement maire de X et maire de Y": the n-th person has the n-th title."""
        persons = list(dict.fromkeys(per_at[i] for i in range(start, end) if i in per_at))
        sent_end = doc[end - 1].sent.end
        after = [t for t in titles if end - 1 <= t.start < sent_end][:len(persons)]
        return [(p, t, "after") for p, t in zip(persons, after)] if len(after) == len(persons) else []

    def _inherit(self, doc: Doc, roles: dict[int, dict], ents: tuple[Span, ...]) -> None:
        """"l’ambassadeur du Kazakhstan, N. D., et son conseiller économique, A. A.": a possessive
        title belongs to the nearest party named before it in the sentence: a person (then its
        organisation and country), or an organisation or place ("la ville de Kanazawa ... son adjoint")."""
        for start, role in sorted(roles.items()):
            title_start = role.pop("possessive", None)
            if title_start is None or role["organisation"] is not None or role["country"] is not None:
                continue
            sent_start = doc[start].sent.start
            parties = [e for e in ents if sent_start <= e.start and e.end <= title_start
                       and e.label_ in ("PER", "ORG", "LOC")]
            if not parties:
                continue
            party = parties[-1]
            if (role["title"] or "").lower().startswith(MUNICIPAL_TITLES):
                # "une délégation de Bra, petite ville du Piémont, emmenée par son maire": a mayor's town
                towns = [e for e in parties if e.label_ == "ORG" or (e._.place or {}).get("kind") == "city"]
                party = towns[-1] if towns else party
            if party.label_ == "PER":
                owner = roles.get(party.start, empty_role())
                role["organisation"], role["country"] = owner["organisation"], owner["country"]
            elif party.label_ == "LOC" and self._country_name(party.text):
                role["country"] = country_code(party.text)
            else:
                role["organisation"] = party.text

    # -- merging mentions ------------------------------------------------------------
    @staticmethod
    def _words(span: Span) -> list[str]:
        return [w for t in span for w in re.findall(r"\w+", fold(t.text))]

    @staticmethod
    def _covers(longer: list[str], shorter: list[str]) -> bool:
        """Whether every word of `shorter` is in `longer`, initials standing for a word ("B. Boulay")."""
        return all(w in longer or (len(w) == 1 and any(x.startswith(w) for x in longer)) for w in shorter)

    def _people(self, persons: list[Span], roles: dict[int, dict]) -> list[dict]:
        people: list[dict] = []
        keys: list[list[str]] = []
        for ent in persons:
            words = self._words(ent)
            if not words:
                continue
            found = None
            for i in range(len(people) - 1, -1, -1):
                if self._covers(keys[i], words) or self._covers(words, keys[i]):
                    found = i
                    break
            role = roles.get(ent.start, empty_role())
            if found is None:
                people.append({"name": ent.text, **empty_role(), "mentions": []})
                keys.append(words)
                found = len(people) - 1
            person = people[found]
            if (len(words), len(ent.text)) > (len(keys[found]), len(person["name"])):
                person["name"], keys[found] = ent.text, words
            for key in ROLE_FIELDS:
                if person[key] is None:
                    person[key] = role[key]
            person["mentions"].append([ent.start_char, ent.end_char])
        return people

    def __call__(self, doc: Doc) -> Doc:
        titles = self._title_spans(doc)
        ents = doc.ents  # read once: each read of doc.ents builds every Span anew
        persons = [e for e in ents if e.label_ == "PER"]
        roles: dict[int, dict] = {}
        if titles and persons:  # every role pattern holds a title and a person
            marks = doc.user_data[MARKS_KEY] = self._mark(doc, titles, ents)
            try:
                roles = self._found_roles(doc, titles, marks, ents)
            finally:
                del doc.user_data[MARKS_KEY]
            self._inherit(doc, roles, ents)
        people = self._people(persons, roles)
        by_mention = {tuple(m): p for p in people for m in p["mentions"]}
        for ent in persons:
            local = roles.get(ent.start, empty_role())
            merged = by_mention.get((ent.start_char, ent.end_char))
            ent._.role = {k: local[k] if local[k] is not None else (merged or {}).get(k) for k in ROLE_FIELDS}
        doc._.people = people
        return doc


@Language.factory("presse_people", default_config={},
                  assigns=["span._.role", "doc._.people"],
                  requires=["doc.ents", "token.pos", "token.dep"])
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent(nlp, name)
