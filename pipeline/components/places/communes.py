"""Every French commune with its INSEE code, as a compact index cached on disk.

`models/places/fr_communes.tsv` (rebuilt by `scripts/build_communes.py` from Etalab's data) lists
the ~35,000 current communes and the former ones that live on inside a commune nouvelle.  GeoNames
knows only places of 500 inhabitants or more and gives them no INSEE code; this index gives each
commune its code, its region and population, and the GeoNames row of the same town (same name key,
same region, matched by population rank) for its coordinates.

Building the index costs about a second (name keys of 37,000 names, the GeoNames match), so it is
built once and kept under the cache directory, keyed by the table's content and the GeoNames index.
"""
from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Callable

import numpy as np

# INSEE region codes of the overseas regions and the GeoNames country of each.
OVERSEAS_REGIONS = {"01": "GP", "02": "MQ", "03": "GF", "04": "RE", "06": "YT"}
COMMUNE_INDEX_FORMAT = 1


def table_digest(rows: list[dict]) -> str:
    """A digest of the commune table's content (the cache key of its index)."""
    h = hashlib.blake2b(digest_size=12)
    for row in rows:
        h.update("\t".join(row.get(k) or "" for k in ("insee", "name", "region", "population")).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


class ArrayIndex:
    """A lookup index kept as named numpy arrays (`FIELDS`), saved to and loaded from one .npz file."""

    FIELDS: tuple[str, ...] = ()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
        np.savez(tmp, **{name: getattr(self, name) for name in self.FIELDS})
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path):
        with np.load(path) as data:
            return cls({name: data[name] for name in cls.FIELDS})


class CommuneIndex(ArrayIndex):
    """Communes as parallel numpy arrays, looked up by the 64-bit hash of a name key."""

    FIELDS = ("insee", "region", "pop", "gid_row", "name_offsets", "names", "keys", "key_row")

    def __init__(self, arrays: dict[str, np.ndarray]):
        for name in self.FIELDS:
            setattr(self, name, arrays[name])
        self._names = bytes(self.names)
        # GeoNames row -> INSEE code, for French towns that GeoNames knows
        matched = np.nonzero(self.gid_row >= 0)[0]
        self.by_city_row = dict(zip(self.gid_row[matched].tolist(), self.insee[matched].astype(str).tolist()))

    @classmethod
    def build(cls, rows: list[dict], cities, name_key: Callable[[str], str],
              hash_key: Callable[[str], int]) -> "CommuneIndex":
        names = [row["name"].encode("utf-8") for row in rows]
        offsets = np.zeros(len(names) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(n) for n in names])
        keys = [name_key(row["name"]) for row in rows]
        pops = [int(row["population"] or 0) for row in rows]
        gid_row = np.full(len(rows), -1, dtype=np.int32)
        # one town in both sources: same key, same region, paired by population rank
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            groups[(keys[i], row["region"] or "")].append(i)
        for (key, region), members in groups.items():
            geo_cc = OVERSEAS_REGIONS.get(region, "FR")
            found = [j for j, primary in cities.lookup(key) if primary and cities.cc[j].decode() == geo_cc
                     and (geo_cc != "FR" or cities.admin1[j].decode() == region)]
            found.sort(key=lambda j: -int(cities.pop[j]))
            members.sort(key=lambda i: -pops[i])
            for i, j in zip(members, found):
                gid_row[i] = j
        hashes = np.array([hash_key(k) for k in keys], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        return cls({
            "insee": np.array([row["insee"] for row in rows], dtype="S5"),
            "region": np.array([row["region"] or "" for row in rows], dtype="S2"),
            "pop": np.array(pops, dtype=np.int64),
            "gid_row": gid_row,
            "name_offsets": offsets,
            "names": np.frombuffer(b"".join(names), dtype=np.uint8),
            "keys": hashes[order],
            "key_row": order.astype(np.int32),
        })

    @classmethod
    def cached(cls, rows: list[dict], cities, cities_tag: str, cache_dir: Path,
               name_key: Callable[[str], str], hash_key: Callable[[str], int]) -> "CommuneIndex":
        """The index of `rows`, from the disk cache when this table and GeoNames index built it before."""
        path = cache_dir / f"fr-communes-{table_digest(rows)}-{cities_tag}-v{COMMUNE_INDEX_FORMAT}.npz"
        if path.exists():
            try:
                return cls.load(path)
            except (OSError, ValueError, KeyError):
                pass
        index = cls.build(rows, cities, name_key, hash_key)
        try:
            index.save(path)
        except OSError:
            pass  # read-only cache: the index lives in this process only
        return index

    def name(self, i: int) -> str:
        return self._names[self.name_offsets[i]:self.name_offsets[i + 1]].decode("utf-8")

    def lookup(self, hashed: int) -> list[int]:
        """Rows of the communes whose name key hashes to `hashed`."""
        h = np.uint64(hashed)
        lo, hi = np.searchsorted(self.keys, h, "left"), np.searchsorted(self.keys, h, "right")
        return [int(self.key_row[j]) for j in range(lo, hi)]
