"""The salted-corpus table: each bad input at archive size, alone with the two seed articles, through
`presse run`, with its outcome, wall time and peak memory (GNU time: the largest process, workers included).

    python benchmarks/salted.py [--only NAME,...] [--workers 1] [--timeout 900]

Generated inputs live in a temp folder; nothing is committed.  The sizes are
those of the reliability issue; tests/test_reliability.py runs the same kinds of
input at small sizes.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "corpus" / "amiens_zhengzhou.txt", ROOT / "corpus" / "vosges_kazakhstan.txt"]
WORDS = ("le la les une délégation ministre visite accord coopération entreprise région France Chine Amiens "
         "maire préfet industrie agricole développement économique partenariat signé jeudi port Brest Japon "
         "investissement usine emploi formation université chercheurs").split()


def sentence(rng: random.Random, n: int = 25) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraphs_html(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        p = f"<p>{sentence(rng, 60)}</p>\n"
        parts.append(p)
        total += len(p)
    return "<html><head><title>Long</title></head><body><article>" + "".join(parts) + "</article></body></html>"


def repeated_html(blocks: int) -> str:
    block = '<div class="c"><p>Une délégation du Japon a visité le port de Brest jeudi.</p></div>\n'
    return "<html><body>" + block * blocks + "</body></html>"


def warc_record(url: str, html: bytes, *, length_error: int = 0, gzipped: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                  http_headers=headers))
    data = buffer.getvalue()
    if length_error:
        head, _, rest = data.partition(b"\r\n\r\n")
        n = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        data = head.replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n + length_error)) + b"\r\n\r\n" + rest
    return gzip.compress(data) if gzipped else data


def bomb_member(inflated: int) -> bytes:
    """A gzipped WARC record whose body inflates to `inflated` bytes of zeros, compressed as a stream."""
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.fr/bomb\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as z:
        z.write(head % (len(http) + inflated) + http)
        chunk = b"\0" * (1 << 24)
        left = inflated
        while left:
            z.write(chunk[:min(left, len(chunk))])
            left -= min(left, len(chunk))
        z.write(b"\r\n\r\n")
    return out.getvalue()


def good_page(n: int) -> bytes:
    rng = random.Random(n)
    return f"<html><body><article><p>{sentence(rng)} {sentence(rng)}</p></article></body></html>".encode()


def cases(tmp: Path) -> dict:
    """name -> a function that writes the case's inputs and returns them (with extra options and an
    action during the run, for the cases that need them)."""
    def write(name: str, data: bytes | str) -> str:
        path = tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    para = "Le Président de la République a reçu à l'Élysée le Premier ministre indien."
    return {
        "stray cp1252 bytes in utf-8 .txt": (lambda: [write("stray.txt", (para + " Visite d'État.").encode()
                                                                .replace(b"Visite", b"\x93Visite\x94"))]),
        "stray cp1252 bytes in utf-8 .html": (lambda: [write("stray.html", (
            f"<html><body><p>{para} Visite d'État.</p></body></html>").encode().replace(b"Visite", b"\x93Visite\x94"))]),
        "utf-16 text with BOM": (lambda: [write("u16.txt", ("\ufeff" + para).encode("utf-16-le"))]),
        "plain warc, Content-Length too long": (lambda: [write("long.warc", warc_record(
            "https://e.fr/1", good_page(1), length_error=40) + warc_record("https://e.fr/2", good_page(2)))]),
        "plain warc, Content-Length too short": (lambda: [write("short.warc", warc_record(
            "https://e.fr/1", good_page(1), length_error=-40) + warc_record("https://e.fr/2", good_page(2)))]),
        "warc.gz, Content-Length too short": (lambda: [write("short.warc.gz", warc_record(
            "https://e.fr/1", good_page(1), length_error=-40, gzipped=True)
            + warc_record("https://e.fr/2", good_page(2), gzipped=True))]),
        "pdf behind an XMP packet, named .html": (lambda: [write("report.html", b'<?xpacket begin=""?><x:xmpmeta>'
                                                                    + b"<rdf:li>Rapport</rdf:li>" * 300 + b"</x:xmpmeta>\n%PDF-1.7\n"
                                                                    + os.urandom(120_000))]),
        "20,000-deep <div>": (lambda: [write("deep.html", "<html><body>" + "<div>" * 20000 + f"<p>{para}</p>"
                                                  + "</div>" * 20000 + "</body></html>")]),
        "broken symlink": (lambda: [_link(tmp / "nowhere.txt", tmp / "broken.txt")]),
        "symlink loop": (lambda: [_link(tmp / "loop.txt", tmp / "loop.txt")]),
        "kill -9 of one worker under --workers 2 (100 articles)": (lambda: ([write("many.jsonl", "".join(
            json.dumps({"id": f"g{n}", "text": f"{sentence(random.Random(n), 40)} {sentence(random.Random(-n), 40)}"})
            + "\n" for n in range(100)))], ["--workers", "2"], kill_a_worker)),
        "=HYPERLINK, =cmd|, ANSI escapes in text": (lambda: [write("csv.txt", "=HYPERLINK(\"http://x.example\") "
                                                                        + para + " \x1b[31m=cmd|' /C calc'!A0\x1b[0m")]),
        "warc.gz record inflating to 1 GiB": (lambda: [write("b1.warc.gz", bomb_member(1 << 30))]),
        "warc.gz record inflating to 4 GiB": (lambda: [write("b4.warc.gz", bomb_member(4 << 30))]),
        "html 1 MB varied paragraphs": (lambda: [write("p1.html", paragraphs_html(1_000_000))]),
        "html 11 MB of repeated blocks": (lambda: [write("rep.html", repeated_html(130_000))]),
        "html 3 MB": (lambda: [write("p3.html", paragraphs_html(3_000_000, 3))]),
        "html 6 MB": (lambda: [write("p6.html", paragraphs_html(6_000_000, 6))]),
        "txt 2 MB": (lambda: [write("t2.txt", "\n\n".join(sentence(random.Random(i), 60) for i in range(4500)))]),
        "jsonl line 5 MB": (lambda: [write("l5.jsonl", json.dumps(
            {"id": "big", "text": "\n\n".join(sentence(random.Random(i), 60) for i in range(11000))}) + "\n")]),
    }


def _link(target: Path, link: Path) -> str:
    os.symlink(target, link)
    return str(link)


def kill_a_worker(run: subprocess.Popen, out: Path) -> None:
    """SIGKILL one presse worker (a spawned process below `run`) once the first document is written."""
    while run.poll() is None:
        docs = out / "documents.jsonl"
        if docs.exists() and docs.stat().st_size:
            break
        time.sleep(0.2)
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), (entry / "cmdline").read_bytes())
        except (ValueError, OSError):
            continue

    def below(pid: int) -> bool:
        while pid > 1:
            if pid == run.pid:
                return True
            pid = parents.get(pid, (1, b""))[0]
        return False

    workers = [pid for pid, (_, cmd) in parents.items() if b"spawn_main" in cmd and below(pid)]
    if workers:
        os.kill(min(workers), 9)


def measure(name: str, inputs: list[str], workers: int, timeout: int, tmp: Path, options: list[str],
            action) -> dict:
    out = tmp / "out"
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-v", "timeout", str(timeout), sys.executable, "-m", "pipeline", "run",
               *map(str, SEEDS), *inputs, "--out", str(out), "--progress", "none", "--workers", str(workers),
               *options]
    started = time.perf_counter()
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if action is not None:
        action(run, out)
    _, stderr = run.communicate()
    result = subprocess.CompletedProcess(command, run.returncode, "", stderr)
    wall = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()] \
        if (out / "documents.jsonl").exists() else []
    errs = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()] \
        if (out / "errors.jsonl").exists() else []
    seeds = sum(d["source"].endswith(tuple(s.name for s in SEEDS)) for d in docs)
    outcome = f"rc {result.returncode}; seeds {seeds}/2; {len(docs) - seeds} other documents"
    replaced = re.search(r"(\d+) worker\(s\) lost and replaced", result.stderr)
    if replaced:
        outcome += f", {replaced.group(1)} worker(s) replaced"
    if any(d.get("truncated") for d in docs):
        outcome += " (truncated)"
    for e in errs:
        outcome += f"; {e['level']}: {e['message'][:90]}"
    return {"case": name, "outcome": outcome, "wall_s": round(wall, 1),
            "peak_mb": round(int(peak.group(1)) / 1024) if peak else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names (substrings)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for name, build in cases(tmp).items():
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            built = build()
            inputs, options, action = built if isinstance(built, tuple) else (built, [], None)
            row = measure(name, inputs, args.workers, args.timeout, tmp, options, action)
            print(f"| {row['case']} | {row['outcome']} | {row['wall_s']} s | {row['peak_mb']} MB |", flush=True)


if __name__ == "__main__":
    main()
