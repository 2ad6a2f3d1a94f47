"""JSON Schemas: generated from the records, shipped, and checked against output folders (sample and corpus/)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.schema import SCHEMA_DIR, generate, stale_schemas, validate_outdir

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "outputs_sample"


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, records: list) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def copy(tmp_path) -> Path:
    folder = tmp_path / "out"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_shipped_schemas_equal_a_fresh_generation():
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(generate())
    assert stale_schemas() == [], "run `presse schema --write` after changing pipeline/records.py"


def test_schema_forbids_unknown_top_level_fields():
    events = json.loads((SCHEMA_DIR / "events.schema.json").read_text(encoding="utf-8"))
    assert {events["$defs"][name]["additionalProperties"] for name in ("Visit", "SectorInterest", "Agreement")} == {
        False}
    assert json.loads((SCHEMA_DIR / "documents.schema.json").read_text())["additionalProperties"] is False


def test_sample_is_a_fresh_build_of_its_builder(tmp_path):
    sys.path.insert(0, str(SAMPLE))
    try:
        import make_sample
    finally:
        sys.path.remove(str(SAMPLE))
    make_sample.write(tmp_path)
    for name in ("documents.jsonl", "events.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (SAMPLE / name).read_text(encoding="utf-8")


def test_sample_is_valid():
    assert validate_outdir(SAMPLE) == []


def _del(key):
    def mutate(record):
        del record[key]
    return mutate


def _set(*path_and_value):
    *path, value = path_and_value

    def mutate(record):
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


@pytest.mark.parametrize("file, line, mutate, message", [
    ("events.jsonl", 1, _del("doc_id"), "$: 'doc_id' is a required property"),
    ("events.jsonl", 2, _del("type"), "$: 'type' is a required property"),
    ("events.jsonl", 1, _set("confidence", "high"), "$.confidence: 'high' is not of type 'number'"),
    ("events.jsonl", 1, _set("confidence", 1.5), "$.confidence: 1.5 is greater than the maximum of 1.0"),
    ("events.jsonl", 4, _set("reporter", "x"), "Additional properties are not allowed ('reporter' was unexpected)"),
    ("events.jsonl", 3, _set("type", "meeting"), "$.type: 'meeting' is not one of"),
    ("events.jsonl", 1, _set("sectors", "tourisme"), "$.sectors: 'tourisme' is not of type 'array'"),
    ("events.jsonl", 1, _set("visitor", "country", 33), "$.visitor.country: 33 is not valid"),
    ("events.jsonl", 1, _set("status", "maybe"), "$.status: 'maybe' is not valid"),
    ("events.jsonl", 5, _set("evidence", "start", 3), "$.evidence: text[3:"),
    ("events.jsonl", 7, _set("doc_id", "elsewhere"), "$.doc_id: 'elsewhere' is not in documents.jsonl"),
    ("documents.jsonl", 2, _del("text"), "$: 'text' is a required property"),
    ("documents.jsonl", 1, _set("entities", 0, "start", "30"), "$.entities[0].start: '30' is not of type 'integer'"),
    ("documents.jsonl", 1, _set("entities", 0, "label", "GPE"), "$.entities[0].label: 'GPE' is not one of"),
    ("documents.jsonl", 3, _set("language", "fr"), "('language' was unexpected)"),
    ("documents.jsonl", 1, _set("entities", 1, "end", 75), "$.entities[1]: text[68:75] is 'Li Wei,', not 'Li Wei'"),
    ("documents.jsonl", 2, _set("dates", 0, "end", 9999), "$.dates[0]: offsets"),
])
def test_corrupted_record_is_reported(copy, file, line, mutate, message):
    records = jsonl(copy / file)
    mutate(records[line - 1])
    write_jsonl(copy / file, records)
    problems = validate_outdir(copy)
    assert problems, "the corruption went unnoticed"
    assert any(p.file.endswith(file) and p.line == line and message in p.message for p in problems), problems


def test_duplicate_ids_and_broken_lines_are_reported(copy):
    events = (copy / "events.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "events.jsonl").write_text("".join(events + [events[0], "{not json\n", '{"cut": ']), encoding="utf-8")
    messages = {(p.line, p.message.split(":")[0]) for p in validate_outdir(copy)}
    assert (8, "event_id 'ef418435c1dbf63eb' already on line 1") in messages
    assert (9, "not JSON") in messages
    assert (10, "incomplete last line (no newline)") in messages


def test_errors_file_is_checked(copy):
    write_jsonl(copy / "errors.jsonl", [{"source": "a.html", "stage": "read", "error": "OSError", "message": "x"},
                                        {"source": "b.html", "stage": "parse", "error": "E", "message": "y"}])
    [problem] = validate_outdir(copy)
    assert (Path(problem.file).name, problem.line) == ("errors.jsonl", 2)
    assert "'parse' is not one of" in problem.message


def test_cli_validate(copy, capsys):
    assert main(["validate", str(copy)]) == 0
    records = jsonl(copy / "events.jsonl")
    del records[2]["evidence"]
    write_jsonl(copy / "events.jsonl", records)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr()
    assert f"{copy / 'events.jsonl'}:3: $: 'evidence' is a required property" in out.out
    assert "1 problem(s)" in out.err


def test_cli_schema_check():
    assert main(["schema"]) == 0


# -- a real run of corpus/ ---------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory) -> Path:
    """`presse run corpus` once for this module; a failing run fails the tests that need it."""
    out = tmp_path_factory.mktemp("corpus_run")
    run = subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "corpus"), "--out", str(out)],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert run.returncode == 0, f"presse run corpus failed:\n{run.stderr[-3000:]}"
    return out


def test_corpus_output_is_valid(corpus_output):
    assert (corpus_output / "documents.jsonl").stat().st_size > 0
    problems = validate_outdir(corpus_output)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_corpus_output_exports_and_queries(corpus_output, tmp_path):
    from pipeline.export import export
    from pipeline.query import EventFilter, connect, find_events

    read = jsonl(corpus_output / "documents.jsonl")
    documents = [d for d in read if d["duplicate_of"] is None]  # each story once
    events = [e for e in jsonl(corpus_output / "events.jsonl") if e["duplicate_of"] is None] \
        if (corpus_output / "events.jsonl").exists() else []
    assert len(documents) < len(read)  # the corpus reads its stories several times
    rows = export(corpus_output, f"sqlite:{tmp_path / 'presse.db'}")
    assert (rows["documents"], rows["events"]) == (len(documents), len(events))
    assert rows["entities"] == sum(len(d["entities"]) for d in documents)
    assert export(corpus_output, f"sqlite:{tmp_path / 'all.db'}", include_duplicates=True)["documents"] == len(read)
    con = connect(corpus_output)
    assert len(find_events(con, EventFilter())) == len(events)
    visits = [e for e in events if e["type"] == "visit"]
    assert len(find_events(con, EventFilter(type="visit"))) == len(visits)
