"""Reading and writing the data tables of `models/` (JSONL and TSV).

Rules, lexicons and gazetteers are data: a component never hard-codes them, it
receives them as tables through `initialize()` or `from_disk()`.  A table is a
list of dicts; the file extension decides the format.

A component may declare what each row of a table holds (`Field`s by field name);
`check_rows` then refuses, when the tables load, a row with a missing field, a
value of the wrong type, a value outside an enum, or a field nobody declared,
naming the file, line and field.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Collection, Iterable


def models_dir() -> Path:
    """The tables' folder: `pipeline/models/` in an installed wheel (package data mapped from
    `models/`), else `models/` beside the package in a checkout (editable install, tests)."""
    packaged = resources.files(__package__) / "models"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "models"


MODELS_DIR = models_dir()


def read_table(path: str | Path) -> list[dict]:
    """Rows of a `.jsonl` or `.tsv` file; TSV rows are keyed by the header, `#` lines skipped."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in f if line.strip()]
        if path.suffix == ".tsv":
            # No quoting in our TSV: a plain split reads a 37,000-row gazetteer four times faster than csv.
            lines = [line.rstrip("\r\n") for line in f if line.strip() and not line.startswith("#")]
            if not lines:
                return []
            header = lines[0].split("\t")
            rows = []
            for line in lines[1:]:
                values = line.split("\t")
                values += [""] * (len(header) - len(values))
                rows.append({k: (v if v != "" else None) for k, v in zip(header, values)})
            return rows
    raise ValueError(f"unsupported table format: {path}")


def write_table(path: str | Path, rows: Iterable[dict]) -> None:
    """Write rows in the format named by the extension (inverse of `read_table`)."""
    path = Path(path)
    rows = list(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        if path.suffix == ".jsonl":
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif path.suffix == ".tsv":
            fields = list(dict.fromkeys(k for row in rows for k in row))
            writer = csv.DictWriter(f, fieldnames=fields, delimiter="\t",
                                    quoting=csv.QUOTE_NONE, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        else:
            raise ValueError(f"unsupported table format: {path}")


def read_tables(directory: str | Path) -> dict[str, list[dict]]:
    """Every table of a directory, keyed by file name (`orgs.jsonl` -> `"orgs.jsonl"`)."""
    directory = Path(directory)
    return {
        p.name: read_table(p)
        for p in sorted(directory.iterdir())
        if p.suffix in (".jsonl", ".tsv")
    }


def row_lines(path: str | Path) -> list[int]:
    """Line number (from 1) of each row `read_table` gives for this file: where to point an error."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        lines = [number for number, line in enumerate(f, 1) if line.strip()
                 and not (path.suffix == ".tsv" and line.startswith("#"))]
    return lines[1:] if path.suffix == ".tsv" else lines  # a TSV's first line is its header


# -- field specs -------------------------------------------------------------------
TYPE_NAMES = {str: "text", int: "integer", float: "number", bool: "true/false", list: "list", dict: "object"}


@dataclass(frozen=True)
class Field:
    """What one field of a table's rows holds.

    `type`: the JSON type of the value (a TSV cell is text; `int` and `float`
    accept text that parses as one).  `values`: the allowed values (an enum), or
    `column(table, field)` for the values of another table's column; for a list
    field, each item must be allowed.
    """
    type: type | tuple[type, ...] = str
    required: bool = False
    values: Collection | Callable[[dict], Collection] | None = None


def column(table: str, field: str) -> Callable[[dict], set]:
    """Allowed values read from another table of the same component (e.g. the sector slugs)."""
    def values(tables: dict[str, list[dict]]) -> set:
        return {row[field] for row in tables.get(table, ()) if row.get(field) is not None}
    values.__qualname__ = f"column({table!r}, {field!r})"
    return values


class TableError(ValueError):
    """A table row that does not follow its component's field spec."""

    def __init__(self, table: str, index: int, field: str, problem: str, where: str | None = None):
        self.table, self.index, self.field, self.problem = table, index, field, problem
        super().__init__(f"{where or f'{table}, row {index + 1}'}: field {field!r}: {problem}")


def _type_ok(value: Any, expected: type | tuple[type, ...], tsv: bool) -> bool:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool):  # JSON true/false is not a number
        return bool in types
    if tsv and isinstance(value, str) and (int in types or float in types):
        try:
            float(value) if float in types else int(value)
        except ValueError:
            return str in types
        return True
    return isinstance(value, types) or (float in types and isinstance(value, int))


def check_rows(table: str, rows: list[dict], spec: dict[str, Field], tables: dict[str, list[dict]]) -> None:
    """Raise `TableError` at the first row of `table` that breaks `spec` (fields by name)."""
    tsv = table.endswith(".tsv")
    allowed = {name: (f.values(tables) if callable(f.values) else f.values) for name, f in spec.items()}
    for index, row in enumerate(rows):
        for name in row:
            if name not in spec:
                raise TableError(table, index, name, f"unknown field (declared: {', '.join(spec)})")
        for name, field in spec.items():
            value = row.get(name)
            if value is None:
                if field.required:
                    raise TableError(table, index, name, "missing")
                continue
            if not _type_ok(value, field.type, tsv):
                types = field.type if isinstance(field.type, tuple) else (field.type,)
                raise TableError(table, index, name, f"{value!r} is not {' or '.join(TYPE_NAMES.get(t, t.__name__) for t in types)}")
            if allowed[name] is not None:
                items = value if isinstance(value, list) else [value]
                for item in items:
                    if item not in allowed[name]:
                        raise TableError(table, index, name,
                                         f"{item!r} is not one of {', '.join(map(repr, sorted(allowed[name])))}")
