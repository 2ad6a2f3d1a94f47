"""The Dask engine: partitions of the inputs processed on a cluster, merged in input order (see the package docstring)."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import json
import os
import shutil
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..dedupe import Signature
from ..layout import DOCUMENTS, ERRORS, EVENTS, PARTS, SIGNATURES, Encoded
from ..progress import Progress, Stats, Summary
from ..records import ErrorRecord
from ..sinks import OutputDir
from ..sources import RawArticle, canonical_name, expand_inputs, input_kind, read_jsonl, read_path
from .base import Done, Limits, build_processor, chunked, peak_rss_mb, process_chunk, write_result

TASK_RETRIES = 2  # a task that raises (a file system hiccup) is tried again this many times

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
def worker_plugin_class() -> type:
    """The Dask worker plugin class, made on first use so local runs never import distributed."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PresseWorker(WorkerPlugin):
        """Builds the pipeline once per Dask worker, on the worker: only settings travel from the client."""
        name = "presse"

        def __init__(self, components: list[str] | None, batch_size: int, limits: Limits = Limits()):
            self.components, self.batch_size, self.limits = components, batch_size, limits
            self.processor = None
            self.lock = None

        def setup(self, worker) -> None:
            self.processor = build_processor(self.components, self.batch_size, self.limits)
            self.lock = threading.Lock()  # a worker with several threads shares one pipeline

        def teardown(self, worker) -> None:
            self.processor = None

    PresseWorker.__module__, PresseWorker.__qualname__ = "pipeline.engines", "PresseWorker"
    return PresseWorker


def _part_paths(parts_dir: Path, key: str) -> dict[str, Path]:
    return {name: parts_dir / f"{key}.{name}" for name in (DOCUMENTS, EVENTS, ERRORS, SIGNATURES, "done.json")}


def _journal_path(parts_dir: Path, key: str) -> Path:
    return parts_dir / f"{key}.journal"


class Journal:
    """What each attempt at a partition held, so that the next attempt knows who brought a worker down.

    Dask reruns the task of a worker that died (killed, out of memory, or stopped by the `Watchdog`);
    the attempt that died left its last hold unreleased.  As in the local engine, the articles of that
    hold are retried alone, and an article that was alone when its worker died becomes an error record.
    Lines: {"hold": [sources], "alone": bool}, {"release": true}, {"reason": why the worker is stopped}.
    """

    def __init__(self, path: Path):
        self.path = path
        self.busy = False

    def read(self) -> tuple[set[str], dict[str, str]]:
        """(sources to retry alone, source -> reason of the articles abandoned) after earlier attempts."""
        suspects: set[str] = set()
        abandoned: dict[str, str] = {}
        held, alone, reason = None, False, "its worker was lost"

        def settle() -> None:
            if alone:
                abandoned.update((source, reason) for source in held)
            else:
                suspects.update(held)

        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        for line in lines:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line the dead worker did not finish
            if "hold" in entry:
                if held is not None:
                    settle()
                held, alone, reason = entry["hold"], entry["alone"], "its worker was lost"
            elif "release" in entry:
                held = None
            elif "reason" in entry:
                reason = entry["reason"]
        if held is not None:
            settle()
        return suspects - abandoned.keys(), abandoned

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def _write(self, entry: dict) -> None:
        with self.path.open("a", encoding="utf-8") as f:  # a killed process's written lines stay
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def hold(self, sources: list[str], alone: bool) -> None:
        self._write({"hold": sources, "alone": alone})
        self.busy = True

    def release(self) -> None:
        self.busy = False
        self._write({"release": True})

    def stop(self, reason: str) -> None:
        self._write({"reason": reason})


class Watchdog:
    """The per-article time budget of a Dask task: Dask cannot stop a running task, so when the
    articles held stay silent past `timeout` (no article cleaned, no part parsed), the watchdog notes
    why in the journal and kills its own worker, as the local engine's parent does; the nanny starts
    a new worker and the scheduler reruns the task, which then knows the culprits from the journal."""

    def __init__(self, journal: Journal, timeout: float):
        self.journal, self.timeout = journal, timeout
        self.last = time.monotonic()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="presse-watchdog", daemon=True)

    def beat(self) -> None:
        self.last = time.monotonic()

    def __enter__(self) -> "Watchdog":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()

    def _watch(self) -> None:
        while not self.done.wait(min(1.0, self.timeout / 4)):
            if self.journal.busy and time.monotonic() - self.last > self.timeout:
                self.journal.stop(f"over the time budget: no result in {self.timeout:g} s (--article-timeout)")
                os.kill(os.getpid(), signal.SIGKILL)


