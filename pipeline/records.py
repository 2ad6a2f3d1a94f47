"""The output records, defined once: JSONL lines, JSON Schema and exports all derive from them.

`documents.jsonl` holds one `Document` a line, `events.jsonl` one `Event`
(a `Visit`, `SectorInterest` or `Agreement`), `errors.jsonl` one `ErrorRecord`.
Field names follow ../shared/CONTRACT.md; extra fields only add information.
"""
from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

SCHEMA_VERSION = "1.0"


class Record(BaseModel):
    """Nested parts ignore unknown keys a component may add; top-level records forbid them."""
    model_config = ConfigDict(extra="ignore")

    def to_json(self) -> str:
        """One JSONL line (without newline), UTF-8 characters kept as they are."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


# -- documents -----------------------------------------------------------------
class Place(Record):
    """A place resolved to codes: ISO 3166 country, ISO 3166-2/INSEE/GeoNames code, coordinates."""
    name: str | None = None
    country: str | None = None
    kind: str | None = None
    code: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


class Role(Record):
    title: str | None = None
    organisation: str | None = None
    country: str | None = None


class Entity(Record):
    text: str
    label: Literal["PER", "ORG", "LOC", "MISC"]
    start: int
    end: int
    place: Place | None = None
    role: Role | None = None


class DateMention(Record):
    """`value` is ISO 8601 (or a TIMEX3 week/quarter/season form) or null; `timex` the raw TIMEX3 value."""
    text: str
    start: int
    end: int
    value: str | None
    timex: str | None = None
    kind: str | None = None
    mod: str | None = None
    anchor: str | None = None
    value_start: str | None = None
    value_end: str | None = None


class Person(Record):
    name: str
    title: str | None = None
    organisation: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Demonym(Record):
    text: str
    start: int
    end: int
    place: Place | None = None


class SectorMention(Record):
    text: str
    start: int
    end: int
    slug: str
    nace: str | None = None


class ArticleMeta(Record):
    """What the reader and cleaner know of an article besides its text: the head of its `Document`.

    `truncated`: the input was cut at `--max-bytes` (a warning record says where);
    `replaced_bytes`: bytes not valid in the encoding the text was read with.
    """
    model_config = ConfigDict(extra="forbid")
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: str
    published: str | None = None
    published_source: Literal["input", "metadata", "warc", "url", "text"] | None = None
    anchor: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    sitename: str | None = None
    truncated: bool = False
    replaced_bytes: int = 0


class Document(ArticleMeta):
    text: str
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    demonyms: list[Demonym] = Field(default_factory=list)
    sectors: list[SectorMention] = Field(default_factory=list)
    duplicate_of: str | None = None


# -- events --------------------------------------------------------------------
class Evidence(Record):
    text: str
    start: int
    end: int


class Party(Record):
    name: str | None = None
    country: str | None = None


class Visitor(Party):
    place: str | None = None


class NamedPerson(Record):
    name: str
    title: str | None = None


class Destination(Record):
    name: str | None = None
    country: str | None = None
    kind: str | None = None
    code: str | None = None


class Host(Record):
    name: str
    label: str | None = None


class EventBase(Record):
    model_config = ConfigDict(extra="forbid")
    schema_version: str = SCHEMA_VERSION
    event_id: str
    doc_id: str
    evidence: Evidence
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: str
    plover: str
    duplicate_of: str | None = None


class Visit(EventBase):
    type: Literal["visit"] = "visit"
    visitor: Visitor
    visitors: list[NamedPerson] = Field(default_factory=list)
    destination: Destination
    hosts: list[Host] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    sectors: list[str] = Field(default_factory=list)
    status: Literal["past", "ongoing", "planned"] | None = None
    purpose: str | None = None
    salience: Literal["main", "mention"] | None = None


class SectorInterest(EventBase):
    type: Literal["sector_interest"] = "sector_interest"
    actor: Party
    sector: str
    nace: str | None = None


class Agreement(EventBase):
    type: Literal["agreement"] = "agreement"
    parties: list[Party] = Field(default_factory=list)
    date: str | None = None


Event = Annotated[Union[Visit, SectorInterest, Agreement], Field(discriminator="type")]
EVENT_ADAPTER: TypeAdapter = TypeAdapter(Event)


class ErrorRecord(Record):
    """One input that could not be turned into a document; the batch goes on.

    A `warning` is about an article that was written anyway (cut at the size cap).
    """
    model_config = ConfigDict(extra="forbid")
    schema_version: str = SCHEMA_VERSION
    source: str
    stage: Literal["read", "clean", "nlp", "write"]
    error: str
    message: str
    level: Literal["error", "warning"] = "error"

    @classmethod
    def from_exception(cls, source: str, stage: str, exc: BaseException) -> "ErrorRecord":
        return cls(source=source, stage=stage, error=type(exc).__name__, message=str(exc) or repr(exc))


# -- identifiers ---------------------------------------------------------------
def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts: the same content gives the same id on any run or engine."""
    payload = "\x1f".join(json.dumps(p, ensure_ascii=False, sort_keys=True, default=str) for p in parts)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


def json_schemas() -> dict[str, dict]:
    """JSON Schema of each output file, generated from the records above."""
    return {
        "documents": Document.model_json_schema(),
        "events": EVENT_ADAPTER.json_schema(),
        "errors": ErrorRecord.model_json_schema(),
    }
