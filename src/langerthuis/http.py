"""What every response of the application shares, whatever renders it: answers to HEAD as
to GET, validators (ETag) and conditional requests, and the security headers of a site
that needs no script."""
from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The site runs no script, embeds nothing and is embedded nowhere.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
#: An embeddable page (/embed/...): any site may frame it; everything else stays as strict.
EMBED_CSP = ("content-security-policy", "default-src 'none'; style-src 'self'; "
             "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *")
#: The HTML report carries its print stylesheet inline.
INLINE_STYLES = ("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; "
                 "img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """Whether a request's If-None-Match matches `etag`: `*`, or any listed tag compared
    weakly (a W/ prefix does not matter), as RFC 9110 asks for GET and HEAD."""
    if not if_none_match:
        return False
    wanted = [t.strip() for t in if_none_match.split(",")]
    return "*" in wanted or etag.removeprefix("W/") in [t.removeprefix("W/") for t in wanted]


class HeadAsGet:
    """HEAD is answered wherever GET is: the GET response with its headers, without body."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)
        await self.app({**scope, "method": "GET"}, receive, without_body)


class SecurityHeaders:
    """Adds the security headers to every response that does not set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = {k.decode().lower(): v.decode()
                           for k, v in message.get("headers", [])}
                framable = headers.get(EMBED_CSP[0]) == EMBED_CSP[1]
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k not in headers and not (framable and k == "x-frame-options")]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)
        await self.app(scope, receive, with_headers)
