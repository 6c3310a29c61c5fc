"""Geography as stored: the municipality registry per year, the crosswalk between years,
simplified map shapes and the sources to credit. Built by `langerthuis load` from the open
data (see langerthuis.geography), never committed."""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Municipality(Base):
    """A municipality as valid on 1 January of `year`."""

    __tablename__ = "municipality"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    province_code: Mapped[str | None] = mapped_column(String(10))
    province: Mapped[str | None] = mapped_column(String(100))
    ggd_region_code: Mapped[str | None] = mapped_column(String(10))
    ggd_region: Mapped[str | None] = mapped_column(String(100))
    care_office_region_code: Mapped[str | None] = mapped_column(String(10))
    care_office_region: Mapped[str | None] = mapped_column(String(100))
    shrinking_region: Mapped[str | None] = mapped_column(String(100))
    derived: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class MunicipalityLink(Base):
    """Which share of a municipality of one year lies in a municipality of the next year."""

    __tablename__ = "municipality_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    from_year: Mapped[int] = mapped_column(Integer)
    from_code: Mapped[str] = mapped_column(String(6))
    to_year: Mapped[int] = mapped_column(Integer)
    to_code: Mapped[str] = mapped_column(String(6))
    weight: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(20))
    exact: Mapped[bool] = mapped_column(Boolean)


class MapShape(Base):
    """A simplified shape for the maps: a municipality of a year, or a region."""

    __tablename__ = "map_shape"

    layer: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    geometry: Mapped[dict[str, Any]] = mapped_column(JSON)


class DataSource(Base):
    __tablename__ = "data_source"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str] = mapped_column(String(300))
    licence: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(500))
    attribution: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)


class Population(Base):
    """Residents of a municipality (as valid on 1 January of `year`) in one five-year age
    band, from the CBS postcode data: postcodes summed per municipality, so close to the
    municipal count, not exact. The code '' holds the residents of postcodes that no
    municipality is named for (they count for the country only)."""

    __tablename__ = "population"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    age_band: Mapped[str] = mapped_column(String(10), primary_key=True)
    persons: Mapped[float] = mapped_column(Float)
