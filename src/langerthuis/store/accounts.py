"""Reads and writes of accounts, login sessions, API tokens, login attempts and the audit
trail. The rules (who may do what, the rate limit, hashing) are in `langerthuis.accounts`;
this module only talks to the database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import model as m


def now() -> dt.datetime:
    """The time stored in the database: UTC without zone (as `load_info.loaded_at`)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def account_by_email(session: Session, email: str) -> m.Account | None:
    return session.scalars(select(m.Account).where(m.Account.email == email)).first()


def account_by_id(session: Session, account_id: int) -> m.Account | None:
    return session.get(m.Account, account_id)


def accounts(session: Session) -> list[m.Account]:
    return list(session.scalars(select(m.Account).order_by(m.Account.email)))


def organisation_ids(session: Session) -> set[str]:
    return set(session.scalars(select(m.Organisation.id)))


def serialise_attempts(session: Session) -> None:
    """Run the recording and counting of sign-in attempts one after the other: on
    PostgreSQL a transaction-scoped advisory lock; SQLite runs every write transaction
    alone once it has written (the attempt is written before it is counted)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(SIGN_IN_LOCK)))


#: The advisory lock of the sign-in attempts on PostgreSQL (any number no other lock uses).
SIGN_IN_LOCK = 251_110


def failures_since(session: Session, since: dt.datetime, *, email: str | None = None,
                   address: str | None = None) -> int:
    query = select(func.count()).select_from(m.LoginAttempt).where(
        m.LoginAttempt.at >= since, m.LoginAttempt.succeeded.is_(False))
    if email is not None:
        query = query.where(m.LoginAttempt.email == email)
    if address is not None:
        query = query.where(m.LoginAttempt.address == address)
    return session.scalar(query) or 0


def session_by_digest(session: Session, digest: str) -> m.LoginSession | None:
    return session.scalars(select(m.LoginSession).where(
        m.LoginSession.token_hash == digest)).first()


def end_sessions(session: Session, account_id: int) -> None:
    for login in session.scalars(select(m.LoginSession).where(
            m.LoginSession.account_id == account_id)):
        session.delete(login)


def token_by_digest(session: Session, digest: str) -> m.ApiToken | None:
    return session.scalars(select(m.ApiToken).where(m.ApiToken.token_hash == digest)).first()


def tokens_of(session: Session, account_id: int) -> list[m.ApiToken]:
    return list(session.scalars(select(m.ApiToken).where(
        m.ApiToken.account_id == account_id).order_by(m.ApiToken.created_at)))


@dataclass(frozen=True)
class AuditFilter:
    """What an administrator narrows the audit trail to; empty fields do not narrow."""

    actor: str = ""
    action: str = ""
    subject_type: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def audit_events(session: Session, where: AuditFilter = AuditFilter(),
                 limit: int | None = None) -> list[m.AuditEvent]:
    query = select(m.AuditEvent).order_by(m.AuditEvent.at.desc(), m.AuditEvent.id.desc())
    if where.actor:
        query = query.where(m.AuditEvent.actor == where.actor)
    if where.action:
        query = query.where(m.AuditEvent.action == where.action)
    if where.subject_type:
        query = query.where(m.AuditEvent.subject_type == where.subject_type)
    if where.since:
        query = query.where(m.AuditEvent.at >= dt.datetime.combine(where.since, dt.time()))
    if where.until:
        query = query.where(m.AuditEvent.at < dt.datetime.combine(
            where.until + dt.timedelta(days=1), dt.time()))
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def record(session: Session, actor: str, action: str, subject_type: str, subject_id: str,
           field: str | None = None, old: object = None, new: object = None,
           reason: str | None = None) -> m.AuditEvent:
    """Add one event to the audit trail, in the caller's transaction: the change and its
    record are written together or not at all."""
    event = m.AuditEvent(at=now(), actor=actor, action=action, subject_type=subject_type,
                         subject_id=str(subject_id), field=field,
                         old_value=None if old is None else str(old),
                         new_value=None if new is None else str(new), reason=reason)
    session.add(event)
    return event
