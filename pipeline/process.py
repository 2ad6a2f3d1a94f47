"""The one pure step every engine runs: raw articles in, records out.

`Processor.process` cleans each article, runs the spaCy pipeline over a batch
with `nlp.pipe` inside `nlp.memory_zone()` (so the vocabulary and string store do
not grow over a long run), and turns each Doc into a `Document` and its `Event`s
before the zone closes.  A Processor's first group runs outside a zone: spaCy's
tokenizer caches nothing inside one, so without that every later word would be
split by its affix rules again (tokenizing took 1.7x as long); the words of that one
group stay, the cache is capped by the tokenizer (10,000 entries), memory stays flat.  Bounded work per article: text over `max_bytes` is cut
at a paragraph (the document says `truncated`, a warning record says where), and
text over `part_chars` is processed in parts split at paragraphs, whose records
are mapped back into the one document.  Engines (local processes, Dask) only
decide which articles go to which `Processor`; `Result.encode` turns a result
into the JSONL lines that cross process boundaries.
"""
from __future__ import annotations

import itertools
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers doc._.published)
from .clean import Cleaned, clean_html, clean_text
from .dedupe import Signature, signature
from .layout import Encoded
from .progress import Stats
from .records import ArticleMeta, Document, ErrorRecord, stable_hash
from .sources import RawArticle, url_date
from .todoc import doc_to_records, merge_parts

# Hard cap on an article's text (UTF-8 bytes): beyond it the text is cut at a paragraph.
MAX_BYTES = 1_000_000
# Text longer than this goes through the pipeline in parts cut at paragraphs: spaCy refuses text
# over nlp.max_length, and a part's cost stays that of an ordinary long article.
PART_CHARS = 100_000
# Characters parsed in one nlp.pipe batch at most: memory follows the batch's text, not its doc count.
BATCH_CHARS = 200_000


def article_doc_id(text: str, origin: str) -> str:
    """Id of an article without input id: its normalised text and where it came from.

    The origin (URL, else the file's canonical name, with :line or #record) keeps two editions of one
    story apart; they are then told to be duplicates by `dedupe`, not merged into one id.
    """
    return "h" + stable_hash(" ".join(text.split()), origin)


@dataclass
class Result:
    """What one article gives: its document and events, or an error; warnings either way."""
    source: str
    document: Document | None = None
    events: list = field(default_factory=list)
    error: ErrorRecord | None = None
    skipped: bool = False
    signature: Signature | None = None
    warnings: list[ErrorRecord] = field(default_factory=list)

    def encode(self) -> Encoded:
        if self.error is not None:
            return Encoded(source=self.source, error=self.error.to_json())
        if self.document is None:
            return Encoded(source=self.source, skipped=True)
        return Encoded(source=self.source, doc_id=self.document.doc_id, document=self.document.to_json(),
                       events=[e.to_json() for e in self.events], event_types=[e.type for e in self.events],
                       signature=self.signature, warnings=[w.to_json() for w in self.warnings])


def cut_at_paragraph(text: str, max_bytes: int) -> str:
    """The longest prefix of whole paragraphs within `max_bytes` UTF-8 bytes (else of whole words)."""
    head = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    for separator in ("\n\n", "\n", " "):
        cut = head.rfind(separator)
        if cut > 0:
            return head[:cut].rstrip()
    return head


