"""Editions of the monitor and what each shows for each indicator."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .framework import Programme
from .indicators import Indicator
from .measurements import Measurement


class Edition(Base):
    __tablename__ = "edition"
    __table_args__ = (UniqueConstraint("programme_id", "year"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    publication_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    publisher: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    # the references of the edition's reflection, as its reference list names them
    reflection_references: Mapped[list[str] | None] = mapped_column(JSON, default=list)

    programme: Mapped[Programme] = relationship()
    entries: Mapped[list[EditionEntry]] = relationship(
        back_populates="edition", order_by="EditionEntry.number")


class EditionEntry(Base):
    """One indicator as an edition shows it: its number and printed title there, its
    status, and the measurement (if any) it shows as key figure."""

    __tablename__ = "edition_entry"
    __table_args__ = (
        UniqueConstraint("edition_id", "indicator_id"),
        UniqueConstraint("edition_id", "number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))
    measurement_id: Mapped[str | None] = mapped_column(ForeignKey("measurement.id"))
    printed: Mapped[str | None] = mapped_column(String(100))
    source_location: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)

    edition: Mapped[Edition] = relationship(back_populates="entries")
    indicator: Mapped[Indicator] = relationship()
    measurement: Mapped[Measurement | None] = relationship()


class PublishedClaim(Base):
    """A count that an edition's own written reflection states, such as "29 of the 34
    indicators got new information". The analysis recomputes each claim and says where its
    rules come to another count."""

    __tablename__ = "published_claim"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(20))
    action_lines: Mapped[list[int]] = mapped_column(JSON, default=list)
    include_overall: Mapped[bool] = mapped_column(Boolean, default=False)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    value: Mapped[int] = mapped_column(Integer)
    of: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))

    edition: Mapped[Edition] = relationship()


class LoadInfo(Base):
    """When the content was last loaded; outputs cache what they computed until it changes."""

    __tablename__ = "load_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    content_root: Mapped[str | None] = mapped_column(String(500))
