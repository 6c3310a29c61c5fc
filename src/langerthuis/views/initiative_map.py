"""The map of local initiatives (integratief beeld) per year, with an optional choropleth
from a breakdown table per municipality, and the same data as tables. What a load fixes
(shapes, placements carried over the crosswalk, the tables' values) is prepared once in
`MapData`; a filter only picks from it."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from .. import model as m
from ..charts import Chart
from ..charts.maps import (CLASS_COLOURS, LINE_COLOURS, MARKER, NO_DATA, OUTLINE, Area, Legend,
                           Marker, Outline, classes, municipality_map)
from ..formatting import format_number
from ..geography.sources import MAP_CREDITS
from ..i18n import localised, translations
from ..store.dataset import Dataset

if TYPE_CHECKING:
    from .municipality import MunicipalityData


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
    name: str  # the initiative's own name, or ""
    kind_words: tuple[str, str]  # the kind in Dutch and English
    municipality_code: str
    municipality_name: str
    year: int
    action_line: int | None
    indicator_id: str | None
    count: int


@dataclass(frozen=True)
class Choropleth:
    id: str
    titles: tuple[str, str]  # Dutch and English
    decimals: int
    unit: str
    direction: str  # higher, lower or none: which way the programme wants it to go
    year: int | None  # the year whose municipalities the values are for
    values: dict[str, float]

    def title(self, lang: str) -> str:
        return localised(*self.titles, lang)


@dataclass(frozen=True)
class Region:
    name: str
    geometry: dict


@dataclass(frozen=True)
class MapData:
    years: tuple[int, ...]  # years with municipality boundaries
    places: dict[int, tuple[Place, ...]]
    initiatives: tuple[InitiativeRow, ...]
    carried: dict[tuple[str, int], tuple[str, ...]]  # (initiative, map year) -> codes
    choropleths: tuple[Choropleth, ...]
    indicators: dict[str, tuple[str, str | None]]  # id -> (Dutch title, English title)
    shrinking: dict[int, tuple[Region, ...]]  # krimp regions per year, as outlines
    pages: dict[tuple[int, str], str] = field(default_factory=dict)  # (year, code) -> the
    # page (slug) of the municipality of the latest year that holds it

    def years_with_data(self, table_id: str | None = None) -> tuple[int, ...]:
        """The years a reader can choose: those with initiatives, or the choropleth's."""
        table = next((c for c in self.choropleths if c.id == table_id), None)
        if table is not None and table.year:
            wanted = {table.year}
        else:
            wanted = {i.year for i in self.initiatives if i.municipality_code}
        return tuple(sorted(y for y in wanted if y in self.years)) or self.years

    def default_year(self, table_id: str | None = None) -> int:
        return max(self.years_with_data(table_id))

    def map_year(self, year: int) -> int:
        """The year whose boundaries show `year`: itself, or the nearest earlier one."""
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
    page: str = ""  # the slug of the municipality's page, if it has one


#: How the table alternative can be sorted (without script: a link per column).
SORTS = {"municipality": lambda r: (r.municipality, r.year),
         "kind": lambda r: (r.name, r.municipality), "year": lambda r: (r.year, r.municipality),
         "action_line": lambda r: (r.action_line or 0, r.municipality)}


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
    per_line: tuple[tuple[str, str], ...] = ()  # (action line, "n initiatives in m places")


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


def _choropleth(t: m.BreakdownTable) -> Choropleth:
    x = t.measurement
    year = (x.reference_date.year if x.reference_date else
            t.edition.year if t.edition else None)
    return Choropleth(t.id, (t.title, t.title_en or t.title), t.decimals, t.unit, x.indicator.desired_direction, year, {
        r.dimensions["municipality_code"]: r.value for r in t.rows
        if r.dimensions.get("municipality_code") and r.value is not None})


def _shrinking(data: Dataset) -> dict[int, tuple[Region, ...]]:
    """The krimp regions of each year as one outline each (the union of their
    municipalities)."""
    regions: dict[tuple[int, str], list[str]] = {}
    for x in data.municipalities:
        if x.shrinking_region:
            regions.setdefault((x.year, x.shrinking_region), []).append(x.code)
    shapes = {(s.year, s.code): s.geometry for year in data.shapes for s in data.shapes[year]}
    out: dict[int, list[Region]] = {}
    for (year, name), codes in sorted(regions.items()):
        parts = [shape(shapes[(year, c)]).buffer(0) for c in codes if (year, c) in shapes]
        if parts:
            out.setdefault(year, []).append(Region(name, mapping(unary_union(parts))))
    return {year: tuple(found) for year, found in out.items()}


