"""The editor pages (/beheer, /en/manage): sign in and out, accounts (administrators),
API tokens (everyone signed in), and the audit trail (administrators). Pages are rendered
per request and never cached; every form carries a CSRF token."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import inspect
import io
from pathlib import Path

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..accounts import (ROLES, SCOPES, AccountError, LoginRefused, add_account, can,
                        create_token, disable_account, list_accounts, list_tokens,
                        revoke_token, sign_in, sign_out)
from ..accounts.tokens import new_secret, same
from ..i18n import LANGUAGES, translations
from ..opendata.keyfigures import csv_cell
from ..store import accounts as store
from ..templating import environment
from .security import (FORM_COOKIE, SESSION_COOKIE, CookiePolicy, Forbidden, NotSignedIn,
                       bearer, check_csrf, signed_in)
from .urls import ROUTES, editor_url

HERE = Path(__file__).resolve().parent
NO_STORE = {"Cache-Control": "no-store"}
AUDIT_PAGE = 200  # events shown on the page; the CSV has them all
SCOPE_MESSAGE = ("The API token is valid, but its scopes do not include 'deliveries'; "
                 "create a token with that scope on the tokens page.")


def install(app: FastAPI, engine: Engine, cookies: CookiePolicy = CookiePolicy()) -> None:
    from . import editions
    app.mount("/editor-static", StaticFiles(directory=HERE / "static"), name="editor-static")
    for lang in LANGUAGES:
        _pages(app, engine, cookies, lang)
    editions.install(app, engine)

    @app.get("/api/editor/whoami", include_in_schema=False)
    def whoami(request: Request):
        try:
            who = bearer(request, engine, "deliveries")
        except Forbidden:
            return JSONResponse({"error": {"status": 403, "message": SCOPE_MESSAGE}},
                                status_code=403, headers=NO_STORE)
        if who is None:
            return JSONResponse({"error": {"status": 401, "message":
                                 "A valid API token with scope 'deliveries' is needed: send "
                                 "it as 'Authorization: Bearer <token>'."}},
                                status_code=401, headers={"WWW-Authenticate": "Bearer",
                                                          **NO_STORE})
        return JSONResponse({"email": who.email, "role": who.role,
                             "organisation": who.organisation_id,
                             "scopes": sorted(who.scopes)}, headers=NO_STORE)


def render(lang: str, template: str, status: int = 200, **context) -> HTMLResponse:
    other = "en" if lang == "nl" else "nl"
    page = context.pop("page", template.removesuffix(".html"))
    html = environment(lang, HERE / "templates").get_template(template).render(
        url=lambda name, params=None, **q: editor_url(name, lang, params, **q), page=page,
        other=other, alternate=context.pop("alternate", None) or editor_url(
            page if page in ROUTES and "{" not in ROUTES[page][other] else "overview", other),
        roles=ROLES, scopes=SCOPES, can=can, **context)
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def guard(lang: str):
    """A decorator for a page that needs a session: to the sign-in page without one, a
    styled 403 when the role does not allow it or the form's CSRF token is wrong."""
    _ = translations(lang).gettext

    def refused(request: Request, exc: Exception) -> Response:
        if isinstance(exc, NotSignedIn):
            return RedirectResponse(editor_url("sign_in", lang, next=request.url.path),
                                    status_code=303, headers=NO_STORE)
        message = (_("This form has expired or did not come from this site. Go back, "
                     "reload the page and try again.") if exc.reason == "csrf" else
                   _("Your role does not allow this."))
        return render(lang, "forbidden.html", 403, message=message, who=None, page="overview")

    def guarded(handler):
        if inspect.iscoroutinefunction(handler):
            @functools.wraps(handler)
            async def run_async(request: Request, *args, **kwargs):
                try:
                    return await handler(request, *args, **kwargs)
                except (NotSignedIn, Forbidden) as exc:
                    return refused(request, exc)
            return run_async

        @functools.wraps(handler)
        def run(request: Request, *args, **kwargs):
            try:
                return handler(request, *args, **kwargs)
            except (NotSignedIn, Forbidden) as exc:
                return refused(request, exc)
        return run
    return guarded


