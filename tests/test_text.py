"""text.fold: the one folding of lookup keys, the same for short words (remembered) and long texts."""
from __future__ import annotations

import unicodedata

import pytest

from pipeline.text import SHORT, _UNIFY, fold

CASES = [
    ("L’Œuvre", "l'oeuvre"),
    ("États-Unis", "etats-unis"),
    ("Etats-Unis", "etats-unis"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("l`ambassadeur", "l'ambassadeur"),
    ("CŒUR", "coeur"),
    ("Ægée", "aegee"),
    ("", ""),
    (None, ""),
]


def reference(text):
    text = unicodedata.normalize("NFKD", (text or "").translate(_UNIFY))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("text,expected", CASES)
def test_fold_words(text, expected):
    assert fold(text) == expected == reference(text)
    assert fold(text) == expected  # the remembered answer is the same


@pytest.mark.parametrize("text", [
    "La délégation de la Région Île-de-France s’est rendue à Pékin pour une visite de trois jours.",
    "Le maire a reçu la délégation chinoise à l'hôtel de ville, puis a visité le port et l'usine.",
])
def test_fold_long_texts_as_words(text):
    assert len(text) > SHORT
    assert fold(text) == reference(text)
    assert fold(text) == " ".join(fold(w) for w in text.split(" "))
