"""Indicators with a stable identity across editions, and their definition versions."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .framework import ActionLine, Goal, Programme


class Indicator(Base):
    __tablename__ = "indicator"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    kind: Mapped[str] = mapped_column(String(20))
    is_overall: Mapped[bool] = mapped_column(Boolean, default=False)
    action_line_id: Mapped[str | None] = mapped_column(ForeignKey("action_line.id"))
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("goal.id"))
    title: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))
    short_label: Mapped[str | None] = mapped_column(String(300))
    short_label_en: Mapped[str | None] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(20))
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    desired_direction: Mapped[str] = mapped_column(String(10))
    direction_reason: Mapped[str] = mapped_column(Text)
    direction_reason_en: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))

    programme: Mapped[Programme] = relationship()
    action_line: Mapped[ActionLine | None] = relationship()
    goal: Mapped[Goal | None] = relationship()
    definitions: Mapped[list[DefinitionVersion]] = relationship(
        back_populates="indicator", order_by="DefinitionVersion.from_year")
    continuations: Mapped[list[Continuation]] = relationship(
        foreign_keys="Continuation.indicator_id", order_by="Continuation.id",
        viewonly=True)

    def definition_for(self, year: int) -> DefinitionVersion | None:
        """The definition that holds in the edition of `year`: the latest from or before it."""
        valid = [d for d in self.definitions if d.from_year <= year]
        return valid[-1] if valid else None

    def title_in(self, year: int | None) -> tuple[str, str | None]:
        """The title (Dutch, English) as the edition of `year` had it: the title of the
        definition that held then, where a later definition replaced it and the content
        records that title; else the indicator's title (None: the latest)."""
        d = self.definition_for(year) if year is not None else None
        if d is not None and d.title and d is not self.definitions[-1]:
            return d.title, d.title_en
        return self.title, self.title_en


class DefinitionVersion(Base):
    """How an indicator is operationalised, from a given edition on."""

    __tablename__ = "definition_version"
    __table_args__ = (UniqueConstraint("indicator_id", "from_edition_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    from_edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id"))
    from_year: Mapped[int] = mapped_column(Integer)
    # the indicator's title under this definition, where it differs from the current one
    title: Mapped[str | None] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    change_note: Mapped[str | None] = mapped_column(Text)
    change_note_en: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship(back_populates="definitions")


class Continuation(Base):
    """An indicator of a programme that carries on an indicator of an earlier programme
    (for example WOZO's count of grants under the Stimuleringsregeling Wonen en Zorg after
    Langer Thuis's indicator 32): the two series are shown together. `note` says in plain
    words how far they compare; `source_location` where the sources tie them."""

    __tablename__ = "continuation"
    __table_args__ = (UniqueConstraint("indicator_id", "continues_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    continues_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    note: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))

    indicator: Mapped[Indicator] = relationship(foreign_keys=[indicator_id])
    continues: Mapped[Indicator] = relationship(foreign_keys=[continues_id])
