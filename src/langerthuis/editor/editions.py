"""The editor pages of the workflow: editions (a draft made from the previous one, figures
delivered by upload, a preview exactly as the public will see it, publication), the
assignment of indicators to partner organisations, and revisions of published figures.
Also the token API for machine deliveries."""
from __future__ import annotations

import functools

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from .. import model as m
from ..accounts import can
from ..content.limits import MAX_CSV_BYTES
from ..editing import (RECORD_KINDS, Conflict, EditingError, UploadRejected, apply_figures,
                       apply_records, apply_table, create_draft, publish, revise,
                       template_csv, template_xlsx)
from ..editing import records as delivered
from ..editing.drafts import serialised
from ..editing import tables as breakdown
from ..i18n import LANGUAGES, N_, localised, translations
from ..store import accounts as audit
from ..store import editing as store
from ..views.snapshot import Snapshots
from ..report.routes import MEDIA, report_file
from ..addresses import ROUTES as PUBLIC_ROUTES
from ..web.chartfiles import chart_file
from ..web.pages import build_page
from .routes import NO_STORE, SCOPE_MESSAGE, guard, render
from .security import Forbidden, bearer, check_csrf, signed_in
from .urls import KIND_SLUGS, ROUTES, editor_url, kind_of
from .workers import Busy, UploadWorkers

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def install(app: FastAPI, engine: Engine) -> None:
    preview = Snapshots(engine, drafts=True)
    workers = UploadWorkers()
    for lang in LANGUAGES:
        _pages(app, engine, preview, workers, lang)

    @app.post("/api/editor/editions/{edition_id}/{kind}", include_in_schema=False)
    async def deliver_by_api(request: Request, edition_id: str, kind: str):
        try:
            who = await run_in_threadpool(bearer, request, engine, "deliveries")
        except Forbidden:
            return _api_error(403, SCOPE_MESSAGE)
        if who is None:
            return _api_error(401, "A valid API token with scope 'deliveries' is needed: send "
                              "it as 'Authorization: Bearer <token>'.")
        if not can(who.role, "deliver"):
            return _api_error(403, "The account of this token may not deliver files (its "
                              f"role is {who.role}).")
        if kind not in DELIVERIES:
            return _api_error(404, "Deliveries are " + ", ".join(DELIVERIES)
                              + f"; not '{kind[:40]}'.")
        excel = XLSX in request.headers.get("content-type", "")
        name = f"{kind}.xlsx" if excel else f"{kind}.csv"
        try:
            async with workers.turn(who.account_id):  # the body is read in the turn only
                data = await body_within(request, MAX_CSV_BYTES)
                if data is None:
                    return _api_error(413, f"The file is larger than {MAX_CSV_BYTES} bytes; "
                                      f"at most {MAX_CSV_BYTES} are accepted.")
                written = await workers.call(deliver_file, engine, kind, edition_id, data,
                                             name, who)
        except Busy:
            return _api_error(429, BUSY_MESSAGE)
        except UploadRejected as exc:
            return JSONResponse({"error": {"status": exc.status, "message": str(exc),
                                           "problems": [
                {"row": p.row, "column": p.column, "message": p.message}
                for p in exc.problems]}}, status_code=exc.status, headers=NO_STORE)
        except EditingError as exc:
            return _api_error(409, str(exc))
        return JSONResponse({"written": written}, headers=NO_STORE)


BUSY_MESSAGE = N_("Too many files of this account are being processed; wait until they "
                  "are done and send this one again.")


