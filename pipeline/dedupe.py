"""The same story in several editions: exact copies (hash of normalised text) and near copies (MinHash LSH).

Signatures are computed where the text is (in the workers).  The `Deduper` index
lives in the one place that sees the articles in input order (the writer, or the
merge of a Dask run), so its verdicts are the same for any number of workers and
for any engine: the first article of a story is the original, later ones are
marked `duplicate_of` it.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .text import edition_key

SHINGLE_WORDS = 5
NUM_PERM = 64
# Share of shared 5-word shingles (estimated Jaccard) above which two texts are one story.
THRESHOLD = 0.8
# Fewer shingles than this is too little text to call two articles the same story:
# only exact copies are caught.
MIN_SHINGLES = 10
BANDS, ROWS = 12, 5  # locality-sensitive hashing of the 64 values (60 used)
# datasketch's "affine32" MinHash (seed 1), computed here: the values are the same, so stored
# signatures stay comparable, without datasketch's import (it pulls in scipy: ~0.5 s per worker)
# or its per-text set-up of the permutations.
SEED = 1
FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3's finalizer, applied before the permutations

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """What the index needs of one text: its exact hash and MinHash values (None when too short)."""
    exact: str
    minhash: bytes | None = None

    def to_json(self) -> dict:
        return {"exact": self.exact,
                "minhash": base64.b64encode(self.minhash).decode("ascii") if self.minhash else None}

    @classmethod
    def from_json(cls, obj: dict) -> "Signature":
        minhash = obj.get("minhash")
        return cls(exact=obj["exact"], minhash=base64.b64decode(minhash) if minhash else None)


def signature(text: str) -> Signature:
    """Exact hash of the normalised text, and a MinHash of its 5-word shingles."""
    norm = edition_key(text)
    exact = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:20]
    found = shingles(norm)
    if len(found) < MIN_SHINGLES:
        return Signature(exact)
    return Signature(exact, minhash_values([s.encode("utf-8") for s in found]))


def shingles(norm: str) -> set[str]:
    """The 5-word shingles of a normalised text (`edition_key`)."""
    words = _WORD.findall(norm)
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _permutations():
    """The affine permutations h -> a*h + b (mod 2**32, `a` odd) drawn as datasketch draws them."""
    import numpy as np  # only where texts are signed: readers of outputs and the writer do without it

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np, a, b


def minhash_values(items: list[bytes]) -> bytes:
    """The MinHash of a set of byte strings, as datasketch's `MinHash(num_perm=NUM_PERM,
    scheme="affine32").hashvalues.astype("<u8").tobytes()` gives it (SHA-1's first 4 bytes as
    the item's hash)."""
    np, a, b = _permutations()
    hv = np.frombuffer(b"".join(hashlib.sha1(item).digest()[:4] for item in items), dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = (np.uint32(v) for v in FMIX32)
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    return (hv[:, None] * a + b).min(axis=0).astype("<u8").tobytes()


class Deduper:
    """The originals seen so far; `check` says which one a new article repeats.

    Locality-sensitive hashing by bands: two signatures that agree on all rows of
    one band are candidates, then their estimated Jaccard similarity decides.
    12 bands of 5 rows find ~99% of pairs at similarity 0.8 and ~3% of pairs at
    0.3 (texts sharing boilerplate), which the estimate then rejects.
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._exact: dict[str, str] = {}  # exact hash -> doc_id of the original
        # band hash -> rank of the original (an int; a list when several share the band)
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in range(BANDS)]
        self._ids: list[str] = []  # rank -> doc_id of an original with a MinHash
        self._values: list[bytes] = []  # rank -> its MinHash values

    def check(self, doc_id: str, sig: Signature) -> str | None:
        """The doc_id of the original this article repeats, or None; the article is remembered."""
        original = self._exact.get(sig.exact)
        if original is None and sig.minhash is not None:
            original = self._near(sig.minhash)
        self.add(doc_id, sig, original)
        return original

    def add(self, doc_id: str, sig: Signature, duplicate_of: str | None) -> None:
        """Remember an article whose verdict is known (a resumed run replays the written ones)."""
        self._exact.setdefault(sig.exact, duplicate_of or doc_id)
        if duplicate_of is None and sig.minhash is not None:
            rank = len(self._ids)
            self._ids.append(doc_id)
            self._values.append(sig.minhash)
            for band, key in zip(self._bands, _band_keys(sig.minhash)):
                ranks = band.get(key)
                if ranks is None:
                    band[key] = rank
                elif isinstance(ranks, int):
                    band[key] = [ranks, rank]
                else:
                    ranks.append(rank)

    def _near(self, minhash: bytes) -> str | None:
        """The earliest original whose estimated Jaccard similarity reaches the threshold."""
        candidates: set[int] = set()
        for band, key in zip(self._bands, _band_keys(minhash)):
            ranks = band.get(key)
            if ranks is not None:
                candidates.update((ranks,) if isinstance(ranks, int) else ranks)
        values = memoryview(minhash).cast("Q")  # equal bytes, equal values: byte order does not matter
        for rank in sorted(candidates):
            same = sum(map(int.__eq__, values, memoryview(self._values[rank]).cast("Q")))
            if same / len(values) >= self.threshold:
                return self._ids[rank]
        return None

    def __len__(self) -> int:
        return len(self._exact)


def _band_keys(minhash: bytes) -> list[int]:
    """One key per band (in-process hashes: the index is rebuilt on every run, never stored)."""
    width = ROWS * 8
    return [hash(minhash[i * width:(i + 1) * width]) for i in range(BANDS)]
