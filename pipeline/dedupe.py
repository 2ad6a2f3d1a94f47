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

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 64
# Share of shared 5-word shingles (estimated Jaccard) above which two texts are one story.
THRESHOLD = 0.8
# Fewer shingles than this is too little text to call two articles the same story:
# only exact copies are caught.
MIN_SHINGLES = 10
SCHEME = "affine32"  # datasketch's hashing scheme, fixed so stored signatures stay comparable

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case and whitespace folded: editions differ in line breaks and capitalised titles."""
    return " ".join(text.casefold().split())


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

    def hashvalues(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype="<u8")


def signature(text: str) -> Signature:
    """Exact hash of the normalised text, and a MinHash of its 5-word shingles."""
    norm = normalise(text)
    exact = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:20]
    words = _WORD.findall(norm)
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return Signature(exact)
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return Signature(exact, minhash.hashvalues.astype("<u8").tobytes())


class Deduper:
    """The originals seen so far; `check` says which one a new article repeats."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._exact: dict[str, str] = {}  # exact hash -> doc_id of the original
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._originals: dict[str, tuple[int, np.ndarray]] = {}  # doc_id -> (rank, hash values)

    def check(self, doc_id: str, sig: Signature) -> str | None:
        """The doc_id of the original this article repeats, or None; the article is remembered."""
        original = self._exact.get(sig.exact)
        if original is None and sig.minhash is not None:
            original = self._near(sig.hashvalues())
        self.add(doc_id, sig, original)
        return original

    def add(self, doc_id: str, sig: Signature, duplicate_of: str | None) -> None:
        """Remember an article whose verdict is known (a resumed run replays the written ones)."""
        self._exact.setdefault(sig.exact, duplicate_of or doc_id)
        if duplicate_of is None and sig.minhash is not None and doc_id not in self._originals:
            values = sig.hashvalues()
            self._lsh.insert(doc_id, MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME), check_duplication=False)
            self._originals[doc_id] = (len(self._originals), values)

    def _near(self, values: np.ndarray) -> str | None:
        """The earliest original whose estimated Jaccard similarity reaches the threshold."""
        best: tuple[int, str] | None = None
        for candidate in self._lsh.query(MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)):
            rank, other = self._originals[candidate]
            if np.count_nonzero(other == values) / len(values) >= self.threshold:
                if best is None or rank < best[0]:
                    best = (rank, candidate)
        return best[1] if best else None

    def __len__(self) -> int:
        return len(self._exact)
