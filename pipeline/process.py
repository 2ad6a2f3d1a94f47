"""The one pure step every engine runs: raw articles in, records out.

`Processor.process` cleans each article, runs the spaCy pipeline over a batch
with `nlp.pipe` inside `nlp.memory_zone()` (so the vocabulary and string store do
not grow over a long run), and turns each Doc into a `Document` and its `Event`s
before the zone closes.  Engines (local processes, Dask) only decide which
articles go to which `Processor`; `Result.encode` turns a result into the JSONL
lines that cross process boundaries.
"""
from __future__ import annotations

import itertools
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers doc._.published)
from .clean import Cleaned, clean_html, clean_text
from .dedupe import Signature, signature
from .records import ErrorRecord, stable_hash
from .sources import RawArticle
from .todoc import ArticleMeta, doc_to_records


def article_doc_id(text: str, origin: str) -> str:
    """Id of an article without input id: its normalised text and where it came from.

    The origin (URL, else path or path:line) keeps two editions of one story apart;
    they are then told to be duplicates by `dedupe`, not merged into one id.
    """
    return "h" + stable_hash(" ".join(text.split()), origin)


@dataclass
class Stats:
    """Where a worker's time went, and how much text it saw."""
    clean_s: float = 0.0
    nlp_s: float = 0.0
    records_s: float = 0.0
    tokens: int = 0
    load_s: float = 0.0  # building the pipeline (local workers; a Dask worker does it at setup)

    def add(self, other: "Stats") -> None:
        self.load_s += other.load_s
        self.clean_s += other.clean_s
        self.nlp_s += other.nlp_s
        self.records_s += other.records_s
        self.tokens += other.tokens


@dataclass
class Encoded:
    """One article's outcome as ready-to-write JSONL lines (what workers send back)."""
    source: str
    doc_id: str | None = None
    document: str | None = None
    events: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    signature: Signature | None = None
    error: str | None = None
    skipped: bool = False


@dataclass
class Result:
    """What one article gives: its document and events, or an error."""
    source: str
    document: object | None = None
    events: list = field(default_factory=list)
    error: ErrorRecord | None = None
    skipped: bool = False
    signature: Signature | None = None

    def encode(self) -> Encoded:
        if self.error is not None:
            return Encoded(source=self.source, error=self.error.to_json())
        if self.document is None:
            return Encoded(source=self.source, skipped=True)
        return Encoded(source=self.source, doc_id=self.document.doc_id, document=self.document.to_json(),
                       events=[e.to_json() for e in self.events], event_types=[e.type for e in self.events],
                       signature=self.signature)


def prepare(article: RawArticle) -> tuple[str, ArticleMeta]:
    """Clean an article and gather its metadata (input fields win over page metadata)."""
    if article.html is not None:
        cleaned = clean_html(article.html, url=article.url)
    else:
        cleaned = Cleaned(text=clean_text(article.text or ""))
    published, published_source = article.published, article.published_source
    if cleaned.published and published_source in (None, "warc"):
        published, published_source = cleaned.published, "metadata"
    meta = ArticleMeta(
        doc_id=article.id or article_doc_id(cleaned.text, article.url or article.source),
        source=article.source,
        published=published,
        published_source=published_source,
        title=article.title or cleaned.title,
        url=article.url or cleaned.url,
        author=cleaned.author,
        sitename=cleaned.sitename,
    )
    return cleaned.text, meta


class Processor:
    """Holds one loaded pipeline and turns raw articles into results, a memory zone at a time."""

    def __init__(self, nlp: Language, *, batch_size: int = 32, zone_size: int | None = None,
                 memory_zone: bool = True, signatures: bool = True):
        self.nlp = nlp
        self.batch_size = batch_size
        # Articles per memory zone: a zone forgets the words it added, so the next one adds them
        # again; several nlp.pipe batches per zone keep that cost small (measured ~3%; one batch per zone: ~10%).
        self.zone_size = zone_size or 4 * batch_size
        self.memory_zone = memory_zone
        self.signatures = signatures
        self.stats = Stats()

    def process(self, items: Iterable[RawArticle | ErrorRecord],
                skip: Callable[[str], bool] = lambda doc_id: False) -> Iterator[Result]:
        """Results in input order, a zone at a time; `skip(doc_id)` drops articles already written."""
        iterator = iter(items)
        while group := list(itertools.islice(iterator, self.zone_size)):
            with self.nlp.memory_zone() if self.memory_zone else nullcontext():
                results = self._group(group, skip)  # records are plain data: valid after the zone
            yield from results

    def _group(self, items: list, skip: Callable[[str], bool]) -> list[Result]:
        slots: list[Result] = []
        texts: list[str] = []
        metas: list[tuple[int, ArticleMeta]] = []
        started = time.perf_counter()
        for item in items:
            if isinstance(item, ErrorRecord):
                slots.append(Result(source=item.source, error=item))
                continue
            try:
                text, meta = prepare(item)
            except Exception as exc:
                slots.append(Result(source=item.source, error=ErrorRecord.from_exception(item.source, "clean", exc)))
                continue
            if skip(meta.doc_id):
                slots.append(Result(source=item.source, skipped=True))
                continue
            texts.append(text)
            metas.append((len(slots), meta))
            slots.append(Result(source=item.source))
        cleaned = time.perf_counter()
        records_s = 0.0
        for (slot, meta), doc in zip(metas, self._pipe(texts, [m for _, m in metas])):
            converting = time.perf_counter()
            if isinstance(doc, ErrorRecord):
                slots[slot].error = doc
                continue
            try:
                slots[slot].document, slots[slot].events = doc_to_records(doc, meta)
            except Exception as exc:
                slots[slot].error = ErrorRecord.from_exception(meta.source, "nlp", exc)
                continue
            self.stats.tokens += len(doc)
            if self.signatures:
                slots[slot].signature = signature(doc.text)
            records_s += time.perf_counter() - converting
        self.stats.clean_s += cleaned - started
        self.stats.nlp_s += time.perf_counter() - cleaned - records_s
        self.stats.records_s += records_s
        return slots

    def _doc(self, text: str, meta: ArticleMeta) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.published = meta.published
        return doc

    def _pipe(self, texts: list[str], metas: list[ArticleMeta]) -> Iterator[Doc | ErrorRecord]:
        """Docs streamed from `nlp.pipe`; if one breaks a component, the rest go one at a time."""
        done = 0
        try:
            for doc in self.nlp.pipe((self._doc(t, m) for t, m in zip(texts, metas)), batch_size=self.batch_size):
                done += 1
                yield doc
            return
        except Exception:
            pass
        for text, meta in zip(texts[done:], metas[done:]):
            try:
                yield self.nlp(self._doc(text, meta))
            except Exception as exc:
                yield ErrorRecord.from_exception(meta.source, "nlp", exc)
