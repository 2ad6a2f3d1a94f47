"""How presse scales with workers, and whether a worker's memory stays flat over a long run.

Scale: the same N articles (`corpus.py`) through `run_local` at each worker count,
each in a fresh process; prints articles/s (wall time, start-up included, and
without the workers' model loading, which they do side by side), the speed-up over
one worker and the peak resident memory of each worker.  Nothing here assumes a
number of cores: ask for the counts the machine has.

Memory: with `--memory 10000`, one worker runs over that many short articles
(the opening sentences of the gold texts, each made distinct) and the peak
resident memory of the worker is printed after every `--memory-step` articles of
that one run; flat means the last is within a few percent of the first.

    python benchmarks/scale.py --workers 1,2,4,8,16 [--n 3200] [--batch-size 32]
    python benchmarks/scale.py --workers 1 --memory 10000 [--memory-step 1000]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build_corpus  # noqa: E402

sys.path.insert(0, str(ROOT))


class PeakMemory:
    """Stands in for `Progress`: the workers' peak memory each time `step` more articles are done."""

    def __init__(self, step: int):
        self.step, self.next, self.peaks = step, step, {}

    def update(self, summary) -> None:
        if summary.seen >= self.next:
            self.peaks[summary.seen] = max(summary.peak_rss_mb.values())
            self.next += self.step

    def status(self, message: str) -> None:
        """Progress's line while the model loads: nothing to measure."""


def measure(corpus: str, workers: int, batch_size: int, step: int | None = None) -> dict:
    """One `run_local` over the corpus (run in a fresh process)."""
    from pipeline.engines import run_local
    from pipeline.sinks import OutputDir

    memory = PeakMemory(step) if step else None
    with tempfile.TemporaryDirectory() as out_dir, OutputDir(out_dir) as out:
        started = time.perf_counter()
        summary = run_local([corpus], out, workers=workers, batch_size=batch_size, progress=memory)
        wall = time.perf_counter() - started
    return {"articles": summary.articles + summary.errors, "errors": summary.errors, "wall_s": wall,
            "load_s": summary.stats.load_s / workers, "peak_rss_mb": sorted(summary.peak_rss_mb.values()),
            "peak_rss_mb_after": memory.peaks if memory else {}}


def in_fresh_process(*args) -> dict:
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(measure, *args).result()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", help="worker counts, e.g. 1,2,4,8,16 (default 1,2; none with --memory)")
    parser.add_argument("--n", type=int, help="articles, the same at every count (default: 100 per worker "
                                                "of the largest count, at least 300)")
    parser.add_argument("--memory", type=int, help="short articles for the memory check of one worker, e.g. 10000")
    parser.add_argument("--memory-step", type=int, default=1000, help="articles between memory readings")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    counts = [int(w) for w in (args.workers or ("" if args.memory else "1,2")).split(",") if w]
    n = args.n or max(300, 100 * max(counts, default=1))
    print(f"{os.cpu_count()} CPUs seen; load average {os.getloadavg()[0]:.1f} at start "
          "(other jobs on the machine slow the larger counts first)")
    report: dict = {"n": n, "scale": {}, "memory": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = str(build_corpus(n, Path(tmp) / "corpus.jsonl"))
        for workers in counts:
            run = report["scale"][workers] = in_fresh_process(corpus, workers, args.batch_size)
            run["articles_per_s"] = run["articles"] / run["wall_s"]
            run["steady_articles_per_s"] = run["articles"] / (run["wall_s"] - run["load_s"])
            one = report["scale"].get(counts[0])
            speedup = run["steady_articles_per_s"] / one["steady_articles_per_s"] * counts[0]
            peaks = ", ".join(f"{p:.0f}" for p in run["peak_rss_mb"])
            print(f"{workers:3d} worker(s): {run['articles_per_s']:6.2f} articles/s with start-up, "
                  f"{run['steady_articles_per_s']:6.2f} without the model load ({run['load_s']:.1f} s); "
                  f"speed-up {speedup:5.2f}x over one worker; peak MB per worker {peaks}; errors {run['errors']}")
        if args.memory:
            short = str(build_corpus(args.memory, Path(tmp) / "short.jsonl", short=True))
            run = report["memory"] = in_fresh_process(short, 1, args.batch_size, args.memory_step)
            readings = list(run["peak_rss_mb_after"].items())
            print(f"memory, 1 worker, {args.memory} short articles ({run['articles'] / run['wall_s']:.1f} articles/s), "
                  "peak MB after: " + ", ".join(f"{n} {mb:.0f}" for n, mb in readings))
            if len(readings) > 1:
                print(f"memory, last vs first reading: {readings[-1][1] / readings[0][1]:.3f}x (aim: flat)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
