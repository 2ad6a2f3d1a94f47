"""Engines decide where articles are processed; all of them run `Processor.process`.

Local: the parent reads the inputs and hands tasks of raw articles to worker
processes (spawned; each loads the pipeline once and also cleans) over one pipe
each; a worker sends each article's result back as soon as it is done, and the
parent writes results in input order, with a bounded number in flight so memory
stays flat.  The parent watches its workers: one that stays silent longer than
`--article-timeout`, grows over `--max-worker-memory` or dies is killed and
replaced; the articles it held are retried one per task, and an article that
brings a worker down on its own becomes an error record.  Nothing else is lost,
and the parent never waits on a worker that is gone.  Workers start only when
there is something to process: a rerun with nothing left loads no model.

Dask: the client cuts the inputs into partitions (byte ranges of JSONL files
aligned to lines, groups of other files), each task reads its partition on a
worker (whose pipeline a `WorkerPlugin` built once), writes one part under
`--out/_parts/`, and the client merges the parts in input order through the same
writer.  Both engines give the same files, line for line; duplicates are decided
in the writer, in input order, so they agree too.  Under Dask the same guarantees
hold through the scheduler: a task that raises is retried; a task's watchdog
kills its own worker when the articles it holds stay silent past
`--article-timeout`; the task of a lost worker is rerun, and its journal (under
`_parts/`) says which articles the dead attempt held: they are retried alone, and
the one alone when a worker died becomes an error record.
"""
from __future__ import annotations

import time

IMPORTED = time.perf_counter()  # before the heavy imports: a spawned worker's start-up counts as loading

from ..progress import Summary  # noqa: E402
from .base import Done, Limits, RunError  # noqa: E402
from .cluster import plan_partitions, read_piece, run_dask  # noqa: E402
from .local import Pool, Worker, run_local  # noqa: E402

__all__ = ["Done", "Limits", "Pool", "RunError", "Summary", "Worker", "plan_partitions", "read_piece", "run_dask",
           "run_local"]


def __getattr__(name: str):
    """`pipeline.engines.PresseWorker` resolves lazily (how Dask workers unpickle the plugin)."""
    if name == "PresseWorker":
        from .cluster import worker_plugin_class

        return worker_plugin_class()
    raise AttributeError(name)
