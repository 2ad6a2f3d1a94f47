"""Instructions per presse component, counted by callgrind: steadier than any clock on a busy machine.

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=DIR/cg.out \\
        .venv/bin/python benchmarks/callgrind_components.py [JSONL]     # default /work/tools/study_in.jsonl
    python benchmarks/callgrind_components.py --read DIR              # instructions per component

The articles go through the whole pipeline once; callgrind counts only inside our components,
switched on and dumped around each one's pass by callgrind's client requests (a tiny C library
built here with gcc from valgrind's callgrind.h).  Slow: the base model runs under valgrind
too (over 30 minutes for the 71 study articles on a loaded 2-core machine: start it early).
"""
from __future__ import annotations

import ctypes
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_C = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(const char *name) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT(name); }
"""


def read(folder: str) -> int:
    for path in sorted(Path(folder).glob("cg.out.*"), key=lambda p: int(p.suffix[1:])):
        text = path.read_text(errors="replace")
        name = re.search(r"Client Request: (\S+)", text)
        total = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        if name and total:
            print(f"{name.group(1)}\t{int(total.group(1)) / 1e6:.0f} M")
    return 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--read":
        return read(sys.argv[2])
    source = sys.argv[1] if len(sys.argv) > 1 else "/work/tools/study_in.jsonl"
    build = Path(tempfile.mkdtemp())
    (build / "cg.c").write_text(_C)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(build / "libcg.so"), str(build / "cg.c")], check=True)
    lib = ctypes.CDLL(str(build / "libcg.so"))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pipeline.clean import clean_text
    from pipeline.nlp import build_nlp

    nlp = build_nlp()
    with open(source, encoding="utf-8") as handle:
        docs = [nlp.make_doc(clean_text(json.loads(line).get("text", ""))) for line in handle if line.strip()]
    for name, proc in nlp.pipeline:
        ours = name.startswith("presse")
        if ours:
            lib.cg_start()
        docs = [proc(doc) for doc in docs]
        if ours:
            lib.cg_stop(name.encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
