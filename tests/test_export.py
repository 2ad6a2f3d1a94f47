"""`presse export`: normalised SQLite (keys, upsert) and Parquet tables from an output folder."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.export import TABLES, export
from pipeline.records import Agreement, Document, SectorInterest, Visit
from stories import add_edition, copy_folder, rename_document

SAMPLE = Path(__file__).resolve().parent / "data" / "outputs_sample"

EXPECTED_ROWS = {"documents": 3, "entities": 12, "people": 5, "dates": 4, "document_sectors": 3, "events": 7,
                 "event_participants": 14, "event_sectors": 6}


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: two databases with the same dump hold the same data."""
    db = sqlite3.connect(db_path)
    try:
        return {t.name: sorted(db.execute(f'SELECT * FROM "{t.name}"').fetchall(), key=repr) for t in TABLES}
    finally:
        db.close()


def counts(db_path: Path) -> dict[str, int]:
    return {name: len(rows) for name, rows in dump(db_path).items()}


@pytest.fixture
def copy(tmp_path) -> Path:
    """A writable copy of the sample output folder."""
    folder = tmp_path / "out"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_sqlite_round_trip(tmp_path):
    db_path = tmp_path / "presse.db"
    assert export(SAMPLE, f"sqlite:{db_path}") == EXPECTED_ROWS
    assert counts(db_path) == EXPECTED_ROWS
    db = sqlite3.connect(db_path)
    doc_ids = {d["doc_id"] for d in jsonl(SAMPLE / "documents.jsonl")}
    event_ids = {e["event_id"] for e in jsonl(SAMPLE / "events.jsonl")}
    assert {r[0] for r in db.execute("SELECT doc_id FROM documents")} == doc_ids
    assert {r[0] for r in db.execute("SELECT event_id FROM events")} == event_ids
    roles = dict(db.execute("SELECT role, count(*) FROM event_participants GROUP BY role"))
    assert roles == {"visitor_party": 3, "visitor": 3, "host": 3, "party": 2, "actor": 3}
    row = db.execute("""SELECT e.start, e."end", e.destination_code, p.name, p.place FROM events e
                        JOIN event_participants p USING (event_id)
                        WHERE e.type = 'visit' AND e.destination_name = 'Amiens' AND p.role = 'visitor_party'""")
    assert row.fetchall() == [("2019-08-25", "2019-08-27", "80021", "ville de Zhengzhou", "Zhengzhou")]
    sectors = db.execute("SELECT sector, nace FROM event_sectors JOIN events USING (event_id) "
                         "WHERE type = 'sector_interest' ORDER BY sector").fetchall()
    assert sectors == [("agroalimentaire", "C10;C11"), ("automobile", "C29"), ("tourisme", "I55;I56;N79")]
    assert db.execute("SELECT mentions FROM people WHERE name = 'Li Wei'").fetchone() == ("[[68,74]]",)


def test_sqlite_keys_and_foreign_keys(tmp_path):
    db_path = tmp_path / "presse.db"
    export(SAMPLE, f"sqlite:{db_path}")
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in TABLES:
        info = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        primary = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        assert primary == list(table.key)
        parents = {row[2] for row in db.execute(f'PRAGMA foreign_key_list("{table.name}")')}
        assert parents == ({table.parent} if table.parent else set())
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO events (event_id, doc_id, type) VALUES ('e-x', 'no-such-doc', 'visit')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO documents (doc_id, source, text) VALUES ('amiens-2019', 'x', 'y')")
    db.execute("DELETE FROM documents WHERE doc_id = 'amiens-2019'")  # children go with their parent
    assert db.execute("SELECT count(*) FROM events WHERE doc_id = 'amiens-2019'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM event_participants").fetchone() == (6,)
    assert db.execute("SELECT count(*) FROM entities").fetchone() == (7,)


def test_exporting_twice_gives_the_same_tables(tmp_path):
    db_path = tmp_path / "presse.db"
    export(SAMPLE, f"sqlite:{db_path}")
    first = dump(db_path)
    export(SAMPLE, f"sqlite:{db_path}")
    assert dump(db_path) == first
    assert counts(db_path) == EXPECTED_ROWS


def test_upsert_after_a_new_run(tmp_path, copy):
    """A new run changed a title, dropped an event, added an entity; an older document stays."""
    db_path = tmp_path / "presse.db"
    export(SAMPLE, f"sqlite:{db_path}")

    documents = [d for d in jsonl(copy / "documents.jsonl") if d["doc_id"] != "dakar-2021"]
    documents[0]["title"] = "Zhengzhou à Amiens (titre corrigé)"
    start = documents[0]["text"].rindex("Amiens Métropole")
    documents[0]["entities"].append({"text": "Amiens", "label": "LOC", "start": start, "end": start + 6})
    events = [e for e in jsonl(copy / "events.jsonl")
              if e["doc_id"] != "dakar-2021" and e.get("sector") != "tourisme"]
    events[0]["sectors"] = ["agroalimentaire"]
    for record in documents:
        Document.model_validate(record)
    write_jsonl(copy / "documents.jsonl", documents)
    write_jsonl(copy / "events.jsonl", events)

    assert export(copy, f"sqlite:{db_path}")["events"] == 5
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT title FROM documents WHERE doc_id = 'amiens-2019'").fetchone() == (
        "Zhengzhou à Amiens (titre corrigé)",)
    assert counts(db_path) == {"documents": 3, "entities": 13, "people": 5, "dates": 4, "document_sectors": 3,
                               "events": 6, "event_participants": 13, "event_sectors": 4}
    assert db.execute("SELECT count(*) FROM event_sectors WHERE sector = 'tourisme'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM events WHERE doc_id = 'dakar-2021'").fetchone() == (1,)
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_event_of_an_unknown_document_is_refused(tmp_path, copy):
    events = jsonl(copy / "events.jsonl")
    events[0]["doc_id"] = "missing-doc"
    write_jsonl(copy / "events.jsonl", events)
    db_path = tmp_path / "presse.db"
    with pytest.raises(sqlite3.IntegrityError):
        export(copy, f"sqlite:{db_path}")
    assert counts(db_path) == {name: 0 for name in EXPECTED_ROWS}  # nothing half-written


