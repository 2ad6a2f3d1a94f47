"""The benchmarks' input: the shared gold texts, repeated and made distinct.

The gold sets (`../shared/gold/*.jsonl`, beside the checkout) are real French
press articles.  `build_corpus` cycles over them and gives each copy its own id
and its own numbered closing sentence, so that no two articles are identical
(deduplication and spaCy's caches see new text).  `short=True` keeps the first
sentences (up to 600 characters) of each text: many small articles, for the memory check.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT.parent / "shared" / "gold"


def gold_texts() -> list[str]:
    """The texts of every gold set beside the checkout (exits with a message when there is none)."""
    paths = sorted(GOLD_DIR.glob("*.jsonl"))
    if not paths:
        sys.exit(f"no gold texts: the benchmarks read ../shared/gold/*.jsonl beside the checkout ({GOLD_DIR})")
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


def opening(text: str, limit: int = 600) -> str:
    """The opening of an article, cut at the last sentence end before `limit` characters."""
    head = text.strip()[:limit]
    cut = head.rfind(". ")
    return head[: cut + 1] if cut > 0 else head


def build_corpus(n: int, path: Path, *, short: bool = False) -> Path:
    """Write N distinct articles as JSONL ({"id", "text"}) and return the path."""
    texts = gold_texts()
    if short:
        texts = [opening(t) for t in texts]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            note = f"Note de la rédaction numéro {i} : cet article fait partie du corpus de mesure {i // len(texts)}."
            text = texts[i % len(texts)].rstrip() + "\n\n" + note
            f.write(json.dumps({"id": f"bench-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    return path


def read_corpus(path: str | Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]
