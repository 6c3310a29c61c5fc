"""The application: one snapshot of the content, rendered by the website, the JSON API,
the downloads and the report, each installing its own routes; errors answered in the
API's format under /api and as styled pages elsewhere; HEAD, compression and security
headers for every response."""
from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from .api import routes as api_routes
from .config import load_settings
from .editor import routes as editor_routes
from .editor.security import CookiePolicy
from .http import HeadAsGet, SecurityHeaders
from .opendata import routes as opendata_routes
from .report import routes as report_routes
from .report.making import Maker
from .store import make_engine
from .views.snapshot import Snapshots
from .web import routes as web_routes


def create_app(database_url: str, data_dir: Path | None = None,
               prebuild: bool = False, secure_cookies: bool = True) -> FastAPI:
    """The application on the database at `database_url`. With `data_dir` the reports are
    kept there, and a missing one is made by a worker process while readers are told it is
    being prepared; with `prebuild` that worker starts for every new content version whose
    reports `load` did not make. `secure_cookies` off only for a local server without
    HTTPS."""
    engine = make_engine(database_url)
    maker = Maker(database_url, data_dir) if data_dir is not None else None
    snapshots = Snapshots(engine, maker.ensure if prebuild and maker else None)
    app = FastAPI(title="Monitor Langer Thuis API", version="1", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json",
                  description=api_routes.DESCRIPTION)
    app.state.engine = engine
    app.state.snapshots = snapshots
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

    app.add_middleware(GZipMiddleware, minimum_size=1000, exclude_content_types=(
        *DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf",  # compressed already
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def from_settings(database_url: str | None = None) -> FastAPI:
    """The application as `langerthuis serve` runs it, from the settings (config.py); also
    the factory each of uvicorn's worker processes calls."""
    settings = load_settings()
    return create_app(database_url or settings.database_url, settings.data_dir,
                      settings.prebuild_reports, settings.secure_cookies)
