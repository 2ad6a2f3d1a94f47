"""Output folders that hold the same story twice, as `presse run` writes them (test helper)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def add_edition(folder: Path, doc_id: str, *new_ids: str) -> None:
    """Append other editions of document `doc_id` (same text) and their events, marked duplicates
    of it, as the writer does when it reads the story again."""
    documents = read_jsonl(folder / "documents.jsonl")
    events = read_jsonl(folder / "events.jsonl")
    original = next(d for d in documents if d["doc_id"] == doc_id)
    its_events = [e for e in events if e["doc_id"] == doc_id]
    for new_id in new_ids:
        documents.append({**original, "doc_id": new_id, "source": f"{new_id}.html", "duplicate_of": doc_id})
        events += [{**e, "event_id": e["event_id"] + "-" + new_id, "doc_id": new_id, "duplicate_of": doc_id}
                   for e in its_events]
    write_jsonl(folder / "documents.jsonl", documents)
    write_jsonl(folder / "events.jsonl", events)


def rename_document(folder: Path, doc_id: str, new_id: str) -> None:
    """The same story under another id, as another output folder would have it."""
    documents = [{**d, "doc_id": new_id} if d["doc_id"] == doc_id else d
                 for d in read_jsonl(folder / "documents.jsonl")]
    events = [{**e, "doc_id": new_id, "event_id": e["event_id"] + "-" + new_id} if e["doc_id"] == doc_id else e
              for e in read_jsonl(folder / "events.jsonl")]
    write_jsonl(folder / "documents.jsonl", documents)
    write_jsonl(folder / "events.jsonl", events)
