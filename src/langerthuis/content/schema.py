"""The schema of the content files: one pydantic model per kind of record.

Every model forbids unknown keys, so a misspelt key is an error and not silently dropped.
Free text may not contain markup: the website and report escape and format text
themselves, and a tag in the content is almost always a copy-paste accident.
"""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from ..errors import Where
from ..model.vocabulary import (ActionStatus, ClaimMetric, Direction, EditionStatus, EntryStatus, Kind, Phase,
                                Qualifier, Unit)

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


def _plain(value: str) -> str:
    found = _MARKUP.search(value)
    if found:
        raise ValueError(f"contains markup {found.group(0)!r}; write plain text without HTML "
                         f"tags or entities")
    if not value.strip():
        raise ValueError("is empty; write some text or leave the key out")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("is not a web address; expected one starting with http:// or https://")
    return value


Text = Annotated[str, AfterValidator(_plain)]
Url = Annotated[str, AfterValidator(_url)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
MunicipalityCode = Annotated[str, Field(pattern=r"^GM\d{4}$")]


class Record(BaseModel):
    """A record read from a content file; remembers where it was read."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)
    _where: Where = PrivateAttr(default=Where("?"))

    @property
    def where(self) -> Where:
        return self._where


class OrganisationSpec(Record):
    id: Id
    name: Text
    abbreviation: Text | None = None
    url: Url | None = None


class GoalSpec(Record):
    id: Id
    number: int = Field(ge=1)
    title: Text
    title_en: Text | None = None


class ActionLineSpec(Record):
    id: Id
    number: int = Field(ge=1)
    title: Text
    title_en: Text | None = None
    summary: Text | None = None
    summary_en: Text | None = None
    goals: list[GoalSpec] = []


class ProgrammeSpec(Record):
    id: Id
    name: Text
    name_en: Text | None = None
    start_year: int = Field(ge=1990, le=2100)
    end_year: int | None = Field(default=None, ge=1990, le=2100)
    predecessor: Id | None = None
    summary: Text | None = None
    summary_en: Text | None = None
    url: Url | None = None
    partners: list[Id] = []


class ActionSpec(Record):
    id: Id
    number: int = Field(ge=1)
    title: Text
    action_line: Id
    goal: Id | None = None
    timeline: Text | None = None
    milestone: Text | None = None
    leads: list[Id] = []
    leads_printed: Text | None = None
    status: ActionStatus = ActionStatus.UNKNOWN
    source: Text | None = None


class DefinitionSpec(Record):
    from_edition: Id
    text: Text
    change_note: Text | None = None


class IndicatorSpec(Record):
    id: Id
    kind: Kind
    is_overall: bool = False
    action_line: Id | None = None
    goal: Id | None = None
    title: Text
    title_en: Text | None = None
    short_label: Text | None = None
    unit: Unit
    decimals: int = Field(default=0, ge=0, le=4)
    desired_direction: Direction
    direction_reason: Text
    description: Text | None = None
    source: Text | None = None
    definitions: list[DefinitionSpec] = []


class EntrySpec(Record):
    """What an edition shows for one indicator. `title` is the title printed in that
    edition; left out, it is the indicator's title."""

    indicator: Id
    number: int = Field(ge=1)
    title: Text | None = None
    status: EntryStatus
    measurement: Id | None = None
    printed: Text | None = None
    source_location: Text | None = None
    note: Text | None = None


class EditionSpec(Record):
    id: Id
    year: int = Field(ge=1990, le=2100)
    title: Text
    publication_date: dt.date | None = None
    status: EditionStatus
    publisher: Text | None = None
    url: Url | None = None
    entries: list[EntrySpec] = []


class ClaimSpec(Record):
    """A count stated in an edition's written reflection; `text` (Dutch) and `text_en`
    paraphrase it in our own words."""

    id: Id
    edition: Id
    metric: ClaimMetric
    action_lines: list[int] = []
    include_overall: bool = False
    kinds: list[Kind] = []
    value: int = Field(ge=0)
    of: int = Field(ge=1)
    text: Text
    text_en: Text | None = None
    source_location: Text | None = None


class RelationSpec(Record):
    """An arithmetic relation between cells of a table, per value of dimension `per`.

    - `product`: the product of the `factors` rows equals the `result` row.
    - `hours_to_fte`: the `hours` row divided by `hours_per_year` times `billable_share`
      gives the full-time equivalents the sources state in `stated` (per value of `per`).
    """

    id: Id
    kind: Annotated[str, Field(pattern=r"^(product|hours_to_fte)$")]
    table: Id
    per: str
    factors: list[Filter] = []
    result: Filter | None = None
    hours: Filter | None = None
    hours_per_year: float | None = Field(default=None, gt=0)
    billable_share: float | None = Field(default=None, gt=0, le=1)
    stated: dict[str, float] = {}
    stated_decimals: int = Field(default=1, ge=0, le=4)
    source_location: Text | None = None


class MeasurementSpec(Record):
    id: Id
    indicator: Id
    value: float | None = None
    decimals: int | None = Field(default=None, ge=0, le=4)
    reference_period: Text | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reference_date: dt.date | None = None
    sources: list[Text] = []
    n: int | None = Field(default=None, ge=0)
    qualifiers: list[Qualifier] = []
    notes: Text | None = None
    source_location: Text | None = None
    provenance: dict[str, Any] = {}


Filter = dict[str, str]


class DistributionSpec(Record):
    """Rows whose values are shares of one whole: among the rows matching `select` (and not
    `exclude`), for every combination of the other dimensions, the values over dimension
    `over` add up to 100."""

    over: str
    select: Filter = {}
    exclude: list[Filter] = []


class TableChecksSpec(Record):
    """What the analysis checks in a table: the row (or the sum of the rows) that matches the
    key figure, and the shares that make up a whole."""

    key_figure_row: Filter | None = None
    key_figure_sum: Filter | None = None
    distribution: DistributionSpec | None = None


class TableSpec(Record):
    """A breakdown table. `edition` is the edition that published it; a table we computed
    ourselves (see `langerthuis compute`) belongs to no edition."""

    id: Id
    measurement: Id
    edition: Id | None = None
    number: int = Field(ge=1)
    title: Text
    unit: Unit
    decimals: int = Field(default=0, ge=0, le=4)
    dimensions: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(min_length=1)
    file: str
    source_location: Text | None = None
    notes: Text | None = None
    checks: TableChecksSpec | None = None


class TableRowSpec(Record):
    """One row of a table's CSV file, after its dimension columns are set apart."""

    dimensions: dict[str, str]
    value: float | None = None
    unit: Unit
    n: int | None = Field(default=None, ge=0)
    qualifiers: list[Qualifier] = []
    printed: Text | None = None


class PersonSpec(Record):
    name: Text
    age: int | None = Field(default=None, ge=0, le=120)
    role: Text | None = None


class StorySpec(Record):
    id: Id
    indicator: Id
    edition: Id
    title: Text
    persons: list[PersonSpec] = []
    date: dt.date | None = None
    source_title: Text | None = None
    source_url: Url | None = None
    summary: Text


class InitiativeSpec(Record):
    id: Id
    kind: Id
    name: Text | None = None
    indicator: Id | None = None
    action_line: Id | None = None
    municipality_code: MunicipalityCode | None = None
    municipality_name: Text | None = None
    year: int = Field(ge=1990, le=2100)
    phase: Phase = Phase.UNKNOWN
    count: int = Field(default=1, ge=1)
    attributes: dict[str, Any] = {}
    source_location: Text | None = None


class ReferenceSpec(Record):
    id: Id
    title: Text
    organisation: Text | None = None
    date: dt.date | None = None
    date_text: Text | None = None
    url: Url | None = None
    indicators: list[Id] = []


class SubjectSpec(Record):
    type: Annotated[str, Field(pattern=r"^(programme|action_line|goal|action|indicator|edition|"
                                       r"edition_entry|measurement|table|story|initiative|"
                                       r"reference)$")]
    id: str


class QualityNoteSpec(Record):
    id: Id
    subject: SubjectSpec
    kind: Id
    text: Text  # Dutch, written for the public
    text_en: Text | None = None
    locations: list[Text] = []
    values: list[Text] = []
