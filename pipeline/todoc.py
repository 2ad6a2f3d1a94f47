"""From an annotated spaCy Doc to the typed records: the only reader of our Doc extensions.

Components leave their results on the Doc (`doc.ents`, `doc.spans[...]`,
`Span._.*`); this module turns them into `Document` and `Event` records and
derives the stable ids.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .components import ext
from .records import (EVENT_ADAPTER, ArticleMeta, DateMention, Demonym, Document, Entity, Evidence, Person,
                      SectorMention, stable_hash)

ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}


def _spans(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def doc_to_records(doc: Doc, meta: ArticleMeta, *, text: str | None = None, offset: int = 0,
                   first_position: int = 0) -> tuple[Document, list]:
    """The records of a Doc; a Doc that is a part of a longer text starts at character `offset` of
    it, and its first event is the article's `first_position`-th.  `text`: the Doc's text when the
    caller has it; spans' texts are cut from it (`doc.text`, `span.text` join their tokens again)."""
    text = doc.text if text is None else text
    anchor = ext(doc, "anchor") or {}
    document = Document(
        **{**dict(meta), "anchor": anchor.get("value")},
        text=text,
        entities=[
            Entity(text=text[e.start_char:e.end_char], label=e.label_, start=e.start_char + offset, end=e.end_char + offset,
                   place=ext(e, "place"), role=ext(e, "role"))
            for e in doc.ents if e.label_ in ENTITY_LABELS
        ],
        dates=[_date(span, text, offset) for span in _spans(doc, "dates")],
        people=[Person(**{**p, "mentions": [(s + offset, e + offset) for s, e in p.get("mentions") or []]})
                for p in ext(doc, "people") or []],
        demonyms=[Demonym(text=text[s.start_char:s.end_char], start=s.start_char + offset, end=s.end_char + offset, place=ext(s, "place"))
                  for s in _spans(doc, "demonyms")],
        sectors=[SectorMention(text=text[s.start_char:s.end_char], start=s.start_char + offset, end=s.end_char + offset,
                               slug=ext(s, "sector")["slug"], nace=ext(s, "sector").get("nace"))
                 for s in _spans(doc, "sectors") if ext(s, "sector")],
    )
    spans = [span for span in _spans(doc, "events") if ext(span, "event")]
    events = [_event(span, text, meta.doc_id, first_position + rank, offset) for rank, span in enumerate(spans)]
    return document, events


def merge_parts(parts: list[tuple[Document, list]], text: str) -> tuple[Document, list]:
    """One document from the records of its parts (offsets already in the whole `text`): lists
    joined in order, a person named in several parts once with all mentions, the first anchor."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0][0]
    people: dict[str, Person] = {}
    for document, _ in parts:
        for person in document.people:
            if person.name in people:
                people[person.name].mentions.extend(person.mentions)
            else:
                people[person.name] = person.model_copy(deep=True)
    merged = first.model_copy(update={
        "text": text,
        "anchor": next((d.anchor for d, _ in parts if d.anchor), None),
        **{name: [item for document, _ in parts for item in getattr(document, name)]
           for name in ("entities", "dates", "demonyms", "sectors")},
        "people": list(people.values()),
    })
    return merged, [event for _, events in parts for event in events]


# Dates, partial dates, weeks, quarters, seasons, half-years, times, and intervals of them.
ISO_VALUE = re.compile(r"^((\d{4}|XXXX)(-(\d{2}(-\d{2}(T\d{2}:\d{2})?)?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?)"
                       r"(/\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?)?$|^P\d")


def _date(span: Span, text: str, offset: int) -> DateMention:
    """The contract's `value` keeps what an ISO reader can use; vague references (PAST_REF) and
    parts of days (2019-08-23TEV) stay in `timex` only."""
    timex = ext(span, "timex") or {}
    raw = timex.get("value")
    return DateMention(text=text[span.start_char:span.end_char], start=span.start_char + offset, end=span.end_char + offset,
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


def _event(span: Span, text: str, doc_id: str, position: int, offset: int):
    """The event record; its id hashes its whole content and its rank in the document, so two
    events of one document never share an id, whatever fields they differ in (or none)."""
    payload = dict(ext(span, "event"))
    sentence = _evidence(span)
    evidence = {"text": text[sentence.start_char:sentence.end_char], "start": sentence.start_char + offset, "end": sentence.end_char + offset}
    payload["event_id"] = "e" + stable_hash(doc_id, position, evidence, payload, length=20)
    return EVENT_ADAPTER.validate_python({**payload, "doc_id": doc_id, "evidence": Evidence(**evidence)})
