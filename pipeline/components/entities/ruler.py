"""presse_entity_ruler: organisations from trigger patterns and a gazetteer, country names the NER left out."""
from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...text import fold, place_key
from ..base import TableComponent
from ..places import places_of, resolve_place
from .common import (ARTICLES, CAPITAL_BIT, CHAIN_CONNECTORS, CONNECTORS, HYPHENS, LOWER_JOINERS,
                     MAJOR_PLACE_POPULATION, NAME_ADJECTIVES, NAME_PARTICLES, NOT_A_NAME, TokenView, WordLexicon,
                     is_capitalised, line_pieces, place_not_person)


class EntityRuler(TableComponent):
    """Adds organisation spans from trigger patterns and the organisations gazetteer.

    A pattern row names a trigger (spaCy token pattern) and how its complement is
    found: a proper-name run after the trigger, optionally behind a preposition
    ("CCI des Vosges", "Université d’Amiens", "pôle Fibres"), or before it
    ("Amiens Métropole", "Amiens Cluster").  Where a match overlaps a base NER span
    the longer, more specific span wins, keeping the rule's label.

    Row fields of `patterns.jsonl`: `id` (travels as the span's `id_`), `label`,
    `pattern` (spaCy Matcher pattern of the trigger), `complement` ("after", "before",
    "adj" or "none"), `required` (no span without a complement), `alone` ("any", "cap",
    "never": the trigger alone is an entity always, when capitalised, never), `adj`
    (lower-case adjectives may follow the trigger), `lower` ("cap": a capitalised
    trigger may take a lower-case field, "Agence française de développement"),
    `coord` ("... des Vosges et de Lorraine"), `chain` ("... de France en Chine"),
    `adj_after`, `direct` (complement without preposition only), `span` ("complement":
    the entity is the complement alone, "l'entreprise X"), `enter_per`, `exclude`.
    Country names the NER left out become LOC (names from the places gazetteer).
    """

    TABLES = ("patterns.jsonl", "organisations.tsv", "words.tsv")

    def __init__(self, nlp: Language, name: str, major_place_population: int = MAJOR_PLACE_POPULATION):
        super().__init__(nlp, name)
        self.major_place_population = major_place_population
        self.view: TokenView | None = None  # the token arrays of the doc `__call__` is on

    def compile(self) -> None:
        self.words = WordLexicon.of_rows(self.tables["words.tsv"])
        self.rows = {}
        self.matcher = Matcher(self.nlp.vocab)
        for row in self.tables["patterns.jsonl"]:
            self.rows[row["id"]] = row
            self.matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")
        # the connectors' words as the hashes of lower-case forms in a view's records
        strings = self.nlp.vocab.strings
        self.connectors, self.chain_connectors = (tuple(tuple(strings.add(w) for w in conn) for conn in table)
                                                  for table in (CONNECTORS, CHAIN_CONNECTORS))
        self.gazetteer = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for row in self.tables["organisations.tsv"]:
            names = [row["name"], *(row["variants"] or "").split("|")]
            forms = {n for n in names if n} | {n.upper() for n in names if n and len(n) > 3}
            key = "ORG_AMBIGUOUS" if row.get("ambiguous") == "1" else "ORG_KNOWN"
            self.gazetteer.add(key, [self.nlp.make_doc(f) for f in forms])

    # -- proper-name runs ----------------------------------------------------
    def _name_token(self, token, per_tokens: set[int], allow_per: bool) -> bool:
        return (is_capitalised(token) and not self.words.has(token.text, *NOT_A_NAME)
                and (allow_per or token.i not in per_tokens))

    def _run_forward(self, doc: Doc, i: int, ent_at: dict, per_tokens: set[int], allow_per=False) -> int:
        """End of the proper name starting at token i (i itself when none starts there)."""
        n = len(doc)
        if i >= n or not self._name_token(doc[i], per_tokens, allow_per):
            return i
        end = i + 1
        while True:
            ent = ent_at.get(end - 1)
            if ent is not None and ent.start >= i and ent.end > end and (allow_per or ent.label_ != "PER"):
                end = ent.end
                continue
            if end >= n or self.view.newline_before(end):
                return end
            tok = doc[end]
            if tok.text in HYPHENS and not doc[end - 1].whitespace_ and not tok.whitespace_ and end + 1 < n:
                # "Amiens-Picardie", "Côtes-d'Armor", "Saint-Martin-de-Ré"
                nxt = end + 1
                if doc[nxt].lower_ in NAME_PARTICLES and not doc[nxt].whitespace_ and nxt + 1 < n:
                    nxt += 1
                    if doc[nxt].text in HYPHENS and nxt + 1 < n:
                        nxt += 1
                if not is_capitalised(doc[nxt]):
                    return end
                end = nxt + 1
            elif self._name_token(tok, per_tokens, allow_per):
                end += 1
            else:
                return end

    def _run_backward(self, doc: Doc, i: int, ent_at: dict, per_tokens: set[int]) -> int:
        """Start of the proper name ending just before token i (i when none)."""
        start = i
        while start > 0 and not self.view.newline_before(start):
            tok = doc[start - 1]
            if self._name_token(tok, per_tokens, False):
                if tok.pos_ != "PROPN" and (start - 1 == 0 or doc[start - 2].is_punct):
                    break  # a capitalised word opening a sentence is not part of the name
                start -= 1
            elif (tok.text in HYPHENS and start - 2 >= 0 and not tok.whitespace_
                  and not doc[start - 2].whitespace_ and is_capitalised(doc[start - 2])):
                start -= 2
            else:
                break
        ent = ent_at.get(start)
        if start < i and ent is not None and ent.start < start and ent.label_ != "PER":
            start = ent.start
        return start

    def _lower_run(self, doc: Doc, i: int) -> int:
        """End of a lower-case field name ("de développement", "de la recherche")."""
        end = k = i
        while k < len(doc) and k - i < 7 and not self.view.newline_before(k):
            tok = doc[k]
            if tok.is_lower and tok.pos_ in ("NOUN", "ADJ", "PROPN") and tok.is_alpha:
                end = k + 1
            elif tok.lower_ not in LOWER_JOINERS:
                break
            k += 1
        # a word followed by an article is a verb the tagger missed ("... de développement finance le")
        if i < end < len(doc) and doc[end].lower_ in ARTICLES and end - 1 > i:
            end -= 1
            while end > i and doc[end - 1].lower_ in LOWER_JOINERS:
                end -= 1
        return end

    def _connector_at(self, doc: Doc, k: int, connectors) -> int:
        """The width of the first of connectors (as lower-case hashes, `compile`) that starts at token k, 0 if none."""
        for conn in connectors:
            if k + len(conn) <= len(doc) and all(self.view.record(k + j)[3] == w for j, w in enumerate(conn)):
                return len(conn)
        return 0

    def _complement_after(self, doc, row, start, end, ent_at, per_tokens) -> int:
        """End of the complement of the trigger doc[start:end] (end when none)."""
        n = len(doc)
        trigger_cap = is_capitalised(doc[start])
        k = end
        if row.get("adj"):
            while k < n and doc[k].is_lower and doc[k].pos_ == "ADJ" and not self.view.newline_before(k):
                k += 1
        exclude = set(row.get("exclude", ()))
        allow_per = bool(row.get("enter_per"))

        def name_at(i):
            if i < n and doc[i].text in exclude:
                return i
            return self._run_forward(doc, i, ent_at, per_tokens, allow_per)

        comp = name_at(k)
        if comp == k and k + 1 < n and doc[k].text in ("Le", "La", "Les", "L'", "L’") \
                and not self.view.newline_before(k):
            comp = max(k, name_at(k + 1))  # "le quotidien La Montagne": a title opening on its article
        if comp == k and not row.get("direct"):
            width = self._connector_at(doc, k, self.connectors)
            if width:
                comp = name_at(k + width)
                if comp == k + width and row.get("lower") == "cap" and trigger_cap:
                    comp = self._lower_run(doc, k + width)
                if comp == k + width:
                    comp = k
        if comp == k and row.get("lower") == "cap" and trigger_cap and k < n and doc[k].lower_ == "pour":
            run = self._lower_run(doc, k + 1)  # "Office franco-allemand pour la jeunesse"
            comp = run if run > k + 1 else k
        if comp == k:
            return k if k > end and trigger_cap else end
        while row.get("coord") or row.get("chain"):
            if row.get("coord") and comp < n and doc[comp].lower_ == "et":
                width = self._connector_at(doc, comp + 1, self.connectors)
                nxt = name_at(comp + 1 + width) if width else comp + 1
                if width and nxt > comp + 1 + width:
                    comp = nxt
                    continue
            if row.get("chain"):
                width = self._connector_at(doc, comp, self.chain_connectors)
                nxt = name_at(comp + width) if width else comp
                if width and nxt > comp + width:
                    comp = nxt
                    continue
            break
        if row.get("adj_after") and is_capitalised(doc[comp - 1]):
            for _ in range(2):
                if comp < n and doc[comp].is_lower and doc[comp].pos_ == "ADJ" and not self.view.newline_before(comp):
                    comp += 1
        return comp

    def _pattern_spans(self, doc: Doc, ent_at: dict, per_tokens: set[int]) -> list[Span]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            rule = self.nlp.vocab.strings[match_id]
            row = self.rows[rule]
            where = row.get("complement", "none")
            if where == "after":
                comp_end = self._complement_after(doc, row, start, end, ent_at, per_tokens)
                found = comp_end > end
                span = (end if row.get("span") == "complement" else start, comp_end)
            elif where == "before":
                comp_start = self._run_backward(doc, start, ent_at, per_tokens)
                found = comp_start < start
                while row.get("adj") and end < len(doc) and doc[end].is_lower and doc[end].pos_ == "ADJ":
                    end += 1  # "Grand Poitiers Communauté urbaine"
                span = (comp_start, end)
            elif where == "adj":  # "Stade rennais", "Stade Brestois" (clubs), not "Stade Vélodrome" (a place)
                comp_end = end
                while comp_end < len(doc) and (doc[comp_end].is_lower and doc[comp_end].pos_ == "ADJ"
                                               or places_of(self.nlp).demonym(doc[comp_end].text) is not None):
                    comp_end += 1
                found, span = comp_end > end, (start, comp_end)
            else:
                found, span = False, (start, end)
            if not found:
                alone = row.get("alone", "cap")
                if row.get("required") or alone == "never" or (alone == "cap" and not is_capitalised(doc[start])):
                    continue
            if row["label"] == "MISC" and resolve_place(doc[span[0]:span[1]].text) is not None:
                continue  # "Salon de Provence" is the town, not a fair
            if row["label"] == "PER" and found and self._not_a_surname(doc[span[0]:span[1]]):
                continue  # "le président sénégalais" written "Sénégalais", "le maire PS", "le préfet Rhône"
            first = span[0]
            if first == start and first > 0 and is_capitalised(doc[first]) and doc[first - 1].text in NAME_ADJECTIVES:
                first -= 1  # "Grand Port maritime du Havre", "Nouvelle Agence..."
            spans.append(Span(doc, first, span[1], label=row["label"], span_id=rule))
        return spans

    def _gazetteer_spans(self, doc: Doc, doc_ents: tuple[Span, ...]) -> list[Span]:
        ents = {(e.start, e.end): e for e in doc_ents}
        person_words = None  # the words of longer persons' names, read at the first ambiguous name
        spans = []
        for match_id, start, end in self.gazetteer(doc):
            if self.nlp.vocab.strings[match_id] == "ORG_AMBIGUOUS":
                ent = ents.get((start, end))
                if ent is None or ent.label_ == "LOC":
                    continue
                if person_words is None:
                    person_words = {fold(t.text) for e in doc_ents if e.label_ == "PER" and len(e) > 1 for t in e}
                if fold(doc[start:end].text) in person_words:
                    continue
            spans.append(Span(doc, start, end, label="ORG", span_id="organisation_gazetteer"))
        return spans

    def _country_spans(self, doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
        """Country names the base NER left out ("l'ambassadeur du Japon"): runs of up to four tokens
        outside any entity, within a line, opening and closing on a capital."""
        countries = places_of(self.nlp).country_keys
        view = self.view
        free = np.ones(view.n, dtype=bool)  # outside any entity
        for ent in ents:
            free[ent.start:ent.end] = False
        caps = free & view.capital
        starts = caps & ~view.in_words("function")
        spans, resume = [], 0
        free, caps, breaks = free.tolist(), caps.tolist(), view.break_list  # read per token below
        for i in np.flatnonzero(starts).tolist():
            if i < resume:
                continue
            for n in range(min(4, view.n - i), 0, -1):
                if (caps[i + n - 1] and all(free[i:i + n]) and not any(breaks[i + 1:i + n])
                        and place_key(view.span_text(i, i + n)) in countries):
                    spans.append(Span(doc, i, i + n, label="LOC", span_id="country_name"))
                    resume = i + n
                    break
        return spans

    def _not_a_surname(self, span) -> bool:
        """A title's capitalised complement that names no person: a demonym, a place, a party's initials."""
        places = places_of(self.nlp)
        return places.demonym(span[0].text) is not None or resolve_place(span.text) is not None \
            or (len(span) == 1 and span.text.isupper() and len(span.text) <= 4)

    def _only_titles(self, tokens) -> bool:
        """Whether tokens are only titles and site boilerplate ("Président", "Newsletter")."""
        return all(self.words.has(t.text, "title", "honorific", "function", "boilerplate") or t.is_punct
                   for t in tokens)

    def _head_before(self, doc: Doc, ent: Span, rule_start: int) -> Span | None:
        """The proper name an entity holds before a rule's span, when one or two lower-case
        prepositions part them ("Cuenca aux Nuits de Nacre" -> "Cuenca")."""
        end = rule_start
        while end > ent.start and rule_start - end < 2 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
            end -= 1
        if not ent.start < end < rule_start:
            return None
        head = doc[ent.start:end]
        if not is_capitalised(head[0]) or not self._name_words(list(head)) \
                or self._only_titles(list(head)):
            return None
        return Span(doc, ent.start, end, label=ent.label_)

    def _name_words(self, tokens) -> bool:
        """Whether tokens read as more of a name ("Toyota Europe"), not a sentence the model ran on into."""
        return all(is_capitalised(t) or t.text in HYPHENS or t.is_digit
                   or (t.is_lower and self.words.has(t.text, "function") and t is not tokens[-1]) for t in tokens)

    def __call__(self, doc: Doc) -> Doc:
        self.view = TokenView(doc, self.words).lend(doc)  # what does not change with the entities
        # the entities as doc.ents would give them back once set (each read builds every Span anew);
        # only the final ones are set
        ents = tuple(line_pieces(doc, view=self.view))
        ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        # a "person" opening on a lower-case word ("de Metz") is a tagging slip, not a name to stop at
        per_tokens = {i for e in ents if e.label_ == "PER" and self.view.bit_list[e.start] & CAPITAL_BIT
                      and not place_not_person(doc, e, self.words, self.major_place_population, ents)
                      for i in range(e.start, e.end)}
        rules = filter_spans(self._pattern_spans(doc, ent_at, per_tokens) + self._gazetteer_spans(doc, ents)
                             + self._country_spans(doc, ents))
        kept = []
        for ent in ents:
            hits = [r for r in rules if r.start < ent.end and ent.start < r.end]
            if not hits:
                kept.append(ent)
                continue
            rule = hits[0]
            inside = len(hits) == 1 and ent.start <= rule.start and rule.end <= ent.end and len(ent) > len(rule)
            extra = [t for t in ent if not rule.start <= t.i < rule.end]
            if not inside or self._only_titles(extra) or not self._name_words(extra):
                # the rule wins; a name the entity held before it stays ("Cuenca aux Nuits de Nacre")
                head = self._head_before(doc, ent, rule.start)
                if head is not None:
                    kept.append(head)
                continue
            rules.remove(rule)
            if ent.label_ == "PER":
                kept.append(ent)  # "Serge Dassault": a person named like a company
            else:
                kept.append(Span(doc, ent.start, ent.end, label=rule.label_, span_id=rule.id_))
        doc.ents = filter_spans(kept + rules)
        self.view = None
        return doc


@Language.factory("presse_entity_ruler", default_config={"major_place_population": MAJOR_PLACE_POPULATION},
                  assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_entity_ruler(nlp: Language, name: str, major_place_population: int) -> EntityRuler:
    """`major_place_population`: a one-word "person" that is a town this large is the town ("Kumamoto")."""
    return EntityRuler(nlp, name, major_place_population)
