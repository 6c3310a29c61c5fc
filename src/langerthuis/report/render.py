"""Rendering the report: HTML by Jinja2 (with the partial templates the website shares),
PDF by WeasyPrint (page numbers, running headers, internal links and a bookmark per
indicator come from the print stylesheet)."""
from __future__ import annotations

import re
from pathlib import Path

from ..addresses import url
from ..charts.svg import FONT
from ..i18n import LANGUAGES
from ..templating import environment
from ..views.report import ReportView
from .tagging import finish

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
#: The report's one typeface family (report.css), for its text and its charts alike.
REPORT_FONT = '"DejaVu Sans", sans-serif'


def report_html(view: ReportView, site_links: bool = True) -> str:
    """The report as one HTML document; on screen it leads back to the website (its
    dashboard, the PDF, the other language) unless `site_links` is off, as for a file
    written by `langerthuis report` to be read on its own."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    env = environment(view.lang, TEMPLATES)
    other = next(lang for lang in LANGUAGES if lang != view.lang)
    html = env.get_template("report.html").render(
        report=view, css=css, site_links=site_links, other=other,
        url=lambda name, **kw: url(name, view.lang, **kw),
        other_url=lambda name, **kw: url(name, other, **kw))
    return html.replace("<!-- captions -->", _captions(html), 1)


#: A numbered caption as common.html writes it: its label (with its anchor) and its title.
CAPTION = re.compile(r'<span class="(table|figure)-label" id="((?:table|figure)-\d+)">'
                     r'([^<]*)</span>\s*([^<]*)')


def _captions(html: str) -> str:
    """The list of tables and figures: every numbered caption of the report, linked to it
    (the print stylesheet adds its page number)."""
    found = {"table": [], "figure": []}
    for kind, anchor, label, title in CAPTION.findall(html):
        label = label.rstrip(":")  # "Figuur 3: ..." is the caption itself, not its entry
        found[kind].append(f'<li class="sub"><a href="#{anchor}">{label} · {title.strip()}'
                           '</a></li>')
    return "".join(f'<ul class="{kind}s">' + "".join(items) + "</ul>"
                   for kind, items in found.items() if items)


def report_pdf(view: ReportView) -> bytes:
    from weasyprint import HTML  # imported here: it needs the Pango system library
    # PDF/UA-1: tagged (a structure tree for assistive technology), with language and title
    html = report_html(view).replace(f'font-family="{FONT}"', f"font-family='{REPORT_FONT}'")
    pdf = HTML(string=html, base_url=str(HERE)).write_pdf(pdf_variant="pdf/ua-1")
    return finish(pdf)  # header scopes and pagination artifacts (see tagging.py)
