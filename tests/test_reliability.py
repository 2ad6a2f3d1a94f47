"""Bad input, dying workers and concurrent runs never stall or sink a batch, and nothing is lost or doubled.

The salted corpus is generated in a temp folder (small sizes where the behaviour
is the same as at archive scale) and run through `presse run` mixed with the two
seed articles: each bad input gives exactly one error record with a clear
message, every good article is written, the output validates.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.layout import DOCUMENTS, ERRORS
from pipeline.neutralise import csv_cell, terminal_text
from pipeline.sinks import OutputDir, OutputLocked

ROOT = Path(__file__).resolve().parent.parent
PRESSE = [sys.executable, "-m", "pipeline"]
SEEDS = ("amiens_zhengzhou.txt", "vosges_kazakhstan.txt")
PARAGRAPH = ("Le président de la région Grand Est a reçu jeudi une délégation d'entrepreneurs québécois venus "
             "parler d'agriculture et de bois de construction avec les industriels de la vallée.")


def presse(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*PRESSE, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, **kwargs)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def html_page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


def warc_record(url: str, html: str, *, length_error: int = 0, gzipped: bool = False) -> bytes:
    """One WARC response record; `length_error` makes its Content-Length lie by that many bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                                  http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": "2019-08-27T10:00:00Z"}))
    data = buffer.getvalue()
    if length_error:
        head, _, rest = data.partition(b"\r\n\r\n")
        declared = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        head = head.replace(b"Content-Length: %d" % declared, b"Content-Length: %d" % (declared + length_error))
        data = head + b"\r\n\r\n" + rest
    return data


