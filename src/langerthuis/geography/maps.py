"""Boundaries for the web: each year's municipalities (and the region layers) simplified
to a small GeoJSON, with coordinates rounded to about ten metres."""
from __future__ import annotations

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

#: Simplification tolerance in degrees (about 300 m): small enough to keep every
#: municipality recognisable, large enough to keep a national map light.
TOLERANCE = 0.003


def _round(coords, digits: int):
    if isinstance(coords[0], (int, float)):
        return [round(c, digits) for c in coords]
    return [_round(c, digits) for c in coords]


def simplified_geojson(shape: BaseGeometry, tolerance: float = TOLERANCE, digits: int = 4) -> dict:
    small = shape.simplify(tolerance, preserve_topology=True)
    geo = mapping(small)
    return {"type": geo["type"], "coordinates": _round(geo["coordinates"], digits)}
