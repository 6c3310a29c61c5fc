"""The API's routes: collections with filters and pagination, single items, and the
analysis of an edition, all answered from the snapshot's resources. Each response is the
declared resource model, serialised by pydantic; it carries an ETag and cache headers;
errors have one shape."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import load_settings
from ..http import etag_of, not_modified
from ..views import resources as s
from ..views.citations import citations_of
from .deliveries import with_deliveries
from ..views.snapshot import Resources, Snapshots

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


def json_response(request: Request, payload: BaseModel) -> Response:
    body = payload.model_dump_json().encode()
    etag = etag_of(body)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if not_modified(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def page_of(model: type, items: Sequence, limit: int, offset: int, self_url: str,
            link: Callable[[int], str]) -> s.Page:
    """One page of a collection, with links to the next and previous page."""
    total = len(items)
    return s.Page[model](
        data=list(items[offset:offset + limit]),
        meta=s.Meta(total=total, limit=limit, offset=offset),
        links=s.Links(self=self_url,
                      next=link(offset + limit) if offset + limit < total else None,
                      prev=link(max(0, offset - limit)) if offset > 0 else None))


def address(request: Request, params: dict[str, str] | None = None) -> str:
    """The address of this request with `params` replaced: relative to the site, or under
    the configured base URL; never built from the Host header, which a client chooses."""
    query = dict(request.query_params)
    query.update(params or {})
    return (load_settings().base_url + request.url.path
            + ("?" + urlencode(query) if query else ""))


def page(request: Request, model: type, items: Sequence, limit: int, offset: int) -> Response:
    def link(o: int) -> str:
        return address(request, {"offset": str(o), "limit": str(limit)})
    return json_response(request, page_of(model, items, limit, offset, address(request), link))


def item(request: Request, model: type, items: Sequence, key: str, what: str) -> Response:
    found = next((x for x in items if x.id == key), None)
    if found is None:
        raise ApiError(404, "not_found", f"no {what} with id {key!r}")
    return json_response(request, s.Item[model](data=found))


Limit = Query(100, ge=1, le=MAX_LIMIT, description="Items per page (at most 1000).")
Offset = Query(0, ge=0, le=1_000_000, description="Items to skip.")
#: An action line's number within its programme (Langer Thuis has 3, WOZO 3).
ActionLine = Query(None, ge=1, le=99, description="The number of an action line (1, 2, 3).")
Year = Query(None, ge=1900, le=2100, description="A year, such as 2021.")


def build_router(snapshots: Snapshots) -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERRORS)

    def res() -> Resources:
        return snapshots.current().resources

    def where(items, **tests: Callable) -> list:
        return [x for x in items if all(test(x) for test in tests.values())]

    @router.get("/dataset", response_model=s.Item[s.DatasetInfo], tags=["about"],
                summary="What the open data says about itself",
                description="Title, publisher, contact point, licences, coverage (programmes, "
                "editions, years) and the sources of each download.")
    def dataset(request: Request):
        found = res().dataset
        if found is None:
            raise ApiError(404, "not_found", "the content has no catalogue.yaml, so the open "
                           "data has no metadata")
        return json_response(request, s.Item[s.DatasetInfo](data=found))

    def cited(request: Request, kind: str, key: str) -> Response:
        found = citations_of(snapshots.current(), kind, key, load_settings().base_url)
        if found is None:
            raise ApiError(404, "not_found", f"no {kind} with id {key!r}")
        return json_response(request, s.Item[s.CitationInfo](data=found))

    @router.get("/indicators/{indicator_id}/citation", response_model=s.Item[s.CitationInfo],
                tags=["monitor"], summary="How to cite an indicator")
    def indicator_citation(request: Request, indicator_id: str):
        return cited(request, "indicator", indicator_id)

    @router.get("/tables/{table_id}/citation", response_model=s.Item[s.CitationInfo],
                tags=["monitor"], summary="How to cite a breakdown table")
    def table_citation(request: Request, table_id: str):
        return cited(request, "table", table_id)

    @router.get("/programmes", response_model=s.Page[s.Programme], tags=["framework"])
    def programmes(request: Request, limit: int = Limit, offset: int = Offset):
        return page(request, s.Programme, res().programmes, limit, offset)

    @router.get("/programmes/{programme_id}", response_model=s.Item[s.Programme],
                tags=["framework"])
    def programme(request: Request, programme_id: str):
        return item(request, s.Programme, res().programmes, programme_id, "programme")

    @router.get("/action-lines", response_model=s.Page[s.ActionLine], tags=["framework"])
    def action_lines(request: Request, programme: str | None = None, limit: int = Limit,
                     offset: int = Offset):
        items = where(res().action_lines, p=lambda x: not programme or x.programme == programme)
        return page(request, s.ActionLine, items, limit, offset)

    @router.get("/goals", response_model=s.Page[s.Goal], tags=["framework"])
    def goals(request: Request, action_line: int | None = ActionLine, limit: int = Limit,
              offset: int = Offset):
        items = where(res().goals, a=lambda x: action_line is None or x.action_line == action_line)
        return page(request, s.Goal, items, limit, offset)

    @router.get("/actions", response_model=s.Page[s.Action], tags=["framework"])
    def actions(request: Request, programme: str | None = None,
                action_line: int | None = ActionLine, lead: str | None = None,
                status: str | None = None, limit: int = Limit, offset: int = Offset):
        items = where(res().actions,
                      p=lambda x: not programme or x.programme == programme,
                      a=lambda x: action_line is None or x.action_line == action_line,
                      l=lambda x: not lead or lead in x.leads,
                      s=lambda x: not status or x.status == status)
        return page(request, s.Action, items, limit, offset)

    @router.get("/organisations", response_model=s.Page[s.Organisation], tags=["framework"])
    def organisations(request: Request, limit: int = Limit, offset: int = Offset):
        return page(request, s.Organisation, res().organisations, limit, offset)

    @router.get("/indicators", response_model=s.Page[s.Indicator], tags=["monitor"])
    def indicators(request: Request, programme: str | None = None, kind: str | None = None,
                   action_line: int | None = ActionLine, limit: int = Limit, offset: int = Offset):
        items = where(res().indicators,
                      p=lambda x: not programme or x.programme == programme,
                      k=lambda x: not kind or x.kind == kind,
                      a=lambda x: action_line is None or x.action_line == action_line)
        return page(request, s.Indicator, items, limit, offset)

    @router.get("/indicators/{indicator_id}", response_model=s.Item[s.Indicator],
                tags=["monitor"])
    def indicator(request: Request, indicator_id: str):
        return item(request, s.Indicator, res().indicators, indicator_id, "indicator")

    @router.get("/editions", response_model=s.Page[s.Edition], tags=["monitor"])
    def editions(request: Request, programme: str | None = None, limit: int = Limit,
                 offset: int = Offset):
        items = where(res().editions, p=lambda x: not programme or x.programme == programme)
        return page(request, s.Edition, items, limit, offset)

    @router.get("/editions/{edition_id}", response_model=s.Item[s.Edition], tags=["monitor"])
    def edition(request: Request, edition_id: str):
        return item(request, s.Edition, res().editions, edition_id, "edition")

    @router.get("/measurements", response_model=s.Page[s.Measurement], tags=["monitor"])
    def measurements(request: Request, programme: str | None = None,
                     edition: str | None = None, indicator: str | None = None,
                     kind: str | None = None, action_line: int | None = ActionLine,
                     municipality: str | None = Query(None, pattern=r"^GM\d{4}$"),
                     limit: int = Limit, offset: int = Offset):
        r = res()
        inds = {i.id: i for i in r.indicators}
        places = {t.measurement for t in r.tables for row in t.rows
                  if municipality and row.dimensions.get("municipality_code") == municipality}
        items = where(r.measurements,
                      p=lambda x: not programme or inds[x.indicator].programme == programme,
                      e=lambda x: not edition or edition in x.editions,
                      i=lambda x: not indicator or x.indicator == indicator,
                      k=lambda x: not kind or inds[x.indicator].kind == kind,
                      a=lambda x: action_line is None
                      or inds[x.indicator].action_line == action_line,
                      m=lambda x: not municipality or x.id in places)
        return page(request, s.Measurement, items, limit, offset)

    @router.get("/tables", response_model=s.Page[s.Table], tags=["monitor"])
    def tables(request: Request, edition: str | None = None, indicator: str | None = None,
               limit: int = Limit, offset: int = Offset):
        items = where(res().tables, e=lambda x: not edition or x.edition == edition,
                      i=lambda x: not indicator or x.indicator == indicator)
        return page(request, s.Table, items, limit, offset)

    @router.get("/tables/{table_id}", response_model=s.Item[s.Table], tags=["monitor"])
    def table(request: Request, table_id: str):
        return item(request, s.Table, res().tables, table_id, "breakdown table")

    @router.get("/stories", response_model=s.Page[s.Story], tags=["monitor"])
    def stories(request: Request, indicator: str | None = None, edition: str | None = None,
                limit: int = Limit, offset: int = Offset):
        items = where(res().stories, i=lambda x: not indicator or x.indicator == indicator,
                      e=lambda x: not edition or x.edition == edition)
        return page(request, s.Story, items, limit, offset)

    @router.get("/initiatives", response_model=s.Page[s.Initiative], tags=["monitor"])
    def initiatives(request: Request,
                    municipality: str | None = Query(None, pattern=r"^GM\d{4}$"),
                    year: int | None = Year, action_line: int | None = ActionLine,
                    kind: str | None = None, indicator: str | None = None,
                    limit: int = Limit, offset: int = Offset):
        items = where(res().initiatives,
                      m=lambda x: not municipality or x.municipality_code == municipality,
                      y=lambda x: year is None or x.year == year,
                      a=lambda x: action_line is None or x.action_line == action_line,
                      k=lambda x: not kind or x.kind == kind,
                      i=lambda x: not indicator or x.indicator == indicator)
        return page(request, s.Initiative, items, limit, offset)

    @router.get("/municipalities", response_model=s.Page[s.Municipality], tags=["geography"])
    def municipalities(request: Request, province: str | None = None,
                       shrinking_region: str | None = None, limit: int = Limit,
                       offset: int = Offset):
        items = where(res().municipalities,
                      p=lambda x: not province or x.province == province,
                      r=lambda x: not shrinking_region or x.shrinking_region == shrinking_region)
        return page(request, s.Municipality, items, limit, offset)

    @router.get("/municipalities/{code}", response_model=s.Item[s.Municipality],
                tags=["geography"])
    def municipality(request: Request, code: str):
        return item(request, s.Municipality, res().municipalities, code, "municipality")

    @router.get("/references", response_model=s.Page[s.Reference], tags=["monitor"])
    def references(request: Request, indicator: str | None = None, limit: int = Limit,
                   offset: int = Offset):
        items = where(res().references, i=lambda x: not indicator or indicator in x.indicators)
        return page(request, s.Reference, items, limit, offset)

    @router.get("/findings", response_model=s.Page[s.Finding], tags=["monitor"])
    def findings(request: Request, indicator: str | None = None, edition: str | None = None,
                 limit: int = Limit, offset: int = Offset):
        items = where(res().findings, i=lambda x: not indicator or x.indicator == indicator,
                      e=lambda x: not edition or x.edition == edition)
        return page(request, s.Finding, items, limit, offset)

    @router.get("/reflection-points", response_model=s.Page[s.ReflectionPoint],
                tags=["monitor"])
    def reflection_points(request: Request, edition: str | None = None,
                          indicator: str | None = None, limit: int = Limit,
                          offset: int = Offset):
        items = where(res().reflection, e=lambda x: not edition or x.edition == edition,
                      i=lambda x: not indicator or indicator in x.indicators)
        return page(request, s.ReflectionPoint, items, limit, offset)

    @router.get("/introduction", response_model=s.Page[s.IntroSection], tags=["monitor"])
    def introduction(request: Request, limit: int = Limit, offset: int = Offset):
        return page(request, s.IntroSection, res().introduction, limit, offset)

    @router.get("/quality-notes", response_model=s.Page[s.QualityNote], tags=["monitor"])
    def quality_notes(request: Request, limit: int = Limit, offset: int = Offset):
        return page(request, s.QualityNote, res().quality_notes, limit, offset)

    @router.get("/analysis/{edition_id}", response_model=s.Item[s.Analysis], tags=["analysis"])
    def analysis(request: Request, edition_id: str):
        found = res().analyses.get(edition_id)
        if found is None:
            raise ApiError(404, "not_found", f"no edition with id {edition_id!r}")
        return json_response(request, s.Item[s.Analysis](data=s.Analysis(**found)))

    from .housing import housing_router
    router.include_router(housing_router(snapshots))
    return router


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


def install(app: FastAPI, snapshots: Snapshots) -> None:
    app.include_router(build_router(snapshots))
    described = app.openapi

    def openapi() -> dict:
        """The read API's description with the delivery operations (api/deliveries.py)."""
        if getattr(app.state, "openapi", None) is None:
            app.state.openapi = with_deliveries(described())
        return app.state.openapi
    app.openapi = openapi

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



