"""From an annotated spaCy Doc to the typed records: the only reader of our Doc extensions.

Components leave their results on the Doc (`doc.ents`, `doc.spans[...]`,
`Span._.*`); this module turns them into `Document` and `Event` records and
derives the stable ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .components import ext
from .records import (EVENT_ADAPTER, DateMention, Demonym, Document, Entity, Evidence, Person,
                      SectorMention, stable_hash)

ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}


@dataclass
class ArticleMeta:
    """What the reader and cleaner know of an article besides its text."""
    doc_id: str
    source: str
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    sitename: str | None = None


def _spans(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def doc_to_records(doc: Doc, meta: ArticleMeta) -> tuple[Document, list]:
    anchor = ext(doc, "anchor") or {}
    document = Document(
        doc_id=meta.doc_id,
        source=meta.source,
        published=meta.published,
        published_source=meta.published_source,
        anchor=anchor.get("value"),
        title=meta.title,
        url=meta.url,
        author=meta.author,
        sitename=meta.sitename,
        text=doc.text,
        entities=[
            Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char,
                   place=ext(e, "place"), role=ext(e, "role"))
            for e in doc.ents if e.label_ in ENTITY_LABELS
        ],
        dates=[_date(span) for span in _spans(doc, "dates")],
        people=[Person(**p) for p in ext(doc, "people") or []],
        demonyms=[Demonym(text=s.text, start=s.start_char, end=s.end_char, place=ext(s, "place"))
                  for s in _spans(doc, "demonyms")],
        sectors=[SectorMention(text=s.text, start=s.start_char, end=s.end_char,
                               slug=ext(s, "sector")["slug"], nace=ext(s, "sector").get("nace"))
                 for s in _spans(doc, "sectors") if ext(s, "sector")],
    )
    events = [_event(span, meta.doc_id) for span in _spans(doc, "events") if ext(span, "event")]
    return document, events


# Dates, partial dates, weeks, quarters, seasons, half-years, times, and intervals of them.
ISO_VALUE = re.compile(r"^((\d{4}|XXXX)(-(\d{2}(-\d{2}(T\d{2}:\d{2})?)?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?)"
                       r"(/\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?)?$|^P\d")


def _date(span: Span) -> DateMention:
    """The contract's `value` keeps what an ISO reader can use; vague references (PAST_REF) and
    parts of days (2019-08-23TEV) stay in `timex` only."""
    timex = ext(span, "timex") or {}
    raw = timex.get("value")
    return DateMention(text=span.text, start=span.start_char, end=span.end_char,
                       value=raw if raw and ISO_VALUE.match(raw) else None, timex=raw, kind=timex.get("kind"), mod=timex.get("mod"),
                       anchor=timex.get("anchor"), value_start=timex.get("start"),
                       value_end=timex.get("end"))


def _evidence(span: Span) -> Span:
    """The whole sentence(s) of an event's span, without surrounding blank lines.

    Components keep spans short so that two events of one sentence keep their own
    `Span._.event`; the record widens it to what a reader needs as evidence."""
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        span = doc[doc[span.start].sent.start:doc[span.end - 1].sent.end]
    start, end = span.start, span.end
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _event(span: Span, doc_id: str):
    payload = dict(ext(span, "event"))
    sentence = _evidence(span)
    evidence = {"text": sentence.text, "start": sentence.start_char, "end": sentence.end_char}
    payload["event_id"] = "e" + stable_hash(doc_id, payload.get("type"), evidence["start"],
                                            evidence["end"], payload.get("rule"), _identity(payload))
    return EVENT_ADAPTER.validate_python({**payload, "doc_id": doc_id, "evidence": Evidence(**evidence)})


def _identity(payload: dict) -> object:
    """The fields that tell two events of one sentence apart (destination, sector, parties)."""
    return (payload.get("destination", {}) or {}).get("name"), payload.get("sector"), \
        [p.get("name") for p in payload.get("parties", []) or []], \
        (payload.get("visitor", {}) or {}).get("country")
