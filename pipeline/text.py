"""How French text is folded into lookup keys: one definition for every component.

The press writes "Etats-Unis" and "États-Unis", "l’oeuvre" and "l'œuvre" for the
same words, so lexicons, gazetteers and patterns are compared on folded keys.
"""
from __future__ import annotations

import re
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


# -- keys for one purpose each: every other module calls these, none writes its own --------------


def fold_words(text: str | None) -> str:
    """`fold`, with runs of whitespace made one space: the key of a phrase, however the text broke
    it across lines ("la  Côte\nd’Ivoire" -> "la cote d'ivoire")."""
    return " ".join(fold(text).split())


_APOSTROPHES = {char: to for char, to in _UNIFY.items() if to == "'"}
_LEADING = re.compile(r"^(?:(?:l|d)'|(?:le|la|les|du|des|de|en|au|aux|a|à|dans)\s)+")
_SAINT = re.compile(r"\b(st|ste)\b")
# hyphens, underscores and slashes, and every character but a word's, an apostrophe or a space: a space
_APART = re.compile(r"[^\w' ]|_")
_ELIDED_SPACE = re.compile(r"'\s+")


def _saint(match: re.Match) -> str:
    return "saint" if match.group(1) == "st" else "sainte"


@lru_cache(maxsize=200_000)
def place_key(text: str, *, accents: bool = False) -> str:
    """The lookup key of a place name: folded, hyphens as spaces, articles and prepositions off,
    "St"/"Ste" spelled out ("la Côte-d'Ivoire" -> "cote d'ivoire", "St-Ouen" -> "saint ouen").

    With `accents`, the key keeps them: it tells "Mâcon" from "Macon" among names sharing a key.
    """
    key = unicodedata.normalize("NFC", text.translate(_APOSTROPHES)).casefold() if accents else fold(text)
    key = _APART.sub(" ", key)
    key = _ELIDED_SPACE.sub("'", key)
    if "st" in key:
        key = _SAINT.sub(_saint, key)
    key = " ".join(key.split())
    return _LEADING.sub("", key)


_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c)'(?=[\w#])")


@lru_cache(maxsize=131072)
def sector_key(text: str) -> str:
    """The key a word of the text and of the sector lexicon are compared in: folded, hyphens
    inside a word removed ("agro-alimentaire" = "agroalimentaire"), a leading elision or hashtag
    dropped ("l'#innovation" = "innovation")."""
    key = fold(text)
    if len(key) > 1:
        key = _ELISION.sub("", key).lstrip("#").replace("-", "")
    return key or fold(text)


def edition_key(text: str) -> str:
    """The text an article's editions share: case and whitespace folded (line breaks, capitalised
    titles), accents kept.  Duplicate hashes are stored in output folders: changing it splits
    stories already read from their new editions."""
    return " ".join(text.casefold().split())


def match_key(text: str | None) -> str:
    """The key names are matched on across records (a destination and a place entity, a query's
    words and the evidence): letters and digits only, no accents, lower case.  The SQL macro
    `presse_norm` of `query.py` is its twin in DuckDB (tests/test_text.py holds them equal)."""
    text = unicodedata.normalize("NFKD", text or "")
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


_GOLD_DETERMINERS = re.compile(r"^(?:l['’]|la |le |les |d['’]|de |du |des |en |à |au |aux )+", re.I)


def gold_key(text: str | None) -> str:
    """The name key of the project's scorer, mirrored on purpose (`evaluate.py` must score as it
    does): lower case, no accents, one apostrophe, hyphens as spaces, edge punctuation and
    leading determiners off."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("-", " ")).strip(" .,;:'\"«»")
    return _GOLD_DETERMINERS.sub("", text).strip()


def spelling_key(text: str) -> str:
    """A written form as the text spells it, accents kept: lower case, apostrophes unified, single
    spaces.  The date lexicon builds its regexes from these forms, so they must still match the
    accented words of the text ("février", "aujourd’hui" -> "aujourd'hui")."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


_LEADING_WORDS = frozenset({"", "l'", "d'", "le", "la", "les", "du", "des", "de", "en", "au", "aux", "a", "à", "dans"})


class KeyOpenings:
    """The first words of a table's `place_key` keys, to skip the spans after a position that cannot
    hold a key: the key of any span starting there opens on the first word of the longest span's key
    (`opens`), or on a prefix of it when the first token runs on without a space.  A table holding a
    bare article's key ("la") is never skipped (a short span's key can be one)."""

    def __init__(self, keys) -> None:
        keys = list(keys)
        self.firsts = {key.split(" ", 1)[0] for key in keys}
        self.lengths = sorted({len(word) for word in self.firsts})
        self.always = any(key in _LEADING_WORDS for key in keys)

    def opens(self, longest_key: str) -> bool:
        """Whether a key of the table can be the key of a span whose longest span's key is `longest_key`."""
        if self.always:
            return True
        word = longest_key.split(" ", 1)[0]
        firsts = self.firsts
        return any(word[:n] in firsts for n in self.lengths if n <= len(word))
