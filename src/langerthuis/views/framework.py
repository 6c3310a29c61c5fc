"""The programme: its action lines and goals, its partners, and the actions of the plan
with their leads (filterable by action line and lead), where each stands (the status of its
latest progress entry, with the date it refers to), its progress entries with their
sources, its governance and the plan's longer text on it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import model as m
from ..i18n import localised, translations
from ..formatting import format_period_date
from ..i18n.labels import PROGRESS_STATUSES, label
from ..store.dataset import Dataset
from .asof import progress_as_of


@dataclass(frozen=True)
class GoalView:
    number: int
    title: str


@dataclass(frozen=True)
class StatusCount:
    code: str  # a ProgressStatus value, for styling
    label: str
    count: int


@dataclass(frozen=True)
class LineView:
    number: int
    title: str
    summary: str
    goals: tuple[GoalView, ...]
    actions: int
    statuses: tuple[StatusCount, ...] = ()  # how many of its actions stand where


@dataclass(frozen=True)
class ProgressView:
    """One progress entry as a reader sees it."""
    date: str  # as precisely as the source dates it: "juni 2020"
    status_code: str
    status: str
    covid_19: bool
    summary: str
    source: str  # the source document's title
    source_url: str


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
    status: str  # where the action stands, in words
    id: str = ""
    status_code: str = "not_reported"
    status_date: str = ""  # the date the status refers to ("" when not reported)
    covid_19: bool = False  # its latest entry says COVID-19 delayed or changed it
    governance: str = ""
    annex_summary: str = ""
    progress: tuple[ProgressView, ...] = ()


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

    def get(self, action_id: str) -> ActionView | None:
        return next((a for a in self.actions if a.id == action_id), None)


def main_programme(data: Dataset) -> m.Programme | None:
    return next((p for p in data.programmes if p.id == "langer-thuis"),
                data.programmes[0] if data.programmes else None)


def status_counts(actions: list[m.Action], lang: str) -> tuple[StatusCount, ...]:
    """How many of `actions` stand where, in the order of the vocabulary."""
    found = Counter(a.status for a in actions)
    return tuple(StatusCount(code, label(PROGRESS_STATUSES, code, lang), found[code])
                 for code in PROGRESS_STATUSES if found[code])


def organisation_name(o: m.Organisation, lang: str) -> str:
    """"Vereniging van Nederlandse Gemeenten (VNG)", "MantelzorgNL (formerly Mezzo)"."""
    _ = translations(lang).gettext
    if o.former_name:
        return _("{name} (formerly {former})").format(name=o.name, former=o.former_name)
    if o.abbreviation and o.abbreviation != o.name:
        return f"{o.name} ({o.abbreviation})"
    return o.name


def programme_view(programme: m.Programme, lang: str) -> ProgrammeView:
    _ = translations(lang).gettext
    years = (f" ({programme.start_year}–{programme.end_year})" if programme.end_year else
             " (" + _("since {year}").format(year=programme.start_year) + ")")
    lines = tuple(LineView(
        al.number, localised(al.title, al.title_en, lang),
        localised(al.summary, al.summary_en, lang),
        tuple(GoalView(g.number, localised(g.title, g.title_en, lang)) for g in al.goals),
        len(al.actions), status_counts(al.actions, lang)) for al in programme.action_lines)
    partners = tuple(organisation_name(o, lang) for o in programme.partners)
    return ProgrammeView(programme.id, programme.name,
                         _("Programme {name}").format(name=programme.name) + years,
                         localised(programme.summary, programme.summary_en, lang), lines,
                         partners)


def actions_view(data: Dataset, programme: m.Programme, lang: str,
                 edition: m.Edition | None = None) -> ActionsView:
    """The programme's actions; with `edition`, their progress as that edition could have
    known it (a report shows nothing that came later)."""
    _ = translations(lang).gettext
    mine = [a for a in data.actions if a.programme_id == programme.id]
    mine.sort(key=lambda a: (a.action_line.number, a.number))
    known = {a.id: progress_as_of(data, a, edition) for a in mine}
    latest = {a.id: (known[a.id][-1] if known[a.id] else None) for a in mine}
    actions = tuple(ActionView(
        a.action_line.number, a.number, f"{a.action_line.number}.{a.number}",
        localised(a.title, a.title_en, lang),
        a.goal.number if a.goal else None,
        _("Goal {number}: {title}").format(number=a.goal.number, title=localised(
            a.goal.title, a.goal.title_en, lang)) if a.goal else "",
        localised(a.milestone, a.milestone_en, lang), localised(a.timeline, a.timeline_en, lang),
        a.leads_printed or "", tuple(o.id for o in a.leads),
        label(PROGRESS_STATUSES, _status(latest[a.id]), lang), a.id, _status(latest[a.id]),
        _when(latest[a.id], lang),
        bool(latest[a.id] and latest[a.id].covid_19),
        localised(a.governance, a.governance_en, lang),
        localised(a.annex_summary, a.annex_summary_en, lang),
        tuple(_progress(e, lang) for e in reversed(known[a.id]))) for a in mine)
    leads = sorted({o.id: o for a in mine for o in a.leads}.values(),
                   key=lambda o: o.name.lower())
    return ActionsView(actions, programme_view(programme, lang).lines,
                       tuple(Lead(o.id, o.name) for o in leads))


def _status(entry: m.ProgressEntry | None) -> str:
    """Where an action stands by its latest known entry (`not_reported` without one)."""
    return entry.status if entry else m.ProgressStatus.NOT_REPORTED.value


def _when(entry: m.ProgressEntry | None, lang: str) -> str:
    return format_period_date(entry.date, entry.date_precision, lang) if entry else ""


def _progress(entry: m.ProgressEntry, lang: str) -> ProgressView:
    """A progress entry for the reader; the latest comes first on the page."""
    return ProgressView(_when(entry, lang), entry.status,
                        label(PROGRESS_STATUSES, entry.status, lang), entry.covid_19,
                        localised(entry.summary, entry.summary_en, lang),
                        entry.reference.title, entry.reference.url or "")
