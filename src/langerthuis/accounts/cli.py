"""`langerthuis users ...` and `langerthuis tokens ...`: accounts and API tokens from the
command line (for the first administrator, and for scripts)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine

from ..config import load_settings
from ..store import make_engine, upgrade
from .roles import ROLES, SCOPES
from .service import (AccountError, add_account, create_token, disable_account,
                      list_accounts, revoke_token)


@contextmanager
def _store(database_url: str | None) -> Iterator[Engine]:
    """The database, its schema up to date; an AccountError ends the command with its
    message (exit code 1), and no connection outlives the command."""
    engine = make_engine(database_url or load_settings().database_url)
    try:
        upgrade(engine)
        yield engine
    except AccountError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    finally:
        engine.dispose()


def _database_option(f):
    return click.option("--database", "database_url", default=None,
                        help="SQLAlchemy database URL (default: LANGERTHUIS_DATABASE_URL or "
                        "SQLite in LANGERTHUIS_DATA_DIR).")(f)


@click.group()
def users() -> None:
    """Accounts of editors, publishers, administrators and partners."""


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(list(ROLES)), required=True)
@click.option("--organisation", default=None,
              help="For a partner: the organisation's id (content/organisations.yaml).")
@click.option("--name", default=None, help="The person's name, as shown to other editors.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input instead of asking for it.")
@_database_option
def users_add(email: str, role: str, organisation: str | None, name: str | None,
              password_stdin: bool, database_url: str | None) -> None:
    """Add an account. The password is asked for (twice) unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _store(database_url) as engine:
        who = add_account(engine, email, role, password, organisation=organisation, name=name)
    click.echo(f"Added {who.email} as {who.role}"
               + (f" of {who.organisation_id}." if who.organisation_id else "."))


@users.command("disable")
@click.argument("email")
@_database_option
def users_disable(email: str, database_url: str | None) -> None:
    """Disable an account: its sessions and tokens stop working at once."""
    with _store(database_url) as engine:
        disable_account(engine, email)
    click.echo(f"Disabled {email.strip().lower()}.")


@users.command("list")
@_database_option
def users_list(database_url: str | None) -> None:
    with _store(database_url) as engine:
        for who, disabled in list_accounts(engine):
            org = f" ({who.organisation_id})" if who.organisation_id else ""
            state = "disabled" if disabled else "enabled"
            click.echo(f"{who.email}\t{who.role}{org}\t{state}")


@click.group()
def tokens() -> None:
    """API tokens for machine deliveries."""


@tokens.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Where the token is used.")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(list(SCOPES)),
              required=True)
@_database_option
def tokens_create(email: str, name: str, scopes: tuple[str, ...],
                  database_url: str | None) -> None:
    """Create a token for the account of EMAIL; it is printed once and not kept."""
    with _store(database_url) as engine:
        secret, token_id = create_token(engine, email, name, list(scopes))
    click.echo(f"Token {token_id} (keep it now; it is not shown again):")
    click.echo(secret)


@tokens.command("revoke")
@click.argument("token_id", type=int)
@_database_option
def tokens_revoke(token_id: int, database_url: str | None) -> None:
    with _store(database_url) as engine:
        revoke_token(engine, token_id)
    click.echo(f"Revoked token {token_id}.")
