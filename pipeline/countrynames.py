"""French names and demonyms of countries to ISO 3166-1 codes, without spaCy or the town indexes.

The one source of the names that name a country: the gazetteer of `presse_places` takes its country
keys from here, and `presse query` reads "Chine" or "chinois" here in a few milliseconds, where the
whole gazetteer (towns, communes) takes seconds.  Names come from pycountry in French, then the place
tables: `names.tsv` (country rows win), `names_world.tsv` (only names not taken), and the demonyms of
`demonyms_world.tsv` then `demonyms.tsv` (the hand table wins; a form the world table gives several
countries reads as the first).
"""
from __future__ import annotations

import gettext
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry

from .placenames import inflections, name_variants
from .tables import MODELS_DIR, read_table
from .text import fold, place_key

TABLES = ("fr_admin.tsv", "names.tsv", "names_world.tsv", "demonyms_world.tsv", "demonyms.tsv")


class CountryNames:
    """Name keys (`text.place_key`) and demonym forms (`text.fold`) to the country they name.

    `iso`: the French names of each ISO country, `heads`: the keys of unique name heads ("Iran" of
    "Iran, République islamique d'"), `world`: the names of `names_world.tsv` that name a country here;
    the gazetteer files its country places under them."""

    def __init__(self, tables: dict[str, list[dict]]):
        # GeoNames gives French overseas territories their own country codes; here they are France.
        self.overseas = {row["geonames_country"] for row in tables["fr_admin.tsv"] if row["geonames_country"]}
        self.iso = iso_names(self.overseas)
        self.keys: dict[str, str] = {place_key(n): code for code, names in self.iso.items() for n in names}
        heads: dict[str, set[str]] = defaultdict(set)
        for code, names in self.iso.items():
            for name in names:
                for variant in name_variants(name) - {name}:
                    heads[place_key(variant)].add(code)
        # 'Corée' is both Koreas: such heads are left out
        self.heads = {key: min(codes) for key, codes in heads.items() if len(codes) == 1 and key not in self.keys}
        self.keys.update(self.heads)
        self.codes = set(self.iso)
        for row in tables["names.tsv"]:
            if row["kind"] == "country":
                self.codes.add(row["country"])  # a code in use but outside ISO 3166-1 (Kosovo, XK)
                self.keys[place_key(row["name"])] = row["country"]
        self.world: list[tuple[str, str]] = []
        for row in tables["names_world.tsv"]:
            key, code = place_key(row["name"]), row["country"]
            if code not in self.codes:
                raise ValueError(f"names_world.tsv: {code} is not a country of the gazetteer")
            if key and key not in self.keys:
                self.world.append((row["name"], code))
                self.keys[key] = code
        self.demonyms: dict[str, str] = {}
        for row in tables["demonyms_world.tsv"]:
            for form in inflections(row["form"], row["feminine"]):
                self.demonyms.setdefault(fold(form), row["country"])
        for row in tables["demonyms.tsv"]:
            for form in inflections(row["form"], row["feminine"]):
                self.demonyms[fold(form)] = row["country"]

    def code(self, text: str) -> str | None:
        """The country a country name or a demonym (of the country or of one of its places) names."""
        key = place_key(text)
        if key in self.keys:
            return self.keys[key]
        return self.demonyms.get(fold(text).strip())


def iso_names(overseas: set[str]) -> dict[str, list[str]]:
    """ISO 3166-1 code -> its French names (common, short, official), French overseas territories left out."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    return {country.alpha_2: [french.gettext(getattr(country, attr)) for attr in ("common_name", "name",
                                                                                  "official_name")
                              if hasattr(country, attr)]
            for country in pycountry.countries if country.alpha_2 not in overseas}


@lru_cache(maxsize=1)
def packaged_country_names() -> CountryNames:
    """The country names of the packaged `models/places/`, for code that runs outside a pipeline."""
    directory = Path(MODELS_DIR) / "places"
    return CountryNames({name: read_table(directory / name) for name in TABLES})
