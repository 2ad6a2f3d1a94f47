"""French temporal tagger: finds time expressions and resolves them to TIMEX3 values.

The grammar is data (`models/dates/`): `lexicon.tsv` (month and day names with
their unaccented forms, number words, units, parts, seasons, relative words),
`patterns.jsonl` (regexes over the text whose `{PLACEHOLDERS}` expand to lexicon
alternations; the named group `x` is the mention, the rest is context; `near`
names the word kind a row needs, so it only scans around such words),
`false_alarms.jsonl` (street names, quantities, ages... that veto a match) and
`anchors.jsonl` (datelines giving the document date).  Resolution (the `rule` of
a pattern) is code: calendar arithmetic against the anchor, which is the
publication date, else a date read from the text, else nothing; then values stay
partial (`XXXX-08-25`) or null rather than guess a year.  A day counted from an
anchor known only to the month ("mercredi" in a paper of February 2024) takes that
month with `mod` "APPROX".

On the Doc: `doc.spans["dates"]` (each span labelled with the id of the pattern that
found it) with `Span._.timex` `{"value", "kind", "mod", "anchor", "start", "end"}`, and `doc._.anchor`
`{"value", "source"}`.  Entities lying inside a date mention are dropped from
`doc.ents` (the base NER reads "Vendredi" as LOC).

The stage, one module a step: `grammar` (the tables compiled to regexes, the
longest-match search), `clause` (a mention's sentence and verb tense), `values`
(TIMEX3 values, calendar arithmetic), `resolve` (the document anchor, each
mention's value), `component` (the spaCy component and its factory).
"""
from .component import SPAN_KEY, DateTagger, make_dates
from .values import bounds, timex

__all__ = ["SPAN_KEY", "DateTagger", "bounds", "make_dates", "timex"]
