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

from pipeline import atlas
from pipeline.cli import main
from pipeline.report import anchor, country_point, load, place_labels, render, write_report
from stories import add_edition, copy_folder

SAMPLE = Path(__file__).resolve().parent / "data" / "outputs_sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Page(HTMLParser):
    """Collects ids, the attributes of every element, and the `data-count` of each count row."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []
        self.counts: dict[tuple[str, str], int] = {}
        self.elements: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.elements.append((tag, values))
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
    (("flow", "CN-FR"), 1), (("flow", "KZ-FR"), 1), (("flow", "FR-SN"), 1),
    (("timeline", "CN 2019-08"), 1), (("timeline", "KZ 2019-10"), 1), (("timeline", "FR 2021-03"), 1),
])
def test_counts(page, key, count):
    assert page.counts[key] == count


def test_no_other_count_rows(page):
    kinds = {}
    for kind, _ in page.counts:
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {"total": 4, "visitor_country": 3, "destination_country": 2, "sector": 3, "month": 4,
                     "flow": 3, "timeline": 3}


def test_every_event_has_an_anchor_and_every_link_lands(page):
    event_ids = [json.loads(line)["event_id"] for line in (SAMPLE / "events.jsonl").read_text().splitlines()]
    assert {anchor(e) for e in event_ids} <= page.ids
    links = [(values.get("class"), values["href"]) for tag, values in page.elements if "href" in values]
    assert all(href[1:] in page.ids for cls, href in links if cls != "article")
    assert [href for cls, href in links if cls == "article"] == ["https://example.org/amiens"] * 4


def test_timeline_map_and_pairs_select_the_visits_they_count(page):
    """Each cell, arc and pair names the rows it selects; the visit rows carry the same keys."""
    rows = sorted((v["data-country"], v["data-destination"], v["data-period"]) for tag, v in page.elements
                  if tag == "tr" and v.get("class") == "event" and "data-country" in v)
    assert rows == [("CN", "FR", "2019-08"), ("FR", "SN", "2021-03"), ("KZ", "FR", "2019-10")]
    selectors = [v for tag, v in page.elements if "cell" in (v.get("class") or "").split()]
    cells = {(v["data-country"], v["data-period"]) for v in selectors if "data-period" in v and "data-country" in v}
    assert cells == {(c, p) for c, _, p in rows}
    arcs = {(v["data-country"], v["data-destination"]) for v in selectors if "data-destination" in v}
    assert arcs == {(c, d) for c, d, _ in rows}


def test_each_visit_links_to_its_article_and_quotes_its_evidence(page_html):
    text = page_html.read_text(encoding="utf-8")
    assert '<a class="article" href="https://example.org/amiens" rel="noreferrer">' in text
    assert "sample/vosges.txt" in text  # no url and no such file here: the source is named, not linked


def test_report_counts_each_story_once_and_says_how_many_were_read(tmp_path):
    folder = copy_folder(SAMPLE, tmp_path / "out")
    add_edition(folder, "amiens-2019", "amiens-reprint", "amiens-web")
    once = Page(render(load(folder)))
    assert once.counts[("total", "documents")] == 3 and once.counts[("total", "visits")] == 3
    assert once.counts[("visitor_country", "CN")] == 1
    text = render(load(folder))
    assert "5 documents read, 2 of them another edition" in text and "15 events with them" in text
    everything = Page(render(load(folder, include_duplicates=True)))
    assert everything.counts[("total", "documents")] == 5 and everything.counts[("visitor_country", "CN")] == 3


def test_labels_never_overlap():
    """Crowded points: labels move around their point, and one with no free place is left out."""
    anchors = [(100 + 3 * i, 100 + 2 * i, f"Country {i}") for i in range(12)]
    placed = place_labels(anchors, 600, 400)
    boxes = [(x, y - 11, 6.8 * len(t) + 4, 14) for x, y, t in placed]
    assert 8 <= len(placed) < 12 and placed[0] == (108, 104, "Country 0")
    sparse = [(50 + 150 * i, 60 + 40 * i, f"Country {i}") for i in range(3)]
    assert place_labels(sparse, 600, 400) == [(x + 8, y + 4, t) for x, y, t in sparse]
    for i, (x, y, w, h) in enumerate(boxes):
        for px, py, pw, ph in boxes[:i]:
            assert not (x < px + pw and px < x + w and y < py + ph and py < y + h)


def test_country_shapes_are_real_and_cover_the_visit_countries():
    shapes = atlas.countries()
    assert {"FR", "CN", "KZ", "SN", "US", "RU", "FJ"} <= set(shapes)
    lons = [lon for ring in shapes["FR"] for lon, _ in ring]
    assert -6 < min(lons) < -4 and 7 < max(lons) < 10 or min(lons) < -50  # mainland (and French Guiana)
    spans = [max(lon for lon, _ in ring) - min(lon for lon, _ in ring) for ring in shapes["FJ"] + shapes["RU"]]
    assert max(spans) < 200  # rings unwrapped across the antimeridian, not lines around the world


def test_evidence_sentences_are_on_the_page(page_html):
    text = page_html.read_text(encoding="utf-8")
    assert "a visité les Vosges en octobre" in text
    assert "vice-présidente d&#x27;Amiens Métropole" in text


def test_page_references_nothing_outside_itself(page, page_html):
    """No src/href/url()/@import to any scheme but an in-page anchor, except the links to the
    articles themselves (followed only when clicked); no element that fetches."""
    text = page_html.read_text(encoding="utf-8")
    fetching = {tag for tag, _ in page.elements if tag in ("img", "link", "iframe", "object", "embed", "source",
                                                           "video", "audio", "image", "use", "base")}
    assert fetching == set()
    for tag, values in page.elements:
        for name in ("src", "href", "xlink:href", "srcset", "action", "poster", "background"):
            value = values.get(name)
            if value is not None and not (tag == "a" and values.get("class") == "article"):
                assert value.startswith("#") or value.startswith("data:"), (tag, name, value)
    for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", text):
        assert target.startswith("#") or target.startswith("data:"), target
    assert "@import" not in text
    assert not re.search(r"\b(?:https?|ftp|wss?)://", re.sub(r'<a class="article" href="[^"]*"', "", text))


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
    points = {v.destination["name"]: v.target for v in data.visits}
    assert points["Amiens"] == (49.8942, 2.2957)  # the document's place entity
    assert points["Vosges"] == (48.1667, 6.5)


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


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_a_timeline_cell_lists_its_visits_in_chromium(tmp_path, page_html):
    """Clicking a cell of the timeline leaves visible, in the list of visits, exactly the visits it counts."""
    clicked = tmp_path / "clicked.html"
    clicked.write_text(page_html.read_text(encoding="utf-8").replace("</body>", (
        '<script>var cell=document.querySelector("table.timeline td a.cell");cell.click();'
        'document.body.setAttribute("data-clicked",cell.dataset.country+" "+cell.dataset.count);</script></body>')),
        encoding="utf-8")
    run, requested = chromium(tmp_path, clicked, "--dump-dom")
    assert requested == []
    country, count = re.search(r'data-clicked="(\w+) (\d+)"', run.stdout).groups()
    rows = re.findall(r'<tr id="ev-[^"]*" class="event" data-country="(\w+)"[^>]*?(style="display: none;")?>',
                      run.stdout)
    shown = [c for c, hidden in rows if not hidden]
    assert shown == [country] * int(count) and len(rows) == 3
    assert "Showing 1 visit(s)" in run.stdout
