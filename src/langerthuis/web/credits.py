"""A downloaded chart says where it comes from: a thin layer around the chart's SVG (drawn
by charts/, untouched here) that adds a band below it with the title, the source, the
licence and the permalink, and the same as RDF metadata, so that a copied picture (SVG or
PNG, which is drawn from this SVG) still names its source."""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

_SIZE = re.compile(r'<svg\b[^>]*?\bviewBox="0 0 ([\d.]+) ([\d.]+)"')
LINE = 15  # the band's line height
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Credit:
    title: str
    source: str  # "Bron: RIVM, Monitor Langer Thuis en WOZO"
    licence: str
    licence_url: str
    permalink: str


def credited(svg: str, credit: Credit) -> str:
    """`svg` inside a picture one band taller, with `credit` written in the band."""
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("the chart's SVG has no viewBox starting at 0 0; cannot add its credit")
    width, height = float(found.group(1)), float(found.group(2))
    # about 6.5 px a character at 12 px: wrap so that the band fits the chart's width
    columns = max(20, int((width - 16) / 6.5))
    lines = [line for part in (credit.title, credit.source, credit.licence, credit.permalink)
             for line in textwrap.wrap(part, columns, break_on_hyphens=False) or [""]]
    band = LINE * len(lines) + 12
    bold = ' font-weight="bold"'
    text = "".join(f'<text x="8" y="{height + 18 + i * LINE:g}" font-size="{12 if i else 13}"'
                   f'{"" if i else bold}>{escape(line)}</text>' for i, line in enumerate(lines))
    metadata = (
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#">'
        f'<cc:Work rdf:about={quoteattr(credit.permalink)}><dc:title>{escape(credit.title)}'
        f'</dc:title><dc:source>{escape(credit.source)}</dc:source>'
        f'<cc:license rdf:resource={quoteattr(credit.licence_url)}/></cc:Work></rdf:RDF>'
        '</metadata>')
    total = height + band
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {total:g}" '
            f'width="{width:g}" height="{total:g}" font-family="{FONT}">'
            f'<title>{escape(credit.title)}</title>{metadata}'
            f'<rect width="100%" height="100%" fill="#ffffff"/>'
            f'<svg x="0" y="0" width="{width:g}" height="{height:g}">{svg}</svg>'
            f'<g fill="#1a1a1a">{text}</g></svg>')
