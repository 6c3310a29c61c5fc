"""The downloads of a chart: the picture as SVG and as PNG, its numbers as CSV. Made from
the snapshot's chart views, once per snapshot (PNG only when first asked for).

PNG is drawn from the same SVG by CairoSVG: it is maintained by Kozea, the makers of
WeasyPrint, renders the text with the same system fonts as the PDF, and needs only the cairo
library that Debian installs with Pango; a second drawing of each chart (for example with
a plotting library) would be a second copy of the chart to keep in step."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..addresses import url
from ..config import load_settings
from ..i18n import translations
from ..opendata.keyfigures import csv_cell, plain_number
from ..views.figures import FigureView
from ..views.snapshot import Snapshot
from .credits import Credit, credited

MEDIA = {"svg": "image/svg+xml", "png": "image/png", "csv": "text/csv; charset=utf-8"}
#: A PNG has twice the SVG's size in pixels, sharp on high-resolution screens and in print.
PNG_SCALE = 2


@dataclass(frozen=True)
class ChartFile:
    content: bytes
    media_type: str
    filename: str


def svg_bytes(figure: FigureView, credit: Credit | None = None) -> bytes:
    svg = figure.chart.svg if credit is None else credited(figure.chart.svg, credit)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode("utf-8")


def png_bytes(figure: FigureView, credit: Credit | None = None) -> bytes:
    import cairosvg  # imported here: it needs the cairo system library
    return cairosvg.svg2png(bytestring=svg_bytes(figure, credit), scale=PNG_SCALE)


def credit_of(snapshot: Snapshot, figure: FigureView, lang: str) -> Credit | None:
    """What a downloaded picture says of itself; None without the content's metadata."""
    meta = snapshot.metadata
    if meta is None:
        return None
    _ = translations(lang).gettext
    return Credit(figure.chart.title, _("Source: {publisher}, {title}").format(
        publisher=meta.publisher_short, title=meta.title_in(lang)),
        meta.licence.title_in(lang), meta.licence.url,
        load_settings().base_url + url("chart", lang, id=figure.id, fmt="svg"))


def csv_text(figure: FigureView) -> str:
    """The table beside the chart: numbers with a dot and without thousands separators,
    text that a spreadsheet would take as a formula quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in figure.rows:
        writer.writerow([plain_number(v) if isinstance(v, (int, float)) else csv_cell(v)
                         for v in row])
    return out.getvalue()


def chart_file(snapshot: Snapshot, id: str, lang: str, fmt: str) -> ChartFile | None:
    """The file of chart `id` in `lang` as `fmt` (svg, png, csv); None if there is none."""
    figure = snapshot.figures.get((id, lang))
    if figure is None or fmt not in MEDIA:
        return None
    credit = credit_of(snapshot, figure, lang)
    build = {"svg": lambda f: svg_bytes(f, credit), "png": lambda f: png_bytes(f, credit),
             "csv": lambda f: csv_text(f).encode("utf-8")}[fmt]
    content = snapshot.artefact(("chart", id, lang, fmt), lambda: build(figure))
    return ChartFile(content, MEDIA[fmt], f"{id}-{lang}.{fmt}")
