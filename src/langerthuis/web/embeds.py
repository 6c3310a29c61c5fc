"""Embeddable pages (`/embed/...`): a chart, an indicator's key figure card and a
municipality's summary, without navigation, for other sites to frame (their own
Content-Security-Policy allows any frame ancestor; every other page still refuses to be
framed). Each carries its title, source, licence and a link to its page in the monitor."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from ..addresses import ROUTES, url
from ..config import load_settings
from ..http import EMBED_CSP, etag_of, not_modified
from ..i18n import LANGUAGES, translations
from ..templating import environment
from ..views.municipality import municipality_view
from ..views.snapshot import Snapshot, Snapshots
from .pages import TEMPLATES

KINDS = ("chart", "indicator", "municipality")


def embed_page(s: Snapshot, lang: str, kind: str, id: str) -> str | None:
    """The embeddable page of chart, indicator or municipality `id`; None if there is none."""
    _ = translations(lang).gettext
    base = load_settings().base_url
    meta = s.metadata
    context: dict = {"kind": kind}
    if kind == "chart":
        figure = s.figures.get((id, lang))
        if figure is None:
            return None
        owner = next((v for (i, l), v in s.indicators.items() if l == lang and (
            (v.figure and v.figure.id == id) or any(t.figure.id == id for t in v.tables))),
            None)
        context.update(figure=figure, title=figure.chart.title,
                       permalink=base + (url("indicator", lang, id=owner.id) if owner
                                         else url("chart", lang, id=id, fmt="svg")))
    elif kind == "indicator":
        view = s.indicators.get((id, lang))
        if view is None:
            return None
        context.update(view=view, title=view.title,
                       permalink=base + url("indicator", lang, id=id))
    else:
        found = s.municipalities.get(id)
        if found is None:
            return None
        context.update(view=municipality_view(s.municipalities, found, lang), title=found.name,
                       permalink=base + url("municipality", lang, id=found.slug))
    context.update(
        base=base, lang=lang,
        source=_("Source: {publisher}, {title}").format(
            publisher=meta.publisher_short if meta else "RIVM",
            title=meta.title_in(lang) if meta else _("Monitor Langer Thuis")),
        licence=meta.licence.title_in(lang) if meta else "",
        licence_url=meta.licence.url if meta else "")
    return environment(lang, TEMPLATES).get_template("embed.html").render(context)


def install(app: FastAPI, snapshots: Snapshots) -> None:
    for lang in LANGUAGES:
        for kind in KINDS:
            app.add_api_route(ROUTES[f"embed_{kind}"][lang], _endpoint(snapshots, lang, kind),
                              methods=["GET"], include_in_schema=False,
                              name=f"embed-{kind}-{lang}")


def _endpoint(snapshots: Snapshots, lang: str, kind: str):
    def endpoint(request: Request, id: str):
        from .routes import error_response
        s = snapshots.current()
        html = s.artefact(("embed", lang, kind, id), lambda: embed_page(s, lang, kind, id))
        if html is None:
            return error_response(request, snapshots, 404, translations(lang).gettext(
                "There is nothing to embed at this address."))
        body = html.encode()
        etag = etag_of(body)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300",
                   EMBED_CSP[0]: EMBED_CSP[1]}
        if not_modified(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(body, headers=headers)
    return endpoint
