"""The domain model: every page, API response, download and report section is a view of
these objects. They are SQLAlchemy mapped classes, persisted by `langerthuis.store`."""
from .accounts import KEPT, Account, Assignment, ApiToken, AuditEvent, LoginAttempt, LoginSession
from .base import Base
from .context import Initiative, InitiativeKind, QualityNote, Reference, Story, indicator_reference
from .editions import Edition, EditionEntry, LoadInfo, PublishedClaim
from .geography import DataSource, MapShape, Municipality, MunicipalityLink
from .framework import (Action, ActionLine, Goal, Organisation, Programme, ProgressEntry, action_lead,
                        programme_partner)
from .indicators import DefinitionVersion, Indicator
from .measurements import BreakdownRow, BreakdownTable, Measurement, Relation, Revision
from .vocabulary import (ClaimMetric, DatePrecision, Direction, EditionStatus, EntryStatus, Kind, Phase,
                         ProgressStatus, Qualifier, Unit, UNIT_RANGE)

__all__ = [
    "KEPT", "Account", "Assignment", "Revision", "ApiToken", "AuditEvent", "LoginAttempt", "LoginSession",
    "Action", "ActionLine", "DataSource", "MapShape", "Municipality", "MunicipalityLink", "ClaimMetric", "DatePrecision", "Base", "BreakdownRow", "BreakdownTable",
    "DefinitionVersion", "Direction", "Edition", "EditionEntry", "EditionStatus", "EntryStatus",
    "Goal", "Indicator", "Initiative", "InitiativeKind", "Kind", "LoadInfo", "Measurement", "Organisation", "Phase",
    "Programme", "ProgressEntry", "ProgressStatus", "PublishedClaim", "Qualifier", "QualityNote", "Reference", "Relation", "Story", "UNIT_RANGE", "Unit",
    "action_lead", "indicator_reference", "programme_partner",
]
