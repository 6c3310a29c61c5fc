"""The resources of the API and of the JSON downloads, read from the domain objects
(`from_attributes`): each field is declared here once, with where it comes from, so the
OpenAPI document describes exactly what is sent."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (AliasPath, BaseModel, BeforeValidator, ConfigDict, Field,
                      model_validator)

T = TypeVar("T")


def _id(x: Any) -> Any:
    return getattr(x, "id", x)


def _number(x: Any) -> Any:
    return getattr(x, "number", x)


def _ids(xs: Any) -> Any:
    return sorted(_id(x) for x in xs) if xs is not None else []


#: A reference to another object by its id.
Ref = Annotated[str, BeforeValidator(_id)]
#: An action line or goal by its number within its programme.
Number = Annotated[int | None, BeforeValidator(_number)]
Ids = Annotated[list[str], BeforeValidator(_ids)]


class Resource(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class Organisation(Resource):
    id: str
    name: str
    abbreviation: str | None = None
    url: str | None = None


class Goal(Resource):
    id: str
    action_line: Number
    number: int
    title: str
    title_en: str | None = None


class ActionLine(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    number: int
    title: str
    title_en: str | None = None
    summary: str | None = None
    summary_en: str | None = None
    goals: list[Goal] = []


class Programme(Resource):
    id: str
    name: str
    name_en: str | None = None
    start_year: int
    end_year: int | None = None
    summary: str | None = None
    summary_en: str | None = None
    url: str | None = None
    partners: Annotated[list[str], BeforeValidator(lambda xs: [_id(x) for x in xs])] = []
    action_lines: list[ActionLine] = []


class Action(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    action_line: Number
    goal: Number = None
    number: int
    title: str
    timeline: str | None = None
    milestone: str | None = None
    leads: Annotated[list[str], BeforeValidator(lambda xs: [_id(x) for x in xs])] = []
    leads_printed: str | None = None
    status: str


class Definition(Resource):
    from_edition: str = Field(validation_alias="from_edition_id")
    from_year: int
    text: str
    change_note: str | None = None


class Indicator(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    kind: str
    is_overall: bool
    action_line: Number = None
    goal: Number = None
    title: str
    title_en: str | None = None
    short_label: str | None = None
    unit: str
    decimals: int
    desired_direction: str
    direction_reason: str
    description: str | None = None
    source: str | None = None
    definitions: list[Definition] = []


class Measurement(Resource):
    id: str
    indicator: str = Field(validation_alias="indicator_id")
    value: float | None = None
    decimals: int | None = None
    reference_period: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reference_date: dt.date | None = None
    sources: list[str] = []
    n: int | None = None
    qualifiers: list[str] = []
    notes: str | None = None
    source_location: str | None = None
    editions: list[str] = Field(default=[], description="The editions that show it.")


class Entry(Resource):
    indicator: str = Field(validation_alias="indicator_id")
    number: int
    title: str
    status: str
    measurement: str | None = Field(default=None, validation_alias="measurement_id")
    value: float | None = Field(default=None, validation_alias=AliasPath("measurement", "value"))
    printed: str | None = None
    source_location: str | None = None
    note: str | None = None


class Edition(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    year: int
    title: str
    publication_date: dt.date | None = None
    status: str
    publisher: str | None = None
    url: str | None = None
    entries: list[Entry] = []


class TableRow(Resource):
    dimensions: dict[str, str]
    value: float | None = None
    unit: str
    n: int | None = None
    qualifiers: list[str] = []
    printed: str | None = None


class Table(Resource):
    id: str
    edition: str | None = Field(default=None, validation_alias="edition_id")
    measurement: str = Field(validation_alias="measurement_id")
    indicator: str = Field(validation_alias=AliasPath("measurement", "indicator_id"))
    number: int
    title: str
    unit: str
    decimals: int
    dimensions: list[str]
    notes: str | None = None
    source_location: str | None = None
    rows: list[TableRow] = []


class Person(Resource):
    name: str
    age: int | None = None
    role: str | None = None


class Story(Resource):
    id: str
    indicator: str = Field(validation_alias="indicator_id")
    edition: str = Field(validation_alias="edition_id")
    title: str
    persons: list[Person] = []
    date: dt.date | None = None
    source_title: str | None = None
    source_url: str | None = None
    summary: str


class Initiative(Resource):
    id: str
    kind: str
    name: str | None = None
    indicator: str | None = Field(default=None, validation_alias="indicator_id")
    action_line: Number = None
    municipality_code: str | None = None
    municipality_name: str | None = None
    year: int
    phase: str
    count: int
    attributes: dict[str, Any] = {}
    source_location: str | None = None


class Reference(Resource):
    id: str
    title: str
    organisation: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    url: str | None = None
    indicators: Ids = []


class QualityNote(Resource):
    id: str
    subject_type: str
    subject_id: str
    kind: str
    text: str
    text_en: str | None = None
    locations: list[str] = []
    values: list[str] = []


class Claim(Resource):
    """A count stated in an edition's own reflection (in the whole-dataset download)."""
    id: str
    edition: str = Field(validation_alias="edition_id")
    metric: str
    action_lines: list[int] = []
    include_overall: bool = False
    kinds: list[str] = []
    value: int
    of: int
    text: str
    text_en: str | None = None
    source_location: str | None = None


