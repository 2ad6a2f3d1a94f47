"""What every engine shares: the limits of one article's work, what an earlier run did, the unit of work."""
from __future__ import annotations

import dataclasses
import itertools
import os
import resource
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..layout import Encoded
from ..progress import Progress, Stats, Summary
from ..records import ErrorRecord
from ..sinks import OutputDir
from ..sources import RawArticle

if TYPE_CHECKING:
    from ..process import Processor


class RunError(RuntimeError):
    """The run itself cannot go on (the pipeline does not load in a worker)."""


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb(pid: int) -> float:
    """Current resident memory of a process (Linux), 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError):
        return 0.0


@dataclass(frozen=True)
class Limits:
    """What bounds one article's work: seconds a worker may stay silent on it, a worker's memory,
    the size of its text (cut beyond), the size of the parts long texts are parsed in."""
    article_timeout: float | None = 120.0
    max_worker_memory_mb: float | None = None
    max_bytes: int | None = None
    part_chars: int | None = None
    load_timeout: float = 900.0  # building the pipeline in a fresh worker


@dataclass(frozen=True)
class Done:
    """What an earlier run already wrote: articles with these ids or sources are skipped."""
    ids: frozenset = frozenset()
    sources: frozenset = frozenset()

    @classmethod
    def of(cls, out: OutputDir) -> "Done":
        return cls(frozenset(out.done_ids), frozenset(s for s in out.done_sources if not s.startswith("-:")))

    def before_cleaning(self, item: RawArticle | ErrorRecord) -> bool:
        return isinstance(item, RawArticle) and (item.id in self.ids or item.source in self.sources)


def process_chunk(processor: "Processor", chunk: list, done: Done) -> tuple[list[Encoded], Stats]:
    """Encoded results of one chunk, in order, and the time it took (the unit of work of Dask tasks
    and of the in-process engine)."""
    before = dataclasses.replace(processor.stats)
    todo = [item for item in chunk if not done.before_cleaning(item)]
    results = iter(processor.process(todo, skip=done.ids.__contains__))
    encoded = [Encoded(source=item.source, skipped=True) if done.before_cleaning(item) else next(results).encode()
               for item in chunk]
    next(results, None)  # the generator's end, where it adds the last group's times to the stats
    after = processor.stats
    delta = Stats(after.clean_s - before.clean_s, after.nlp_s - before.nlp_s,
                  after.records_s - before.records_s, after.tokens - before.tokens)
    return encoded, delta


def build_processor(components: list[str] | None, batch_size: int, limits: Limits,
                    heartbeat: Callable[[], None] = lambda: None) -> "Processor":
    from ..nlp import build_nlp
    from ..process import MAX_BYTES, PART_CHARS, Processor

    return Processor(build_nlp(components=components), batch_size=batch_size,
                     max_bytes=limits.max_bytes or MAX_BYTES, part_chars=limits.part_chars or PART_CHARS,
                     heartbeat=heartbeat)


def write_result(out: OutputDir, item: Encoded, summary: Summary, progress: Progress | None,
           on_result: Callable[[Encoded], None]) -> None:
    summary.add(item, out.write(item))
    on_result(item)
    if progress is not None:
        progress.update(summary)
