"""Rendering the report: HTML by Jinja2 (with the partial templates the website shares),
PDF by WeasyPrint (page numbers, running headers, internal links and a bookmark per
indicator come from the print stylesheet)."""
from __future__ import annotations

from pathlib import Path

from ..addresses import url
from ..i18n import LANGUAGES
from ..templating import environment
from ..views.report import ReportView

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"


def report_html(view: ReportView, site_links: bool = True) -> str:
    """The report as one HTML document; on screen it leads back to the website (its
    dashboard, the PDF, the other language) unless `site_links` is off, as for a file
    written by `langerthuis report` to be read on its own."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    env = environment(view.lang, TEMPLATES)
    other = next(lang for lang in LANGUAGES if lang != view.lang)
    return env.get_template("report.html").render(
        report=view, css=css, site_links=site_links, other=other,
        url=lambda name, **kw: url(name, view.lang, **kw),
        other_url=lambda name, **kw: url(name, other, **kw))


def report_pdf(view: ReportView) -> bytes:
    from weasyprint import HTML  # imported here: it needs the Pango system library
    # PDF/UA-1: tagged (a structure tree for assistive technology), with language and title
    return HTML(string=report_html(view), base_url=str(HERE)).write_pdf(pdf_variant="pdf/ua-1")
