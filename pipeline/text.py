"""How French text is folded into lookup keys: one definition for every component.

The press writes "Etats-Unis" and "États-Unis", "l’oeuvre" and "l'œuvre" for the
same words, so lexicons, gazetteers and patterns are compared on folded keys.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_UNIFY = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
                        "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def fold(text: str | None) -> str:
    """Accents off, case folded, apostrophes and ligatures unified ("L’Œuvre" -> "l'oeuvre")."""
    if not text:
        return ""
    if len(text) <= SHORT:
        return _fold_short(text)
    return _fold(text)


SHORT = 48  # words and names, folded again and again: remembered; longer texts are folded each time


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: only the backquote to unify
        return text.translate(_UNIFY).casefold()
    text = unicodedata.normalize("NFKD", text.translate(_UNIFY))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


_fold_short = lru_cache(maxsize=100_000)(_fold)
