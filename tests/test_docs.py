"""The README documents the command line as `--help` has it, and its examples run (as sqlite-utils'
test_docs.py does for its docs).

The commands and options are read from the parser at test time, so a new option fails here until
the README names it.  The examples are the `sh`/`bash` blocks (minus the install lines, which
test_packaging covers) run in order in a scratch folder holding the repository's corpus and gold,
then the `sql` blocks against the database the examples exported.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options() -> list[tuple[str, str]]:
    return [(name, option) for name, parser in _subcommands().items() for action in parser._actions
            for option in action.option_strings if option.startswith("--") and option != "--help"]


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"presse {command}\b", README), f"`presse {command}` is not in README.md"


@pytest.mark.parametrize("command, option", _options())
def test_every_option_is_in_the_readme(command, option):
    assert re.search(rf"`{re.escape(option)}\b", README) or re.search(rf"presse {command}\b[^\n`]*{re.escape(option)}\b",
                                                                      README), \
        f"`presse {command} {option}` is not in README.md"


def example_lines() -> list[str]:
    """The shell lines of the README's sh/bash blocks, in order, without comments and install lines."""
    lines = []
    for language, body in BLOCK.findall(README):
        if language not in ("sh", "bash"):
            continue
        for line in body.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith(("#", "python3 -m venv")):
                lines.append(line)
    return lines


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder with what the examples name: the corpus, the gold, an archive folder, a JSONL export."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    shutil.copytree(ROOT / "tests" / "gold", folder / "tests" / "gold")
    (folder / "archives" / "2019").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "archive.warc.gz", folder / "archives" / "2019" / "archive.warc.gz")
    shutil.copy(ROOT / "corpus" / "sample.jsonl", folder / "articles.jsonl")
    return folder


def test_readme_has_examples():
    lines = example_lines()
    assert any(line.startswith("presse run") for line in lines)
    assert any(line.startswith("presse eval") and "--floors" in line for line in lines)


def test_readme_examples_run(scratch):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for line in example_lines():
        run = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=scratch, env=env,
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, f"README example failed: {line}\n{run.stderr[-3000:]}"
    databases = list(scratch.glob("*.db"))
    assert databases, "the examples export no SQLite database for the sql blocks"
    db = sqlite3.connect(databases[0])
    for language, body in BLOCK.findall(README):
        if language == "sql":
            assert db.execute(body).fetchall(), f"README query returns nothing:\n{body}"
