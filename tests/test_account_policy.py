"""Passwords and sessions as OWASP ASVS level 2 asks: common and breached passwords and one
character repeated are refused (the lists zxcvbn ships), and a session ends after an idle
time (30 minutes, configurable) besides its absolute lifetime."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import AccountError, add_account, current, sign_in
from langerthuis.config import load_settings
from langerthuis.store import make_engine, upgrade

GOOD = "a long enough password"


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("password, why", [
    ("aaaaaaaaaaaa", "one character repeated"),
    (" " * 12, "one character repeated"),
    ("password1234", "most used or found in breaches"),
    ("qwertyuiop12", "most used or found in breaches"),
    ("Password1234", "most used or found in breaches"),
])
def test_weak_passwords_are_refused(engine, password, why):
    with pytest.raises(AccountError, match=why):
        add_account(engine, "weak@example.nl", "editor", password)


def test_a_password_of_words_is_accepted(engine):
    add_account(engine, "strong@example.nl", "editor", GOOD)
    add_account(engine, "words@example.nl", "editor", "zomer fiets tafel")


def test_a_session_ends_after_its_idle_time(engine):
    add_account(engine, "idle@example.nl", "editor", GOOD)
    secret, _who = sign_in(engine, "idle@example.nl", GOOD, "10.0.0.9")
    assert current(engine, secret) is not None

    def last_used(minutes_ago: int) -> None:
        at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(
            minutes=minutes_ago)
        with Session(engine) as session, session.begin():
            session.execute(update(m.LoginSession).values(last_seen_at=at))
    last_used(29)
    assert current(engine, secret) is not None  # and this use is remembered
    with Session(engine) as session:
        seen = session.query(m.LoginSession).one().last_seen_at
    assert dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - seen < dt.timedelta(minutes=1)
    last_used(31)
    assert current(engine, secret) is None  # 31 minutes without a request
    last_used(10)
    assert current(engine, secret, idle=dt.timedelta(minutes=5)) is None  # configured


def test_the_idle_time_is_a_setting():
    assert load_settings({}).idle_minutes == 30
    assert load_settings({"LANGERTHUIS_IDLE_MINUTES": "15"}).idle_minutes == 15
    with pytest.raises(ValueError, match="LANGERTHUIS_IDLE_MINUTES is 'soon'"):
        load_settings({"LANGERTHUIS_IDLE_MINUTES": "soon"})


def test_forwarded_addresses_are_trusted_only_from_configured_proxies():
    from langerthuis.cli import server_options
    alone = server_options(load_settings({}))
    assert alone["proxy_headers"] is False and alone["forwarded_allow_ips"] == ""
    behind = server_options(load_settings({"LANGERTHUIS_TRUSTED_PROXIES": "127.0.0.1"}))
    assert behind["proxy_headers"] is True and behind["forwarded_allow_ips"] == "127.0.0.1"
