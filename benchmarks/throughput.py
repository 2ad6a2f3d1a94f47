"""Throughput and memory of `presse run` next to bare `nlp.pipe`, in one run.

Builds a JSONL corpus of N articles from the texts at hand (the shared dev gold
when present, corpus/*.txt, corpus/*.jsonl, and corpus/html pages kept as HTML so
trafilatura runs too), each with its own id and a numbered closing sentence, then
measures, each in a fresh process:

- bare: `nlp.pipe` of the same pipeline (same components) over the same texts,
  cleaned beforehand and not timed;
- presse end to end (read, clean, nlp.pipe in memory zones, records, dedupe,
  crash-safe writes) with 1 and 2 workers (`--workers`);
- peak resident memory per worker at N and at a larger size (`--memory-sizes`).

Rates leave model loading out (wall time minus the workers' load time, measured
in the workers, which load side by side); wall time with loading is shown beside.

    python benchmarks/throughput.py [--n 300] [--workers 1,2] [--memory-sizes 300,1200]
                                    [--components all|none|a,b] [--batch-size 32] [--repeat 1] [--json out.json]

Aims (issue 6): end to end >= 0.85x bare nlp.pipe; 2 workers >= 1.8x one; peak
memory per worker flat from 1k to 10k articles (`--memory-sizes 1000,10000`).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"


# -- corpus ----------------------------------------------------------------------
def base_articles() -> list[dict]:
    """One dict per distinct source article: {"text": ...} or {"html": ...}."""
    bases = []
    if DEV_GOLD.exists():
        bases += [{"text": json.loads(line)["text"]} for line in DEV_GOLD.open(encoding="utf-8") if line.strip()]
    corpus = ROOT / "corpus"
    bases += [{"text": p.read_text(encoding="utf-8")} for p in sorted(corpus.glob("*.txt"))]
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            obj = json.loads(line) if line.strip() else {}
            if obj.get("text") or obj.get("html"):
                bases.append({k: obj[k] for k in ("text", "html") if obj.get(k)})
    bases += [{"html": p.read_text(encoding="utf-8")} for p in sorted((corpus / "html").glob("*.html"))]
    return bases


def build_corpus(n: int, path: Path) -> Path:
    """N articles cycling over the bases, each with an id and its own numbered closing sentence."""
    bases = base_articles()
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            base = dict(bases[i % len(bases)])
            note = f"Note de la rédaction numéro {i} : cet article fait partie du corpus de mesure {i // len(bases)}."
            if "text" in base:
                base["text"] = base["text"].rstrip() + "\n\n" + note
            else:
                base["html"] = re.sub(r"(?i)</article>", f"<p>{note}</p></article>", base["html"], count=1)
            f.write(json.dumps({"id": f"bench-{i:06d}", **base}, ensure_ascii=False) + "\n")
    return path


def components_arg(value: str) -> list[str] | None:
    return None if value == "all" else [] if value == "none" else value.split(",")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- measurements, each run in a fresh process -----------------------------------
def measure_bare(corpus: str, components: list[str] | None, batch_size: int) -> dict:
    from pipeline.nlp import build_nlp
    from pipeline.process import prepare
    from pipeline.sources import read_sources

    started = time.perf_counter()
    nlp = build_nlp(components=components)
    load_s = time.perf_counter() - started
    texts = [prepare(article)[0] for article in read_sources([corpus])]
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - started
    return {"articles": len(texts), "tokens": tokens, "seconds": elapsed, "load_s": load_s,
            "pipeline": list(nlp.pipe_names), "peak_rss_mb": peak_rss_mb()}


def measure_presse(corpus: str, components: list[str] | None, batch_size: int, workers: int) -> dict:
    from pipeline.engines import run_local
    from pipeline.sinks import OutputDir

    with tempfile.TemporaryDirectory() as out_dir, OutputDir(out_dir) as out:
        started = time.perf_counter()
        summary = run_local([corpus], out, workers=workers, batch_size=batch_size, components=components)
        wall = time.perf_counter() - started
    # Workers load their pipelines side by side: leave out one (average) load.
    steady_s = wall - summary.stats.load_s / workers
    return {"articles": summary.articles, "errors": summary.errors, "tokens": summary.stats.tokens,
            "steady_s": steady_s, "wall_s": wall, "load_s": summary.stats.load_s / workers,
            "clean_s": summary.stats.clean_s, "nlp_s": summary.stats.nlp_s, "records_s": summary.stats.records_s,
            "peak_rss_mb_per_worker": summary.peak_rss_mb}


def in_fresh_process(function, *args) -> dict:
    """Run a measurement in its own process (clean peak memory; it may start workers of its own)."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# -- report ------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles in the corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure")
    parser.add_argument("--memory-sizes", default=None,
                        help="corpus sizes for the memory check, 1 worker (default: N and 4N)")
    parser.add_argument("--components", default="all", help="all, none (base model only), or a,b,c")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved repeats, best kept (busy machines)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    components = components_arg(args.components)
    if args.n < 16 * args.batch_size * max(int(w) for w in args.workers.split(",")):
        print("warning: --n below 16 x batch size x workers: a worker gets few tasks (of 4 batches), "
              "the rates are rough", file=sys.stderr)
    worker_counts = [int(w) for w in args.workers.split(",")]
    sizes = [int(s) for s in args.memory_sizes.split(",")] if args.memory_sizes else [args.n, 4 * args.n]

    report: dict = {"n": args.n, "batch_size": args.batch_size, "components": args.components}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = str(build_corpus(args.n, Path(tmp) / f"corpus-{args.n}.jsonl"))
        best: dict = {}
        for _ in range(args.repeat):  # interleaved, best kept: a busy machine slows some runs
            bare = in_fresh_process(measure_bare, corpus, components, args.batch_size)
            bare["articles_per_s"] = bare["articles"] / bare["seconds"]
            bare["tokens_per_s"] = bare["tokens"] / bare["seconds"]
            if bare["articles_per_s"] > best.get("bare", {}).get("articles_per_s", 0):
                best["bare"] = bare
            for workers in worker_counts:
                run = in_fresh_process(measure_presse, corpus, components, args.batch_size, workers)
                run["articles_per_s"] = (run["articles"] + run["errors"]) / run["steady_s"]
                run["tokens_per_s"] = run["articles_per_s"] * run["tokens"] / max(run["articles"], 1)
                if run["articles_per_s"] > best.get(workers, {}).get("articles_per_s", 0):
                    best[workers] = run
        bare = report["bare"] = best["bare"]
        print(f"pipeline: {', '.join(bare['pipeline'])}; {args.n} articles, {bare['tokens']} tokens, "
              f"batch {args.batch_size}; model load {bare['load_s']:.1f} s; best of {args.repeat}")
        print(f"bare nlp.pipe           : {bare['articles_per_s']:7.2f} articles/s {bare['tokens_per_s']:9.0f} tokens/s"
              f"   peak {bare['peak_rss_mb']:.0f} MB")
        report["presse"] = {}
        for workers in worker_counts:
            run = report["presse"][workers] = best[workers]
            busy = run["clean_s"] + run["nlp_s"] + run["records_s"]
            peaks = ", ".join(f"{v:.0f}" for v in run["peak_rss_mb_per_worker"].values())
            print(f"presse, {workers:2d} worker(s)    : {run['articles_per_s']:7.2f} articles/s "
                  f"{run['tokens_per_s']:9.0f} tokens/s   wall {run['wall_s']:.1f} s with loading; worker time: "
                  f"cleaning {run['clean_s'] / busy:.0%}, spaCy {run['nlp_s'] / busy:.0%}, records+dedupe "
                  f"{run['records_s'] / busy:.0%}; peak MB per worker {peaks}; errors {run['errors']}")
        report["memory"] = {}
        for size in sizes:
            if size == args.n and 1 in report["presse"]:
                peak = max(report["presse"][1]["peak_rss_mb_per_worker"].values())
            else:
                other = str(build_corpus(size, Path(tmp) / f"corpus-{size}.jsonl"))
                run = in_fresh_process(measure_presse, other, components, args.batch_size, 1)
                peak = max(run["peak_rss_mb_per_worker"].values())
            report["memory"][size] = peak
            print(f"peak memory, 1 worker, {size:6d} articles: {peak:.0f} MB")

    ratios = {}
    if 1 in report["presse"]:
        ratios["end_to_end_vs_bare"] = report["presse"][1]["articles_per_s"] / bare["articles_per_s"]
    if 1 in report["presse"] and 2 in report["presse"]:
        ratios["two_workers_vs_one"] = report["presse"][2]["articles_per_s"] / report["presse"][1]["articles_per_s"]
    if len(report["memory"]) > 1:
        values = list(report["memory"].values())
        ratios["memory_largest_vs_smallest"] = values[-1] / values[0]
    report["ratios"] = ratios
    print("ratios: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items())
          + "  (aims: end_to_end_vs_bare >= 0.85, two_workers_vs_one >= 1.8, memory flat)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
