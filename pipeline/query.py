"""Ask questions of an output folder with DuckDB, straight from its JSONL files (no import step).

`connect(outdir)` opens an in-memory DuckDB with the views
- `documents`: documents.jsonl as written (nested lists stay lists), one per story: documents
  marked `duplicate_of` (the same story read again) are left out unless
  `include_duplicates=True`; `all_documents` and `all_events` always hold every line;
- `entities`, `people`: one row per entity / person of a document (`doc_id`, `idx`, flat fields);
- `events`: events.jsonl, every type in one view (fields of other types are null), plus
  `date_from`/`date_to` (the event's dates as an interval: `2019-08` is the whole of August;
  without event dates, the document's publication date, with `dated_by` saying which) and
  `names` (every person or party name of the event).
Column types derive from the records in `records.py`, so a field added there is queryable here.
User values only ever reach SQL as bound parameters.
"""
from __future__ import annotations

import calendar
import csv
import json
import re
import shutil
import sys
import types
import typing
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Literal, TextIO

import duckdb
from pydantic import BaseModel

from .records import Agreement, Document, SectorInterest, Visit
from .layout import DOCUMENTS, EVENTS
from .neutralise import csv_cell, terminal_text

EVENT_MODELS = {"visit": Visit, "sector_interest": SectorInterest, "agreement": Agreement}
FORMATS = ("table", "csv", "json", "jsonl")
MAX_OBJECT_BYTES = 256 * 1024 * 1024


# -- DuckDB types from the records ---------------------------------------------------
def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def duckdb_type(annotation: Any) -> str:
    """The DuckDB type of a pydantic field annotation (optional parts become nullable columns)."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if len(args) != 1:
            raise TypeError(f"no DuckDB type for {annotation!r}")
        return duckdb_type(args[0])
    if origin is typing.Annotated:
        return duckdb_type(args[0])
    if origin is Literal:
        return "VARCHAR"
    if origin in (list, tuple):
        return duckdb_type(args[0]) + "[]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        inner = ", ".join(f"{_quote(k)} {t}" for k, t in model_columns(annotation).items())
        return f"STRUCT({inner})"
    simple = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no DuckDB type for {annotation!r}")


def model_columns(*models: type[BaseModel]) -> dict[str, str]:
    """Column name -> DuckDB type over the fields of the models (first declaration wins)."""
    columns: dict[str, str] = {}
    for model in models:
        for name, info in model.model_fields.items():
            columns.setdefault(name, duckdb_type(info.annotation))
    return columns


DOCUMENT_COLUMNS = model_columns(Document)
EVENT_COLUMNS = model_columns(*EVENT_MODELS.values())

# presse_norm is the DuckDB twin of `text.match_key` (tests/test_text.py holds them equal).
_MACROS = r"""
CREATE OR REPLACE MACRO presse_norm(s) AS
    trim(regexp_replace(lower(strip_accents(s)), '[^a-z0-9]+', ' ', 'g'));
CREATE OR REPLACE MACRO presse_lo(s) AS TRY_CAST(CASE length(string_split(s, '/')[1])
    WHEN 4 THEN string_split(s, '/')[1] || '-01-01'
    WHEN 7 THEN string_split(s, '/')[1] || '-01'
    ELSE left(string_split(s, '/')[1], 10) END AS DATE);
CREATE OR REPLACE MACRO presse_hi(s) AS CASE length(string_split(s, '/')[-1])
    WHEN 4 THEN TRY_CAST(string_split(s, '/')[-1] || '-12-31' AS DATE)
    WHEN 7 THEN last_day(TRY_CAST(string_split(s, '/')[-1] || '-01' AS DATE))
    ELSE TRY_CAST(left(string_split(s, '/')[-1], 10) AS DATE) END;
"""

_DERIVED_VIEWS = """
CREATE VIEW entities AS
SELECT doc_id, i - 1 AS idx, e.text, e.label, e.start, e."end",
       e.place.name AS place_name, e.place.country AS place_country, e.place.kind AS place_kind,
       e.place.code AS place_code, e.place.geonames_id AS place_geonames_id,
       e.place.lat AS place_lat, e.place.lon AS place_lon,
       e.role.title AS role_title, e.role.organisation AS role_organisation,
       e.role.country AS role_country
FROM (SELECT doc_id, unnest(entities) AS e, generate_subscripts(entities, 1) AS i FROM documents);

CREATE VIEW people AS
SELECT doc_id, i - 1 AS idx, p.name, p.title, p.organisation, p.country, p.mentions
FROM (SELECT doc_id, unnest(people) AS p, generate_subscripts(people, 1) AS i FROM documents);

