"""The local engine: worker processes on pipes, watched by the parent (see the package docstring)."""
from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from . import IMPORTED
from ..layout import Encoded
from ..progress import Progress, Stats, Summary
from ..records import ErrorRecord
from ..sinks import OutputDir
from ..sources import InputScan, ReadOptions, read_sources
from .base import Done, Limits, RunError, build_processor, chunked, peak_rss_mb, process_chunk, rss_mb, write_result

HEARTBEAT_S = 1.0
STATS_WAIT_S = 10.0  # at the end of a run, for the stats a worker sends after its last results


def _worker_main(conn, components: list[str] | None, batch_size: int, limits: Limits, done_ids: frozenset) -> None:
    """A worker: build the pipeline, then answer tasks with one message per article."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a run stops
    last = [time.monotonic()]

    def heartbeat() -> None:
        if time.monotonic() - last[0] >= HEARTBEAT_S:
            last[0] = time.monotonic()
            conn.send(("alive",))

    try:
        processor = build_processor(components, batch_size, limits, heartbeat)
    except BaseException:
        conn.send(("fatal", traceback.format_exc()))
        return
    conn.send(("ready", time.perf_counter() - IMPORTED))
    while (task := conn.recv()) is not None:
        before = dataclasses.replace(processor.stats)
        seqs = [seq for seq, _ in task]
        # strict: once the last result is sent, the generator runs to its end, where it adds its times to the stats
        for seq, result in zip(seqs, processor.process([item for _, item in task], skip=done_ids.__contains__),
                               strict=True):
            conn.send(("result", seq, result.encode()))
            last[0] = time.monotonic()
        after = processor.stats
        conn.send(("stats", Stats(after.clean_s - before.clean_s, after.nlp_s - before.nlp_s,
                                  after.records_s - before.records_s, after.tokens - before.tokens),
                   peak_rss_mb()))


# -- local engine: parent side --------------------------------------------------
@dataclass
class Worker:
    process: mp.Process
    conn: object
    name: str
    started: float = field(default_factory=time.monotonic)
    last_seen: float = field(default_factory=time.monotonic)
    ready: bool = False
    load_s: float = 0.0
    held: dict = field(default_factory=dict)  # seq -> raw article sent and not answered
    tasks: int = 0  # tasks sent and not finished
    alone: bool = False  # its tasks are single suspects: a death there is the article's


class Pool:
    """Worker processes fed one task at a time each, watched by the parent."""

    def __init__(self, size: int, components: list[str] | None, batch_size: int, limits: Limits, done: Done,
                 progress: Progress | None):
        self.size, self.components, self.batch_size = size, components, batch_size
        self.limits, self.done, self.progress = limits, done, progress
        self.context = mp.get_context("spawn")
        self.workers: list[Worker] = []
        self.suspects: deque = deque()  # (seq, article) to retry alone
        self.replaced = 0
        self.load_deaths = 0  # workers killed before they were ready: one may be chance, each of them is not

    def start(self) -> None:
        while len(self.workers) < self.size:
            parent, child = self.context.Pipe()
            process = self.context.Process(target=_worker_main, daemon=True,
                                           args=(child, self.components, self.batch_size, self.limits,
                                                 self.done.ids))
            process.start()
            child.close()
            self.workers.append(Worker(process, parent, f"local-{process.pid}"))

    def idle(self) -> list[Worker]:
        """Loaded workers with no task: a worker gets its next task only when it waits for one, so
        neither side can block the other on a full pipe."""
        return [w for w in self.workers if w.ready and not w.tasks]

    def send(self, worker: Worker, task: list, alone: bool = False) -> None:
        worker.last_seen = time.monotonic()
        worker.held.update(task)
        worker.tasks += 1
        worker.alone = alone
        try:
            worker.conn.send(task)
        except (BrokenPipeError, OSError):
            pass  # its death is seen by the next poll

    def poll(self, timeout: float) -> Iterator[tuple]:
        """Messages of the workers: ("result", seq, encoded), ("stats", worker, stats, rss); a worker
        that died, timed out or grew too big is replaced, its articles retried or given an error."""
        conns = {w.conn: w for w in self.workers}
        sentinels = {w.process.sentinel: w for w in self.workers}
        for ready in wait(list(conns) + list(sentinels), timeout):
            worker = conns.get(ready) or sentinels.get(ready)
            if worker not in self.workers:
                continue
            if ready in conns:
                try:
                    while worker.conn.poll():
                        yield from self._message(worker, worker.conn.recv())
                    continue
                except (EOFError, OSError):
                    pass
            yield from self._lost(worker, self._death(worker))
        now = time.monotonic()
        for worker in list(self.workers):
            reason = None
            if not worker.ready and now - worker.started > self.limits.load_timeout:
                raise RunError(f"a worker did not load the pipeline in {self.limits.load_timeout:.0f} s")
            if worker.ready and worker.held and self.limits.article_timeout and \
                    now - worker.last_seen > self.limits.article_timeout:
                reason = f"over the time budget: no result in {self.limits.article_timeout:g} s (--article-timeout)"
            elif self.limits.max_worker_memory_mb and rss_mb(worker.process.pid) > self.limits.max_worker_memory_mb:
                reason = f"worker memory over {self.limits.max_worker_memory_mb:g} MB (--max-worker-memory)"
            if reason:
                worker.process.kill()
                worker.process.join()
                yield from self._lost(worker, reason)

    def _message(self, worker: Worker, message: tuple) -> Iterator[tuple]:
        worker.last_seen = time.monotonic()
        kind = message[0]
        if kind == "fatal":
            raise RunError(f"a worker could not build the pipeline:\n{message[1]}")
        if kind == "ready":
            worker.ready, worker.load_s = True, message[1]
        elif kind == "result":
            worker.held.pop(message[1], None)
            yield "result", message[1], message[2]
        elif kind == "stats":
            worker.tasks -= 1
            stats = message[1]
            stats.load_s, worker.load_s = worker.load_s, 0.0
            yield "stats", worker.name, stats, message[2]

    def _death(self, worker: Worker) -> str:
        worker.process.join(5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return f"worker killed by signal {signal.Signals(-code).name}"
        return f"worker ended unexpectedly (exit status {code})"

    def _lost(self, worker: Worker, reason: str) -> Iterator[tuple]:
        """A worker gone: its held articles retried alone, or an error for the article that was alone."""
        self.workers.remove(worker)
        worker.conn.close()
        self.replaced += 1
        if not worker.ready and not worker.held:
            # A worker killed from outside while loading is replaced like any other; when every
            # replacement dies the same way (a memory ceiling under the model's size), the run stops.
            self.load_deaths += 1
            if self.load_deaths > self.size:
                raise RunError(f"workers keep dying while loading the pipeline ({reason})")
            return
        if worker.alone:
            for seq, article in worker.held.items():
                error = ErrorRecord(source=article.source, stage="nlp", error="WorkerLost",
                                    message=f"article abandoned: {reason}")
                yield "result", seq, Encoded(source=article.source, error=error.to_json())
        else:
            self.suspects.extend(sorted(worker.held.items(), key=lambda pair: pair[0]))

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for worker in self.workers:
            worker.process.join(10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()


def run_local(specs: Iterable[str], out: OutputDir, *, workers: int = 1, batch_size: int = 32,
              chunk_size: int | None = None, components: list[str] | None = None,
              progress: Progress | None = None, isolate: bool | None = None, limits: Limits = Limits(),
              options: ReadOptions | None = None, scan: InputScan | None = None,
              on_result: Callable[[Encoded], None] = lambda r: None) -> Summary:
    """Process all inputs into `out` with `workers` worker processes; `isolate=False` (the default
    for one worker in a library call) runs in this process, without time or memory guards."""
    summary = Summary()
    scan = scan if scan is not None else InputScan()
    done = Done.of(out)
    items = read_sources(specs, options, scan)
    task_size = chunk_size or 4 * batch_size  # one task = one memory zone of the worker
    if isolate is False or (isolate is None and workers <= 1):
        _run_in_process(items, out, summary, done, components, batch_size, task_size, limits, progress, on_result)
    else:
        _run_pool(items, out, summary, done, max(workers, 1), components, batch_size, task_size, limits,
                  progress, on_result)
    summary.files_skipped = scan.skipped
    summary.missing = list(scan.missing)
    return summary.finish()


def _run_in_process(items, out, summary, done, components, batch_size, task_size, limits, progress, on_result):
    processor = None
    for chunk in chunked(items, task_size):
        if processor is None and not all(done.before_cleaning(i) or isinstance(i, ErrorRecord) for i in chunk):
            if progress is not None:
                progress.status("loading the model")
            started = time.perf_counter()
            processor = build_processor(components, batch_size, limits)
            summary.stats.load_s += time.perf_counter() - started
        if processor is None:
            encoded = [Encoded(source=i.source, error=i.to_json()) if isinstance(i, ErrorRecord)
                       else Encoded(source=i.source, skipped=True) for i in chunk]
            stats = Stats()
        else:
            encoded, stats = process_chunk(processor, chunk, done)
        for item in encoded:
            write_result(out, item, summary, progress, on_result)
        if processor is not None:
            summary.add_worker(f"local-{os.getpid()}", stats, peak_rss_mb())


def _run_pool(items, out, summary, done, workers, components, batch_size, task_size, limits, progress, on_result):
    """Feed the pool, write results in input order as they come: at most a few tasks per worker
    in flight, so the parent holds a bounded number of articles."""
    pool = Pool(workers, components, batch_size, limits, done, progress)
    numbered = enumerate(items)
    results: dict[int, Encoded] = {}
    pending: deque = deque()  # tasks read and not yet sent
    next_write, read_all, next_seq = 0, False, 0
    in_flight_cap = (2 * workers + 1) * task_size
    try:
        while True:
            # Read ahead: what needs no worker is answered at once, the rest is cut into tasks.
            task: list = []
            while not read_all and next_seq - next_write < in_flight_cap and len(pending) < workers + 1:
                pair = next(numbered, None)
                if pair is None:
                    read_all = True
                    break
                seq, item = pair
                next_seq = seq + 1
                if isinstance(item, ErrorRecord):
                    results[seq] = Encoded(source=item.source, error=item.to_json())
                elif done.before_cleaning(item):
                    results[seq] = Encoded(source=item.source, skipped=True)
                else:
                    task.append((seq, item))
                    if len(task) >= task_size:
                        pending.append(task)
                        task = []
            if task:
                pending.append(task)
            while next_write in results:
                write_result(out, results.pop(next_write), summary, progress, on_result)
                next_write += 1
            if read_all and next_write == next_seq:
                break
            if (pending or pool.suspects) and len(pool.workers) < workers:
                if progress is not None and not pool.workers:
                    progress.status(f"loading the model in {workers} worker(s)")
                pool.start()
            for worker in pool.idle():
                if pool.suspects:  # articles of a lost worker, one per task: the culprit is found alone
                    pool.send(worker, [pool.suspects.popleft()], alone=True)
                elif pending:
                    pool.send(worker, pending.popleft())
            for message in pool.poll(0.2):
                if message[0] == "result":
                    results[message[1]] = message[2]
                else:
                    summary.add_worker(*message[1:])
        # A task's stats follow its last result: wait for those of the tasks still open (briefly),
        # else the summary misses the last task's time and tokens.
        deadline = time.monotonic() + STATS_WAIT_S
        while any(w.tasks for w in pool.workers) and time.monotonic() < deadline:
            for message in pool.poll(0.2):
                if message[0] == "stats":
                    summary.add_worker(*message[1:])
    finally:
        pool.close()
    summary.workers_replaced = pool.replaced

