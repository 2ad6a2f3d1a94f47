"""Export an output folder as normalised tables: a SQLite database (upserted) or Parquet files.

Tables, each with its primary key; children reference their parent and go with it:
- `documents` (doc_id) <- `entities`, `people`, `dates`, `document_sectors` (doc_id, idx)
- `events` (event_id; doc_id -> documents) <- `event_participants` (event_id, role, idx),
  `event_sectors` (event_id, sector)
`event_participants.role` is `visitor_party` (the visiting party), `visitor` (a named person
among the visitors), `host`, `party` (of an agreement) or `actor` (of a sector interest).

The rows are read from the JSONL with the DuckDB views of `query.py`, one SELECT per table,
shared by both targets.  SQLite re-export upserts: a document or event already there is
updated in place, its child rows are replaced, and events its document no longer has are
deleted, so exporting twice, or after a new run, never duplicates a row.  Parquet files are
rewritten whole, one file per table.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .query import connect

BATCH = 2000


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

def create_sql(table: Table) -> str:
    """CREATE TABLE with NOT NULL keys, the primary key, and ON DELETE CASCADE to its parent."""
    lines = [f"{_q(name)} {kind}" + (" NOT NULL" if name in table.key else "") for name, kind in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(map(_q, table.key))})")
    if table.parent:
        parent_key = TABLE_BY_NAME[table.parent].key[0]
        column = parent_key if parent_key in table.column_names else table.key[0]
        lines.append(f"FOREIGN KEY ({_q(column)}) REFERENCES {_q(table.parent)} ({_q(parent_key)}) "
                     f"ON DELETE CASCADE")
    return f"CREATE TABLE IF NOT EXISTS {_q(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _check_columns(db: sqlite3.Connection, table: Table) -> None:
    existing = [row[1] for row in db.execute(f"PRAGMA table_info({_q(table.name)})")]
    if existing and existing != table.column_names:
        raise ValueError(f"table {table.name} in the database has columns {existing}, this version writes "
                         f"{table.column_names}: export to a new file")


def _rows(con: duckdb.DuckDBPyConnection, table: Table):
    cursor = con.execute(table.named_select)
    while batch := cursor.fetchmany(BATCH):
        yield batch


def _upsert_sql(table: Table) -> str:
    names = table.column_names
    updates = [n for n in names if n not in table.key]
    return (f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, names))}) "
            f"VALUES ({', '.join('?' for _ in names)}) "
            f"ON CONFLICT ({', '.join(map(_q, table.key))}) DO UPDATE SET "
            + ", ".join(f"{_q(n)} = excluded.{_q(n)}" for n in updates))


def export_sqlite(outdir: str | Path, path: str | Path) -> dict[str, int]:
    """Upsert the output folder into the SQLite file; returns the rows written per table."""
    con = connect(outdir)
    db = sqlite3.connect(path)
    counts: dict[str, int] = {}
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for table in TABLES:
            _check_columns(db, table)
            db.execute(create_sql(table))
        db.execute("CREATE INDEX IF NOT EXISTS events_doc_id ON events (doc_id)")
        with db:  # one transaction: a failed export leaves the database as it was
            db.execute("CREATE TEMP TABLE IF NOT EXISTS new_documents (doc_id TEXT PRIMARY KEY)")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS new_events (event_id TEXT PRIMARY KEY)")
            db.execute("DELETE FROM new_documents")
            db.execute("DELETE FROM new_events")
            for batch in _rows(con, TABLE_BY_NAME["documents"]):
                db.executemany("INSERT OR IGNORE INTO new_documents VALUES (?)", [(r[0],) for r in batch])
            for batch in _rows(con, TABLE_BY_NAME["events"]):
                db.executemany("INSERT OR IGNORE INTO new_events VALUES (?)", [(r[0],) for r in batch])
            # events a re-processed document no longer has (their children follow by cascade)
            db.execute("DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM new_documents) "
                       "AND event_id NOT IN (SELECT event_id FROM new_events)")
            for table in TABLES:
                if table.parent:  # replace the children of every exported parent
                    key = table.key[0]
                    scope = "new_documents" if key == "doc_id" else "new_events"
                    if table.name != "events":
                        db.execute(f"DELETE FROM {_q(table.name)} WHERE {_q(key)} IN (SELECT {key} FROM {scope})")
                statement = _upsert_sql(table)
                counts[table.name] = 0
                for batch in _rows(con, table):
                    db.executemany(statement, batch)
                    counts[table.name] += len(batch)
            violations = db.execute("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise ValueError(f"foreign key violations after export: {violations[:5]}")
    finally:
        db.close()
        con.close()
    return counts


# -- Parquet ---------------------------------------------------------------------------
def export_parquet(outdir: str | Path, folder: str | Path) -> dict[str, int]:
    """One Parquet file per table in the folder, each rewritten whole (atomically)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = connect(outdir)
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


def export(outdir: str | Path, target: str) -> dict[str, int]:
    """`sqlite:FILE` or `parquet:DIR`."""
    kind, _, where = target.partition(":")
    if not where or kind not in ("sqlite", "parquet"):
        raise ValueError(f"--to takes sqlite:FILE or parquet:DIR, not {target!r}")
    return export_sqlite(outdir, where) if kind == "sqlite" else export_parquet(outdir, where)
