"""`presse run` end to end: the output contract on corpus/, and bad inputs that never stop a batch."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_FIELDS = {"doc_id", "source", "published", "title", "url", "text", "entities", "dates"}
EVENT_FIELDS = {"event_id", "doc_id", "type", "evidence"}


def presse(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=600)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus_out")
    result = presse("run", "corpus", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_every_corpus_file_gives_documents_and_no_errors(corpus_run):
    documents = read_jsonl(corpus_run / "documents.jsonl")
    sources = {d["source"].split("#")[0].split(":")[0] for d in documents}
    expected = {str(p.relative_to(ROOT)) for p in (ROOT / "corpus").rglob("*")
                if p.suffix in (".txt", ".html", ".jsonl") or p.name.endswith(".warc.gz")}
    assert sources == expected
    assert read_jsonl(corpus_run / "errors.jsonl") == []


def test_documents_follow_the_contract(corpus_run):
    documents = read_jsonl(corpus_run / "documents.jsonl")
    assert documents
    for doc in documents:
        assert DOCUMENT_FIELDS <= doc.keys()
        assert doc["text"].strip()
        for item in doc["entities"] + doc["dates"]:
            assert doc["text"][item["start"]:item["end"]] == item["text"]
        assert {e["label"] for e in doc["entities"]} <= {"PER", "ORG", "LOC", "MISC"}
    assert len({d["doc_id"] for d in documents}) == len(documents)


def test_events_follow_the_contract(corpus_run):
    documents = {d["doc_id"]: d for d in read_jsonl(corpus_run / "documents.jsonl")}
    events = read_jsonl(corpus_run / "events.jsonl")
    assert {e["type"] for e in events} >= {"visit", "sector_interest"}
    for event in events:
        assert EVENT_FIELDS <= event.keys()
        text = documents[event["doc_id"]]["text"]
        evidence = event["evidence"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert len({e["event_id"] for e in events}) == len(events)


def test_rerun_is_identical(corpus_run, tmp_path):
    result = presse("run", "corpus", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("documents.jsonl", "events.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (corpus_run / name).read_text(encoding="utf-8")


def test_jsonl_on_stdin(tmp_path):
    article = {"id": "stdin-1", "published": "2019-05-03",
               "text": "Une délégation chinoise de la ville de Wuhan a été reçue vendredi à la mairie de Lyon."}
    result = presse("run", "-", "--out", str(tmp_path), stdin=json.dumps(article, ensure_ascii=False) + "\n")
    assert result.returncode == 0, result.stderr
    [doc] = read_jsonl(tmp_path / "documents.jsonl")
    assert doc["doc_id"] == "stdin-1" and doc["published"] == "2019-05-03"


def test_bad_inputs_give_one_error_each_and_good_articles_are_kept(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = (ROOT / "corpus" / "amiens_zhengzhou.txt").read_text(encoding="utf-8")
    (inputs / "a_good.txt").write_text(good, encoding="utf-8")
    (inputs / "b_empty.txt").write_bytes(b"")
    (inputs / "c_junk.html").write_bytes(bytes(range(256)) * 40)
    (inputs / "d_latin1.txt").write_bytes("Le maire de Besançon a reçu une délégation québécoise.".encode("latin-1"))
    (inputs / "e_truncated.warc.gz").write_bytes((ROOT / "corpus").joinpath(
        *next((ROOT / "corpus").rglob("*.warc.gz")).relative_to(ROOT / "corpus").parts).read_bytes()[:-200])
    (inputs / "f_lines.jsonl").write_text('{"id": "ok-1", "text": "La délégation polonaise est arrivée à Lille."}\n'
                                          '{"id": broken\n', encoding="utf-8")
    (inputs / "g_menu_only.html").write_text(
        "<html><body><nav><a href='/'>Accueil</a> <a href='/eco'>Economie</a></nav></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    result = presse("run", str(inputs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    errors = read_jsonl(out / "errors.jsonl")
    failed = {Path(e["source"].split("#")[0].rsplit(":", 1)[0] if e["source"].endswith(":2") else
                   e["source"].split("#")[0]).name for e in errors}
    assert failed == {"b_empty.txt", "c_junk.html", "e_truncated.warc.gz", "f_lines.jsonl", "g_menu_only.html"}
    assert all(e["message"] and e["error"] and e["stage"] in ("read", "clean") for e in errors)
    kept = {Path(d["source"].split("#")[0].split(":")[0]).name for d in documents}
    assert {"a_good.txt", "d_latin1.txt", "f_lines.jsonl"} <= kept
    assert any("Besançon" in d["text"] for d in documents)


def test_a_page_on_stdin_and_jsonl_fields_named_otherwise(tmp_path):
    page = ("<html><head><title>Visite</title></head><body><article><p>Une délégation chinoise de la ville de "
            "Wuhan a été reçue vendredi à la mairie de Lyon.</p></article></body></html>")
    result = presse("run", "-", "--stdin-format", "html", "--out", str(tmp_path / "html"), stdin=page)
    assert result.returncode == 0, result.stderr
    [doc] = read_jsonl(tmp_path / "html" / "documents.jsonl")
    assert "Wuhan" in doc["text"] and doc["title"] == "Visite"
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"uid": "x-7", "body": "La délégation polonaise est arrivée à Lille mardi."}) + "\n",
                      encoding="utf-8")
    result = presse("run", str(export), "--text-key", "body", "--id-key", "uid", "--out", str(tmp_path / "keys"))
    assert result.returncode == 0, result.stderr
    [doc] = read_jsonl(tmp_path / "keys" / "documents.jsonl")
    assert doc["doc_id"] == "x-7" and "Lille" in doc["text"]
