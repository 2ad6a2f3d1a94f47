"""Reading and writing the data tables of `models/` (JSONL and TSV).

Rules, lexicons and gazetteers are data: a component never hard-codes them, it
receives them as tables through `initialize()` or `from_disk()`.  A table is a
list of dicts; the file extension decides the format.
"""
from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Iterable


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
