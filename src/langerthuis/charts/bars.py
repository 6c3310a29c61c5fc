"""Breakdown charts: grouped horizontal bars, or a dot plot when bars would be too many.
One colour (and for dots one shape) per series with a legend, labels wrapped and never cut,
totals drawn apart from their parts (below a dashed rule, in bold), a value axis with its
title and unit."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .svg import GRID, INK, MUTED, SERIES, Chart, document, lines, nice_scale, text, wrap

#: More values than this in one chart are drawn as a dot plot (one line per row).
MAX_BARS = 16
WIDTH = 680
LABEL_CHARS = 26  # a row label wraps at this many characters (at most 190 px at 12 px)


@dataclass(frozen=True)
class Item:
    """One row of the chart: a value per series (None: not drawn, `texts` says why)."""
    label: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]  # each value as printed
    is_total: bool = False
    total_text: str = ""  # the row's value in a total column, written at the right


@dataclass(frozen=True)
class Group:
    label: str  # "" for no heading
    items: tuple[Item, ...]


def _shape(kind: int, x: float, y: float, colour: str, title: str = "") -> str:
    """Dot plot markers: circle, square, diamond, triangle, ... so shape tells series apart."""
    tip = f"<title>{escape(title)}</title>" if title else ""
    k = kind % 4
    if k == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}">{tip}</circle>'
    if k == 1:
        return (f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
                f'fill="{colour}">{tip}</rect>')
    if k == 2:
        return (f'<path d="M{x:.1f} {y - 6.5:.1f}L{x + 6.5:.1f} {y:.1f}L{x:.1f} {y + 6.5:.1f}'
                f'L{x - 6.5:.1f} {y:.1f}Z" fill="{colour}">{tip}</path>')
    return (f'<path d="M{x:.1f} {y - 6:.1f}L{x + 6:.1f} {y + 5:.1f}L{x - 6:.1f} {y + 5:.1f}Z" '
            f'fill="{colour}">{tip}</path>')


def _legend(series: tuple[str, ...], dots: bool, y: float) -> tuple[list[str], float]:
    """The legend in rows across the width; returns its elements and its height."""
    body, x, row = [], 0.0, 0
    for i, name in enumerate(series):
        w = 26 + 7 * len(name)
        if x > 0 and x + w > WIDTH:
            x, row = 0.0, row + 1
        cy = y + row * 20 + 8
        body.append(_shape(i, x + 7, cy, SERIES[i % len(SERIES)]) if dots else
                    f'<rect x="{x:.1f}" y="{cy - 6:.1f}" width="14" height="12" '
                    f'fill="{SERIES[i % len(SERIES)]}"/>')
        body.append(text(x + 20, cy + 4, name, size=12))
        x += w + 14
    return body, (row + 1) * 20 + 6


def breakdown_chart(groups: list[Group], series: tuple[str, ...], title: str,
                    description: str, axis_title: str, category_title: str,
                    tick: Callable[[float, int], str], total_title: str = "",
                    maximum: float | None = None) -> Chart:
    """`series` names the values of each item (one name: no legend). `tick(value, decimals)`
    formats the axis. `total_title` heads the column of `Item.total_text` values."""
    items = [i for g in groups for i in g.items]
    count = sum(sum(v is not None for v in i.values) for i in items)
    dots = count > MAX_BARS
    label_w = 200
    total_w = 96 if any(i.total_text for i in items) else 0
    plot_w = WIDTH - label_w - total_w - (30 if dots else 80)
    values = [v for i in items for v in i.values if v is not None]
    top, ticks, decimals = nice_scale(maximum if maximum is not None else max(values + [0.0]))

    def xpos(v: float) -> float:
        return label_w + max(0.0, v) / top * plot_w

    body: list[str] = []
    y = 0.0
    if len(series) > 1:
        legend, height = _legend(series, dots, y)
        body += legend
        y += height
    if category_title:
        body.append(text(0, y + 13, category_title, size=12, weight="bold", fill=MUTED))
    if total_w:
        body.append(lines(WIDTH - 4, y + 13, wrap(total_title, 14), size=12, anchor="end",
                          weight="bold", fill=MUTED))
    y += 22 if not total_w else 8 + 14 * len(wrap(total_title, 14))
    plot_top = y
    bar_h = 13
    for g in groups:
        if g.label:
            body.append(text(0, y + 14, g.label, size=12, weight="bold"))
            y += 20
        for item in g.items:
            if item.is_total:
                body.append(f'<line x1="0" y1="{y + 2:.1f}" x2="{WIDTH}" y2="{y + 2:.1f}" '
                            f'stroke="{MUTED}" stroke-dasharray="4 3"/>')
                y += 6
            label = wrap(item.label, LABEL_CHARS)
            weight = "bold" if item.is_total else "normal"
            if dots:
                h = max(24.0, 14 * len(label) + 8)
                cy = y + h / 2
                body.append(f'<line x1="{label_w}" y1="{cy:.1f}" x2="{label_w + plot_w}" '
                            f'y2="{cy:.1f}" stroke="{GRID}" stroke-dasharray="1 3"/>')
                for k, (v, shown) in enumerate(zip(item.values, item.texts)):
                    if v is not None:
                        body.append(_shape(k, xpos(v), cy, SERIES[k % len(SERIES)],
                                           f"{series[k]}: {shown}"))
                missing = [t for v, t in zip(item.values, item.texts) if v is None and t]
                if missing and len(missing) == len(item.values):
                    body.append(text(label_w + 6, cy + 4, missing[0], size=12, fill=MUTED))
            else:
                h = max(len(item.values) * (bar_h + 2) + 8, 14 * len(label) + 8)
                cy = y + h / 2
                for k, (v, shown) in enumerate(zip(item.values, item.texts)):
                    by = y + 4 + k * (bar_h + 2)
                    if v is None:
                        body.append(text(label_w + 6, by + 11, shown or "–", size=11,
                                         fill=MUTED))
                        continue
                    w = xpos(v) - label_w
                    body.append(f'<rect x="{label_w}" y="{by:.1f}" width="{w:.1f}" '
                                f'height="{bar_h}" fill="{SERIES[k % len(SERIES)]}">'
                                f'<title>{escape(series[k])}: {escape(shown)}</title></rect>')
                    body.append(text(label_w + w + 5, by + 11, shown, size=11, fill=INK))
            body.append(lines(label_w - 8, cy + 4 - 7 * (len(label) - 1), label, size=12,
                              anchor="end", weight=weight))
            if item.total_text:
                body.append(text(WIDTH - 4, cy + 4, item.total_text, size=12, anchor="end",
                                 weight="bold" if item.is_total else "normal"))
            y += h
        y += 6
    plot_bottom = y
    grid = []
    for t in ticks:
        x = xpos(t)
        grid.append(f'<line x1="{x:.1f}" y1="{plot_top:.1f}" x2="{x:.1f}" '
                    f'y2="{plot_bottom:.1f}" stroke="{GRID}" stroke-width="0.8"/>')
        grid.append(text(x, plot_bottom + 16, tick(t, decimals), size=11, anchor="middle",
                         fill=MUTED))
    body = grid + body
    body.append(f'<line x1="{label_w}" y1="{plot_top:.1f}" x2="{label_w}" '
                f'y2="{plot_bottom:.1f}" stroke="{INK}"/>')
    body.append(text(label_w + plot_w / 2, plot_bottom + 36, axis_title, size=12,
                     anchor="middle", weight="bold", fill=MUTED))
    return document(WIDTH, plot_bottom + 46, title, description, body)


def bar_chart(rows: list[tuple[str, float | None]], title: str, description: str,
              shown: Callable[[float | None], str], tick: Callable[[float, int], str],
              axis_title: str = "", maximum: float | None = None,
              totals: frozenset[str] = frozenset()) -> Chart:
    """One series of labelled values as horizontal bars: `shown(value)` writes a value
    beside its bar, `tick` the axis; rows whose label is in `totals` are drawn apart."""
    items = tuple(Item(label, (value,), (shown(value),), is_total=label in totals)
                  for label, value in rows)
    return breakdown_chart([Group("", items)], (title,), title, description, axis_title, "",
                           tick, maximum=maximum)
