"""Export an output folder as normalised tables: a SQLite database (upserted) or Parquet files.

Tables, each with its primary key; children reference their parent and go with it:
- `documents` (doc_id) <- `entities`, `people`, `dates`, `document_sectors` (doc_id, idx)
- `events` (event_id; doc_id -> documents) <- `event_participants` (event_id, role, idx),
  `event_sectors` (event_id, sector)
`event_participants.role` is `visitor_party` (the visiting party), `visitor` (a named person
among the visitors), `host`, `party` (of an agreement) or `actor` (of a sector interest).

The rows are read from the JSONL with the DuckDB views of `query.py`, one SELECT per table,
shared by both targets.  Each story is exported once: documents marked `duplicate_of` and
their events are left out unless `include_duplicates` (then they come with `duplicate_of` set).

SQLite goes through sqlite-utils (tables with keys and foreign keys, upserts, indexes, and
full-text search on `documents.title/text` and `events.evidence_text`).  Re-export upserts: a
document or event already there is updated in place, its child rows are replaced, and events
its document no longer has are deleted, so exporting twice, or after a new run, never
duplicates a row; the whole export is one transaction.  A database fed from several output
folders stays one story per original: each document's text signature is kept in
`document_signatures`, and a folder's original that repeats a story already in the database
becomes a duplicate of it.  Parquet files are rewritten whole, one file per table.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlite_utils
from sqlite_utils.db import ForeignKey

from .dedupe import Deduper, Signature, signature
from .query import connect

BATCH = 2000
SQLITE_TYPES = {"TEXT": str, "INTEGER": int, "REAL": float, "BOOLEAN": bool}
SIGNATURES = "document_signatures"
# (table, columns) indexed beyond the primary keys, for the joins and filters people write
INDEXES = (("events", ("doc_id",)), ("events", ("type", "start")), ("documents", ("duplicate_of",)),
           ("event_participants", ("country",)), ("event_participants", ("name",)), ("event_sectors", ("sector",)))
FULL_TEXT = (("documents", ("title", "text")), ("events", ("evidence_text",)))


def _q(name: str) -> str:
    return '"' + name + '"'


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQLite type), in the order `select` yields them
    key: tuple[str, ...]
    parent: str | None  # the table whose key (first key column here) this one references
    select: str

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    @property
    def named_select(self) -> str:
        """The SELECT with its columns named as the table's."""
        return f"SELECT * FROM ({self.select}) AS t({', '.join(map(_q, self.column_names))})"


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """'a TEXT, b INTEGER' -> (('a', 'TEXT'), ('b', 'INTEGER'))."""
    return tuple(tuple(part.split()) for part in spec.split(","))  # type: ignore[misc]


