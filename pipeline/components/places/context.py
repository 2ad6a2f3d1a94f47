"""Scoring the readings of a place name: candidates, and what the rest of the document says.

A name has several readings (Valence the French town, Valencia the Spanish one); each is a
`Candidate` with a base score, and the document's `PlaceContext` (its countries, regions, points)
adds bonuses that tell them apart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

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


def total_score(cand: "Candidate", context: "PlaceContext | None", local: "PlaceContext | None") -> float:
    return (cand.score + (context.bonus(cand) if context else 0.0)
            + (2.0 * local.bonus(cand) if local else 0.0))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))
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
                lat is not None and any(distance_km(lat, lon, plat, plon) <= NEAR_KM for plat, plon in self.points))
            bonus += BONUS_CONTEXT_AREA if near else 0.0
        return bonus


