"""Engines decide where articles are processed; all of them run `Processor.process`.

Local: the parent reads the inputs and hands tasks of raw articles to worker
processes (spawned; each loads the pipeline once and also cleans) over one pipe
each; a worker sends each article's result back as soon as it is done, and the
parent writes results in input order, with a bounded number in flight so memory
stays flat.  The parent watches its workers: one that stays silent longer than
`--article-timeout`, grows over `--max-worker-memory` or dies is killed and
replaced; the articles it held are retried one per task, and an article that
brings a worker down on its own becomes an error record.  Nothing else is lost,
and the parent never waits on a worker that is gone.  Workers start only when
there is something to process: a rerun with nothing left loads no model.

Dask: the client cuts the inputs into partitions (byte ranges of JSONL files
aligned to lines, groups of other files), each task reads its partition on a
worker (whose pipeline a `WorkerPlugin` built once), writes one part under
`--out/_parts/`, and the client merges the parts in input order through the same
writer.  Both engines give the same files, line for line; duplicates are decided
in the writer, in input order, so they agree too.
"""
from __future__ import annotations

import time

_IMPORTED = time.perf_counter()  # before the heavy imports: a spawned worker's start-up counts as loading

import dataclasses
import functools
import hashlib
import itertools
import json
import multiprocessing as mp
import os
import resource
import shutil
import signal
import threading
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .dedupe import Signature
from .layout import DOCUMENTS, ERRORS, EVENTS, PARTS, SIGNATURES, Encoded
from .progress import Progress, Stats, Summary
from .records import ErrorRecord
from .sinks import OutputDir
from .sources import InputScan, RawArticle, ReadOptions, canonical_name, expand_inputs, input_kind, read_jsonl, read_path, \
    read_sources

if TYPE_CHECKING:
    from .process import Processor

__all__ = ["Summary", "Limits", "RunError", "run_local", "run_dask", "plan_partitions"]


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
    after = processor.stats
    delta = Stats(after.clean_s - before.clean_s, after.nlp_s - before.nlp_s,
                  after.records_s - before.records_s, after.tokens - before.tokens)
    return encoded, delta


def build_processor(components: list[str] | None, batch_size: int, limits: Limits,
                    heartbeat: Callable[[], None] = lambda: None) -> "Processor":
    from .nlp import build_nlp
    from .process import MAX_BYTES, PART_CHARS, Processor

    return Processor(build_nlp(components=components), batch_size=batch_size,
                     max_bytes=limits.max_bytes or MAX_BYTES, part_chars=limits.part_chars or PART_CHARS,
                     heartbeat=heartbeat)


# -- local engine: worker side --------------------------------------------------
HEARTBEAT_S = 1.0


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
    conn.send(("ready", time.perf_counter() - _IMPORTED))
    while (task := conn.recv()) is not None:
        before = dataclasses.replace(processor.stats)
        seqs = [seq for seq, _ in task]
        for seq, result in zip(seqs, processor.process([item for _, item in task], skip=done_ids.__contains__)):
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
            raise RunError(f"a worker died while loading the pipeline ({reason})")
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


def _write(out: OutputDir, item: Encoded, summary: Summary, progress: Progress | None,
           on_result: Callable[[Encoded], None]) -> None:
    summary.add(item, out.write(item))
    on_result(item)
    if progress is not None:
        progress.update(summary)


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
            _write(out, item, summary, progress, on_result)
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
                _write(out, results.pop(next_write), summary, progress, on_result)
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
    finally:
        pool.close()
    summary.workers_replaced = pool.replaced


