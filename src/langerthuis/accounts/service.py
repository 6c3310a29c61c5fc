"""What accounts can do: be added and disabled, sign in (rate-limited), hold a session,
and hold API tokens. Every change is written with its audit event in one transaction."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import model as m
from ..errors import LangerThuisError, TranslatedError
from ..store import accounts as store
from .passwords import (DUMMY_HASH, MAX_LENGTH, MIN_LENGTH, hash_password, needs_rehash,
                        verify_password, weakness)
from .roles import ROLES, SCOPES
from .tokens import digest, new_secret, new_token

SESSION_LIFETIME = dt.timedelta(hours=8)
#: A session also ends after this long without a request (LANGERTHUIS_IDLE_MINUTES);
#: when it was last used is written at most once per SEEN_EVERY.
IDLE_TIMEOUT = dt.timedelta(minutes=30)
SEEN_EVERY = dt.timedelta(minutes=1)
#: Failed logins per e-mail address (and, more loosely, per client address) within
#: RATE_WINDOW after which every further attempt is refused until the window has passed.
RATE_WINDOW = dt.timedelta(minutes=1)
MAX_FAILURES_PER_EMAIL = 9
MAX_FAILURES_PER_ADDRESS = 30
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
CLI = "command line"


class AccountError(TranslatedError):
    """A request about accounts that cannot be carried out; the message says why and how
    to fix it."""


class LoginRefused(LangerThuisError):
    """Sign-in refused. `rate_limited` tells the caller to answer 429; the message never
    says whether the address or the password was wrong."""

    def __init__(self, rate_limited: bool = False):
        super().__init__("too many attempts" if rate_limited else "wrong e-mail or password")
        self.rate_limited = rate_limited


@dataclass(frozen=True)
class Who:
    """The signed-in account as requests see it (no database object escapes a session)."""

    account_id: int
    email: str
    name: str | None
    role: str
    organisation_id: str | None
    csrf_token: str = ""
    session_id: int | None = None
    scopes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, account: m.Account, **more) -> Who:
        return cls(account.id, account.email, account.name, account.role,
                   account.organisation_id, **more)


def normal_email(email: str) -> str:
    return email.strip().lower()


def add_account(engine: Engine, email: str, role: str, password: str, *,
                organisation: str | None = None, name: str | None = None,
                actor: str = CLI) -> Who:
    email = normal_email(email)
    if not EMAIL.match(email) or len(email) > 320:
        raise AccountError("'{email}' is not an e-mail address: write it as "
                           "name@example.nl.", email=email[:80])
    if role not in ROLES:
        raise AccountError("Unknown role '{role}': use one of {roles}.", role=role[:40],
                           roles=", ".join(ROLES))
    if role == "partner" and not organisation:
        raise AccountError("A partner account needs its organisation: choose one (on the "
                           "command line: --organisation with an id from "
                           "content/organisations.yaml).")
    check_password(password)
    try:
        with Session(engine) as session, session.begin():
            if organisation is not None and organisation not in store.organisation_ids(session):
                raise AccountError("Unknown organisation '{organisation}': use an id from "
                                   "content/organisations.yaml (and load the content first).",
                                   organisation=organisation[:64])
            if store.account_by_email(session, email) is not None:
                raise AccountError("An account for {email} exists already.", email=email)
            account = m.Account(email=email, name=name, role=role,
                                organisation_id=organisation,
                                password_hash=hash_password(password), disabled=False,
                                created_at=store.now())
            session.add(account)
            session.flush()
            store.record(session, actor, "account_added", "account", email, "role", None,
                         role)
            return Who.of(account)
    except IntegrityError:  # added by someone else at the same moment
        raise AccountError("An account for {email} exists already.", email=email) from None


def check_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise AccountError("The password has {count} characters; use at least {minimum}.",
                           count=len(password), minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise AccountError("The password is longer than {maximum} characters.",
                           maximum=MAX_LENGTH)
    found = weakness(password)
    if found == "repeated":
        raise AccountError("The password is one character repeated; choose a password of "
                           "several words or characters.")
    if found == "common":
        raise AccountError("This password is among the passwords most used or found in "
                           "breaches, and is guessed quickly; choose another, for example a "
                           "few unrelated words.")


def disable_account(engine: Engine, email: str, actor: str = CLI) -> None:
    """Disable an account: its sessions end and its tokens stop working at once."""
    email = normal_email(email)
    with Session(engine) as session, session.begin():
        account = store.account_by_email(session, email)
        if account is None:
            raise AccountError("There is no account for {email}.", email=email[:80])
        if account.disabled:
            return
        account.disabled = True
        store.end_sessions(session, account.id)
        store.record(session, actor, "account_disabled", "account", email, "disabled",
                     False, True)


def list_accounts(engine: Engine) -> list[tuple[Who, bool]]:
    with Session(engine) as session:
        return [(Who.of(a), a.disabled) for a in store.accounts(session)]


def sign_in(engine: Engine, email: str, password: str, address: str | None,
            previous_session: str | None = None) -> tuple[str, Who]:
    """Check the password and start a new session: returns the session's secret (for the
    cookie) and who signed in. The session of `previous_session` (the cookie the browser
    had) ends, so a session id fixed before sign-in is worth nothing after it.

    The attempt is recorded (as failed) and counted against the limits per e-mail address
    and per client address in one transaction that the database serialises, before the
    password is checked: of any number of parallel attempts at most the limit are
    checked."""
    email = normal_email(email)[:320]
    moment = store.now()
    with Session(engine) as session, session.begin():
        store.serialise_attempts(session)
        attempt = m.LoginAttempt(email=email, address=address, at=moment, succeeded=False)
        session.add(attempt)
        session.flush()
        since = moment - RATE_WINDOW
        limited = (store.failures_since(session, since, email=email) > MAX_FAILURES_PER_EMAIL
                   or (address and store.failures_since(session, since, address=address)
                       > MAX_FAILURES_PER_ADDRESS))
        attempt_id = attempt.id
    if limited:
        raise LoginRefused(rate_limited=True)  # the attempt is counted all the same
    with Session(engine) as session:
        account = store.account_by_email(session, email)
        stored = account.password_hash if account is not None else DUMMY_HASH
        allowed = account is not None and not account.disabled
    if not (verify_password(stored, password) and allowed):
        raise LoginRefused()
    with Session(engine) as session, session.begin():
        account = store.account_by_email(session, email)
        if account is None or account.disabled:  # disabled while the password was checked
            raise LoginRefused()
        session.get(m.LoginAttempt, attempt_id).succeeded = True
        if needs_rehash(account.password_hash):
            account.password_hash = hash_password(password)
        if previous_session:
            old = store.session_by_digest(session, digest(previous_session))
            if old is not None:
                session.delete(old)
        secret = new_secret()
        login = m.LoginSession(token_hash=digest(secret), account_id=account.id,
                               csrf_token=new_secret(), created_at=moment,
                               expires_at=moment + SESSION_LIFETIME)
        session.add(login)
        session.flush()
        store.record(session, email, "signed_in", "account", email)
        return secret, Who.of(account, csrf_token=login.csrf_token, session_id=login.id)


def current(engine: Engine, secret: str | None,
            idle: dt.timedelta = IDLE_TIMEOUT) -> Who | None:
    """Who the session cookie `secret` belongs to, if the session is valid (signed in less
    than SESSION_LIFETIME ago and used less than `idle` ago) and the account enabled
    (checked on every request, so disabling takes effect at once)."""
    if not secret or len(secret) > 200:
        return None
    moment = store.now()
    with Session(engine) as session:
        login = store.session_by_digest(session, digest(secret))
        if login is None or login.expires_at < moment or login.account.disabled:
            return None
        seen = login.last_seen_at or login.created_at
        if moment - seen > idle:
            return None
        who = Who.of(login.account, csrf_token=login.csrf_token, session_id=login.id)
        if moment - seen > SEEN_EVERY:
            login.last_seen_at = moment
            session.commit()
        return who


def sign_out(engine: Engine, secret: str | None) -> None:
    if not secret:
        return
    with Session(engine) as session, session.begin():
        login = store.session_by_digest(session, digest(secret))
        if login is not None:
            store.record(session, login.account.email, "signed_out", "account",
                         login.account.email)
            session.delete(login)


def create_token(engine: Engine, email: str, name: str, scopes: list[str],
                 actor: str = CLI) -> tuple[str, int]:
    """A new API token for the account of `email`: returns the token (shown once; only its
    digest is kept) and its id."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise AccountError("Unknown scope '{scope}': use one or more of {scopes}.",
                           scope=", ".join(unknown)[:80], scopes=", ".join(SCOPES))
    if not scopes:
        raise AccountError("A token needs a scope: one or more of {scopes}.",
                           scopes=", ".join(SCOPES))
    if not name.strip() or len(name) > 200:
        raise AccountError("Give the token a name (up to 200 characters) that says where it "
                           "is used.")
    with Session(engine) as session, session.begin():
        account = store.account_by_email(session, normal_email(email))
        if account is None or account.disabled:
            raise AccountError("There is no enabled account for {email}.",
                               email=normal_email(email)[:80])
        secret = new_token()
        token = m.ApiToken(account_id=account.id, name=name.strip(), token_hash=digest(secret),
                           prefix=secret[:10], scopes=" ".join(sorted(set(scopes))),
                           created_at=store.now(), revoked_at=None)
        session.add(token)
        session.flush()
        store.record(session, actor, "token_created", "api_token", str(token.id), "scopes",
                     None, token.scopes)
        return secret, token.id


