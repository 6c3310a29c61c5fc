"""What every response of the application shares, whatever renders it: answers to HEAD as
to GET, validators (ETag) and conditional requests, and the security headers of a site
that needs no script."""
from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .i18n import Text

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


#: Bytes of a request's body: a delivered file (MAX_CSV_BYTES) with room for the form around
#: it. The delivery API enforces the file's own limit as it reads.
MAX_BODY = 5_000_000 + 100_000


def too_large(limit: int) -> Text:
    return Text("The request is larger than {maximum} bytes; at most {maximum} are "
                "accepted.", maximum=limit)


class BodyLimit:
    """Refuses a request whose body is larger than `limit` bytes with 413, as it arrives:
    at once when its Content-Length says so, else as soon as the bytes received pass the
    limit (a chunked body), so that no part of the application ever holds more. The
    application then sees the client gone, and `respond(scope, text)` makes the answer
    (a styled page, or the API's error)."""

    def __init__(self, app: ASGIApp, respond, limit: int = MAX_BODY):
        self.app, self.respond, self.limit = app, respond, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            if int(declared) <= DRAINED * self.limit:
                await _drain(receive, int(declared))
            await self.respond(scope, too_large(self.limit))(scope, receive, send)
            return
        received, over, started, ended = 0, False, False, False

        async def counted() -> Message:
            nonlocal received, over, ended
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            ended = message["type"] != "http.request" or not message.get("more_body")
            received += len(message.get("body", b""))
            if received > self.limit:
                over = True
                return {"type": "http.disconnect"}
            return message

        async def unless_over(message: Message) -> None:
            nonlocal started
            if not over:
                started = True
                await send(message)
        try:
            await self.app(scope, counted, unless_over)
        except Exception:
            if not over or started:
                raise
        if over and not started:
            if not ended:
                await _drain(receive, DRAINED * self.limit - received)
            await self.respond(scope, too_large(self.limit))(scope, receive, send)


#: A body over the limit but at most this many times the limit is read to its end (and
#: dropped) before the 413 is sent: a client that sends its whole body before it reads the
#: answer (most do) then sees the 413 instead of a connection reset. A larger one is
#: answered at once and the connection closed.
DRAINED = 4


async def _drain(receive: Receive, most: int) -> None:
    """Receive and drop up to `most` bytes of the body, until its end."""
    while most > 0:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return
        most -= len(message.get("body", b""))


#: Bytes of a request's address (path and query) and of all its header lines: far above what
#: any page, filter or form of the site needs. uvicorn holds at most SERVER_HEADER_BYTES of an
#: unfinished request (`serve`), so that the application answers what is larger than these.
MAX_TARGET = 8_192
MAX_HEADERS = 16_384
SERVER_HEADER_BYTES = 2 * 1024 * 1024


class HeaderLimits:
    """Answers 414 to an address longer than MAX_TARGET bytes and 431 to header lines
    longer than MAX_HEADERS bytes together, before anything else reads them."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            target = len(scope.get("raw_path") or scope["path"].encode()) + \
                len(scope.get("query_string", b""))
            headers = sum(len(k) + len(v) + 4 for k, v in scope.get("headers") or [])
            if target > MAX_TARGET or headers > MAX_HEADERS:
                status = 414 if target > MAX_TARGET else 431
                what = ("The address is longer than {maximum} bytes." if status == 414 else
                        "The request's header lines are longer than {maximum} bytes "
                        "together.")
                body = (what.format(maximum=MAX_TARGET if status == 414 else MAX_HEADERS)
                        + "\n").encode()
                await send({"type": "http.response.start", "status": status, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
                    (b"cache-control", b"no-store")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
