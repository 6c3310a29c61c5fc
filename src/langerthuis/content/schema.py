"""The schema of the content files: one pydantic model per kind of record.

Every model forbids unknown keys, so a misspelt key is an error and not silently dropped.
Free text may not contain markup: the website and report escape and format text
themselves, and a tag in the content is almost always a copy-paste accident.

Types are strict, as the content is read by `load` and by `import` alike: a number is not
text ("65") nor a boolean (`true`), a boolean is not a number, and numbers are finite. Each
value must also fit where the database keeps it: text no longer than its column, integers
within the column's range (`limits.INT32_MAX`, or tighter where the domain says so), and no
characters a database or spreadsheet refuses (control characters, lone surrogates).
"""
from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      PrivateAttr, Strict, model_validator)

from ..errors import Where
from ..model.vocabulary import (ClaimMetric, DatePrecision, Direction, EditionStatus, EntryStatus,
                                FigureValues, HousingCategory, Kind, Phase, ProgressStatus,
                                Qualifier, ReflectionSection, Unit)
from .limits import (INT32_MAX, INT64_MAX, INT64_MIN, MAX_DEPTH, MAX_FREE_FORM_ITEMS,
                     MAX_PRINTED_NUMBER, MAX_PROSE, MAX_RECORDS)

#: Markup of any kind, also a tag left open (`<svg/onload=alert(1)`): a `<` directly
#: followed by a letter, `/`, `!` or `?` (also an autolink `<javascript:...>`); character
#: entities; markdown links and images (`[text](javascript:...)`). A script address in plain
#: words links nowhere: the outputs escape text and never make links of it.
_MARKUP = re.compile(r"<[/!?]?[a-zA-Z!?]|&[a-zA-Z][a-zA-Z0-9]*;|&#[0-9]+;|&#[xX][0-9a-fA-F]+;"
                     r"|\[[^\]\n]*\]\s*\(")
_URL = re.compile(r"^https?://[^\s<>\"]+$")
#: Characters no text may hold: C0 controls but tab and newline (PostgreSQL refuses NUL, a
#: spreadsheet refuses the others, a lone carriage return breaks a CSV row), DEL, and lone
#: surrogates (not UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
#: Characters that change what a text shows without being seen: bidirectional controls (a
#: right-to-left override turns "cod.exe" into what looks like "exe.doc"), zero-width
#: spaces and joiners, invisible fillers and line separators.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                        "\u034f\u115f\u1160\u3164\uffa0\ufff9-\ufffb]")


def _clean(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"contains the control character {found.group(0)!r} at position "
                         f"{found.start()}; remove it")
    found = _INVISIBLE.search(value)
    if found:
        raise ValueError(f"contains the invisible character U+{ord(found.group(0)):04X} at "
                         f"position {found.start()} (a bidirectional or zero-width control "
                         "character, which changes what the text shows); remove it")
    return value


def _no_markup(value: str) -> str:
    found = _MARKUP.search(value)
    if found:
        start = found.start()
        close = value.find(">", start, start + 40) if value[start] == "<" else -1
        shown = value[start:close + 1] if close >= 0 else value[start:start + 40]
        raise ValueError(f"contains markup {shown!r}; write "
                         "plain text without HTML tags, entities or markdown links (the "
                         "outputs format text themselves)")
    return value


def _plain(value: str) -> str:
    _clean(value)
    _no_markup(value)
    if not value.strip():
        raise ValueError("is empty; write some text or leave the key out")
    return value


def _cell(value: str) -> str:
    return _no_markup(_clean(value))


def _trimmed(value: Any) -> Any:
    """An id or code as written: spaces around it are a typing error, not part of it."""
    if isinstance(value, str) and value != value.strip():
        raise ValueError(f"has spaces around it ({value!r}); write it without them: "
                         f"{value.strip()!r}")
    return value


def _url(value: str) -> str:
    if not _URL.match(value) or _CONTROL.search(value):
        raise ValueError("is not a web address; expected one starting with http:// or https://")
    return value


