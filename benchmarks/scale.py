"""How presse scales with workers, and whether a worker's memory stays flat over a long run.

Scale: the same N articles (`corpus.py`) through `run_local` at each worker count,
each in a fresh process; prints articles/s (wall time, start-up included, and
without the workers' model loading, which they do side by side), the speed-up over
one worker and the peak resident memory of each worker.  Nothing here assumes a
number of cores: ask for the counts the machine has.

Memory: with `--memory-sizes 1000,10000`, one worker runs over that many short
articles (the opening sentences of the gold texts, each made distinct) and its
peak memory is printed at each size; flat means the largest is within a few
percent of the smallest.

    python benchmarks/scale.py --workers 1,2,4,8,16 [--n 3200] [--batch-size 32]
    python benchmarks/scale.py --workers 1 --memory-sizes 1000,10000
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


def measure(corpus: str, workers: int, batch_size: int) -> dict:
    """One `run_local` over the corpus (run in a fresh process)."""
    from pipeline.engines import run_local
    from pipeline.sinks import OutputDir

    with tempfile.TemporaryDirectory() as out_dir, OutputDir(out_dir) as out:
        started = time.perf_counter()
        summary = run_local([corpus], out, workers=workers, batch_size=batch_size)
        wall = time.perf_counter() - started
    return {"articles": summary.articles + summary.errors, "errors": summary.errors, "wall_s": wall,
            "load_s": summary.stats.load_s / workers, "peak_rss_mb": sorted(summary.peak_rss_mb.values())}


def in_fresh_process(*args) -> dict:
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(measure, *args).result()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2", help="worker counts, e.g. 1,2,4,8,16")
    parser.add_argument("--n", type=int, help="articles, the same at every count (default: 100 per worker "
                                                "of the largest count, at least 300)")
    parser.add_argument("--memory-sizes", help="short-article counts for the memory check, e.g. 1000,10000")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    n = args.n or max(300, 100 * max(counts))
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
        for size in [int(s) for s in args.memory_sizes.split(",")] if args.memory_sizes else []:
            short = str(build_corpus(size, Path(tmp) / f"short-{size}.jsonl", short=True))
            run = report["memory"][size] = in_fresh_process(short, 1, args.batch_size)
            print(f"memory, 1 worker, {size:6d} short articles: peak {run['peak_rss_mb'][0]:.0f} MB "
                  f"({run['articles'] / run['wall_s']:.1f} articles/s)")
        if len(report["memory"]) > 1:
            peaks = [run["peak_rss_mb"][0] for run in report["memory"].values()]
            print(f"memory, largest vs smallest run: {peaks[-1] / peaks[0]:.3f}x (aim: flat)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
