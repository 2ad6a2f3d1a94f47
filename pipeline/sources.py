"""Readers: every input (HTML, text, JSONL, WARC, folders, stdin) becomes `RawArticle` records.

A reader never stops a batch: what it cannot read becomes an `ErrorRecord`
and the next article follows.  Readers know nothing of cleaning or spaCy.
"""
from __future__ import annotations

import glob
import gzip
import json
import mmap
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .records import ErrorRecord

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
WESTERN_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman"]
ALL_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


@dataclass
class RawArticle:
    """One article as read, before cleaning: either `html` or `text` is set."""
    source: str
    id: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    html: bytes | str | None = None
    text: str | None = None


class ReadError(ValueError):
    """An input that holds no readable article."""


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(ALL_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def expand_inputs(specs: Iterable[str]) -> Iterator[str]:
    """Paths named by the arguments, in a stable order: folders recursively, globs expanded, `-` kept."""
    for spec in specs:
        if spec == "-":
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _suffix(child) in ALL_SUFFIXES:
                    yield str(child)
        elif path.exists():
            yield str(path)
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield spec  # reported as a read error by read_path
            yield from (m for m in matches if Path(m).is_file())


def read_sources(specs: Iterable[str]) -> Iterator[RawArticle | ErrorRecord]:
    """All articles of all inputs, in order."""
    for path in expand_inputs(specs):
        yield from read_path(path)


def read_path(path: str) -> Iterator[RawArticle | ErrorRecord]:
    """The articles of one input path (or `-` for JSONL on stdin)."""
    if path == "-":
        yield from read_jsonl(sys.stdin.buffer, "-")
        return
    p = Path(path)
    try:
        if not p.is_file():
            raise FileNotFoundError(f"no such input file: {path}")
        suffix = _suffix(p)
        if suffix in JSONL_SUFFIXES:
            with p.open("rb") as f:
                yield from read_jsonl(f, path)
        elif suffix in WARC_SUFFIXES:
            yield from read_warc(path)
        elif suffix in HTML_SUFFIXES:
            yield RawArticle(source=path, html=_nonempty(p.read_bytes(), path))
        elif suffix in TEXT_SUFFIXES:
            yield RawArticle(source=path, text=decode_text(_nonempty(p.read_bytes(), path), path))
        else:
            raise ReadError(f"unsupported input type {suffix or '(none)'}: {path}")
    except Exception as exc:  # one bad input never stops the batch
        yield ErrorRecord.from_exception(path, "read", exc)


def _nonempty(data: bytes, source: str) -> bytes:
    if not data.strip():
        raise ReadError(f"empty file: {source}")
    return data


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer finds; binary is refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ReadError(f"binary content, not text: {source}")
    from charset_normalizer import from_bytes

    # French legacy text is Western European: prefer those code pages, then any.
    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best() or from_bytes(data).best()
    if best is None:
        raise ReadError(f"undecodable text (no encoding fits): {source}")
    return str(best)


def read_jsonl(stream: IO[bytes], source: str) -> Iterator[RawArticle | ErrorRecord]:
    """JSONL articles: `text` or `html`, optional `id`, `url`, `published`, `title`."""
    for number, line in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ReadError(f"line {number} is not a JSON object")
            text, html = obj.get("text"), obj.get("html")
            if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
                raise ReadError(f"line {number} has neither 'text' nor 'html'")
            yield RawArticle(
                source=where,
                id=str(obj["id"]) if obj.get("id") not in (None, "") else None,
                url=obj.get("url"),
                published=obj.get("published"),
                published_source="input" if obj.get("published") else None,
                title=obj.get("title"),
                html=html if not (isinstance(text, str) and text.strip()) else None,
                text=text if isinstance(text, str) and text.strip() else None,
            )
        except Exception as exc:
            yield ErrorRecord.from_exception(where, "read", exc)


def _whole_gzip_members(path: str, window: int = 1 << 20) -> tuple[set[int], bool] | None:
    """Start offsets of the gzip members that decompress to their end, and whether all do.

    A WARC.gz holds one record per member, so this tells exactly which records a
    truncated archive still has whole.  None for an archive that is not gzipped.
    The file is mapped, not read, and inflated a window at a time.
    """
    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return None
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            size, whole, offset = len(data), set(), 0
            while offset < size:
                inflater, pos = zlib.decompressobj(zlib.MAX_WBITS | 16), offset
                try:
                    while not inflater.eof and pos < size:
                        inflater.decompress(data[pos:pos + window])
                        pos += window
                except zlib.error:
                    return whole, False
                if not inflater.eof:
                    return whole, False
                whole.add(offset)
                offset = min(pos, size) - len(inflater.unused_data)
    return whole, True


def read_warc(path: str) -> Iterator[RawArticle | ErrorRecord]:
    """HTML response records of a WARC/ARC file (gzipped or not).

    warcio hands over a cut-off record as if it were whole, so the gzip members
    are checked first: a record that is not whole becomes an error record.
    """
    from warcio.archiveiterator import ArchiveIterator

    members = _whole_gzip_members(path)
    count = 0
    try:
        with open(path, "rb") as f:
            records = ArchiveIterator(f, arc2warc=True)
            for record in records:
                if record.rec_type != "response":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or "" if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                body = record.content_stream().read()
                offset = records.get_record_offset()  # reads the record to its end: after the body
                source = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or offset}"
                if members is not None and offset not in members[0]:
                    yield ErrorRecord(source=source, stage="read", error="TruncatedArchive",
                                      message=f"archive truncated or corrupt: record cut off after {count} whole records")
                    return
                if not body.strip():
                    yield ErrorRecord(source=source, stage="read", error="ReadError", message="empty HTTP response body")
                    continue
                count += 1
                date = record.rec_headers.get_header("WARC-Date")
                yield RawArticle(source=source, url=record.rec_headers.get_header("WARC-Target-URI"),
                                 published=date[:10] if date else None,
                                 published_source="warc" if date else None, html=body)
    except Exception as exc:
        yield ErrorRecord(source=path, stage="read", error=type(exc).__name__,
                          message=f"archive unreadable after {count} records: {exc}")
        return
    if members is not None and not members[1]:
        yield ErrorRecord(source=path, stage="read", error="TruncatedArchive",
                          message=f"archive truncated or corrupt: kept {count} whole records")
