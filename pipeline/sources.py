"""Readers: every input (HTML, text, JSONL, WARC, gzipped or not, folders, stdin) becomes `RawArticle` records.

A reader never stops a batch: what it cannot read becomes an `ErrorRecord`
and the next article follows.  Every path named or found in a folder gives at
least one record (broken links and unreadable folders included); what a reader
holds in memory is capped (`ReadOptions.max_payload_bytes`), decompression
included.  Readers know nothing of cleaning or spaCy.
"""
from __future__ import annotations

import codecs
import datetime
import glob
import gzip
import io
import json
import os
import re
import sys
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from .records import ErrorRecord

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
GZIP_SUFFIX = ".gz"
KINDS = {**{s: "html" for s in HTML_SUFFIXES}, **{s: "text" for s in TEXT_SUFFIXES},
         **{s: "jsonl" for s in JSONL_SUFFIXES}, **{s: "warc" for s in WARC_SUFFIXES}}
STDIN_FORMATS = ("jsonl", "html", "text")

# Share of control characters in a sampled window above which a payload is binary, not text.
MAX_CONTROL_SHARE = 0.05
SNIFF_WINDOW = 4096
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_AS_WINDOWS_1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "cp819",
                    "iso-ir-100"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.I,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_WARC_START = re.compile(rb"\r\n\r\n(WARC/1\.[01]\r\n)")


@dataclass
class ReadOptions:
    """How inputs are read: the memory cap per article, what stdin holds, JSONL field names."""
    max_payload_bytes: int = 64 << 20  # one page, text file, JSONL line or WARC record, decompressed
    stdin_format: str = "jsonl"
    text_key: str = "text"
    id_key: str = "id"


@dataclass
class RawArticle:
    """One article as read, before cleaning: either `html` or `text` is set.

    `origin` names the input independently of how the command line spelled its
    path (`canonical_name`), so that doc ids do not change with the spelling; `replaced`
    counts bytes that were not valid in the encoding the text was decoded with;
    `truncated` says the payload was cut at the reader's cap.
    """
    source: str
    id: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    html: str | None = None
    text: str | None = None
    origin: str | None = None
    replaced: int = 0
    truncated: bool = False


_URL_DATE = re.compile(r"/((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])(?:\2(0[1-9]|[12]\d|3[01]))?(?=[/-]|$)")


def url_date(url: str | None) -> str | None:
    """The date a press address files its article under ("/2022/08/23/", "/2019-03/"), as ISO
    (day or month), for an article with no date of its own: relative dates need an anchor."""
    found = _URL_DATE.search(url or "")
    if found is None:
        return None
    year, _, month, day = found.groups()
    try:
        datetime.date(int(year), int(month), int(day or 1))
    except ValueError:  # "/2023/02/30/"
        return None
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


class ReadError(ValueError):
    """An input that holds no readable article."""


def input_kind(path: str | Path) -> tuple[str | None, bool]:
    """What a file holds by its name ("html", "text", "jsonl", "warc" or None), and whether it is gzipped."""
    name = Path(path).name.lower()
    compressed = name.endswith(GZIP_SUFFIX)
    if compressed:
        name = name[: -len(GZIP_SUFFIX)]
    return KINDS.get(os.path.splitext(name)[1]), compressed


@dataclass
class InputScan:
    """What expanding the inputs met besides files to read: named paths that do not exist, files of
    a kind presse does not read (in folders; a file named on the command line is an error instead)."""
    missing: list[str] = field(default_factory=list)
    skipped: int = 0
    position: int = 0  # bytes of the inputs read so far (what an ETA in bytes counts)


def expand_inputs(specs: Iterable[str], scan: InputScan | None = None) -> Iterator[str]:
    """Paths named by the arguments, in a stable order: folders recursively, globs expanded, `-` kept.

    Broken or looping links and folders that cannot be listed are yielded too, so
    that reading them gives an error record: no input is dropped unseen.
    """
    scan = scan if scan is not None else InputScan()
    for spec in specs:
        if spec == "-":
            yield spec
        elif os.path.isdir(spec):
            yield from _walk(spec, scan)
        elif os.path.lexists(spec):
            yield spec
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                scan.missing.append(spec)
                yield spec  # reported as a read error by read_path
            for match in matches:
                yield from _walk(match, scan) if os.path.isdir(match) else (match,)


