"""A map of the municipalities as SVG: shapes filled by class (choropleth), and markers for
local initiatives. The page puts a table with the same data next to it."""
from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .svg import MUTED, Chart, document, text

#: Sequential blues, light to dark, each distinguishable from the next; with the legend and
#: the table the map never relies on colour alone.
CLASS_COLOURS = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]
NO_DATA = "#f2f2f2"
MARKER = "#a3541b"
OUTLINE = "#1a1a1a"
#: Dots per action line: distinct from each other and from the blues, 3:1 on white.
LINE_COLOURS = {1: "#a3541b", 2: "#6a3d8a", 3: "#1e6b35"}


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    geometry: dict  # GeoJSON Polygon or MultiPolygon in WGS84
    css_class: int | None = None  # index into CLASS_COLOURS, None for no data


@dataclass(frozen=True)
class Marker:
    lon: float
    lat: float
    count: int
    label: str
    colour: str = MARKER
    href: str = ""  # the page of the place, when it has one


@dataclass(frozen=True)
class Outline:
    """A region drawn as a dark border over the municipalities (for example a krimp region)."""
    name: str
    geometry: dict


@dataclass(frozen=True)
class Legend:
    """A legend block: a title and its entries, each a colour, a shape and words."""
    title: str
    entries: tuple[tuple[str, str, str], ...]  # (colour, "area" | "dot" | "line", words)


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for polygon in geometry["coordinates"]:
            yield from polygon


class _Projection:
    """Equirectangular, corrected for the latitude of the Netherlands; fine at this scale."""

    def __init__(self, areas: list[Area], width: float):
        xs, ys = [], []
        for a in areas:
            for ring in _rings(a.geometry):
                for lon, lat in ring:
                    xs.append(lon)
                    ys.append(lat)
        self.lon0, self.lat1 = min(xs), max(ys)
        self.k = math.cos(math.radians(52.2))
        span = (max(xs) - self.lon0) * self.k
        self.scale = width / span
        self.height = (self.lat1 - min(ys)) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.k * self.scale, (self.lat1 - lat) * self.scale


def _path(geometry: dict, project: _Projection) -> str:
    d = []
    for ring in _rings(geometry):
        points = [project(lon, lat) for lon, lat in ring]
        d.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(d)


def municipality_map(areas: list[Area], title: str, description: str,
                     legends: list[Legend], attribution: str,
                     markers: list[Marker] | None = None, outlines: list[Outline] | None = None,
                     width: float = 560) -> Chart:
    project = _Projection(areas, width)
    titles = [textwrap.wrap(lg.title, 80) or [""] for lg in legends]
    rows = sum(len(lg.entries) + len(t) for lg, t in zip(legends, titles))
    height = project.height + 22 * rows + 16 * len(legends) + 30
    body = []
    for a in areas:
        fill = CLASS_COLOURS[a.css_class] if a.css_class is not None else NO_DATA
        body.append(f'<path d="{_path(a.geometry, project)}" fill="{fill}" fill-rule="evenodd" '
                    f'stroke="#ffffff" stroke-width="0.4"><title>{escape(a.name)}</title></path>')
    for o in outlines or []:
        body.append(f'<path d="{_path(o.geometry, project)}" fill="none" stroke="{OUTLINE}" '
                    f'stroke-width="1.6"><title>{escape(o.name)}</title></path>')
    for m in markers or []:
        x, y = project(m.lon, m.lat)
        r = 3 + 2 * math.sqrt(m.count)
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{m.colour}" '
               f'fill-opacity="0.9" stroke="#ffffff" stroke-width="1">'
               f'<title>{escape(m.label)}</title></circle>')
        body.append(f'<a href="{escape(m.href)}" aria-label="{escape(m.label)}">{dot}</a>'
                    if m.href else dot)
    y = project.height + 16
    for lg, lines in zip(legends, titles):
        for line in lines:
            body.append(text(0, y + 13, line, size=12, weight="bold"))
            y += 22
        for colour, shape, words in lg.entries:
            if shape == "dot":
                body.append(f'<circle cx="8" cy="{y + 8:.1f}" r="6" fill="{colour}"/>')
            elif shape == "line":
                body.append(f'<rect x="0" y="{y + 1:.1f}" width="16" height="14" fill="none" '
                            f'stroke="{colour}" stroke-width="2"/>')
            else:
                body.append(f'<rect x="0" y="{y:.1f}" width="16" height="16" fill="{colour}" '
                            f'stroke="{MUTED}" stroke-width="0.5"/>')
            body.append(text(24, y + 13, words, size=12))
            y += 22
        y += 16
    body.append(text(0, height - 6, attribution, size=11, fill=MUTED))
    return document(width, height, title, description, body, css_class="map",
                    role="group" if any(m.href for m in markers or ()) else "img")


def classes(values: dict[str, float], n: int = 5) -> tuple[dict[str, int], list[tuple[float, float]]]:
    """Quantile classes: {code: class index} and the (low, high) bounds of each class."""
    ordered = sorted(values.values())
    if not ordered:
        return {}, []
    n = min(n, len(set(ordered)))
    bounds = []
    for i in range(n):
        lo = ordered[math.floor(i * len(ordered) / n)]
        hi = ordered[math.ceil((i + 1) * len(ordered) / n) - 1]
        bounds.append((lo, hi))
    out = {}
    for code, v in values.items():
        out[code] = next((i for i, (lo, hi) in enumerate(bounds) if v <= hi), n - 1)
    return out, bounds
