"""Command line: parse arguments, call the library, print.  No logic of its own."""
from __future__ import annotations

import argparse
import json
import sys
import time

from . import __version__


def _cmd_run(args: argparse.Namespace) -> int:
    from .engines import run_local
    from .sinks import OutputDir

    started = time.perf_counter()
    with OutputDir(args.out, force=args.force) as out:
        summary = run_local(args.inputs, out, workers=args.workers, batch_size=args.batch_size)
    elapsed = time.perf_counter() - started
    rate = summary.articles / elapsed if elapsed else 0.0
    events = ", ".join(f"{k} {v}" for k, v in sorted(summary.events.items())) or "none"
    print(f"presse: {summary.articles} articles, {summary.skipped} skipped, {summary.errors} errors, "
          f"events: {events}; {elapsed:.1f} s ({rate:.2f} articles/s) -> {args.out}", file=sys.stderr)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import check_floors, score

    result = score(args.gold, args.outdir)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.floors:
        failures = check_floors(result, args.floors)
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="presse", description=__doc__)
    parser.add_argument("--version", action="version", version=f"presse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process articles into documents.jsonl, events.jsonl, errors.jsonl")
    run.add_argument("inputs", nargs="+", help="files, folders (recursive), globs, or - for JSONL on stdin")
    run.add_argument("--out", required=True, help="output folder")
    run.add_argument("--workers", type=int, default=1, help="worker processes (each loads the model once)")
    run.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    run.add_argument("--force", action="store_true", help="redo articles already in --out")
    run.set_defaults(func=_cmd_run)

    ev = sub.add_parser("eval", help="score an output folder against gold (GUIDELINES format)")
    ev.add_argument("gold")
    ev.add_argument("outdir")
    ev.add_argument("--floors", help="JSON file of minimum scores; exit 1 when one is not met")
    ev.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
