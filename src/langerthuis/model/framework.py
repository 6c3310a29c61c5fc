"""The programme's framework: programme -> action lines -> goals -> actions, and the
organisations that take part in it."""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

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
    """An action of the plan. Actions are numbered within their action line."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("action_line_id", "number"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    action_line_id: Mapped[str] = mapped_column(ForeignKey("action_line.id"))
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("goal.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    timeline: Mapped[str | None] = mapped_column(String(300))
    milestone: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    leads_printed: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str | None] = mapped_column(String(300))

    action_line: Mapped[ActionLine] = relationship(back_populates="actions")
    goal: Mapped[Goal | None] = relationship()
    leads: Mapped[list[Organisation]] = relationship(
        secondary=action_lead, order_by="Organisation.name")
