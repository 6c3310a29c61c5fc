"""Who may change the monitor: accounts with a role, their login sessions and API tokens,
login attempts (for the rate limit) and the audit trail of every change.

These tables are not content: `load` replaces the content and keeps them (`KEPT`). An
account's organisation is therefore a plain id, checked against the content when it is
set, not a foreign key that a load would break."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

#: Table info that tells `load` to keep a table's rows.
KEPT = {"kept_by_load": True}


class Account(Base):
    __tablename__ = "account"
    __table_args__ = {"info": KEPT}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginSession(Base):
    """A signed-in browser: the cookie holds a secret, the table only its digest."""

    __tablename__ = "login_session"
    __table_args__ = {"info": KEPT}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: The last request of the session (None: none since sign-in), for the idle timeout.
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    account: Mapped[Account] = relationship()


class ApiToken(Base):
    """A token for machine deliveries: shown once, stored as a digest, scoped, revocable."""

    __tablename__ = "api_token"
    __table_args__ = {"info": KEPT}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[str] = mapped_column(String(200))  # space-separated
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    account: Mapped[Account] = relationship()


class LoginAttempt(Base):
    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_at", "email", "at"), {"info": KEPT})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)


class AuditEvent(Base):
    """One change: who, when, what, the old and the new value (and why, where asked)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"), {"info": KEPT})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(320))  # an account's email, or "command line"
    action: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(200))
    field: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class Assignment(Base):
    """An indicator whose figures a partner organisation delivers (set by an editor)."""

    __tablename__ = "assignment"
    __table_args__ = {"info": KEPT}

    organisation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
