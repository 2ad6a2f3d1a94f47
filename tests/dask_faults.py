"""Preloaded into the Dask workers of tests/test_engines.py: an article that kills its worker.

An article whose text holds CRASH kills its worker process, as the OS does to a worker out of memory.
"""
import os
import signal

import pipeline.process as process

_prepare = getattr(process, "unfaulted_prepare", process.prepare)  # the preload may run twice
process.unfaulted_prepare = _prepare


def prepare(item, max_bytes):
    if "CRASH" in (item.text or ""):
        os.kill(os.getpid(), signal.SIGKILL)
    return _prepare(item, max_bytes)


process.prepare = prepare
