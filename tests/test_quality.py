"""The quality gate: scores on gold articles must not fall below the floors pinned in tests/gold/floors.json.

`corpus` is the repository's own gold for the articles of corpus/; `blind` ten
articles written and annotated before the pipeline ever saw them (tuned on since:
no longer a held-out estimate, still a regression gate); `written` eighty articles
written and annotated by two sessions that never saw presse's code nor its gold (see
tests/gold/README.md), scored first at the fourth round of issue 10; `dev` and `dev2` are the
project's development gold beside the checkout (../shared), used when present.
`written_y` forty more, written the same way by a third session at the fifth round;
`written_z` forty more by a fourth session at the sixth round; `written_s` and `written_t`
eighty more written the same way at the sixth round and studied in its second wave (regression
gates, no longer estimates).
dev2's and the written sets' floors are their scores measured after the fifth round of
issue 10; raise them with each new measurement.  Two of dev2's were set a little below the
fourth round's: dates (0.583 -> 0.581) are read on matched visits only, and the round matched
two more visits, one dated right (the 60 dated visits matched before and after have the same
dates); interests (0.634 -> 0.630) pooled over both halves, with each half's F1 the same or
higher (odd 0.822, even 0.347 -> 0.349: more pairs predicted, one more right), written
0.542 -> 0.545.  Sixth round: written_y's visitor recall set lower, 0.603 -> 0.589 (one of its
61 gold visitors): the new reading of who is received in an audience moves one named visitor from a
stay to the reception told after it; the held-out half's visitor recall rose 0.500 -> 0.562 in the
same round, dev2's 0.707 -> 0.732.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import check_floors, read_jsonl, score
from pipeline.process import Processor
from pipeline.sinks import OutputDir
from pipeline.sources import read_jsonl as read_articles

ROOT = Path(__file__).resolve().parent.parent
GOLD = {"corpus": ROOT / "tests" / "gold" / "corpus.jsonl",
        "blind": ROOT / "tests" / "gold" / "blind.jsonl",
        "written": ROOT / "tests" / "gold" / "written.jsonl",
        "written_y": ROOT / "tests" / "gold" / "written_y.jsonl",
        "written_z": ROOT / "tests" / "gold" / "written_z.jsonl",
        "written_s": ROOT / "tests" / "gold" / "written_s.jsonl",
        "written_t": ROOT / "tests" / "gold" / "written_t.jsonl",
        "dev": ROOT.parent / "shared" / "gold" / "dev.jsonl",
        "dev2": ROOT.parent / "shared" / "gold" / "dev2.jsonl"}
FLOORS = json.loads((ROOT / "tests" / "gold" / "floors.json").read_text(encoding="utf-8"))
GOLD_FIELDS = ("visits", "sector_interests", "agreements", "entities")


def run_on_gold(nlp, gold_path: Path, out: Path) -> dict:
    """Strip the gold fields, process the articles as `presse run` does, score the output."""
    inputs = out / "inputs.jsonl"
    inputs.write_text("".join(
        json.dumps({k: v for k, v in doc.items() if k not in GOLD_FIELDS}, ensure_ascii=False) + "\n"
        for doc in read_jsonl(gold_path)), encoding="utf-8")
    with inputs.open("rb") as f, OutputDir(out) as sink:
        for result in Processor(nlp).process(read_articles(f, str(inputs))):
            assert result.error is None, result.error
            sink.write_article(result.document, result.events)
    return score(gold_path, out)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_floors(nlp, tmp_path, name):
    if not GOLD[name].exists():
        pytest.skip(f"{GOLD[name]} is not beside this checkout")
    result = run_on_gold(nlp, GOLD[name], tmp_path)
    assert check_floors(result, FLOORS[name]) == [], json.dumps(result, ensure_ascii=False, indent=1)