def salt(folder: Path) -> dict[str, str]:
    """Write the salted corpus; return each bad input's name and the words its one error record says."""
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(ROOT / "corpus" / name, folder / name)
    page = next(iter(sorted((ROOT / "corpus" / "html").glob("*.html"))))
    (folder / "page.html.gz").write_bytes(gzip.compress(page.read_bytes()))
    with gzip.open(folder / "lines.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "gz1", "text": PARAGRAPH.replace("jeudi", "mardi")}) + "\n")
    (folder / "mixed.jsonl").write_text(json.dumps({"id": "j1", "text": PARAGRAPH.replace("jeudi", "lundi")})
                                        + "\n{not json\n", encoding="utf-8")
    # Decoding: stray cp1252 bytes in UTF-8; UTF-16 with its BOM.
    stray = ("Le Président de la République a reçu à l'Élysée le Premier ministre indien, venu signer un "
             "accord sur l'énergie solaire.").encode("utf-8").replace("venu".encode(), b"venu \x93enfin\x94")
    (folder / "stray.txt").write_bytes(stray)
    (folder / "utf16.txt").write_bytes(("\ufeff" + PARAGRAPH.replace("jeudi", "samedi")).encode("utf-16-le"))
    # Size: a text over --max-bytes (20000 below) is cut at a paragraph; a 20,000-deep page is read.
    (folder / "long.txt").write_text("\n\n".join(f"{PARAGRAPH} ({n})" for n in range(300)), encoding="utf-8")
    deep = "<div>" * 20_000 + f"<p>{PARAGRAPH.replace('jeudi', 'vendredi')}</p>" + "</div>" * 20_000
    (folder / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    # Web archives: lying Content-Lengths in a plain WARC; a gzip member that inflates past the cap.
    pages = [html_page(f"Page {n}", PARAGRAPH.replace("jeudi", f"le {n} mai")) for n in range(5)]
    (folder / "lying.warc").write_bytes(b"".join([
        warc_record("https://example.fr/0", pages[0]),
        warc_record("https://example.fr/1", pages[1], length_error=+40),
        warc_record("https://example.fr/2", pages[2]),
        warc_record("https://example.fr/3", pages[3], length_error=-40),
        warc_record("https://example.fr/4", pages[4]),
    ]))
    bomb = html_page("Bombe", "\x00" * (9 << 20))
    (folder / "bomb.warc.gz").write_bytes(b"".join([
        warc_record("https://example.fr/a", pages[0].replace("mai", "juin"), gzipped=True),
        warc_record("https://example.fr/bomb", bomb, gzipped=True),
        warc_record("https://example.fr/c", pages[1].replace("mai", "juin"), gzipped=True),
    ]))
    # What is not an article: empty, binary, a PDF behind an XMP packet, links to nowhere.
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)
    xmp = b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' + \
        b"<rdf:RDF>" + b"<rdf:Description>Rapport annuel</rdf:Description>" * 20 + b"</rdf:RDF></x:xmpmeta>"
    (folder / "report.html").write_bytes(xmp + b"\n%PDF-1.7\n" + bytes(range(256)) * 200)
    os.symlink(folder / "nowhere.txt", folder / "broken.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return {
        "mixed.jsonl:2": "Expecting property name",
        "lying.warc#2": "Content-Length",
        "lying.warc#4": "Content-Length",
        "bomb.warc.gz#2": "binary content",
        "empty.txt": "empty file",
        "junk.txt": "binary content",
        "report.html": "PDF",
        "broken.txt": "broken or looping symbolic link",
        "loop.txt": "broken or looping symbolic link",
    }


@pytest.fixture(scope="module")
def salted_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("salted")
    expected = salt(base / "in")
    out = base / "out"
    result = presse("run", str(base / "in"), "--out", str(out), "--max-bytes", "20000", "--progress", "log")
    return base, out, expected, result


def test_salted_run_ends_with_every_input_accounted_for(salted_run):
    base, out, expected, result = salted_run
    assert result.returncode == 0, result.stderr
    errors = [e for e in read_jsonl(out / ERRORS) if e["level"] == "error"]
    by_source = {Path(e["source"]).name: e for e in errors}
    assert len(by_source) == len(errors), "one error record per bad input"
    assert set(by_source) == set(expected)
    for name, words in expected.items():
        assert words in by_source[name]["message"], (name, by_source[name])
    documents = read_jsonl(out / DOCUMENTS)
    names = {Path(d["source"].split("#")[0].rsplit(":", 1)[0]).name for d in documents}
    assert set(SEEDS) | {"page.html.gz", "lines.jsonl.gz", "mixed.jsonl", "stray.txt", "utf16.txt", "long.txt",
                         "deep.html", "lying.warc", "bomb.warc.gz"} == names
    assert sum(d["source"].startswith(str(base / "in" / "lying.warc")) for d in documents) == 3
    assert "1 files of other types skipped" in result.stderr
    assert presse("validate", str(out)).returncode == 0


def test_stray_bytes_are_replaced_and_counted_not_a_reason_to_misread(salted_run):
    _, out, _, _ = salted_run
    doc = next(d for d in read_jsonl(out / DOCUMENTS) if d["source"].endswith("stray.txt"))
    assert "Le Président de la République" in doc["text"] and doc["replaced_bytes"] == 2


def test_text_over_the_cap_is_cut_at_a_paragraph_with_a_warning(salted_run):
    _, out, _, _ = salted_run
    doc = next(d for d in read_jsonl(out / DOCUMENTS) if d["source"].endswith("long.txt"))
    assert doc["truncated"] is True and len(doc["text"].encode("utf-8")) <= 20000
    assert doc["text"].endswith(")")  # a whole paragraph, "(n)" closing it
    warning = next(e for e in read_jsonl(out / ERRORS) if e["level"] == "warning")
    assert warning["source"].endswith("long.txt") and "--max-bytes 20000" in warning["message"]


def test_a_rerun_with_nothing_left_loads_no_model_and_writes_nothing(salted_run):
    base, out, _, _ = salted_run
    before = {name: (out / name).read_bytes() for name in (DOCUMENTS, ERRORS)}
    result = presse("run", str(base / "in"), "--out", str(out), "--max-bytes", "20000", "--progress", "log")
    assert result.returncode == 0
    assert "loading the model" not in result.stderr and " 0 articles" in result.stderr
    assert {name: (out / name).read_bytes() for name in (DOCUMENTS, ERRORS)} == before


def test_a_path_spelled_differently_gives_the_same_doc_id(tmp_path):
    from pipeline.process import prepare
    from pipeline.sources import read_path

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    spellings = [str(tmp_path / "a.txt"), str(tmp_path / "sub" / ".." / "a.txt")]
    ids = {prepare(next(read_path(p)))[1].doc_id for p in spellings}
    assert len(ids) == 1


def test_a_second_run_into_the_same_out_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    with OutputDir(tmp_path / "out"):
        result = presse("run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"))
        with pytest.raises(OutputLocked):
            OutputDir(tmp_path / "out")
    assert result.returncode == 2
    assert "being written by another presse run" in result.stderr
    assert (tmp_path / "out" / DOCUMENTS).read_text() == ""


def test_exit_status_says_when_an_input_is_missing_or_nothing_succeeded(tmp_path):
    missing = presse("run", str(tmp_path / "nowhere.jsonl"), "--out", str(tmp_path / "o1"))
    assert missing.returncode == 1 and "input not found" in missing.stderr
    assert (tmp_path / "o1" / ERRORS).exists()
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    nothing = presse("run", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o2"))
    assert nothing.returncode == 1 and "no article could be processed" in nothing.stderr


def _worker_pids() -> list[int]:
    children = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children += (task / "children").read_text().split()
    return [int(pid) for pid in children
            if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_killed_and_stalled_workers_are_replaced_and_nothing_is_lost_or_doubled(tmp_path):
    """One worker killed, the other frozen: the killed one replaced, the frozen one too once it holds an
    article past the budget (it may hold none, if the rest of the run went to the others); every article
    written once or, if it was alone on a lost worker, given an error record."""
    from pipeline.engines import Limits, run_local

    texts = [f"{PARAGRAPH} Article numéro {n}, sur le thème {n * 7 % 13}." for n in range(40)]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": f"a{n}", "text": t}) + "\n"
                                               for n, t in enumerate(texts)), encoding="utf-8")
    struck = []

    def strike(_item) -> None:
        if not struck:
            pids = _worker_pids()
            os.kill(pids[0], signal.SIGKILL)
            os.kill(pids[1], signal.SIGSTOP)
            struck.extend(pids)

    with OutputDir(tmp_path / "out") as out:
        summary = run_local([str(tmp_path / "in.jsonl")], out, workers=2, batch_size=2, chunk_size=2,
                            components=[], isolate=True, limits=Limits(article_timeout=3), on_result=strike)
    written = [d["doc_id"] for d in read_jsonl(tmp_path / "out" / DOCUMENTS)]
    errors = read_jsonl(tmp_path / "out" / ERRORS)
    failed = [f"a{int(e['source'].rsplit(':', 1)[1]) - 1}" for e in errors]
    assert sorted(written + failed) == sorted(f"a{n}" for n in range(40))  # each once, none lost
    assert all(e["error"] == "WorkerLost" and "--article-timeout" in e["message"] for e in errors)
    assert len(errors) <= 1 and len(struck) == 2 and 1 <= summary.workers_replaced <= 2


