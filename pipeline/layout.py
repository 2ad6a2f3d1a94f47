"""The output folder: its files, and the lines one article adds to them.  No spaCy here, so that
everything that only reads an output folder (query, schema, export) starts fast."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dedupe import Signature

DOCUMENTS, EVENTS, ERRORS = "documents.jsonl", "events.jsonl", "errors.jsonl"
# One line per written document (exact hash and MinHash of its text): what rebuilds the duplicate
# index on a rerun.  Internal to presse, as the leading underscore says; readers ignore it.
SIGNATURES = "_dedupe.jsonl"
PARTS = "_parts"  # per-partition outputs of a Dask run, before the merge
LOCK = ".presse.lock"  # held by the run writing the folder
OUTPUT_FILES = (DOCUMENTS, EVENTS, ERRORS, SIGNATURES)


@dataclass
class Encoded:
    """One article's outcome as ready-to-write JSONL lines (what workers send back).

    `warnings` are error-record lines about an article that is written anyway."""
    source: str
    doc_id: str | None = None
    document: str | None = None
    events: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    signature: "Signature | None" = None
    error: str | None = None
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)
