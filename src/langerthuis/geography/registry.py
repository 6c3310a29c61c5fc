"""The municipality registry per year: code, name, province, GGD region, care office region
and shrinking region, built from the open data, with the crosswalk between years."""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.prepared import prep

from . import crosswalk as cw
from .errors import UnknownMunicipality
from .names import NameIndex
from .sources import BOUNDARY_YEARS, REGISTRY_YEARS, OpenData
from .topojson import read_topojson

REGION_LAYERS = {"province": "provincie", "ggd_region": "ggdregio",
                 "care_office_region": "zorgkantoorregio"}


@dataclass(frozen=True)
class Region:
    layer: str
    code: str
    name: str


@dataclass(frozen=True)
class Municipality:
    year: int
    code: str
    name: str | None
    province: Region | None = None
    ggd_region: Region | None = None
    care_office_region: Region | None = None
    shrinking_region: str | None = None
    derived: bool = False  # built from the address crosswalk, not from a boundary file
    note: str | None = None


@dataclass
class Registry:
    municipalities: dict[int, dict[str, Municipality]]
    shapes: dict[int, dict[str, BaseGeometry]]
    links: dict[tuple[int, int], list[cw.Link]]
    regions: dict[str, list[Region]] = field(default_factory=dict)
    region_shapes: dict[str, dict[str, BaseGeometry]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.municipalities)

    def in_year(self, year: int) -> list[Municipality]:
        self._check_year(year)
        return sorted(self.municipalities[year].values(), key=lambda m: m.code)

    def _check_year(self, year: int) -> None:
        if year not in self.municipalities:
            raise UnknownMunicipality(f"year {year}", year, [],
                                      f" (the registry covers {self.years[0]}-{self.years[-1]})")

    def get(self, code: str, year: int) -> Municipality:
        self._check_year(year)
        found = self.municipalities[year].get(code)
        if found is None:
            raise UnknownMunicipality(f"code {code}", year, self.nearest_codes(code, year))
        return found

    def nearest_codes(self, code: str, year: int) -> list[str]:
        """Successors or predecessors of `code` valid in `year`, then numerically close codes."""
        valid = self.municipalities[year]
        out: list[str] = []
        for (a, b), links in sorted(self.links.items()):
            for link in links:
                if link.from_code == code and b == year and link.to_code in valid:
                    out.append(link.to_code)
                if link.to_code == code and a == year and link.from_code in valid:
                    out.append(link.from_code)
        digits = int(code[2:]) if code[2:].isdigit() else 0
        close = sorted(valid, key=lambda c: abs(int(c[2:]) - digits))[:3]
        ordered = list(dict.fromkeys(out + close))
        return [f"{c} ({valid[c].name or 'name unknown'})" for c in ordered][:4]

    @cached_property
    def _names(self) -> dict[int, NameIndex]:
        return {y: NameIndex({m.code: m.name for m in ms.values() if m.name})
                for y, ms in self.municipalities.items()}

    def lookup(self, name: str, year: int) -> Municipality:
        """A municipality by its name or a common variant of it, valid in `year`."""
        self._check_year(year)
        index = self._names[year]
        code = index.find(name)
        if code is None:
            raise UnknownMunicipality(f"name {name!r}", year,
                                      [f"{c} ({self.municipalities[year][c].name})"
                                       for c in index.suggest(name)])
        return self.municipalities[year][code]

    def crosswalk(self, from_year: int, to_year: int) -> list[cw.Link]:
        """Links from one year's map to another's (later or earlier)."""
        self._check_year(from_year)
        self._check_year(to_year)
        if from_year == to_year:
            return [cw.Link(from_year, c, to_year, c, 1.0, "identity", True)
                    for c in self.municipalities[from_year]]
        if from_year > to_year:
            return _reverse(self.crosswalk(to_year, from_year), self.shapes[to_year])
        links = self.links[(from_year, from_year + 1)]
        for y in range(from_year + 1, to_year):
            links = cw.compose(links, self.links[(y, y + 1)])
        return links


def _reverse(links: list[cw.Link], old_shapes: dict[str, BaseGeometry]) -> list[cw.Link]:
    """Links backwards in time: a merged municipality splits over its predecessors in
    proportion to the area each brought in (area stands in for what is counted, so such a
    link is never exact)."""
    into: dict[str, list[cw.Link]] = defaultdict(list)
    for link in links:
        into[link.to_code].append(link)
    out = []
    for target, parts in into.items():
        brought = {p.from_code: p.weight * old_shapes[p.from_code].area for p in parts}
        total = sum(brought.values())
        for p in parts:
            exact = len(parts) == 1 and p.exact
            out.append(cw.Link(p.to_year, target, p.from_year, p.from_code,
                               round(brought[p.from_code] / total, 6), p.method, exact))
    return out


def _load_regions(data: OpenData) -> tuple[dict[str, list[Region]], dict[str, dict[str, BaseGeometry]]]:
    regions, shapes = {}, {}
    for layer, stem in REGION_LAYERS.items():
        features = read_topojson(data.regions(stem))
        regions[layer] = [Region(layer, f.properties["statcode"], f.properties["statnaam"])
                          for f in features]
        shapes[layer] = {f.properties["statcode"]: f.geometry for f in features}
    return regions, shapes


