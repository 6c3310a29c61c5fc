"""The application: one snapshot of the content, rendered by the website, the JSON API,
the downloads and the report, each installing its own routes; errors answered in the
API's format under /api and as styled pages elsewhere; HEAD, compression and security
headers for every response."""
from __future__ import annotations

import logging
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from .api import routes as api_routes
from .config import load_settings
from .editor import routes as editor_routes
from .editor.security import CookiePolicy
from .formatting import format_number
from .http import BodyLimit, HeaderLimits, HeadAsGet, SecurityHeaders
from .i18n import Text
from .opendata import routes as opendata_routes
from .report import routes as report_routes
from .report.making import Maker
from .store import make_engine
from .store.database import database_folder, disk_full
from .views.snapshot import Snapshots
from .web import routes as web_routes


def create_app(database_url: str, data_dir: Path | None = None,
               prebuild: bool = False, secure_cookies: bool = True,
               idle_minutes: int = 30) -> FastAPI:
    """The application on the database at `database_url`. With `data_dir` the reports are
    kept there, and a missing one is made by a worker process while readers are told it is
    being prepared; with `prebuild` that worker starts for every new content version whose
    reports `load` did not make. `secure_cookies` off only for a local server without
    HTTPS; an editor's session ends after `idle_minutes` without a request."""
    engine = make_engine(database_url)
    maker = Maker(database_url, data_dir) if data_dir is not None else None
    snapshots = Snapshots(engine, maker.ensure if prebuild and maker else None)
    app = FastAPI(title="Monitor Langer Thuis API", version="1", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json",
                  description=api_routes.DESCRIPTION)
    app.state.engine = engine
    # a trailing slash is never added or removed by a redirect: Starlette builds its
    # address from the Host header the client sent
    app.router.redirect_slashes = False
    app.state.snapshots = snapshots
    app.state.idle_minutes = idle_minutes
    api_routes.install(app, snapshots)
    report_routes.install(app, snapshots, data_dir, maker.ensure if maker else None)
    opendata_routes.install(app, snapshots)
    editor_routes.install(app, engine, CookiePolicy(secure=secure_cookies))
    web_routes.install(app, snapshots)

    def is_api(request: Request) -> bool:
        return request.url.path == "/api" or request.url.path.startswith("/api/")

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError):
        if is_api(request):
            return api_routes.invalid_request(exc)
        return web_routes.error_response(request, snapshots, 404)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException):
        if is_api(request):
            return api_routes.http_error(exc)
        message = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else ""
        response = web_routes.error_response(request, snapshots, exc.status_code, message)
        response.headers.update(exc.headers or {})  # Retry-After of a report being made
        return response

    @app.exception_handler(OSError)
    @app.exception_handler(DBAPIError)
    def unavailable(request: Request, exc: Exception):
        """A full disk: a styled 503 (the API's error under /api) that says so, instead of
        an error without a page. Any other error is not handled here."""
        if not disk_full(exc, database_folder(engine)):
            raise exc
        logging.getLogger("langerthuis").error("disk full: %s %s: %s", request.method,
                                               request.url.path, exc)
        message = Text("The monitor cannot store anything at the moment (its disk is "
                       "full). Please try again later.")
        if is_api(request):
            return api_routes.error_response(503, "unavailable", str(message),
                                             {"Retry-After": "300"})
        path = request.url.path
        lang = "en" if path == "/en" or path.startswith("/en/") else "nl"
        response = web_routes.error_response(request, snapshots, 503, message.to(lang))
        response.headers["Retry-After"] = "300"
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1000, exclude_content_types=(
        *DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf",  # compressed already
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    app.add_middleware(BodyLimit, respond=lambda scope, text: too_large(
        Request(scope), snapshots, text))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HeaderLimits)
    return app


def too_large(request: Request, snapshots: Snapshots, text) -> object:
    """The answer to a request whose body passed its limit (413): the API's error under
    /api, else the styled page in the language of the address."""
    path = request.url.path
    if path == "/api" or path.startswith("/api/"):
        return api_routes.error_response(413, "too_large", str(text), None)
    lang = "en" if path == "/en" or path.startswith("/en/") else "nl"
    shown = Text(text.msgid, **{k: format_number(v, 0, lang) for k, v in text.values.items()})
    return web_routes.error_response(request, snapshots, 413, shown.to(lang))


def from_settings(database_url: str | None = None) -> FastAPI:
    """The application as `langerthuis serve` runs it, from the settings (config.py); also
    the factory each of uvicorn's worker processes calls."""
    settings = load_settings()
    return create_app(database_url or settings.database_url, settings.data_dir,
                      settings.prebuild_reports, settings.secure_cookies,
                      settings.idle_minutes)