class Fact(Resource):
    label: str
    label_en: str | None = None
    value: float | None = None
    unit: str
    decimals: int = 0
    printed: str | None = None
    period: str | None = None
    period_en: str | None = None
    reference_date: dt.date | None = None
    n: int | None = None
    qualifiers: list[str] = []
    source_location: str | None = None


class Finding(Resource):
    """Figures an edition gives in the text of an indicator's section, or one of its
    numbered figures with the values its text gives (`figure_values`: all, some, none)."""
    id: str
    indicator: str = Field(validation_alias="indicator_id")
    edition: str = Field(validation_alias="edition_id")
    title: str
    title_en: str | None = None
    figure: int | None = None
    figure_values: str | None = None
    chart: bool = False
    source: str | None = None
    n: int | None = None
    notes: str | None = None
    notes_en: str | None = None
    source_location: str | None = None
    facts: list[Fact] = []


class ReflectionPoint(Resource):
    """One claim of an edition's published reflection, in our own words."""
    id: str
    edition: str = Field(validation_alias="edition_id")
    section: str
    text: str
    text_en: str | None = None
    indicators: list[str] = []
    source_location: str | None = None


class IntroSection(Resource):
    """A part of the monitor's introductory matter, in our own words."""
    id: str
    programme: str = Field(validation_alias="programme_id")
    title: str
    title_en: str | None = None
    text: str
    text_en: str | None = None
    source_location: str | None = None


class Relation(Resource):
    """An arithmetic relation between cells of a table; its operands (`per`, `factors`,
    `result`, ...) are further fields, as in the content's relations.yaml."""
    model_config = ConfigDict(from_attributes=True, frozen=True, extra="allow")
    id: str
    kind: str
    table: str
    source_location: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _operands(cls, x: Any) -> Any:
        if hasattr(x, "definition"):
            return {"id": x.id, "kind": x.kind, "table": x.table_id,
                    **dict(x.definition or {}), "source_location": x.source_location}
        return x


class Meta(BaseModel):
    total: int
    limit: int
    offset: int


class Links(BaseModel):
    self: str
    next: str | None = None
    prev: str | None = None


class Page(BaseModel, Generic[T]):
    data: list[T]
    meta: Meta
    links: Links


class Item(BaseModel, Generic[T]):
    data: T


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class Error(BaseModel):
    error: ErrorBody


class Analysis(BaseModel):
    programme: str
    edition: str
    year: int
    previous_edition: str | None = None
    previous_year: int | None = None
    indicators: list[dict[str, Any]]
    summary: dict[str, Any]
    action_lines: dict[str, Any]
    kinds: dict[str, Any]
    published_claims: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    quality_notes: list[dict[str, Any]]