def revoke_token(engine: Engine, token_id: int, actor: str = CLI,
                 owner_id: int | None = None) -> None:
    """Revoke a token (of `owner_id` only, when given: an account revokes its own)."""
    with Session(engine) as session, session.begin():
        token = session.get(m.ApiToken, token_id)
        if token is None or (owner_id is not None and token.account_id != owner_id):
            raise AccountError("There is no token with number {number}.", number=token_id)
        if token.revoked_at is None:
            token.revoked_at = store.now()
            store.record(session, actor, "token_revoked", "api_token", str(token.id))


def list_tokens(engine: Engine, account_id: int) -> list[m.ApiToken]:
    with Session(engine, expire_on_commit=False) as session:
        tokens = store.tokens_of(session, account_id)
        session.expunge_all()
        return tokens


def token_holder(engine: Engine, secret: str | None, scope: str | None) -> Who | None:
    """Who the API token `secret` belongs to, if it is valid, not revoked, has `scope`
    (any scope when None: the caller looks at `scopes`), and its account is enabled."""
    if not secret or len(secret) > 200:
        return None
    with Session(engine) as session:
        token = store.token_by_digest(session, digest(secret))
        if (token is None or token.revoked_at is not None or token.account.disabled
                or (scope is not None and scope not in token.scopes.split())):
            return None
        return Who.of(token.account, scopes=frozenset(token.scopes.split()))
