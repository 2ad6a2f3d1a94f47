"""JSONL writers that survive a kill at any moment, and the index that lets a run resume.

Each line goes out unbuffered, as a complete line, in the order written.  For one article the
events are written before its document line: the document line is the commit
mark.  On start, `OutputDir.recover()` cuts a half-written last line, drops
events whose document never got written, and returns the documents already done,
so a rerun completes the output with nothing lost and nothing twice.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

DOCUMENTS, EVENTS, ERRORS = "documents.jsonl", "events.jsonl", "errors.jsonl"


def _complete_lines(path: Path) -> list[str]:
    """The lines of a JSONL file that are whole and parse, dropping a torn tail."""
    if not path.exists():
        return []
    lines = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.endswith("\n"):
                break
            try:
                json.loads(line)
            except ValueError:
                continue
            lines.append(line)
    return lines


def _rewrite(path: Path, lines: Iterable[str]) -> None:
    """Replace a file atomically (write aside, fsync, rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.writelines(lines)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class OutputDir:
    """The three output files of a run, opened for appending."""

    def __init__(self, path: str | Path, *, force: bool = False):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        if force:
            for name in (DOCUMENTS, EVENTS, ERRORS):
                (self.path / name).unlink(missing_ok=True)
        self.done_ids, self.error_keys = self.recover()
        self._fds: dict[str, int] = {}

    def recover(self) -> tuple[set[str], set[tuple]]:
        """Make the files consistent after a crash; return the committed doc ids and error keys."""
        docs = _complete_lines(self.path / DOCUMENTS)
        done = {json.loads(line)["doc_id"] for line in docs}
        events = [line for line in _complete_lines(self.path / EVENTS) if json.loads(line).get("doc_id") in done]
        errors = _complete_lines(self.path / ERRORS)
        for name, lines in ((DOCUMENTS, docs), (EVENTS, events), (ERRORS, errors)):
            target = self.path / name
            if target.exists() and target.read_text(encoding="utf-8", errors="replace") != "".join(lines):
                _rewrite(target, lines)
        keys = {self._error_key(json.loads(line)) for line in errors}
        return done, keys

    @staticmethod
    def _error_key(error: dict) -> tuple:
        return error.get("source"), error.get("stage"), error.get("message")

    def _write(self, name: str, line: str) -> None:
        """Append one whole line with unbuffered `os.write`: what is written is in order on disk."""
        if name not in self._fds:
            self._fds[name] = os.open(self.path / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        data = memoryview((line + "\n").encode("utf-8"))
        while data:
            data = data[os.write(self._fds[name], data):]

    def write_article(self, document, events: Iterable) -> bool:
        """Write one article's events, then its document (the commit mark); False if already done."""
        if document.doc_id in self.done_ids:
            return False
        for event in events:
            self._write(EVENTS, event.to_json())
        self._write(DOCUMENTS, document.to_json())
        self.done_ids.add(document.doc_id)
        return True

    def write_error(self, error) -> bool:
        key = self._error_key(error.model_dump())
        if key in self.error_keys:
            return False
        self._write(ERRORS, error.to_json())
        self.error_keys.add(key)
        return True

    def close(self) -> None:
        for fd in self._fds.values():
            os.fsync(fd)
            os.close(fd)
        self._fds.clear()

    def __enter__(self) -> "OutputDir":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
