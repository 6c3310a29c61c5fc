"""Who is asking, and whether they may: the session cookie and its CSRF token for forms,
bearer tokens for the API."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine

from ..accounts import Who, can, current, token_holder
from ..accounts.tokens import same

SESSION_COOKIE = "lt_session"
FORM_COOKIE = "lt_form"  # the sign-in form's CSRF token, before there is a session


@dataclass(frozen=True)
class CookiePolicy:
    secure: bool = True

    def session(self, value: str) -> dict:
        return {"key": SESSION_COOKIE, "value": value, "httponly": True, "secure": self.secure,
                "samesite": "strict", "path": "/"}

    def form(self, value: str) -> dict:
        return {"key": FORM_COOKIE, "value": value, "httponly": True, "secure": self.secure,
                "samesite": "strict", "path": "/"}


class NotSignedIn(Exception):
    """No valid session: pages send the reader to the sign-in page."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this (or the form's CSRF token is wrong)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def signed_in(request: Request, engine: Engine, permission: str | None = None) -> Who:
    idle = dt.timedelta(minutes=getattr(request.app.state, "idle_minutes", 30))
    who = current(engine, request.cookies.get(SESSION_COOKIE), idle)
    if who is None:
        raise NotSignedIn()
    if permission is not None and not can(who.role, permission):
        raise Forbidden("role")
    return who


def check_csrf(who: Who, submitted: str | None) -> None:
    if not same(who.csrf_token, submitted):
        raise Forbidden("csrf")


def bearer(request: Request, engine: Engine, scope: str) -> Who | None:
    """Who holds the request's API token: None without a valid one (401), Forbidden when the
    token is valid but lacks `scope` (403: the token is known, it may not do this)."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    who = token_holder(engine, secret.strip(), None)
    if who is not None and scope not in who.scopes:
        raise Forbidden("scope")
    return who
