"""The map of local initiatives (integratief beeld) per year, with an optional choropleth
from a breakdown table per municipality, and the same data as tables. What a load fixes
(shapes, placements carried over the crosswalk, the tables' values) is prepared once in
`MapData`; a filter only picks from it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from shapely.geometry import shape

from .. import model as m
from ..charts import Chart
from ..charts.maps import Area, Marker, classes, municipality_map
from ..formatting import format_number
from ..geography.sources import attribution
from ..i18n import localised, translations
from ..store.dataset import Dataset


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    geometry: dict
    point: tuple[float, float]


@dataclass(frozen=True)
class InitiativeRow:
    id: str
    kind: str
    name: str  # the initiative's name, or its kind in words
    municipality_code: str
    municipality_name: str
    year: int
    action_line: int | None
    indicator_id: str | None
    count: int


@dataclass(frozen=True)
class Choropleth:
    id: str
    title: str
    decimals: int
    values: dict[str, float]


@dataclass(frozen=True)
class MapData:
    years: tuple[int, ...]
    places: dict[int, tuple[Place, ...]]
    initiatives: tuple[InitiativeRow, ...]
    carried: dict[tuple[str, int], tuple[str, ...]]  # (initiative, map year) -> codes
    choropleths: tuple[Choropleth, ...]
    indicators: dict[str, tuple[str, str | None]]  # id -> (Dutch title, English title)

    def map_year(self, year: int) -> int:
        if year in self.years:
            return year
        return max(y for y in self.years if y <= max(year, min(self.years)))


@dataclass(frozen=True)
class MapRow:
    municipality: str
    code: str
    name: str
    year: int
    action_line: int | None
    indicator_id: str | None
    indicator: str  # its title in the page's language


@dataclass(frozen=True)
class MapView:
    available: bool
    year: int = 0
    years: tuple[int, ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()  # (code, words)
    choices: tuple[tuple[str, str], ...] = ()  # (table id, title)
    chart: Chart | None = None
    placed: tuple[MapRow, ...] = ()
    unplaced: tuple[tuple[str, str, int, int | None], ...] = ()  # name, count, year, line
    values_title: str = ""
    values: tuple[tuple[str, str], ...] = ()  # (municipality, value)


def carry(links: list[m.MunicipalityLink], code: str, from_year: int, to_year: int) -> list[str]:
    """The municipalities of `to_year` that hold (part of) municipality `code` of
    `from_year`, following the crosswalk year by year; empty when a year is not covered."""
    codes, year = {code}, from_year
    step = 1 if to_year >= from_year else -1
    while year != to_year:
        nxt = year + step
        a, b = (year, nxt) if step == 1 else (nxt, year)
        pairs = [k for k in links if k.from_year == a and k.to_year == b]
        if not pairs:
            return []
        if step == 1:
            codes = {k.to_code for k in pairs if k.from_code in codes}
        else:
            codes = {k.from_code for k in pairs if k.to_code in codes}
        year = nxt
    return sorted(codes)


def map_data(data: Dataset) -> MapData:
    places = {}
    for year, shapes in data.shapes.items():
        places[year] = tuple(
            Place(s.code, s.name or s.code, s.geometry,
                  (lambda p: (p.x, p.y))(shape(s.geometry).representative_point()))
            for s in shapes)
    rows = tuple(InitiativeRow(
        i.id, i.kind, i.name or i.kind.replace("-", " "), i.municipality_code or "",
        i.municipality_name or "", i.year, i.action_line.number if i.action_line else None,
        i.indicator_id, i.count) for i in data.initiatives)
    carried = {}
    for i in rows:
        if not i.municipality_code:
            continue
        for year, here in places.items():
            codes = {p.code for p in here}
            carried[(i.id, year)] = tuple(
                [i.municipality_code] if i.year == year or i.municipality_code in codes
                else carry(data.links, i.municipality_code, i.year, year))
    choropleths = tuple(Choropleth(t.id, t.title, t.decimals, {
        r.dimensions["municipality_code"]: r.value for r in t.rows
        if r.dimensions.get("municipality_code") and r.value is not None})
        for t in sorted(data.tables, key=lambda t: t.id) if "municipality_code" in t.dimensions)
    return MapData(tuple(sorted(places)), places, rows, carried, choropleths,
                   {i.id: (i.title, i.title_en) for i in data.indicators})


def map_view(md: MapData, year: int, line: str | None, kind: str | None,
             table_id: str | None, lang: str) -> MapView:
    _ = translations(lang).gettext
    if not md.years:
        return MapView(False)
    map_year = md.map_year(year)
    here = md.places[map_year]
    by_code = {p.code: p for p in here}
    chosen = [i for i in md.initiatives
              if (not line or str(i.action_line) == line) and (not kind or i.kind == kind)]
    placed = [i for i in chosen if i.municipality_code]
    counts: dict[str, int] = defaultdict(int)
    for i in placed:
        for code in md.carried.get((i.id, map_year), ()):
            counts[code] += 1
    markers = [Marker(by_code[c].point[0], by_code[c].point[1], n, f"{by_code[c].name}: {n}")
               for c, n in counts.items() if c in by_code]
    values = next((c for c in md.choropleths if c.id == table_id), None)
    klass, bounds = classes(values.values) if values else ({}, [])
    areas = [Area(p.code, p.name, p.geometry, klass.get(p.code)) for p in here]
    legend = [f"{format_number(lo, values.decimals, lang)} – "
              f"{format_number(hi, values.decimals, lang)}" for lo, hi in bounds]
    legend.append(_("no data") if values else _("Municipality"))
    title = _("Map {year}: {subject}").format(
        year=map_year, subject=values.title if values else _("Local initiatives"))
    desc = _("{n} local initiatives in {m} municipalities").format(n=len(placed), m=len(counts))
    chart = municipality_map(areas, title, desc, legend, attribution(), markers)
    names = {p.code: p.name for p in here}
    return MapView(
        True, map_year, md.years,
        tuple(sorted({(i.kind, i.kind.replace("-", " ")) for i in md.initiatives})),
        tuple((c.id, c.title) for c in md.choropleths), chart,
        tuple(MapRow(i.municipality_name or names.get(i.municipality_code, i.municipality_code),
                     i.municipality_code, i.name, i.year, i.action_line, i.indicator_id,
                     localised(*md.indicators[i.indicator_id], lang) if i.indicator_id else "")
              for i in placed),
        tuple((i.name, format_number(i.count, 0, lang), i.year, i.action_line)
              for i in chosen if not i.municipality_code),
        values.title if values else "",
        tuple((names.get(code, code), format_number(v, values.decimals, lang))
              for code, v in sorted(values.values.items())) if values else ())
