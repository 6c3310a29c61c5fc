"""The Jinja2 environment every HTML output renders with: the interface catalogue through
Jinja2's i18n extension, Dutch and English number and date filters, and the partial
templates that the website and the report share (`partials/`)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import formatting
from ..config import site_operator
from ..i18n import translations

PARTIALS = Path(__file__).resolve().parent / "partials"


@cache
def environment(lang: str, folder: Path) -> Environment:
    """Templates of `folder` (and the shared partials) in the language `lang`."""
    env = Environment(loader=FileSystemLoader([folder, PARTIALS]),
                      autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"], undefined=StrictUndefined)
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.filters["number"] = lambda value, decimals=0: formatting.format_number(
        value, decimals, lang)
    env.filters["date"] = lambda value: formatting.format_date(value, lang)
    env.globals["lang"] = lang
    env.globals["locale"] = formatting.LOCALES[lang]
    env.globals["operator"] = site_operator()  # who runs this site (environment variables)
    return env
