"""The written forms of a place name or of an adjective of place, and the hashes of their keys.

Every table and package spells a place its own way ("Côte d’Ivoire", "la Côte d'Ivoire", "St-Ouen");
the gazetteer compares them, and the names an article writes, on one key: `text.place_key`.
"""
from __future__ import annotations

import hashlib
import re

from .text import place_key

# Generic heads before a name ("ville de Zhengzhou", "canton de Genève") and the kinds they announce.
_HEAD_KINDS = {
    "region": "region", "province": "region", "canton": "region", "etat": "region", "departement": "departement",
    "ville": "city", "commune": "city", "municipalite": "city", "agglomeration": "city", "metropole": "city",
}
_HEADS = re.compile(rf"^({'|'.join(_HEAD_KINDS)})\s(?:(?:de|du|des)\s|d')?")


def head_stripped(key: str) -> tuple[str, str] | None:
    """`canton de geneve` -> (`geneve`, `region`): the name inside a generic head and the kind it announces."""
    match = _HEADS.match(key)
    stripped = place_key(key[match.end():]) if match else ""
    return (stripped, _HEAD_KINDS[match.group(1)]) if stripped else None


def proper_name(text: str) -> bool:
    """Written as a place name: capitalised, and not an acronym ("APC") that a village may share."""
    letters = [c for c in text if c.isalpha()]
    return any(c.isupper() for c in letters) and not (len(letters) <= 5 and all(c.isupper() for c in letters))


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def name_variants(name: str) -> set[str]:
    """Written forms of one pycountry name: 'Corée, République de', 'Catalunya [Cataluña]', 'Guyane (française)'."""
    forms = {name}
    bracket = re.match(r"^(.*?)\s*[\[(](.*?)[\])]\s*$", name)
    if bracket:
        forms |= {bracket.group(1), bracket.group(2)}
    for form in list(forms):
        if ", " in form:
            head, tail = form.split(", ", 1)
            forms.add(head)
            if tail.lower().startswith(("île", "îles")):
                forms.add(f"{tail} {head}")
    return {f.strip() for f in forms if f.strip()}


def inflections(masculine: str, feminine: str | None = None) -> set[str]:
    """The four forms of a French adjective of place: vosgien, vosgienne, vosgiens, vosgiennes."""
    if not feminine:
        if masculine.endswith("e"):
            feminine = masculine
        elif masculine.endswith(("ien", "éen", "on")):
            feminine = masculine + "ne"
        elif masculine.endswith("eau"):
            feminine = masculine[:-3] + "elle"
        else:
            feminine = masculine + "e"
    if masculine.endswith(("s", "x", "z")):
        plural = masculine
    elif masculine.endswith("eau"):
        plural = masculine + "x"
    elif masculine.endswith("al"):
        plural = masculine[:-2] + "aux"
    else:
        plural = masculine + "s"
    return {masculine, feminine, plural, feminine if feminine.endswith("s") else feminine + "s"}

