"""The public addresses of the site in its two languages, shared by the website, the static
export and the HTML report: Dutch is the default, every page has an English twin under /en, and
query parameters have a name in each language."""
from __future__ import annotations

from urllib.parse import urlencode

#: page name -> path per language; {…} parts are filled from the parameters.
ROUTES = {
    "home": {"nl": "/", "en": "/en/"},
    "dashboard": {"nl": "/monitor/{year}", "en": "/en/monitor/{year}"},
    "indicator": {"nl": "/indicator/{id}", "en": "/en/indicator/{id}"},
    "programme": {"nl": "/programma", "en": "/en/programme"},
    "programme_of": {"nl": "/programma/{programme}", "en": "/en/programme/{programme}"},
    "actions_of": {"nl": "/programma/{programme}/acties",
                   "en": "/en/programme/{programme}/actions"},
    "introduction": {"nl": "/inleiding", "en": "/en/introduction"},
    "actions": {"nl": "/acties", "en": "/en/actions"},
    "action": {"nl": "/acties/{id}", "en": "/en/actions/{id}"},
    "map": {"nl": "/kaart", "en": "/en/map"},
    "municipalities": {"nl": "/gemeenten", "en": "/en/municipalities"},
    "municipality": {"nl": "/gemeente/{id}", "en": "/en/municipality/{id}"},
    "reflection": {"nl": "/beschouwing/{year}", "en": "/en/reflection/{year}"},
    "search": {"nl": "/zoeken", "en": "/en/search"},
    "about": {"nl": "/over", "en": "/en/about"},
    "accessibility": {"nl": "/toegankelijkheid", "en": "/en/accessibility"},
    "privacy": {"nl": "/privacy", "en": "/en/privacy"},
    "methods": {"nl": "/verantwoording/{year}", "en": "/en/methods/{year}"},
    "housing": {"nl": "/wonen", "en": "/en/housing"},
    "report": {"nl": "/rapport/{year}.{fmt}", "en": "/en/report/{year}.{fmt}"},
    "chart": {"nl": "/grafiek/{id}.{fmt}", "en": "/en/chart/{id}.{fmt}"},
    "changes": {"nl": "/wat-is-er-veranderd/{year}", "en": "/en/what-changed/{year}"},
    "feed": {"nl": "/feed.xml", "en": "/en/feed.xml"},
    "embed_chart": {"nl": "/embed/grafiek/{id}", "en": "/en/embed/chart/{id}"},
    "embed_indicator": {"nl": "/embed/indicator/{id}", "en": "/en/embed/indicator/{id}"},
    "embed_municipality": {"nl": "/embed/gemeente/{id}", "en": "/en/embed/municipality/{id}"},
    "feed_of": {"nl": "/programma/{programme}/feed.xml",
                "en": "/en/programme/{programme}/feed.xml"},
}

#: Query parameters: English name (used in code) -> Dutch name.
PARAMETERS = {"action_line": "actielijn", "lead": "trekker", "year": "jaar", "kind": "soort",
              "table": "tabel", "q": "q", "edition": "editie", "sort": "sorteer",
              "province": "provincie", "view": "weergave"}


def parameter(name: str, lang: str) -> str:
    """The name of query parameter `name` (English) on pages in `lang`."""
    return PARAMETERS[name] if lang == "nl" else name


def url(page: str, lang: str, query: dict | None = None, **params) -> str:
    """The address of `page` in `lang`; `query` uses the English parameter names."""
    path = ROUTES[page][lang].format(**params)
    clean = {parameter(k, lang): v for k, v in (query or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
