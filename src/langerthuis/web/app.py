"""The web application: server-rendered pages in Dutch and English (no JavaScript needed),
the JSON API, the report and the downloads, all rendered from the current snapshot."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..api import routes as api_routes
from ..i18n import LANGUAGES
from ..opendata.export import build_downloads
from ..report import report_html, report_pdf
from ..store import make_engine
from ..views.snapshot import Snapshots
from .pages import QUERIES, cached_page
from .urls import PARAMETERS, ROUTES, url

HERE = Path(__file__).resolve().parent
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "txt": "text/plain; charset=utf-8"}


def create_app(database_url: str) -> FastAPI:
    engine = make_engine(database_url)
    snapshots = Snapshots(engine)
    app = FastAPI(title="Monitor Langer Thuis API", version="1", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json",
                  description=api_routes.DESCRIPTION)
    app.state.engine = engine
    app.state.snapshots = snapshots
    api_routes.install(app, snapshots)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for lang in LANGUAGES:
        _routes(app, lang, snapshots)

    @app.get("/rapport/{year}.{fmt}", include_in_schema=False)
    @app.get("/en/report/{year}.{fmt}", include_in_schema=False)
    def report_download(request: Request, year: int, fmt: str):
        lang = "en" if request.url.path.startswith("/en/") else "nl"
        if fmt not in ("pdf", "html"):
            return PlainTextResponse("format must be pdf or html", status_code=404)
        snapshot = snapshots.current()
        view = snapshot.reports.get((year, lang))
        if view is None:
            return PlainTextResponse(f"no edition {year}", status_code=404)
        if fmt == "html":
            return HTMLResponse(snapshot.artefact(("report", year, lang, fmt),
                                                  lambda: report_html(view)))
        pdf = snapshot.artefact(("report", year, lang, fmt), lambda: report_pdf(view))
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="monitor-langer-thuis-{year}.pdf"'})

    @app.get("/data/{path:path}", include_in_schema=False)
    def download(path: str):
        snapshot = snapshots.current()
        files = snapshot.artefact(("downloads",), lambda: build_downloads(snapshot))
        content = files.get(path)
        if content is None:
            return PlainTextResponse(f"no download {path!r}", status_code=404)
        headers = {"Cache-Control": "public, max-age=300",
                   "Link": '</data/LICENSE.txt>; rel="license"',
                   "X-Licence": "CC BY 4.0; source RIVM, Monitor Langer Thuis 2019-2021"}
        if not path.endswith(".json"):
            headers["Content-Disposition"] = f'attachment; filename="{path.replace("/", "-")}"'
        return Response(content, media_type=MEDIA[path.rsplit(".", 1)[-1]], headers=headers)

    return app


def _routes(app: FastAPI, lang: str, snapshots: Snapshots) -> None:
    names = {nl: en for en, nl in PARAMETERS.items()} if lang == "nl" else {
        en: en for en in PARAMETERS}

    def respond(request: Request, page: str, params: dict | None = None) -> HTMLResponse:
        query = {}
        for key, value in request.query_params.items():
            name = names.get(key)
            if name in QUERIES.get(page, ()) and name not in query:
                query[name] = value
        result = cached_page(snapshots.current(), lang, page, params or {}, query)
        return HTMLResponse(result.html, status_code=result.status)

    @app.get(ROUTES["home"][lang], include_in_schema=False)
    def home():
        return RedirectResponse(url("dashboard", lang, year=snapshots.current().latest_year),
                                status_code=302)

    @app.get(ROUTES["dashboard"][lang], include_in_schema=False)
    def dashboard(request: Request, year: int):
        return respond(request, "dashboard", {"year": year})

    @app.get(ROUTES["indicator"][lang], include_in_schema=False)
    def indicator(request: Request, id: str):
        return respond(request, "indicator", {"id": id})

    @app.get(ROUTES["reflection"][lang], include_in_schema=False)
    def reflection(request: Request, year: int):
        return respond(request, "reflection", {"year": year})

    for page in ("programme", "actions", "map", "search", "about"):
        app.add_api_route(ROUTES[page][lang], _simple(respond, page), methods=["GET"],
                          include_in_schema=False, name=f"{page}-{lang}")


def _simple(respond, page: str):
    def endpoint(request: Request):
        return respond(request, page)
    return endpoint
