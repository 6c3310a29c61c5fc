"""The web application: server-rendered pages in Dutch and English (no JavaScript needed),
and the downloads of the figures."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import formatting
from ..api import routes as api_routes
from ..analysis import analyse_edition
from ..analysis.reflection import PHRASES, reflect
from ..errors import NotFound
from ..opendata.export import build_downloads
from ..store import make_engine, queries
from . import pages
from .cache import PageCache
from .i18n import LANGUAGES, ROUTES, translate_query, translator, url

HERE = Path(__file__).resolve().parent


def create_app(database_url: str) -> FastAPI:
    engine = make_engine(database_url)
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.filters["number"] = formatting.format_number
    env.filters["date"] = formatting.format_date
    env.filters["reason"] = lambda code, lang: PHRASES[lang]["reasons"].get(code, code)
    app = FastAPI(title="Monitor Langer Thuis API", version="1", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json",
                  description="Read-only open data of the Monitor Langer Thuis: the framework, "
                  "indicators, editions, measurements, breakdown tables, stories, "
                  "initiatives and the analysis of each edition. Licence CC BY 4.0; "
                  "source RIVM, Monitor Langer Thuis 2019-2021.")
    app.state.engine = engine
    api_routes.install(app, engine)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def render(request: Request, lang: str, page: str, template: str, context: dict,
               params: dict | None = None, query: dict | None = None, status: int = 200):
        params = params or {}
        other = "en" if lang == "nl" else "nl"
        context.update(lang=lang, t=translator(lang), page=page,
                       url=lambda name, q=None, **kw: url(name, lang, q, **kw),
                       alternate=url(page, other, translate_query(query, other), **params),
                       other=other,
                       latest_year=_latest_year())
        return templates.TemplateResponse(request, template, context, status_code=status)

    def _latest_year() -> int:
        with Session(engine) as s:
            return max((e.year for e in queries.editions(s)), default=2021)

    def not_found(request: Request, lang: str):
        return render(request, lang, "home", "not_found.html", {}, status=404)

    cache = PageCache()

    def cached(request: Request, build):
        with Session(engine) as s:
            version = queries.content_version(s)
        return cache.get_or_build((version, request.url.path, request.url.query), build)

    for lang in LANGUAGES:
        _routes(app, lang, engine, render, not_found, _latest_year, cached)

    @app.get("/rapport/{year}.{fmt}", include_in_schema=False)
    @app.get("/en/report/{year}.{fmt}", include_in_schema=False)
    def report_download(request: Request, year: int, fmt: str):
        from ..report import report_html, report_pdf
        lang = "en" if request.url.path.startswith("/en/") else "nl"
        if fmt not in ("pdf", "html"):
            return PlainTextResponse("format must be pdf or html", status_code=404)

        def build():
            with Session(engine) as session:
                try:
                    if fmt == "html":
                        return HTMLResponse(report_html(session, str(year), lang))
                    return Response(report_pdf(session, str(year), lang),
                                    media_type="application/pdf", headers={
                                        "Content-Disposition": f'inline; filename="monitor-'
                                                               f'langer-thuis-{year}.pdf"'})
                except NotFound:
                    return PlainTextResponse(f"no edition {year}", status_code=404)
        return cached(request, build)

    downloads: dict[str, dict] = {}

    @app.get("/data/{path:path}", include_in_schema=False)
    def download(path: str):
        with Session(engine) as session:
            version = queries.content_version(session)
            if version not in downloads:
                downloads.clear()
                downloads[version] = build_downloads(session)
        content = downloads[version].get(path)
        if content is None:
            return PlainTextResponse(f"no download {path!r}", status_code=404)
        media = {"csv": "text/csv; charset=utf-8", "json": "application/json",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "txt": "text/plain; charset=utf-8"}[path.rsplit(".", 1)[-1]]
        headers = {"Cache-Control": "public, max-age=300",
                   "Link": '</data/LICENSE.txt>; rel="license"',
                   "X-Licence": "CC BY 4.0; source RIVM, Monitor Langer Thuis 2019-2021"}
        if not path.endswith(".json"):
            headers["Content-Disposition"] = f'attachment; filename="{path.replace("/", "-")}"'
        return Response(content, media_type=media, headers=headers)

    return app


def _routes(app: FastAPI, lang: str, engine, render, not_found, latest_year, cached) -> None:
    p = {name: paths[lang] for name, paths in ROUTES.items()}

    @app.get(p["home"], response_class=HTMLResponse, name=f"home-{lang}", include_in_schema=False)
    def home(request: Request):
        return RedirectResponse(url("dashboard", lang, year=latest_year()), status_code=302)

    @app.get(p["dashboard"], response_class=HTMLResponse, name=f"dashboard-{lang}", include_in_schema=False)
    def dashboard(request: Request, year: int):
        def build():
            with Session(engine) as session:
                try:
                    context = pages.dashboard(session, year, lang)
                except NotFound:
                    return not_found(request, lang)
                return render(request, lang, "dashboard", "dashboard.html", context, {"year": year})
        return cached(request, build)

    @app.get(p["indicator"], response_class=HTMLResponse, name=f"indicator-{lang}", include_in_schema=False)
    def indicator(request: Request, id: str):
        def build():
            with Session(engine) as session:
                context = pages.indicator(session, id, lang)
                if context is None:
                    return not_found(request, lang)
                return render(request, lang, "indicator", "indicator.html", context, {"id": id})
        return cached(request, build)

    @app.get(p["programme"], response_class=HTMLResponse, name=f"programme-{lang}", include_in_schema=False)
    def programme(request: Request):
        def build():
            with Session(engine) as session:
                context = pages.actions(session, None, None)
                return render(request, lang, "programme", "programme.html", context)
        return cached(request, build)

    @app.get(p["actions"], response_class=HTMLResponse, name=f"actions-{lang}", include_in_schema=False)
    def actions(request: Request, actielijn: str | None = None, trekker: str | None = None,
                action_line: str | None = None, lead: str | None = None):
        line, who = actielijn or action_line, trekker or lead
        query = ({"actielijn": line, "trekker": who} if lang == "nl"
                 else {"action_line": line, "lead": who})
        def build():
            with Session(engine) as session:
                context = pages.actions(session, line, who)
                return render(request, lang, "actions", "actions.html", context, query=query)
        return cached(request, build)

    @app.get(p["map"], response_class=HTMLResponse, name=f"map-{lang}", include_in_schema=False)
    def map_page(request: Request, jaar: int | None = None, year: int | None = None,
                 actielijn: str | None = None, action_line: str | None = None,
                 soort: str | None = None, kind: str | None = None,
                 tabel: str | None = None, table: str | None = None):
        y = jaar or year or latest_year()
        line, k, tab = actielijn or action_line, soort or kind, tabel or table
        query = ({"jaar": y, "actielijn": line, "soort": k, "tabel": tab} if lang == "nl"
                 else {"year": y, "action_line": line, "kind": k, "table": tab})
        def build():
            with Session(engine) as session:
                context = pages.map_view(session, y, line, k, tab, lang)
                return render(request, lang, "map", "map.html", context, query=query)
        return cached(request, build)

    @app.get(p["reflection"], response_class=HTMLResponse, name=f"reflection-{lang}", include_in_schema=False)
    def reflection(request: Request, year: int):
        def build():
            with Session(engine) as session:
                try:
                    analysis = analyse_edition(session, str(year))
                except NotFound:
                    return not_found(request, lang)
                context = {"reflection": reflect(analysis, lang), "analysis": analysis,
                           "editions": queries.editions(session), "year": year}
                return render(request, lang, "reflection", "reflection.html", context,
                              {"year": year})
        return cached(request, build)

    @app.get(p["search"], response_class=HTMLResponse, name=f"search-{lang}", include_in_schema=False)
    def search(request: Request, q: str = ""):
        def build():
            with Session(engine) as session:
                context = pages.search(session, q, lang)
                return render(request, lang, "search", "search.html", context, query={"q": q})
        return cached(request, build)

    @app.get(p["about"], response_class=HTMLResponse, name=f"about-{lang}", include_in_schema=False)
    def about(request: Request):
        from .. import model as m
        def build():
            with Session(engine) as session:
                sources = list(session.query(m.DataSource).order_by(m.DataSource.id))
                return render(request, lang, "about", "about.html", {"sources": sources})
        return cached(request, build)


def static_paths(app: FastAPI) -> dict:
    """What a static copy of the site holds: the pages reachable from the dashboards of
    every edition in both languages, the downloads, and the API responses that need no
    query parameters."""
    from fastapi.testclient import TestClient
    client = TestClient(app)
    editions = client.get("/api/editions?limit=1000").json()["data"]
    indicators = client.get("/api/indicators?limit=1000").json()["data"]
    tables = client.get("/api/tables?limit=1000").json()["data"]
    programmes = client.get("/api/programmes").json()["data"]
    start = ["/", "/en/", "/static/style.css"]
    for e in editions:
        start += [url("dashboard", lang, year=e["year"]) for lang in LANGUAGES]
        start += [url("reflection", lang, year=e["year"]) for lang in LANGUAGES]
    for page in ("programme", "actions", "map", "search", "about"):
        start += [url(page, lang) for lang in LANGUAGES]
    api = ["/api/openapi.json"] + [f"/api/{name}" for name in (
        "programmes", "action-lines", "goals", "actions", "organisations", "indicators",
        "editions", "measurements", "tables", "stories", "initiatives", "references",
        "quality-notes")]
    api += [f"/api/programmes/{p['id']}" for p in programmes]
    api += [f"/api/indicators/{i['id']}" for i in indicators]
    api += [f"/api/editions/{e['id']}" for e in editions]
    api += [f"/api/analysis/{e['id']}" for e in editions]
    api += [f"/api/tables/{t['id']}" for t in tables]
    with Session(app.state.engine) as session:
        downloads = [f"/data/{name}" for name in build_downloads(session)]
    return {"start": start, "api_paths": api, "download_paths": downloads}
