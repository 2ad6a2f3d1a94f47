"""What every presse component shares: data tables that round-trip like SpanRuler's patterns.

A component subclasses `TableComponent`, names the tables it needs in `TABLES`
(file names under `models/<data_dir>/`), and builds its matchers in `compile()`.
spaCy then saves and restores it with the pipeline (`nlp.to_disk`/`spacy.load`),
and `nlp.py` feeds it its tables through `initialize(data_dir=...)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language

from . import DOC_EXTENSIONS  # noqa: F401  (registers doc._.published)
from ..tables import MODELS_DIR, read_tables, write_table

class TableComponent:
    """Base class for rule components whose rules live in `models/` as JSONL/TSV tables."""

    TABLES: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self.tables: dict[str, list[dict]] = {}

    # -- data ---------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *,
                   nlp: Language | None = None, data_dir: str | None = None) -> None:
        """Load the tables from `data_dir` (a folder of `models/`, relative or absolute)."""
        directory = Path(data_dir) if data_dir else MODELS_DIR / self.name.removeprefix("presse_")
        if not directory.is_absolute() and not directory.exists():
            directory = MODELS_DIR / directory
        self.set_tables(read_tables(directory))

    def set_tables(self, tables: dict[str, list[dict]]) -> None:
        missing = [t for t in self.TABLES if t not in tables]
        if missing:
            raise ValueError(f"{self.name}: missing tables {missing}")
        self.tables = tables
        self.compile()

    def compile(self) -> None:
        """Build matchers and lookups from `self.tables`; called after every load."""

    # -- serialisation (same contract as spaCy's SpanRuler) ------------------
    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, rows in self.tables.items():
            write_table(path / name, rows)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "TableComponent":
        self.set_tables(read_tables(path))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.tables)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "TableComponent":
        self.set_tables(srsly.msgpack_loads(data))
        return self
