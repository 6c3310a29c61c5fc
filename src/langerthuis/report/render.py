"""Rendering the report: HTML by Jinja2 (with the partial templates the website shares),
PDF by WeasyPrint (page numbers, running headers, internal links and a bookmark per
indicator come from the print stylesheet)."""
from __future__ import annotations

from pathlib import Path

from ..templating import environment
from ..views.report import ReportView

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"


def report_html(view: ReportView) -> str:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return environment(view.lang, TEMPLATES).get_template("report.html").render(
        report=view, css=css)


def report_pdf(view: ReportView) -> bytes:
    from weasyprint import HTML  # imported here: it needs the Pango system library
    # PDF/UA-1: tagged (a structure tree for assistive technology), with language and title
    return HTML(string=report_html(view), base_url=str(HERE)).write_pdf(pdf_variant="pdf/ua-1")
