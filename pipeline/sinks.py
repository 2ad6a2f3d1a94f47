"""JSONL writers that survive a kill at any moment, the resume index, and duplicate marking.

Each line goes out unbuffered, as a complete line, in input order.  For one
article its events go first, then its dedupe signature (`_dedupe.jsonl`), then
its document line: the document line is the commit mark.  On start,
`OutputDir.recover()` streams through the files, cuts a half-written last line,
drops events and signatures whose document never got written, and rebuilds the
index of what is done (doc ids, sources, error keys) and the duplicate index, so
a rerun completes the output with nothing lost and nothing twice.  Memory holds
the indexes, never the files.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path
from typing import Callable, Iterable

from .dedupe import Deduper, Signature, signature as text_signature
from .layout import DOCUMENTS, ERRORS, EVENTS, LOCK, OUTPUT_FILES, PARTS, SIGNATURES, Encoded

__all__ = ["DOCUMENTS", "ERRORS", "EVENTS", "PARTS", "SIGNATURES", "OutputDir", "OutputLocked", "repair"]

WRITTEN, DUPLICATE, SKIPPED, ERROR, KNOWN_ERROR = "written", "duplicate", "skipped", "error", "known_error"


def _dumps(obj: dict) -> str:
    """The same compact form as `Record.to_json`."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def mark_duplicate(line: str, original: str) -> str:
    """A document or event line with `duplicate_of` set, fields in their order."""
    obj = json.loads(line)
    obj["duplicate_of"] = original
    return _dumps(obj)


def repair(path: Path, keep: Callable[[dict], bool] = lambda obj: True,
           on_kept: Callable[[dict], None] = lambda obj: None) -> None:
    """Keep the whole, parseable lines that `keep` accepts; streams, and truncates when it can.

    A kill leaves at most a torn tail (and, for events and signatures, the lines
    of an uncommitted article at the end): cutting the file is enough.  Anything
    else is rewritten aside and renamed over the file.
    """
    if not path.exists():
        return
    cut, good_after_cut, offset = None, False, 0
    with path.open("rb") as f:
        for raw in f:
            obj = _parse(raw)
            good = obj is not None and keep(obj)
            if good:
                on_kept(obj)
                good_after_cut = good_after_cut or cut is not None
            elif cut is None:
                cut = offset
            offset += len(raw)
    if cut is None:
        return
    if not good_after_cut:
        with path.open("r+b") as f:
            f.truncate(cut)
            os.fsync(f.fileno())
        return
    tmp = path.with_suffix(path.suffix + ".tmp")
    with path.open("rb") as src, tmp.open("wb") as dst:
        for raw in src:
            obj = _parse(raw)
            if obj is not None and keep(obj):
                dst.write(raw)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)


def _parse(raw: bytes) -> dict | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


class OutputLocked(RuntimeError):
    """Another run is writing the output folder."""


