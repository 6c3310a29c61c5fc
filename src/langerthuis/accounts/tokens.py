"""Secrets handed to a browser or a machine (session cookies, API tokens, CSRF tokens):
random, and stored only as a digest so that a copy of the database does not sign anyone in."""
from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_PREFIX = "lt_"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_token() -> str:
    """An API token; the prefix makes a leaked token easy to recognise (secret scanners)."""
    return TOKEN_PREFIX + new_secret()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets; False when either is missing."""
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())