async def body_within(request: Request, limit: int) -> bytes | None:
    """The request's body as it arrives, or None as soon as it passes `limit` bytes (its
    Content-Length says so, or the bytes received do): never more is held."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


#: What a file may deliver, by the name in the API's path.
DELIVERIES = ("figures", "tables", *RECORD_KINDS)


def deliver_file(engine: Engine, kind: str, edition_id: str, data: bytes, filename: str,
                 who) -> int:
    """Write a delivered file of `kind` (figures, a table or a kind of record) into a draft
    edition, as `who` (a partner delivers only its organisation's)."""
    organisation = who.organisation_id if who.role == "partner" else None
    if kind == "figures":
        return apply_figures(engine, edition_id, data, filename, who.email, organisation)
    if kind == "tables":
        return apply_table(engine, edition_id, data, filename, who.email, organisation)
    return apply_records(RECORD_KINDS[kind], engine, edition_id, data, filename, who.email,
                         organisation)


def _api_error(status: int, message: str) -> JSONResponse:
    headers = {**NO_STORE, **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return JSONResponse({"error": {"status": status, "message": message}},
                        status_code=status, headers=headers)


def _pages(app: FastAPI, engine: Engine, preview: Snapshots, workers: UploadWorkers,
           lang: str) -> None:
    _ = translations(lang).gettext
    guarded = guard(lang)
    route = lambda page: ROUTES[page][lang]  # noqa: E731

    def edition_page(who, edition_id: str, status: int = 200, **context) -> HTMLResponse:
        with Session(engine) as session:
            edition = store.edition(session, edition_id)
            if edition is None:
                return render(lang, "forbidden.html", 404, who=who, page="editions",
                              message=_("There is no edition {value}.").format(
                                  value=edition_id[:40]))
            entries = sorted(edition.entries, key=lambda x: x.number)
            mine = (store.assigned(session, who.organisation_id)
                    if who.role == "partner" else None)
            assignments = store.assignments(session)
            organisations = sorted(session.query(m.Organisation.id).all())
            rows = [(x.number, x.indicator_id, x.title, x.status,
                     x.measurement.value if x.measurement else None,
                     x.measurement.id if x.measurement else None,
                     _decimals(x.measurement, x.indicator)) for x in entries]
            ctx = delivered.Context(session, edition,
                                    who.organisation_id if who.role == "partner" else None)
            kinds = [{"kind": name, "slug": KIND_SLUGS[name][lang],
                      "records": [_shown(kind.cells(r), lang)
                                  for r in kind.of_edition(session, edition)
                                  if kind.mine(r, ctx)]}
                     for name, kind in RECORD_KINDS.items()]
            tables = [_table(t, lang) for t in breakdown.templates(
                session, edition, who.organisation_id if who.role == "partner" else None)]
            return render(lang, "edition.html", status, who=who, page="editions",
                          kinds=kinds, tables=tables,
                          edition={"id": edition.id, "year": edition.year,
                                   "title": edition.title, "status": edition.status,
                                   "publication_date": edition.publication_date},
                          rows=[r for r in rows if mine is None or r[1] in mine],
                          assignments=assignments,
                          organisations=[o for (o,) in organisations],
                          alternate=editor_url("edition", "en" if lang == "nl" else "nl",
                                               {"edition_id": edition.id}),
                          **context)

    @app.get(route("editions"), include_in_schema=False, name=f"editions-{lang}")
    @guarded
    def editions_page(request: Request):
        who = signed_in(request, engine)
        return _editions(lang, who, engine)

    @app.post(route("editions"), include_in_schema=False, name=f"editions-post-{lang}")
    @guarded
    def editions_post(request: Request, csrf: str = Form(""), programme: str = Form(""),
                      year: str = Form("")):
        who = signed_in(request, engine, "edit_drafts")
        check_csrf(who, csrf)
        if not year.isdigit() or not 1900 < int(year) < 2200:
            return _editions(lang, who, engine, 400, error=_(
                "The year must be a number such as {year}.").format(year=2022))
        try:
            edition_id = create_draft(engine, programme, int(year), who.email)
        except EditingError as exc:
            return _editions(lang, who, engine, 409 if isinstance(exc, Conflict) else 400,
                             error=exc.text.to(lang))
        return RedirectResponse(editor_url("edition", lang, {"edition_id": edition_id}),
                                status_code=303, headers=NO_STORE)

    @app.get(route("edition"), include_in_schema=False, name=f"edition-{lang}")
    @guarded
    def edition_get(request: Request, edition_id: str):
        who = signed_in(request, engine)
        return edition_page(who, edition_id, done=request.query_params.get("done", "")[:12],
                            kind=request.query_params.get("kind", "figures")[:20])

    @app.get(route("template"), include_in_schema=False, name=f"template-{lang}")
    @guarded
    def template(request: Request, edition_id: str, fmt: str):
        return template_file(request, edition_id, "figures", fmt)

    @app.get(route("record_template"), include_in_schema=False,
             name=f"record-template-{lang}")
    @guarded
    def record_template(request: Request, edition_id: str, kind: str, fmt: str):
        return template_file(request, edition_id, kind_of(kind, lang) or "", fmt)

    @app.get(route("table_template"), include_in_schema=False,
             name=f"table-template-{lang}")
    @guarded
    def table_template(request: Request, edition_id: str, table: str, fmt: str):
        who = signed_in(request, engine, "deliver")
        partner = who.organisation_id if who.role == "partner" else None
        with Session(engine) as session:
            edition = store.edition(session, edition_id)
            found = next((t for t in breakdown.templates(session, edition, partner)
                          if t.id == table), None) if edition is not None else None
            if found is None or fmt not in ("csv", "xlsx"):
                return Response(_("Not found."), status_code=404, headers=NO_STORE)
            body = (breakdown.template_csv(found).encode() if fmt == "csv"
                    else breakdown.template_xlsx(found))
        return _download(body, fmt, f"{edition_id}-{table}.{fmt}")

    def template_file(request: Request, edition_id: str, kind: str, fmt: str) -> Response:
        who = signed_in(request, engine, "deliver")
        partner = who.organisation_id if who.role == "partner" else None
        with Session(engine) as session:
            edition = store.edition(session, edition_id)
            if edition is None or fmt not in ("csv", "xlsx") or \
                    (kind != "figures" and kind not in RECORD_KINDS):
                return Response(_("Not found."), status_code=404, headers=NO_STORE)
            if kind == "figures":
                mine = store.assigned(session, partner) if partner else None
                body = (template_csv(edition, mine).encode() if fmt == "csv"
                        else template_xlsx(edition, mine))
            elif fmt == "csv":
                body = delivered.template_csv(RECORD_KINDS[kind], session, edition,
                                              partner).encode()
            else:
                body = delivered.template_xlsx(RECORD_KINDS[kind], session, edition, partner)
        return _download(body, fmt, f"{edition_id}-{kind}.{fmt}")

    @app.post(route("deliver"), include_in_schema=False, name=f"deliver-{lang}")
    @guarded
    async def deliver(request: Request, edition_id: str, csrf: str = Form(""),
                      kind: str = Form("figures"), file: UploadFile | None = File(None)):
        who = await run_in_threadpool(signed_in, request, engine, "deliver")
        check_csrf(who, csrf)
        page = functools.partial(run_in_threadpool, edition_page, who, edition_id)
        if kind not in DELIVERIES:
            return await page(400, error=_(
                "Choose what the file holds: figures, a table, stories, progress or "
                "initiatives."))
        if file is None or not file.filename:
            return await page(400, error=_("Choose a file to upload."), kind=kind)
        data = await file.read(MAX_CSV_BYTES + 1)
        try:
            written = await workers.run(who.account_id, deliver_file, engine, kind,
                                        edition_id, data, file.filename, who)
        except Busy:
            return await page(429, error=_(BUSY_MESSAGE), kind=kind)
        except UploadRejected as exc:
            return await page(exc.status, problems=exc.problems, filename=file.filename,
                              kind=kind)
        except EditingError as exc:
            return await page(409, error=exc.text.to(lang))
        return RedirectResponse(editor_url("edition", lang, {"edition_id": edition_id},
                                           done=str(written), kind=kind),
                                status_code=303, headers=NO_STORE)

    @app.post(route("publish"), include_in_schema=False, name=f"publish-{lang}")
    @guarded
    def publish_post(request: Request, edition_id: str, csrf: str = Form("")):
        who = signed_in(request, engine, "publish")
        check_csrf(who, csrf)
        try:
            publish(engine, edition_id, who.email)
        except EditingError as exc:
            return edition_page(who, edition_id, 409, error=exc.text.to(lang))
        return RedirectResponse(editor_url("edition", lang, {"edition_id": edition_id},
                                           done="published"),
                                status_code=303, headers=NO_STORE)

    @app.post(route("assign"), include_in_schema=False, name=f"assign-{lang}")
    @guarded
    def assign(request: Request, csrf: str = Form(""), organisation: str = Form(""),
               indicator: str = Form(""), edition_id: str = Form("")):
        who = signed_in(request, engine, "edit_drafts")
        check_csrf(who, csrf)
        with serialised(engine) as session:
            known_org = session.get(m.Organisation, organisation) is not None
            known_ind = session.get(m.Indicator, indicator) is not None
            if known_org and known_ind and session.get(
                    m.Assignment, (organisation, indicator)) is None:
                session.add(m.Assignment(organisation_id=organisation, indicator_id=indicator))
                audit.record(session, who.email, "indicator_assigned", "indicator", indicator,
                             "organisation", None, organisation)
        if not (known_org and known_ind):
            return edition_page(who, edition_id, 400, error=_(
                "Choose an organisation and an indicator from the lists."))
        return RedirectResponse(editor_url("edition", lang, {"edition_id": edition_id}),
                                status_code=303, headers=NO_STORE)

    def preview_page(request: Request, page: str, params: dict, query: dict):
        signed_in(request, engine, "preview_drafts")
        snapshot = preview.current()
        result = build_page(snapshot, lang, page, params, query)
        banner = ('<p class="preview-banner" role="note">'
                  + _("Preview: this is how the page will look once the edition is "
                      "published. Readers cannot see it yet.") + "</p>")
        html = result.html.replace('<main id="inhoud" class="wrap" tabindex="-1">',
                                   '<main id="inhoud" class="wrap" tabindex="-1">' + banner, 1)
        html = html.replace("</head>", '<link rel="stylesheet" href="/editor-static/'
                            'editor.css">\n<meta name="robots" content="noindex">\n</head>', 1)
        # the chart downloads of the preview, not the public ones (a draft's chart has none)
        public = PUBLIC_ROUTES["chart"][lang].split("{", 1)[0]
        html = html.replace(f'href="{public}', 'href="' + route("preview_chart").split(
            "{", 1)[0])
        return HTMLResponse(html, status_code=result.status, headers=NO_STORE)

    @app.get(route("preview_chart"), include_in_schema=False, name=f"preview-chart-{lang}")
    @guarded
    def preview_chart(request: Request, id: str, fmt: str):
        signed_in(request, engine, "preview_drafts")
        found = chart_file(preview.current(), id, lang, fmt)
        if found is None:
            return Response(_("Not found."), status_code=404, headers=NO_STORE)
        return Response(found.content, media_type=found.media_type, headers={
            **NO_STORE, "Content-Disposition": f'attachment; filename="{found.filename}"'})

    @app.get(route("preview"), include_in_schema=False, name=f"preview-{lang}")
    @guarded
    def preview_dashboard(request: Request, year: int):
        return preview_page(request, "dashboard", {"year": year}, {})

    @app.get(route("preview_indicator"), include_in_schema=False,
             name=f"preview-indicator-{lang}")
    @guarded
    def preview_indicator(request: Request, year: int, id: str):
        return preview_page(request, "indicator", {"id": id}, {"edition": str(year)})

    @app.get(route("preview_report"), include_in_schema=False, name=f"preview-report-{lang}")
    @guarded
    def preview_report(request: Request, year: int, fmt: str):
        signed_in(request, engine, "preview_drafts")
        # Made in memory for this preview only: never written where the public reports are.
        made = report_file(preview.current(), year, lang, fmt)
        if made is None:
            return Response(_("Not found."), status_code=404, headers=NO_STORE)
        return Response(made.content, media_type=MEDIA[fmt], headers=NO_STORE)

    @app.get(route("revise"), include_in_schema=False, name=f"revise-{lang}")
    @guarded
    def revise_page(request: Request):
        who = signed_in(request, engine, "edit_drafts")
        return _revise(lang, who, engine, request.query_params.get("figure", "")[:64],
                       done=request.query_params.get("done", ""))

    @app.post(route("revise"), include_in_schema=False, name=f"revise-post-{lang}")
    @guarded
    def revise_post(request: Request, csrf: str = Form(""), figure: str = Form(""),
                    value: str = Form(""), expected: str = Form(""), reason: str = Form("")):
        who = signed_in(request, engine, "edit_drafts")
        check_csrf(who, csrf)
        number, seen = _float(value), _float(expected)
        if number is None:
            return _revise(lang, who, engine, figure, 400, error=_(
                "The new value must be a number such as 9,1."), reason=reason)
        if seen is None:
            return _revise(lang, who, engine, figure, 400, error=_(
                "The form does not say which value you saw; open the figure's form again "
                "and revise it there."), reason=reason)
        try:
            revise(engine, figure, number, reason, who.email, seen)
        except Conflict as exc:
            return _revise(lang, who, engine, figure, 409, error=exc.text.to(lang), reason=reason)
        except EditingError as exc:
            return _revise(lang, who, engine, figure, 400, error=exc.text.to(lang), reason=reason)
        return RedirectResponse(editor_url("revise", lang, figure=figure, done="1"),
                                status_code=303, headers=NO_STORE)


def _download(body: bytes, fmt: str, filename: str) -> Response:
    """A template to download, as CSV or Excel."""
    return Response(body, media_type="text/csv; charset=utf-8" if fmt == "csv" else XLSX,
                    headers={**NO_STORE,
                             "Content-Disposition": f'attachment; filename="{filename}"'})


def _table(template: breakdown.TableTemplate, lang: str) -> dict:
    """A table to deliver as the edition's page lists it."""
    shown = template.shown
    return {"id": template.id, "number": shown.number, "indicator": template.indicator,
            "title": localised(shown.title, shown.title_en, lang),
            "delivered": template.copy is not None,
            "rows": len(shown.rows)}


def _shown(cells: dict[str, str], lang: str) -> dict[str, str]:
    """A delivered record's cells, with its summary in the reader's language."""
    return {**cells, "summary": localised(cells.get("summary"), cells.get("summary_en"), lang)}


def _decimals(figure: m.Measurement | None, indicator: m.Indicator) -> int:
    """Decimals to show a figure with: its own, else its indicator's, else one."""
    if figure is not None and figure.decimals is not None:
        return figure.decimals
    return indicator.decimals if indicator.decimals is not None else 1


def _float(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _editions(lang: str, who, engine: Engine, status: int = 200, **context) -> HTMLResponse:
    with Session(engine) as session:
        editions = [{"id": e.id, "year": e.year, "title": e.title, "status": e.status,
                     "programme": e.programme_id} for e in store.editions(session)]
        programmes = sorted({e["programme"] for e in editions})
    return render(lang, "editions.html", status, who=who, editions=editions,
                  programmes=programmes, page="editions", **context)


def _revise(lang: str, who, engine: Engine, figure_id: str, status: int = 200,
            **context) -> HTMLResponse:
    with Session(engine) as session:
        figure = store.measurement(session, figure_id) if figure_id else None
        shown = None
        if figure is not None:
            shown = {"id": figure.id, "value": figure.value,
                     "indicator": figure.indicator.title,
                     "revisions": [(r.revised_on, r.old_value, r.new_value, r.reason, r.actor)
                                   for r in figure.revisions]}
    return render(lang, "revise.html", status, who=who, figure=shown, figure_id=figure_id,
                  page="revise", done=context.pop("done", ""), **context)
