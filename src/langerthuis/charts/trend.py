"""A key figure over time: one point per figure, placed at the period the data describe
(with the editions that showed it underneath), joined by a line where consecutive figures
are comparable and cut by a dashed rule where the series breaks."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .svg import GRID, INK, MUTED, PRIMARY, Chart, document, lines, nice_scale, text, wrap


@dataclass(frozen=True)
class Point:
    period: str  # what the axis shows: the reference period (or that the source gives none)
    edition: str  # the editions that showed the figure
    value: float | None
    text: str  # the value as printed, or why there is none ("nvt", "--")
    lower_bound: bool = False
    break_before: str = ""  # why this figure cannot be compared with the one before


def trend_chart(points: list[Point], title: str, description: str, axis_title: str,
                period_title: str, tick: Callable[[float, int], str], break_label: str,
                lower_bound_label: str, maximum: float | None = None) -> Chart:
    """`tick(value, decimals)` formats the value axis; `break_label` and
    `lower_bound_label` are the legend's words for a series break and a lower bound."""
    left, slot, plot_h, top_pad = 74, 150, 170, 34
    width = max(420, left + slot * len(points) + 10)
    values = [p.value for p in points if p.value is not None]
    top, ticks, decimals = nice_scale(maximum if maximum is not None else max(values + [0.0]))
    base = top_pad + plot_h

    def ypos(v: float) -> float:
        return base - max(0.0, v) / top * plot_h

    def xpos(i: int) -> float:
        return left + slot * i + slot / 2

    body = []
    for t in ticks:
        y = ypos(t)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" '
                    f'stroke="{GRID}" stroke-width="0.8"/>')
        body.append(text(left - 6, y + 4, tick(t, decimals), size=11, anchor="end", fill=MUTED))
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{INK}"/>')
    body.append(f'<text transform="translate(14 {top_pad + plot_h / 2:.1f}) rotate(-90)" '
                f'text-anchor="middle" font-size="12" font-weight="bold" fill="{MUTED}">'
                f'{escape(axis_title)}</text>')
    previous: tuple[float, float] | None = None
    breaks = lower = False
    for i, p in enumerate(points):
        x = xpos(i)
        if p.break_before and i > 0:
            breaks = True
            bx = x - slot / 2
            body.append(f'<line x1="{bx:.1f}" y1="{top_pad - 8}" x2="{bx:.1f}" y2="{base}" '
                        f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 4">'
                        f'<title>{escape(p.break_before)}</title></line>')
            previous = None
        body.append(lines(x, base + 18, wrap(p.period, 20), size=12, anchor="middle",
                          weight="bold"))
        body.append(lines(x, base + 18 + 14 * len(wrap(p.period, 20)), wrap(p.edition, 22),
                          size=11, anchor="middle", fill=MUTED))
        if p.value is None:
            body.append(text(x, base - 8, p.text, size=12, anchor="middle", fill=MUTED))
            previous = None
            continue
        y = ypos(p.value)
        if previous is not None:
            body.append(f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{x:.1f}" '
                        f'y2="{y:.1f}" stroke="{PRIMARY}" stroke-width="2.5"/>')
        if p.lower_bound:
            lower = True
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" '
                        f'stroke="{PRIMARY}" stroke-width="2.5"/>')
        else:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{PRIMARY}"/>')
        body.append(text(x, y - 12, p.text, size=13, anchor="middle", weight="bold"))
        previous = (x, y)
    label_lines = max((len(wrap(p.period, 20)) + len(wrap(p.edition, 22)) for p in points),
                      default=2)
    y = base + 18 + 14 * label_lines + 4
    # the axis title and the legend wrap within the chart: never cut at its edge
    title_lines = wrap(period_title, int((width - left) / 7.5))
    body.append(lines(left + (width - left) / 2, y, title_lines, size=12, anchor="middle",
                      weight="bold", fill=MUTED))
    y += 10 + 14 * (len(title_lines) - 1)
    legend = []
    words = int((width - left - 12) / 7)
    if breaks:
        legend.append(f'<line x1="{left}" y1="{y + 4}" x2="{left}" y2="{y + 18}" stroke="{INK}" '
                      f'stroke-width="1.5" stroke-dasharray="5 4"/>')
        legend.append(lines(left + 10, y + 15, wrap(break_label, words), size=12))
        y += 22 + 14 * (len(wrap(break_label, words)) - 1)
    if lower:
        legend.append(f'<circle cx="{left}" cy="{y + 11}" r="6" fill="#ffffff" '
                      f'stroke="{PRIMARY}" stroke-width="2.5"/>')
        legend.append(lines(left + 12, y + 15, wrap(lower_bound_label, words), size=12))
        y += 22 + 14 * (len(wrap(lower_bound_label, words)) - 1)
    return document(width, y + 8, title, description, body + legend)