def invalid_request(exc: RequestValidationError) -> Response:
    """The API's answer to parameters that fail validation."""
    details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                        for e in exc.errors())
    return error_response(400, "invalid_parameter", details)


def http_error(exc: StarletteHTTPException) -> Response:
    """The API's answer to a path or method it does not have."""
    codes = {404: "not_found", 405: "method_not_allowed"}
    return error_response(exc.status_code, codes.get(exc.status_code, "http_error"),
                          str(exc.detail), exc.headers)


#: The collections, by the name in their path: (attribute of Resources, resource model).
COLLECTIONS = {
    "programmes": ("programmes", s.Programme), "action-lines": ("action_lines", s.ActionLine),
    "goals": ("goals", s.Goal), "actions": ("actions", s.Action),
    "organisations": ("organisations", s.Organisation),
    "indicators": ("indicators", s.Indicator), "editions": ("editions", s.Edition),
    "measurements": ("measurements", s.Measurement), "tables": ("tables", s.Table),
    "stories": ("stories", s.Story), "initiatives": ("initiatives", s.Initiative),
    "municipalities": ("municipalities", s.Municipality),
    "references": ("references", s.Reference), "quality-notes": ("quality_notes", s.QualityNote),
    "findings": ("findings", s.Finding), "reflection-points": ("reflection", s.ReflectionPoint),
    "introduction": ("introduction", s.IntroSection)}
