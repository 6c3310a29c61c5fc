"""The housing monitor: the national target of homes for older people, its breakdown per
province and municipality (official or our estimate), and the deliveries of planned and
realised homes from several sources, linked into projects so that no home counts twice.

The target is content (content/housing/); the per-area targets we estimate are derived at
load. Official per-area targets and deliveries are imported (`langerthuis targets import`,
`langerthuis deliveries import`) and survive a new `load` of the content."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class HousingTarget(Base):
    """The national target: at least `homes` homes for older people among the
    `homes_built` homes built up to and including `target_year`."""

    __tablename__ = "housing_target"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme: Mapped[str] = mapped_column(String(64))  # a programme id, kept as plain text
    target_year: Mapped[int] = mapped_column(Integer)
    homes: Mapped[int] = mapped_column(Integer)
    homes_built: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str | None] = mapped_column(String(300))

    categories: Mapped[list[HousingTargetCategory]] = relationship(
        cascade="all, delete-orphan", order_by="HousingTargetCategory.position")


class HousingTargetCategory(Base):
    __tablename__ = "housing_target_category"

    target_id: Mapped[str] = mapped_column(ForeignKey("housing_target.id", ondelete="CASCADE"),
                                           primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    homes: Mapped[int] = mapped_column(Integer)
    source_location: Mapped[str | None] = mapped_column(String(300))


class AreaTarget(Base):
    """A province's or municipality's share of a category of the national target, for the
    municipalities of `year`. `kind` says whether it is official or our estimate."""

    __tablename__ = "housing_area_target"
    __table_args__ = (Index("ix_housing_area_target_kind_level", "kind", "level"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20))  # province, municipality
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    homes: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300))  # the file imported, or the method


class DeliveryImport(Base):
    """One imported file of deliveries from one source."""

    __tablename__ = "delivery_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(300))
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    records: Mapped[int] = mapped_column(Integer)
    synthetic: Mapped[bool] = mapped_column(Boolean)


class Delivery(Base):
    """One record of a source: homes of one category in one project, planned or realised
    in `year`. `project_id` is the project it was linked to (see housing/linking.py)."""

    __tablename__ = "delivery"
    __table_args__ = (Index("ix_delivery_source", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("delivery_import.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64))
    line: Mapped[int] = mapped_column(Integer)
    project_name: Mapped[str | None] = mapped_column(String(300))
    bag_id: Mapped[str | None] = mapped_column(String(16))
    street: Mapped[str | None] = mapped_column(String(200))
    house_number: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(6))
    municipality_code: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    homes: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    project_id: Mapped[int | None] = mapped_column(Integer)
    link_method: Mapped[str | None] = mapped_column(String(20))


class HousingProject(Base):
    """A project as the monitor counts it: the linked records of every source, resolved by
    the precedence of the sources. `disagreements` keeps what the other sources said."""

    __tablename__ = "housing_project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(300))
    municipality_code: Mapped[str] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    homes: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(40))  # the source whose figures count
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    link_method: Mapped[str] = mapped_column(String(20))
    disagreements: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    disagreement_count: Mapped[int] = mapped_column(Integer, default=0)


class DeliveryReview(Base):
    """A pair of records that may describe the same project but were not linked: a fuzzy
    match below the certainty threshold, for someone to review."""

    __tablename__ = "delivery_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    first_id: Mapped[int] = mapped_column(Integer)
    second_id: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(300))
