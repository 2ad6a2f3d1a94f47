"""Command line: parse arguments, call the library, print.  No logic of its own."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__


def _cmd_run(args: argparse.Namespace) -> int:
    """Exit 0 when every input was read (error records are results), 1 when a named input does not
    exist or no article could be processed, 2 when the run could not start or failed."""
    from .engines import Limits, RunError, run_dask, run_local
    from .progress import Progress, measure_inputs
    from .sinks import OutputDir, OutputLocked
    from .sources import InputScan, ReadOptions

    if args.engine == "dask" and "-" in args.inputs:
        print("presse: the dask engine reads files, not stdin: save the JSONL to a file first", file=sys.stderr)
        return 2
    components = None if args.components is None else [c for c in args.components.split(",") if c.strip()]
    scan = InputScan()
    size = measure_inputs(args.inputs) if args.progress != "none" else None
    progress = Progress(size, mode=args.progress, interval=args.log_interval, scan=scan)
    limits = Limits(article_timeout=args.article_timeout or None, max_worker_memory_mb=args.max_worker_memory,
                    max_bytes=args.max_bytes)
    options = ReadOptions(max_payload_bytes=max(8 * args.max_bytes, 8 << 20), stdin_format=args.stdin_format,
                          text_key=args.text_key, id_key=args.id_key)
    try:
        with OutputDir(args.out, force=args.force) as out:
            if args.engine == "dask":
                summary = run_dask(args.inputs, out, scheduler=args.scheduler, workers=args.workers,
                                   batch_size=args.batch_size, components=components,
                                   partition_bytes=args.partition_mb << 20, limits=limits, progress=progress)
            else:
                summary = run_local(args.inputs, out, workers=args.workers, batch_size=args.batch_size,
                                    components=components, progress=progress, isolate=True, limits=limits,
                                    options=options, scan=scan)
    except (OutputLocked, RunError) as exc:
        print(f"presse run: failed: {exc}", file=sys.stderr)
        return 2
    finally:
        progress.close()
    status, verdict = summary.verdict()
    print(f"{summary.format()} -> {args.out}", file=sys.stderr)
    if status:
        print(f"presse run: exit {status}: {verdict}", file=sys.stderr)
    return status


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import check_floors, score

    result = score(args.gold, args.outdir, include_duplicates=args.include_duplicates)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.floors:
        floors = json.loads(Path(args.floors).read_text(encoding="utf-8"))
        failures = check_floors(result, floors[args.floors_key] if args.floors_key else floors)
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from .query import EventFilter, query

    flt = EventFilter(type=args.type, country=args.country, visitor_country=args.visitor_country,
                      destination_country=args.destination_country, destination=args.destination,
                      sector=args.sector, person=args.person, since=args.since, until=args.until, text=args.text)
    query(args.outdir, flt, sql=args.sql, fmt=args.format, limit=args.limit,
          include_duplicates=args.include_duplicates, out=sys.stdout)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    counts = export(args.outdir, args.to, include_duplicates=args.include_duplicates)
    print(f"presse: exported to {args.to}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .schema import validate_outdir

    problems = validate_outdir(args.outdir, max_problems=args.max_problems)
    for problem in problems:
        print(problem)
    print(f"presse: {args.outdir}: " + (f"{len(problems)} problem(s)" if problems else "valid"), file=sys.stderr)
    return 1 if problems else 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    summary = write_report(args.outdir, args.html, include_duplicates=args.include_duplicates)
    print(f"presse: report of {summary} -> {args.html}", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import SCHEMA_DIR, stale_schemas, write_schemas

    if args.write:
        for path in write_schemas():
            print(path)
        return 0
    stale = stale_schemas()
    for name in stale:
        print(f"{SCHEMA_DIR / name}: differs from records.py; run `presse schema --write`")
    return 1 if stale else 0


def _guarded(func):
    """Expected failures (bad filter, missing folder, SQL error) as one line on stderr, exit 2;
    a reader that closes the pipe early (`| head`) ends the output quietly."""
    def run(args: argparse.Namespace) -> int:
        import duckdb

        try:
            return func(args)
        except (ValueError, FileNotFoundError, duckdb.Error) as exc:
            print(f"presse {args.command}: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            # Python would flush stdout again at exit and fail on the closed pipe: point it at devnull.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    return run


def _add_duplicates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-duplicates", action="store_true",
                        help="count every document read, also those marked duplicate_of another "
                             "(default: each story once)")


def _add_query_commands(sub) -> None:
    """query, export, validate, report, schema: everything that reads an output folder."""
    q = sub.add_parser("query", help="filter events (or run SQL) over an output folder with DuckDB")
    q.add_argument("outdir")
    q.add_argument("--type", choices=["visit", "sector_interest", "agreement"])
    q.add_argument("--country", help="ISO code or name: visitor's, destination's, actor's or a party's")
    q.add_argument("--visitor-country", help="ISO code or name of the visiting party's country")
    q.add_argument("--destination-country", help="ISO code or name of the destination's country")
    q.add_argument("--destination", help="place name (case and accents ignored) or code (INSEE, ISO 3166-2)")
    q.add_argument("--sector", help="sector slug (sectors.tsv)")
    q.add_argument("--person", help="a name among visitors, hosts, parties (whole words)")
    q.add_argument("--since", help="events ending on or after: YYYY, YYYY-MM or YYYY-MM-DD")
    q.add_argument("--until", help="events starting on or before: YYYY, YYYY-MM or YYYY-MM-DD")
    q.add_argument("--text", help="words in the evidence sentence")
    q.add_argument("--sql", help="raw DuckDB SQL over the views documents, entities, people, events")
    q.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    q.add_argument("--limit", type=int)
    _add_duplicates_option(q)
    q.set_defaults(func=_guarded(_cmd_query))

    ex = sub.add_parser("export", help="normalised tables to SQLite (upsert) or Parquet")
    ex.add_argument("outdir")
    ex.add_argument("--to", required=True, help="sqlite:FILE or parquet:DIR")
    _add_duplicates_option(ex)
    ex.set_defaults(func=_guarded(_cmd_export))

    va = sub.add_parser("validate", help="check an output folder against the JSON Schemas; exit 1 on problems")
    va.add_argument("outdir")
    va.add_argument("--max-problems", type=int, default=1000)
    va.set_defaults(func=_guarded(_cmd_validate))

    rp = sub.add_parser("report", help="one self-contained HTML page: counts, timeline, flow map, evidence")
    rp.add_argument("outdir")
    rp.add_argument("--html", required=True, help="the HTML file to write")
    _add_duplicates_option(rp)
    rp.set_defaults(func=_guarded(_cmd_report))

    sc = sub.add_parser("schema", help="check (default) or --write pipeline/schemas/*.json from records.py")
    sc.add_argument("--write", action="store_true")
    sc.set_defaults(func=_cmd_schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="presse", description=__doc__)
    parser.add_argument("--version", action="version", version=f"presse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process articles into documents.jsonl, events.jsonl, errors.jsonl")
    run.add_argument("inputs", nargs="+",
                     help="files (.html, .txt, .jsonl, .warc, each also gzipped), folders (recursive), globs, "
                          "or - for stdin")
    run.add_argument("--out", required=True, help="output folder")
    run.add_argument("--workers", type=int, default=1,
                     help="worker processes, each loading the model once (with --engine dask and no "
                          "--scheduler: the LocalCluster's workers)")
    run.add_argument("--batch-size", type=int, default=32,
                     help="articles per nlp.pipe batch (and per memory zone, and per task sent to a worker)")
    run.add_argument("--force", action="store_true", help="redo articles already in --out")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local processes, or a Dask distributed cluster")
    run.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster")
    run.add_argument("--partition-mb", type=int, default=8,
                     help="Dask: megabytes of input per task (JSONL files are cut at line ends)")
    run.add_argument("--components",
                     help="comma-separated presse components to run (default all; empty string: the base "
                          "model only, no events)")
    run.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                     help="a bar on a terminal, log lines otherwise (auto)")
    run.add_argument("--log-interval", type=float, default=10.0, help="seconds between progress log lines")
    run.add_argument("--stdin-format", choices=("jsonl", "html", "text"), default="jsonl",
                     help="what - reads: JSONL articles, or one HTML page or plain-text article")
    run.add_argument("--text-key", default="text", help="JSONL field holding the article text")
    run.add_argument("--id-key", default="id", help="JSONL field holding the article id")
    run.add_argument("--article-timeout", type=float, default=120.0,
                     help="seconds a worker may spend on an article before it is killed and the article "
                          "becomes an error record (0: no limit)")
    run.add_argument("--max-worker-memory", type=float, metavar="MB",
                     help="resident memory above which a worker is killed and replaced; the article it "
                          "held alone becomes an error record")
    run.add_argument("--max-bytes", type=int, default=1_000_000,
                     help="an article's text beyond this many bytes is cut at a paragraph "
                          "(\"truncated\": true, and a warning in errors.jsonl)")
    run.set_defaults(func=_cmd_run)

    ev = sub.add_parser("eval", help="score an output folder against gold (GUIDELINES format)")
    ev.add_argument("gold")
    ev.add_argument("outdir")
    ev.add_argument("--floors", help="JSON file of minimum scores; exit 1 when one is not met")
    ev.add_argument("--floors-key", help="the section of the floors file to use (e.g. corpus, dev)")
    _add_duplicates_option(ev)
    ev.set_defaults(func=_cmd_eval)
    _add_query_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
