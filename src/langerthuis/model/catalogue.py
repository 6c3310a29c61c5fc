"""What the open data says about itself: its title and description, publisher and contact
point, licences, themes and the sources each download is made from (content file
`catalogue.yaml`). One row; the catalogue, the Data Package, the API and the feeds read it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Catalogue(Base):
    __tablename__ = "catalogue"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    publisher_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    #: The publisher's URI in the Dutch government's list of organisations (DCAT-AP-DONL).
    publisher_uri: Mapped[str | None] = mapped_column(String(500))
    contact_name: Mapped[str] = mapped_column(String(300))
    contact_email: Mapped[str | None] = mapped_column(String(300))
    contact_url: Mapped[str | None] = mapped_column(String(500))
    licence: Mapped[str] = mapped_column(String(64))  # the id of one of `licences`
    licences: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords_en: Mapped[list[str]] = mapped_column(JSON, default=list)
    spatial: Mapped[str | None] = mapped_column(String(500))
    spatial_scheme: Mapped[str | None] = mapped_column(String(500))
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
