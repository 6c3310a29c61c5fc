"""Accounts and roles: Argon2 passwords, sessions renewed at sign-in, the rate limit,
disabling, API tokens, the audit trail, and that `load` keeps them. On SQLite and on a
real PostgreSQL server."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.accounts import (AccountError, LoginRefused, add_account, create_token,
                                  current, disable_account, revoke_token, sign_in, sign_out,
                                  token_holder)
from langerthuis.content import check_content
from langerthuis.store import load_content
from langerthuis.store import accounts as store

from conftest import FIXTURE_CONTENT

PASSWORD = "a long enough password"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def accounts_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = request.getfixturevalue("engine")
    else:
        engine = request.getfixturevalue("pg_engine")
    load_content(engine, check_content(FIXTURE_CONTENT))
    return engine


def email() -> str:
    return f"{uuid.uuid4().hex[:10]}@example.nl"


def test_a_password_is_stored_as_an_argon2_hash(accounts_engine):
    who = add_account(accounts_engine, email().upper(), "editor", PASSWORD)
    with Session(accounts_engine) as session:
        account = store.account_by_email(session, who.email)
    assert account.email == who.email == who.email.lower()
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash


@pytest.mark.parametrize("kwargs, message", [
    ({"email": "no-address", "role": "editor"}, "is not an e-mail address"),
    ({"role": "chief"}, "Unknown role 'chief'"),
    ({"role": "partner"}, "A partner account needs its organisation"),
    ({"role": "partner", "organisation": "nobody"}, "Unknown organisation 'nobody'"),
    ({"role": "editor", "password": "short"}, "use at least 12"),
])
def test_an_account_that_cannot_be_added_says_why(accounts_engine, kwargs, message):
    args = {"email": email(), "password": PASSWORD, **kwargs}
    with pytest.raises(AccountError, match=message):
        add_account(accounts_engine, args.pop("email"), args.pop("role"), args.pop("password"),
                    **args)
    with Session(accounts_engine) as session:
        assert store.account_by_email(session, "no-address") is None


def test_a_partner_belongs_to_a_known_organisation(accounts_engine):
    with Session(accounts_engine) as session:
        organisation = sorted(store.organisation_ids(session))[0]
    who = add_account(accounts_engine, email(), "partner", PASSWORD, organisation=organisation)
    assert who.organisation_id == organisation


def test_the_same_address_twice_is_refused(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    with pytest.raises(AccountError, match="exists already"):
        add_account(accounts_engine, address.upper(), "publisher", PASSWORD)


def test_sign_in_starts_a_new_session_and_ends_the_old_one(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    first, who = sign_in(accounts_engine, address, PASSWORD, "10.0.0.1")
    assert current(accounts_engine, first).email == address
    assert who.csrf_token and who.role == "editor"
    second, again = sign_in(accounts_engine, address, PASSWORD, "10.0.0.1",
                            previous_session=first)
    assert second != first and again.csrf_token != who.csrf_token
    assert current(accounts_engine, first) is None  # renewed at sign-in
    assert current(accounts_engine, second).email == address
    sign_out(accounts_engine, second)
    assert current(accounts_engine, second) is None
    with Session(accounts_engine) as session:  # only digests are stored
        hashes = set(session.scalars(select(m.LoginSession.token_hash)))
        assert first not in hashes and second not in hashes


def test_a_wrong_password_or_address_is_refused_alike(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    for who, password in ((address, "wrong password!!"), (email(), PASSWORD)):
        with pytest.raises(LoginRefused) as refused:
            sign_in(accounts_engine, who, password, "10.0.0.2")
        assert not refused.value.rate_limited
        assert str(refused.value) == "wrong e-mail or password"


def test_the_tenth_wrong_password_in_a_minute_is_refused(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    for _ in range(9):
        with pytest.raises(LoginRefused) as refused:
            sign_in(accounts_engine, address, "wrong password!!", "10.0.0.3")
        assert not refused.value.rate_limited
    with pytest.raises(LoginRefused) as refused:  # even with the right password now
        sign_in(accounts_engine, address, PASSWORD, "10.0.0.3")
    assert refused.value.rate_limited
    other = email()  # another account is not locked by it
    add_account(accounts_engine, other, "editor", PASSWORD)
    assert sign_in(accounts_engine, other, PASSWORD, "10.0.0.4")


def test_a_disabled_account_stops_working_at_once(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    secret, _who = sign_in(accounts_engine, address, PASSWORD, None)
    token, _id = create_token(accounts_engine, address, "script", ["deliveries"])
    assert token_holder(accounts_engine, token, "deliveries").email == address
    disable_account(accounts_engine, address, actor="admin@example.nl")
    assert current(accounts_engine, secret) is None
    assert token_holder(accounts_engine, token, "deliveries") is None
    with pytest.raises(LoginRefused):
        sign_in(accounts_engine, address, PASSWORD, None)


def test_tokens_are_scoped_revocable_and_stored_as_digests(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "partner", PASSWORD, organisation=sorted(
        store.organisation_ids(Session(accounts_engine)))[0])
    token, token_id = create_token(accounts_engine, address, "delivery script", ["deliveries"])
    assert token.startswith("lt_")
    assert token_holder(accounts_engine, token, "deliveries").role == "partner"
    assert token_holder(accounts_engine, token, "drafts") is None  # not its scope
    assert token_holder(accounts_engine, token + "x", "deliveries") is None
    with Session(accounts_engine) as session:
        assert token not in set(session.scalars(select(m.ApiToken.token_hash)))
    revoke_token(accounts_engine, token_id)
    assert token_holder(accounts_engine, token, "deliveries") is None
    with pytest.raises(AccountError, match="Unknown scope 'everything'"):
        create_token(accounts_engine, address, "x", ["everything"])


def test_every_change_is_in_the_audit_trail(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD, actor="admin@example.nl")
    disable_account(accounts_engine, address, actor="admin@example.nl")
    with Session(accounts_engine) as session:
        events = store.audit_events(session, store.AuditFilter(actor="admin@example.nl"))
        mine = [(e.action, e.subject_id, e.field, e.old_value, e.new_value) for e in events
                if e.subject_id == address]
    assert ("account_added", address, "role", None, "editor") in mine
    assert ("account_disabled", address, "disabled", "False", "True") in mine


def test_load_replaces_the_content_and_keeps_the_accounts(accounts_engine):
    address = email()
    add_account(accounts_engine, address, "editor", PASSWORD)
    secret, _who = sign_in(accounts_engine, address, PASSWORD, None)
    load_content(accounts_engine, check_content(FIXTURE_CONTENT))
    assert current(accounts_engine, secret).email == address


def test_the_command_line_adds_disables_and_makes_tokens(database_url):
    from click.testing import CliRunner
    from langerthuis.cli import main
    run = lambda *args, input=None: CliRunner().invoke(  # noqa: E731
        main, [*args, "--database", database_url], input=input)
    added = run("users", "add", "Chief@Example.nl", "--role", "administrator",
                "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0 and "Added chief@example.nl as administrator." in added.output
    short = run("users", "add", "b@example.nl", "--role", "editor", "--password-stdin",
                input="short\n")
    assert short.exit_code == 1 and "use at least 12" in short.output
    assert "Traceback" not in short.output
    token = run("tokens", "create", "chief@example.nl", "--name", "nightly", "--scope",
                "deliveries")
    assert token.exit_code == 0 and "\nlt_" in token.output
    assert run("tokens", "revoke", "99").exit_code == 1
    assert run("users", "disable", "chief@example.nl").exit_code == 0
    listed = run("users", "list")
    assert "chief@example.nl\tadministrator\tdisabled" in listed.output