#: The collections whose items have a path of their own.
ITEMS = ("programmes", "indicators", "editions", "tables", "municipalities")
DEFAULT_LIMIT = 100


def openapi_document() -> dict:
    """The OpenAPI description of the API (as served at /api/openapi.json)."""
    app = FastAPI(title="Monitor Langer Thuis API", version="1", description=DESCRIPTION)
    app.include_router(build_router(None))
    return with_deliveries(app.openapi())


DESCRIPTION = ("Open data of the Monitor Langer Thuis: the framework, indicators, "
               "editions, measurements, breakdown tables, stories, initiatives, "
               "municipalities, the findings in the text of each edition, its published "
               "reflection, the introduction and the analysis of each edition. Its title, "
               "licences, coverage (programmes, editions, years) and sources are at "
               "/api/dataset. The operations under /api/editor (tag deliveries) let "
               "partners deliver files into a draft edition with a token (bearer). How a "
               "partner gets a token: the monitor's administrators give the delivering "
               "organisation a partner account (contact the publisher, see /over); signed in "
               "at /beheer, the partner makes a token of scope 'deliveries' on /beheer/tokens "
               "(shown once, revocable there) and sends it as 'Authorization: Bearer lt_…'. "
               "The templates of each draft edition are on its page in the editor.")


def static_responses(res: Resources) -> dict[str, bytes]:
    """Every API response that needs no query parameters, by its path (for a static copy
    of the site): the same models the live API sends, with links relative to the site."""
    out: dict[str, bytes] = {}
    for name, (attribute, model) in COLLECTIONS.items():
        items = getattr(res, attribute)
        path = f"/api/{name}"
        out[path] = page_of(model, items, DEFAULT_LIMIT, 0, path, lambda o, p=path: (
            f"{p}?offset={o}&limit={DEFAULT_LIMIT}")).model_dump_json().encode()
        if name in ITEMS:
            for x in items:
                out[f"{path}/{x.id}"] = s.Item[model](data=x).model_dump_json().encode()
    if res.dataset is not None:
        out["/api/dataset"] = s.Item[s.DatasetInfo](data=res.dataset).model_dump_json().encode()
    for edition_id, analysis in res.analyses.items():
        out[f"/api/analysis/{edition_id}"] = s.Item[s.Analysis](
            data=s.Analysis(**analysis)).model_dump_json().encode()
    return out
