"""The programme: its action lines and goals, its partners, and the actions of the plan
with their leads (filterable by action line and lead)."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..i18n import localised, translations
from ..i18n.labels import PROGRESS_STATUSES, label
from ..store.dataset import Dataset
from .values import date_text


@dataclass(frozen=True)
class GoalView:
    number: int
    title: str


@dataclass(frozen=True)
class LineView:
    number: int
    title: str
    summary: str
    goals: tuple[GoalView, ...]
    actions: int


@dataclass(frozen=True)
class ProgrammeView:
    id: str
    name: str
    heading: str  # "Programme Langer Thuis (2018–2021)"
    summary: str
    lines: tuple[LineView, ...]
    partners: tuple[str, ...]


@dataclass(frozen=True)
class ActionView:
    line_number: int
    number: int
    code: str  # "1.3"
    title: str
    goal_number: int | None
    goal: str  # "Goal 2: ..." or ""
    milestone: str
    timeline: str
    leads: str
    lead_ids: tuple[str, ...]
    status: str
    summary: str = ""  # what the action is about (the annex summary)
    progress: str = ""  # what the latest progress entry says
    progress_date: str = ""  # the date it refers to


@dataclass(frozen=True)
class Lead:
    id: str
    name: str


@dataclass(frozen=True)
class ActionsView:
    """All actions of the programme; `filtered` picks the ones a filter shows."""
    actions: tuple[ActionView, ...]
    lines: tuple[LineView, ...]
    leads: tuple[Lead, ...]

    def filtered(self, line: str | None, lead: str | None) -> tuple[ActionView, ...]:
        return tuple(a for a in self.actions
                     if (not line or str(a.line_number) == line)
                     and (not lead or lead in a.lead_ids))


def main_programme(data: Dataset) -> m.Programme | None:
    return next((p for p in data.programmes if p.id == "langer-thuis"),
                data.programmes[0] if data.programmes else None)


def programme_view(programme: m.Programme, lang: str) -> ProgrammeView:
    _ = translations(lang).gettext
    years = (f" ({programme.start_year}–{programme.end_year})" if programme.end_year else
             " (" + _("since {year}").format(year=programme.start_year) + ")")
    lines = tuple(LineView(
        al.number, localised(al.title, al.title_en, lang),
        localised(al.summary, al.summary_en, lang),
        tuple(GoalView(g.number, localised(g.title, g.title_en, lang)) for g in al.goals),
        len(al.actions)) for al in programme.action_lines)
    partners = tuple(o.name + (f" ({o.abbreviation})" if o.abbreviation and
                               o.abbreviation != o.name else "") for o in programme.partners)
    return ProgrammeView(programme.id, programme.name,
                         _("Programme {name}").format(name=programme.name) + years,
                         localised(programme.summary, programme.summary_en, lang), lines,
                         partners)


def _latest(action: m.Action, lang: str) -> tuple[str, str]:
    """What the latest progress entry says, and the date it refers to."""
    x = action.latest_progress
    if x is None:
        return "", ""
    return (localised(x.summary, x.summary_en, lang),
            date_text(x.date, lang, x.date_precision))


def actions_view(data: Dataset, programme: m.Programme, lang: str) -> ActionsView:
    _ = translations(lang).gettext
    mine = [a for a in data.actions if a.programme_id == programme.id]
    mine.sort(key=lambda a: (a.action_line.number, a.number))
    actions = tuple(ActionView(
        a.action_line.number, a.number, f"{a.action_line.number}.{a.number}",
        localised(a.title, a.title_en, lang),
        a.goal.number if a.goal else None,
        _("Goal {number}: {title}").format(number=a.goal.number, title=localised(
            a.goal.title, a.goal.title_en, lang)) if a.goal else "",
        localised(a.milestone, a.milestone_en, lang) or "",
        localised(a.timeline, a.timeline_en, lang) or "", a.leads_printed or "",
        tuple(o.id for o in a.leads), label(PROGRESS_STATUSES, a.status, lang),
        localised(a.annex_summary, a.annex_summary_en, lang) or "",
        *_latest(a, lang)) for a in mine)
    leads = sorted({o.id: o for a in mine for o in a.leads}.values(),
                   key=lambda o: o.name.lower())
    return ActionsView(actions, programme_view(programme, lang).lines,
                       tuple(Lead(o.id, o.name) for o in leads))
