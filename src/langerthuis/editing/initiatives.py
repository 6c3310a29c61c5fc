"""Local initiatives delivered for a draft edition, checked with the content schema of
initiatives (`InitiativeSpec`) and the content's cross-checks: the kind, indicator and
action line exist, and the municipality's code is one of the year's registry (with its
name, where given). A partner delivers initiatives of the indicators assigned to it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .. import model as m
from ..content.schema import InitiativeSpec
from .records import Context, RecordKind, optional, text, whole_number
from .uploads import BASE, BASE_MEANING, Problem, not_yours, problem

INITIATIVE_COLUMNS = {
    "id": "the initiative's id; empty for a new one, as in the template to change one",
    "kind": "the kind of initiative (an id of the programme's kinds, e.g. network)",
    "name": "the initiative's name (optional)",
    "description": "a description in Dutch (optional, plain text)",
    "description_en": "the description in English (optional)",
    "indicator": "the id of the indicator it counts towards (required for partners)",
    "action_line": "the id of the action line (optional)",
    "municipality_code": "the municipality's CBS code in that year, e.g. GM0363 (optional)",
    "municipality_name": "the municipality's name (optional; checked against the code)",
    "year": "the year, e.g. 2022",
    "phase": "planned, started, running, completed, continued or unknown (optional)",
    "count": "how many, where the source gives no places (optional; 1 with a municipality)",
    "source_location": "where in the source it is mentioned (optional)",
    BASE: BASE_MEANING,
}


def _record(cells: dict[str, str], ctx: Context, line: int
            ) -> tuple[dict[str, Any], list[Problem]]:
    record: dict[str, Any] = optional(cells, "kind", "name", "description", "description_en",
                                      "indicator", "action_line", "municipality_code",
                                      "municipality_name", "phase", "source_location")
    problems: list[Problem] = []
    whole_number(cells, "year", line, record, problems)
    whole_number(cells, "count", line, record, problems)
    return record, problems


def _check(spec: InitiativeSpec, ctx: Context, line: int) -> list[Problem]:
    session, programme = ctx.session, ctx.edition.programme_id
    problems = []
    if session.get(m.InitiativeKind, spec.kind) is None:
        kinds = ", ".join(session.scalars(select(m.InitiativeKind.id).order_by(
            m.InitiativeKind.id)))
        problems.append(problem(line, "kind", "'{kind}' is not a kind of initiative; known "
                                "kinds: {kinds}.", kind=spec.kind, kinds=kinds))
    if spec.indicator is not None and spec.indicator not in ctx.entries:
        problems.append(problem(line, "indicator", "'{indicator}' is not an indicator of the "
                                "edition {year}; keep the ids of the template.",
                                indicator=spec.indicator, year=ctx.edition.year))
    elif not ctx.may_deliver_for(spec.indicator):
        problems.append(not_yours(line, "indicator", "'{indicator}' is not assigned to your "
                                  "organisation; name an indicator assigned to it.",
                                  indicator=spec.indicator or "-"))
    line_ = session.get(m.ActionLine, spec.action_line) if spec.action_line else None
    if spec.action_line and (line_ is None or line_.programme_id != programme):
        problems.append(problem(line, "action_line", "'{action_line}' is not an action line "
                                "of the programme.", action_line=spec.action_line))
    problems += _municipality(spec, ctx, line)
    return problems


def _municipality(spec: InitiativeSpec, ctx: Context, line: int) -> list[Problem]:
    """The code is one of the registry of the initiative's year, and the name its name."""
    if spec.municipality_code is None:
        if spec.municipality_name is not None:
            return [problem(line, "municipality_code", "Give the municipality's code with "
                            "its name, such as GM0363 for Amsterdam.")]
        return []
    problems = []
    if spec.count != 1:
        problems.append(problem(line, "count", "An initiative in one municipality has count "
                                "1; a higher count is for initiatives whose places the sources "
                                "do not give."))
    known = ctx.session.scalars(select(m.Municipality.year).distinct()).all()
    if spec.year not in known:
        years = f"{min(known)}-{max(known)}" if known else "-"
        return problems + [problem(line, "year", "There is no register of municipalities for "
                                   "{year} (it covers {years}); check the year.",
                                   year=spec.year, years=years)]
    found = ctx.session.get(m.Municipality, (spec.year, spec.municipality_code))
    if found is None:
        return problems + [problem(line, "municipality_code", "{code} is not a municipality "
                                   "in {year}; municipalities merge and change codes on 1 "
                                   "January, so take the code of that year.",
                                   code=spec.municipality_code, year=spec.year)]
    if spec.municipality_name and found.name and \
            spec.municipality_name.casefold() != found.name.casefold():
        problems.append(problem(line, "municipality_name", "{code} is {name} in {year}, not "
                                "'{given}'; correct the code or the name.",
                                code=found.code, name=found.name, year=spec.year,
                                given=spec.municipality_name))
    return problems


def _cells(initiative: m.Initiative) -> dict[str, str]:
    return {"id": initiative.id, "kind": initiative.kind, "name": text(initiative.name),
            "description": text(initiative.description),
            "description_en": text(initiative.description_en),
            "indicator": text(initiative.indicator_id),
            "action_line": text(initiative.action_line_id),
            "municipality_code": text(initiative.municipality_code),
            "municipality_name": text(initiative.municipality_name),
            "year": str(initiative.year), "phase": initiative.phase,
            "count": str(initiative.count), "source_location": text(initiative.source_location)}


def _values(spec: InitiativeSpec, edition: m.Edition) -> dict[str, Any]:
    values = spec.model_dump(exclude_none=True)
    for field in ("indicator", "action_line"):
        if field in values:
            values[f"{field}_id"] = values.pop(field)
    values["edition_id"] = edition.id
    return values


INITIATIVES = RecordKind(
    name="initiatives", subject="initiative", model=m.Initiative, spec=InitiativeSpec,
    columns=INITIATIVE_COLUMNS, required=("kind", "year"), shown="name", id_from="kind",
    record=_record, check=_check, cells=_cells, values=_values,
    mine=lambda initiative, ctx: ctx.may_deliver_for(initiative.indicator_id))
