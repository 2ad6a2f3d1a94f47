"""Readers on real files: every kind of input, and every kind of bad input as an error record."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from pipeline.records import ErrorRecord
from pipeline.sources import RawArticle, decode_text, expand_inputs, read_path, read_sources, url_date

SEED_SENTENCE = "Vendredi, l’ambassadeur du Kazakhstan, Nourlan Danenov"


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_text_file_is_read_as_text(corpus_dir):
    article = only(read_path(str(corpus_dir / "vosges_kazakhstan.txt")))
    assert isinstance(article, RawArticle)
    assert SEED_SENTENCE in article.text
    assert article.source.endswith("vosges_kazakhstan.txt")


def test_folder_is_read_recursively_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Deuxième article.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Premier article.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    paths = list(expand_inputs([str(tmp_path)]))
    assert [p.rsplit("/", 1)[1] for p in paths] == ["two.txt", "one.txt"]
    assert [a.text for a in read_sources([str(tmp_path)])] == ["Deuxième article.", "Premier article."]


def test_glob_is_expanded(tmp_path):
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text("Un texte.", encoding="utf-8")
    assert len(list(expand_inputs([str(tmp_path / "*.txt")]))) == 2


def test_jsonl_fields_are_kept_and_bad_lines_become_errors(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Une délégation chinoise à Amiens.", "published": "2019-08-26",
                    "url": "https://example.fr/a1", "title": "Titre"}),
        "{not json",
        json.dumps({"id": "a2", "html": "<html><body><p>Bonjour</p></body></html>"}),
        json.dumps({"id": "a3"}),
        json.dumps(["a", "list"]),
    ]) + "\n", encoding="utf-8")
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == ["RawArticle", "ErrorRecord", "RawArticle", "ErrorRecord",
                                                 "ErrorRecord"]
    first = items[0]
    assert (first.id, first.published, first.published_source, first.url, first.title) == (
        "a1", "2019-08-26", "input", "https://example.fr/a1", "Titre")
    assert items[1].source == f"{path}:2" and items[1].stage == "read" and items[1].error == "JSONDecodeError"
    assert items[2].html and items[2].text is None
    assert "neither 'text' nor 'html'" in items[3].message


@pytest.mark.parametrize("data, expected", [
    ("Délégation reçue à Besançon".encode("utf-8"), "Délégation reçue à Besançon"),
    ("\ufeffDélégation reçue".encode("utf-8"), "Délégation reçue"),
    ("Délégation reçue à l'hôtel de ville de Besançon, où le maire l'a accueillie.".encode("cp1252"),
     "Délégation reçue à l'hôtel de ville de Besançon, où le maire l'a accueillie."),
])
def test_text_encodings_are_decoded(data, expected):
    assert decode_text(data, "x.txt") == expected


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty file"),
    ("blank.html", b"   \n ", "empty file"),
    ("junk.txt", b"\x00\x01\x02\xff\xfe" * 50, "binary"),
    ("data.csv", b"a,b\n1,2\n", "unsupported input type"),
])
def test_bad_files_become_one_error_each(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    error = only(read_path(str(path)))
    assert isinstance(error, ErrorRecord)
    assert error.stage == "read" and message in error.message and error.source == str(path)


def test_missing_path_is_an_error(tmp_path):
    error = only(read_sources([str(tmp_path / "nowhere.txt")]))
    assert isinstance(error, ErrorRecord) and "no such input" in error.message


def _warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "presse tests"}))
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2019-08-27T10:00:00Z"})
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes([("https://example.fr/a", "<html><body><p>Un</p></body></html>"),
                                  ("https://example.fr/b", "<html><body><p>Deux</p></body></html>")]))
    articles = list(read_path(str(path)))
    assert [a.url for a in articles] == ["https://example.fr/a", "https://example.fr/b"]
    assert all(a.published == "2019-08-27" and a.published_source == "warc" for a in articles)
    assert all(a.source.startswith(f"{path}#<urn:uuid:") for a in articles)


def test_truncated_warc_keeps_earlier_records_and_reports_the_cut(tmp_path):
    data = _warc_bytes([(f"https://example.fr/{i}", "<html><body><p>%s</p></body></html>" % ("x" * 2000))
                        for i in range(3)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 100])  # the third response is cut off
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ErrorRecord"]
    assert [a.url for a in items[:2]] == ["https://example.fr/0", "https://example.fr/1"]
    assert items[-1].error == "TruncatedArchive" and "2 whole records" in items[-1].message


def test_not_gzip_warc_is_an_error(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a warc file at all\n" * 10))
    items = list(read_path(str(path)))
    assert isinstance(items[-1], ErrorRecord)


@pytest.mark.parametrize("data, expected, replaced", [
    # Two stray cp1252 quotes in UTF-8: replaced and counted, the accents kept (not a reason to misread all).
    ("Le Président reçu à l'Élysée, «\x93venu\x94» signer.".encode("utf-8").replace(b"\xc2\x93", b"\x93")
     .replace(b"\xc2\x94", b"\x94"), "Le Président reçu à l'Élysée, «\ufffdvenu\ufffd» signer.", 2),
    ("\ufeffDélégation reçue à Nantes".encode("utf-16-le"), "Délégation reçue à Nantes", 0),
    ("Délégation reçue à Nantes".encode("utf-16-be").join([b"\xfe\xff", b""]), "Délégation reçue à Nantes", 0),
    ("Le maire a reçu l’ambassadeur à l’hôtel de ville".encode("cp1252"),
     "Le maire a reçu l’ambassadeur à l’hôtel de ville", 0),
])
def test_decoding_order_is_bom_utf8_declared_cp1252(data, expected, replaced):
    from pipeline.sources import decode_bytes

    assert decode_bytes(data) == (expected, replaced)


def test_a_page_declaring_its_charset_is_read_in_it():
    from pipeline.sources import decode_bytes

    page = '<html><head><meta charset="iso-8859-15"></head><body>Coût : 5 €</body></html>'
    assert "Coût : 5 €" in decode_bytes(page.encode("iso-8859-15"), html=True)[0]


def test_gzipped_inputs_read_like_plain_ones(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress("Délégation reçue.".encode("utf-8")))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "b", "text": "Un texte."}).encode() + b"\n"))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(b"<html><body><p>Bonjour</p></body></html>"))
    items = list(read_sources([str(tmp_path)]))
    assert [(i.text, i.id) for i in items[:2]] == [("Délégation reçue.", None), ("Un texte.", "b")]
    assert "Bonjour" in items[2].html


def _plain_warc(pages: list[tuple[str, str, int]]) -> bytes:
    """Plain WARC records; the third value makes the record's Content-Length lie by that much."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    data = b""
    for url, html, error in pages:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
        head, _, rest = buffer.getvalue().partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        data += head.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length + error)) \
            + b"\r\n\r\n" + rest
    return data


