"""Rendering the report: HTML by Jinja2, PDF by WeasyPrint (page numbers, running headers,
internal links and a bookmark per indicator come from the print stylesheet)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import formatting
from .. import model as m
from ..analysis import analyse_edition
from ..analysis.reflection import PHRASES, reflect
from ..store import queries
from ..web import pages
from ..web.i18n import translator

HERE = Path(__file__).resolve().parent


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader([HERE / "templates", HERE.parent / "web" / "templates"]),
                      autoescape=select_autoescape(["html"]))
    env.filters["number"] = formatting.format_number
    env.filters["date"] = formatting.format_date
    env.filters["reason"] = lambda code, lang: PHRASES[lang]["reasons"].get(code, code)
    return env


def report_context(session: Session, edition_ref: str, lang: str) -> dict:
    analysis = analyse_edition(session, edition_ref)
    edition = session.get(m.Edition, analysis.edition_id)
    dashboard = pages.dashboard(session, edition.year, lang)
    earlier = [pages.dashboard(session, e.year, lang) for e in queries.editions(session)
               if e.programme_id == edition.programme_id and e.year < edition.year]
    analyses: dict = {}
    indicators = [pages.indicator(session, e.indicator_id, lang, upto=edition.year,
                                  analyses=analyses)
                  for e in sorted(edition.entries, key=lambda e: e.number)]
    actions = list(session.scalars(select(m.Action).where(
        m.Action.programme_id == edition.programme_id).order_by(m.Action.action_line_id,
                                                               m.Action.number)))
    map_view = pages.map_view(session, edition.year, None, None, None, lang)
    return {"edition": edition, "programme": edition.programme, "analysis": analysis,
            "dashboard": dashboard, "earlier": sorted(earlier, key=lambda d: -d["edition"].year),
            "indicators": indicators, "reflection": reflect(analysis, lang),
            "actions": actions, "map": map_view, "lang": lang, "t": translator(lang),
            "css": (HERE / "templates" / "report.css").read_text(encoding="utf-8")}


def report_html(session: Session, edition_ref: str, lang: str = "nl") -> str:
    context = report_context(session, edition_ref, lang)
    return _environment().get_template("report.html").render(**context)


def report_pdf(session: Session, edition_ref: str, lang: str = "nl") -> bytes:
    from weasyprint import HTML  # imported here: it needs the Pango system library
    return HTML(string=report_html(session, edition_ref, lang), base_url=str(HERE)).write_pdf()
