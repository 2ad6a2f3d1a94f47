"""The distribution as a user gets it: a wheel installed in a fresh venv runs from outside the checkout.

Slow (a venv and every dependency, from pip's cache when warm): marked `packaging`, run by CI;
`pytest -m "not packaging"` leaves it out locally.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.packaging


def _run(*args, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # built from a copy: setuptools leaves build/ in the source tree, and stale files there would ship
    source = shutil.copytree(ROOT, tmp_path_factory.mktemp("src") / "presse", ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "outputs", "__pycache__", ".pytest_cache"))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=dist)
    (path,) = dist.glob("presse-*.whl")
    return path


def test_wheel_carries_the_tables_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tables = {p.relative_to(ROOT).as_posix() for p in (ROOT / "models").rglob("*") if p.suffix in (".jsonl", ".tsv")}
    assert tables, "no tables under models/"
    assert {"pipeline/" + t for t in tables} <= set(names)
    assert not [n for n in names if n.startswith("models/")], "models/ must not install as a top-level folder"
    assert {"pipeline/schemas/" + p.name for p in (ROOT / "pipeline" / "schemas").glob("*.json")} <= set(names)


def test_wheel_installs_without_warning_and_runs_the_corpus_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--upgrade-deps", venv, cwd=tmp_path)
    install = _run(venv / "bin" / "pip", "install", wheel, cwd=tmp_path)
    assert "does not provide the extra" not in install.stdout + install.stderr
    assert "dask" not in _run(venv / "bin" / "pip", "list", cwd=tmp_path).stdout.lower(), \
        "dask belongs to the presse[dask] extra"

    out = tmp_path / "out"
    _run(venv / "bin" / "presse", "run", ROOT / "corpus", "--out", out, cwd=tmp_path)
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(documents) == 10 and sum(d["duplicate_of"] is None for d in documents) == 4  # 4 stories in 10 inputs
    assert {e["type"] for e in events} == {"visit", "sector_interest", "agreement"}
    _run(venv / "bin" / "presse", "report", out, "--html", tmp_path / "report.html", cwd=tmp_path)
    assert 'class="visitor"' in (tmp_path / "report.html").read_text(encoding="utf-8")  # the packaged map shapes

    dask = subprocess.run([venv / "bin" / "presse", "run", ROOT / "corpus", "--out", tmp_path / "d",
                           "--engine", "dask"], cwd=tmp_path, capture_output=True, text=True)
    assert dask.returncode != 0 and "presse[dask]" in dask.stderr