CREATE VIEW events AS
WITH dated AS (
    SELECT r.*,
           CASE r.type WHEN 'visit' THEN coalesce(r.start, r."end")
                       WHEN 'agreement' THEN r.date END AS _first,
           CASE r.type WHEN 'visit' THEN coalesce(r."end", r.start)
                       WHEN 'agreement' THEN r.date END AS _last,
           d.published AS _published
    FROM events_raw r LEFT JOIN (SELECT doc_id, published FROM documents) d USING (doc_id)
)
SELECT * EXCLUDE (_first, _last, _published),
       CASE WHEN _first IS NOT NULL THEN presse_lo(_first) ELSE presse_lo(_published) END AS date_from,
       CASE WHEN _last IS NOT NULL THEN presse_hi(_last) ELSE presse_hi(_published) END AS date_to,
       CASE WHEN _first IS NOT NULL THEN 'event'
            WHEN _published IS NOT NULL THEN 'published' END AS dated_by,
       list_filter(list_concat([visitor.name, actor.name],
                               list_transform(visitors, lambda p: p.name),
                               list_transform(hosts, lambda h: h.name),
                               list_transform(parties, lambda p: p.name)),
                   lambda n: n IS NOT NULL) AS names
FROM dated;
"""


def _jsonl_relation(con: duckdb.DuckDBPyConnection, path: Path, columns: dict[str, str]):
    """A relation over one JSONL file with fixed columns; an absent file reads as no rows."""
    if path.exists():
        return con.read_json(str(path), format="newline_delimited", columns=columns,
                             maximum_object_size=MAX_OBJECT_BYTES)
    nulls = ", ".join(f"CAST(NULL AS {t}) AS {_quote(c)}" for c, t in columns.items())
    return con.sql(f"SELECT {nulls} LIMIT 0")


def connect(outdir: str | Path, include_duplicates: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose views read the output folder's JSONL files at each query."""
    outdir = Path(outdir)
    if not (outdir / DOCUMENTS).exists():
        raise FileNotFoundError(f"{outdir}: no {DOCUMENTS}; is this an output folder of `presse run`?")
    con = duckdb.connect()
    con.execute(_MACROS)
    _jsonl_relation(con, outdir / DOCUMENTS, DOCUMENT_COLUMNS).create_view("all_documents")
    _jsonl_relation(con, outdir / EVENTS, EVENT_COLUMNS).create_view("all_events")
    stories = "" if include_duplicates else " WHERE duplicate_of IS NULL"
    con.execute(f"CREATE VIEW documents AS SELECT * FROM all_documents{stories};"
                f"CREATE VIEW events_raw AS SELECT * FROM all_events{stories};")
    con.execute(_DERIVED_VIEWS)
    return con


def count_stories(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Documents and events, each counted once per story and as read (duplicates included)."""
    row = con.execute("""SELECT (SELECT count(*) FROM all_documents WHERE duplicate_of IS NULL),
                                (SELECT count(*) FROM all_documents),
                                (SELECT count(*) FROM all_events WHERE duplicate_of IS NULL),
                                (SELECT count(*) FROM all_events)""").fetchone()
    return dict(zip(("documents", "documents_read", "events", "events_read"), row))


# -- filters -------------------------------------------------------------------------
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day a full or partial ISO date (`2019`, `2019-08`, `2019-08-25`) covers."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from None


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 from a code, an English name, or a French name or demonym ("Chine", "chinois").

    French names are read with the country names the pipeline's gazetteer uses (`countrynames`),
    without spaCy or the town indexes, so that a query starts at once."""
    import pycountry

    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    from .countrynames import packaged_country_names

    code = packaged_country_names().code(text)
    if code is None:
        raise ValueError(f"unknown country: {value!r} (give an ISO 3166-1 code such as CN)")
    return code


@dataclass
class EventFilter:
    """What `presse query` filters on; every set field must hold (AND)."""
    type: str | None = None
    country: str | None = None
    visitor_country: str | None = None
    destination_country: str | None = None
    destination: str | None = None
    sector: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None

    def where(self) -> tuple[str, list]:
        """The WHERE clause and its parameters."""
        clauses: list[str] = []
        params: list = []
        if self.type:
            if self.type not in EVENT_MODELS:
                raise ValueError(f"unknown event type {self.type!r}; one of {', '.join(EVENT_MODELS)}")
            clauses.append("type = ?")
            params.append(self.type)
        if self.country:
            clauses.append("(? IN (upper(visitor.country), upper(destination.country), upper(actor.country))"
                           " OR list_contains(list_transform(parties, lambda p: upper(p.country)), ?))")
            params += [country_code(self.country)] * 2
        if self.visitor_country:
            clauses.append("upper(visitor.country) = ?")
            params.append(country_code(self.visitor_country))
        if self.destination_country:
            clauses.append("upper(destination.country) = ?")
            params.append(country_code(self.destination_country))
        if self.destination:
            clauses.append("(presse_norm(destination.name) = presse_norm(?)"
                           " OR upper(destination.code) = upper(trim(?)))")
            params += [self.destination] * 2
        if self.sector:
            clauses.append("(list_contains(sectors, ?) OR sector = ?)")
            params += [self.sector.strip()] * 2
        if self.person:
            clauses.append("len(list_filter(names, lambda n: contains("
                           "' ' || presse_norm(n) || ' ', ' ' || presse_norm(?) || ' '))) > 0")
            params.append(self.person)
        if self.since:
            clauses.append("date_to >= ?")
            params.append(date_bounds(self.since)[0])
        if self.until:
            clauses.append("date_from <= ?")
            params.append(date_bounds(self.until)[1])
        if self.text:
            clauses.append("contains(presse_norm(evidence.text), presse_norm(?))")
            params.append(self.text)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


_ORDER = " ORDER BY date_from NULLS LAST, doc_id, evidence.start, event_id"

_SUMMARY = """
SELECT event_id, type, doc_id,
       CASE type WHEN 'visit' THEN visitor.name WHEN 'sector_interest' THEN actor.name
            ELSE array_to_string(list_transform(parties, lambda p: p.name), '; ') END AS who,
       CASE type WHEN 'visit' THEN visitor.country WHEN 'sector_interest' THEN actor.country
            ELSE array_to_string(list_transform(parties, lambda p: p.country), ',')
       END AS country,
       destination.name AS destination, destination.country AS dest_country,
       CASE type WHEN 'visit' THEN CASE WHEN start = "end" OR "end" IS NULL THEN start
                                        ELSE coalesce(start, '') || '..' || "end" END
                 WHEN 'agreement' THEN date END AS "when",
       CASE type WHEN 'sector_interest' THEN sector ELSE array_to_string(sectors, ',') END AS sectors,
       evidence.text AS evidence
FROM events"""


def find_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None) -> list[dict]:
    """The matching events as records, exactly as in events.jsonl."""
    where, params = flt.where()
    cursor = con.execute("SELECT * FROM events" + where + _ORDER + _limit(limit), params)
    names = [d[0] for d in cursor.description]
    records = []
    for row in cursor.fetchall():
        values = dict(zip(names, row))
        model = EVENT_MODELS[values["type"]]
        record = model.model_validate({k: values[k] for k in model.model_fields})
        records.append(record.model_dump(mode="json"))
    return records


