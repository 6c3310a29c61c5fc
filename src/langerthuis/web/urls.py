"""The website's addresses in its two languages: Dutch is the default, every page has an
English twin under /en, and query parameters have a name in each language."""
from __future__ import annotations

from urllib.parse import urlencode

#: page name -> path per language; {…} parts are filled from the parameters.
ROUTES = {
    "home": {"nl": "/", "en": "/en/"},
    "dashboard": {"nl": "/monitor/{year}", "en": "/en/monitor/{year}"},
    "indicator": {"nl": "/indicator/{id}", "en": "/en/indicator/{id}"},
    "programme": {"nl": "/programma", "en": "/en/programme"},
    "introduction": {"nl": "/inleiding", "en": "/en/introduction"},
    "actions": {"nl": "/acties", "en": "/en/actions"},
    "map": {"nl": "/kaart", "en": "/en/map"},
    "reflection": {"nl": "/beschouwing/{year}", "en": "/en/reflection/{year}"},
    "search": {"nl": "/zoeken", "en": "/en/search"},
    "about": {"nl": "/over", "en": "/en/about"},
    "methods": {"nl": "/verantwoording/{year}", "en": "/en/methods/{year}"},
    "report": {"nl": "/rapport/{year}.{fmt}", "en": "/en/report/{year}.{fmt}"},
}

#: Query parameters: English name (used in code) -> Dutch name.
PARAMETERS = {"action_line": "actielijn", "lead": "trekker", "year": "jaar", "kind": "soort",
              "table": "tabel", "q": "q", "edition": "editie", "sort": "sorteer"}


def parameter(name: str, lang: str) -> str:
    """The name of query parameter `name` (English) on pages in `lang`."""
    return PARAMETERS[name] if lang == "nl" else name


def url(page: str, lang: str, query: dict | None = None, **params) -> str:
    """The address of `page` in `lang`; `query` uses the English parameter names."""
    path = ROUTES[page][lang].format(**params)
    clean = {parameter(k, lang): v for k, v in (query or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
