"""Small helpers for writing accessible SVG."""
from __future__ import annotations

import itertools
import math
import textwrap
from dataclasses import dataclass
from html import escape

_ids = itertools.count(1)

#: Colours with at least 4.5:1 contrast on white for text and 3:1 for shapes.
INK = "#1a1a1a"
MUTED = "#595959"
PRIMARY = "#154273"
ACCENT = "#a3541b"
GRID = "#d0d0d0"


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    description: str

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> str:  # Jinja2 renders it without escaping
        return self.svg


def text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 13,
         fill: str = INK, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}" font-weight="{weight}">{escape(content)}</text>')


#: The typefaces of a chart (the website's); the report sets its own in their place.
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"


def document(width: float, height: float, title: str, description: str, body: list[str],
             css_class: str = "chart", role: str = "img") -> Chart:
    """An SVG with its title and description; `role` "group" for one that holds links
    (an image may not)."""
    n = next(_ids)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="{role}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
           f'aria-labelledby="chart-title-{n} chart-desc-{n}" '
           f'font-family="{FONT}">'
           f'<title id="chart-title-{n}">{escape(title)}</title>'
           f'<desc id="chart-desc-{n}">{escape(description)}</desc>' + "".join(body) + "</svg>")
    return Chart(svg, title, description)


#: One colour per series: each at least 3:1 on white and distinct from its neighbours; the
#: legend, the shapes of a dot plot and the table beside the chart never leave colour alone.
SERIES = ("#154273", "#a3541b", "#1e6b35", "#6a3d8a", "#0f6e7a", "#8c2d4e", "#595959")


def wrap(label: str, width: int) -> list[str]:
    """A label in lines of at most `width` characters, never cut: a word longer than the
    line stands on a line of its own."""
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=True) or [""]


def lines(x: float, y: float, content: list[str], *, size: int = 12, leading: float = 14,
          **kwargs) -> str:
    """Several lines of text, the first on baseline `y`."""
    return "".join(text(x, y + i * leading, line, size=size, **kwargs)
                   for i, line in enumerate(content))


def nice_scale(top: float, steps: int = 5) -> tuple[float, list[float], int]:
    """A round upper end for an axis from 0 to `top`, its ticks and the decimals they need."""
    top = top if top > 0 else 1.0
    raw = top / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    ticks = [round(i * step, 10) for i in range(count + 1)]
    decimals = 0 if float(step).is_integer() else max(0, -math.floor(math.log10(step)) + (
        1 if not float(step * 10 ** -math.floor(math.log10(step))).is_integer() else 0))
    return ticks[-1], ticks, decimals
