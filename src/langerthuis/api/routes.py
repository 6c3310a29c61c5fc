"""The API's routes: collections with filters and pagination, single items, and the
analysis of an edition. Responses carry an ETag and cache headers; errors have one shape."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import model as m
from ..analysis import analyse_edition
from ..errors import NotFound
from . import schemas as s
from . import serialize as ser

MAX_LIMIT = 1000
ERRORS = {400: {"model": s.Error, "description": "Invalid parameters"},
          404: {"model": s.Error, "description": "Not found"}}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status, headers={"Cache-Control": "no-store",
                                                     **(headers or {})})


def json_response(request: Request, payload: Any) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def page(request: Request, items: Sequence, serialise: Callable, limit: int, offset: int):
    total = len(items)
    chosen = items[offset:offset + limit]

    def link(o: int) -> str:
        params = dict(request.query_params)
        params.update(offset=str(o), limit=str(limit))
        return str(request.url.replace_query_params(**params))
    return json_response(request, {
        "data": [serialise(x) for x in chosen],
        "meta": {"total": total, "limit": limit, "offset": offset},
        "links": {"self": str(request.url),
                  "next": link(offset + limit) if offset + limit < total else None,
                  "prev": link(max(0, offset - limit)) if offset > 0 else None}})


Limit = Query(100, ge=1, le=MAX_LIMIT, description="Items per page (at most 1000).")
Offset = Query(0, ge=0, le=1_000_000, description="Items to skip.")


def build_router(engine) -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERRORS)

    def get(model, key):
        with Session(engine) as session:
            found = session.get(model, key)
            if found is None:
                raise ApiError(404, "not_found", f"no {model.__tablename__.replace('_', ' ')} "
                               f"with id {key!r}")
            return found, session

    @router.get("/programmes", response_model=s.Page[s.Programme], tags=["framework"])
    def programmes(request: Request, limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = list(session.scalars(select(m.Programme).order_by(m.Programme.id)))
            return page(request, items, ser.programme, limit, offset)

    @router.get("/programmes/{programme_id}", response_model=s.Item[s.Programme],
                tags=["framework"])
    def programme(request: Request, programme_id: str):
        with Session(engine) as session:
            p = _one(session, m.Programme, programme_id)
            return json_response(request, {"data": ser.programme(p)})

    @router.get("/action-lines", response_model=s.Page[s.ActionLine], tags=["framework"])
    def action_lines(request: Request, programme: str | None = None, limit: int = Limit,
                     offset: int = Offset):
        with Session(engine) as session:
            q = select(m.ActionLine).order_by(m.ActionLine.programme_id, m.ActionLine.number)
            if programme:
                q = q.where(m.ActionLine.programme_id == programme)
            return page(request, list(session.scalars(q)), ser.action_line, limit, offset)

    @router.get("/goals", response_model=s.Page[s.Goal], tags=["framework"])
    def goals(request: Request, action_line: int | None = None, limit: int = Limit,
              offset: int = Offset):
        with Session(engine) as session:
            items = [g for g in session.scalars(select(m.Goal).order_by(m.Goal.id))
                     if action_line is None or g.action_line.number == action_line]
            return page(request, items, ser.goal, limit, offset)

    @router.get("/actions", response_model=s.Page[s.Action], tags=["framework"])
    def actions(request: Request, programme: str | None = None,
                action_line: int | None = None, lead: str | None = None,
                limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = [a for a in session.scalars(select(m.Action).order_by(
                        m.Action.programme_id, m.Action.action_line_id, m.Action.number))
                     if (not programme or a.programme_id == programme)
                     and (action_line is None or a.action_line.number == action_line)
                     and (not lead or any(o.id == lead for o in a.leads))]
            return page(request, items, ser.action, limit, offset)

    @router.get("/organisations", response_model=s.Page[s.Organisation], tags=["framework"])
    def organisations(request: Request, limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = list(session.scalars(select(m.Organisation).order_by(m.Organisation.id)))
            return page(request, items, ser.organisation, limit, offset)

    @router.get("/indicators", response_model=s.Page[s.Indicator], tags=["monitor"])
    def indicators(request: Request, programme: str | None = None, kind: str | None = None,
                   action_line: int | None = None, limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = [i for i in session.scalars(select(m.Indicator).order_by(m.Indicator.id))
                     if (not programme or i.programme_id == programme)
                     and (not kind or i.kind == kind)
                     and (action_line is None or (i.action_line
                                                  and i.action_line.number == action_line))]
            return page(request, items, ser.indicator, limit, offset)

    @router.get("/indicators/{indicator_id}", response_model=s.Item[s.Indicator],
                tags=["monitor"])
    def indicator(request: Request, indicator_id: str):
        with Session(engine) as session:
            return json_response(request, {"data": ser.indicator(
                _one(session, m.Indicator, indicator_id))})

    @router.get("/editions", response_model=s.Page[s.Edition], tags=["monitor"])
    def editions(request: Request, programme: str | None = None, limit: int = Limit,
                 offset: int = Offset):
        with Session(engine) as session:
            q = select(m.Edition).order_by(m.Edition.programme_id, m.Edition.year)
            if programme:
                q = q.where(m.Edition.programme_id == programme)
            return page(request, list(session.scalars(q)), ser.edition, limit, offset)

    @router.get("/editions/{edition_id}", response_model=s.Item[s.Edition], tags=["monitor"])
    def edition(request: Request, edition_id: str):
        with Session(engine) as session:
            return json_response(request, {"data": ser.edition(
                _one(session, m.Edition, edition_id))})

    @router.get("/measurements", response_model=s.Page[s.Measurement], tags=["monitor"])
    def measurements(request: Request, programme: str | None = None,
                     edition: str | None = None, indicator: str | None = None,
                     kind: str | None = None, action_line: int | None = None,
                     municipality: str | None = Query(None, pattern=r"^GM\d{4}$"),
                     limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            shown: dict[str, list[str]] = {}
            for e in session.scalars(select(m.EditionEntry).where(
                    m.EditionEntry.measurement_id.is_not(None))):
                shown.setdefault(e.measurement_id, []).append(e.edition_id)
            items = []
            for x in session.scalars(select(m.Measurement).order_by(m.Measurement.id)):
                ind = x.indicator
                if ((programme and ind.programme_id != programme)
                        or (edition and edition not in shown.get(x.id, []))
                        or (indicator and x.indicator_id != indicator)
                        or (kind and ind.kind != kind)
                        or (action_line is not None and not (
                            ind.action_line and ind.action_line.number == action_line))
                        or (municipality and not any(
                            r.dimensions.get("municipality_code") == municipality
                            for t in x.tables for r in t.rows))):
                    continue
                items.append(x)
            return page(request, items, lambda x: ser.measurement(x, shown.get(x.id, [])),
                        limit, offset)

    @router.get("/tables", response_model=s.Page[s.Table], tags=["monitor"])
    def tables(request: Request, edition: str | None = None, indicator: str | None = None,
               limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = [t for t in session.scalars(select(m.BreakdownTable)
                                                .order_by(m.BreakdownTable.id))
                     if (not edition or t.edition_id == edition)
                     and (not indicator or t.measurement.indicator_id == indicator)]
            return page(request, items, ser.table, limit, offset)

    @router.get("/tables/{table_id}", response_model=s.Item[s.Table], tags=["monitor"])
    def table(request: Request, table_id: str):
        with Session(engine) as session:
            return json_response(request, {"data": ser.table(
                _one(session, m.BreakdownTable, table_id))})

    @router.get("/stories", response_model=s.Page[s.Story], tags=["monitor"])
    def stories(request: Request, indicator: str | None = None, edition: str | None = None,
                limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            q = select(m.Story).order_by(m.Story.id)
            if indicator:
                q = q.where(m.Story.indicator_id == indicator)
            if edition:
                q = q.where(m.Story.edition_id == edition)
            return page(request, list(session.scalars(q)), ser.story, limit, offset)

    @router.get("/initiatives", response_model=s.Page[s.Initiative], tags=["monitor"])
    def initiatives(request: Request, municipality: str | None = Query(None, pattern=r"^GM\d{4}$"),
                    year: int | None = None, action_line: int | None = None,
                    kind: str | None = None, indicator: str | None = None,
                    limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = [i for i in session.scalars(select(m.Initiative).order_by(m.Initiative.id))
                     if (not municipality or i.municipality_code == municipality)
                     and (year is None or i.year == year)
                     and (action_line is None or (i.action_line
                                                  and i.action_line.number == action_line))
                     and (not kind or i.kind == kind)
                     and (not indicator or i.indicator_id == indicator)]
            return page(request, items, ser.initiative, limit, offset)

    @router.get("/references", response_model=s.Page[s.Reference], tags=["monitor"])
    def references(request: Request, indicator: str | None = None, limit: int = Limit,
                   offset: int = Offset):
        with Session(engine) as session:
            items = [r for r in session.scalars(select(m.Reference).order_by(m.Reference.id))
                     if not indicator or any(i.id == indicator for i in r.indicators)]
            return page(request, items, ser.reference, limit, offset)

    @router.get("/quality-notes", response_model=s.Page[s.QualityNote], tags=["monitor"])
    def quality_notes(request: Request, limit: int = Limit, offset: int = Offset):
        with Session(engine) as session:
            items = list(session.scalars(select(m.QualityNote).order_by(m.QualityNote.id)))
            return page(request, items, ser.quality_note, limit, offset)

    @router.get("/analysis/{edition_id}", response_model=s.Item[s.Analysis], tags=["analysis"])
    def analysis(request: Request, edition_id: str):
        with Session(engine) as session:
            try:
                result = analyse_edition(session, edition_id)
            except NotFound as exc:
                raise ApiError(404, "not_found", str(exc)) from exc
            return json_response(request, {"data": result.to_dict()})

    return router


def _one(session: Session, model, key: str):
    found = session.get(model, key)
    if found is None:
        raise ApiError(404, "not_found",
                       f"no {model.__tablename__.replace('_', ' ')} with id {key!r}")
    return found


#: Query parameters that are whole numbers everywhere in the API.
INTEGER_PARAMETERS = {"limit", "offset", "action_line", "year"}


def strict_query(query: list[tuple[str, str]]) -> str | None:
    """What is wrong with a query string, or None. The API takes each parameter once and
    whole numbers only as plain digits, so that a request either means one thing or fails."""
    seen: set[str] = set()
    for key, value in query:
        if key in seen:
            return f"query.{key}: given more than once; give it once"
        seen.add(key)
        if key in INTEGER_PARAMETERS and not re.fullmatch(r"-?[0-9]+", value):
            return f"query.{key}: found {value!r}; expected a whole number such as 10"
    return None


def install(app: FastAPI, engine) -> None:
    app.include_router(build_router(engine))

    @app.middleware("http")
    async def reject_ambiguous_queries(request: Request, call_next):
        if request.url.path.startswith("/api"):
            problem = strict_query(request.query_params.multi_items())
            if problem:
                return error_response(400, "invalid_parameter", problem)
        return await call_next(request)

    @app.exception_handler(ApiError)
    def api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError):
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                            for e in exc.errors())
        return error_response(400, "invalid_parameter", details)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        codes = {404: "not_found", 405: "method_not_allowed"}
        if request.url.path.startswith("/api"):
            return error_response(exc.status_code, codes.get(exc.status_code, "http_error"),
                                  str(exc.detail), exc.headers)
        return Response(str(exc.detail), status_code=exc.status_code, headers=exc.headers)
