"""Horizontal bar chart: one bar per labelled value."""
from __future__ import annotations

from collections.abc import Callable

from .svg import GRID, MUTED, PRIMARY, Chart, document, text


def bar_chart(items: list[tuple[str, float | None]], title: str, description: str,
              fmt: Callable[[float | None], str], maximum: float | None = None) -> Chart:
    """`items` are (label, value) pairs; a missing value is drawn as a label only."""
    label_width, bar_width, row = 260, 300, 26
    width = label_width + bar_width + 90
    height = row * len(items) + 16
    top = max([v for _, v in items if v is not None] + [0.0])
    scale = maximum if maximum is not None else (top or 1.0)
    body = [f'<line x1="{label_width}" y1="4" x2="{label_width}" y2="{height - 8}" '
            f'stroke="{GRID}"/>']
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        short = label if len(label) <= 40 else label[:38] + "…"
        body.append(text(label_width - 8, y + 15, short, anchor="end", size=12))
        if value is None:
            body.append(text(label_width + 6, y + 15, fmt(value), size=12, fill=MUTED))
            continue
        w = max(0.0, value / scale * bar_width)
        body.append(f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                    f'fill="{PRIMARY}"/>')
        body.append(text(label_width + w + 6, y + 15, fmt(value), size=12))
    return document(width, height, title, description, body)
