"""The application: one snapshot of the content, rendered by the website, the JSON API,
the downloads and the report, each installing its own routes."""
from __future__ import annotations

from fastapi import FastAPI

from .api import routes as api_routes
from .opendata import routes as opendata_routes
from .report import routes as report_routes
from .store import make_engine
from .views.snapshot import Snapshots
from .web import routes as web_routes


def create_app(database_url: str) -> FastAPI:
    engine = make_engine(database_url)
    snapshots = Snapshots(engine)
    app = FastAPI(title="Monitor Langer Thuis API", version="1", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json",
                  description=api_routes.DESCRIPTION)
    app.state.engine = engine
    app.state.snapshots = snapshots
    api_routes.install(app, snapshots)
    report_routes.install(app, snapshots)
    opendata_routes.install(app, snapshots)
    web_routes.install(app, snapshots)
    return app