def _groups(chunk: list, suspects: set[str], abandoned: dict[str, str]) -> Iterator[tuple[list, bool]]:
    """The chunk in order as (articles, alone): suspects one at a time, abandoned articles alone
    too (they are answered without work), runs of the others together."""
    run: list = []
    for item in chunk:
        if item.source in suspects or item.source in abandoned:
            if run:
                yield run, False
                run = []
            yield [item], True
        else:
            run.append(item)
    if run:
        yield run, False


def _abandoned(item: RawArticle, reason: str) -> Encoded:
    error = ErrorRecord(source=item.source, stage="nlp", error="WorkerLost", message=f"article abandoned: {reason}")
    return Encoded(source=item.source, error=error.to_json())


def run_partition(partition: Partition, parts_dir: str, done: Done, limits: Limits = Limits()) -> dict:
    """Dask task: process one partition and write its part files (renamed into place when whole).

    Each group of articles is held in the partition's `Journal` while it is processed, under the
    `Watchdog` of `limits.article_timeout`: a rerun after a lost worker retries the held articles
    alone and gives the one that was alone an error record.
    """
    from distributed import get_worker

    plugin = get_worker().plugins["presse"]
    paths = _part_paths(Path(parts_dir), partition.key)
    journal = Journal(_journal_path(Path(parts_dir), partition.key))
    suspects, abandoned = journal.read()
    tmp = {name: path.with_suffix(path.suffix + ".tmp") for name, path in paths.items()}
    files = {name: tmp[name].open("w", encoding="utf-8") for name in (DOCUMENTS, EVENTS, ERRORS, SIGNATURES)}
    total, skipped = Stats(), 0
    watchdog = Watchdog(journal, limits.article_timeout) if limits.article_timeout else None
    try:
        with watchdog or contextlib.nullcontext():
            items = itertools.chain.from_iterable(read_piece(p) for p in partition.pieces)
            for chunk in chunked(items, plugin.processor.zone_size):
                for group, alone in _groups(chunk, suspects, abandoned):
                    if group[0].source in abandoned:
                        encoded = [_abandoned(group[0], abandoned[group[0].source])]
                    else:
                        with plugin.lock:
                            plugin.processor.heartbeat = watchdog.beat if watchdog else (lambda: None)
                            if watchdog:
                                watchdog.beat()
                            journal.hold([item.source for item in group], alone)
                            encoded, stats = process_chunk(plugin.processor, group, done)
                            journal.release()
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
    """Part lines: errors, events, and per document its signature line (with its warnings) and document line."""
    if item.error is not None:
        files[ERRORS].write(item.error + "\n")
    elif item.document is not None:
        for line in item.events:
            files[EVENTS].write(line + "\n")
        sig = item.signature.to_json() if item.signature else None
        files[SIGNATURES].write(json.dumps({"doc_id": item.doc_id, "signature": sig, "event_types": item.event_types,
                                            "warnings": item.warnings}) + "\n")
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
                          events=lines, event_types=meta["event_types"], warnings=meta["warnings"],
                          signature=Signature.from_json(meta["signature"]) if meta["signature"] else None)


