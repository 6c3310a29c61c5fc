"""The closed vocabularies of the domain (see shared/docs/glossary.md).

Each is a `StrEnum`, so the value stored in the database, written in content files and
returned by the API is the same lower-case English word.
"""
from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Kind of indicator (uitkomst, proces, verhalend)."""

    OUTCOME = "outcome"
    PROCESS = "process"
    NARRATIVE = "narrative"


class Unit(StrEnum):
    """What an indicator's value counts or measures."""

    PERCENTAGE = "percentage"
    COUNT = "count"
    MARK = "mark"  # a mark (rapportcijfer) from 1 to 10
    RATIO = "ratio"
    HOURS = "hours"
    EURO = "euro"
    STORIES = "stories"  # narrative indicators: no number, a collection of stories


class Direction(StrEnum):
    """The direction of change the programme wants (gewenste richting)."""

    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class EditionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class EntryStatus(StrEnum):
    """What an edition shows for one indicator."""

    NEW = "new"  # a new measurement for this edition
    STILL_VALID = "still_valid"  # an earlier measurement, still the latest and shown as such
    NOT_UPDATED = "not_updated"  # an earlier measurement repeated because no update was possible
    NOT_AVAILABLE = "not_available"  # no figure ("--")
    NOT_APPLICABLE = "not_applicable"  # no figure because it does not apply ("nvt")
    IN_DEVELOPMENT = "in_development"  # the indicator is still being developed


class Qualifier(StrEnum):
    """Qualifications printed with a figure."""

    PROVISIONAL = "provisional"  # voorlopig cijfer
    LOWER_BOUND = "lower_bound"  # minimumschatting
    MAXIMUM_TARIFF = "maximum_tariff"  # amount computed at the maximum tariff
    ESTIMATE = "estimate"
    PROJECTION = "projection"  # a forecast, not an observation
    APPROXIMATE = "approximate"  # "ca.", "ongeveer", "bijna": the source rounds the figure


class Phase(StrEnum):
    """Phase of a local initiative."""

    PLANNED = "planned"
    STARTED = "started"
    RUNNING = "running"
    COMPLETED = "completed"
    CONTINUED = "continued"
    UNKNOWN = "unknown"


class ProgressStatus(StrEnum):
    """Where an action stands according to a source (a progress report, a letter, the
    monitor). An action no source speaks of is `not_reported`; that status is derived, a
    progress entry never states it."""

    STARTED = "started"  # work has begun; the source says nothing about the schedule
    ON_SCHEDULE = "on_schedule"  # running as planned, or continuing as a lasting effort
    DELAYED = "delayed"  # later than planned (see the entry's `covid_19` flag for the cause)
    COMPLETED = "completed"  # delivered, or the milestone reached
    NOT_REPORTED = "not_reported"  # no source speaks of the action


class DatePrecision(StrEnum):
    """How precisely a source dates what it says: a progress entry's `date` is the last day
    of that day, month or year, and is shown as such ("1 mei 2021", "juni 2020", "2020")."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class ClaimMetric(StrEnum):
    """What a published claim counts among the indicators in its scope."""

    UPDATED = "updated"  # got new information
    NOT_UPDATED = "not_updated"
    DESIRED = "desired"  # moved in the desired direction
    NOT_DESIRED = "not_desired"  # did not move in the desired direction


class FigureValues(StrEnum):
    """How many of a published figure's (Figuur's) values the sources print."""

    ALL = "all"
    SOME = "some"  # the text gives some of the values; the rest are only in the picture
    NONE = "none"  # the values are only in the picture, which the sources do not hold


class ReflectionSection(StrEnum):
    """The parts of an edition's published reflection (beschouwing), in their order."""

    PURPOSE = "purpose"  # what the monitor is for and which measurement this is
    RESULTS = "results"  # what the edition holds: updated indicators
    COMPARISON = "comparison"  # the comparison with the previous edition
    CORONA = "corona"  # the effects of the COVID-19 crisis
    INITIATIVE_MAP = "initiative_map"  # the reading of the integrative map
    FOLLOW_UP = "follow_up"  # what became of the previous edition's recommendations
    RECOMMENDATIONS = "recommendations"


#: The range of values each unit allows (inclusive); None means unbounded.
UNIT_RANGE: dict[Unit, tuple[float | None, float | None]] = {
    Unit.PERCENTAGE: (0.0, 100.0),
    Unit.COUNT: (0.0, None),
    Unit.MARK: (1.0, 10.0),
    Unit.RATIO: (0.0, None),
    Unit.HOURS: (0.0, None),
    Unit.EURO: (0.0, None),
    Unit.STORIES: (0.0, None),
}


class HousingCategory(StrEnum):
    """The kinds of homes for older people the WOZO housing target counts."""

    ZERO_STEP = "zero_step"  # nultredenwoning
    CLUSTERED = "clustered"  # geclusterde woonvorm
    CARE_SUITABLE = "care_suitable"  # zorggeschikte woning


class TargetKind(StrEnum):
    """Where a per-area housing target comes from."""

    OFFICIAL = "official"  # imported from the government's breakdown
    ESTIMATE = "estimate"  # our own estimate, proportional to residents aged 75+


class DeliveryStatus(StrEnum):
    """Whether delivered homes are planned or realised."""

    PLANNED = "planned"
    REALISED = "realised"