def test_parquet_export(tmp_path):
    folder = tmp_path / "parquet"
    assert export(SAMPLE, f"parquet:{folder}") == EXPECTED_ROWS
    assert export(SAMPLE, f"parquet:{folder}") == EXPECTED_ROWS  # rewritten, not appended
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)
    con = duckdb.connect()
    for table in TABLES:
        relation = con.read_parquet(str(folder / f"{table.name}.parquet"))
        assert relation.columns == table.column_names
        assert con.execute(f"SELECT count(*) FROM read_parquet('{folder / table.name}.parquet')").fetchall() == [
            (EXPECTED_ROWS[table.name],)]
    keys = con.execute(f"SELECT count(DISTINCT event_id) FROM read_parquet('{folder}/events.parquet')").fetchall()
    assert keys == [(7,)]


def test_export_covers_every_record_field():
    """A field added to the records must land in a table (or be listed here on purpose)."""
    nested_elsewhere = {"entities", "people", "dates", "sectors", "evidence", "visitor", "visitors", "destination",
                        "hosts", "actor", "parties", "sector", "nace"}
    not_exported = {"demonyms"}  # demonym mentions: query them with `presse query --sql`
    columns = {name for table in TABLES for name in table.column_names}
    for model in (Document, Visit, SectorInterest, Agreement):
        missing = set(model.model_fields) - columns - nested_elsewhere - not_exported
        assert not missing, f"{model.__name__}: {missing}"


@pytest.mark.parametrize("target", ["csv:out.csv", "sqlite:", "presse.db"])
def test_bad_target(target):
    with pytest.raises(ValueError, match="sqlite:FILE or parquet:DIR"):
        export(SAMPLE, target)


def test_cli_export(tmp_path, capsys):
    db_path = tmp_path / "presse.db"
    assert main(["export", str(SAMPLE), "--to", f"sqlite:{db_path}"]) == 0
    assert "documents 3" in capsys.readouterr().err
    assert counts(db_path) == EXPECTED_ROWS


def test_duplicates_are_left_out_unless_asked_for(tmp_path):
    folder = copy_folder(SAMPLE, tmp_path / "out")
    add_edition(folder, "amiens-2019", "amiens-reprint")
    stories = tmp_path / "stories.db"
    assert export(folder, f"sqlite:{stories}") == EXPECTED_ROWS
    everything = tmp_path / "all.db"
    written = export(folder, f"sqlite:{everything}", include_duplicates=True)
    assert written["documents"] == 4 and written["events"] == 11
    db = sqlite3.connect(everything)
    assert db.execute("SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL").fetchall() == [
        ("amiens-reprint", "amiens-2019")]
    assert db.execute("SELECT count(*) FROM events WHERE duplicate_of = 'amiens-2019'").fetchone() == (4,)
    parquet = tmp_path / "parquet"
    assert export(folder, f"parquet:{parquet}") == EXPECTED_ROWS


def test_one_story_from_two_output_folders_is_one_original(tmp_path):
    """Two runs over different archives each read the Amiens story first: in one database it is one story."""
    first = copy_folder(SAMPLE, tmp_path / "first")
    second = copy_folder(SAMPLE, tmp_path / "second")
    rename_document(second, "amiens-2019", "amiens-other-site")
    db_path = tmp_path / "presse.db"
    export(first, f"sqlite:{db_path}")
    assert export(second, f"sqlite:{db_path}")["documents"] == 2  # dakar and vosges again, upserted
    assert counts(db_path) == EXPECTED_ROWS
    export(second, f"sqlite:{db_path}", include_duplicates=True)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT duplicate_of FROM documents WHERE doc_id = 'amiens-other-site'").fetchone() == (
        "amiens-2019",)
    assert db.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone() == (3,)
    assert db.execute("SELECT count(DISTINCT duplicate_of) FROM events WHERE doc_id = 'amiens-other-site'"
                      ).fetchone() == (1,)


def test_full_text_search_and_indexes(tmp_path):
    import sqlite_utils

    db_path = tmp_path / "presse.db"
    export(SAMPLE, f"sqlite:{db_path}")
    export(SAMPLE, f"sqlite:{db_path}")
    db = sqlite_utils.Database(db_path)
    hits = [row["doc_id"] for row in db["events"].search("automobile")]
    assert hits == ["vosges-kz"]
    assert {row["doc_id"] for row in db["documents"].search("Zhengzhou")} == {"amiens-2019"}
    indexed = {tuple(index.columns) for index in db["events"].indexes}
    assert {("doc_id",), ("type", "start")} <= indexed
