"""NER quality on hand-written regional-press sentences: bare fr_core_news_md against presse.

Gold: `tests/gold/ner_heldout.jsonl` (PER/ORG/LOC character spans; `split` is
`tune`, the sentences rules were tuned on, or `heldout`, scored only to check).
Scores, per split and label set PER/ORG/LOC (MISC and other labels are ignored):

- strict: a predicted span counts when its start, end and label equal a gold span's;
- overlap: when it shares at least one character with a gold span of the same
  label (each gold span matched at most once).

    python benchmarks/ner.py [--gold tests/gold/ner_heldout.jsonl] [--errors] [--final] [--json]

Without `--final` only the tune split is scored, so that rules are never chosen on held-out scores.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp import BASE_MODEL, build_nlp  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "ner_heldout.jsonl"
LABELS = ("PER", "ORG", "LOC")
# The components that set doc.ents (dates drops date-like entities).
NER_COMPONENTS = ["presse_entity_ruler", "presse_entity_repair", "presse_places", "presse_people", "presse_dates"]


def predicted(nlp, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]
            for doc in nlp.pipe(texts)]


def match_count(gold: list[tuple], pred: list[tuple], strict: bool) -> int:
    free = list(gold)
    hits = 0
    for start, end, label in pred:
        for g in free:
            if g[2] == label and ((g[0], g[1]) == (start, end) if strict else g[0] < end and start < g[1]):
                free.remove(g)
                hits += 1
                break
    return hits


def scores(golds: list[list[tuple]], preds: list[list[tuple]]) -> dict:
    n_gold = sum(map(len, golds))
    n_pred = sum(map(len, preds))
    out = {}
    for mode in ("strict", "overlap"):
        hits = sum(match_count(g, p, mode == "strict") for g, p in zip(golds, preds))
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        out[mode] = {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="print the tune sentences where presse differs")
    parser.add_argument("--final", action="store_true", help="score the held-out split too (the final check)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [row["text"] for row in rows]
    golds = [[tuple(e) for e in row["entities"]] for row in rows]
    systems = {"bare": spacy.load(BASE_MODEL), "presse": build_nlp(components=NER_COMPONENTS)}
    preds = {name: predicted(nlp, texts) for name, nlp in systems.items()}
    result = {}
    for split in ("tune", "heldout", "all") if args.final else ("tune",):
        idx = [i for i, row in enumerate(rows) if split == "all" or row["split"] == split]
        result[split] = {name: scores([golds[i] for i in idx], [p[i] for i in idx]) for name, p in preds.items()}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"| split (sentences) | system | strict P | strict R | strict F1 | overlap F1 |")
        print("|---|---|---|---|---|---|")
        for split, by_system in result.items():
            n = sum(1 for row in rows if split == "all" or row["split"] == split)
            for name, s in by_system.items():
                print(f"| {split} ({n}) | {name} | {s['strict']['P']} | {s['strict']['R']} | "
                      f"{s['strict']['F1']} | {s['overlap']['F1']} |")
    if args.errors:
        for i, row in enumerate(rows):
            if row["split"] != "tune" or set(golds[i]) == set(preds["presse"][i]):
                continue
            text = row["text"]
            print(f"\n{row['id']}: {text}")
            print("  missed:", [(text[s:e], l) for s, e, l in sorted(set(golds[i]) - set(preds["presse"][i]))])
            print("  wrong: ", [(text[s:e], l) for s, e, l in sorted(set(preds["presse"][i]) - set(golds[i]))])


if __name__ == "__main__":
    main()