def _walk(top: str, scan: InputScan) -> Iterator[str]:
    """Files of a folder tree, links followed once each (a loop is walked once), sorted."""
    found: list[str] = []
    seen: set[str] = set()
    for folder, dirs, files in os.walk(top, onerror=lambda exc: found.append(exc.filename or top),
                                       followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        for name in files:
            path = os.path.join(folder, name)
            if input_kind(path)[0] is None and os.path.exists(path):
                scan.skipped += 1
            else:
                found.append(path)
    yield from sorted(set(found))


def canonical_name(path: str) -> str:
    """What a file's doc ids hash besides its text: its name once links and `..` are resolved, so
    neither the spelling of the path nor the folder the archive was unpacked in changes them."""
    return os.path.basename(os.path.realpath(path))


def read_sources(specs: Iterable[str], options: ReadOptions | None = None,
                 scan: InputScan | None = None) -> Iterator[RawArticle | ErrorRecord]:
    """All articles of all inputs, in order; `scan.position` follows the bytes read."""
    scan = scan if scan is not None else InputScan()
    for path in expand_inputs(specs, scan):
        base = scan.position

        def at(offset: int) -> None:
            scan.position = base + offset

        yield from read_path(path, options, at)
        try:
            scan.position = base + (os.path.getsize(path) if path != "-" else 0)
        except OSError:
            pass


def read_path(path: str, options: ReadOptions | None = None,
              at: Callable[[int], None] = lambda offset: None) -> Iterator[RawArticle | ErrorRecord]:
    """The articles of one input path (or `-` for stdin, in `options.stdin_format`); `at` is told
    the offset reached in the file after each article."""
    options = options or ReadOptions()
    try:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "-", options.stdin_format, options, origin="-")
            return
        kind, compressed = input_kind(path)
        _check_readable(path)
        origin = canonical_name(path)
        if kind is None:
            raise ReadError(f"unsupported input type {Path(path).suffix.lower() or '(none)'}: {path}")
        with open(path, "rb") as raw:
            if kind == "warc":
                items = read_warc(path, options, origin=origin, raw=raw)
            else:
                stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
                items = _read_stream(stream, path, kind, options, origin=origin)
            for item in items:
                at(raw.tell())
                yield item
    except Exception as exc:  # one bad input never stops the batch
        yield ErrorRecord.from_exception(path, "read", exc)


def _check_readable(path: str) -> None:
    if os.path.islink(path) and not os.path.exists(path):
        try:
            os.stat(path)
        except OSError as exc:
            raise ReadError(f"broken or looping symbolic link ({exc.strerror}): {path}") from None
    if os.path.isdir(path):
        os.listdir(path)  # the error that kept the walk out of it
        raise ReadError(f"folder could not be listed: {path}")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no such input file: {path}")


def _read_stream(stream: IO[bytes], source: str, kind: str, options: ReadOptions,
                 origin: str) -> Iterator[RawArticle | ErrorRecord]:
    if kind == "jsonl":
        yield from read_jsonl(stream, source, options, origin=origin)
        return
    data, truncated = read_capped(stream, options.max_payload_bytes)
    if not data.strip():
        raise ReadError(f"empty file: {source}")
    text, replaced = decode_bytes(data, html=kind == "html")
    check_not_binary(text, source)
    where = source if source != "-" else "-:1"
    if kind == "html":
        yield RawArticle(source=where, html=text, origin=origin, replaced=replaced, truncated=truncated)
    else:
        yield RawArticle(source=where, text=text, origin=origin, replaced=replaced, truncated=truncated)


