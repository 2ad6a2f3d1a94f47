"""CPU seconds of each presse component on the same docs, rounds on fresh copies: before/after figures.

    python benchmarks/component_cpu.py [JSONL] [--rounds 5] [--profile presse_sectors] [--top 25]

The articles (a JSONL file, by default the shared gold texts as the other benchmarks read them) go through the base model once and then
through our components in pipeline order.  Before each of ours runs for real, it runs
`--rounds` times on `Doc.copy()`s of its input (copies made outside the clock), timed with
`process_time` (CPU, steadier than wall time on a shared machine); the median and the
least round are printed beside the base model's own CPU time.  `--profile NAME` adds a
cProfile of one more round of that component (`--save DIR` keeps it as DIR/NAME.prof).  Start-up: `spacy.load` and each
component's `initialize`, CPU seconds.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", help="JSONL of articles (default: the shared gold texts)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="append", default=[], help="component to cProfile (repeatable)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", help="folder: each profile as FOLDER/<component>.prof, for pstats")
    args = parser.parse_args()

    import spacy

    from corpus import gold_texts
    from pipeline.clean import clean_text
    from pipeline.nlp import BASE_MODEL, COMPONENTS, index_lemma_lookups
    from pipeline.tables import MODELS_DIR

    started = time.process_time()
    nlp = spacy.load(BASE_MODEL)
    index_lemma_lookups(nlp)
    print(f"start-up spacy.load\t{time.process_time() - started:.3f} s")
    for name, config, folder in COMPONENTS:
        started = time.process_time()
        pipe = nlp.add_pipe(name, config=config)
        pipe.initialize(lambda: [], nlp=nlp, data_dir=str(MODELS_DIR / folder))
        print(f"start-up {name}\t{time.process_time() - started:.3f} s")

    if args.source:
        with open(args.source, encoding="utf-8") as handle:
            texts = [clean_text(json.loads(line).get("text", "")) for line in handle if line.strip()]
    else:
        texts = [clean_text(text) for text in gold_texts()]
    docs = [nlp.make_doc(text) for text in texts]
    base = 0.0
    for name, proc in nlp.pipeline:
        if not name.startswith("presse_"):
            started = time.process_time()
            docs = [proc(doc) for doc in docs]
            base += time.process_time() - started
            continue
        times = []
        for _ in range(args.rounds):
            copies = [doc.copy() for doc in docs]
            started = time.process_time()
            for doc in copies:
                proc(doc)
            times.append(time.process_time() - started)
        median = statistics.median(times)
        print(f"{name}\tmedian {median:.3f} s\tmin {min(times):.3f} s\t{100 * median / base if base else float('nan'):.1f} % of base")
        if name in args.profile:
            copies = [doc.copy() for doc in docs]
            profiler = cProfile.Profile()
            profiler.enable()
            for doc in copies:
                proc(doc)
            profiler.disable()
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                profiler.dump_stats(str(Path(args.save) / f"{name}.prof"))
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())
        docs = [proc(doc) for doc in docs]
    print(f"base model\t{base:.3f} s CPU, {len(docs)} docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
