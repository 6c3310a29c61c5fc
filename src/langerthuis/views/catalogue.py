"""What the open data says about itself, in one place: the title and description, publisher
and contact point, licences and the sources of each download (content file
`catalogue.yaml`), with the coverage (programmes, editions, years) and the dates read from
the editions. The API, the Data Package, the DCAT catalogue, the feeds and the citations
render this view."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import model as m
from ..i18n import localised
from ..store.dataset import Dataset


@dataclass(frozen=True)
class Licence:
    id: str
    title: str
    title_en: str
    url: str
    spdx: str | None

    def title_in(self, lang: str) -> str:
        return localised(self.title, self.title_en, lang)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    organisation: str  # its name
    url: str | None
    licence: Licence | None  # one of the catalogue's licences; None where it states none
    programmes: tuple[str, ...]
    resources: tuple[str, ...]
    #: The licence in the source's own words (the maps' sources name theirs so).
    licence_note: str | None = None


@dataclass(frozen=True)
class EditionCoverage:
    id: str
    year: int
    title: str
    title_en: str
    publication_date: dt.date | None
    url: str | None


@dataclass(frozen=True)
class ProgrammeCoverage:
    id: str
    name: str
    name_en: str
    start_year: int
    end_year: int | None  # None: still running
    editions: tuple[EditionCoverage, ...]  # published ones, oldest first

    def years(self) -> str:
        """2018-2021, or 2022- for a programme still running."""
        return f"{self.start_year}-{self.end_year or ''}"


@dataclass(frozen=True)
class Metadata:
    id: str
    title: str
    title_en: str
    description: str
    description_en: str
    publisher: str  # the organisation's name
    publisher_short: str  # its abbreviation (RIVM), else its name
    publisher_url: str | None
    publisher_uri: str | None
    contact_name: str
    contact_email: str | None
    contact_url: str | None
    licence: Licence
    licences: tuple[Licence, ...]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    keywords_en: tuple[str, ...]
    spatial: str | None
    spatial_scheme: str | None
    sources: tuple[Source, ...]
    programmes: tuple[ProgrammeCoverage, ...]  # oldest first
    #: The years the monitor covers: from the first programme's start to the last edition.
    first_year: int | None
    last_year: int | None
    issued: dt.date | None  # the first publication of an edition
    modified: dt.date | None  # the last publication or revision

    def title_in(self, lang: str) -> str:
        return localised(self.title, self.title_en, lang)

    def description_in(self, lang: str) -> str:
        return localised(self.description, self.description_en, lang)

    def keywords_in(self, lang: str) -> tuple[str, ...]:
        return self.keywords_en if lang == "en" and self.keywords_en else self.keywords

    def coverage(self, lang: str) -> str:
        """The programmes with their years and editions: "Langer Thuis 2018-2021 (editions
        2019, 2020, 2021); WOZO 2022- (edition 2023)"."""
        words = {"nl": ("editie", "edities"), "en": ("edition", "editions")}[lang]
        parts = []
        for p in self.programmes:
            years = ", ".join(str(e.year) for e in p.editions)
            shown = f" ({words[len(p.editions) > 1]} {years})" if years else ""
            parts.append(f"{localised(p.name, p.name_en, lang)} {p.years()}{shown}")
        return "; ".join(parts)

    def sources_of(self, resource: str) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if resource in s.resources)

    def licence_line(self) -> str:
        """What a download's header says: the licence and whom to name."""
        return f"{self.licence.title_en}; source {self.publisher_short}, {self.title}"


def metadata_view(data: Dataset) -> Metadata | None:
    """The open data's metadata; None when the content has no catalogue.yaml."""
    cat = data.catalogue
    if cat is None:
        return None
    orgs = {o.id: o for o in data.organisations}
    licences = {x["id"]: _licence(x) for x in cat.licences}
    publisher = orgs[cat.publisher_id]
    programmes = tuple(_coverage(data, p) for p in sorted(data.programmes,
                                                          key=lambda p: p.start_year))
    published = [e for p in programmes for e in p.editions]
    dates = [e.publication_date for e in published if e.publication_date]
    revised = [r.revised_on for x in data.measurements for r in x.revisions]
    return Metadata(
        id=cat.id, title=cat.title, title_en=cat.title_en or cat.title,
        description=cat.description, description_en=cat.description_en or cat.description,
        publisher=publisher.name, publisher_short=publisher.abbreviation or publisher.name,
        publisher_url=publisher.url, publisher_uri=cat.publisher_uri,
        contact_name=cat.contact_name, contact_email=cat.contact_email,
        contact_url=cat.contact_url, licence=licences[cat.licence],
        licences=tuple(licences.values()), themes=tuple(cat.themes),
        keywords=tuple(cat.keywords), keywords_en=tuple(cat.keywords_en),
        spatial=cat.spatial, spatial_scheme=cat.spatial_scheme,
        sources=tuple(Source(s["id"], s["title"], orgs[s["organisation"]].name, s.get("url"),
                             licences.get(s.get("licence")), tuple(s.get("programmes", ())),
                             tuple(s.get("resources", ())),
                             licences[s["licence"]].title if s.get("licence") else None)
                      for s in cat.sources) + tuple(
            Source(g.id, g.title, g.publisher, g.url, None, (), ("municipalities",), g.licence)
            for g in data.data_sources),
        programmes=programmes,
        first_year=min((p.start_year for p in programmes), default=None),
        last_year=max((e.year for e in published), default=None),
        issued=min(dates, default=None), modified=max(dates + revised, default=None))


def catalogue_record(cat: m.Catalogue | None) -> dict | None:
    """The catalogue as its content file holds it (for the whole-dataset export, which
    `langerthuis import` reads back)."""
    if cat is None:
        return None
    out = {}
    for column in cat.__table__.columns:
        value = getattr(cat, column.key)
        if value not in (None, [], {}):
            out[column.key.removesuffix("_id")] = value
    return out


def _licence(x: dict) -> Licence:
    return Licence(x["id"], x["title"], x.get("title_en") or x["title"], x["url"],
                   x.get("spdx"))


def _coverage(data: Dataset, p: m.Programme) -> ProgrammeCoverage:
    return ProgrammeCoverage(
        p.id, p.name, p.name_en or p.name, p.start_year, p.end_year,
        tuple(EditionCoverage(e.id, e.year, e.title, e.title_en or e.title, e.publication_date,
                              e.url)
              for e in data.programme_editions(p.id) if e.status == "published"))