TABLES: tuple[Table, ...] = (
    Table("documents", _cols(
        "doc_id TEXT, source TEXT, published TEXT, published_source TEXT, anchor TEXT, title TEXT, url TEXT, "
        "author TEXT, sitename TEXT, truncated BOOLEAN, replaced_bytes INTEGER, text TEXT, duplicate_of TEXT, "
        "schema_version TEXT"),
        ("doc_id",), None,
        """SELECT doc_id, source, published, published_source, anchor, title, url, author, sitename, truncated,
                  replaced_bytes, text, duplicate_of, schema_version FROM documents"""),
    Table("entities", _cols(
        "doc_id TEXT, idx INTEGER, text TEXT, label TEXT, start INTEGER, end INTEGER, place_name TEXT, "
        "place_country TEXT, place_kind TEXT, place_code TEXT, place_geonames_id INTEGER, place_lat REAL, "
        "place_lon REAL, role_title TEXT, role_organisation TEXT, role_country TEXT"),
        ("doc_id", "idx"), "documents",
        "SELECT * FROM entities"),
    Table("people", _cols(
        "doc_id TEXT, idx INTEGER, name TEXT, title TEXT, organisation TEXT, country TEXT, mentions TEXT"),
        ("doc_id", "idx"), "documents",
        "SELECT doc_id, idx, name, title, organisation, country, to_json(mentions)::VARCHAR FROM people"),
    Table("dates", _cols(
        "doc_id TEXT, idx INTEGER, text TEXT, start INTEGER, end INTEGER, value TEXT, kind TEXT, mod TEXT, "
        "anchor TEXT, value_start TEXT, value_end TEXT"),
        ("doc_id", "idx"), "documents",
        """SELECT doc_id, i - 1, d.text, d.start, d."end", d.value, d.kind, d.mod, d.anchor,
                  d.value_start, d.value_end
           FROM (SELECT doc_id, unnest(dates) AS d, generate_subscripts(dates, 1) AS i FROM documents)"""),
    Table("document_sectors", _cols(
        "doc_id TEXT, idx INTEGER, text TEXT, start INTEGER, end INTEGER, slug TEXT, nace TEXT"),
        ("doc_id", "idx"), "documents",
        """SELECT doc_id, i - 1, s.text, s.start, s."end", s.slug, s.nace
           FROM (SELECT doc_id, unnest(sectors) AS s, generate_subscripts(sectors, 1) AS i FROM documents)"""),
    Table("events", _cols(
        "event_id TEXT, doc_id TEXT, type TEXT, rule TEXT, confidence REAL, cameo TEXT, plover TEXT, "
        "duplicate_of TEXT, evidence_text TEXT, evidence_start INTEGER, evidence_end INTEGER, "
        "destination_name TEXT, destination_country TEXT, destination_kind TEXT, destination_code TEXT, "
        "start TEXT, end TEXT, date TEXT, status TEXT, purpose TEXT, salience TEXT, schema_version TEXT"),
        ("event_id",), "documents",
        """SELECT event_id, doc_id, type, rule, confidence, cameo, plover, duplicate_of,
                  evidence.text, evidence.start, evidence."end",
                  destination.name, destination.country, destination.kind, destination.code,
                  start, "end", date, status, purpose, salience, schema_version FROM events"""),
    Table("event_participants", _cols(
        "event_id TEXT, role TEXT, idx INTEGER, name TEXT, country TEXT, place TEXT, title TEXT, label TEXT"),
        ("event_id", "role", "idx"), "events",
        """SELECT event_id, 'visitor_party', 0, visitor.name, visitor.country, visitor.place, NULL, NULL
             FROM events WHERE type = 'visit' AND visitor IS NOT NULL
           UNION ALL
           SELECT event_id, 'visitor', i - 1, p.name, NULL, NULL, p.title, NULL
             FROM (SELECT event_id, unnest(visitors) AS p, generate_subscripts(visitors, 1) AS i FROM events)
           UNION ALL
           SELECT event_id, 'host', i - 1, h.name, NULL, NULL, NULL, h.label
             FROM (SELECT event_id, unnest(hosts) AS h, generate_subscripts(hosts, 1) AS i FROM events)
           UNION ALL
           SELECT event_id, 'party', i - 1, p.name, p.country, NULL, NULL, NULL
             FROM (SELECT event_id, unnest(parties) AS p, generate_subscripts(parties, 1) AS i FROM events)
           UNION ALL
           SELECT event_id, 'actor', 0, actor.name, actor.country, NULL, NULL, NULL
             FROM events WHERE type = 'sector_interest' AND actor IS NOT NULL"""),
    Table("event_sectors", _cols("event_id TEXT, sector TEXT, nace TEXT"),
          ("event_id", "sector"), "events",
          """SELECT DISTINCT event_id, s, CAST(NULL AS VARCHAR)
               FROM (SELECT event_id, unnest(sectors) AS s FROM events)
             UNION ALL
             SELECT event_id, sector, nace FROM events WHERE type = 'sector_interest' AND sector IS NOT NULL"""),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}


# -- SQLite ----------------------------------------------------------------------------
def _create(db: sqlite_utils.Database, table: Table) -> None:
    """The table with NOT NULL keys, its primary key and ON DELETE CASCADE to its parent."""
    existing = db[table.name]
    if existing.exists():
        if list(existing.columns_dict) != table.column_names:
            raise ValueError(f"table {table.name} in the database has columns {list(existing.columns_dict)}, "
                             f"this version writes {table.column_names}: export to a new file")
        return
    foreign_keys = []
    if table.parent:
        parent_key = TABLE_BY_NAME[table.parent].key[0]
        column = parent_key if parent_key in table.column_names else table.key[0]
        foreign_keys.append(ForeignKey(table.name, column, table.parent, parent_key, on_delete="CASCADE"))
    db.create_table(table.name, {name: SQLITE_TYPES[kind] for name, kind in table.columns},
                    pk=table.key[0] if len(table.key) == 1 else table.key, not_null=table.key,
                    foreign_keys=foreign_keys)


def _create_schema(db: sqlite_utils.Database) -> None:
    """Tables, indexes and full-text indexes (kept current by triggers), each made once."""
    for table in TABLES:
        _create(db, table)
    db[SIGNATURES].create({"doc_id": str, "exact": str, "minhash": str, "duplicate_of": str},
                          pk="doc_id", not_null=["doc_id", "exact"], if_not_exists=True)
    for name, columns in INDEXES:
        db[name].create_index(columns, if_not_exists=True)
    for name, columns in FULL_TEXT:
        if not db[name].detect_fts():
            db[name].enable_fts(columns, create_triggers=True)