def _region_of(shape: BaseGeometry, layer: list[Region], shapes: dict[str, BaseGeometry]) -> Region:
    """The region containing a municipality: the one holding most of its area."""
    point = shape.representative_point()
    for region in layer:
        if prep(shapes[region.code]).contains(point):
            return region
    return max(layer, key=lambda r: shapes[r.code].intersection(shape).area)


def _shrinking(data: OpenData) -> dict[str, str]:
    with data.shrinking_regions().open(encoding="utf-8") as f:
        return {row["municipality_code"]: row["region"] for row in csv.DictReader(f)}


def build_registry(data: OpenData) -> Registry:
    regions, region_shapes = _load_regions(data)
    shrinking = _shrinking(data)  # codes of 2019 (valid 2019-2020)
    shapes: dict[int, dict[str, BaseGeometry]] = {}
    municipalities: dict[int, dict[str, Municipality]] = {}
    for year in BOUNDARY_YEARS:
        features = read_topojson(data.municipalities(year))
        shapes[year] = {f.properties["statcode"]: f.geometry for f in features}
        municipalities[year] = {
            f.properties["statcode"]: Municipality(
                year, f.properties["statcode"], f.properties["statnaam"],
                **{layer: _region_of(f.geometry, regions[layer], region_shapes[layer])
                   for layer in REGION_LAYERS})
            for f in features}
    links = {(y, y + 1): cw.from_boundaries(y, shapes[y], y + 1, shapes[y + 1])
             for y in BOUNDARY_YEARS[:-1]}
    counts = cw.read_address_counts(data.address_crosswalk())
    for year in (y for y in REGISTRY_YEARS if y not in BOUNDARY_YEARS):
        previous = municipalities[year - 1]
        links[(year - 1, year)] = cw.from_addresses(year - 1, sorted(previous), year,
                                                   counts.get((year - 1, year), {}))
        municipalities[year], shapes[year] = _derive_year(year, previous, shapes[year - 1],
                                                          links[(year - 1, year)])
    registry = Registry(municipalities, shapes, links, regions, region_shapes)
    _assign_shrinking(registry, shrinking)
    _name_new(registry, data.new_municipalities())
    return registry


def _name_new(registry: Registry, path) -> None:
    """Names of municipalities created after the last boundary file, from the open data's
    list of them (gemeentecode, gemeentenaam, vanaf), for every year from their start."""
    if path is None:
        return
    with path.open(encoding="utf-8") as f:
        named = {row["gemeentecode"]: (row["gemeentenaam"], int(row["vanaf"][:4]))
                 for row in csv.DictReader(f)}
    for year in registry.years:
        for code, (name, start) in named.items():
            found = registry.municipalities[year].get(code)
            if found is not None and found.name is None and year >= start:
                registry.municipalities[year][code] = replace(found, name=name)


def _derive_year(year: int, previous: dict[str, Municipality], shapes: dict[str, BaseGeometry],
                 links: list[cw.Link]) -> tuple[dict[str, Municipality], dict[str, BaseGeometry]]:
    """A year without a boundary file: the previous year's municipalities carried over the
    address crosswalk. A new code has no name in the open data; it keeps the regions of the
    predecessor that brought in most."""
    into: dict[str, list[cw.Link]] = defaultdict(list)
    for link in links:
        into[link.to_code].append(link)
    out, out_shapes = {}, {}
    for code, parts in into.items():
        main = max(parts, key=lambda p: p.weight)
        before = previous[main.from_code]
        whole = [p.from_code for p in parts if p.exact]
        note = None
        name = before.name if code in previous else None
        if code not in previous:
            note = (f"new code in {year}, formed from "
                    f"{', '.join(sorted(p.from_code for p in parts))}")
        elif len(parts) > 1:
            note = (f"took in {', '.join(sorted(p.from_code for p in parts if p.from_code != code))}"
                    f" on 1 January {year}")
        out[code] = replace(before, year=year, code=code, name=name, derived=True, note=note)
        pieces = [shapes[c] for c in whole] or [shapes[main.from_code]]
        out_shapes[code] = unary_union(pieces)
    return out, out_shapes


def _assign_shrinking(registry: Registry, shrinking_2019: dict[str, str]) -> None:
    """The 2019 shrinking regions, carried to later years over the crosswalk: a municipality
    belongs to a shrinking region when most of it came from that region."""
    for year in registry.years:
        current = shrinking_2019 if year in (2019, 2020) else None
        if current is None:
            shares: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
            for link in registry.crosswalk(2020, year):
                region = shrinking_2019.get(link.from_code)
                shares[link.to_code][region or ""] += link.weight
            current = {}
            for code, by_region in shares.items():
                region, weight = max(by_region.items(), key=lambda kv: kv[1])
                if region:
                    current[code] = region
        for code, region in current.items():
            if code in registry.municipalities[year]:
                m = registry.municipalities[year][code]
                registry.municipalities[year][code] = replace(m, shrinking_region=region)
