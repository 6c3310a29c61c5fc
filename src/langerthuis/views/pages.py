"""The smaller views: the reflection of an edition, search and the about page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import model as m
from ..analysis.reflection import Reflection
from ..i18n import N_, localised, translations
from ..store.dataset import Dataset
from .dashboard import EditionLink
from .published import PublishedReflection
from .search import Hit, SearchIndex, search_index  # noqa: F401  (the views of pages)
from .values import date_text


@dataclass(frozen=True)
class ReflectionView:
    year: int
    reflection: Reflection  # computed by us from the figures
    editions: tuple[EditionLink, ...]
    published: PublishedReflection | None = None  # our summary of the edition's own
    publisher: str = ""  # who published the edition


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str
    publisher: str
    licence: str  # as the source states it
    attribution: str

    @property
    def non_commercial(self) -> bool:
        return is_non_commercial(self.licence)


def is_non_commercial(licence: str) -> bool:
    """Whether a licence forbids commercial use (Creative Commons NC)."""
    return "-NC" in licence.upper().replace(" ", "-")


@dataclass(frozen=True)
class MonitorPublisher:
    monitor: str  # "Monitor Langer Thuis", the programme's monitor
    publisher: str  # as the editions name it (RIVM; Ministerie van VWS)


@dataclass(frozen=True)
class Citation:
    """How to cite a programme's latest monitor, and where it is published."""
    text: str
    url: str


@dataclass(frozen=True)
class AboutView:
    """The colophon: who publishes, when the content was last loaded, how to cite each
    programme's latest monitor; also whom the accessibility statement sends readers to."""
    last_update: str
    citations: tuple[Citation, ...]
    sources: tuple[SourceView, ...]
    #: (publisher, address of its latest monitor) for each publisher of an edition
    publishers: tuple[tuple[str, str], ...] = ()
    monitors: tuple[MonitorPublisher, ...] = ()  # who publishes each programme's monitor

    @property
    def non_commercial(self) -> bool:
        return any(s.non_commercial for s in self.sources)


def last_update(data: Dataset, lang: str) -> str:
    """The day the content was last loaded, as text ("" before the first load)."""
    loaded = dt.datetime.fromisoformat(data.version).date() if data.version != "empty" else None
    return date_text(loaded, lang)


def citation(edition: m.Edition, lang: str) -> str:
    """How to cite an edition: publisher, title and (when known) the publication date."""
    when = date_text(edition.publication_date, lang)  # the title carries the year
    return f"{edition.publisher or 'RIVM'}. {edition.title}." + (f" {when}." if when else "")


def about_view(data: Dataset, lang: str) -> AboutView:
    latest = {}
    for edition in sorted(data.editions, key=lambda e: e.year):
        latest[edition.programme_id] = edition
    return AboutView(last_update(data, lang),
                     tuple(Citation(citation(e, lang), e.url or "") for e in latest.values()),
                     tuple(SourceView(s.title, s.url, s.publisher, s.licence, s.attribution)
                           for s in data.data_sources),
                     _publishers(data), _monitors(data, lang))


#: The long name of a publisher as the editions name it, where there is one.
PUBLISHER_NAMES = {
    "RIVM": N_("RIVM (National Institute for Public Health and the Environment), "
               "commissioned by the Ministry of Health, Welfare and Sport (VWS)"),
    "Ministerie van VWS": N_("The Ministry of Health, Welfare and Sport (VWS)")}


def publisher_name(publisher: str, lang: str) -> str:
    message = PUBLISHER_NAMES.get(publisher)
    return translations(lang).gettext(message) if message else publisher


def _monitors(data: Dataset, lang: str) -> tuple[MonitorPublisher, ...]:
    """Each programme and who publishes its monitor, with the latest edition's title."""
    out = {}
    for edition in sorted(data.editions, key=lambda e: e.year):
        out[edition.programme_id] = MonitorPublisher(
            localised(edition.programme.name, edition.programme.name_en, lang),
            publisher_name(edition.publisher or "", lang) + " ("
            + localised(edition.title, edition.title_en, lang) + ")")
    return tuple(out.values())


def _publishers(data: Dataset) -> tuple[tuple[str, str], ...]:
    latest: dict[str, str] = {}
    for edition in sorted(data.editions, key=lambda e: e.year):
        if edition.publisher:
            latest[edition.publisher] = edition.url or ""
    return tuple(latest.items())