def kind_words(i: m.Initiative) -> tuple[str, str]:
    """The kind of an initiative in words, Dutch and English (the content check makes sure
    every kind has its words)."""
    k = i.kind_words
    return (k.name, k.name_en or k.name) if k else (i.kind.replace("-", " "),) * 2


def initiative_name(i: InitiativeRow, lang: str) -> str:
    """The initiative's own name, or its kind in the reader's language."""
    return i.name or localised(*i.kind_words, lang)


def successors(links: list[m.MunicipalityLink], years: list[int], to_year: int
               ) -> dict[tuple[int, str], set[str]]:
    """For each (year, code) of `years`, the codes of `to_year` that hold part of it."""
    step: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for k in links:
        if k.to_year == k.from_year + 1:
            step[k.from_year][k.from_code].add(k.to_code)
    out: dict[tuple[int, str], set[str]] = {}
    for year in years:
        codes = {c for c in step.get(year, {})} if year < to_year else set()
        for code in codes:
            found, y = {code}, year
            while y < to_year and y in step:
                found = {t for c in found for t in step[y].get(c, ())}
                y += 1
            if y == to_year:
                out[(year, code)] = found
    return out


def _pages(data: Dataset, municipalities: MunicipalityData | None) -> dict[tuple[int, str], str]:
    """The page of each (year, code) that lies wholly in one municipality of the pages' year."""
    if municipalities is None or not municipalities.items:
        return {}
    slugs = {x.code: x.slug for x in municipalities.items}
    out = {(municipalities.year, c): s for c, s in slugs.items()}
    for key, codes in successors(data.links, sorted(data.shapes), municipalities.year).items():
        if len(codes) == 1 and next(iter(codes)) in slugs:
            out[key] = slugs[next(iter(codes))]
    return out


def map_data(data: Dataset, municipalities: MunicipalityData | None = None) -> MapData:
    places = {}
    for year, shapes in data.shapes.items():
        places[year] = tuple(
            Place(s.code, s.name or s.code, s.geometry,
                  (lambda p: (p.x, p.y))(shape(s.geometry).representative_point()))
            for s in shapes)
    rows = tuple(InitiativeRow(
        i.id, i.kind, i.name or "", kind_words(i), i.municipality_code or "",
        i.municipality_name or "", i.year, i.action_line.number if i.action_line else None,
        i.indicator_id, i.count) for i in data.initiatives)
    carried = {}
    for i in rows:
        if not i.municipality_code or i.year not in places:
            continue
        codes = {p.code for p in places[i.year]}
        carried[(i.id, i.year)] = tuple(
            [i.municipality_code] if i.municipality_code in codes
            else carry(data.links, i.municipality_code, i.year - 1, i.year))
    choropleths = tuple(_choropleth(t) for t in sorted(data.tables, key=lambda t: t.id)
                        if "municipality_code" in t.dimensions)
    return MapData(tuple(sorted(places)), places, rows, carried, choropleths,
                   {i.id: (i.title, i.title_en) for i in data.indicators}, _shrinking(data),
                   _pages(data, municipalities))


def _direction(c: Choropleth, lang: str) -> str:
    _ = translations(lang).gettext
    return {"higher": _("higher is better"), "lower": _("lower is better")}.get(c.direction, "")


def _municipalities(tr, n: int) -> str:
    return tr.ngettext("{n} municipality", "{n} municipalities", n).format(n=n)