def _date(value: Any) -> Any:
    """A date, or text written as YYYY-MM-DD (as in JSON); not a date and time, nor a
    number of seconds; within the years content can speak of (`EARLIEST_DATE` to
    `LATEST_DATE`; validate.py narrows this per kind of date)."""
    if isinstance(value, dt.datetime):
        raise ValueError("is a date and time; expected a date written as YYYY-MM-DD")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"is not an existing date ({exc})") from None
    if not isinstance(value, dt.date):
        raise ValueError("is not a date; expected a date written as YYYY-MM-DD")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"is outside the dates content speaks of; expected a date from "
                         f"{EARLIEST_DATE} to {LATEST_DATE}")
    return value


#: The dates any content may hold: the monitor speaks of the years around its programmes
#: (Year allows 1990 to 2100); a date before 1900 is a typing error (0001-01-01, 1899-12-31).
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def _free_form(value: dict[str, Any]) -> dict[str, Any]:
    """A free-form value stored as one JSON cell: JSON's own types only (no dates), finite
    numbers, integers of 64 bits, a few levels deep and of a bounded size."""
    count = 0

    def walk(x: Any, path: str, depth: int) -> None:
        nonlocal count
        count += 1
        if count > MAX_FREE_FORM_ITEMS:
            raise ValueError(f"holds more than {MAX_FREE_FORM_ITEMS:,} values")
        if depth > MAX_FREE_FORM_DEPTH:
            raise ValueError(f"nests more than {MAX_FREE_FORM_DEPTH} levels deep (at {path})")
        at = f" (at {path})" if path else ""
        if x is None or isinstance(x, bool):
            return
        if isinstance(x, int):
            if not INT64_MIN <= x <= INT64_MAX:
                raise ValueError(f"holds the integer {x}{at}, outside the range of a signed "
                                 "64-bit integer")
        elif isinstance(x, float):
            if x != x or x in (float("inf"), float("-inf")):
                raise ValueError(f"holds {x}{at}; expected a finite number")
        elif isinstance(x, str):
            try:
                _cell(x)
            except ValueError as exc:
                raise ValueError(f"{at.strip()} {exc}".strip()) from None
        elif isinstance(x, list):
            for i, item in enumerate(x):
                walk(item, f"{path}[{i}]", depth + 1)
        elif isinstance(x, dict):
            for k, item in x.items():
                if not isinstance(k, str):
                    raise ValueError(f"has the key {k!r}{at}; keys are text")
                walk(item, f"{path}.{k}" if path else k, depth + 1)
        else:
            kind = "a date" if isinstance(x, dt.date) else type(x).__name__
            raise ValueError(f"holds {kind}{at}; expected text, a number, true/false, a "
                             "list or a mapping (write a date in quotes)")

    walk(value, "", 0)
    return value


#: Levels of a free-form value ({a: {b: [1]}} has 3).
MAX_FREE_FORM_DEPTH = min(MAX_DEPTH, 5)


def _text(max_length: int | None = None) -> Any:
    return Annotated[str, Strict(), Field(max_length=max_length), AfterValidator(_plain)]


def _int(ge: int, le: int) -> Any:
    return Annotated[int, Strict(), Field(ge=ge, le=le)]


