"""The Dask engine: partitions of the inputs processed on a cluster, merged in input order (see the package docstring)."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import os
import shutil
import threading
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

        def __init__(self, components: list[str] | None, batch_size: int):
            self.components, self.batch_size = components, batch_size
            self.processor = None
            self.lock = None

        def setup(self, worker) -> None:
            self.processor = build_processor(self.components, self.batch_size, Limits())
            self.lock = threading.Lock()  # a worker with several threads shares one pipeline

        def teardown(self, worker) -> None:
            self.processor = None

    PresseWorker.__module__, PresseWorker.__qualname__ = "pipeline.engines", "PresseWorker"
    return PresseWorker


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
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(worker_plugin_class()(components, batch_size), name="presse")
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
                write_result(out, item, summary, progress, on_result)
            for path in paths.values():
                path.unlink(missing_ok=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(parts_dir, ignore_errors=True)
    return summary.finish()
