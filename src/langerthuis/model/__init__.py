"""The domain model: every page, API response, download and report section is a view of
these objects. They are SQLAlchemy mapped classes, persisted by `langerthuis.store`."""
from .base import Base
from .context import Initiative, QualityNote, Reference, Story, indicator_reference
from .editions import Edition, EditionEntry, LoadInfo, PublishedClaim
from .findings import Finding, FindingFact, IntroSection, ReflectionPoint
from .geography import DataSource, MapShape, Municipality, MunicipalityLink
from .framework import Action, ActionLine, Goal, Organisation, Programme, action_lead, programme_partner
from .indicators import DefinitionVersion, Indicator
from .measurements import BreakdownRow, BreakdownTable, Measurement, Relation
from .vocabulary import (ActionStatus, ClaimMetric, Direction, EditionStatus, EntryStatus,
                         FigureValues, Kind, Phase, Qualifier, ReflectionSection, Unit,
                         UNIT_RANGE)

__all__ = [
    "Action", "ActionLine", "DataSource", "MapShape", "Municipality", "MunicipalityLink", "ActionStatus", "ClaimMetric", "Base", "BreakdownRow", "BreakdownTable",
    "DefinitionVersion", "Direction", "Edition", "EditionEntry", "EditionStatus", "EntryStatus",
    "FigureValues", "Finding", "FindingFact", "Goal", "Indicator", "IntroSection", "Initiative", "Kind", "LoadInfo", "Measurement", "Organisation", "Phase",
    "Programme", "PublishedClaim", "Qualifier", "QualityNote", "Reference", "ReflectionPoint", "ReflectionSection", "Relation", "Story", "UNIT_RANGE", "Unit",
    "action_lead", "indicator_reference", "programme_partner",
]
