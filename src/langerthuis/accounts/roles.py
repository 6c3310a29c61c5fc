"""Roles and what each may do. A partner is the account of a delivering organisation and
is limited to what is assigned to that organisation."""
from __future__ import annotations

from ..i18n import N_

#: role -> its name for people (translated where shown).
ROLES = {
    "administrator": N_("administrator"),
    "editor": N_("editor"),
    "publisher": N_("publisher"),
    "partner": N_("partner"),
}

#: permission -> the roles that have it.
PERMISSIONS = {
    "manage_accounts": {"administrator"},
    "view_audit": {"administrator"},
    "edit_drafts": {"administrator", "editor"},
    "preview_drafts": {"administrator", "editor", "publisher"},
    "publish": {"administrator", "publisher"},
    "deliver": {"administrator", "editor", "partner"},
}

#: API token scope -> what it allows.
SCOPES = {
    "deliveries": N_("deliver figures, tables, stories, progress and initiatives"),
    "drafts": N_("read draft editions"),
}


def can(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]
