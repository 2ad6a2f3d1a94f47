"""presse_entity_repair: span boundaries and labels fixed with general rules of French press writing.

Each entity goes through `SPAN_PASSES` (boundaries, non-entities, reshaping, labels), then the
document's spans through `DOC_PASSES` (`doc_passes.py`).  Both are ordered tuples of named methods.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.symbols import ADJ, ADP, ADV, AUX, VERB
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...text import fold
from ..base import TableComponent
from ..places import is_major_place, pipeline_gazetteer, resolve_place
from .common import (ACRONYM_DETERMINERS, ALPHA_BIT, CAPITAL_BIT, CONNECTOR_WORDS, HEADLINE_WORDS, HYPHENS, LOWER_BIT,
                     MAJOR_PLACE_POPULATION, MINOR_PLACE_POPULATION, NOT_A_NAME, PORTFOLIO_JOINERS, PUNCT_BIT, QUOTES,
                     SPACE_BIT, UPPER_BIT, TokenView, WordLexicon, is_capitalised, line_pieces, place_not_person)
from .doc_passes import DocPasses


class EntityRepair(DocPasses, TableComponent):
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
                  "_acronyms", "_local_acronyms", "_local_branch", "_vote", "_elided_particles")

    def __init__(self, nlp: Language, name: str, home_country: str = "FR",
                 major_place_population: int = MAJOR_PLACE_POPULATION,
                 minor_place_population: int = MINOR_PLACE_POPULATION):
        super().__init__(nlp, name)
        self.home_country = home_country
        self.major_place_population = major_place_population
        self.minor_place_population = minor_place_population
        self.span_passes = self.SPAN_PASSES
        self.doc_passes = self.DOC_PASSES

    def compile(self) -> None:
        self.words = WordLexicon.of_rows(self.tables["words.tsv"])
        self.designators = {row["word"]: row for row in self.tables["designators.tsv"]}
        self.known_orgs = {fold(name) for row in self.tables["organisations.tsv"]
                           for name in [row["name"], *(row["variants"] or "").split("|")] if name}
        # the cue words the whole-doc passes look for, as bits of a `TokenView` (`WordLexicon.cue_bit`)
        strings = self.nlp.vocab.strings
        self.place_cue_bit = self.words.cue_bit(CONNECTOR_WORDS | {"à", "en", "vers", "depuis"}, lower=True)
        self.determiner_bit = self.words.cue_bit(ACRONYM_DETERMINERS, lower=True)
        # punctuation or words that are no name alone, and organisation heads, as bits of a `TokenView`
        self.not_a_name_bits = WordLexicon.PUNCT | self.words.kind_bits(
            NOT_A_NAME + ("generic", "boilerplate", "portfolio"))
        self.org_head_bits = self.words.kind_bits(["org_head"])
        self.portfolio_bits = self.words.kind_bits(["portfolio"])
        # hashes of lower-case forms, read in the records of a few tokens before a span
        self.portfolio_joiner_hashes = TokenView.hashes(strings, PORTFOLIO_JOINERS)
        self.headline_hashes = TokenView.hashes(strings, HEADLINE_WORDS)
        self.connector_hashes = TokenView.hashes(strings, CONNECTOR_WORDS)
        # the kinds `_strip` tests, as bits ("title" stands for a title or an honorific)
        self.strip_bits = {kind: self.words.kind_bits([kind]) for kind in ("function", "boilerplate", "origin",
                                                                          "place_noun")}
        self.strip_bits["title"] = self.words.kind_bits(["title", "honorific"])
        self.list_joiner_hashes = TokenView.hashes(strings, (",", "et"))
        # texts that are a designator, or whose lower-case form is one (in a sentence's first word)
        self.designator_bits = self.words.cue_bit(self.designators) | self.words.cue_bit(self.designators, lower=True)
        self.quote_bit = self.words.cue_bit(QUOTES)
        self.open_bit, self.close_bit = self.words.cue_bit(("(",)), self.words.cue_bit((")",))
        self.view: TokenView | None = None  # the arrays of the doc `__call__` is on, and its entities as read
        self.ents: tuple[Span, ...] | None = None

    # -- zones where nothing is an entity ------------------------------------
    def _english_lines(self, doc: Doc) -> set[int]:
        """Indices of tokens on lines written in English (site boilerplate): lines with three or more
        lower-case English stop words, more than lower-case French function words."""
        view = self.view
        english = view.is_lower & view.in_words("english_stop")
        if english.sum() < 3:
            return set()
        function = view.is_lower & view.in_words("function")
        line = np.cumsum(view.breaks)  # a line's number on each of its tokens
        per_line = np.bincount(line, weights=english), np.bincount(line, weights=function)
        return set(np.flatnonzero(((per_line[0] >= 3) & (per_line[0] > per_line[1]))[line]).tolist())

    def _english_titles(self, doc: Doc) -> set[int]:
        """Tokens of English job titles: "Head of Business et Strategic Partnership Europe"."""
        out = set()
        view, resume = self.view, 0
        for i in np.flatnonzero(view.capital & view.in_words("english_title")).tolist():
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if i < resume or nxt is None or not (nxt.lower_ in ("of", "for")
                                                 or self.words.has(nxt.text, "english_title")):
                continue
            j = i + 1
            while j < len(doc) and not self.view.newline_before(j) and (
                    is_capitalised(doc[j]) or doc[j].lower_ in ("of", "and", "et", "&", "the", "for")):
                j += 1
            while j > i and doc[j - 1].lower_ in ("and", "et", "&", "the", "for", "of"):
                j -= 1
            out.update(range(i, j))
            resume = j
        return out

    def _after_portfolio(self, doc: Doc, start: int) -> bool:
        """Whether the span is a portfolio: "délégué aux Relations internationales", "ministre du
        Commerce, de l'Artisanat et de la Promotion des PME"."""
        view = self.view
        if start == 0 or view.record(start - 1)[3] in self.list_joiner_hashes:
            return False
        if self.words.has(view.record(start - 1)[0], "honorific") and view.record(start - 1)[1] & CAPITAL_BIT:
            return False  # "..., Madame Hadja Lahbib": an honorific names a person, not a portfolio
        if start >= 2 and view.record(start - 1)[0] in ("Etat", "État") and view.record(start - 2)[0] in ("d'", "d’"):
            return False  # "le ministre d'Etat Koffi Yao", "la secrétaire d'Etat X": a title, then the name
        k, joined = start - 1, False
        while k >= 0 and start - k < 16 and not view.newline_before(k + 1):
            _, bits, _, lower = view.record(k)
            if lower in self.portfolio_joiner_hashes:
                joined = True
            elif bits & self.portfolio_bits:
                return joined
            elif not (bits & CAPITAL_BIT or bits & LOWER_BIT and view.pos_list[k] == ADJ):
                return False
            k -= 1
        return False

    # -- one span --------------------------------------------------------------
    def _strip(self, doc: Doc, ent: Span) -> tuple[int, int, bool]:
        """Boundaries without determiners, titles and trailing function words; and whether the
        label is unreliable: the rest of a Title Case headline ("Coopération À Annaba"), or a
        title's complement ("Président de la Catalogne": not a person).  Reads the view's records
        (text, bits, length, lower-case hash), not Tokens."""
        view, bit = self.view, self.strip_bits
        start, end = ent.start, ent.end
        for k in range(start + 1, end):
            if view.newline_before(k):
                end = k
                break
        headline = False
        for k in range(end - 1, start, -1):
            text, _, _, lower = view.record(k)
            if text[:1].isupper() and lower in self.headline_hashes and view.record(k - 1)[0] not in HYPHENS:
                start, headline = k + 1, True
                break
        titled = False
        while start < end:
            bits = view.record(start)[1]
            if bits & (PUNCT_BIT | SPACE_BIT) or (bits & LOWER_BIT and bits & bit["function"]):
                start += 1
            elif end - start > 1 and bits & bit["boilerplate"]:
                start += 1
            elif end - start > 2 and bits & bit["origin"] and view.record(start + 1)[3] in self.connector_hashes:
                start, titled = start + 1, True  # "Venus d'Espagne", "Originaires de Bavière": a place follows
            elif end - start > 1 and bits & bit["title"]:
                titled = True
                start += 1
            else:
                break
        complement = titled and start > ent.start and view.record(start - 1)[1] & LOWER_BIT \
            and view.record(start - 1)[1] & bit["function"]
        if end - start > 2 and not ent.id_ and view.record(start + 1)[3] in self.connector_hashes \
                and self._demonym(view.record(start)[0]):
            start, complement = start + 2, True  # "Italienne de Butera"
        if ent.label_ == "LOC" and view.record(start)[1] & LOWER_BIT and view.record(start)[1] & bit["place_noun"]:
            k = start + 1  # "province du Shandong", "région Grand Est": the name is the place
            while k < end and view.record(k)[3] in self.connector_hashes:
                k += 1
            if k < end and view.record(k)[1] & CAPITAL_BIT:
                start = k
        while end > start:
            text, bits, _, _ = view.record(end - 1)
            # "Xinjiang chinois" is the Xinjiang, "Europe centrale" a place of its own
            trailing_lower = (ent.label_ in ("PER", "LOC") and bits & LOWER_BIT and end - 1 > start
                              and view.record(end - 2)[1] & CAPITAL_BIT
                              and (ent.label_ == "PER" or view.pos_list[end - 1] != ADJ or self._demonym(text)))
            if (bits & PUNCT_BIT and text != ")") or bits & SPACE_BIT or trailing_lower or text in HYPHENS or (
                    bits & LOWER_BIT and bits & bit["function"]):
                end -= 1
            else:
                break
        return start, end, bool(complement or headline)

    def _not_an_entity(self, doc: Doc, span: Span, from_rule: bool) -> bool:
        text = self.view.span_text(span.start, span.end)
        if not any(map(str.isupper, text)) or len(text.strip()) < 2:
            return True
        if WEB_MARKS.search(text) or text.count("(") != text.count(")"):
            return True
        if from_rule:
            return False
        if self.view.all_tokens(span.start, span.end, self.not_a_name_bits):
            return True
        view = self.view
        opens_line = view.newline_before(span.start) or span.start == 0
        rubric_end = span.end == len(doc) or view.newline_before(span.end) \
            or view.record(span.end)[0] in (".", ":", "|", ">")
        if len(span) == 1 and opens_line and rubric_end and self.words.has(text, "rubric"):
            return True  # "Economie" alone, or "Municipales. À Villeurbanne, ..."
        if len(span) == 1 and (opens_line or view.record(span.start - 1)[1] & PUNCT_BIT
                               and view.record(span.start - 1)[0] != "-") \
                and view.pos_list[span.start] in OPENER_POS and resolve_place(text) is None:
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
        while (span.label_ == "PER" and end < len(doc) and not self.view.newline_before(end)
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
        if (num.is_digit and len(num) <= 3 and not self.view.newline_before(k)
                and (after is None or after.pos_ != "NOUN" and after.text != "%")):
            return Span(doc, span.start, k + 1, label="ORG", span_id=span.id_)
        return span

    # -- labels ----------------------------------------------------------------
    def _relabel(self, doc: Doc, span: Span) -> str:
        label, view = span.label_, self.view
        if label in ("PER", "LOC", "MISC") and view.any_token(span.start, span.end, self.org_head_bits):
            return "ORG"
        text = view.span_text(span.start, span.end)
        if label in ("LOC", "MISC") and len(span) == 1 and text.isupper() and text.isalpha() \
                and len(text) >= 2 and not self.words.has(text, "place_acronym"):
            return "ORG"
        first, bits, length, _ = view.record(span.start)
        if label == "LOC" and len(span) > 1 and bits & UPPER_BIT and bits & ALPHA_BIT and length >= 2 \
                and not self.words.has(first, "place_acronym") and resolve_place(text) is None:
            return "ORG"  # "MJC Lillebonne", "ASPTT Nancy": an acronym names the body
        if label == "PER" and self._company_apposition(doc, span.end):
            return "ORG"
        if place_not_person(doc, span, self.words, self.major_place_population, self.ents):
            return "LOC"
        if label == "LOC" and len(span) == 2 and span[0].text == "Grand" and self._town_area(span):
            return "ORG"
        if label in ("ORG", "MISC") and self._plain_place(span):
            return "LOC"
        if label in ("LOC", "ORG", "MISC") and len(span) > 1 and self._titled_apposition(doc, span.end) \
                and resolve_place(text) is None:
            return "PER"  # "Santiago Gómez, vice-maire de Valparaíso"
        if label in ("PER", "LOC") and len(span) == 1 and text[:1].isupper() and self._demonym(text) and not (
                label == "LOC" and span.start > 0 and doc[span.start - 1].lower_ in ("le", "du", "au")):
            return "MISC"  # "les Italiens", "une Sicilienne"; but "le Vendômois" is a region
        return label

    @staticmethod
    def _demonym(word: str) -> bool:
        """A demonym that is not also a place name ("italienne", "Italienne", not "Lorraine")."""
        gazetteer = pipeline_gazetteer()
        return gazetteer.demonym(word) is not None and not gazetteer.names_place(word)

    def _plain_place(self, span: Span) -> bool:
        """An ORG or MISC of the model that is only a place name: a country, a town of
        `minor_place_population` or more ("Cannes" in a headline) for a MISC, a large foreign town
        ("Rishon LeZion") for an ORG (a French town's name as ORG may be its club or council)."""
        if len(span) > 3 or any(self.words.has(t.text, "org_head") for t in span) or self._demonym(span.text):
            return False
        place = resolve_place(span.text)
        if place is None or place["kind"] in ("area", "continent"):
            return False
        if place["kind"] == "country":
            return True
        if span.label_ == "MISC":
            return is_major_place(span.text, self.minor_place_population)
        return place["kind"] == "city" and place["country"] != "FR" \
            and is_major_place(span.text, self.major_place_population, primary_only=False)

    def _twin_places(self, doc: Doc, span: Span) -> list[Span] | None:
        """"le jumelage Vendôme-Gevelsberg": two places joined by a hyphen are two places, whatever
        the model made of the pair; not a commune's own name ("Saint-Chély-d'Aubrac": a town, a region)."""
        for k in range(span.start + 1, span.end - 1):
            if doc[k].text in HYPHENS and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
                left, right = doc[span.start:k], doc[k + 1:span.end]
                if resolve_place(span.text) is None and resolve_place(left.text) and resolve_place(right.text) \
                        and not pipeline_gazetteer().is_commune(span.text):
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
        for i in np.flatnonzero(self.view.with_bits(self.quote_bit)).tolist():
            tok = doc[i]
            close = QUOTES[tok.text]
            end = tok.i + 1
            while end < len(doc) and doc[end].text != close and end - tok.i < 12 and not self.view.newline_before(end):
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


    def __call__(self, doc: Doc) -> Doc:
        """Each entity through the span passes, then the document's spans through the doc passes."""
        self.view, self.ents = TokenView.take(doc, self.words), doc.ents
        quotes = self._english_quotes(doc)
        quoted = {i for q in quotes for i in range(q.start, q.end)}
        blocked = self._english_lines(doc) | self._english_titles(doc)
        drafts = [Draft(q, from_rule=True) for q in quotes]
        steps = [getattr(self, name) for name in self.span_passes]
        for ent in line_pieces(doc, self.ents, self.view):
            from_rule = bool(ent.id_)
            tokens = range(ent.start, ent.end)
            if not quoted.isdisjoint(tokens) or not from_rule and not blocked.isdisjoint(tokens):
                continue
            todo = [Draft(ent, from_rule)]
            for step in steps:
                out = []
                for draft in todo:
                    result = draft if draft.done else step(doc, draft)
                    if isinstance(result, list):
                        out.extend(result)
                    elif result is not None:
                        out.append(result)
                todo = out
            drafts.extend(todo)
        spans = self._settle_weak(doc, drafts)
        for name in self.doc_passes:
            found = getattr(self, name)(doc, spans)
            # spans are filtered already: filter_spans would give back the same list
            unchanged = len(found) == len(spans) and all(map(operator.is_, found, spans))
            spans = spans if unchanged else filter_spans(found)
        doc.ents = spans
        self.view = self.ents = None
        return doc

    # -- the span passes, as (doc, draft) -> draft, drafts or None ------------------------
    def _cut_to_name(self, doc: Doc, draft: "Draft") -> "Draft | None":
        span = draft.span
        start, end, weak = self._strip(doc, span)
        if start >= end:
            return None
        if (start, end) == (span.start, span.end):
            return draft if weak == draft.weak and not draft.done else Draft(span, draft.from_rule, weak)
        return Draft(Span(doc, start, end, label=span.label_, span_id=span.id_), draft.from_rule, weak)

    def _drop_non_entity(self, doc: Doc, draft: "Draft") -> "Draft | None":
        return None if self._not_an_entity(doc, draft.span, draft.from_rule) else draft

    def _reshape(self, doc: Doc, draft: "Draft") -> "Draft":
        """Span boundaries: a place inside a MISC, a person's whole name, "ACTU 88", "Europe centrale",
        "rue Paul-Albert"."""
        span = self._media_number(doc, self._whole_name(doc, self._place_in_misc(doc, draft.span)))
        return draft.with_span(self._venue(doc, self._geo_adjective(doc, self._hyphenated_whole(doc, span))))

    def _hyphenated_whole(self, doc: Doc, span: Span) -> Span:
        """"Amicale des sapeurs-pompiers", "Saint-Ouen-lès-Parey": a span that stops inside a hyphenated
        word goes on to its end."""
        end, view = span.end, self.view
        while end + 1 < len(doc) and view.record(end)[0] in HYPHENS and not view.spacy_list[end - 1] \
                and not view.spacy_list[end] and view.record(end + 1)[1] & ALPHA_BIT:
            end += 2
        return span if end == span.end else Span(doc, span.start, end, label=span.label_, span_id=span.id_)

    def _split_twins(self, doc: Doc, draft: "Draft") -> "Draft | list[Draft]":
        twins = None if draft.from_rule else self._twin_places(doc, draft.span)
        return [Draft(t, False, done=True) for t in twins] if twins else draft

    def _label(self, doc: Doc, draft: "Draft") -> "Draft":
        if draft.from_rule:
            return draft
        span, label = draft.span, self._relabel(doc, draft.span)
        return draft if label == span.label_ else draft.with_span(
            Span(doc, span.start, span.end, label=label, span_id=span.id_))

    def _mark_weak(self, doc: Doc, draft: "Draft") -> "Draft":
        span = draft.span
        weak = draft.weak or (span.label_ == "PER" and len(span) == 1 and self._after_title(doc, span.start)) or (
            span.label_ == "ORG" and not draft.from_rule and self._after_mayor(doc, span.start))
        return draft if weak == draft.weak and not draft.done else Draft(span, draft.from_rule, weak)


# The parts of speech of a participle or adverb opening a sentence, not a name ("Accueillis par ...").
OPENER_POS = {VERB, AUX, ADJ, ADV, ADP}
# Marks of a web address, a handle or a site's navigation: no entity holds them.
WEB_MARKS = re.compile(r"@|http|www\.|\.com|#|/|>|\|")


@dataclass
class Draft:
    """One entity on its way through the span passes of `EntityRepair`."""
    span: Span
    from_rule: bool
    weak: bool = False  # its label is unreliable: settled by the same name elsewhere
    done: bool = False  # later span passes leave it as it is

    def with_span(self, span: Span) -> "Draft":
        return Draft(span, self.from_rule, self.weak, self.done)


@Language.factory("presse_entity_repair",
                  default_config={"home_country": "FR", "major_place_population": MAJOR_PLACE_POPULATION,
                                  "minor_place_population": MINOR_PLACE_POPULATION},
                  assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_entity_repair(nlp: Language, name: str, home_country: str, major_place_population: int,
                       minor_place_population: int) -> EntityRepair:
    """`home_country`: the country whose communes a one-word "person" after "à" or "de" may be.
    `major_place_population`: a one-word "person" or a foreign-town ORG that is a town this large is
    the town; `minor_place_population`: the same for a MISC ("Cannes" in a headline)."""
    return EntityRepair(nlp, name, home_country, major_place_population, minor_place_population)
