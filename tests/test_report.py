"""`presse report`: the page's counts and links, no external reference, and a real render in headless Chromium."""
from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.report import anchor, country_point, load, render, write_report

SAMPLE = Path(__file__).resolve().parent / "data" / "outputs_sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Page(HTMLParser):
    """Collects ids, the attributes of every element, and the `data-count` of each count row."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []
        self.counts: dict[tuple[str, str], int] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if "data-count" in values:
            key = (values.get("data-kind", "total"), values.get("data-key") or values.get("data-total"))
            self.counts[key] = int(values["data-count"])


@pytest.fixture(scope="module")
def page_html(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(SAMPLE, path)
    return path


@pytest.fixture(scope="module")
def page(page_html) -> Page:
    return Page(page_html.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key, count", [
    (("total", "documents"), 3), (("total", "visits"), 3), (("total", "sector interests"), 3),
    (("total", "agreements"), 1),
    (("visitor_country", "CN"), 1), (("visitor_country", "KZ"), 1), (("visitor_country", "FR"), 1),
    (("destination_country", "FR"), 2), (("destination_country", "SN"), 1),
    (("sector", "agroalimentaire"), 2), (("sector", "tourisme"), 2), (("sector", "automobile"), 2),
    (("month", "2019-08"), 3), (("month", "2019-10"), 2), (("month", "2021-03"), 1),
    (("month", "2018 (year only)"), 1),
])
def test_counts(page, key, count):
    assert page.counts[key] == count


def test_no_other_count_rows(page):
    kinds = {}
    for kind, _ in page.counts:
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {"total": 4, "visitor_country": 3, "destination_country": 2, "sector": 3, "month": 4}


def test_every_event_has_an_anchor_and_every_link_lands(page):
    event_ids = [json.loads(line)["event_id"] for line in (SAMPLE / "events.jsonl").read_text().splitlines()]
    assert {anchor(e) for e in event_ids} <= page.ids
    links = [v for _, k, v in page.attrs if k in ("href", "xlink:href")]
    assert links and all(link.startswith("#") and link[1:] in page.ids for link in links)
    visit_ids = [json.loads(line)["event_id"] for line in (SAMPLE / "events.jsonl").read_text().splitlines()
                 if json.loads(line)["type"] == "visit"]
    for event_id in visit_ids:  # from the timeline and from the map
        assert sum(1 for link in links if link == f"#{anchor(event_id)}") == 2


def test_evidence_sentences_are_on_the_page(page_html):
    text = page_html.read_text(encoding="utf-8")
    assert "a visité les Vosges en octobre" in text
    assert "vice-présidente d&#x27;Amiens Métropole" in text


def test_page_references_nothing_outside_itself(page, page_html):
    """No src/href/url()/@import to any scheme but an in-page anchor; no element that fetches."""
    text = page_html.read_text(encoding="utf-8")
    fetching = {tag for tag, _, _ in page.attrs if tag in ("img", "link", "iframe", "object", "embed", "source",
                                                              "video", "audio", "image", "use", "base")}
    assert fetching == set()
    for tag, name, value in page.attrs:
        if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "background"):
            assert value.startswith("#") or value.startswith("data:"), (tag, name, value)
    for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", text):
        assert target.startswith("#") or target.startswith("data:"), target
    assert "@import" not in text
    assert not re.search(r"\b(?:https?|ftp|wss?)://", text)


def test_text_from_articles_is_escaped(tmp_path):
    records = [json.loads(line) for line in (SAMPLE / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    records[0]["destination"]["name"] = "<script>alert(1)</script>"
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shutil.copy(SAMPLE / "documents.jsonl", tmp_path / "documents.jsonl")
    text = render(load(tmp_path))
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert text.count("<script>") == 1


@pytest.mark.parametrize("code, near", [("CN", (39.9, 116.4)), ("SN", (14.7, -17.4)), ("FR", (48.9, 2.35))])
def test_country_point_is_the_capital(code, near):
    lat, lon = country_point(code)
    assert abs(lat - near[0]) < 1 and abs(lon - near[1]) < 1


def test_places_of_the_map():
    data = load(SAMPLE)
    points = {v.destination["name"]: (v.target, v.target_exact) for v in data.visits}
    assert points["Amiens"] == ((49.8942, 2.2957), True)  # the document's place entity
    assert points["Vosges"] == ((48.1667, 6.5), True)
    origins = {v.visitor["country"]: v.origin for v in data.visits}
    assert abs(origins["CN"][0] - 34.76) < 0.1  # Zhengzhou, the visitors' city, not Beijing


def test_cli_report(tmp_path, capsys):
    path = tmp_path / "r.html"
    assert main(["report", str(SAMPLE), "--html", str(path)]) == 0
    assert "3 documents" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- a real render ------------------------------------------------------------------------
def chromium(tmp_path: Path, page: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run headless Chromium on a file with every host unresolvable; return the run and the URLs the page requested.

    The NetLog records each request; those of the page carry the file:// network isolation
    key, which tells them from Chromium's own background requests.
    """
    netlog = tmp_path / f"{page.stem}.netlog.json"
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}",
         f"--user-data-dir={tmp_path / 'profile'}", *args, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=180)
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requested = [e["params"]["url"] for e in log["events"]
                 if e["type"] == start_job and "file://" in str(e["params"].get("network_isolation_key", ""))]
    return run, [url for url in requested if not url.startswith("file:")]


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the decoded pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_network_check_sees_a_leaking_page(tmp_path):
    """The detector itself: a page that fetches from the web is caught."""
    leak = tmp_path / "leak.html"
    leak.write_text('<!DOCTYPE html><img src="http://tiles.example.org/1/2/3.png">'
                    '<script>fetch("https://api.example.org/q")</script>', encoding="utf-8")
    _, requested = chromium(tmp_path, leak, "--dump-dom")
    assert sorted(requested) == ["http://tiles.example.org/1/2/3.png", "https://api.example.org/q"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_report_renders_offline_in_chromium(tmp_path, page_html):
    shot = tmp_path / "report.png"
    run, requested = chromium(tmp_path, page_html, f"--screenshot={shot}", "--window-size=1280,2000",
                              "--hide-scrollbars")
    assert shot.exists(), run.stderr[-2000:]
    assert requested == []
    width, height, colours = png_size_and_colours(shot)
    assert (width, height) == (1280, 2000)
    assert colours > 100 and shot.stat().st_size > 50_000  # a drawn page, not a blank one

    run, requested = chromium(tmp_path, page_html, "--dump-dom")
    assert requested == []
    rendered = Page(run.stdout)
    assert 'data-ready="1"' in run.stdout  # the inline script ran to its end
    assert rendered.counts[("total", "visits")] == 3
    assert rendered.counts[("destination_country", "FR")] == 2
