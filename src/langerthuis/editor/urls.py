"""The editor pages' addresses in Dutch and English (as the public site's, under /beheer
and /en/manage)."""
from __future__ import annotations

from urllib.parse import urlencode

#: page -> path per language; {…} parts are filled from the parameters.
ROUTES = {
    "sign_in": {"nl": "/beheer/inloggen", "en": "/en/manage/sign-in"},
    "sign_out": {"nl": "/beheer/uitloggen", "en": "/en/manage/sign-out"},
    "overview": {"nl": "/beheer", "en": "/en/manage"},
    "accounts": {"nl": "/beheer/accounts", "en": "/en/manage/accounts"},
    "disable": {"nl": "/beheer/accounts/uitschakelen", "en": "/en/manage/accounts/disable"},
    "tokens": {"nl": "/beheer/tokens", "en": "/en/manage/tokens"},
    "revoke": {"nl": "/beheer/tokens/intrekken", "en": "/en/manage/tokens/revoke"},
    "audit": {"nl": "/beheer/logboek", "en": "/en/manage/audit"},
    "audit_csv": {"nl": "/beheer/logboek.csv", "en": "/en/manage/audit.csv"},
    "editions": {"nl": "/beheer/edities", "en": "/en/manage/editions"},
    "edition": {"nl": "/beheer/edities/{edition_id}", "en": "/en/manage/editions/{edition_id}"},
    "template": {"nl": "/beheer/edities/{edition_id}/sjabloon.{fmt}",
                 "en": "/en/manage/editions/{edition_id}/template.{fmt}"},
    "record_template": {"nl": "/beheer/edities/{edition_id}/sjablonen/{kind}.{fmt}",
                        "en": "/en/manage/editions/{edition_id}/templates/{kind}.{fmt}"},
    "table_template": {"nl": "/beheer/edities/{edition_id}/tabellen/{table}.{fmt}",
                       "en": "/en/manage/editions/{edition_id}/tables/{table}.{fmt}"},
    "deliver": {"nl": "/beheer/edities/{edition_id}/aanleveren",
                "en": "/en/manage/editions/{edition_id}/deliver"},
    "publish": {"nl": "/beheer/edities/{edition_id}/publiceren",
                "en": "/en/manage/editions/{edition_id}/publish"},
    "assign": {"nl": "/beheer/toewijzingen", "en": "/en/manage/assignments"},
    "preview": {"nl": "/beheer/voorbeeld/{year}", "en": "/en/manage/preview/{year}"},
    "preview_indicator": {"nl": "/beheer/voorbeeld/{year}/indicator/{id}",
                          "en": "/en/manage/preview/{year}/indicator/{id}"},
    "preview_report": {"nl": "/beheer/voorbeeld/{year}/rapport.{fmt}",
                       "en": "/en/manage/preview/{year}/report.{fmt}"},
    "revise": {"nl": "/beheer/herzien", "en": "/en/manage/revise"},
    "preview_chart": {"nl": "/beheer/voorbeeld/grafiek/{id}.{fmt}",
                      "en": "/en/manage/preview/chart/{id}.{fmt}"},
}


#: A kind of delivered record -> its name in the editor's addresses per language.
KIND_SLUGS = {"stories": {"nl": "verhalen", "en": "stories"},
              "progress": {"nl": "voortgang", "en": "progress"},
              "initiatives": {"nl": "initiatieven", "en": "initiatives"}}


def kind_of(slug: str, lang: str) -> str | None:
    """The kind of record an address names, or None."""
    return next((k for k, s in KIND_SLUGS.items() if s[lang] == slug), None)


def editor_url(page: str, lang: str, params: dict | None = None, **query) -> str:
    """The address of an editor page: `params` fill the path, `query` the query string."""
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    path = ROUTES[page][lang].format(**(params or {}))
    return path + ("?" + urlencode(clean) if clean else "")


