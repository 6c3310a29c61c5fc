"""What surrounds the figures: stories of narrative indicators, local initiatives,
references and data-quality notes."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .framework import ActionLine
from .indicators import Indicator

indicator_reference = Table(
    "indicator_reference",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("reference_id", ForeignKey("reference.id", ondelete="CASCADE"), primary_key=True),
)


class Story(Base):
    """One narrative of a narrative indicator, summarised in our own words."""

    __tablename__ = "story"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    edition_id: Mapped[str] = mapped_column(ForeignKey("edition.id"))
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    persons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    date: Mapped[dt.date | None] = mapped_column(Date)
    source_title: Mapped[str | None] = mapped_column(String(300))
    source_url: Mapped[str | None] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship()


class InitiativeKind(Base):
    """A kind of local initiative, in words in both languages."""

    __tablename__ = "initiative_kind"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))


class Initiative(Base):
    """Something happening locally: a pilot, network or project. Where the sources give only
    a count and no places, `municipality_code` is empty and `count` holds the number."""

    __tablename__ = "initiative"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    indicator_id: Mapped[str | None] = mapped_column(ForeignKey("indicator.id"))
    action_line_id: Mapped[str | None] = mapped_column(ForeignKey("action_line.id"))
    municipality_code: Mapped[str | None] = mapped_column(String(6))
    municipality_name: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=1)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_location: Mapped[str | None] = mapped_column(String(300))
    #: The draft edition it was delivered for in the editor (None: from the content
    #: files); the public sees it once that edition is published.
    edition_id: Mapped[str | None] = mapped_column(ForeignKey("edition.id"))

    indicator: Mapped[Indicator | None] = relationship()
    action_line: Mapped[ActionLine | None] = relationship()
    #: The kind in words; the content check makes sure every kind is known.
    kind_words: Mapped[InitiativeKind | None] = relationship(
        primaryjoin="foreign(Initiative.kind) == InitiativeKind.id", viewonly=True)


class Reference(Base):
    __tablename__ = "reference"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_text: Mapped[str | None] = mapped_column(String(100))
    date_text_en: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(1000))
    # the first edition that cites it (None: its date decides, see views/asof.py)
    from_edition_id: Mapped[str | None] = mapped_column(ForeignKey("edition.id"))

    indicators: Mapped[list[Indicator]] = relationship(secondary=indicator_reference)


class QualityNote(Base):
    """A data-quality note attached to any object: which object (`subject_type` and
    `subject_id`), what is wrong or uncertain, and where in the sources it shows."""

    __tablename__ = "quality_note"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    locations: Mapped[list[str]] = mapped_column(JSON, default=list)
    values: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the programme whose content holds it, and the first edition it holds for (None: all)
    programme_id: Mapped[str | None] = mapped_column(ForeignKey("programme.id"))
    from_edition_id: Mapped[str | None] = mapped_column(ForeignKey("edition.id"))
