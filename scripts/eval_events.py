"""Measure presse_events on gold files with the metrics of /work/shared/eval/score.py.

    python scripts/eval_events.py [GOLD.jsonl ...] [--show]

Runs the pipeline (every presse component whose module exists), writes the
contract's documents.jsonl/events.jsonl to a temporary folder and scores them
with the shared scorer.  `--show` prints each predicted event next to the gold.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from pipeline.nlp import COMPONENTS, build_nlp

SHARED = Path("/work/shared")
DEFAULT_GOLD = [SHARED / "gold/seeds.jsonl", SHARED / "gold/dev.jsonl"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def available_components() -> list[str]:
    """Our components whose module has been written (siblings land one by one)."""
    names = []
    for name, _, _ in COMPONENTS:
        module = {"presse_entity_ruler": "entities", "presse_entity_repair": "entities"}.get(
            name, name.removeprefix("presse_"))
        if importlib.util.find_spec(f"pipeline.components.{module}") is not None:
            names.append(name)
    return names


def event_records(doc, doc_id: str) -> list[dict]:
    out = []
    for span in doc.spans.get("events", []):
        event = span._.event
        if event:
            out.append({"doc_id": doc_id, **event,
                        "evidence": {"text": span.text, "start": span.start_char, "end": span.end_char}})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", nargs="*", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    score = load_scorer()
    nlp = build_nlp(components=available_components())
    gold = [json.loads(line) for path in args.gold for line in path.open(encoding="utf-8") if line.strip()]
    docs = []
    for g in gold:
        doc = nlp.make_doc(g["text"])
        doc._.published = g.get("published")
        docs.append(doc)
    events, documents = [], []
    for g, doc in zip(gold, nlp.pipe(docs)):
        events += event_records(doc, g["id"])
        documents.append({"doc_id": g["id"], "entities": [{"text": e.text, "label": e.label_} for e in doc.ents],
                          "dates": []})
        if args.show:
            print(f"===== {g['id']}")
            for key in ("visits", "agreements"):
                for item in g.get(key, []):
                    print("  gold", json.dumps(item, ensure_ascii=False))
            for e in events:
                if e["doc_id"] == g["id"] and e["type"] != "sector_interest":
                    shown = {k: v for k, v in e.items() if k not in ("doc_id", "evidence")}
                    print("  pred", json.dumps(shown, ensure_ascii=False))
    with tempfile.TemporaryDirectory() as out:
        for name, rows in (("events.jsonl", events), ("documents.jsonl", documents)):
            with open(Path(out) / name, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            f.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in gold)
        result = score.score(f.name, out)
    result.pop("entities", None)
    for key, value in result.items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
