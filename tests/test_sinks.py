"""Crash states of the output files, and how the next run repairs them: nothing lost, nothing twice."""
from __future__ import annotations

import json

import pytest

from pipeline.records import Document, ErrorRecord, Evidence, SectorInterest
from pipeline.sinks import DOCUMENTS, ERRORS, EVENTS, SIGNATURES, OutputDir, repair

TEXTS = {
    "a": "La mairie de Rennes a reçu lundi une délégation de la ville japonaise de Sendai pour parler d'eau potable.",
    "b": "Le port de Brest veut attirer des armateurs norvégiens et présente ses quais rénovés cette semaine.",
    "c": "À Tulle, les accordéonistes espagnols de Cuenca ont signé une charte d'amitié avec le comité de jumelage.",
}


def document(doc_id: str) -> Document:
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=TEXTS[doc_id])


def event(doc_id: str, n: int) -> SectorInterest:
    return SectorInterest(event_id=f"{doc_id}{n}", doc_id=doc_id, evidence=Evidence(text="La", start=0, end=2),
                          rule="test", confidence=0.5, cameo="042", plover="CONSULT",
                          actor={"name": "x"}, sector="water")


def write_all(path, ids=("a", "b", "c")):
    with OutputDir(path) as out:
        for doc_id in ids:
            out.write_article(document(doc_id), [event(doc_id, 1), event(doc_id, 2)])


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def cut_after(path, needle: str, keep: int) -> None:
    """Simulate a kill in the middle of a line: keep `keep` bytes of the line holding `needle`."""
    data = path.read_bytes()
    start = data.index(needle.encode())
    line_start = data.rindex(b"\n", 0, start) + 1 if b"\n" in data[:start] else 0
    path.write_bytes(data[:line_start + keep])


@pytest.mark.parametrize("kill", [
    "document line of c torn",
    "events of c written, document of c not",
    "event line of c torn",
    "signature of c written, document of c not",
    "nothing of c",
])
def test_killed_run_is_completed_by_the_next(tmp_path, kill):
    reference = tmp_path / "reference"
    write_all(reference)
    out = tmp_path / "killed"
    write_all(out)
    # Put the files in the state a kill at that moment leaves.
    docs, events, sigs = out / DOCUMENTS, out / EVENTS, out / SIGNATURES
    if kill == "document line of c torn":
        cut_after(docs, '"doc_id":"c"', 30)
    elif kill == "events of c written, document of c not":
        docs.write_text("".join(f"{line}\n" for line in lines(docs)[:2]), encoding="utf-8")
        sigs.write_text("".join(f"{line}\n" for line in lines(sigs)[:2]), encoding="utf-8")
    elif kill == "event line of c torn":
        docs.write_text("".join(f"{line}\n" for line in lines(docs)[:2]), encoding="utf-8")
        sigs.write_text("".join(f"{line}\n" for line in lines(sigs)[:2]), encoding="utf-8")
        cut_after(events, '"event_id":"c2"', 17)
    elif kill == "signature of c written, document of c not":
        docs.write_text("".join(f"{line}\n" for line in lines(docs)[:2]), encoding="utf-8")
    else:
        write_all(tmp_path / "partial", ids=("a", "b"))
        out = tmp_path / "partial"
    write_all(out)  # the next run, over the same inputs
    for name in (DOCUMENTS, EVENTS, SIGNATURES):
        assert (out / name).read_text(encoding="utf-8") == (reference / name).read_text(encoding="utf-8"), name
        assert all(json.loads(line) for line in lines(out / name))


def test_rerun_writes_nothing_twice(tmp_path):
    write_all(tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in (DOCUMENTS, EVENTS, SIGNATURES)}
    with OutputDir(tmp_path) as out:
        assert not out.write_article(document("a"), [event("a", 1)])
        assert out.is_done("a.txt", None) and out.is_done("elsewhere", "b") and not out.is_done("c.html", "d")
    assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_force_starts_over(tmp_path):
    write_all(tmp_path, ids=("a", "b"))
    with OutputDir(tmp_path, force=True) as out:
        assert out.done_ids == set()
        out.write_article(document("c"), [])
    assert [json.loads(line)["doc_id"] for line in lines(tmp_path / DOCUMENTS)] == ["c"]
    assert lines(tmp_path / EVENTS) == []


def test_known_error_is_not_logged_twice(tmp_path):
    error = ErrorRecord(source="bad.html", stage="read", error="ReadError", message="empty file: bad.html")
    with OutputDir(tmp_path) as out:
        assert out.write_error(error)
    with OutputDir(tmp_path) as out:
        assert not out.write_error(error)
    assert len(lines(tmp_path / ERRORS)) == 1


def test_a_bad_line_inside_the_file_is_dropped_and_the_rest_kept(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"n": 1}\n{"n": 2\n{"n": 3}\n{"n": 4', encoding="utf-8")
    kept = []
    repair(path, on_kept=kept.append)
    assert path.read_text(encoding="utf-8") == '{"n": 1}\n{"n": 3}\n'
    assert kept == [{"n": 1}, {"n": 3}]
