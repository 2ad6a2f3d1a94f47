"""Run accounting and what the user sees of a long run: a bar on a terminal, log lines otherwise.

`Summary` counts what became of each article (written, duplicate, skipped,
error), events by type, tokens and where the workers' time went.  `Progress`
shows it while the run goes: a tqdm bar (articles/s, errors, ETA when the total is
known) on a terminal, a plain line every few seconds on a pipe or a log file.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable

from .process import Encoded, Stats
from .sinks import DUPLICATE, ERROR, KNOWN_ERROR, SKIPPED, WRITTEN
from .sources import JSONL_SUFFIXES, WARC_SUFFIXES, _suffix, expand_inputs


@dataclass
class Summary:
    articles: int = 0  # documents written by this run, duplicates included
    duplicates: int = 0
    skipped: int = 0  # already in the output (resume)
    errors: int = 0  # errors of this run, whether or not an earlier run already logged them
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
            self.duplicates += outcome == DUPLICATE
            for kind in item.event_types:
                self.events[kind] = self.events.get(kind, 0) + 1

    def add_worker(self, worker: str, stats: Stats, peak_rss_mb: float) -> None:
        self.stats.add(stats)
        self.peak_rss_mb[worker] = max(self.peak_rss_mb.get(worker, 0.0), peak_rss_mb)

    def finish(self) -> "Summary":
        self.elapsed = time.perf_counter() - self.started
        return self

    def format(self) -> str:
        rate = self.articles / self.elapsed if self.elapsed else 0.0
        events = ", ".join(f"{k} {v}" for k, v in sorted(self.events.items())) or "none"
        line = (f"presse: {self.articles} articles ({self.duplicates} duplicates), {self.skipped} skipped, "
                f"{self.errors} errors; events: {events}; {self.elapsed:.1f} s, {rate:.2f} articles/s")
        busy = self.stats.clean_s + self.stats.nlp_s + self.stats.records_s
        if busy:
            line += (f"; workers: cleaning {self.stats.clean_s:.1f} s, spaCy {self.stats.nlp_s:.1f} s, "
                     f"records {self.stats.records_s:.1f} s, {self.stats.tokens} tokens")
        if self.peak_rss_mb:
            line += f", peak memory per worker {max(self.peak_rss_mb.values()):.0f} MB"
        return line


def count_articles(specs: Iterable[str]) -> int | None:
    """How many articles the inputs hold, cheaply: None when unknowable (stdin, web archives)."""
    total = 0
    for path in expand_inputs(specs):
        if path == "-" or _suffix(Path(path)) in WARC_SUFFIXES:
            return None
        if _suffix(Path(path)) in JSONL_SUFFIXES and Path(path).is_file():
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """A tqdm bar on a terminal, else a log line every `interval` seconds; `mode` "none" is silent."""

    def __init__(self, total: int | None = None, *, mode: str = "auto", interval: float = 10.0,
                 stream: IO[str] | None = None):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        self.mode, self.total, self.interval = mode, total, interval
        self._bar = None
        self._last_log = time.perf_counter()
        self._shown = 0
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="art", file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, summary: Summary) -> None:
        if self._bar is not None:
            self._bar.update(summary.seen - self._shown)
            self._shown = summary.seen
            self._bar.set_postfix(errors=summary.errors, skipped=summary.skipped, refresh=False)
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
        return line

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
