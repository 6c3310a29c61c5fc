"""Measurements, kept apart from editions so that one measurement can be shown by several
editions, and the breakdown tables attached to them."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .indicators import Indicator

if TYPE_CHECKING:
    from .editions import Edition


class Measurement(Base):
    __tablename__ = "measurement"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    value: Mapped[float | None] = mapped_column(Float)
    decimals: Mapped[int | None] = mapped_column(Integer)
    reference_period: Mapped[str | None] = mapped_column(String(100))
    reference_period_en: Mapped[str | None] = mapped_column(String(100))
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    reference_date: Mapped[dt.date | None] = mapped_column(Date)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    n: Mapped[int | None] = mapped_column(Integer)
    qualifiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    notes_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    indicator: Mapped[Indicator] = relationship()
    tables: Mapped[list[BreakdownTable]] = relationship(
        back_populates="measurement", order_by="BreakdownTable.number")
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="measurement", order_by="Revision.id")


class BreakdownTable(Base):
    """A published table that breaks a key figure down (verdieping), as tidy long data."""

    __tablename__ = "breakdown_table"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    measurement_id: Mapped[str] = mapped_column(ForeignKey("measurement.id"))
    edition_id: Mapped[str | None] = mapped_column(ForeignKey("edition.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str | None] = mapped_column(String(500))
    unit: Mapped[str] = mapped_column(String(20))
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_location: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    notes_en: Mapped[str | None] = mapped_column(Text)
    labels_en: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    checks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    measurement: Mapped[Measurement] = relationship(back_populates="tables")
    edition: Mapped[Edition | None] = relationship()
    rows: Mapped[list[BreakdownRow]] = relationship(
        back_populates="table", order_by="BreakdownRow.position")


class BreakdownRow(Base):
    """One value of a breakdown table: its dimension values, value, unit and n."""

    __tablename__ = "breakdown_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_id: Mapped[str] = mapped_column(ForeignKey("breakdown_table.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    dimensions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    n: Mapped[int | None] = mapped_column(Integer)
    qualifiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    printed: Mapped[str | None] = mapped_column(String(100))

    table: Mapped[BreakdownTable] = relationship(back_populates="rows")


class Relation(Base):
    """An arithmetic relation the sources state between figures (for example hours times
    tariff is the amount), checked by the analysis. `definition` holds its operands."""

    __tablename__ = "relation"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    table_id: Mapped[str] = mapped_column(ForeignKey("breakdown_table.id"))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_location: Mapped[str | None] = mapped_column(String(300))

    table: Mapped[BreakdownTable] = relationship()


class Revision(Base):
    """A correction of a figure after its edition was published: the old value stays
    retrievable, with the reason and the date, and pages say "herzien op ..."."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measurement_id: Mapped[str] = mapped_column(ForeignKey("measurement.id"))
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    revised_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(320))

    measurement: Mapped[Measurement] = relationship(back_populates="revisions")
