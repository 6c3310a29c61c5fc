"""The housing monitor in the API: the national target and progress (`/api/housing`),
every province and municipality against its target (`/api/housing/areas`), and the
disagreements between linked sources (`/api/housing/disagreements`). Each row says which
kind of per-area target it is measured against and whether the deliveries are synthetic."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request

from ..views import resources as s
from .routes import DEFAULT_LIMIT, ApiError, Limit, Offset, json_response, page, page_of
from ..views.snapshot import Snapshot, Snapshots


def _resources(snapshot: Snapshot) -> tuple[s.HousingMonitor, tuple, tuple] | None:
    h = snapshot.housing
    if h is None:
        return None
    return h.summary, (*h.provinces, *h.municipalities), h.disagreements


def housing_router(snapshots: Snapshots | None) -> APIRouter:
    router = APIRouter(tags=["housing"])

    def current() -> tuple:
        found = _resources(snapshots.current())
        if found is None:
            raise ApiError(404, "not_found", "no housing target is loaded "
                           "(content/housing/targets.yaml)")
        return found

    @router.get("/housing", response_model=s.Item[s.HousingMonitor])
    def housing(request: Request):
        return json_response(request, s.Item[s.HousingMonitor](data=current()[0]))

    @router.get("/housing/areas", response_model=s.Page[s.HousingProgress])
    def areas(request: Request,
              level: Literal["province", "municipality"] | None = None,
              category: Literal["zero_step", "clustered", "care_suitable", "all"] | None = None,
              code: str | None = Query(None, max_length=10,
                                       description="A province (PV27) or municipality (GM0363)."),
              limit: int = Limit, offset: int = Offset):
        rows = [p for p in current()[1] if (level is None or p.level == level)
                and (category is None or p.category == category)
                and (code is None or p.code == code)]
        return page(request, s.HousingProgress, rows, limit, offset)

    @router.get("/housing/disagreements", response_model=s.Page[s.HousingDisagreement])
    def disagreements(request: Request, limit: int = Limit, offset: int = Offset):
        return page(request, s.HousingDisagreement, current()[2], limit, offset)

    return router


def static_housing(snapshot: Snapshot) -> dict[str, bytes]:
    """The housing responses without query parameters, by path (for the static site)."""
    found = _resources(snapshot)
    if found is None:
        return {}
    summary, areas, disagreements = found
    out = {"/api/housing": s.Item[s.HousingMonitor](data=summary).model_dump_json().encode()}
    for path, model, items in (("/api/housing/areas", s.HousingProgress, areas),
                               ("/api/housing/disagreements", s.HousingDisagreement,
                                disagreements)):
        out[path] = page_of(model, items, DEFAULT_LIMIT, 0, path, lambda o, p=path: (
            f"{p}?offset={o}&limit={DEFAULT_LIMIT}")).model_dump_json().encode()
    return out
