"""What every presse component shares: data tables that round-trip like SpanRuler's patterns.

A component subclasses `TableComponent`, names the tables it needs in `TABLES`
(file names under `models/<data_dir>/`), declares what their rows hold in `SPECS`,
and builds its matchers in `compile()`.  spaCy then saves and restores it with the
pipeline (`nlp.to_disk`/`spacy.load`), and `nlp.py` feeds it its tables through
`initialize(data_dir=...)`.

    class Cues(TableComponent):
        TABLES = ("cues.jsonl",)
        SPECS = {"cues.jsonl": {
            "id": Field(str, required=True),
            "kind": Field(str, required=True, values={"visit", "host"}),
            "pattern": Field(list, required=True),
        }}

After `compile()`, every spaCy `Matcher` the component keeps as an attribute is
wrapped in an `AnchoredMatcher` (`matching.py`): the same matches in the same
order, found by running the Matcher only around the words each pattern needs.

Every table named in `SPECS` is checked when it loads, before `compile()`: a row
with a missing or undeclared field, a wrong type or a value outside `values` stops
`initialize` with the file, line and field.  Patterns go into matchers built with
`validate=True` through `add_patterns`, so a bad token pattern names its row too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from . import DOC_EXTENSIONS  # noqa: F401  (registers doc._.published)
from .matching import anchor_matchers
from ..tables import MODELS_DIR, Field, TableError, check_rows, read_tables, row_lines, write_table

__all__ = ["TableComponent", "Field", "TableError"]


class TableComponent:
    """Base class for rule components whose rules live in `models/` as JSONL/TSV tables."""

    TABLES: tuple[str, ...] = ()
    # table name -> field name -> Field: what the rows of that table hold (checked on load).
    SPECS: dict[str, dict[str, Field]] = {}

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self.tables: dict[str, list[dict]] = {}
        self.source: Path | None = None  # the folder the tables were read from, for error messages

    # -- data ---------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *,
                   nlp: Language | None = None, data_dir: str | None = None) -> None:
        """Load the tables from `data_dir` (a folder of `models/`, relative or absolute)."""
        directory = Path(data_dir) if data_dir else MODELS_DIR / self.name.removeprefix("presse_")
        if not directory.is_absolute() and not directory.exists():
            directory = MODELS_DIR / directory
        self.set_tables(read_tables(directory), source=directory)

    def set_tables(self, tables: dict[str, list[dict]], *, source: str | Path | None = None) -> None:
        """Check the tables against `SPECS`, keep them and compile them."""
        missing = [t for t in self.TABLES if t not in tables]
        if missing:
            raise ValueError(f"{self.name}: missing tables {missing}")
        self.source = Path(source) if source is not None else None
        for table, spec in self.SPECS.items():
            try:
                check_rows(table, tables.get(table, []), spec, tables)
            except TableError as error:
                raise self.table_error(error.table, error.index, error.field, error.problem) from None
        self.tables = tables
        self.compile()
        anchor_matchers(self)

    def table_error(self, table: str, index: int, field: str, problem: str) -> TableError:
        """An error naming the file and line of row `index` of `table` (its row number when not read from a file)."""
        path = self.source / table if self.source is not None else None
        where = None
        if path is not None and path.exists():
            lines = row_lines(path)
            where = f"{path}:{lines[index]}" if index < len(lines) else str(path)
        return TableError(table, index, field, f"{problem} ({self.name})", where=where)

    # -- matchers built from table rows ----------------------------------------
    def matcher(self) -> Matcher:
        """A token Matcher that checks each pattern against spaCy's schema when it is added."""
        return Matcher(self.nlp.vocab, validate=True)

    def phrase_matcher(self, attr: str = "ORTH") -> PhraseMatcher:
        return PhraseMatcher(self.nlp.vocab, attr=attr, validate=True)

    def dependency_matcher(self) -> DependencyMatcher:
        return DependencyMatcher(self.nlp.vocab, validate=True)

    def add_patterns(self, matcher: Matcher | DependencyMatcher, table: str, index: int, key: str,
                     patterns: list, field: str = "pattern", **kwargs) -> None:
        """`matcher.add(key, patterns)`, where a pattern spaCy refuses names row `index` of `table`."""
        try:
            matcher.add(key, patterns, **kwargs)
        except ValueError as error:  # MatchPatternError is a ValueError
            raise self.table_error(table, index, field, " ".join(str(error).split())) from None

    def compile(self) -> None:
        """Build matchers and lookups from `self.tables`; called after every load."""

    # -- serialisation (same contract as spaCy's SpanRuler) ------------------
    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, rows in self.tables.items():
            write_table(path / name, rows)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "TableComponent":
        self.set_tables(read_tables(path), source=path)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.tables)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "TableComponent":
        self.set_tables(srsly.msgpack_loads(data))
        return self
