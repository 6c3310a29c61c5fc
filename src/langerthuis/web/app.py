"""The web application: server-rendered pages in Dutch and English (no JavaScript needed),
and the downloads of the figures."""
from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import formatting
from ..analysis import analyse_edition
from ..analysis.reflection import PHRASES, reflect
from ..errors import NotFound
from ..opendata.keyfigures import key_figure_rows, to_csv
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
    app = FastAPI(title="Monitor Langer Thuis", docs_url=None, redoc_url=None)
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

    @app.get("/data/indicator/{indicator_id}.csv", response_class=PlainTextResponse)
    def indicator_csv(indicator_id: str):
        with Session(engine) as session:
            rows = key_figure_rows(session, indicator_id=indicator_id)
        if not rows:
            return PlainTextResponse("no such indicator", status_code=404)
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{indicator_id}.csv"'})

    @app.get("/data/indicator/{indicator_id}.json")
    def indicator_json(indicator_id: str):
        with Session(engine) as session:
            rows = key_figure_rows(session, indicator_id=indicator_id)
        if not rows:
            return Response(json.dumps({"error": "no such indicator"}), status_code=404,
                            media_type="application/json")
        return Response(json.dumps({"indicator_id": indicator_id, "key_figures": rows},
                                   ensure_ascii=False, indent=2),
                        media_type="application/json")

    return app


def _routes(app: FastAPI, lang: str, engine, render, not_found, latest_year, cached) -> None:
    p = {name: paths[lang] for name, paths in ROUTES.items()}

    @app.get(p["home"], response_class=HTMLResponse, name=f"home-{lang}")
    def home(request: Request):
        return RedirectResponse(url("dashboard", lang, year=latest_year()), status_code=302)

    @app.get(p["dashboard"], response_class=HTMLResponse, name=f"dashboard-{lang}")
    def dashboard(request: Request, year: int):
        def build():
            with Session(engine) as session:
                try:
                    context = pages.dashboard(session, year, lang)
                except NotFound:
                    return not_found(request, lang)
                return render(request, lang, "dashboard", "dashboard.html", context, {"year": year})
        return cached(request, build)

    @app.get(p["indicator"], response_class=HTMLResponse, name=f"indicator-{lang}")
    def indicator(request: Request, id: str):
        def build():
            with Session(engine) as session:
                context = pages.indicator(session, id, lang)
                if context is None:
                    return not_found(request, lang)
                return render(request, lang, "indicator", "indicator.html", context, {"id": id})
        return cached(request, build)

    @app.get(p["programme"], response_class=HTMLResponse, name=f"programme-{lang}")
    def programme(request: Request):
        def build():
            with Session(engine) as session:
                context = pages.actions(session, None, None)
                return render(request, lang, "programme", "programme.html", context)
        return cached(request, build)

    @app.get(p["actions"], response_class=HTMLResponse, name=f"actions-{lang}")
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

    @app.get(p["map"], response_class=HTMLResponse, name=f"map-{lang}")
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

    @app.get(p["reflection"], response_class=HTMLResponse, name=f"reflection-{lang}")
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

    @app.get(p["search"], response_class=HTMLResponse, name=f"search-{lang}")
    def search(request: Request, q: str = ""):
        def build():
            with Session(engine) as session:
                context = pages.search(session, q, lang)
                return render(request, lang, "search", "search.html", context, query={"q": q})
        return cached(request, build)

    @app.get(p["about"], response_class=HTMLResponse, name=f"about-{lang}")
    def about(request: Request):
        from .. import model as m
        def build():
            with Session(engine) as session:
                sources = list(session.query(m.DataSource).order_by(m.DataSource.id))
                return render(request, lang, "about", "about.html", {"sources": sources})
        return cached(request, build)