@pytest.mark.parametrize("error", [+30, -30])
def test_a_lying_content_length_costs_its_record_only(tmp_path, error):
    path = tmp_path / "lying.warc"
    path.write_bytes(_plain_warc([("https://e.fr/1", "<p>Un</p>", 0), ("https://e.fr/2", "<p>Deux</p>", error),
                                  ("https://e.fr/3", "<p>Trois</p>", 0)]))
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == ["RawArticle", "ErrorRecord", "RawArticle"]
    assert [items[0].url, items[2].url] == ["https://e.fr/1", "https://e.fr/3"]
    assert "Content-Length" in items[1].message


def test_links_to_nowhere_and_loops_are_errors_not_silence(tmp_path):
    (tmp_path / "ok.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop is walked once
    items = list(read_sources([str(tmp_path)]))
    errors = sorted(Path(i.source).name for i in items if isinstance(i, ErrorRecord))
    assert errors == ["broken.txt", "loop"]
    assert [i.text for i in items if isinstance(i, RawArticle)] == ["Un texte."]


def test_a_file_the_system_refuses_to_open_is_one_error_and_its_neighbours_are_read(tmp_path, monkeypatch):
    """Tests run as root, which reads any file: the refusal an ordinary user gets is raised by hand."""
    import builtins

    (tmp_path / "a_locked.jsonl").write_text('{"id": "x", "text": "Texte."}\n', encoding="utf-8")
    (tmp_path / "b_open.txt").write_text("Le maire a reçu une délégation chinoise.", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("a_locked.jsonl"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    items = list(read_sources([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    articles = [i for i in items if isinstance(i, RawArticle)]
    assert len(errors) == 1 and "Permission denied" in errors[0].message and errors[0].source.endswith("a_locked.jsonl")
    assert len(articles) == 1 and "délégation" in articles[0].text


URL_DATES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "sources_url_dates.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", URL_DATES, ids=lambda r: str(r["url"]))
def test_url_date(row):
    assert url_date(row["url"]) == row["date"]


def test_an_undated_article_is_dated_by_its_address(nlp):
    """Relative dates need an anchor: an article with no date of its own takes the one its address
    files it under, and says so; a date of its own wins."""
    from pipeline.process import Processor

    text = "Une délégation chinoise est arrivée hier à Dakar."
    url = "https://www.lesoleil.sn/actualites/2022/08/23/delegation"
    undated, dated = Processor(nlp).process([RawArticle(source="a", text=text, url=url),
                                            RawArticle(source="b", text=text, url=url, published="2022-08-25",
                                                       published_source="input")])
    assert (undated.document.published, undated.document.published_source) == ("2022-08-23", "url")
    assert (dated.document.published, dated.document.published_source) == ("2022-08-25", "input")
    [visit] = [e for e in undated.events if e.type == "visit"]
    assert visit.start == "2022-08-22"
