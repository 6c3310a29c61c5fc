"""The programme's framework: programme -> action lines -> goals -> actions, and the
organisations that take part in it."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .vocabulary import ProgressStatus

if TYPE_CHECKING:
    from .context import Reference

action_lead = Table(
    "action_lead",
    Base.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True),
)

programme_partner = Table(
    "programme_partner",
    Base.metadata,
    Column("programme_id", ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True),
)


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    abbreviation: Mapped[str | None] = mapped_column(String(64))
    former_name: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))


class Programme(Base):
    __tablename__ = "programme"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    predecessor_id: Mapped[str | None] = mapped_column(ForeignKey("programme.id"))
    summary: Mapped[str | None] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))

    action_lines: Mapped[list[ActionLine]] = relationship(
        back_populates="programme", order_by="ActionLine.number")
    partners: Mapped[list[Organisation]] = relationship(
        secondary=programme_partner, order_by="Organisation.name")


class ActionLine(Base):
    __tablename__ = "action_line"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship(back_populates="action_lines")
    goals: Mapped[list[Goal]] = relationship(back_populates="action_line", order_by="Goal.number")
    actions: Mapped[list[Action]] = relationship(
        back_populates="action_line", order_by="Action.number")


class Goal(Base):
    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("action_line_id", "number"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    action_line_id: Mapped[str] = mapped_column(ForeignKey("action_line.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))

    action_line: Mapped[ActionLine] = relationship(back_populates="goals")


class Action(Base):
    """An action of the plan. Actions are numbered within their action line. `governance`
    says which body discusses it, `annex_summary` summarises the plan's longer text on it
    (both in our own words). Where it stands is in its `progress` entries, oldest first."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("action_line_id", "number"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    action_line_id: Mapped[str] = mapped_column(ForeignKey("action_line.id"))
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("goal.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))
    timeline: Mapped[str | None] = mapped_column(String(300))
    timeline_en: Mapped[str | None] = mapped_column(String(300))
    milestone: Mapped[str | None] = mapped_column(Text)
    milestone_en: Mapped[str | None] = mapped_column(Text)
    leads_printed: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str | None] = mapped_column(String(300))
    governance: Mapped[str | None] = mapped_column(Text)
    governance_en: Mapped[str | None] = mapped_column(Text)
    annex_summary: Mapped[str | None] = mapped_column(Text)
    annex_summary_en: Mapped[str | None] = mapped_column(Text)
    annex_location: Mapped[str | None] = mapped_column(String(300))

    action_line: Mapped[ActionLine] = relationship(back_populates="actions")
    goal: Mapped[Goal | None] = relationship()
    leads: Mapped[list[Organisation]] = relationship(
        secondary=action_lead, order_by="Organisation.name")
    progress: Mapped[list[ProgressEntry]] = relationship(
        back_populates="action", order_by="(ProgressEntry.date, ProgressEntry.id)")

    @property
    def latest_progress(self) -> ProgressEntry | None:
        """The latest progress entry: it gives the action's current status."""
        return self.progress[-1] if self.progress else None

    @property
    def status(self) -> str:
        """Where the action stands: the status of its latest entry, `not_reported` when
        no source speaks of it."""
        latest = self.latest_progress
        return latest.status if latest else ProgressStatus.NOT_REPORTED.value

    @property
    def status_date(self) -> dt.date | None:
        """The date the current status refers to."""
        latest = self.latest_progress
        return latest.date if latest else None


class ProgressEntry(Base):
    """What one source says about one action at one date (the last day of the day, month
    or year the source speaks of, `date_precision`): a status from `ProgressStatus`
    (never `not_reported`), whether COVID-19 delayed or changed it, a summary in our own
    words (Dutch and English), the source document (a reference) and where in it."""

    __tablename__ = "progress_entry"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    action_id: Mapped[str] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5), default="day")
    status: Mapped[str] = mapped_column(String(20))
    covid_19: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str] = mapped_column(Text)
    reference_id: Mapped[str] = mapped_column(ForeignKey("reference.id"))
    source_location: Mapped[str | None] = mapped_column(String(300))
    #: The draft edition it was delivered for in the editor (None: from the content
    #: files); the public sees it once that edition is published.
    edition_id: Mapped[str | None] = mapped_column(ForeignKey("edition.id"))

    action: Mapped[Action] = relationship(back_populates="progress")
    reference: Mapped[Reference] = relationship()
