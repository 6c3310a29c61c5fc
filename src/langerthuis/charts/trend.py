"""A key figure over the editions: a column per edition, labelled with its value."""
from __future__ import annotations

from collections.abc import Callable

from .svg import GRID, INK, MUTED, PRIMARY, Chart, document, text


def trend_chart(points: list[tuple[str, float | None, str | None]], title: str,
                description: str, fmt: Callable[[float | None], str]) -> Chart:
    """`points` are (edition label, value, note) in time order. A missing value shows its
    note ("nvt", "--") instead of a column."""
    column, gap, plot_height = 70, 40, 160
    width = gap + len(points) * (column + gap)
    height = plot_height + 60
    values = [v for _, v, _ in points if v is not None]
    top = max(values + [0.0]) or 1.0
    base = plot_height + 20
    body = [f'<line x1="{gap / 2}" y1="{base}" x2="{width - gap / 2}" y2="{base}" '
            f'stroke="{GRID}"/>']
    for i, (label, value, note) in enumerate(points):
        x = gap + i * (column + gap)
        body.append(text(x + column / 2, base + 20, label, anchor="middle", size=13))
        if value is None:
            body.append(text(x + column / 2, base - 8, note or "–", anchor="middle", size=13,
                             fill=MUTED))
            continue
        h = value / top * plot_height
        fill = PRIMARY if i == len(points) - 1 else "#5b7fa6"
        body.append(f'<rect x="{x}" y="{base - h:.1f}" width="{column}" height="{h:.1f}" '
                    f'fill="{fill}"/>')
        body.append(text(x + column / 2, base - h - 6, fmt(value), anchor="middle", size=13,
                         fill=INK, weight="bold"))
    return document(width, height, title, description, body)
