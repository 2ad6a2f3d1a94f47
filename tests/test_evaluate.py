"""`presse eval` counts each story once: a gold article read twice is scored on its story's events."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import score
from stories import write_jsonl

TEXT = ("Une délégation chinoise conduite par le maire de Zhengzhou a été reçue lundi à Amiens "
        "par Pascale Moreau, vice-présidente d'Amiens Métropole.")
GOLD = {"id": "amiens-sample", "text": TEXT,
        "visits": [{"visitor_country": "CN", "destination": "Amiens", "start": None, "end": None,
                    "hosts": ["Pascale Moreau"], "visitors": [], "sectors": [], "salience": "main"}],
        "sector_interests": [], "agreements": [],
        "entities": [["Pascale Moreau", "PER"], ["Amiens", "LOC"], ["Amiens Métropole", "ORG"]]}


def _visit(event_id: str, doc_id: str, duplicate_of: str | None) -> dict:
    return {"event_id": event_id, "doc_id": doc_id, "type": "visit", "duplicate_of": duplicate_of,
            "visitor": {"name": "Une délégation chinoise", "country": "CN"},
            "destination": {"name": "Amiens", "country": "FR"}, "hosts": [{"name": "Pascale Moreau"}],
            "visitors": [], "start": None, "end": None, "sectors": []}


def _document(doc_id: str, text: str, duplicate_of: str | None) -> dict:
    entities = [{"text": t, "label": label} for t, label in GOLD["entities"] if t in text]
    return {"doc_id": doc_id, "text": text, "duplicate_of": duplicate_of, "entities": entities, "dates": []}


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    """The gold article was read second (a reprint of the web page, read first): it is the duplicate.
    The web page's cleaned text lost the host's name, so its entities are scored on what it kept."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    web_text = TEXT.replace(" par Pascale Moreau, vice-présidente d'Amiens Métropole", "")
    write_jsonl(out / "documents.jsonl", [_document("web-page", web_text, None),
                                          _document("amiens-sample", TEXT, "web-page")])
    write_jsonl(out / "events.jsonl", [_visit("e1", "web-page", None), _visit("e2", "amiens-sample", "web-page")])
    return gold, out


def test_gold_article_scored_on_its_story_once(folders):
    gold, out = folders
    result = score(gold, out)
    assert result["visits"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "pred": 1, "gold": 1}
    assert result["entities"]["LOC"]["f1"] == 1.0
    assert result["entities"]["PER"]["gold"] == 0  # the story's original kept no host name


def test_include_duplicates_scores_every_document_as_read(folders):
    gold, out = folders
    result = score(gold, out, include_duplicates=True)
    assert result["visits"]["tp"] == 1 and result["visits"]["pred"] == 1  # the gold id's own event
    assert result["entities"]["PER"]["f1"] == 1.0


def test_events_of_stories_without_gold_are_not_predictions(folders, tmp_path):
    gold, out = folders
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    events.append({**_visit("e3", "other-story", None), "destination": {"name": "Lille", "country": "FR"}})
    write_jsonl(out / "events.jsonl", events)
    assert score(gold, out)["visits"]["pred"] == 1


def test_cli_eval_floors(folders, capsys, tmp_path):
    gold, out = folders
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"visits.f1": 1.0}), encoding="utf-8")
    assert main(["eval", str(gold), str(out), "--floors", str(floors)]) == 0
    capsys.readouterr()
    floors.write_text(json.dumps({"entities.PER.f1": 0.5}), encoding="utf-8")
    assert main(["eval", str(gold), str(out), "--floors", str(floors), "--include-duplicates"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"]["f1"] == 1.0