def summarise_events(con: duckdb.DuckDBPyConnection, flt: EventFilter,
                     limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """The matching events as flat rows (who, country, destination, when, sectors, evidence)."""
    where, params = flt.where()
    cursor = con.execute(_SUMMARY + where + _ORDER + _limit(limit), params)
    return [d[0] for d in cursor.description], cursor.fetchall()


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(sql)
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit is not None else ""


# -- output --------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, nested values kept."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))
    return str(_plain(value))


def render_table(columns: list[str], rows: Iterable[tuple], width: int | None = None) -> str:
    """A plain-text table that fits the terminal: long cells are cut with an ellipsis."""
    rows = [[" ".join(terminal_text(_cell(v)).split()) for v in row] for row in rows]
    if not columns:
        return ""
    width = width or shutil.get_terminal_size((160, 24)).columns
    natural = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    budget = max(width - 3 * (len(columns) - 1), 8 * len(columns))
    widths = list(natural)
    floors = [min(n, 8) for n in natural]
    floors[-1] = min(natural[-1], 40)  # the last column (evidence, free text) keeps room to be read
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1

    def fit(text: str, n: int) -> str:
        return text.ljust(n) if len(text) <= n else text[: n - 1] + "…"

    lines = [" | ".join(fit(c, w) for c, w in zip(columns, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(fit(v, w) for v, w in zip(row, widths)) for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def write_rows(columns: list[str], rows: list[tuple], fmt: str, out: TextIO) -> None:
    """Rows as a terminal table, CSV (nested values as JSON text), a JSON array or JSON lines."""
    if fmt == "table":
        out.write(render_table(columns, rows))
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[csv_cell(_cell(v)) for v in row] for row in rows])
    else:
        write_records([dict(zip(columns, map(_plain, row))) for row in rows], fmt, out)


def write_records(records: list[dict], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        raise ValueError(f"records can be written as json or jsonl, not {fmt!r}")


def query(outdir: str | Path, flt: EventFilter | None = None, *, sql: str | None = None,
          fmt: str = "table", limit: int | None = None, include_duplicates: bool = False,
          out: TextIO | None = None) -> int:
    """Run one query over an output folder and write the result; returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    flt = flt or EventFilter()
    if sql and not flt.is_empty():
        raise ValueError("--sql cannot be combined with filters: put the conditions in the SQL")
    out = out or sys.stdout
    con = connect(outdir, include_duplicates=include_duplicates)
    try:
        if sql:
            columns, rows = run_sql(con, sql)
            write_rows(columns, rows, fmt, out)
            return len(rows)
        if fmt in ("json", "jsonl"):
            records = find_events(con, flt, limit)
            write_records(records, fmt, out)
            return len(records)
        columns, rows = summarise_events(con, flt, limit)
        write_rows(columns, rows, fmt, out)
        return len(rows)
    finally:
        con.close()