class OutputDir:
    """The output files of a run, opened for appending, with the indexes that make reruns exact.

    The folder is locked (an advisory lock on `.presse.lock`, released by the
    system if the run dies) so that two runs never write it at once; all output
    files exist from the start, `errors.jsonl` empty when nothing failed.
    """

    def __init__(self, path: str | Path, *, force: bool = False, dedupe: bool = True):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock = self._acquire_lock()
        if force:
            for name in OUTPUT_FILES:
                (self.path / name).unlink(missing_ok=True)
            shutil.rmtree(self.path / PARTS, ignore_errors=True)
        self.done_ids: set[str] = set()
        self.done_sources: set[str] = set()
        self.error_keys: set[tuple] = set()
        self.deduper: Deduper | None = Deduper() if dedupe else None
        self._fds: dict[str, int] = {}
        self.recover()
        for name in (DOCUMENTS, EVENTS, ERRORS):
            self._open(name)

    def _acquire_lock(self) -> int:
        fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise OutputLocked(f"{self.path} is being written by another presse run (pid {holder}); "
                               "wait for it to finish or choose another --out") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return fd

    def recover(self) -> None:
        """Make the files consistent after a crash and rebuild the indexes from them."""
        def committed(doc: dict) -> None:
            self.done_ids.add(doc["doc_id"])
            self.done_sources.add(doc["source"])

        repair(self.path / DOCUMENTS, keep=lambda d: "doc_id" in d and "text" in d, on_kept=committed)
        repair(self.path / EVENTS, keep=lambda e: e.get("doc_id") in self.done_ids)
        signed: set[str] = set()

        def signed_doc(obj: dict) -> None:
            signed.add(obj["doc_id"])
            if self.deduper is not None:
                self.deduper.add(obj["doc_id"], Signature.from_json(obj), obj.get("duplicate_of"))

        repair(self.path / SIGNATURES, keep=lambda s: s.get("doc_id") in self.done_ids, on_kept=signed_doc)
        if self.deduper is not None and len(signed) < len(self.done_ids):
            self._sign_unsigned(signed)
        repair(self.path / ERRORS, on_kept=lambda e: self.error_keys.add(self._error_key(e)))

    def _sign_unsigned(self, signed: set[str]) -> None:
        """Documents written without a signature (an older run): sign them from their text, in order."""
        with (self.path / DOCUMENTS).open("rb") as f:
            for raw in f:
                doc = json.loads(raw)
                if doc["doc_id"] not in signed:
                    sig = text_signature(doc["text"])
                    self._write(SIGNATURES, _dumps({"doc_id": doc["doc_id"], "duplicate_of": doc.get("duplicate_of"),
                                                    **sig.to_json()}))
                    self.deduper.add(doc["doc_id"], sig, doc.get("duplicate_of"))

    @staticmethod
    def _error_key(error: dict) -> tuple:
        return error.get("source"), error.get("stage"), error.get("message")

    def _open(self, name: str) -> int:
        if name not in self._fds:
            self._fds[name] = os.open(self.path / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return self._fds[name]

    def _write(self, name: str, line: str) -> None:
        """Append one whole line with unbuffered `os.write`: what is written is in order on disk."""
        fd = self._open(name)
        data = memoryview((line + "\n").encode("utf-8"))
        while data:
            data = data[os.write(fd, data):]

    def _write_error(self, line: str) -> bool:
        """An error line unless an earlier run logged the same (source, stage, message)."""
        key = self._error_key(json.loads(line))
        if key in self.error_keys:
            return False
        self._write(ERRORS, line)
        self.error_keys.add(key)
        return True

    def is_done(self, source: str, doc_id: str | None) -> bool:
        """Already written: by input id, or by source position (not for stdin, whose lines change)."""
        return doc_id in self.done_ids or (source in self.done_sources and not source.startswith("-:"))

    def write(self, item: Encoded) -> str:
        """Write one article's outcome in commit order; say what became of it."""
        if item.error is not None:
            return ERROR if self._write_error(item.error) else KNOWN_ERROR
        if item.document is None or item.doc_id in self.done_ids:
            return SKIPPED
        original = None
        if self.deduper is not None:
            sig = item.signature or text_signature(json.loads(item.document)["text"])
            original = self.deduper.check(item.doc_id, sig)
        document, events = item.document, item.events
        if original is not None:
            document = mark_duplicate(document, original)
            events = [mark_duplicate(line, original) for line in events]
        for line in events:
            self._write(EVENTS, line)
        if self.deduper is not None:
            self._write(SIGNATURES, _dumps({"doc_id": item.doc_id, "duplicate_of": original, **sig.to_json()}))
        self._write(DOCUMENTS, document)
        self.done_ids.add(item.doc_id)
        for warning in item.warnings:
            self._write_error(warning)
        return DUPLICATE if original is not None else WRITTEN

    def write_article(self, document, events: Iterable, signature: Signature | None = None) -> bool:
        """Write one article from its records; False if it was already written."""
        events = list(events)
        item = Encoded(source=document.source, doc_id=document.doc_id, document=document.to_json(),
                       events=[e.to_json() for e in events], event_types=[e.type for e in events],
                       signature=signature)
        return self.write(item) in (WRITTEN, DUPLICATE)

    def write_error(self, error) -> bool:
        return self.write(Encoded(source=error.source, error=error.to_json())) == ERROR

    def close(self) -> None:
        for fd in self._fds.values():
            os.fsync(fd)
            os.close(fd)
        self._fds.clear()
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None

    def __enter__(self) -> "OutputDir":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
