"""Decoding TopoJSON (https://github.com/topojson/topojson-specification) into shapely
geometries: quantised, delta-encoded arcs shared between neighbouring shapes."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Feature:
    properties: dict[str, Any]
    geometry: BaseGeometry


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def _polygon(rings: list[list[int]], arcs) -> Polygon:
    shell, *holes = (_ring(r, arcs) for r in rings)
    return Polygon(shell, holes)


def read_topojson(path: Path) -> list[Feature]:
    """The features of the (single) object in a TopoJSON file."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    if topology.get("type") != "Topology":
        raise ValueError(f"{path}: not a TopoJSON Topology")
    arcs = _decode_arcs(topology)
    [collection] = topology["objects"].values()
    out = []
    for g in collection["geometries"]:
        if g["type"] == "Polygon":
            shape: BaseGeometry = _polygon(g["arcs"], arcs)
        elif g["type"] == "MultiPolygon":
            shape = MultiPolygon([_polygon(p, arcs) for p in g["arcs"]])
        else:
            continue
        if not shape.is_valid:
            shape = shape.buffer(0)
        out.append(Feature(g.get("properties", {}), shape))
    return out
