"""Build corpus/archive.warc.gz from corpus/html/*.html, as a crawler would have stored them.

The archive holds a `warcinfo` record, then for each page an HTTP `response`
record (WARC-Target-URI: the page's URL, WARC-Date: when it was crawled); the
first page also has its `request` record, which readers must skip.  Record ids
derive from the URLs and dates are fixed, so the file is the same on every run.

    python scripts/make_warc.py [OUT]          # default corpus/archive.warc.gz
"""
from __future__ import annotations

import sys
import uuid
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
USER_AGENT = "presse-corpus-builder/1.0"

# Page file, URL, crawl time (just after the article went online).
PAGES = [
    ("amiens_zhengzhou.html",
     "https://www.somme-eco.fr/economie/amiens-recoit-une-delegation-de-zhengzhou/", "2019-08-24T07:15:02Z"),
    ("vosges_kazakhstan.html",
     "https://www.actu88.fr/economie/le-kazakhstan-sinteresse-a-lindustrie-vosgienne/", "2013-03-02T10:31:07Z"),
]


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def write_archive(out: Path) -> None:
    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        info = writer.create_warcinfo_record(out.name, {
            "software": "presse scripts/make_warc.py (warcio)",
            "format": "WARC File Format 1.0",
            "description": "The corpus/ seed articles as crawled HTML pages",
            "robots": "obey",
        })
        info.rec_headers.replace_header("WARC-Date", PAGES[0][2])
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", out.name))
        writer.write_record(info)
        for i, (name, url, date) in enumerate(PAGES):
            body = (CORPUS / "html" / name).read_bytes()
            response_id = record_id("response", url, date)
            if i == 0:
                parts = urlsplit(url)
                request = writer.create_warc_record(
                    url, "request", payload=BytesIO(b""),
                    http_headers=StatusAndHeaders(f"GET {parts.path} HTTP/1.1", [
                        ("Host", parts.netloc), ("User-Agent", USER_AGENT),
                        ("Accept", "text/html"), ("Accept-Language", "fr-FR,fr;q=0.9")], is_http_request=True),
                    warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id("request", url, date),
                                       "WARC-Concurrent-To": response_id})
                writer.write_record(request)
            response = writer.create_warc_record(
                url, "response", payload=BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", [
                    ("Content-Type", "text/html; charset=UTF-8"), ("Content-Length", str(len(body))),
                    ("Server", "nginx")], protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": response_id})
            writer.write_record(response)


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else CORPUS / "archive.warc.gz"
    write_archive(out)
    print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
