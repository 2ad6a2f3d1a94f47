"""How French text is folded into lookup keys: one definition for every component.

The press writes "Etats-Unis" and "États-Unis", "l’oeuvre" and "l'œuvre" for the
same words, so lexicons, gazetteers and patterns are compared on folded keys.
"""
from __future__ import annotations

import unicodedata

_UNIFY = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
                        "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def fold(text: str | None) -> str:
    """Accents off, case folded, apostrophes and ligatures unified ("L’Œuvre" -> "l'oeuvre")."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_UNIFY))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()
