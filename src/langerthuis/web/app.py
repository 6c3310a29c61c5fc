"""The web application: server-rendered pages (no JavaScript needed)."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import formatting
from ..errors import NotFound
from ..store import make_engine
from ..store import queries

TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_app(database_url: str) -> FastAPI:
    engine = make_engine(database_url)
    templates = Jinja2Templates(directory=TEMPLATES)
    templates.env.filters["value"] = formatting.format_value
    templates.env.filters["date"] = formatting.format_date
    app = FastAPI(title="Monitor Langer Thuis", docs_url=None, redoc_url=None)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        with Session(engine) as session:
            shown = queries.editions(session)
            latest = queries.edition(session, shown[0].id) if shown else None
            return templates.TemplateResponse(request, "home.html",
                                              {"editions": shown, "edition": latest})

    @app.get("/editie/{edition_id}", response_class=HTMLResponse)
    def edition_page(request: Request, edition_id: str):
        with Session(engine) as session:
            try:
                chosen = queries.edition(session, edition_id)
            except NotFound:
                return templates.TemplateResponse(request, "not_found.html", {}, status_code=404)
            return templates.TemplateResponse(
                request, "home.html", {"editions": queries.editions(session), "edition": chosen})

    return app
