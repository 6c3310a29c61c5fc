"""Progress entries delivered for a draft edition: what a source says about an action,
checked with the content schema of progress entries (`ProgressEntrySpec`, its status
vocabulary) and the content's cross-checks (the action and the source exist; the date is
the last day of its period). A partner delivers progress of the actions its organisation
leads (the plan's trekker)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .. import model as m
from ..content.schema import ProgressEntrySpec
from ..content.validate import period_end
from .records import Context, RecordKind, optional, text
from .uploads import BASE, BASE_MEANING, Problem, not_yours, problem

PROGRESS_COLUMNS = {
    "id": "the entry's id; empty for a new entry, as in the template to change one",
    "action": "the id of the action",
    "date": "the date the source speaks of, YYYY-MM-DD: the last day of that day, month or year",
    "date_precision": "day, month or year (optional; day when empty)",
    "status": "started, on_schedule, delayed or completed",
    "covid_19": "yes where COVID-19 delayed or changed the work, else no (optional)",
    "summary": "what the source says, in our own words, in Dutch (plain text)",
    "summary_en": "the same in English",
    "source": "the id of the source document (a reference of the programme)",
    "source_location": "where in the source, e.g. page 4 (optional)",
    BASE: BASE_MEANING,
}
YES, NO = {"yes", "ja", "true", "1"}, {"no", "nee", "false", "0", ""}


def _record(cells: dict[str, str], ctx: Context, line: int
            ) -> tuple[dict[str, Any], list[Problem]]:
    record: dict[str, Any] = optional(cells, "action", "date", "date_precision", "status",
                                      "summary", "summary_en", "source", "source_location")
    problems = []
    covid = cells.get("covid_19", "").lower()
    if covid in YES | NO:
        record["covid_19"] = covid in YES
    else:
        problems.append(problem(line, "covid_19", "Write yes or no."))
    return record, problems


def _check(spec: ProgressEntrySpec, ctx: Context, line: int) -> list[Problem]:
    action = ctx.session.get(m.Action, spec.action)
    if action is None or action.programme_id != ctx.edition.programme_id:
        return [problem(line, "action", "'{action}' is not an action of the programme; use "
                        "the ids of the programme's actions.", action=spec.action)]
    problems = []
    if ctx.organisation is not None and ctx.organisation not in {o.id for o in action.leads}:
        problems.append(not_yours(line, "action", "'{action}' is not led by your "
                                  "organisation; ask the editors to deliver it.",
                                  action=spec.action))
    if ctx.session.get(m.Reference, spec.source) is None:
        problems.append(problem(line, "source", "'{source}' is not a known source document; "
                                "use the id of one of the programme's references.",
                                source=spec.source))
    end = period_end(spec.date, spec.date_precision)
    if spec.date != end:
        problems.append(problem(line, "date", "{date} is not the last day of its "
                                "{precision}; write {end}.", date=spec.date.isoformat(),
                                precision=str(spec.date_precision), end=end.isoformat()))
    return problems


def _cells(entry: m.ProgressEntry) -> dict[str, str]:
    return {"id": entry.id, "action": entry.action_id, "date": entry.date.isoformat(),
            "date_precision": entry.date_precision, "status": entry.status,
            "covid_19": text(entry.covid_19), "summary": entry.summary,
            "summary_en": entry.summary_en, "source": entry.reference_id,
            "source_location": text(entry.source_location)}


def _values(spec: ProgressEntrySpec, edition: m.Edition) -> dict[str, Any]:
    values = spec.model_dump(exclude_none=True)
    values["action_id"] = values.pop("action")
    values["reference_id"] = values.pop("source")
    values["edition_id"] = edition.id
    return values


def led_by(session, organisation: str) -> set[str]:
    """The actions an organisation leads."""
    return set(session.scalars(select(m.action_lead.c.action_id).where(
        m.action_lead.c.organisation_id == organisation)))


PROGRESS = RecordKind(
    name="progress", subject="progress_entry", model=m.ProgressEntry, spec=ProgressEntrySpec,
    columns=PROGRESS_COLUMNS, required=("action", "date", "status", "summary", "summary_en",
                                        "source"),
    shown="status", id_from="action", record=_record, check=_check, cells=_cells,
    values=_values,
    mine=lambda entry, ctx: ctx.organisation is None
    or entry.action_id in led_by(ctx.session, ctx.organisation))