# -- Dask engine ------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """One input file, or the lines of a JSONL file between two byte offsets."""
    label: str  # the path as the command line named it: what `source` says
    path: str  # absolute: what a worker opens
    start: int | None = None
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]

    @property
    def key(self) -> str:
        """Names the part files; changes when an input file changes."""
        stamp = [(p.label, p.start, p.end, _stamp(p.path)) for p in self.pieces]
        return f"{self.index:07d}-" + hashlib.sha1(json.dumps(stamp).encode()).hexdigest()[:12]


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _line_ranges(path: str, target: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line number) of consecutive byte ranges of about `target` bytes, cut at line ends."""
    size = os.path.getsize(path)
    start, line = 0, 1
    with open(path, "rb") as f:
        while start < size:
            f.seek(min(start + target, size))
            if f.tell() < size:
                f.readline()
            end = f.tell()
            f.seek(start)
            newlines, left = 0, end - start
            while left:
                block = f.read(min(left, 1 << 20))
                newlines += block.count(b"\n")
                left -= len(block)
            yield start, end, line
            start, line = end, line + newlines


def plan_partitions(specs: Iterable[str], target_bytes: int = 8 << 20) -> list[Partition]:
    """Input order kept: each JSONL file cut into line-aligned byte ranges, other files grouped."""
    partitions: list[Partition] = []
    group: list[Piece] = []
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            partitions.append(Partition(len(partitions), tuple(group)))
        group, group_bytes = [], 0

    for label in expand_inputs(specs):
        if label == "-":
            raise ValueError("the dask engine reads files, not stdin: save the JSONL to a file first")
        path = os.path.abspath(label)
        if input_kind(label) == ("jsonl", False) and os.path.isfile(path):
            flush()
            for start, end, first in _line_ranges(path, target_bytes):
                partitions.append(Partition(len(partitions), (Piece(label, path, start, end, first),)))
            continue
        group.append(Piece(label, path))
        group_bytes += (_stamp(path) or (1,))[0]
        if group_bytes >= target_bytes:
            flush()
    flush()
    return partitions


def read_piece(piece: Piece) -> Iterator[RawArticle | ErrorRecord]:
    """The articles of a piece, with the sources and messages a local run gives them."""
    if piece.start is not None:
        with open(piece.path, "rb") as f:
            f.seek(piece.start)
            yield from read_jsonl(f, piece.label, origin=canonical_name(piece.path), first_line=piece.first_line,
                                  end=piece.end)
        return
    for item in read_path(piece.path):
        if isinstance(item, ErrorRecord):
            yield item.model_copy(update={"source": item.source.replace(piece.path, piece.label, 1),
                                          "message": item.message.replace(piece.path, piece.label)})
        else:
            yield dataclasses.replace(item, source=item.source.replace(piece.path, piece.label, 1))


@functools.cache
def _worker_plugin_class() -> type:
    """The Dask worker plugin class, made on first use so local runs never import distributed."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PresseWorker(WorkerPlugin):
        """Builds the pipeline once per Dask worker, on the worker: only settings travel from the client."""
        name = "presse"

        def __init__(self, components: list[str] | None, batch_size: int):
            self.components, self.batch_size = components, batch_size
            self.processor = None
            self.lock = None

        def setup(self, worker) -> None:
            self.processor = build_processor(self.components, self.batch_size, Limits())
            self.lock = threading.Lock()  # a worker with several threads shares one pipeline

        def teardown(self, worker) -> None:
            self.processor = None

    PresseWorker.__module__, PresseWorker.__qualname__ = __name__, "PresseWorker"
    return PresseWorker


def __getattr__(name: str):
    """`pipeline.engines.PresseWorker` resolves lazily (how workers unpickle the plugin)."""
    if name == "PresseWorker":
        return _worker_plugin_class()
    raise AttributeError(name)


def _part_paths(parts_dir: Path, key: str) -> dict[str, Path]:
    return {name: parts_dir / f"{key}.{name}" for name in (DOCUMENTS, EVENTS, ERRORS, SIGNATURES, "done.json")}