def map_view(md: MapData, year: int | None, line: str | None, kind: str | None,
             table_id: str | None, lang: str, sort: str | None = None,
             link: Callable[[str], str] | None = None) -> MapView:
    """The map of `year` (by default the latest with data): the initiatives of that year,
    dots coloured by action line, and the chosen table's values per municipality. With
    `link` (a page's slug -> its address) each dot links to its municipality's page."""
    tr = translations(lang)
    _ = tr.gettext
    if not md.years:
        return MapView(False)
    map_year = year if year is not None else md.default_year(table_id)
    here = md.places[md.map_year(map_year)]
    by_code = {p.code: p for p in here}
    chosen = [i for i in md.initiatives if i.year == map_year
              and (not line or str(i.action_line) == line) and (not kind or i.kind == kind)]
    placed = [i for i in chosen if i.municipality_code]
    counts: dict[tuple[str, int | None], int] = defaultdict(int)
    for i in placed:
        for code in md.carried.get((i.id, map_year), (i.municipality_code,)):
            counts[(code, i.action_line)] += 1
    markers = []
    for (code, number), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        if code not in by_code:
            continue
        place = by_code[code]
        shift = 0.05 * ((number or 2) - 2)  # dots of several lines side by side
        page = md.pages.get((md.map_year(map_year), code))
        markers.append(Marker(place.point[0] + shift, place.point[1], n,
                              _("{place}: {n} (action line {line})").format(
                                  place=place.name, n=n, line=number or "–"),
                              LINE_COLOURS.get(number, MARKER),
                              link(page) if link and page else ""))
    values = next((c for c in md.choropleths if c.id == table_id), None)
    klass, bounds = classes(values.values) if values else ({}, [])
    areas = [Area(p.code, p.name, p.geometry, klass.get(p.code)) for p in here]
    per_line, dots = [], []
    for number in sorted({i.action_line for i in placed}, key=lambda n: n or 0):
        mine = [i for i in placed if i.action_line == number]
        words = (_("Action line {line}").format(line=number) if number
                 else _("No action line"))
        count = _("{initiatives} in {municipalities}").format(
            initiatives=tr.ngettext("{n} initiative", "{n} initiatives", len(mine)).format(
                n=len(mine)),
            municipalities=_municipalities(tr, len({i.municipality_code for i in mine})))
        per_line.append((words, count))
        dots.append((LINE_COLOURS.get(number, MARKER), "dot", f"{words}: {count}"))
    legends = [Legend(_("Local initiatives"), tuple(dots))] if dots else []
    if values:
        unit = _direction(values, lang)
        legends.append(Legend(values.title(lang) + (f" ({unit})" if unit else ""), tuple(
            [(CLASS_COLOURS[k], "area", f"{format_number(lo, values.decimals, lang)} – "
              f"{format_number(hi, values.decimals, lang)}") for k, (lo, hi) in enumerate(bounds)]
            + [(NO_DATA, "area", _("no data"))])))
    outlines = [Outline(r.name, r.geometry) for r in md.shrinking.get(md.map_year(map_year), ())]
    if outlines:
        legends.append(Legend(_("Regions"), ((OUTLINE, "line", _("Shrinking region")),)))
    title = _("Map {year}: {subject}").format(
        year=map_year, subject=values.title(lang) if values else _("Local initiatives"))
    desc = _("{initiatives} in {municipalities}").format(
        initiatives=tr.ngettext("{n} local initiative", "{n} local initiatives",
                                len(placed)).format(n=len(placed)),
        municipalities=_municipalities(tr, len({c for c, _n in counts})))
    chart = municipality_map(areas, title, desc, legends, _("Map: {credits}").format(credits=MAP_CREDITS),
                             markers, outlines)
    names = {p.code: p.name for p in here}
    rows = [MapRow(i.municipality_name or names.get(i.municipality_code, i.municipality_code),
                   i.municipality_code, initiative_name(i, lang), i.year, i.action_line,
                   i.indicator_id,
                   localised(*md.indicators[i.indicator_id], lang) if i.indicator_id else "",
                   md.pages.get((md.map_year(map_year), i.municipality_code),
                                md.pages.get((i.year, i.municipality_code), "")))
            for i in placed]
    rows.sort(key=SORTS.get(sort or "municipality", SORTS["municipality"]))
    return MapView(
        True, map_year, md.years_with_data(table_id),
        tuple(sorted({(i.kind, localised(*i.kind_words, lang)) for i in md.initiatives})),
        tuple((c.id, c.title(lang)) for c in md.choropleths), chart, tuple(rows),
        tuple((initiative_name(i, lang), format_number(i.count, 0, lang), i.year, i.action_line)
              for i in chosen if not i.municipality_code),
        values.title(lang) if values else "",
        tuple((names.get(code, code), format_number(v, values.decimals, lang))
              for code, v in sorted(values.values.items())) if values else (),
        tuple(per_line))
