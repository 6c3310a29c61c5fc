"""Rendering the website's pages from the snapshot's views: one function that the HTTP
routes and the static site share, so both show the same page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..http import etag_of
from ..i18n import other_language, translations
from ..templating import environment
from ..config import load_settings
from ..views.changes import changes_page
from ..views.citations import citation, edition_of
from ..views.housing import housing_page, municipality_housing
from ..views.initiative_map import SORTS, map_view
from ..views.municipality import INDEX_SORTS, municipality_index, municipality_view
from ..views.snapshot import Snapshot
from ..addresses import parameter, url

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The query parameters each page takes (English names).
QUERIES = {"actions": ("action_line", "lead"), "actions_of": ("action_line", "lead"),
           "municipalities": ("province", "sort"), "dashboard": ("view",),
           "map": ("year", "action_line", "kind", "table", "sort"),
           "search": ("q",), "indicator": ("edition",)}


@dataclass(frozen=True)
class Page:
    status: int
    html: str
    etag: str = ""


def render(snapshot: Snapshot, lang: str, page: str, template: str, context: dict,
           params: dict | None = None, query: dict | None = None, status: int = 200) -> Page:
    params = params or {}
    other = other_language(lang)
    env = environment(lang, TEMPLATES)
    current = snapshot.current_programme(page, params)
    links = snapshot.programmes.get(lang, ())
    here = next((p for p in links if p.id == current), None)
    html = env.get_template(template).render(
        context, page=page, other=other, programmes=links, current=current,
        main=snapshot.main, has_housing=snapshot.housing is not None,
        latest_year=here.latest_year if here and here.latest_year else snapshot.latest_year,
        url=lambda name, q=None, **kw: url(name, lang, q, **kw),
        param=lambda name: parameter(name, lang),
        alternate=url(page, other, query, **params))
    return Page(status, html, etag_of(html.encode()))


def error_page(snapshot: Snapshot, lang: str, status: int, message: str = "") -> Page:
    """The styled page for a request that finds nothing (404) or makes no sense (400)."""
    return render(snapshot, lang, "home", "error.html", {"status": status, "message": message},
                  status=status)


def not_found(snapshot: Snapshot, lang: str, message: str = "") -> Page:
    return error_page(snapshot, lang, 404, message)


def _shown(value: str) -> str:
    """A value from the request as it may appear in a message: short."""
    return value if len(value) <= 40 else value[:40] + "…"


def _check_query(s: Snapshot, lang: str, page: str, query: dict,
                 programme_id: str | None = None) -> Page | None:
    """A styled error when a filter value is not one the page offers, else None."""
    _ = translations(lang).gettext
    programme = programme_id or s.main
    view = s.programme.get((programme, lang))
    lines = {str(line.number) for line in view.lines} if view else set()
    line = query.get("action_line")
    if line and line not in lines:
        return not_found(s, lang, _("There is no action line {value}.").format(value=_shown(line)))
    if page in ("actions", "actions_of"):
        lead = query.get("lead")
        if lead and lead not in {o.id for o in s.actions[(programme, lang)].leads}:
            return not_found(s, lang, _("No action has the lead {value}.").format(value=_shown(lead)))
    if page == "map":
        year = query.get("year")
        if year and _int(year) is None:
            return error_page(s, lang, 400, _("The year must be a number such as {year}.")
                              .format(year=s.latest_year))
        offered = s.maps.years_with_data(query.get("table"))
        if year and offered and _int(year) not in offered:
            return not_found(s, lang, _("There is no map for {year}; maps exist for {years}.")
                             .format(year=_shown(year), years=", ".join(map(str, offered))))
        if query.get("sort") and query["sort"] not in SORTS:
            return error_page(s, lang, 400, _("The table can be sorted by municipality, kind, "
                                              "year or action line."))
        kind = query.get("kind")
        if kind and kind not in {i.kind for i in s.maps.initiatives}:
            return not_found(s, lang, _("There are no initiatives of the kind {value}.")
                             .format(value=_shown(kind)))
        table = query.get("table")
        if table and table not in {c.id for c in s.maps.choropleths}:
            return not_found(s, lang, _("There is no map of {value}.").format(value=_shown(table)))
    if page == "municipalities":
        province = query.get("province")
        if province and province not in {x.province for x in s.municipalities.items}:
            return not_found(s, lang, _("There is no province {value}.").format(
                value=_shown(province)))
        if query.get("sort") and query["sort"] not in INDEX_SORTS:
            return error_page(s, lang, 400, _("The list can be sorted by name, province, "
                                              "residents, share aged 75+, support ratio or "
                                              "initiatives."))
    return None


def build_page(snapshot: Snapshot, lang: str, page: str, params: dict, query: dict) -> Page:
    """The page `page` with path parameters `params` and query `query` (English names,
    only those the page takes)."""
    s = snapshot
    _ = translations(lang).gettext
    editions = ", ".join(str(y) for _id, y in s.editions)
    if page == "dashboard" and query.get("view") not in (None, "compact"):
        return error_page(s, lang, 400, _("The dashboard has a full view and a compact view "
                                          "({value}).").format(value="compact"))
    if page in ("dashboard", "reflection", "methods"):
        view = {"dashboard": s.dashboards, "reflection": s.reflections,
                "methods": s.methods}[page].get((params["year"], lang))
        return (render(s, lang, page, f"{page}.html", {"view": view,
                                                       "compact": bool(query.get("view"))},
                       params, query) if view
                else not_found(s, lang, _("There is no edition {year}; the editions are "
                                          "{editions}.").format(year=_shown(str(params["year"])),
                                                                editions=editions)))
    if page == "changes":
        dashboard = s.dashboards.get((params["year"], lang))
        if dashboard is None:
            return not_found(s, lang, _("There is no edition {year}; the editions are "
                                        "{editions}.").format(year=_shown(str(params["year"])),
                                                              editions=editions))
        view = changes_page(s.changes.get(lang, ()), dashboard,
                            s.programme_of.get(("year", params["year"]), s.main))
        return render(s, lang, page, "changes.html", {"view": view}, params)
    if page == "indicator":
        view = s.indicators.get((params["id"], lang))
        if view is None:
            return not_found(s, lang, _("There is no indicator {id}.").format(
                id=_shown(params["id"])))
        edition = query.get("edition")
        if edition:
            if _int(edition) is None:
                return error_page(s, lang, 400, _("The edition must be a year such as {year}.")
                                  .format(year=s.latest_year))
            view = s.indicators_as_of.get((params["id"], lang, _int(edition)))
            if view is None:
                return not_found(s, lang, _("The edition {year} does not show this indicator.")
                                 .format(year=_shown(edition)))
        return render(s, lang, page, "indicator.html", {
            "view": view, "citations": indicator_citations(s, view, lang, query.get("edition"))},
            params, query)
    programme = params.get("programme", s.main)
    if page == "action":
        owner = s.programme_of.get(("id", params["id"]), s.main)
        actions = s.actions.get((owner, lang))
        view = actions.get(params["id"]) if actions else None
        if view is None:
            return not_found(s, lang, _("There is no action {id}.").format(id=_shown(params["id"])))
        line = next((al.title for al in actions.lines if al.number == view.line_number), "")
        return render(s, lang, page, "action.html", {
            "view": view, "line_title": line, "actions_url": _actions_url(s, lang, owner)},
            params)
    if page in ("programme", "programme_of", "actions", "actions_of") \
            and (programme, lang) not in s.programme:
        return not_found(s, lang, _("There is no programme {id}; the programmes are "
                                    "{programmes}.").format(
            id=_shown(programme), programmes=", ".join(p.id for p in s.programmes.get(lang, ()))))
    if page in ("programme", "programme_of"):
        return render(s, lang, page, "programme.html", {
            "view": s.programme[(programme, lang)],
            "actions_url": _actions_url(s, lang, programme)}, params)
    if page == "municipality":
        found = s.municipalities.get(params["id"])
        if found is None:
            known = (_("There is no municipality {id}; the list of municipalities has every "
                       "municipality of {year}.") if s.municipalities.items
                     else _("There is no municipality {id}."))
            return not_found(s, lang, known.format(id=_shown(params["id"]),
                                                   year=s.municipalities.year))
        return render(s, lang, page, "municipality.html", {
            "view": municipality_view(s.municipalities, found, lang),
            "housing": municipality_housing(s.housing, found.code, lang),
            "indicators": {i for i, _lang in s.indicators},
            "embed_base": load_settings().base_url}, {"id": found.slug})
    if page == "introduction":
        return render(s, lang, page, "introduction.html", {"view": s.introduction[lang]})
    problem = _check_query(s, lang, page, query, programme)
    if problem is not None:
        return problem
    if page in ("actions", "actions_of"):
        view = s.actions[(programme, lang)]
        line, lead = query.get("action_line"), query.get("lead")
        return render(s, lang, page, "actions.html", {
            "view": view, "shown": view.filtered(line, lead), "line": line, "lead": lead,
            "actions_url": _actions_url(s, lang, programme)}, params, query=query)
    if page == "map":
        view = map_view(s.maps, _int(query.get("year")), query.get("action_line"),
                        query.get("kind"), query.get("table"), lang, query.get("sort"),
                        lambda slug: url("municipality", lang, id=slug))
        return render(s, lang, page, "map.html", {
            "view": view, "line": query.get("action_line"), "kind": query.get("kind"),
            "table": query.get("table"), "query": query}, query=query)
    if page == "municipalities":
        view = municipality_index(s.municipalities, query.get("province"), query.get("sort"))
        return render(s, lang, page, "municipalities.html", {"view": view, "query": query},
                      query=query)
    if page == "search":
        q = query.get("q", "")
        return render(s, lang, page, "search.html", {"q": q, "hits": s.search.search(q, lang)},
                      query=query)
    if page in ("about", "accessibility", "privacy"):
        return render(s, lang, page, f"{page}.html", {"view": s.about[lang]})
    if page == "housing":
        if s.housing is None:
            return not_found(s, lang, _("No housing target is loaded."))
        return render(s, lang, page, "housing.html", {"view": housing_page(s.housing, lang)})
    raise KeyError(page)


def indicator_citations(s: Snapshot, view, lang: str, edition: str | None) -> dict:
    """How to cite the indicator, each of its tables and each chart, as of the edition the
    page shows, with today as the date of access; with the embed codes of its charts."""
    base = load_settings().base_url
    meta = s.metadata
    year = view.as_of or (max(view.editions) if view.editions else None)
    shown = edition_of(meta, year)
    publisher = meta.publisher if meta else "RIVM"
    today = dt.date.today()
    page = base + url("indicator", lang, {"edition": edition} if edition else None, id=view.id)
    suffix = f"-{year}" if year else ""
    _ = translations(lang).gettext
    charts = ([view.figure] if view.figure else []) + [t.figure for t in view.tables]
    indicator = citation(f"langerthuis-{view.id}{suffix}", view.title, publisher, shown, page,
                         today, lang)
    tables = [(_("Table {number}: {title}").format(number=t.number, title=t.title),
               citation(f"langerthuis-{t.id}", t.title, publisher, shown, page, today, lang))
              for t in view.tables]
    figures = [(f, citation(f"langerthuis-chart-{f.id}", f.chart.title, publisher, shown,
                            base + url("chart", lang, id=f.id, fmt="svg"), today, lang),
                base + url("embed_chart", lang, id=f.id)) for f in charts]
    return {
        "indicator": indicator, "charts": figures,
        "all": [(_("This indicator"), indicator), *tables, *[
            (_("Figure: {title}").format(title=f.chart.title), c) for f, c, _a in figures]],
        "card": base + url("embed_indicator", lang, id=view.id)}


def _actions_url(s: Snapshot, lang: str, programme: str):
    """The address of a programme's actions with a query: the main programme's keeps
    the address it always had."""
    if programme == s.main:
        return lambda q=None: url("actions", lang, q)
    return lambda q=None: url("actions_of", lang, q, programme=programme)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 6 else None


def cached_page(snapshot: Snapshot, lang: str, page: str, params: dict,
                query: dict) -> Page:
    """The page, rendered once per snapshot for each distinct request."""
    wanted = tuple((k, query.get(k) or "") for k in QUERIES.get(page, ()))
    # an indicator page's citations carry the date of access: made again each day
    day = dt.date.today() if page == "indicator" else None
    key = ("page", lang, page, tuple(sorted(params.items())), wanted, day)
    return snapshot.artefact(key, lambda: build_page(
        snapshot, lang, page, params, {k: v for k, v in wanted if v}))
