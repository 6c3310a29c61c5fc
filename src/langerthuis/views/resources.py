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
    former_name: str | None = None
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
    predecessor: str | None = Field(None, validation_alias="predecessor_id",
                                    description="the programme this one succeeds")
    summary: str | None = None
    summary_en: str | None = None
    url: str | None = None
    partners: Annotated[list[str], BeforeValidator(lambda xs: [_id(x) for x in xs])] = []
    action_lines: list[ActionLine] = []


class ProgressEntry(Resource):
    """What one source says about an action at one date; `source` is a reference's id."""

    id: str
    date: dt.date
    date_precision: str = "day"
    status: str
    covid_19: bool = False
    summary: str
    summary_en: str
    source: Ref = Field(validation_alias="reference")
    source_location: str | None = None


class Action(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    action_line: Number
    goal: Number = None
    number: int
    title: str
    title_en: str | None = None
    timeline: str | None = None
    timeline_en: str | None = None
    milestone: str | None = None
    milestone_en: str | None = None
    leads: Annotated[list[str], BeforeValidator(lambda xs: [_id(x) for x in xs])] = []
    leads_printed: str | None = None
    governance: str | None = None
    governance_en: str | None = None
    annex_summary: str | None = None
    annex_summary_en: str | None = None
    annex_location: str | None = None
    status: str = Field(description="the status of the latest progress entry; "
                                    "'not_reported' when no source speaks of the action")
    status_date: dt.date | None = Field(None, description="the date the status refers to")
    progress: list[ProgressEntry] = []


class Definition(Resource):
    from_edition: str = Field(validation_alias="from_edition_id")
    from_year: int
    title: str | None = None
    title_en: str | None = None
    text: str
    text_en: str | None = None
    change_note: str | None = None
    change_note_en: str | None = None


class Continuation(Resource):
    id: str
    continues: str = Field(validation_alias="continues_id",
                           description="the indicator of an earlier programme it carries on")
    note: str | None = None
    note_en: str | None = None
    source_location: str | None = None


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
    short_label_en: str | None = None
    unit: str
    decimals: int
    desired_direction: str
    direction_reason: str
    direction_reason_en: str | None = None
    description: str | None = None
    description_en: str | None = None
    source: str | None = None
    definitions: list[Definition] = []
    continues: list[Continuation] = Field(
        default=[], validation_alias="continuations",
        description="indicators of an earlier programme this one carries on")


class Revision(Resource):
    """A correction of a published figure: the value before and after, when and why."""
    revised_on: dt.date
    old_value: float | None = None
    new_value: float | None = None
    reason: str


class Measurement(Resource):
    id: str
    indicator: str = Field(validation_alias="indicator_id")
    value: float | None = None
    decimals: int | None = None
    reference_period: str | None = None
    reference_period_en: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reference_date: dt.date | None = None
    sources: list[str] = []
    n: int | None = None
    qualifiers: list[str] = []
    notes: str | None = None
    notes_en: str | None = None
    source_location: str | None = None
    editions: list[str] = Field(default=[], description="The editions that show it.")
    revisions: list[Revision] = Field(default=[], description=(
        "Corrections after publication, oldest first; the first one's old_value is the "
        "value as first published."))


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
    note_en: str | None = None


class Edition(Resource):
    id: str
    programme: str = Field(validation_alias="programme_id")
    year: int
    title: str
    title_en: str | None = None
    publication_date: dt.date | None = None
    status: str
    publisher: str | None = None
    url: str | None = None
    entries: list[Entry] = []
    reflection_references: Annotated[list[str], BeforeValidator(lambda v: v or [])] = Field(
        [], description="the ids of the references of the edition's reflection")


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
    title_en: str | None = None
    unit: str
    decimals: int
    dimensions: list[str]
    labels_en: dict[str, dict[str, str]] = Field(
        default={}, description="The English words for the values of each dimension.")
    notes: str | None = None
    notes_en: str | None = None
    source_location: str | None = None
    rows: list[TableRow] = []


class Person(Resource):
    name: str | None = None
    age: int | None = None
    role: str | None = None
    role_en: str | None = None


class Story(Resource):
    id: str
    indicator: str = Field(validation_alias="indicator_id")
    edition: str = Field(validation_alias="edition_id")
    title: str
    title_en: str | None = None
    persons: list[Person] = []
    date: dt.date | None = None
    source_title: str | None = None
    source_url: str | None = None
    summary: str
    summary_en: str | None = None


class InitiativeKind(Resource):
    id: str
    name: str
    name_en: str | None = None


class Initiative(Resource):
    id: str
    kind: str
    name: str | None = None
    description: str | None = None
    description_en: str | None = None
    indicator: str | None = Field(default=None, validation_alias="indicator_id")
    action_line: Number = None
    municipality_code: str | None = None
    municipality_name: str | None = None
    year: int
    phase: str
    count: int
    attributes: dict[str, Any] = {}
    source_location: str | None = None


def _round(x: Any) -> Any:
    return round(x) if isinstance(x, float) else x


#: A count of people: summed from postcodes, some shared over merged municipalities by
#: area, so rounded to whole people.
People = Annotated[int | None, BeforeValidator(_round)]


class Residents(Resource):
    """Residents on 1 January of `population_year`, within the municipality's boundaries."""
    total: People
    aged_75: People = Field(description="aged 75 or over")
    aged_85: People = Field(description="aged 85 or over")
    share_75: float | None = Field(description="percentage of residents aged 75 or over")
    share_85: float | None = Field(description="percentage of residents aged 85 or over")


class Municipality(Resource):
    """A municipality of the latest registry year with what the monitor knows about it."""
    id: str = Field(validation_alias="code", description="CBS code, e.g. GM0363")
    name: str
    slug: str
    year: int = Field(description="the year whose boundaries it has")
    province: str | None = None
    ggd_region: str | None = None
    care_office_region: str | None = None
    shrinking_region: str | None = None
    predecessors: list[str] = Field(description="municipalities merged into it since the "
                                                "population year")
    population_year: int | None = None
    residents: Residents | None = None
    support_ratio: float | None = Field(
        description="people aged 50-74 per person aged 85+ (own computation from CBS data)")
    support_ratio_recomputed: bool = Field(
        description="recomputed from residents for boundaries that changed since then")
    initiatives: Ids = []
    similar: list[str] = Field(description="codes of similar municipalities: same size "
                                           "class, closest share aged 75+")


class Reference(Resource):
    id: str
    title: str
    organisation: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_text_en: str | None = None
    url: str | None = None
    indicators: Ids = []
    from_edition: str | None = Field(None, validation_alias="from_edition_id",
                                     description="the first edition that cites it")


class QualityNote(Resource):
    id: str
    subject_type: str
    subject_id: str
    kind: str
    text: str
    text_en: str | None = None
    locations: list[str] = []
    values: list[str] = []
    from_edition: str | None = Field(None, validation_alias="from_edition_id",
                                     description="the first edition the note holds for")


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


class HousingProgress(Resource):
    """An area (the country, a province or a municipality) and a category of homes (or
    `all`) against its target. `target_kind` says whether an area's target is official or
    our estimate (proportional to residents aged 75+); `synthetic` whether the deliveries
    behind `planned` and `realised` are synthetic."""

    level: str
    code: str
    name: str | None = None
    province_code: str | None = None
    category: str
    target: int | None = None
    target_kind: str | None = None
    planned: int
    realised: int
    share_realised: float | None = None
    share_planned_or_realised: float | None = None
    remaining: int | None = None
    pace_needed: float | None = None
    synthetic: bool


class HousingYear(Resource):
    category: str
    year: int
    planned: int
    realised: int
    realised_cumulative: int
    synthetic: bool


class HousingDisagreement(Resource):
    """What linked sources said differently about one project, and what counts."""

    project: int
    name: str | None = None
    municipality_code: str
    category: str
    field: str
    chosen: str
    source: str
    values: dict[str, str]
    synthetic: bool


class HousingImport(Resource):
    source: str
    file_name: str
    records: int
    imported_at: str
    synthetic: bool


class HousingTargetCategory(Resource):
    category: str
    homes: int
    source_location: str | None = None


class HousingTarget(Resource):
    """The national target as the content gives it (content/housing/targets.yaml): at least
    `homes` homes for older people among the `homes_built` built up to and including
    `target_year`, split into categories."""

    id: str
    programme: str
    target_year: int
    homes: int
    homes_built: int | None = None
    title: str
    title_en: str | None = None
    summary: str | None = None
    summary_en: str | None = None
    source_location: str | None = None
    categories: list[HousingTargetCategory]


class HousingMonitor(Resource):
    """The housing target and the progress towards it in the country as a whole."""

    target: HousingTarget
    target_kind: str | None = None
    categories: list[str]
    reference_year: int | None = None
    years_left: int | None = None
    synthetic: bool
    has_deliveries: bool
    national: list[HousingProgress]
    years: list[HousingYear]
    imports: list[HousingImport]
    disagreement_count: int
    review_count: int


class LicenceInfo(Resource):
    id: str
    title: str
    title_en: str
    url: str
    spdx: str | None = None


class SourceInfo(Resource):
    id: str
    title: str
    organisation: str
    url: str | None = None
    licence: LicenceInfo | None = Field(None, description="None where the source states no "
                                        "licence")
    programmes: list[str]
    resources: list[str] = Field(description="The downloads made from this source")
    licence_note: str | None = Field(None, description="The licence in the source's words")


class EditionInfo(Resource):
    id: str
    year: int
    title: str
    title_en: str
    publication_date: dt.date | None = None
    url: str | None = None


class ProgrammeInfo(Resource):
    id: str
    name: str
    name_en: str
    start_year: int
    end_year: int | None = None
    editions: list[EditionInfo] = Field(description="Its published editions, oldest first")


class DatasetInfo(Resource):
    """What the open data says about itself: title, publisher, contact point, licences,
    coverage and sources (content file catalogue.yaml and the editions)."""
    id: str
    title: str
    title_en: str
    description: str
    description_en: str
    publisher: str
    publisher_url: str | None = None
    contact_name: str
    contact_email: str | None = None
    contact_url: str | None = None
    licence: LicenceInfo
    licences: list[LicenceInfo]
    themes: list[str]
    keywords: list[str]
    keywords_en: list[str]
    coverage: str = Field(description="The programmes, their years and editions, in Dutch")
    coverage_en: str
    programmes: list[ProgrammeInfo]
    first_year: int | None = None
    last_year: int | None = None
    issued: dt.date | None = Field(None, description="The first publication of an edition")
    modified: dt.date | None = Field(None, description="The last publication or revision")
    sources: list[SourceInfo]

    @model_validator(mode="before")
    @classmethod
    def _coverage(cls, value: Any) -> Any:
        if hasattr(value, "coverage") and callable(value.coverage):
            fields = {k: getattr(value, k) for k in cls.model_fields
                      if k not in ("coverage", "coverage_en")}
            return {**fields, "coverage": value.coverage("nl"),
                    "coverage_en": value.coverage("en")}
        return value


class CiteAs(Resource):
    text: str = Field(description="The citation as a sentence: publisher, title, edition, "
                      "date, permalink and date of access")
    csl: dict[str, Any] = Field(description="The same as CSL-JSON (one item)")
    bibtex: str


class CitationInfo(Resource):
    """How to cite an indicator or a table, in Dutch and English, accessed today."""
    nl: CiteAs
    en: CiteAs
