"""Score an output folder against gold articles (format of ../shared/gold/GUIDELINES.md).

The same measures as the project's evaluation: visits matched on visitor
country and destination name, sector interests and agreements as sets, entities
as sets of (folded text, label).  Each story counts once: a gold article is scored
on its story's events, whichever copy the output kept as the original.  `check_floors` turns the scores into a
quality gate: CI fails when one drops below the floor pinned in the repo.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from .text import gold_key

def name_match(a: str | None, b: str | None) -> bool:
    a, b = gold_key(a), gold_key(b)
    if not a or not b:
        return False
    if a == b or a in b.split(" ") or b in a.split(" "):
        return True
    ta, tb = set(a.split()), set(b.split())
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.5


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "pred": n_pred, "gold": n_gold}


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _names(items) -> list[str]:
    return [i.get("name") if isinstance(i, dict) else i for i in items or [] if i]


def _visit_view(event: dict) -> dict:
    return {
        "visitor_country": (event.get("visitor") or {}).get("country"),
        "destination": (event.get("destination") or {}).get("name"),
        "destination_country": (event.get("destination") or {}).get("country"),
        "start": event.get("start"), "end": event.get("end"),
        "hosts": _names(event.get("hosts")), "visitors": _names(event.get("visitors")),
        "sectors": list(event.get("sectors") or []),
    }


def _compatibility(gold: dict, pred: dict) -> int:
    if pred["visitor_country"] != gold["visitor_country"] or not name_match(pred["destination"], gold["destination"]):
        return 0
    return 2 + (pred["start"] == gold["start"])


def score_visits(gold_docs: list[dict], events: list[dict]) -> dict:
    preds = defaultdict(list)
    for e in events:
        if e.get("type") == "visit":
            view = _visit_view(e)
            if not (view["visitor_country"] and view["visitor_country"] == view["destination_country"]):
                preds[e.get("doc_id")].append(view)
    c = defaultdict(int)
    misses = []
    for doc in gold_docs:
        golds, cands = doc.get("visits", []), preds.get(doc["id"], [])
        c["gold"] += len(golds)
        c["pred"] += len(cands)
        c["main_gold"] += sum(g["salience"] == "main" for g in golds)
        # the same tie order as the project's scorer (its sort key is -(salience == "main"))
        pairs = sorted(((_compatibility(g, p), -(g["salience"] == "main"), gi, pi)
                        for gi, g in enumerate(golds) for pi, p in enumerate(cands)), reverse=True)
        used_g, used_p = set(), set()
        for compat, _, gi, pi in pairs:
            if not compat or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = golds[gi], cands[pi]
            c["tp"] += 1
            c["main_hit"] += g["salience"] == "main"
            if g.get("start"):
                c["dates_n"] += 1
                c["dates_ok"] += p["start"] == g["start"] and p["end"] == g["end"]
            for field, hit, n in (("hosts", "host_hit", "host_n"), ("visitors", "vis_hit", "vis_n")):
                for name in g.get(field, []):
                    c[n] += 1
                    c[hit] += any(name_match(name, other) for other in p[field])
            gs, ps = set(g.get("sectors", [])), set(p["sectors"])
            c["sec_tp"] += len(gs & ps)
            c["sec_pred"] += len(ps)
            c["sec_gold"] += len(gs)
        misses += [f"{doc['id']}: {g['visitor_country']} -> {g['destination']} ({g['salience']})"
                   for gi, g in enumerate(golds) if gi not in used_g]
    ratio = lambda a, b: round(c[a] / c[b], 3) if c[b] else None  # noqa: E731
    return {
        "visits": prf(c["tp"], c["pred"], c["gold"]),
        "main_visit_recall": ratio("main_hit", "main_gold"),
        "visit_date_accuracy": ratio("dates_ok", "dates_n"),
        "host_recall": ratio("host_hit", "host_n"),
        "visitor_recall": ratio("vis_hit", "vis_n"),
        "visit_sectors": prf(c["sec_tp"], c["sec_pred"], c["sec_gold"]),
        "missed_visits": misses,
    }


def _pair_scores(gold_docs, events, etype, gold_key, gold_fn, pred_fn) -> dict:
    gold = {(d["id"],) + gold_fn(g) for d in gold_docs for g in d.get(gold_key, [])}
    pred = {(e.get("doc_id"),) + pred_fn(e) for e in events if e.get("type") == etype}
    return prf(len(gold & pred), len(pred), len(gold))


def score_entities(gold_docs: list[dict], documents: list[dict], in_output_text: bool = False) -> dict:
    """Entity mentions as sets; `in_output_text` leaves out gold mentions the output's text does not
    hold (another edition of the story, whose cleaning dropped a byline or a caption)."""
    by_id = {d.get("doc_id"): d for d in documents}
    gold, pred = set(), set()
    for doc in gold_docs:
        if "entities" not in doc:
            continue
        out = by_id.get(doc["id"], {})
        mentions = doc["entities"]
        if in_output_text and out.get("text") != doc.get("text"):
            mentions = [(text, label) for text, label in mentions if text in (out.get("text") or "")]
        gold |= {(doc["id"], gold_key(text), label) for text, label in mentions}
        pred |= {(doc["id"], gold_key(e.get("text")), e["label"]) for e in out.get("entities", [])
                 if e.get("label") in ("PER", "ORG", "LOC")}
        pred |= {(doc["id"], gold_key(t.get("text")), "DATE") for t in out.get("dates", [])}
    result = {"all": prf(len(gold & pred), len(pred), len(gold))}
    for label in ("PER", "ORG", "LOC", "DATE"):
        g, p = {x for x in gold if x[2] == label}, {x for x in pred if x[2] == label}
        result[label] = prf(len(g & p), len(p), len(g))
    return result


def story_events(gold_docs: list[dict], documents: list[dict], events: list[dict]) -> list[dict]:
    """Each story's events once, under the id of every gold article that tells that story.

    A gold article read again elsewhere in the output (or read second, so itself marked
    `duplicate_of`) is scored on the events of the story's original; duplicates' own events
    and events of stories no gold article tells are left out."""
    story_of = {d.get("doc_id"): d.get("duplicate_of") or d.get("doc_id") for d in documents}
    gold_ids: dict[str, list[str]] = defaultdict(list)
    for doc in gold_docs:
        if doc["id"] in story_of:
            gold_ids[story_of[doc["id"]]].append(doc["id"])
    return [{**e, "doc_id": gold_id} for e in events if not e.get("duplicate_of")
            for gold_id in gold_ids.get(e.get("doc_id"), ())]


def score(gold_path: str | Path, outdir: str | Path, include_duplicates: bool = False) -> dict:
    """Scores of the output against the gold; `include_duplicates` scores every document read as its own."""
    gold_docs = read_jsonl(gold_path)
    events = read_jsonl(Path(outdir) / "events.jsonl")
    documents = read_jsonl(Path(outdir) / "documents.jsonl")
    if not include_duplicates:
        events = story_events(gold_docs, documents, events)
    result = {"articles": len(gold_docs),
              "articles_out": len({d["id"] for d in gold_docs} & {d.get("doc_id") for d in documents})}
    result.update(score_visits(gold_docs, events))
    result["sector_interests"] = _pair_scores(
        gold_docs, events, "sector_interest", "sector_interests",
        lambda g: (g["actor_country"], g["sector"]),
        lambda e: ((e.get("actor") or {}).get("country"), e.get("sector")))
    result["agreements"] = _pair_scores(
        gold_docs, events, "agreement", "agreements",
        lambda g: (tuple(sorted(set(g["countries"]))),),
        lambda e: (tuple(sorted({p.get("country") for p in e.get("parties", []) if p.get("country")})),))
    if any("entities" in d for d in gold_docs):
        if not include_duplicates:  # the story's original document stands for every copy
            by_id = {d.get("doc_id"): d for d in documents}
            documents = [{**by_id.get(d.get("duplicate_of"), d), "doc_id": d.get("doc_id")} for d in documents]
        result["entities"] = score_entities(gold_docs, documents, in_output_text=not include_duplicates)
    return result


def _lookup(result: dict, dotted: str):
    value = result
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def check_floors(result: dict, floors: dict[str, float]) -> list[str]:
    """Each `"metric.path": minimum` of `floors` that the result does not reach."""
    failures = []
    for metric, minimum in floors.items():
        value = _lookup(result, metric)
        if value is None or value < minimum:
            failures.append(f"{metric} = {value} < {minimum}")
    return failures
