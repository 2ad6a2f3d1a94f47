"""Country shapes for the report's flow map, from the vendored Natural Earth 1:110m TopoJSON.

`pipeline/data/countries-110m.json` is the `world-atlas` npm package's file as published
(rebuilt by `scripts/vendor_world_atlas.sh`, never fetched at run time).  TopoJSON stores
each shared border once, as a delta-encoded, quantised arc; a ring lists the arcs it follows
(a negative index `~i` walks arc `i` backwards).  Countries are keyed by ISO 3166-1 alpha-2,
from the numeric code the file carries; the few shapes without one keep their name.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Ring = list[tuple[float, float]]  # (lon, lat) points


def _alpha2(numeric: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else None


@lru_cache(maxsize=1)
def countries() -> dict[str, list[Ring]]:
    """Alpha-2 code (or the atlas's name) -> the outer and inner rings of its polygons."""
    topology = json.loads((resources.files(__package__) / "data" / "countries-110m.json").read_text("utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        """The ring's points, unwrapped across the antimeridian (Fiji, Chukotka): a ring that
        crosses it continues past +-180 degrees instead of drawing a line across the world."""
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        for i in range(1, len(points)):
            lon, lat = points[i]
            while lon - points[i - 1][0] > 180:
                lon -= 360
            while points[i - 1][0] - lon > 180:
                lon += 360
            points[i] = (lon, lat)
        return points

    shapes: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        key = _alpha2(geometry.get("id")) or geometry.get("properties", {}).get("name", "?")
        shapes.setdefault(key, []).extend(ring(r) for polygon in polygons for r in polygon)
    return shapes


@dataclass(frozen=True)
class Frame:
    """An equirectangular view of a lon/lat box, x shrunk by the cosine of its middle latitude."""
    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: float

    @property
    def scale(self) -> float:
        return self.width / ((self.lon1 - self.lon0) * self.aspect)

    @property
    def aspect(self) -> float:
        from math import cos, radians

        return max(cos(radians((self.lat0 + self.lat1) / 2)), 0.35)

    @property
    def height(self) -> float:
        return (self.lat1 - self.lat0) * self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.aspect * self.scale, (self.lat1 - lat) * self.scale

    @classmethod
    def around(cls, points: list[tuple[float, float]], width: float, pad: float = 8.0,
               min_lon: float = 40.0, min_lat: float = 24.0) -> "Frame":
        """The box of the (lat, lon) points with a margin, at least `min_lon` x `min_lat` degrees."""
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        lat0, lat1, lon0, lon1 = min(lats) - pad, max(lats) + pad, min(lons) - pad * 1.5, max(lons) + pad * 1.5
        if lon1 - lon0 < min_lon:
            mid = (lon0 + lon1) / 2
            lon0, lon1 = mid - min_lon / 2, mid + min_lon / 2
        if lat1 - lat0 < min_lat:
            mid = (lat0 + lat1) / 2
            lat0, lat1 = mid - min_lat / 2, mid + min_lat / 2
        return cls(max(lon0, -180), max(lat0, -60), min(lon1, 180), min(lat1, 84), width)


def path(rings: list[Ring], frame: Frame) -> str:
    """SVG path data of the rings in the frame (rings wholly outside it are skipped)."""
    parts = []
    for ring in rings:
        if all(lon < frame.lon0 - 5 or lon > frame.lon1 + 5 for lon, _ in ring) or \
                all(lat < frame.lat0 - 5 or lat > frame.lat1 + 5 for _, lat in ring):
            continue
        points = [frame.xy(lat, lon) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)