def run_partition(partition: Partition, parts_dir: str, done: Done) -> dict:
    """Dask task: process one partition and write its part files (renamed into place when whole)."""
    from distributed import get_worker

    plugin = get_worker().plugins["presse"]
    paths = _part_paths(Path(parts_dir), partition.key)
    tmp = {name: path.with_suffix(path.suffix + ".tmp") for name, path in paths.items()}
    files = {name: tmp[name].open("w", encoding="utf-8") for name in (DOCUMENTS, EVENTS, ERRORS, SIGNATURES)}
    total, skipped = Stats(), 0
    try:
        items = itertools.chain.from_iterable(read_piece(p) for p in partition.pieces)
        for chunk in chunked(items, plugin.processor.zone_size):
            with plugin.lock:
                encoded, stats = process_chunk(plugin.processor, chunk, done)
            total.add(stats)
            for item in encoded:
                skipped += _write_part(files, item)
    finally:
        for f in files.values():
            f.flush()
            os.fsync(f.fileno())
            f.close()
    for name in files:
        os.replace(tmp[name], paths[name])
    info = {"worker": get_worker().address, "peak_rss_mb": peak_rss_mb(), "skipped": skipped,
            "stats": dataclasses.asdict(total)}
    tmp["done.json"].write_text(json.dumps(info), encoding="utf-8")
    os.replace(tmp["done.json"], paths["done.json"])  # the part's commit mark
    return info


def _write_part(files: dict, item: Encoded) -> int:
    """Part lines: errors, events, and per document its signature line and document line."""
    if item.error is not None:
        files[ERRORS].write(item.error + "\n")
    elif item.document is not None:
        for line in item.events:
            files[EVENTS].write(line + "\n")
        sig = item.signature.to_json() if item.signature else None
        files[SIGNATURES].write(json.dumps({"doc_id": item.doc_id, "signature": sig,
                                            "event_types": item.event_types}) + "\n")
        files[DOCUMENTS].write(item.document + "\n")
    else:
        return 1
    return 0


def read_part(parts_dir: Path, key: str) -> Iterator[Encoded]:
    """A part's articles back as `Encoded`, errors first (each output file keeps its own order)."""
    paths = _part_paths(parts_dir, key)
    with paths[ERRORS].open(encoding="utf-8") as f:
        for line in f:
            yield Encoded(source=json.loads(line)["source"], error=line.rstrip("\n"))
    with paths[DOCUMENTS].open(encoding="utf-8") as docs, paths[SIGNATURES].open(encoding="utf-8") as sigs, \
            paths[EVENTS].open(encoding="utf-8") as events:
        for doc_line, sig_line in zip(docs, sigs):
            meta = json.loads(sig_line)
            lines = [events.readline().rstrip("\n") for _ in meta["event_types"]]
            doc_line = doc_line.rstrip("\n")
            yield Encoded(source=json.loads(doc_line)["source"], doc_id=meta["doc_id"], document=doc_line,
                          events=lines, event_types=meta["event_types"],
                          signature=Signature.from_json(meta["signature"]) if meta["signature"] else None)


def run_dask(specs: Iterable[str], out: OutputDir, *, scheduler: str | None = None, workers: int = 2,
             batch_size: int = 32, components: list[str] | None = None, partition_bytes: int = 8 << 20,
             progress: Progress | None = None,
             on_result: Callable[[Encoded], None] = lambda r: None) -> Summary:
    """Process all inputs on a Dask cluster (a LocalCluster of `workers` processes without `scheduler`).

    Inputs and `out` must be at the same paths on every worker (a shared file system).
    """
    from distributed import Client, LocalCluster

    summary = Summary()
    partitions = plan_partitions(specs, partition_bytes)
    parts_dir = out.path / PARTS
    parts_dir.mkdir(exist_ok=True)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(_worker_plugin_class()(components, batch_size), name="presse")
        done = Done.of(out)
        done_ref = client.scatter(done, broadcast=True) if done.ids or done.sources else done
        futures = [None if _part_paths(parts_dir, p.key)["done.json"].exists()
                   else client.submit(run_partition, p, str(parts_dir), done_ref, pure=False)
                   for p in partitions]
        for partition, future in zip(partitions, futures):
            paths = _part_paths(parts_dir, partition.key)
            info = future.result() if future is not None else json.loads(paths["done.json"].read_text("utf-8"))
            summary.skipped += info["skipped"]
            summary.add_worker(info["worker"], Stats(**info["stats"]), info["peak_rss_mb"])
            for item in read_part(parts_dir, partition.key):
                _write(out, item, summary, progress, on_result)
            for path in paths.values():
                path.unlink(missing_ok=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(parts_dir, ignore_errors=True)
    return summary.finish()
