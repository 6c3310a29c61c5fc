"""Small helpers for writing accessible SVG."""
from __future__ import annotations

import itertools
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


def document(width: float, height: float, title: str, description: str, body: list[str],
             css_class: str = "chart", role: str = "img") -> Chart:
    """An SVG with its title and description; `role` "group" for one that holds links
    (an image may not)."""
    n = next(_ids)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="{role}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
           f'aria-labelledby="chart-title-{n} chart-desc-{n}" '
           f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
           f'<title id="chart-title-{n}">{escape(title)}</title>'
           f'<desc id="chart-desc-{n}">{escape(description)}</desc>' + "".join(body) + "</svg>")
    return Chart(svg, title, description)