def read_capped(stream: IO[bytes], cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes of a stream (decompressed as it is read), and whether there was more."""
    data = stream.read(cap)
    return data, bool(stream.read(1))


# -- decoding -------------------------------------------------------------------
def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, int]:
    """Text of bytes and how many bytes were replaced: BOM, UTF-8, the declared charset, cp1252.

    UTF-8 wins when its valid non-ASCII characters outnumber its bad bytes (a few
    stray cp1252 bytes in a UTF-8 file are replaced, not a reason to misread the
    whole text); a page's declared charset comes next, then windows-1252, the
    code page of French legacy text.  No detector: it may pick an exotic codec.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_counted(data[len(bom):], encoding)
    text, bad = _decode_counted(data, "utf-8")
    if not bad or bad <= sum(1 for c in text if c > "\x7f" and c != "\ufffd"):
        return text, bad
    declared = _META_CHARSET.search(data[:8192]) if html else None
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        label = "cp1252" if label in _AS_WINDOWS_1252 else label
        try:
            if codecs.lookup(label).name not in ("utf-8", "utf-16", "utf-32"):
                return _decode_counted(data, label)
        except LookupError:
            pass  # an unknown declaration: the fallback decides
    return _decode_counted(data, "cp1252")


def _decode_counted(data: bytes, encoding: str) -> tuple[str, int]:
    bad = 0

    def count(error: UnicodeDecodeError) -> tuple[str, int]:
        nonlocal bad
        bad += error.end - error.start
        return "\ufffd", error.end

    codecs.register_error("presse-count", count)  # registry keyed by name: the latest closure counts
    return data.decode(encoding, errors="presse-count"), bad


def decode_text(data: bytes, source: str) -> str:
    """Text of a file's bytes (see `decode_bytes`); binary content is refused."""
    text = decode_bytes(data)[0]
    check_not_binary(text, source)
    return text


def check_not_binary(text: str, source: str) -> None:
    """Refuse binary payloads (PDF, images, archives) even behind a text-looking head: windows
    at the start, middle and end are sampled."""
    if text.lstrip()[:5] == "%PDF-" or "\n%PDF-1." in text[:1 << 16]:
        raise ReadError(f"binary content (a PDF document), not text: {source}")
    step = max(len(text) // 2 - SNIFF_WINDOW // 2, 1)
    for start in sorted({0, step, max(len(text) - SNIFF_WINDOW, 0)}):
        window = text[start:start + SNIFF_WINDOW]
        junk = len(_CONTROLS.findall(window)) + window.count("\ufffd")
        if window and junk > MAX_CONTROL_SHARE * len(window):
            raise ReadError(f"binary content, not text ({junk} control bytes in {len(window)} at offset "
                            f"{start}): {source}")


# -- JSONL ------------------------------------------------------------------------
def read_jsonl(stream: IO[bytes], source: str, options: ReadOptions | None = None, origin: str | None = None,
               first_line: int = 1, end: int | None = None) -> Iterator[RawArticle | ErrorRecord]:
    """JSONL articles: `text` or `html` (the text field named by `options.text_key`), optional id
    (`options.id_key`), `url`, `published`, `title`.  A line over the cap is an error, not a stall.
    A byte range of a file is read from the stream's position to `end`, its first line `first_line`."""
    options = options or ReadOptions()
    origin = origin or source
    number = first_line - 1
    while end is None or stream.tell() < end:
        line = stream.readline(options.max_payload_bytes + 1)
        if not line:
            return
        number += 1
        where = f"{source}:{number}"
        if len(line) > options.max_payload_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield ErrorRecord(source=where, stage="read", error="ReadError",
                              message=f"line {number} is over {options.max_payload_bytes} bytes")
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_article(line, number, where, f"{origin}:{number}", options)
        except Exception as exc:
            yield ErrorRecord.from_exception(where, "read", exc)


def _jsonl_article(line: bytes, number: int, where: str, origin: str, options: ReadOptions) -> RawArticle:
    text_bytes, replaced = decode_bytes(line)
    obj = json.loads(text_bytes)
    if not isinstance(obj, dict):
        raise ReadError(f"line {number} is not a JSON object")
    text, html = obj.get(options.text_key), obj.get("html")
    has_text = isinstance(text, str) and bool(text.strip())
    if not has_text and not (isinstance(html, str) and html.strip()):
        raise ReadError(f"line {number} has neither {options.text_key!r} nor 'html'")
    ident = obj.get(options.id_key)
    return RawArticle(
        source=where,
        id=str(ident) if ident not in (None, "") else None,
        url=obj.get("url"),
        published=obj.get("published"),
        published_source="input" if obj.get("published") else None,
        title=obj.get("title"),
        html=None if has_text else html,
        text=text if has_text else None,
        origin=origin,
        replaced=replaced,
    )


# -- web archives -----------------------------------------------------------------
def read_warc(path: str, options: ReadOptions | None = None, origin: str | None = None,
              raw: IO[bytes] | None = None) -> Iterator[RawArticle | ErrorRecord]:
    """HTML response records of a WARC file (gzipped or not); ARC files through warcio's converter.

    A WARC record is checked against its own frame before it is parsed: each gzip
    member, or each stretch of a plain file between two record starts, holds one
    record whose Content-Length must match it.  A lying length, a cut member or a
    corrupt one becomes an error record for that record alone: it neither
    swallows its neighbour nor hands over half an article.
    """
    options = options or ReadOptions()
    if Path(path).name.lower().endswith((".arc", ".arc.gz")):
        yield from _read_arc(path, options, origin or path)
        return
    with open(path, "rb") if raw is None else nullcontext(raw) as f:
        gzipped = f.read(2) == b"\x1f\x8b"
        f.seek(0)
        segments = _gzip_members(f, options.max_payload_bytes) if gzipped else \
            _plain_segments(f, options.max_payload_bytes)
        count = 0
        for number, (data, whole, truncated, problem) in enumerate(segments, start=1):
            where = f"{path}#{number}"
            if problem:
                yield ErrorRecord(source=where, stage="read", error="TruncatedArchive",
                                  message=f"archive truncated or corrupt ({problem}): record cut off after "
                                          f"{count} whole records")
                return
            try:
                article = _warc_record(data, where, truncated, origin or path)
            except Exception as exc:
                yield ErrorRecord.from_exception(where, "read", exc)
                continue
            if article is not None:
                count += 1
                yield article


def _warc_record(data: bytes, where: str, truncated: bool, origin: str) -> RawArticle | None:
    """The article of one framed WARC record, None for records that are not HTML responses."""
    from warcio.archiveiterator import ArchiveIterator

    head_end = data.find(b"\r\n\r\n")
    if not data.startswith(b"WARC/") or head_end < 0:
        raise ReadError("not a WARC record (no WARC/1.x header)")
    declared = re.search(rb"\r\nContent-Length:\s*(\d+)", data[:head_end + 2], re.I)
    actual = len(data) - head_end - 4 - 4  # the block, without the record's closing CRLF CRLF
    if not truncated and (declared is None or int(declared.group(1)) != actual
                          or not data.endswith(b"\r\n\r\n")):
        said = declared.group(1).decode() if declared else "none"
        raise ReadError(f"WARC record's Content-Length ({said}) does not match its block ({actual} bytes)")
    record = next(iter(ArchiveIterator(io.BytesIO(data), arc2warc=True)), None)
    if record is None or record.rec_type != "response":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if "html" not in content_type.lower():
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    source = f"{where.rsplit('#', 1)[0]}#{record_id}" if record_id else where
    body = record.content_stream().read()
    if not body.strip():
        raise ReadError("empty HTTP response body")
    text, replaced = decode_bytes(body, html=True)
    check_not_binary(text, source)
    date = record.rec_headers.get_header("WARC-Date")
    return RawArticle(source=source, url=record.rec_headers.get_header("WARC-Target-URI"),
                      published=date[:10] if date else None, published_source="warc" if date else None,
                      html=text, origin=f"{origin}#{record_id or where}", replaced=replaced,
                      truncated=truncated)


def _gzip_members(f: IO[bytes], cap: int) -> Iterator[tuple[bytes, bool, bool, str | None]]:
    """(data, whole, truncated, problem) of each gzip member, inflated a piece at a time: at most
    `cap` bytes of one member are kept, the rest is inflated and dropped."""
    pending = b""
    while True:
        chunk = pending or f.read(1 << 20)
        pending = b""
        if not chunk:
            return
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        kept: list[bytes] = []
        size = 0
        while True:
            buffer = chunk
            try:
                while buffer and not inflater.eof:
                    piece = inflater.decompress(buffer, 1 << 20)
                    if size < cap:
                        kept.append(piece[: cap - size])
                    size += len(piece)
                    buffer = inflater.unconsumed_tail
            except zlib.error as exc:
                yield b"", False, False, f"corrupt gzip data: {exc}"
                return
            if inflater.eof:
                pending = inflater.unused_data
                yield b"".join(kept), True, size > cap, None
                break
            chunk = f.read(1 << 20)
            if not chunk:
                yield b"", False, False, "the last gzip member is cut off"
                return


def _plain_segments(f: IO[bytes], cap: int) -> Iterator[tuple[bytes, bool, bool, str | None]]:
    """The stretches of an uncompressed WARC between record starts (`WARC/1.x` after a blank line)."""
    block = 1 << 20
    buffer, kept_size, truncated, carry = bytearray(), 0, False, b""
    while True:
        chunk = f.read(block)
        data = carry + chunk
        starts = [m.start(1) for m in _WARC_START.finditer(data)] if data else []
        # A start found in the last few bytes may be incomplete: keep them for the next round.
        hold = 0 if not chunk else min(len(data), 16)
        cut = 0
        for start in starts:
            if start > len(data) - hold:
                break
            if start > 0 or buffer:
                buffer += data[cut:start]
                yield bytes(buffer[:cap]), True, len(buffer) > cap, None
                buffer = bytearray()
            cut = start
        buffer += data[cut:len(data) - hold]
        if len(buffer) > cap + block:  # a huge record: keep its head only
            del buffer[cap + 1:]
        carry = data[len(data) - hold:]
        if not chunk:
            if buffer.strip():
                yield bytes(buffer[:cap]), True, len(buffer) > cap, None
            return


def _read_arc(path: str, options: ReadOptions, origin: str) -> Iterator[RawArticle | ErrorRecord]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, arc2warc=True):
                if record.rec_type != "response":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "") \
                    if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                stream = record.content_stream()
                body, truncated = read_capped(stream, options.max_payload_bytes)
                count += 1
                source = f"{path}#{count}"
                text, replaced = decode_bytes(body, html=True)
                yield RawArticle(source=source, url=record.rec_headers.get_header("WARC-Target-URI"),
                                 html=text, origin=f"{origin}#{count}", replaced=replaced, truncated=truncated)
    except Exception as exc:
        yield ErrorRecord(source=path, stage="read", error=type(exc).__name__,
                          message=f"archive unreadable after {count} records: {exc}")
