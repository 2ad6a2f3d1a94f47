"""Run accounting and what the user sees of a long run: a bar on a terminal, log lines otherwise.

`Summary` counts what became of each article (written, duplicate, skipped,
error), events by type, tokens and where the workers' time went.  `Progress`
shows it while the run goes: a tqdm bar (articles/s, errors, ETA when the total is
known, in articles, else in input bytes) on a terminal, a plain line every few
seconds on a pipe or a log file, and a status line while the model loads.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import IO, Iterable

from .layout import Encoded
from .sinks import DUPLICATE, ERROR, KNOWN_ERROR, SKIPPED, WRITTEN
from .sources import InputScan, expand_inputs, input_kind


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
class Summary:
    articles: int = 0  # documents written by this run, duplicates included
    duplicates: int = 0
    skipped: int = 0  # already in the output (resume)
    errors: int = 0  # errors of this run, whether or not an earlier run already logged them
    warnings: int = 0  # articles written with a warning (cut at the size cap)
    files_skipped: int = 0  # files in input folders of a kind presse does not read
    missing: list[str] = field(default_factory=list)  # named inputs that do not exist
    workers_replaced: int = 0  # local workers killed (time, memory) or dead, and replaced
    events: dict[str, int] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker -> peak resident memory
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0

    @property
    def seen(self) -> int:
        return self.articles + self.skipped + self.errors

    def add(self, item: Encoded, outcome: str) -> None:
        if outcome in (ERROR, KNOWN_ERROR):
            self.errors += 1
        elif outcome == SKIPPED:
            self.skipped += 1
        elif outcome in (WRITTEN, DUPLICATE):
            self.articles += 1
            self.warnings += bool(item.warnings)
            self.duplicates += outcome == DUPLICATE
            for kind in item.event_types:
                self.events[kind] = self.events.get(kind, 0) + 1

    def add_worker(self, worker: str, stats: Stats, peak_rss_mb: float) -> None:
        self.stats.add(stats)
        self.peak_rss_mb[worker] = max(self.peak_rss_mb.get(worker, 0.0), peak_rss_mb)

    def finish(self) -> "Summary":
        self.elapsed = time.perf_counter() - self.started
        return self

    def verdict(self) -> tuple[int, str]:
        """Exit status and why: 0 when every input was read (error records are results), 1 when
        a named input does not exist or no article could be processed."""
        if self.missing:
            return 1, "input not found: " + ", ".join(self.missing)
        if self.errors and not self.articles and not self.skipped:
            return 1, "no article could be processed (see errors.jsonl)"
        if not self.seen:
            return 1, "no input article found"
        return 0, "ok"

    def format(self) -> str:
        rate = self.articles / self.elapsed if self.elapsed else 0.0
        events = ", ".join(f"{k} {v}" for k, v in sorted(self.events.items())) or "none"
        line = (f"presse: {self.articles} articles ({self.duplicates} duplicates, {self.warnings} truncated), "
                f"{self.skipped} skipped, {self.errors} errors, {self.files_skipped} files of other types "
                f"skipped; events: {events}; {self.elapsed:.1f} s, {rate:.2f} articles/s")
        busy = self.stats.clean_s + self.stats.nlp_s + self.stats.records_s
        if busy:
            line += (f"; workers: cleaning {self.stats.clean_s:.1f} s, spaCy {self.stats.nlp_s:.1f} s, "
                     f"records {self.stats.records_s:.1f} s, {self.stats.tokens} tokens")
        if self.peak_rss_mb:
            line += f", peak memory per worker {max(self.peak_rss_mb.values()):.0f} MB"
        if self.workers_replaced:
            line += f"; {self.workers_replaced} worker(s) lost and replaced"
        return line


@dataclass
class InputSize:
    """What is known ahead of a run: the number of articles when countable cheaply, the input bytes."""
    articles: int | None = None
    bytes: int | None = None


def measure_inputs(specs: Iterable[str]) -> InputSize:
    """Articles (JSONL lines, one per page or text file) and bytes of the inputs; a count is None
    when unknowable without reading (stdin, web archives, gzipped JSONL), bytes None for stdin."""
    articles: int | None = 0
    size: int | None = 0
    for path in expand_inputs(specs, InputScan()):
        if path == "-":
            return InputSize(None, None)
        try:
            size += os.path.getsize(path)
        except OSError:
            pass  # read as an error record
        kind, compressed = input_kind(path)
        if articles is None:
            continue
        if kind == "warc" or (kind == "jsonl" and compressed):
            articles = None
        elif kind == "jsonl":
            try:
                with open(path, "rb") as f:
                    articles += sum(1 for line in f if line.strip())
            except OSError:
                articles += 1
        else:
            articles += 1
    return InputSize(articles, size)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """A tqdm bar on a terminal, else a log line every `interval` seconds; `mode` "none" is silent.

    The total is in articles when known, else in input bytes (`position` is then
    read from the input scan as the run goes), else unknown.
    """

    def __init__(self, size: InputSize | int | None = None, *, mode: str = "auto", interval: float = 10.0,
                 stream: IO[str] | None = None, scan: InputScan | None = None):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        size = size if isinstance(size, InputSize) else InputSize(size)
        self.mode, self.total, self.interval = mode, size.articles, interval
        self.total_bytes = size.bytes if size.articles is None else None
        self.scan = scan
        self._bar = None
        self._last_log = time.perf_counter()
        self._shown = 0
        if mode == "bar":
            from tqdm import tqdm

            if self.total_bytes is not None:
                self._bar = tqdm(total=self.total_bytes, unit="B", unit_scale=True, file=self.stream,
                                 dynamic_ncols=True, smoothing=0.1)
            else:
                self._bar = tqdm(total=self.total, unit="art", file=self.stream, dynamic_ncols=True,
                                 smoothing=0.1)

    def status(self, message: str) -> None:
        """A line saying what the run is doing before articles come out (loading the model)."""
        if self._bar is not None:
            self._bar.set_description_str(message)
        elif self.mode == "log":
            self.stream.write(f"presse: {message}\n")
            self.stream.flush()

    def _done(self, summary: Summary) -> int:
        if self.total_bytes is not None:
            return self.scan.position if self.scan is not None else 0
        return summary.seen

    def update(self, summary: Summary) -> None:
        if self._bar is not None:
            if self._shown == 0:
                self._bar.set_description_str("")
            done = self._done(summary)
            self._bar.update(done - self._shown)
            self._shown = done
            self._bar.set_postfix(articles=summary.seen, errors=summary.errors, skipped=summary.skipped,
                                  refresh=False)
        elif self.mode == "log" and time.perf_counter() - self._last_log >= self.interval:
            self._last_log = time.perf_counter()
            self.stream.write(self.line(summary) + "\n")
            self.stream.flush()

    def line(self, summary: Summary) -> str:
        elapsed = time.perf_counter() - summary.started
        rate = summary.seen / elapsed if elapsed else 0.0
        done = f"{summary.seen}/{self.total}" if self.total is not None else f"{summary.seen}"
        line = (f"presse: {done} articles ({summary.skipped} skipped), {summary.errors} errors, "
                f"{rate:.1f} articles/s, elapsed {_duration(elapsed)}")
        if self.total is not None and rate > 0:
            line += f", ETA {_duration(max(self.total - summary.seen, 0) / rate)}"
        elif self.total_bytes and self.scan is not None and self.scan.position:
            share = min(self.scan.position / self.total_bytes, 1.0)
            line += f", {share:.0%} of input bytes, ETA {_duration(elapsed * (1 - share) / share)}"
        return line

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
