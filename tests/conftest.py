"""Shared fixtures: the pipeline is built once per test session (loading it takes seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    """The full presse pipeline, as `presse run` builds it."""
    from pipeline.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