def _pages(app: FastAPI, engine: Engine, cookies: CookiePolicy, lang: str) -> None:
    _ = translations(lang).gettext

    guarded = guard(lang)

    def sign_in_form(request: Request, status: int = 200, message: str = "",
                     email: str = "") -> HTMLResponse:
        token = new_secret()
        response = render(lang, "sign_in.html", status, form_token=token, message=message,
                          email=email, next=_safe_next(request.query_params.get("next"), lang),
                          who=None)
        response.set_cookie(**cookies.form(token))
        return response

    @app.get(ROUTES["sign_in"][lang], include_in_schema=False, name=f"sign-in-{lang}")
    def sign_in_page(request: Request):
        return sign_in_form(request)

    @app.post(ROUTES["sign_in"][lang], include_in_schema=False, name=f"sign-in-post-{lang}")
    def sign_in_post(request: Request, email: str = Form(""), password: str = Form(""),
                     form_token: str = Form(""), next: str = Form("")):
        if not same(request.cookies.get(FORM_COOKIE), form_token):
            return sign_in_form(request, 403, _("This form has expired. Please try again."),
                                email)
        address = request.client.host if request.client else None
        try:
            secret, _who = sign_in(engine, email, password, address,
                                   request.cookies.get(SESSION_COOKIE))
        except LoginRefused as exc:
            if exc.rate_limited:
                return sign_in_form(request, 429, _("Too many attempts to sign in. Wait a "
                                                    "minute and try again."), email)
            return sign_in_form(request, 401, _("The e-mail address or the password is not "
                                                "right."), email)
        response = RedirectResponse(_safe_next(next, lang), status_code=303, headers=NO_STORE)
        response.set_cookie(**cookies.session(secret))
        response.delete_cookie(FORM_COOKIE, path="/")
        return response

    @app.post(ROUTES["sign_out"][lang], include_in_schema=False, name=f"sign-out-{lang}")
    @guarded
    def sign_out_post(request: Request, csrf: str = Form("")):
        check_csrf(signed_in(request, engine), csrf)
        sign_out(engine, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse(editor_url("sign_in", lang), status_code=303,
                                    headers=NO_STORE)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.get(ROUTES["overview"][lang], include_in_schema=False, name=f"overview-{lang}")
    @guarded
    def overview(request: Request):
        return render(lang, "overview.html", who=signed_in(request, engine))

    @app.get(ROUTES["accounts"][lang], include_in_schema=False, name=f"accounts-{lang}")
    @guarded
    def accounts_page(request: Request):
        who = signed_in(request, engine, "manage_accounts")
        return _accounts(lang, who, engine, done=request.query_params.get("done", ""))

    @app.post(ROUTES["accounts"][lang], include_in_schema=False, name=f"accounts-post-{lang}")
    @guarded
    def accounts_post(request: Request, csrf: str = Form(""), email: str = Form(""),
                      role: str = Form(""), organisation: str = Form(""),
                      name: str = Form(""), password: str = Form("")):
        who = signed_in(request, engine, "manage_accounts")
        check_csrf(who, csrf)
        try:
            add_account(engine, email, role, password, organisation=organisation or None,
                        name=name or None, actor=who.email)
        except AccountError as exc:
            return _accounts(lang, who, engine, 400, error=exc.text.to(lang),
                             form={"email": email, "role": role, "organisation": organisation,
                                   "name": name})
        return RedirectResponse(editor_url("accounts", lang, done="added"), status_code=303,
                                headers=NO_STORE)

    @app.post(ROUTES["disable"][lang], include_in_schema=False, name=f"disable-{lang}")
    @guarded
    def disable_post(request: Request, csrf: str = Form(""), email: str = Form("")):
        who = signed_in(request, engine, "manage_accounts")
        check_csrf(who, csrf)
        try:
            disable_account(engine, email, actor=who.email)
        except AccountError as exc:
            return _accounts(lang, who, engine, 400, error=exc.text.to(lang))
        return RedirectResponse(editor_url("accounts", lang, done="disabled"),
                                status_code=303, headers=NO_STORE)

    @app.get(ROUTES["tokens"][lang], include_in_schema=False, name=f"tokens-{lang}")
    @guarded
    def tokens_page(request: Request):
        who = signed_in(request, engine)
        return _tokens(lang, who, engine)

    @app.post(ROUTES["tokens"][lang], include_in_schema=False, name=f"tokens-post-{lang}")
    @guarded
    def tokens_post(request: Request, csrf: str = Form(""), name: str = Form(""),
                    scope: list[str] = Form([])):
        who = signed_in(request, engine)
        check_csrf(who, csrf)
        try:
            secret, _id = create_token(engine, who.email, name, scope, actor=who.email)
        except AccountError as exc:
            return _tokens(lang, who, engine, 400, error=exc.text.to(lang))
        return _tokens(lang, who, engine, 201, secret=secret)

    @app.post(ROUTES["revoke"][lang], include_in_schema=False, name=f"revoke-{lang}")
    @guarded
    def revoke_post(request: Request, csrf: str = Form(""), token: int = Form(0)):
        who = signed_in(request, engine)
        check_csrf(who, csrf)
        try:
            revoke_token(engine, token, actor=who.email, owner_id=who.account_id)
        except AccountError as exc:
            return _tokens(lang, who, engine, 400, error=exc.text.to(lang))
        return RedirectResponse(editor_url("tokens", lang), status_code=303, headers=NO_STORE)

    @app.get(ROUTES["audit"][lang], include_in_schema=False, name=f"audit-{lang}")
    @guarded
    def audit_page(request: Request):
        who = signed_in(request, engine, "view_audit")
        where, error = _audit_filter(request, _)
        with Session(engine) as session:
            events = store.audit_events(session, where, limit=AUDIT_PAGE + 1)
        return render(lang, "audit.html", 400 if error else 200, who=who, where=where,
                      error=error, events=events[:AUDIT_PAGE], more=len(events) > AUDIT_PAGE,
                      csv_url=editor_url("audit_csv", lang, **_query(where)))

    @app.get(ROUTES["audit_csv"][lang], include_in_schema=False, name=f"audit-csv-{lang}")
    @guarded
    def audit_csv(request: Request):
        signed_in(request, engine, "view_audit")
        where, error = _audit_filter(request, _)
        if error:
            return Response(error, status_code=400, media_type="text/plain", headers=NO_STORE)
        with Session(engine) as session:
            events = store.audit_events(session, where)
        return Response(_events_csv(events), media_type="text/csv; charset=utf-8",
                        headers={**NO_STORE, "Content-Disposition":
                                 'attachment; filename="audit.csv"'})


def _accounts(lang: str, who, engine: Engine, status: int = 200, **context) -> HTMLResponse:
    with Session(engine) as session:
        organisations = sorted(store.organisation_ids(session))
    context.setdefault("form", {"email": "", "role": "editor", "organisation": "", "name": ""})
    return render(lang, "accounts.html", status, who=who, accounts=list_accounts(engine),
                  organisations=organisations, page="accounts", **context)


def _tokens(lang: str, who, engine: Engine, status: int = 200, **context) -> HTMLResponse:
    return render(lang, "tokens.html", status, who=who,
                  tokens=list_tokens(engine, who.account_id), page="tokens", **context)


def _safe_next(target: str | None, lang: str) -> str:
    """Where to go after signing in: an editor page of this site only (no open redirect)."""
    prefix = ROUTES["overview"][lang]
    if target and (target == prefix or target.startswith(prefix + "/")) and "//" not in target:
        return target
    return prefix


def _audit_filter(request: Request, _) -> tuple[store.AuditFilter, str]:
    q = request.query_params
    dates = {}
    for key in ("since", "until"):
        value = q.get(key, "")
        try:
            dates[key] = dt.date.fromisoformat(value) if value else None
        except ValueError:
            return store.AuditFilter(), _("The date '{value}' is not a date: write it as "
                                          "2024-05-01.").format(value=value[:20])
    return store.AuditFilter(actor=q.get("actor", "")[:320], action=q.get("action", "")[:40],
                             subject_type=q.get("subject_type", "")[:40], **dates), ""


def _query(where: store.AuditFilter) -> dict:
    return {"actor": where.actor, "action": where.action, "subject_type": where.subject_type,
            "since": where.since.isoformat() if where.since else "",
            "until": where.until.isoformat() if where.until else ""}


AUDIT_COLUMNS = ["at", "actor", "action", "subject_type", "subject_id", "field", "old_value",
                 "new_value", "reason"]


def _events_csv(events) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AUDIT_COLUMNS)
    for event in events:
        writer.writerow([event.at.isoformat(timespec="seconds")]
                        + [csv_cell(getattr(event, c)) for c in AUDIT_COLUMNS[1:]])
    return out.getvalue()
