"""Accounts and roles: who may change the monitor, how they sign in (Argon2 passwords,
server-side sessions, CSRF tokens, a rate limit) and the API tokens of machine deliveries."""
from .roles import PERMISSIONS, ROLES, SCOPES, can
from .service import (AccountError, LoginRefused, Who, add_account, create_token, current,
                      disable_account, list_accounts, list_tokens, revoke_token, sign_in,
                      sign_out, token_holder)

__all__ = ["AccountError", "LoginRefused", "PERMISSIONS", "ROLES", "SCOPES", "Who",
           "add_account", "can", "create_token", "current", "disable_account",
           "list_accounts", "list_tokens", "revoke_token", "sign_in", "sign_out",
           "token_holder"]