def test_event_ids_are_unique_by_construction():
    """Thousands of events, many identical in every field but their document or their rank."""
    import spacy

    from pipeline.records import ArticleMeta
    from pipeline.todoc import doc_to_records

    nlp = spacy.blank("fr")
    event = {"type": "sector_interest", "rule": "test", "confidence": 0.5, "cameo": "042", "plover": "CONSULT",
             "actor": {"name": "Québec", "country": "CA"}, "sector": "agrifood"}
    ids = []
    for n in range(300):
        doc = nlp(f"{PARAGRAPH} {PARAGRAPH}")
        spans = [doc[0:5], doc[0:5], doc[6:9]] * 4  # the same evidence and payload, several times
        doc.spans["events"] = spans
        for rank, span in enumerate(doc.spans["events"]):
            span._.event = dict(event, sector="agrifood" if rank % 2 else "wood")
        _, events = doc_to_records(doc, ArticleMeta(doc_id=f"d{n % 150}-{n // 150}", source="x"))
        ids += [e.event_id for e in events]
    assert len(ids) == 3600 and len(set(ids)) == len(ids)


def test_long_text_is_parsed_in_parts_with_offsets_in_the_one_document(nlp):
    from pipeline.process import Processor
    from pipeline.sources import RawArticle

    text = "\n\n".join(f"{PARAGRAPH} Paragraphe {n}." for n in range(12))
    processor = Processor(nlp, part_chars=700)
    [whole] = Processor(nlp).process([RawArticle(source="x", text=text)])
    [parts] = processor.process([RawArticle(source="x", text=text)])
    doc = parts.document
    assert doc.text == whole.document.text
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
    assert all(doc.text[e.evidence.start:e.evidence.end] == e.evidence.text for e in parts.events)
    assert {(e.text, e.start) for e in doc.entities} == {(e.text, e.start) for e in whole.document.entities}
    assert len({e.event_id for e in parts.events}) == len(parts.events)


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("+33 1 40 00", "'+33 1 40 00"),
    ("-1.5", "-1.5"),
    ("Amiens", "Amiens"),
])
def test_csv_cells_that_start_a_formula_are_neutralised(value, cell):
    assert csv_cell(value) == cell


def test_terminal_text_loses_escape_sequences():
    assert terminal_text("Le \x1b[31mmaire\x1b[0m de \x1b]0;titre\x07Lyon\x00") == "Le maire de Lyon"


def test_an_article_that_brings_its_worker_down_alone_is_an_error_and_its_neighbours_are_retried():
    """The pool's rule when a worker is lost: a batch's articles are retried one per task; the one
    article of a single task gets an error record naming the reason."""
    from pipeline.engines import Done, Limits, Pool, Worker
    from pipeline.sources import RawArticle

    class Gone:
        def close(self) -> None:
            pass

    pool = Pool(1, [], 2, Limits(), Done(), None)
    batch = Worker(process=None, conn=Gone(), name="w1", ready=True,
                   held={4: RawArticle(source="a.txt", text="x"), 5: RawArticle(source="b.txt", text="y")})
    pool.workers.append(batch)
    assert list(pool._lost(batch, "worker killed by signal SIGKILL")) == []
    assert [seq for seq, _ in pool.suspects] == [4, 5]
    alone = Worker(process=None, conn=Gone(), name="w2", ready=True, alone=True,
                   held={4: RawArticle(source="a.txt", text="x")})
    pool.workers.append(alone)
    [(kind, seq, encoded)] = pool._lost(alone, "over the time budget: no result in 120 s (--article-timeout)")
    error = json.loads(encoded.error)
    assert (kind, seq, error["source"], error["error"]) == ("result", 4, "a.txt", "WorkerLost")
    assert "--article-timeout" in error["message"] and pool.replaced == 2 and not pool.workers


def test_a_memory_ceiling_below_the_model_fails_the_run_with_a_clear_message(tmp_path):
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    result = presse("run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--max-worker-memory", "1")
    assert result.returncode == 2
    assert "worker memory over 1 MB (--max-worker-memory)" in result.stderr
