"""Stories delivered for a draft edition: narratives of its narrative indicators, checked
with the content schema of stories (`StorySpec`); one person per row at most."""
from __future__ import annotations

from typing import Any

from .. import model as m
from ..content.schema import StorySpec
from ..model.vocabulary import Kind
from .records import Context, RecordKind, optional, text, whole_number
from .uploads import BASE, BASE_MEANING, Problem, not_yours, problem

STORY_COLUMNS = {
    "id": "the story's id; empty for a new story, as in the template to change one",
    "indicator": "the id of the narrative indicator the story belongs to",
    "title": "the title, in Dutch",
    "title_en": "the title, in English (optional)",
    "summary": "the story in our own words, in Dutch (plain text)",
    "summary_en": "the story in our own words, in English (optional)",
    "date": "the date of the story, YYYY-MM-DD (optional)",
    "person_name": "the person's name (optional; or a role)",
    "person_age": "the person's age, a whole number (optional)",
    "person_role": "the person's role where the story names no one, in Dutch (optional)",
    "person_role_en": "that role in English (optional)",
    "source_title": "the title of the source (optional)",
    "source_url": "the web address of the source, https://... (optional)",
    BASE: BASE_MEANING,
}
PERSON = {"person_name": "name", "person_age": "age", "person_role": "role",
          "person_role_en": "role_en"}


def _record(cells: dict[str, str], ctx: Context, line: int
            ) -> tuple[dict[str, Any], list[Problem]]:
    record: dict[str, Any] = {"indicator": cells.get("indicator", ""),
                              "edition": ctx.edition.id,
                              **optional(cells, "title", "title_en", "summary", "summary_en",
                                         "date", "source_title", "source_url")}
    problems: list[Problem] = []
    person: dict[str, Any] = {}
    whole_number(cells, "person_age", line, person, problems)
    if "person_age" in person:
        person["age"] = person.pop("person_age")
    person.update({PERSON[c]: v for c, v in optional(cells, "person_name", "person_role",
                                                      "person_role_en").items()})
    if person:
        record["persons"] = [person]
    return record, problems


def _check(spec: StorySpec, ctx: Context, line: int) -> list[Problem]:
    entry = ctx.entries.get(spec.indicator)
    if entry is None:
        return [problem(line, "indicator", "'{indicator}' is not an indicator of the edition "
                        "{year}; keep the ids of the template.", indicator=spec.indicator,
                        year=ctx.edition.year)]
    if entry.indicator.kind != Kind.NARRATIVE:
        return [problem(line, "indicator", "Stories belong to narrative indicators; "
                        "'{indicator}' is not one.", indicator=spec.indicator)]
    if not ctx.may_deliver_for(spec.indicator):
        return [not_yours(line, "indicator", "'{indicator}' is not assigned to your "
                          "organisation; ask the editors to assign it.",
                          indicator=spec.indicator)]
    return []


def _cells(story: m.Story) -> dict[str, str]:
    person = story.persons[0] if story.persons else {}
    return {"id": story.id, "indicator": story.indicator_id, "title": story.title,
            "title_en": text(story.title_en), "summary": story.summary,
            "summary_en": text(story.summary_en),
            "date": story.date.isoformat() if story.date else "",
            **{c: text(person.get(f)) for c, f in PERSON.items()},
            "source_title": text(story.source_title), "source_url": text(story.source_url)}


def _values(spec: StorySpec, edition: m.Edition) -> dict[str, Any]:
    values = spec.model_dump(exclude_none=True)
    values["indicator_id"] = values.pop("indicator")
    values["edition_id"] = values.pop("edition")
    return values


STORIES = RecordKind(
    name="stories", subject="story", model=m.Story, spec=StorySpec, columns=STORY_COLUMNS,
    required=("indicator", "title", "summary"), shown="summary", id_from="indicator",
    record=_record, check=_check, cells=_cells, values=_values,
    mine=lambda story, ctx: ctx.may_deliver_for(story.indicator_id),
    column_of={f"persons.{f}": c for c, f in PERSON.items()} | {"persons": "person_name",
                                                                 "edition": "indicator"})
