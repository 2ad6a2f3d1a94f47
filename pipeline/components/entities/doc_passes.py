"""The passes of presse_entity_repair over all spans of a document (after each entity's own passes).

Each is a method `(doc, spans) -> spans` of `DocPasses`, which `EntityRepair` mixes in; the order
they run in is `EntityRepair.DOC_PASSES`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...text import fold
from ..places import is_major_place, places_of, resolve_place
from .common import (ARTICLES, CONNECTOR_WORDS, HEADLINE_WORDS, HYPHENS, LOCATIVES, MINOR_PLACE_POPULATION,
                     is_capitalised)


# Elided particles inside persons' names ("N’Guesso", "d’Almeida", "D'Souza"), glued to the next word.
ELIDED_PARTICLES = {"N’", "N'", "d’", "d'", "D’", "D'"}


class DocPasses:
    """Passes over a document's spans; they use the repair's `words`, `designators`, `known_orgs`,
    `home_country`, its per-span tests (`_after_title`, `_after_locative`, `_media_number`...), and
    the doc's `view` (token arrays): a pass builds Tokens only where its cue is."""

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
        view = self.view
        # capitalised proper nouns after a title's or a locative's preposition (`_after_title`, `_after_locative`)
        cues = view.capital & (view.pos == PROPN) & view.after(view.with_bits(self.place_cue_bit))
        for i in np.flatnonzero(cues).tolist():
            tok = doc[i]
            if (tok.i in taken or tok.i < 2 or self._after_portfolio(doc, tok.i)
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
        if k + 1 >= len(doc) or self.view.record(k)[0] != ",":
            return False
        tok = doc[k + 1]
        if tok.lower_ in ("le", "la", "l'", "l’") and k + 2 < len(doc):
            tok = doc[k + 2]
        # "vice-maire", "sous-préfète": a title with a prefix is a title
        return tok.is_lower and (self.words.has(tok.text, "title") or self.words.has(tok.text.split("-")[-1], "title"))

    def _company_apposition(self, doc: Doc, k: int) -> bool:
        """"Yu Tong, 1er constructeur mondial de bus": a name in apposition with a company noun."""
        if k >= len(doc) or self.view.record(k)[0] != ",":
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
        view = self.view
        length = view.lengths
        cues = view.is_upper & view.is_alpha & (length >= 2) & (length <= 8) \
            & view.after(view.with_bits(self.open_bit)) & view.before(view.with_bits(self.close_bit))
        for i in np.flatnonzero(cues).tolist():
            tok = doc[i]
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
        if kind is None and self.home_country == "FR" and places_of(self.nlp).is_commune(place.text):
            kind = "city"
        return kind in ("region", "departement") or kind == "city" and self.words.has(
            org[-1].text.split("-")[-1], "org_head")

    def _vote(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Each surface form takes its majority label within the document (ties: a known place is LOC)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        texts = [self.view.span_text(s.start, s.end) for s in spans]
        keys = list(map(fold, texts))
        for s, key in zip(spans, keys):
            votes[key][s.label_] += 2 if s.id_ else 1
        out = []
        for s, text, key in zip(spans, texts, keys):
            (best, n), *rest = votes[key].most_common()
            tied = [label for label, m in rest if m == n]
            if tied and "LOC" in tied + [best] and resolve_place(text) is not None:
                best, rest = "LOC", []  # a tie between readings of a known place name goes to the place
            if best != s.label_ and (not rest or n > rest[0][1]):
                s = Span(s.doc, s.start, s.end, label=best, span_id=s.id_)
            out.append(s)
        return out

    # -- passes over the document's spans -------------------------------------------
    def _settle_weak(self, doc: Doc, drafts: list["Draft"]) -> list[Span]:
        """Spans whose own label is unreliable take the label of the same name elsewhere (`_weak_label`)."""
        spans = [d.span for d in drafts if not d.weak]
        known = {fold(self.view.span_text(s.start, s.end)): s.label_ for s in spans}
        for draft in drafts:
            if draft.weak and (label := self._weak_label(draft.span, known)):
                spans.append(Span(doc, draft.span.start, draft.span.end, label=label, span_id=draft.span.id_))
        return filter_spans(spans)

    def _designated_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"salle Jean-Mathieu de Bavilliers", "centre commercial Les Nations", "cabinet Cadel", "place du
        Marché": a designator of `designators.tsv` and the name after it are one LOC or ORG, whatever the
        model made of the name (a person, a place, nothing); a commune after "de" stays apart."""
        out = list(spans)
        view = self.view
        cues = view.with_bits(self.designator_bits)
        for i in np.flatnonzero(cues).tolist():
            tok = doc[i]
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
        while end < len(doc) and not self.view.newline_before(end):
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
        view = self.view
        length = view.lengths
        cues = view.is_alpha & view.is_upper & (length >= 2) & (length <= 6) \
            & view.after(view.with_bits(self.determiner_bit))
        for i in np.flatnonzero(cues).tolist():
            tok = doc[i]
            if (tok.i in taken or self.words.has(tok.text, "common_acronym", "place_acronym", "english_stop")
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
                        or place is None and self.home_country == "FR" and places_of(self.nlp).is_commune(span.text):
                    span = Span(doc, span.start, span.end, label="LOC", span_id="commune")
            out.append(span)
        return out

    def _elided_particles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Denis Sassou N’Guesso", "Paul N'Dri", "Kofi d’Almeida": a person's name goes on over an elided
        particle glued to a capitalised word ("N’", "d’", "D’"), which the model leaves out or takes for a
        place of its own; "d’" only where the word after it is no place entity nor a town of some size
        ("Jean Dupont d’Abidjan")."""
        by_start = {s.start: s for s in spans}
        drop, grown = set(), {}
        for span in spans:
            if span.label_ != "PER":
                continue
            end = span.end
            if len(span) > 2 and span[-2].text in ("d’", "d'") and is_major_place(span[-1].text, MINOR_PLACE_POPULATION):
                grown[span.start] = Span(doc, span.start, span.end - 2, label="PER", span_id=span.id_)
                continue  # "le ministre Yves Koffi d’Angers": the person, then his town
            while end + 1 < len(doc) and doc[end].text in ELIDED_PARTICLES and not doc[end].whitespace_ \
                    and doc[end - 1].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_title:
                after = by_start.get(end + 1)
                if doc[end].text[0] == "d" and ((after is not None and after.label_ != "PER")
                                                or is_major_place(doc[end + 1].text, MINOR_PLACE_POPULATION)):
                    break
                end += 2
                if after is not None:
                    drop.add(after.start)
                    end = max(end, after.end)
            if end > span.end:
                grown[span.start] = Span(doc, span.start, end, label="PER", span_id=span.id_)
        if not grown:
            return spans
        return [grown.get(s.start, s) for s in spans if s.start not in drop]
