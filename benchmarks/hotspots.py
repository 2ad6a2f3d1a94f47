"""Where each presse component spends its time: cProfile of one component at a time.

The gold texts (`corpus.py`) go through the base model first, then through our
components one by one, each under its own profiler, so that a component's
profile holds only its own work (and what it calls in spaCy).  For each one it
prints its total time and the functions with the most own time.

    python benchmarks/hotspots.py [--n 206] [--top 12] [--components presse_events,presse_sectors]
                                 [--save DIR]  # DIR/<component>.prof, for snakeviz or pstats
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build_corpus, read_corpus  # noqa: E402

sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=206, help="articles (the gold texts, repeated and made distinct)")
    parser.add_argument("--top", type=int, default=12, help="functions shown per component")
    parser.add_argument("--components", help="only these of our components (default: all)")
    parser.add_argument("--save", help="folder for the .prof files")
    args = parser.parse_args()

    import tempfile

    from pipeline.clean import clean_text
    from pipeline.nlp import build_nlp

    nlp = build_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        texts = read_corpus(build_corpus(args.n, Path(tmp) / "corpus.jsonl"))
    docs = [nlp.make_doc(clean_text(text)) for text in texts]
    wanted = set(args.components.split(",")) if args.components else None
    for name, proc in nlp.pipeline:
        profile = name.startswith("presse_") and (wanted is None or name in wanted)
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        docs = [proc(doc) for doc in docs]
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        if not profiler:
            print(f"{name}: {elapsed:.2f} s (not profiled)")
            continue
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
        stats.print_stats(args.top)
        print(f"\n=== {name}: {elapsed:.2f} s with profiling ===")
        print("\n".join(line for line in out.getvalue().splitlines()
                        if line.strip() and ("(" in line or "ncalls" in line)))
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            stats.dump_stats(str(Path(args.save) / f"{name}.prof"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
