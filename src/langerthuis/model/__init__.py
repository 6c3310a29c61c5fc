"""The domain model: every page, API response, download and report section is a view of
these objects. They are SQLAlchemy mapped classes, persisted by `langerthuis.store`."""
from .accounts import KEPT, Account, ApiToken, Assignment, AuditEvent, LoginAttempt, LoginSession
from .base import Base
from .catalogue import Catalogue
from .context import Initiative, InitiativeKind, QualityNote, Reference, Story, indicator_reference
from .editions import Edition, EditionEntry, LoadInfo, PublishedClaim
from .findings import Finding, FindingFact, IntroSection, ReflectionPoint
from .framework import (Action, ActionLine, Goal, Organisation, Programme, ProgressEntry,
                        action_lead, programme_partner)
from .geography import DataSource, MapShape, Municipality, MunicipalityLink, Population
from .housing import (AreaTarget, Delivery, DeliveryImport, DeliveryReview, HousingProject,
                      HousingTarget, HousingTargetCategory)
from .indicators import Continuation, DefinitionVersion, Indicator
from .measurements import BreakdownRow, BreakdownTable, Measurement, Relation, Revision
from .vocabulary import (UNIT_RANGE, ClaimMetric, DatePrecision, DeliveryStatus, Direction,
                         EditionStatus, EntryStatus, FigureValues, HousingCategory, Kind, Phase, ProgressStatus,
                         Qualifier, ReflectionSection, TargetKind, Unit)

__all__ = [
    # accounts, sessions, tokens and the audit trail (kept by load)
    "KEPT", "Account", "ApiToken", "Assignment", "AuditEvent", "LoginAttempt", "LoginSession",
    # the framework and the monitor
    "Action", "ActionLine", "Base", "Catalogue", "Continuation", "BreakdownRow", "BreakdownTable", "DefinitionVersion",
    "Edition", "EditionEntry", "Finding", "FindingFact", "Goal", "IntroSection", "ReflectionPoint", "Indicator", "Initiative", "InitiativeKind", "LoadInfo",
    "Measurement", "Organisation", "Programme", "ProgressEntry", "PublishedClaim",
    "QualityNote", "Reference", "Relation", "Revision", "Story",
    "action_lead", "indicator_reference", "programme_partner",
    # geography
    "DataSource", "MapShape", "Municipality", "MunicipalityLink", "Population",
    # the housing monitor
    "AreaTarget", "Delivery", "DeliveryImport", "DeliveryReview", "HousingProject",
    "HousingTarget", "HousingTargetCategory",
    # vocabularies
    "UNIT_RANGE", "ClaimMetric", "DatePrecision", "DeliveryStatus", "Direction", "EditionStatus",
    "EntryStatus", "FigureValues", "HousingCategory", "Kind", "Phase", "ProgressStatus", "Qualifier",
    "ReflectionSection", "TargetKind", "Unit",
]
