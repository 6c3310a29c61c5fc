"""What an edition's own text says beyond its key figures and tables: the figures in the
running text of each indicator's section (verdieping) and the numbered figures (Figuur),
the published reflection (beschouwing) claim by claim, and the introductory matter."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .editions import Edition
from .indicators import Indicator


class Finding(Base):
    """A group of figures that an edition gives in the text of an indicator's section, or a
    numbered figure (Figuur) of the edition with the values its text gives. `figure_values`
    says how many of a figure's values the sources print: all, some or none."""

    __tablename__ = "finding"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    figure: Mapped[int | None] = mapped_column(Integer)
    figure_values: Mapped[str | None] = mapped_column(String(10))
    chart: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str | None] = mapped_column(String(300))
    n: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    notes_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))

    indicator: Mapped[Indicator] = relationship()
    edition: Mapped[Edition] = relationship()
    facts: Mapped[list[FindingFact]] = relationship(
        back_populates="finding", order_by="FindingFact.position")


class FindingFact(Base):
    """One figure of a finding: what it counts, its value and unit, period and n."""

    __tablename__ = "finding_fact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))
    label_en: Mapped[str | None] = mapped_column(String(300))
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    printed: Mapped[str | None] = mapped_column(String(100))
    period: Mapped[str | None] = mapped_column(String(100))
    period_en: Mapped[str | None] = mapped_column(String(100))
    reference_date: Mapped[dt.date | None] = mapped_column(Date)
    n: Mapped[int | None] = mapped_column(Integer)
    qualifiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_location: Mapped[str | None] = mapped_column(String(300))

    finding: Mapped[Finding] = relationship(back_populates="facts")


class ReflectionPoint(Base):
    """One claim of an edition's published reflection, summarised in our own words, with
    the indicators it speaks of."""

    __tablename__ = "reflection_point"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_location: Mapped[str | None] = mapped_column(String(300))

    edition: Mapped[Edition] = relationship()


class IntroSection(Base):
    """A part of the monitor's introductory matter (the indicator set, its kinds, the
    baseline, how to read a page), in our own words."""

    __tablename__ = "intro_section"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))
