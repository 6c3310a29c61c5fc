"""The report as a download of the website: /rapport/2021.pdf and /en/report/2021.pdf
(and .html), made once per snapshot."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..http import INLINE_STYLES
from ..i18n import translations
from ..views.snapshot import Snapshot, Snapshots
from .render import report_html, report_pdf


def report_file(snapshot: Snapshot, year: int, lang: str, fmt: str) -> bytes | str | None:
    """The report of the edition of `year` as PDF bytes or HTML text; None if there is no
    such edition."""
    view = snapshot.reports.get((year, lang))
    if view is None:
        return None
    return snapshot.artefact(("report", year, lang, fmt), lambda: (
        report_pdf(view) if fmt == "pdf" else report_html(view)))


def install(app: FastAPI, snapshots: Snapshots) -> None:
    @app.get("/rapport/{year}.{fmt}", include_in_schema=False)
    @app.get("/en/report/{year}.{fmt}", include_in_schema=False)
    def report_download(request: Request, year: int, fmt: str):
        lang = "en" if request.url.path.startswith("/en/") else "nl"
        _ = translations(lang).gettext
        if fmt not in ("pdf", "html"):
            raise HTTPException(404, _("The report exists as pdf and as html."))
        content = report_file(snapshots.current(), year, lang, fmt)
        if content is None:
            raise HTTPException(404, _("There is no report of {year}.").format(
                year=str(year)[:8]))
        if fmt == "html":
            return HTMLResponse(content, headers=dict([INLINE_STYLES]))
        return Response(content, media_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="monitor-langer-thuis-{year}.pdf"'})