#: Free text: prose of a few paragraphs (MAX_PROSE), or shorter where its database column is.
Text = _text(MAX_PROSE)
Text100, Text200, Text300, Text500 = _text(100), _text(200), _text(300), _text(500)
Url = Annotated[str, Strict(), Field(max_length=500), AfterValidator(_url)]
Id = Annotated[str, BeforeValidator(_trimmed), Strict(),
               Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
MunicipalityCode = Annotated[str, BeforeValidator(_trimmed), Strict(),
                             Field(pattern=r"^GM\d{4}$", max_length=6)]
#: A dimension of a table: a column name of its CSV file.
Dimension = Annotated[str, BeforeValidator(_trimmed), Strict(),
                      Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
#: A cell of a table's dimension column (empty is the total over that dimension).
Cell = Annotated[str, Strict(), Field(max_length=300), AfterValidator(_cell)]
#: A number as printed in an edition: of an action line, goal, action, indicator or table.
Number = _int(1, MAX_PRINTED_NUMBER)
Year = _int(1990, 2100)
Decimals = _int(0, 4)
#: A count kept in a 32-bit database column (respondents, initiatives, claimed counts).
Count = _int(0, INT32_MAX)
Float = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Bool = Annotated[bool, Strict()]
Date = Annotated[dt.date, BeforeValidator(_date)]
FreeForm = Annotated[dict[str, Any], AfterValidator(_free_form)]


def List(item: Any) -> Any:  # noqa: N802 - reads as a type
    """A list of at most `MAX_RECORDS` items."""
    return Annotated[list[item], Field(max_length=MAX_RECORDS)]


class Record(BaseModel):
    """A record read from a content file; remembers where it was read."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False,
                              allow_inf_nan=False)
    _where: Where = PrivateAttr(default=Where("?"))

    @property
    def where(self) -> Where:
        return self._where


class OrganisationSpec(Record):
    id: Id
    name: Text300
    abbreviation: _text(64) | None = None
    #: The name the organisation had before (MantelzorgNL was called Mezzo).
    former_name: Text200 | None = None
    url: Url | None = None


class GoalSpec(Record):
    id: Id
    number: Number
    title: Text500
    title_en: Text500 | None = None


class ActionLineSpec(Record):
    id: Id
    number: Number
    title: Text300
    title_en: Text300 | None = None
    summary: Text | None = None
    summary_en: Text | None = None
    goals: List(GoalSpec) = []


class ProgrammeSpec(Record):
    id: Id
    name: Text200
    name_en: Text200 | None = None
    start_year: Year
    end_year: Year | None = None
    predecessor: Id | None = None
    summary: Text | None = None
    summary_en: Text | None = None
    url: Url | None = None
    partners: List(Id) = []


class ActionSpec(Record):
    """An action of the plan. `governance` says which body discusses it and
    `annex_summary` summarises the plan's longer text on it, both in our own words, with
    `annex_location` where that text stands."""

    id: Id
    number: Number
    title: Text500
    title_en: Text500 | None = None
    action_line: Id
    goal: Id | None = None
    timeline: Text300 | None = None
    timeline_en: Text300 | None = None
    milestone: Text | None = None
    milestone_en: Text | None = None
    leads: List(Id) = []
    leads_printed: Text500 | None = None
    source: Text300 | None = None
    governance: Text | None = None
    governance_en: Text | None = None
    annex_summary: Text | None = None
    annex_summary_en: Text | None = None
    annex_location: Text300 | None = None


def _reported(value: ProgressStatus) -> ProgressStatus:
    if value == ProgressStatus.NOT_REPORTED:
        raise ValueError("'not_reported' is what an action without progress entries shows; "
                         "an entry says what a source reports: started, on_schedule, delayed "
                         "or completed")
    return value


class ProgressEntrySpec(Record):
    """What one source says about one action at one date (`<programme>/progress.yaml`).
    `date` is the last day of the day, month or year (`date_precision`) the source speaks
    of; `source` is the id of the source document in references.yaml; `summary` (Dutch)
    and `summary_en` (English) say it in our own words; `covid_19` is true where the source
    says COVID-19 delayed or changed the work."""

    id: Id
    action: Id
    date: Date
    date_precision: DatePrecision = DatePrecision.DAY
    status: Annotated[ProgressStatus, AfterValidator(_reported)]
    covid_19: Bool = False
    summary: Text
    summary_en: Text
    source: Id
    source_location: Text300 | None = None
    edition: Id | None = None  # delivered for this (draft) edition; public once it is published


class ContinuationSpec(Record):
    """An indicator of this programme that carries on an indicator of an earlier programme
    (`<programme>/continuity.yaml`): `note` (Dutch) and `note_en` (English) say for the
    public how far the two series compare; `source_location` where the sources tie them."""

    id: Id
    indicator: Id
    continues: Id
    note: Text
    note_en: Text
    source_location: Text300 | None = None


class DefinitionSpec(Record):
    from_edition: Id
    title: Text500 | None = None  # the indicator's title under this definition
    title_en: Text500 | None = None
    text: Text
    text_en: Text | None = None
    change_note: Text | None = None
    change_note_en: Text | None = None


class IndicatorSpec(Record):
    id: Id
    kind: Kind
    is_overall: Bool = False
    action_line: Id | None = None
    goal: Id | None = None
    title: Text500
    title_en: Text500 | None = None
    short_label: Text300 | None = None
    short_label_en: Text300 | None = None
    unit: Unit
    decimals: Decimals = 0
    desired_direction: Direction
    direction_reason: Text
    direction_reason_en: Text | None = None
    description: Text | None = None
    description_en: Text | None = None
    source: Text300 | None = None
    definitions: List(DefinitionSpec) = []


class EntrySpec(Record):
    """What an edition shows for one indicator. `title` is the title printed in that
    edition; left out, it is the indicator's title."""

    indicator: Id
    number: Number
    title: Text500 | None = None
    status: EntryStatus
    measurement: Id | None = None
    printed: Text100 | None = None
    source_location: Text300 | None = None
    note: Text | None = None
    note_en: Text | None = None


class EditionSpec(Record):
    id: Id
    year: Year
    title: Text300
    title_en: Text300 | None = None
    publication_date: Date | None = None
    status: EditionStatus
    publisher: Text200 | None = None
    url: Url | None = None
    entries: List(EntrySpec) = []
    reflection_references: List(Id) = []  # the references of its reflection (Beschouwing)


class ClaimSpec(Record):
    """A count stated in an edition's written reflection; `text` (Dutch) and `text_en`
    paraphrase it in our own words."""

    id: Id
    edition: Id
    metric: ClaimMetric
    action_lines: List(Number) = []
    include_overall: Bool = False
    kinds: List(Kind) = []
    value: Count
    of: _int(1, INT32_MAX)
    text: Text
    text_en: Text | None = None
    source_location: Text300 | None = None


class RelationSpec(Record):
    """An arithmetic relation between cells of a table, per value of dimension `per`.

    - `product`: the product of the `factors` rows equals the `result` row.
    - `hours_to_fte`: the `hours` row divided by `hours_per_year` times `billable_share`
      gives the full-time equivalents the sources state in `stated` (per value of `per`).
    """

    id: Id
    kind: Annotated[str, Strict(), Field(pattern=r"^(product|hours_to_fte)$", max_length=20)]
    table: Id
    per: Dimension
    factors: List(Filter) = []
    result: Filter | None = None
    hours: Filter | None = None
    hours_per_year: Annotated[Float, Field(gt=0)] | None = None
    billable_share: Annotated[Float, Field(gt=0, le=1)] | None = None
    stated: Annotated[dict[Cell, Float], Field(max_length=MAX_RECORDS)] = {}
    stated_decimals: Decimals = 1
    source_location: Text300 | None = None


class RevisionSpec(Record):
    """A correction of a published figure (made by an editor; kept in the content when it is
    exported, so that a load does not lose it)."""

    revised_on: Date
    old_value: Float | None = None
    new_value: Float | None = None
    reason: Text
    actor: Text300 | None = None


class MeasurementSpec(Record):
    id: Id
    indicator: Id
    value: Float | None = None
    decimals: Decimals | None = None
    reference_period: Text100 | None = None
    reference_period_en: Text100 | None = None
    period_start: Date | None = None
    period_end: Date | None = None
    reference_date: Date | None = None
    sources: List(Text) = []
    n: Count | None = None
    qualifiers: List(Qualifier) = []
    notes: Text | None = None
    notes_en: Text | None = None
    source_location: Text300 | None = None
    provenance: FreeForm = {}
    revisions: List(RevisionSpec) = []

    @model_validator(mode="after")
    def _revisions_end_at_the_value(self):
        if self.revisions and self.revisions[-1].new_value != self.value:
            raise ValueError(f"the last revision's new_value ({self.revisions[-1].new_value}) "
                             f"differs from value ({self.value}); they must agree")
        return self


#: Rows of a table, by the values of some of its dimensions.
Filter = Annotated[dict[Dimension, Cell], Field(max_length=64)]


class DistributionSpec(Record):
    """Rows whose values are shares of one whole: among the rows matching `select` (and not
    `exclude`), for every combination of the other dimensions, the values over dimension
    `over` add up to 100."""

    over: Dimension
    select: Filter = {}
    exclude: List(Filter) = []


class TableExceptionSpec(Record):
    """A rule of arithmetic the published table really breaks (`check` holds every table to
    them): `rule` is `unit` (the table's unit differs from its indicator's), `row_unit` (a
    row's unit differs from the table's), `distribution` (the shares do not add up to 100)
    or `parts` (a part is more than its total); `note` and `note_en` say it for the reader,
    who sees it with the table; `source_location` is where the source prints it."""

    rule: Annotated[str, Strict(), Field(pattern=r"^(unit|row_unit|distribution|parts)$",
                                         max_length=20)]
    note: Text500
    note_en: Text500
    source_location: Text300


class TableChecksSpec(Record):
    """What the analysis checks in a table: the row (or the sum of the rows) that matches the
    key figure, and the shares that make up a whole; and the exceptions to the rules of
    arithmetic that the published table makes."""

    key_figure_row: Filter | None = None
    key_figure_sum: Filter | None = None
    distribution: DistributionSpec | None = None
    exceptions: Annotated[list[TableExceptionSpec], Field(min_length=1, max_length=4)] | None = None


class TableSpec(Record):
    """A breakdown table. `edition` is the edition that published it; a table we computed
    ourselves (see `langerthuis compute`) belongs to no edition."""

    id: Id
    measurement: Id
    edition: Id | None = None
    number: Number
    title: Text500
    title_en: Text500 | None = None
    unit: Unit
    decimals: Decimals = 0
    dimensions: list[Dimension] = Field(min_length=1, max_length=64)
    file: Annotated[str, Strict(), Field(min_length=1, max_length=300), AfterValidator(_clean)]
    source_location: Text300 | None = None
    notes: Text | None = None
    notes_en: Text | None = None
    #: The English words for the values of each dimension, where a value has words
    #: (`{sex: {Mannen: Men}}`); values without letters (years, marks) need none.
    labels_en: Annotated[dict[Dimension, Annotated[dict[Cell, Text300], Field(max_length=MAX_RECORDS)]],
                         Field(max_length=64)] = {}
    checks: TableChecksSpec | None = None


class TableRowSpec(Record):
    """One row of a table's CSV file, after its dimension columns are set apart."""

    dimensions: Filter
    value: Float | None = None
    unit: Unit
    n: Count | None = None
    qualifiers: List(Qualifier) = []
    printed: Text100 | None = None


class PersonSpec(Record):
    """A person in a story: by name, or by role where the story names no one (Cora's
    mother)."""

    name: Text300 | None = None
    age: _int(0, 120) | None = None
    role: Text300 | None = None
    role_en: Text300 | None = None

    @model_validator(mode="after")
    def _named(self) -> PersonSpec:
        if self.name is None and self.role is None:
            raise ValueError("a person needs a name, or a role where the story names no one")
        return self


class StorySpec(Record):
    id: Id
    indicator: Id
    edition: Id
    title: Text300
    title_en: Text300 | None = None
    persons: List(PersonSpec) = []
    date: Date | None = None
    source_title: Text300 | None = None
    source_url: Url | None = None
    summary: Text
    summary_en: Text | None = None


class InitiativeKindSpec(Record):
    """A kind of local initiative (pilot, network, ...), in words in both languages."""

    id: Id
    name: Text200
    name_en: Text200 | None = None


class InitiativeSpec(Record):
    id: Id
    kind: Id
    name: Text300 | None = None
    description: Text | None = None
    description_en: Text | None = None
    indicator: Id | None = None
    action_line: Id | None = None
    municipality_code: MunicipalityCode | None = None
    municipality_name: Text200 | None = None
    year: Year
    phase: Phase = Phase.UNKNOWN
    count: _int(1, INT32_MAX) = 1
    attributes: FreeForm = {}
    source_location: Text300 | None = None
    edition: Id | None = None  # delivered for this (draft) edition; public once it is published


class ReferenceSpec(Record):
    id: Id
    title: Text500
    organisation: Text300 | None = None
    date: Date | None = None
    date_text: Text100 | None = None
    date_text_en: Text100 | None = None
    url: Annotated[Url, Field(max_length=1000)] | None = None
    indicators: List(Id) = []
    from_edition: Id | None = None  # the first edition that cites it


class SubjectSpec(Record):
    type: Annotated[str, Field(pattern=r"^(programme|action_line|goal|action|progress_entry|indicator|edition|"
                                       r"edition_entry|measurement|table|story|initiative|"
                                       r"reference|finding)$"), Strict()]
    id: Annotated[str, BeforeValidator(_trimmed), Strict(), Field(min_length=1, max_length=64),
                  AfterValidator(_clean)]


class QualityNoteSpec(Record):
    id: Id
    subject: SubjectSpec
    kind: Annotated[Id, Field(max_length=40)]
    text: Text  # Dutch, written for the public
    text_en: Text | None = None
    locations: List(Text) = []
    values: List(Text) = []
    from_edition: Id | None = None  # the first edition the note holds for


class TargetCategorySpec(Record):
    """One category of a housing target: the number of homes of that kind."""

    category: HousingCategory
    homes: Count
    source_location: Text300 | None = None


class HousingTargetSpec(Record):
    """A national target of homes for older people (content/housing/targets.yaml):
    at least `homes` among the `homes_built` homes built up to and including `target_year`,
    split into `categories` that add up to `homes`. `programme` names the programme that
    set it, as plain text (it need not be in the same content)."""

    id: Id
    programme: Id
    target_year: Year
    homes: Count
    homes_built: Count | None = None
    title: Text300
    title_en: Text300 | None = None
    summary: Text | None = None
    summary_en: Text | None = None
    source_location: Text300 | None = None
    categories: List(TargetCategorySpec) = []


class FactSpec(Record):
    """One figure of a finding. `printed` keeps how the source wrote it where words carry
    the value ("ruim 80.000", "19,3 miljoen euro"); `source_location` defaults to the
    finding's."""

    label: Text300
    label_en: Text300
    value: Float | None = None
    unit: Unit
    decimals: Decimals = 0
    printed: Text100 | None = None
    period: Text100 | None = None
    period_en: Text100 | None = None
    reference_date: Date | None = None
    n: Count | None = None
    qualifiers: List(Qualifier) = []
    source_location: Text300 | None = None


class FindingSpec(Record):
    """Figures from the running text of an indicator's section in an edition, or a
    numbered figure (`figure`, Figuur) with the values the text gives (`figure_values`:
    all, some or none; with none the finding has no facts)."""

    id: Id
    indicator: Id
    edition: Id
    title: Text300
    title_en: Text300
    figure: Number | None = None
    figure_values: FigureValues | None = None
    chart: Bool = False
    source: Text300 | None = None
    n: Count | None = None
    notes: Text | None = None
    notes_en: Text | None = None
    source_location: Text300
    facts: List(FactSpec) = []


class ReflectionPointSpec(Record):
    """One claim of an edition's published reflection in our own words, with the
    indicators it speaks of."""

    id: Id
    edition: Id
    section: ReflectionSection
    text: Text
    text_en: Text
    indicators: List(Id) = []
    source_location: Text300


class IntroSectionSpec(Record):
    """A part of the monitor's introductory matter in our own words."""

    id: Id
    title: Text300
    title_en: Text300
    text: Text
    text_en: Text
    source_location: Text300 | None = None


class LicenceSpec(Record):
    """A licence the open data or one of its sources is published under."""

    id: Id
    title: Text200
    title_en: Text200 | None = None
    url: Url
    #: The licence's SPDX identifier (CC-BY-4.0), as the Data Package names it.
    spdx: _text(64) | None = None


#: The downloads (Data Package resources) a source can feed.
RESOURCES = ("key-figures", "breakdowns", "actions", "action-progress", "findings",
             "housing-progress", "housing-years", "housing-disagreements", "municipalities")


class SourceSpec(Record):
    """A document or data set the open data is made from, the programmes it belongs to,
    the downloads it feeds and the licence it is published under (left out where the
    source states none)."""

    id: Id
    title: Text500
    organisation: Id
    url: Url | None = None
    licence: Id | None = None
    programmes: List(Id) = []
    resources: List(Literal[RESOURCES]) = []


class CatalogueSpec(Record):
    """What the open data says about itself (`catalogue.yaml`): the dataset's title and
    description, who publishes it and whom to contact, its licence, themes (URIs of the
    Dutch government's theme list), keywords, where it applies and its sources. Coverage
    (programmes, editions, years) and dates come from the editions themselves."""

    id: Id
    title: Text300
    title_en: Text300 | None = None
    description: Text
    description_en: Text | None = None
    publisher: Id
    publisher_uri: Url | None = None
    contact_name: Text300
    contact_email: Annotated[str, Strict(), Field(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$",
                                                  max_length=300)] | None = None
    contact_url: Url | None = None
    licence: Id
    licences: List(LicenceSpec)
    themes: List(Url) = []
    keywords: List(Text100) = []
    keywords_en: List(Text100) = []
    spatial: Url | None = None
    spatial_scheme: Url | None = None
    sources: List(SourceSpec) = []
