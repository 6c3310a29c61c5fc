"""The crosswalk between years: which share of each municipality of one year lies in which
municipality of another year. Derived from the CBS boundaries where both years have them
(share of area), and from the address counts of VNG's grenswijzigen for the years after the
last boundary file. A link is exact when a whole municipality goes to one municipality."""
from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

#: Area shares below this are taken as noise from simplifying the boundaries differently
#: each year, not as a real transfer of territory.
NOISE = 0.05
#: A code present in both years that keeps at least this share of its area continues whole.
CONTINUES = 0.85
#: A municipality that keeps at least this share of its area (or addresses) in one
#: municipality counts as going there whole.
WHOLE = 0.98


@dataclass(frozen=True)
class Link:
    from_year: int
    from_code: str
    to_year: int
    to_code: str
    weight: float  # share of the old municipality that lies in the new one
    method: str  # "boundaries" or "addresses" (or "composed" over several years)
    exact: bool


def from_boundaries(old_year: int, old: Mapping[str, BaseGeometry], new_year: int,
                    new: Mapping[str, BaseGeometry]) -> list[Link]:
    """Links from the overlap of the boundaries of two years.

    The generalised boundaries are simplified anew each year, so an unchanged municipality
    seems to lose a few per cent of its area to its neighbours. A code that exists in both
    years and keeps at least `CONTINUES` of its area therefore continues whole; border
    corrections of a few addresses are below what these maps can show. A code that
    disappears is shared over the municipalities that took its area."""
    codes = list(new)
    tree = STRtree([new[c] for c in codes])
    links = []
    for code, shape in old.items():
        if code in new and shape.intersection(new[code]).area >= CONTINUES * shape.area:
            links.append(Link(old_year, code, new_year, code, 1.0, "boundaries", True))
            continue
        shares = {}
        for i in tree.query(shape):
            overlap = shape.intersection(new[codes[i]]).area / shape.area
            if overlap >= NOISE:
                shares[codes[i]] = overlap
        if not shares:
            continue
        total = sum(shares.values())
        target, top = max(shares.items(), key=lambda kv: kv[1])
        if top >= WHOLE * total:
            links.append(Link(old_year, code, new_year, target, 1.0, "boundaries", True))
            continue
        links += [Link(old_year, code, new_year, t, round(share / total, 6), "boundaries", False)
                  for t, share in sorted(shares.items())]
    return links


def read_address_counts(path: Path) -> dict[tuple[int, int], dict[str, dict[str, int]]]:
    """{(from_year, to_year): {from_code: {to_code: addresses}}} for the municipalities that
    changed."""
    out: dict[tuple[int, int], dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(dict))
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (int(row["van_jaar"]), int(row["naar_jaar"]))
            out[key][row["gemeentecode_van"]][row["gemeentecode_naar"]] = int(row["aantal_adressen"])
    return out


def from_addresses(old_year: int, old_codes: list[str], new_year: int,
                   counts: Mapping[str, Mapping[str, int]]) -> list[Link]:
    """Links from address counts; a municipality that is not in the counts did not change."""
    links = []
    for code in old_codes:
        moved = counts.get(code)
        if not moved:
            links.append(Link(old_year, code, new_year, code, 1.0, "addresses", True))
            continue
        total = sum(moved.values())
        top = max(moved.values())
        if top >= WHOLE * total:
            target = max(moved, key=moved.get)
            links.append(Link(old_year, code, new_year, target, 1.0, "addresses", True))
            continue
        for target, n in moved.items():
            links.append(Link(old_year, code, new_year, target, round(n / total, 6),
                              "addresses", False))
    return links


def compose(first: list[Link], second: list[Link]) -> list[Link]:
    """Links from year A to C through year B."""
    onward: dict[str, list[Link]] = defaultdict(list)
    for link in second:
        onward[link.from_code].append(link)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    exact: dict[tuple[str, str], bool] = defaultdict(lambda: True)
    for a in first:
        for b in onward.get(a.to_code, []):
            key = (a.from_code, b.to_code)
            weights[key] += a.weight * b.weight
            exact[key] = exact[key] and a.exact and b.exact
    if not first or not second:
        return []
    y0, y1 = first[0].from_year, second[0].to_year
    return [Link(y0, f, y1, t, round(w, 6), "composed", exact[(f, t)] and w == 1.0)
            for (f, t), w in sorted(weights.items())]


@dataclass
class Translation:
    """Values carried from one year's map to another's."""

    values: dict[str, float]
    exact: bool
    approximate: list[str]  # target codes whose value rests on a partial (weighted) link
    unmatched: list[str]  # source codes without a link


def translate_counts(values: Mapping[str, float], links: list[Link]) -> Translation:
    """Carry counts (things that add up) over the links: a merged municipality gets the sum of
    its predecessors; a split one shares its count by the links' weights."""
    by_source: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_source[link.from_code].append(link)
    out: dict[str, float] = defaultdict(float)
    approximate: set[str] = set()
    unmatched = []
    for code, value in values.items():
        targets = by_source.get(code)
        if not targets:
            unmatched.append(code)
            continue
        for link in targets:
            out[link.to_code] += value * link.weight
            if not link.exact:
                approximate.add(link.to_code)
    return Translation(dict(out), not approximate and not unmatched, sorted(approximate),
                       sorted(unmatched))
