"""JSON Schema files of the outputs, generated from `records.py`, and the check of an output folder.

The files in pipeline/schemas/ are generated (`presse schema --write`), never edited by hand;
a test compares them with a fresh generation.  `validate_outdir` checks every line of
documents.jsonl, events.jsonl and errors.jsonl against them, then what a schema cannot say:
unique ids, events pointing at a document of the folder, evidence and entity offsets that
slice the document's text to the quoted string.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .records import json_schemas
from .layout import DOCUMENTS, ERRORS, EVENTS

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
FILES = {"documents": DOCUMENTS, "events": EVENTS, "errors": ERRORS}
MAX_PROBLEMS = 1000


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


def generate() -> dict[str, str]:
    """File name -> text of each schema file, as `records.py` defines the records today."""
    texts = {}
    for name, schema in json_schemas().items():
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$comment": "Generated from pipeline/records.py by `presse schema --write`; do not edit.",
                    **schema}
        texts[schema_file(name)] = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of the schema files that are missing or differ from a fresh generation."""
    stale = []
    for name, text in generate().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


@lru_cache(maxsize=None)
def load_schema(name: str, folder: Path = SCHEMA_DIR) -> dict:
    """The shipped schema of one output file ("documents", "events" or "errors")."""
    return json.loads((folder / schema_file(name)).read_text(encoding="utf-8"))


# -- validation ------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _describe(error: ValidationError) -> str:
    """One readable line: where in the record, and what is wrong there."""
    where = error.json_path if error.absolute_path else "$"
    if error.validator in ("anyOf", "oneOf") and error.context:
        reasons = sorted({c.message for c in error.context})
        return f"{where}: {error.instance!r} is not valid: " + "; ".join(reasons)
    return f"{where}: {error.message}"


class RecordChecker:
    """Validates one record against a file's schema; events by the schema of their `type`."""

    def __init__(self, name: str):
        schema = load_schema(name)
        self.whole = Draft202012Validator(schema)
        self.by_type: dict[str, Draft202012Validator] = {}
        discriminator = schema.get("discriminator")
        if discriminator:
            self.type_key = discriminator["propertyName"]
            for value, ref in discriminator["mapping"].items():
                self.by_type[value] = Draft202012Validator({"$ref": ref, "$defs": schema["$defs"]})

    def errors(self, record: object) -> list[str]:
        validator = self.whole
        if self.by_type and isinstance(record, dict):
            kind = record.get(self.type_key)
            if self.type_key not in record:
                return [f"$: {self.type_key!r} is a required property"]
            if kind not in self.by_type:
                return [f"$.{self.type_key}: {kind!r} is not one of {sorted(self.by_type)}"]
            validator = self.by_type[kind]
        found = list(validator.iter_errors(record))
        if not found:
            return []
        messages = [_describe(best_match(found))] + [_describe(e) for e in found]
        return list(dict.fromkeys(messages))[:5]


def _records(path: Path) -> Iterator[tuple[int, object | None, str | None]]:
    """(line number, parsed record or None, parse error or None) for each line of a JSONL file."""
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.endswith("\n"):
                yield number, None, "incomplete last line (no newline): the file was cut while being written"
                continue
            try:
                yield number, json.loads(line), None
            except ValueError as exc:
                yield number, None, f"not JSON: {exc}"


def _slice_problem(text: str, what: str, item: dict) -> str | None:
    start, end, quoted = item.get("start"), item.get("end"), item.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(quoted, str)):
        return None
    if not 0 <= start <= end <= len(text):
        return f"{what}: offsets {start}:{end} outside the text (length {len(text)})"
    if text[start:end] != quoted:
        return f"{what}: text[{start}:{end}] is {text[start:end]!r}, not {quoted!r}"
    return None


def validate_outdir(outdir: str | Path, max_problems: int = MAX_PROBLEMS) -> list[Problem]:
    """Every problem found in the output folder, as file:line: message (empty when valid)."""
    outdir = Path(outdir)
    problems: list[Problem] = []
    if not (outdir / DOCUMENTS).exists():
        return [Problem(str(outdir / DOCUMENTS), 0, "missing: not an output folder of `presse run`")]

    def add(path: Path, line: int, message: str) -> None:
        if len(problems) < max_problems:
            problems.append(Problem(str(path), line, message))

    def checked(path: Path, kind: str, id_key: str):
        """The records of a file that parse, after schema and unique-id checks, with their line."""
        checker, seen = RecordChecker(kind), {}
        for number, record, parse_error in _records(path):
            if parse_error:
                add(path, number, parse_error)
                continue
            for message in checker.errors(record):
                add(path, number, message)
            if not isinstance(record, dict):
                continue
            key = record.get(id_key)
            if key in seen:
                add(path, number, f"{id_key} {key!r} already on line {seen[key]}")
            seen.setdefault(key, number)
            yield number, record

    evidence: dict[str, list[tuple[int, dict]]] = {}
    if (outdir / EVENTS).exists():
        for number, record in checked(outdir / EVENTS, "events", "event_id"):
            if isinstance(record.get("evidence"), dict):
                evidence.setdefault(record.get("doc_id"), []).append((number, record["evidence"]))

    path = outdir / DOCUMENTS
    for number, record in checked(path, "documents", "doc_id"):
        doc_id, text = record.get("doc_id"), record.get("text")
        if not isinstance(text, str):
            continue
        for key in ("entities", "dates", "demonyms", "sectors"):
            for index, item in enumerate(record.get(key) or []):
                problem = isinstance(item, dict) and _slice_problem(text, f"$.{key}[{index}]", item)
                if problem:
                    add(path, number, problem)
        for event_line, item in evidence.pop(doc_id, []):
            problem = _slice_problem(text, "$.evidence", item)
            if problem:
                add(outdir / EVENTS, event_line, f"{problem} (document {doc_id!r})")
    for doc_id, refs in evidence.items():
        for event_line, _ in refs:
            add(outdir / EVENTS, event_line, f"$.doc_id: {doc_id!r} is not in {DOCUMENTS}")

    path = outdir / ERRORS
    if path.exists():
        checker = RecordChecker("errors")
        for number, record, parse_error in _records(path):
            for message in [parse_error] if parse_error else checker.errors(record):
                add(path, number, message)
    return sorted(problems, key=lambda p: (p.file, p.line))
