"""Measure presse_events on gold files, as a whole and stage by stage.

    python scripts/eval_events.py [GOLD.jsonl ...] [--show] [--length N]

Runs the pipeline, writes the contract's documents.jsonl/events.jsonl to a
temporary folder and scores them with the shared scorer (../shared/eval/score.py,
beside the checkout), then measures each stage of presse_events on its own:

- triggers: share of gold visits whose destination is named in a sentence that
  holds a visit trigger (what the later stages can reach at all);
- places: share of gold visits with a predicted visit to a matching destination,
  whatever its visitor;
- participants: among those, share whose visitor country is the gold one;
- time: among visits the scorer pairs, share with the gold start and end.

`--show` prints each predicted visit next to the gold ones.  `--length N` times
each presse component against the base model on a generated text of N characters
(no gold needed).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

from pipeline.nlp import build_nlp

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = [SHARED / "gold/seeds.jsonl", SHARED / "gold/dev.jsonl"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_records(doc, doc_id: str) -> list[dict]:
    out = []
    for span in doc.spans.get("events", []):
        event = span._.event
        if event:
            out.append({"doc_id": doc_id, **event,
                        "evidence": {"text": span.text, "start": span.start_char, "end": span.end_char}})
    return out


def trigger_sentences(nlp, doc) -> list[str]:
    """The text of every sentence unit that holds a visit trigger."""
    from pipeline.components.events.view import DocView

    comp = nlp.get_pipe("presse_events")
    matches = comp.visit_matcher(doc)
    if not matches:
        return []
    view = DocView(doc, comp, matches)
    return [view.unit(start).text for _, start, _ in matches]


def stage_measures(score, gold: list[dict], events: list[dict], triggered: dict[str, list[str]]) -> dict:
    """Trigger reach, destination, visitor country and date accuracy, each on its own."""
    visits: dict[str, list[dict]] = {}
    for e in events:
        if e["type"] == "visit":
            visits.setdefault(e["doc_id"], []).append(score.visit_view(e))
    n = reached = placed = country_ok = 0
    for g in gold:
        preds = visits.get(g["id"], [])
        sentences = [score.fold(s) for s in triggered.get(g["id"], [])]
        for v in g.get("visits", []):
            n += 1
            name = score.fold(v["destination"])
            reached += any(name and name in s for s in sentences)
            same_place = [p for p in preds if score.name_match(p["destination"], v["destination"])]
            placed += bool(same_place)
            country_ok += any(p["visitor_country"] == v["visitor_country"] for p in same_place)
    ratio = lambda a, b: round(a / b, 3) if b else None
    return {"gold_visits": n, "trigger_reach": ratio(reached, n), "destination_accuracy": ratio(placed, n),
            "visitor_country_accuracy": ratio(country_ok, placed)}


def time_events(nlp, length: int) -> None:
    """Each presse component and the base model on a generated text of about `length` characters."""
    paragraph = ("Une délégation chinoise de Wuhan s'est rendue à Lyon le 12 mars 2019 pour rencontrer le maire. "
                 + "Le conseil municipal a voté le budget de la voirie et des écoles, a indiqué la mairie. " * 9 + "\n")
    text = paragraph * max(1, length // len(paragraph))
    doc = nlp.make_doc(text)
    base = ours = 0.0
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        doc = proc(doc)
        spent = time.perf_counter() - start
        if name.startswith("presse_"):
            ours += spent
            print(f"{name}: {spent:.2f} s")
        else:
            base += spent
    print(f"{len(text)} characters, one trigger sentence in ten: base model {base:.2f} s, presse components "
          f"{ours:.2f} s ({100 * ours / base:.0f}%), {len(doc.spans['events'])} events")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", nargs="*", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--length", type=int, default=0)
    args = parser.parse_args(argv)
    nlp = build_nlp()
    if args.length:
        time_events(nlp, args.length)
        return 0
    if not SHARED.exists():
        print(f"{SHARED} is not beside this checkout", file=sys.stderr)
        return 1
    score = load_scorer()
    gold = [json.loads(line) for path in args.gold for line in path.open(encoding="utf-8") if line.strip()]
    docs = []
    for g in gold:
        doc = nlp.make_doc(g["text"])
        doc._.published = g.get("published")
        doc._.url = g.get("url")  # as `presse run` sets it: the paper's country-code domain
        docs.append(doc)
    events, documents, triggered = [], [], {}
    for g, doc in zip(gold, nlp.pipe(docs)):
        events += event_records(doc, g["id"])
        triggered[g["id"]] = trigger_sentences(nlp, doc)
        documents.append({"doc_id": g["id"], "entities": [{"text": e.text, "label": e.label_} for e in doc.ents],
                          "dates": []})
        if args.show:
            print(f"===== {g['id']}")
            for item in g.get("visits", []):
                print("  gold", json.dumps(item, ensure_ascii=False))
            for e in events:
                if e["doc_id"] == g["id"] and e["type"] == "visit":
                    shown = {k: v for k, v in e.items() if k not in ("doc_id", "evidence")}
                    print("  pred", json.dumps(shown, ensure_ascii=False))
    with tempfile.TemporaryDirectory() as out:
        for name, rows in (("events.jsonl", events), ("documents.jsonl", documents)):
            with open(Path(out) / name, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        gold_file = Path(out) / "gold.jsonl"
        gold_file.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        result = score.score(gold_file, out)
    result.pop("entities", None)
    result["stages"] = {**stage_measures(score, gold, events, triggered),
                        "date_accuracy": result.get("visit_date_accuracy")}
    for key, value in result.items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
