"""Engines decide where articles are processed; all of them run `Processor.process`.

The local engine reads inputs in the parent, sends chunks to worker processes
(each loads the pipeline once) and writes results in input order, so the output
is the same whatever the number of workers.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .process import Processor, Result
from .sinks import OutputDir
from .sources import read_sources


@dataclass
class Summary:
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    events: dict[str, int] = field(default_factory=dict)

    def add(self, result: Result, written: bool) -> None:
        if result.error is not None:
            self.errors += 1
        elif result.skipped or not written:
            self.skipped += 1
        else:
            self.articles += 1
            for event in result.events:
                self.events[event.type] = self.events.get(event.type, 0) + 1


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# -- worker side ---------------------------------------------------------------
_WORKER: dict = {}


def _init_worker(components: list[str] | None, batch_size: int, done_ids: frozenset[str]) -> None:
    from .nlp import build_nlp

    _WORKER["processor"] = Processor(build_nlp(components=components), batch_size=batch_size)
    _WORKER["done"] = done_ids


def _process_chunk(chunk: list) -> list[Result]:
    done = _WORKER["done"]
    return list(_WORKER["processor"].process(chunk, skip=done.__contains__))


# -- parent side ---------------------------------------------------------------
def write_result(out: OutputDir, result: Result, summary: Summary) -> None:
    written = False
    if result.error is not None:
        out.write_error(result.error)
    elif result.document is not None:
        written = out.write_article(result.document, result.events)
    summary.add(result, written)


def run_local(specs: Iterable[str], out: OutputDir, *, workers: int = 1, batch_size: int = 32,
              chunk_size: int = 64, components: list[str] | None = None,
              on_result: Callable[[Result], None] = lambda r: None) -> Summary:
    """Process all inputs into `out`, with `workers` processes (1: in this process)."""
    summary = Summary()
    chunks = chunked(read_sources(specs), chunk_size)
    done = frozenset(out.done_ids)
    if workers <= 1:
        _init_worker(components, batch_size, done)
        results = itertools.chain.from_iterable(map(_process_chunk, chunks))
        for result in results:
            write_result(out, result, summary)
            on_result(result)
        return summary
    context = mp.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(components, batch_size, done)) as pool:
        for chunk_results in pool.imap(_process_chunk, chunks):
            for result in chunk_results:
                write_result(out, result, summary)
                on_result(result)
    return summary
