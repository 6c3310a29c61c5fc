"""Rendering the website's pages from the snapshot's views: one function that the HTTP
routes and the static site share, so both show the same page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import other_language
from ..templating import environment
from ..views.initiative_map import map_view
from ..views.snapshot import Snapshot
from .urls import parameter, url

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The query parameters each page takes (English names).
QUERIES = {"actions": ("action_line", "lead"), "map": ("year", "action_line", "kind", "table"),
           "search": ("q",)}


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def render(snapshot: Snapshot, lang: str, page: str, template: str, context: dict,
           params: dict | None = None, query: dict | None = None, status: int = 200) -> Page:
    params = params or {}
    other = other_language(lang)
    env = environment(lang, TEMPLATES)
    html = env.get_template(template).render(
        context, page=page, other=other, latest_year=snapshot.latest_year,
        url=lambda name, q=None, **kw: url(name, lang, q, **kw),
        param=lambda name: parameter(name, lang),
        alternate=url(page, other, query, **params))
    return Page(status, html)


def not_found(snapshot: Snapshot, lang: str) -> Page:
    return render(snapshot, lang, "home", "not_found.html", {}, status=404)


def build_page(snapshot: Snapshot, lang: str, page: str, params: dict, query: dict) -> Page:
    """The page `page` with path parameters `params` and query `query` (English names,
    only those the page takes)."""
    s = snapshot
    if page == "dashboard":
        view = s.dashboards.get((params["year"], lang))
        return (render(s, lang, page, "dashboard.html", {"view": view}, params) if view
                else not_found(s, lang))
    if page == "indicator":
        view = s.indicators.get((params["id"], lang))
        return (render(s, lang, page, "indicator.html", {"view": view}, params) if view
                else not_found(s, lang))
    if page == "reflection":
        view = s.reflections.get((params["year"], lang))
        return (render(s, lang, page, "reflection.html", {"view": view}, params) if view
                else not_found(s, lang))
    if page == "programme":
        return render(s, lang, page, "programme.html", {"view": s.programme[lang]})
    if page == "actions":
        view = s.actions[lang]
        line, lead = query.get("action_line"), query.get("lead")
        return render(s, lang, page, "actions.html", {
            "view": view, "shown": view.filtered(line, lead), "line": line, "lead": lead},
            query=query)
    if page == "map":
        year = _int(query.get("year")) or s.latest_year
        view = map_view(s.maps, year, query.get("action_line"), query.get("kind"),
                        query.get("table"), lang)
        query = dict(query, year=view.year if view.available else year)
        return render(s, lang, page, "map.html", {
            "view": view, "line": query.get("action_line"), "kind": query.get("kind"),
            "table": query.get("table")}, query=query)
    if page == "search":
        q = query.get("q", "")
        return render(s, lang, page, "search.html", {"q": q, "hits": s.search.search(q, lang)},
                      query=query)
    if page == "about":
        return render(s, lang, page, "about.html", {"sources": s.sources})
    raise KeyError(page)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 6 else None


def cached_page(snapshot: Snapshot, lang: str, page: str, params: dict,
                query: dict) -> Page:
    """The page, rendered once per snapshot for each distinct request."""
    wanted = tuple((k, query.get(k) or "") for k in QUERIES.get(page, ()))
    key = ("page", lang, page, tuple(sorted(params.items())), wanted)
    return snapshot.artefact(key, lambda: build_page(
        snapshot, lang, page, params, {k: v for k, v in wanted if v}))