def run_dask(specs: Iterable[str], out: OutputDir, *, scheduler: str | None = None, workers: int = 2,
             batch_size: int = 32, components: list[str] | None = None, partition_bytes: int = 8 << 20,
             limits: Limits = Limits(), progress: Progress | None = None,
             on_result: Callable[[Encoded], None] = lambda r: None) -> Summary:
    """Process all inputs on a Dask cluster (a LocalCluster of `workers` processes without `scheduler`).

    Inputs and `out` must be at the same paths on every worker (a shared file system).  The local
    engine's guarantees hold as far as Dask allows: a task that raises is retried (`TASK_RETRIES`);
    an article over `limits.article_timeout` stops its worker (`Watchdog`), and a lost worker's task
    is rerun by the scheduler, its articles retried alone, the one alone when a worker died given an
    error record (`Journal`); a partition whose task still fails gives each of its articles an error
    record.  `limits.max_worker_memory_mb` is the LocalCluster's memory limit per worker.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError("the dask engine needs the dask extra: pip install 'presse[dask]'") from exc

    summary = Summary()
    partitions = plan_partitions(specs, partition_bytes)
    parts_dir = out.path / PARTS
    parts_dir.mkdir(exist_ok=True)
    cluster = None
    if scheduler is None:
        memory = f"{limits.max_worker_memory_mb:g}MB" if limits.max_worker_memory_mb else "auto"
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               memory_limit=memory)
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(worker_plugin_class()(components, batch_size, limits), name="presse")
        done = Done.of(out)
        done_ref = client.scatter(done, broadcast=True) if done.ids or done.sources else done

        def submit(partition: Partition):
            return client.submit(run_partition, partition, str(parts_dir), done_ref, limits, pure=False,
                                 retries=TASK_RETRIES)

        journals = {p.key: Journal(_journal_path(parts_dir, p.key)) for p in partitions}
        # each task with how far its journal had moved its articles when it was submitted
        futures = [None if _part_paths(parts_dir, p.key)["done.json"].exists()
                   else (_progress(journals[p.key]), submit(p)) for p in partitions]
        for partition, submitted in zip(partitions, futures):
            paths = _part_paths(parts_dir, partition.key)
            journal = journals[partition.key]
            if submitted is None:
                info, failure = json.loads(paths["done.json"].read_text("utf-8")), None
            else:
                info, failure = _outcome(partition, *submitted, submit, journal)
            if failure is not None:
                items = _failed_partition(partition, done, journal, failure)
            else:
                summary.skipped += info["skipped"]
                summary.add_worker(info["worker"], Stats(**info["stats"]), info["peak_rss_mb"])
                items = read_part(parts_dir, partition.key)
            for item in items:
                write_result(out, item, summary, progress, on_result)
            for path in paths.values():
                path.unlink(missing_ok=True)
            journal.path.unlink(missing_ok=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(parts_dir, ignore_errors=True)
    return summary.finish()


def _progress(journal: Journal) -> int:
    """How far the journal has moved the partition's articles towards their error records."""
    suspects, abandoned = journal.read()
    return len(suspects) + 2 * len(abandoned)


def _outcome(partition: Partition, reached: int, future, submit: Callable,
             journal: Journal) -> tuple[dict | None, str | None]:
    """(the task's info, None) once the partition's part is written, or (None, why) when it failed for good.

    After `allowed-failures` lost workers the scheduler gives up on a task (KilledWorker); it is
    submitted again as long as each round moved an article towards its error record."""
    from distributed import KilledWorker

    while True:
        try:
            return future.result(), None
        except KilledWorker as exc:
            now = _progress(journal)
            if now == reached:  # no article held when the workers died: not an article's doing
                return None, f"its workers kept dying ({exc})"
            reached = now
            future = submit(partition)
        except Exception as exc:  # noqa: BLE001 - any failure of the task is reported on its articles
            return None, f"its task failed {TASK_RETRIES + 1} times ({type(exc).__name__}: {exc})"


def _failed_partition(partition: Partition, done: Done, journal: Journal, why: str) -> Iterator[Encoded]:
    """Each article of a partition whose task failed for good, as an error record (read here, in order)."""
    _, abandoned = journal.read()
    for item in itertools.chain.from_iterable(read_piece(p) for p in partition.pieces):
        if isinstance(item, ErrorRecord):
            yield Encoded(source=item.source, error=item.to_json())
        elif done.before_cleaning(item):
            yield Encoded(source=item.source, skipped=True)
        elif item.source in abandoned:
            yield _abandoned(item, abandoned[item.source])
        else:
            error = ErrorRecord(source=item.source, stage="nlp", error="TaskFailed",
                                message=f"article not processed: {why}")
            yield Encoded(source=item.source, error=error.to_json())
