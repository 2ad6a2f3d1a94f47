"""The presse_dates component: match the mentions, anchor the document, resolve each mention."""
from __future__ import annotations

from bisect import bisect_right
from functools import partial
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..base import TableComponent
from .clause import Clauses
from .grammar import Grammar
from .resolve import Resolver
from .values import Context

SPAN_KEY = "dates"

if not Doc.has_extension("anchor"):
    # {"value": ISO date (maybe partial) or None, "source": "published" | "text" | None}
    Doc.set_extension("anchor", default=None)
if not Span.has_extension("timex"):
    # {"value", "kind", "mod", "anchor", "start", "end"}: see the module docstring.
    Span.set_extension("timex", default=None)
CONTEXTUAL = ("time", "textrel")     # rules resolved from the other mentions of the text


class DateTagger(Grammar, Resolver, TableComponent):
    """Finds French temporal expressions and gives each a TIMEX3 value, kind and anchor."""

    TABLES = ("lexicon.tsv", "patterns.jsonl", "false_alarms.jsonl", "anchors.jsonl")

    # -- pipeline -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text     # built anew from the tokens at each access
        windows = self.windows(text)
        mentions = self.find(doc, text, windows)
        anchor = self.document_anchor(doc, text, mentions, windows)
        doc._.anchor = {"value": anchor.value, "source": anchor.source}
        clauses = Clauses(doc, text, self.etre_verbs)
        precise_years, any_years = self.year_hints(mentions, clauses)
        text_years = self.written_years(mentions) if anchor.year is None else frozenset()
        # undated article: "le 28 mars dernier" takes the one year its precise dates all give
        # ("la mission, du 28 mars au 1er avril 2010"), as a reader does
        doc_years = set(precise_years.values())
        doc_year = doc_years.pop() if anchor.year is None and len(doc_years) == 1 else None
        spans = []
        for span, row, groups in mentions:
            if row["rule"] not in CONTEXTUAL:
                # its sentence matters only where some sentence writes a year
                sent = clauses.sentence_start(span) if precise_years or any_years else None
                # a bare "en 2018" only helps when nothing else dates the article
                hint = precise_years.get(sent) or (any_years.get(sent) if anchor.year is None else None) or doc_year
                ctx = Context(anchor, partial(clauses.tense, span), hint, doc_year, text_years)
                span._.timex = self.resolve(row, groups, ctx)
            spans.append(span)
        for span, row, groups in mentions:
            if span._.timex and span._.timex["mod"] == "APPROX" and groups.get("weekday"):
                span._.timex = self.written_weekday(span._.timex, groups, spans)
        for i, (span, row, groups) in enumerate(mentions):
            if row["rule"] in CONTEXTUAL:
                span._.timex = self.resolve_from_text(row["rule"], groups, spans, i, clauses)
        doc.spans[SPAN_KEY] = spans
        ents = doc.ents
        # spans come in the order of their starts: an entity lies inside one when a span starting
        # at or before it reaches its end
        starts, reach = [s.start for s in spans], list(accumulate((s.end for s in spans), max))
        kept = [e for e in ents if not ((k := bisect_right(starts, e.start)) and reach[k - 1] >= e.end)]
        # setting the same entities again would only mark unannotated tokens as outside any entity
        if len(kept) < len(ents) or not doc.has_annotation("ENT_IOB", require_complete=True):
            doc.ents = kept
        return doc


@Language.factory("presse_dates", default_config={},
                  assigns=["doc.spans", "doc._.anchor", "span._.timex"],
                  requires=["doc.sents", "token.pos", "token.dep", "token.lemma", "token.morph"])
def make_dates(nlp: Language, name: str) -> DateTagger:
    """Factory of the French temporal tagger; its tables arrive by initialize() or from_disk()."""
    return DateTagger(nlp, name)