def split_parts(text: str, part_chars: int) -> list[tuple[int, str]]:
    """(offset, part) of consecutive parts of at most `part_chars` characters, cut at paragraphs
    (a longer paragraph at a sentence end, else a space); the separators belong to no part."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > part_chars:
        window = text[start:start + part_chars]
        for separator in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(separator)
            if cut > 0:
                end = start + cut + (1 if separator == ". " else 0)
                break
        else:
            end = start + part_chars
        parts.append((start, text[start:end]))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        parts.append((start, text[start:]))
    return parts


def prepare(article: RawArticle, max_bytes: int = MAX_BYTES) -> tuple[str, ArticleMeta, list[ErrorRecord]]:
    """Clean an article and gather its metadata (input fields win over page metadata); warnings
    say where it was cut."""
    if article.html is not None:
        cleaned = clean_html(article.html, url=article.url)
    else:
        cleaned = Cleaned(text=clean_text(article.text or ""))
    warnings: list[ErrorRecord] = []
    text = cleaned.text
    if article.truncated:
        warnings.append(ErrorRecord(source=article.source, stage="read", error="Truncated", level="warning",
                                    message="input over the reader's size cap: only its beginning was read"))
    if len(text) > max_bytes // 4 and len(text.encode("utf-8")) > max_bytes:
        size = len(text.encode("utf-8"))
        text = cut_at_paragraph(text, max_bytes)
        warnings.append(ErrorRecord(source=article.source, stage="clean", error="Truncated", level="warning",
                                    message=f"text of {size} bytes cut at {len(text.encode('utf-8'))} "
                                            f"(--max-bytes {max_bytes})"))
    published, published_source = article.published, article.published_source
    if cleaned.published and published_source in (None, "warc"):
        published, published_source = cleaned.published, "metadata"
    if published is None and (published := url_date(article.url or cleaned.url)):
        published_source = "url"
    meta = ArticleMeta(
        doc_id=article.id or article_doc_id(text, article.url or article.origin or article.source),
        source=article.source,
        published=published,
        published_source=published_source,
        title=article.title or cleaned.title,
        url=article.url or cleaned.url,
        author=cleaned.author,
        sitename=cleaned.sitename,
        truncated=bool(warnings),
        replaced_bytes=article.replaced,
    )
    return text, meta, warnings


class Processor:
    """Holds one loaded pipeline and turns raw articles into results, a memory zone at a time.

    `heartbeat` is called after each article cleaned and each part parsed: a
    worker tells its parent that it is alive and busy.
    """

    def __init__(self, nlp: Language, *, batch_size: int = 32, zone_size: int | None = None,
                 memory_zone: bool = True, signatures: bool = True, max_bytes: int = MAX_BYTES,
                 part_chars: int = PART_CHARS, heartbeat: Callable[[], None] = lambda: None):
        self.nlp = nlp
        self.batch_size = batch_size
        # Articles per memory zone: a zone forgets the words it added, so the next one adds them
        # again; several nlp.pipe batches per zone keep that cost small (measured ~3%; one batch per zone: ~10%).
        self.zone_size = zone_size or 4 * batch_size
        self.memory_zone = memory_zone
        self.signatures = signatures
        self.max_bytes = max_bytes
        self.part_chars = min(part_chars, nlp.max_length)
        self.heartbeat = heartbeat
        self.stats = Stats()
        self.warm = False  # whether a first group, outside a zone, has filled the tokenizer's cache

    def process(self, items: Iterable[RawArticle | ErrorRecord],
                skip: Callable[[str], bool] = lambda doc_id: False) -> Iterator[Result]:
        """Results in input order, each as soon as it and those before it are done; `skip(doc_id)`
        drops articles already written."""
        iterator = iter(items)
        while group := list(itertools.islice(iterator, self.zone_size)):
            with self.nlp.memory_zone() if self.memory_zone and self.warm else nullcontext():
                yield from self._group(group, skip)  # records are plain data: valid after the zone
            self.warm = True

    def _group(self, items: list, skip: Callable[[str], bool]) -> Iterator[Result]:
        slots: list[Result] = []
        parts: list[tuple[int, int, ArticleMeta, str]] = []  # slot, offset, meta, text of each part
        texts: dict[int, str] = {}
        started = time.perf_counter()
        for item in items:
            if isinstance(item, ErrorRecord):
                slots.append(Result(source=item.source, error=item))
                continue
            try:
                text, meta, warnings = prepare(item, self.max_bytes)
            except Exception as exc:
                slots.append(Result(source=item.source, error=ErrorRecord.from_exception(item.source, "clean", exc)))
                continue
            finally:
                self.heartbeat()
            if skip(meta.doc_id):
                slots.append(Result(source=item.source, skipped=True))
                continue
            texts[len(slots)] = text
            parts.extend((len(slots), offset, meta, part) for offset, part in split_parts(text, self.part_chars))
            slots.append(Result(source=item.source, warnings=warnings))
        cleaned = time.perf_counter()
        self.stats.clean_s += cleaned - started
        records_s, ready = 0.0, 0
        pending: dict[int, list] = {}
        left = Counter(slot for slot, *_ in parts)
        for (slot, offset, meta, part), doc in zip(parts, self._pipe([(p[3], p[2]) for p in parts])):
            self.heartbeat()
            converting = time.perf_counter()
            result = slots[slot]
            if isinstance(doc, ErrorRecord):
                result.error = result.error or doc
            elif result.error is None:
                try:
                    done_parts = pending.setdefault(slot, [])
                    events_before = sum(len(events) for _, events in done_parts)
                    done_parts.append(doc_to_records(doc, meta, text=part, offset=offset,
                                                     first_position=events_before))
                    self.stats.tokens += len(doc)
                except Exception as exc:
                    result.error = ErrorRecord.from_exception(meta.source, "nlp", exc)
            left[slot] -= 1
            if left[slot] == 0:
                done_parts = pending.pop(slot, [])
                if result.error is None:
                    result.document, result.events = merge_parts(done_parts, texts[slot])
                    if self.signatures:
                        result.signature = signature(texts[slot])
            records_s += time.perf_counter() - converting
            while ready < len(slots) and (ready not in left or left[ready] == 0):
                yield slots[ready]
                ready += 1
        self.stats.nlp_s += time.perf_counter() - cleaned - records_s
        self.stats.records_s += records_s
        yield from slots[ready:]

    def _doc(self, text: str, meta: ArticleMeta) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.published = meta.published
        doc._.url = meta.url
        return doc

    def _pipe(self, parts: list[tuple[str, ArticleMeta]]) -> Iterator[Doc | ErrorRecord]:
        """Docs streamed from `nlp.pipe`, a batch of at most `batch_size` docs and `BATCH_CHARS`
        characters at a time (the parts of a long text are not parsed all at once); if one breaks a
        component, the rest of its batch go one at a time."""
        batch: list[tuple[str, ArticleMeta]] = []
        size = 0
        for part in parts:
            if batch and (len(batch) >= self.batch_size or size + len(part[0]) > BATCH_CHARS):
                yield from self._pipe_batch(batch)
                batch, size = [], 0
            batch.append(part)
            size += len(part[0])
        if batch:
            yield from self._pipe_batch(batch)

    def _pipe_batch(self, parts: list[tuple[str, ArticleMeta]]) -> Iterator[Doc | ErrorRecord]:
        done = 0
        try:
            for doc in self.nlp.pipe((self._doc(t, m) for t, m in parts), batch_size=self.batch_size):
                done += 1
                yield doc
            return
        except Exception:
            pass
        for text, meta in parts[done:]:
            try:
                yield self.nlp(self._doc(text, meta))
            except Exception as exc:
                yield ErrorRecord.from_exception(meta.source, "nlp", exc)
