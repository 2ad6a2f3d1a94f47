"""The one pure step every engine runs: raw articles in, records out.

`Processor.process` cleans each article, runs the spaCy pipeline over the batch
with `nlp.pipe`, and turns each Doc into a `Document` and its `Event`s.  Engines
(local processes, Dask) only decide which articles go to which `Processor`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers doc._.published)
from .clean import Cleaned, clean_html, clean_text
from .records import ErrorRecord, content_doc_id
from .sources import RawArticle
from .todoc import ArticleMeta, doc_to_records


@dataclass
class Result:
    """What one article gives: its document and events, or an error."""
    source: str
    document: object | None = None
    events: list = field(default_factory=list)
    error: ErrorRecord | None = None
    skipped: bool = False


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
        doc_id=article.id or content_doc_id(cleaned.text),
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
    """Holds one loaded pipeline and turns batches of raw articles into results."""

    def __init__(self, nlp: Language, *, batch_size: int = 32):
        self.nlp = nlp
        self.batch_size = batch_size

    def process(self, items: Iterable[RawArticle | ErrorRecord],
                skip: Callable[[str], bool] = lambda doc_id: False) -> Iterator[Result]:
        """Results in input order; `skip(doc_id)` drops articles already written (resume)."""
        items = list(items)
        slots: list[Result] = []
        docs: list[Doc] = []
        metas: list[tuple[int, ArticleMeta]] = []
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
            doc = self.nlp.make_doc(text)
            doc._.published = meta.published
            docs.append(doc)
            metas.append((len(slots), meta))
            slots.append(Result(source=item.source))
        for (slot, meta), doc in zip(metas, self._pipe(docs, [m for _, m in metas])):
            if isinstance(doc, ErrorRecord):
                slots[slot].error = doc
            else:
                slots[slot].document, slots[slot].events = doc_to_records(doc, meta)
        yield from slots

    def _pipe(self, docs: list[Doc], metas: list[ArticleMeta]) -> Iterator[Doc | ErrorRecord]:
        """`nlp.pipe` over the batch; if one doc breaks a component, redo the batch one doc at a time."""
        try:
            yield from list(self.nlp.pipe(docs, batch_size=self.batch_size))
            return
        except Exception:
            pass
        for doc, meta in zip(docs, metas):
            try:
                yield self.nlp(doc)
            except Exception as exc:
                yield ErrorRecord.from_exception(meta.source, "nlp", exc)
