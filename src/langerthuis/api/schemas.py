"""The shapes of the API's resources (and of the JSON downloads), as pydantic models: they
validate what the serialisers produce and document the API in OpenAPI."""
from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Organisation(BaseModel):
    id: str
    name: str
    abbreviation: str | None = None
    url: str | None = None


class Goal(BaseModel):
    id: str
    action_line: int
    number: int
    title: str
    title_en: str | None = None


class ActionLine(BaseModel):
    id: str
    programme: str
    number: int
    title: str
    title_en: str | None = None
    summary: str | None = None
    goals: list[Goal] = []


class Programme(BaseModel):
    id: str
    name: str
    name_en: str | None = None
    start_year: int
    end_year: int | None = None
    summary: str | None = None
    url: str | None = None
    partners: list[str] = []
    action_lines: list[ActionLine] = []


class Action(BaseModel):
    id: str
    programme: str
    action_line: int
    goal: int | None = None
    number: int
    title: str
    timeline: str | None = None
    milestone: str | None = None
    leads: list[str] = []
    leads_printed: str | None = None
    status: str


class Definition(BaseModel):
    from_edition: str
    from_year: int
    text: str
    change_note: str | None = None


class Indicator(BaseModel):
    id: str
    programme: str
    kind: str
    is_overall: bool
    action_line: int | None = None
    goal: int | None = None
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


class Measurement(BaseModel):
    id: str
    indicator: str
    value: float | None = None
    decimals: int | None = None
    reference_period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    reference_date: str | None = None
    sources: list[str] = []
    n: int | None = None
    qualifiers: list[str] = []
    notes: str | None = None
    source_location: str | None = None
    editions: list[str] = Field(default=[], description="The editions that show it.")


class Entry(BaseModel):
    indicator: str
    number: int
    title: str
    status: str
    measurement: str | None = None
    value: float | None = None
    printed: str | None = None
    source_location: str | None = None
    note: str | None = None


class Edition(BaseModel):
    id: str
    programme: str
    year: int
    title: str
    publication_date: str | None = None
    status: str
    publisher: str | None = None
    url: str | None = None
    entries: list[Entry] = []


class TableRow(BaseModel):
    dimensions: dict[str, str]
    value: float | None = None
    unit: str
    n: int | None = None
    qualifiers: list[str] = []
    printed: str | None = None


class Table(BaseModel):
    id: str
    edition: str | None = None
    measurement: str
    indicator: str
    number: int
    title: str
    unit: str
    decimals: int
    dimensions: list[str]
    notes: str | None = None
    source_location: str | None = None
    rows: list[TableRow] = []


class Person(BaseModel):
    name: str
    age: int | None = None
    role: str | None = None


class Story(BaseModel):
    id: str
    indicator: str
    edition: str
    title: str
    persons: list[Person] = []
    date: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    summary: str


class Initiative(BaseModel):
    id: str
    kind: str
    name: str | None = None
    indicator: str | None = None
    action_line: int | None = None
    municipality_code: str | None = None
    municipality_name: str | None = None
    year: int
    phase: str
    count: int
    attributes: dict[str, Any] = {}
    source_location: str | None = None


class Reference(BaseModel):
    id: str
    title: str
    organisation: str | None = None
    date: str | None = None
    date_text: str | None = None
    url: str | None = None
    indicators: list[str] = []


class QualityNote(BaseModel):
    id: str
    subject_type: str
    subject_id: str
    kind: str
    text: str
    locations: list[str] = []
    values: list[str] = []


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
