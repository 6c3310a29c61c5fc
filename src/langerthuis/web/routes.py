"""The website's routes: server-rendered pages in Dutch and English (no JavaScript needed),
rendered from the current snapshot."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..http import etag_of, not_modified
from ..i18n import LANGUAGES, translations
from ..views.snapshot import Snapshots
from ..config import load_settings
from . import embeds
from .chartfiles import chart_file
from .feeds import MEDIA_TYPE as FEED_TYPE, feed
from .pages import QUERIES, Page, cached_page, error_page
from ..addresses import PARAMETERS, ROUTES, url

HERE = Path(__file__).resolve().parent


def install(app: FastAPI, snapshots: Snapshots) -> None:
    """The pages in both languages and their styles."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    embeds.install(app, snapshots)
    for lang in LANGUAGES:
        _routes(app, lang, snapshots)


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
        return page_response(request, result)

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

    @app.get(ROUTES["action"][lang], include_in_schema=False)
    def action(request: Request, id: str):
        return respond(request, "action", {"id": id})

    @app.get(ROUTES["municipality"][lang], include_in_schema=False)
    def municipality(request: Request, id: str):
        return respond(request, "municipality", {"id": id})

    @app.get(ROUTES["reflection"][lang], include_in_schema=False)
    def reflection(request: Request, year: int):
        return respond(request, "reflection", {"year": year})

    @app.get(ROUTES["methods"][lang], include_in_schema=False)
    def methods(request: Request, year: int):
        return respond(request, "methods", {"year": year})

    @app.get(ROUTES["changes"][lang], include_in_schema=False)
    def changes(request: Request, year: int):
        return respond(request, "changes", {"year": year})

    def feed_response(request: Request, programme: str | None) -> Response:
        snapshot = snapshots.current()
        body = snapshot.artefact(("feed", lang, programme), lambda: feed(
            snapshot, lang, programme, load_settings().base_url))
        if body is None:
            return error_response(request, snapshots, 404, translations(lang).gettext(
                "There is no programme {id}.").format(id=(programme or "")[:40]))
        etag = etag_of(body)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
        if not_modified(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=FEED_TYPE, headers=headers)

    @app.get(ROUTES["feed"][lang], include_in_schema=False)
    def feed_of_all(request: Request):
        return feed_response(request, None)

    @app.get(ROUTES["feed_of"][lang], include_in_schema=False)
    def feed_of_programme(request: Request, programme: str):
        return feed_response(request, programme)

    @app.get(ROUTES["chart"][lang], include_in_schema=False)
    def chart(request: Request, id: str, fmt: str):
        _ = translations(lang).gettext
        found = chart_file(snapshots.current(), id, lang, fmt)
        if found is None:
            return error_response(request, snapshots, 404, _(
                "There is no chart {id} as {fmt}.").format(id=id[:40], fmt=fmt[:8]))
        etag = etag_of(found.content)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300",
                   "Content-Disposition": f'attachment; filename="{found.filename}"'}
        if not_modified(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return Response(found.content, media_type=found.media_type, headers=headers)

    for page in ("programme_of", "actions_of"):
        app.add_api_route(ROUTES[page][lang], _of_programme(respond, page), methods=["GET"],
                          include_in_schema=False, name=f"{page}-{lang}")
    for page in ("programme", "introduction", "actions", "map", "municipalities", "search",
                 "about", "accessibility", "privacy", "housing"):
        app.add_api_route(ROUTES[page][lang], _simple(respond, page), methods=["GET"],
                          include_in_schema=False, name=f"{page}-{lang}")


def page_response(request: Request, page: Page) -> Response:
    """A rendered page with its validator: 304 when the reader's copy is current."""
    if page.status != 200:
        return HTMLResponse(page.html, status_code=page.status,
                            headers={"Cache-Control": "no-store"})
    headers = {"ETag": page.etag, "Cache-Control": "public, max-age=300"}
    if not_modified(request.headers.get("if-none-match"), page.etag):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(page.html, headers=headers)


def error_response(request: Request, snapshots: Snapshots, status: int,
                   message: str = "") -> Response:
    """The styled error page in the language of the address asked for."""
    path = request.url.path
    lang = "en" if path == "/en" or path.startswith("/en/") else "nl"
    return page_response(request, error_page(snapshots.current(), lang, status, message))


def _of_programme(respond, page: str):
    """A page of one programme (/programma/wozo): its id is the path parameter."""
    def endpoint(request: Request, programme: str):
        return respond(request, page, {"programme": programme})
    return endpoint


def _simple(respond, page: str):
    def endpoint(request: Request):
        return respond(request, page)
    return endpoint