def resolve_stories(db: sqlite_utils.Database, con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str | None], list[dict]]:
    """Each document's original across the database (doc_id -> duplicate_of), and the signature rows
    of documents new to it.

    A document already in the database keeps its verdict; one its folder marks `duplicate_of`
    follows its original's verdict; a folder's original is checked against every story of the
    database, so the same story exported from two folders is an original once."""
    deduper = Deduper()
    verdicts: dict[str, str | None] = {}
    for row in db[SIGNATURES].rows_where(order_by="rowid"):
        sig = Signature.from_json(row)
        deduper.add(row["doc_id"], sig, row["duplicate_of"])
        verdicts[row["doc_id"]] = row["duplicate_of"]
    new_rows = []
    cursor = con.execute("SELECT doc_id, duplicate_of, text FROM all_documents")
    while batch := cursor.fetchmany(BATCH):
        for doc_id, duplicate_of, text in batch:
            if doc_id in verdicts:
                continue
            sig = signature(text or "")
            if duplicate_of is not None:
                verdict = verdicts.get(duplicate_of) or duplicate_of
                deduper.add(doc_id, sig, verdict)
            else:
                verdict = deduper.check(doc_id, sig)
            verdicts[doc_id] = verdict
            new_rows.append({"doc_id": doc_id, **sig.to_json(), "duplicate_of": verdict})
    return verdicts, new_rows


def _apply_verdicts(con: duckdb.DuckDBPyConnection, verdicts: dict[str, str | None],
                    include_duplicates: bool) -> None:
    """Point the `documents` and `events` views at the database-wide verdicts."""
    con.execute("CREATE TEMP TABLE verdicts AS SELECT unnest(?::VARCHAR[]) AS doc_id, "
                "unnest(?::VARCHAR[]) AS verdict", [list(verdicts), list(verdicts.values())])
    stories = "" if include_duplicates else " WHERE v.verdict IS NULL"
    for view, source in (("documents", "all_documents"), ("events_raw", "all_events")):
        con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT t.* REPLACE (v.verdict AS duplicate_of) "
                    f"FROM {source} t LEFT JOIN verdicts v USING (doc_id){stories}")


def _records(con: duckdb.DuckDBPyConnection, table: Table):
    cursor = con.execute(table.named_select)
    while batch := cursor.fetchmany(BATCH):
        yield [dict(zip(table.column_names, row)) for row in batch]


def _ids(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """A JSON array of ids, for `IN (SELECT value FROM json_each(?))`."""
    return json.dumps([row[0] for row in con.execute(sql).fetchall()])


def export_sqlite(outdir: str | Path, path: str | Path, include_duplicates: bool = False) -> dict[str, int]:
    """Upsert the output folder into the SQLite file; returns the rows written per table."""
    con = connect(outdir, include_duplicates=True)
    db = sqlite_utils.Database(path)
    counts: dict[str, int] = {}
    try:
        db.execute("PRAGMA foreign_keys = ON")
        _create_schema(db)
        with db.atomic():  # one transaction: a failed export leaves the database as it was
            verdicts, signatures = resolve_stories(db, con)
            _apply_verdicts(con, verdicts, include_duplicates)
            db[SIGNATURES].insert_all(signatures, pk="doc_id")
            scope = {"doc_id": _ids(con, "SELECT doc_id FROM documents"),
                     "event_id": _ids(con, "SELECT event_id FROM events")}
            within = "IN (SELECT value FROM json_each(?))"
            # events a re-processed document no longer has (their children follow by cascade)
            db["events"].delete_where(f"doc_id {within} AND event_id NOT {within}",
                                      [scope["doc_id"], scope["event_id"]])
            for table in TABLES:
                if table.parent and table.name != "events":  # replace the children of every exported parent
                    db[table.name].delete_where(f"{_q(table.key[0])} {within}", [scope[table.key[0]]])
                counts[table.name] = 0
                for batch in _records(con, table):
                    db[table.name].upsert_all(batch, pk=table.key[0] if len(table.key) == 1 else table.key)
                    counts[table.name] += len(batch)
    finally:
        db.close()
        con.close()
    return counts


# -- Parquet ---------------------------------------------------------------------------
def export_parquet(outdir: str | Path, folder: str | Path, include_duplicates: bool = False) -> dict[str, int]:
    """One Parquet file per table in the folder, each rewritten whole (atomically)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = connect(outdir, include_duplicates=include_duplicates)
    counts = {}
    try:
        for table in TABLES:
            relation = con.sql(table.named_select)
            target = folder / f"{table.name}.parquet"
            tmp = folder / f".{table.name}.parquet.tmp"
            relation.write_parquet(str(tmp))
            os.replace(tmp, target)
            counts[table.name] = con.execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchall()[0][0]
    finally:
        con.close()
    return counts


def export(outdir: str | Path, target: str, include_duplicates: bool = False) -> dict[str, int]:
    """`sqlite:FILE` or `parquet:DIR`."""
    kind, _, where = target.partition(":")
    if not where or kind not in ("sqlite", "parquet"):
        raise ValueError(f"--to takes sqlite:FILE or parquet:DIR, not {target!r}")
    writer = export_sqlite if kind == "sqlite" else export_parquet
    return writer(outdir, where, include_duplicates=include_duplicates)
