"""The snapshot of one content version: every view the outputs render, built once from one
read of the store. The website, the API, the downloads, the report and the static site all
render from the same snapshot; a new content version (written by `load`) is noticed by its
version and the snapshot is rebuilt once, in every process that shares the database."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..analysis import EditionAnalysis, analyse
from ..analysis.reflection import reflect
from ..errors import NotFound
from ..i18n import LANGUAGES, localised
from ..store import queries
from ..store.dataset import Dataset, read_dataset
from . import resources as r
from .changes import Change, changes_view
from .catalogue import Metadata, catalogue_record, metadata_view
from .dashboard import DashboardView, dashboard_view, edition_links
from .framework import ActionsView, ProgrammeView, actions_view, main_programme, programme_view
from .figures import FigureView
from .housing import HousingMonitor, housing_monitor, housing_page
from .indicator import IndicatorView, indicator_view
from .initiative_map import MapData, map_data, map_view
from .methods import MethodsView, methods_view
from .municipality import MunicipalityData, municipality_data
from .pages import (AboutView, ReflectionView, SearchIndex, about_view, citation, last_update,
                    publisher_name,
                    search_index)
from .published import IntroView, intro_view, published_reflection
from .report import ReportView
from .values import date_text, edition_title

#: How many rendered artefacts (pages with query strings, PDFs) a snapshot keeps.
ARTEFACTS = 1024


@dataclass(frozen=True)
class Resources:
    """The API's resources, in the order the API lists them."""
    programmes: tuple[r.Programme, ...]
    action_lines: tuple[r.ActionLine, ...]
    goals: tuple[r.Goal, ...]
    actions: tuple[r.Action, ...]
    organisations: tuple[r.Organisation, ...]
    indicators: tuple[r.Indicator, ...]
    editions: tuple[r.Edition, ...]
    measurements: tuple[r.Measurement, ...]
    tables: tuple[r.Table, ...]
    stories: tuple[r.Story, ...]
    initiative_kinds: tuple[r.InitiativeKind, ...]
    initiatives: tuple[r.Initiative, ...]
    municipalities: tuple[r.Municipality, ...]
    references: tuple[r.Reference, ...]
    quality_notes: tuple[r.QualityNote, ...]
    claims: tuple[r.Claim, ...]
    relations: tuple[r.Relation, ...]
    findings: tuple[r.Finding, ...]
    reflection: tuple[r.ReflectionPoint, ...]
    introduction: tuple[r.IntroSection, ...]
    table_checks: dict[str, dict]
    analyses: dict[str, dict]  # edition id -> the analysis as the API shows it
    dataset: r.DatasetInfo | None = None  # what the open data says about itself
    catalogue: dict | None = None  # the same as its content file holds it


@dataclass(frozen=True)
class ProgrammeLink:
    """A programme as the site's programme switcher offers it."""
    id: str
    name: str  # in the language of the page
    latest_year: int | None  # of its latest edition; None when it has none


@dataclass
class Snapshot:
    version: str
    editions: tuple[tuple[str, int], ...]  # (id, year), oldest first
    latest_year: int
    analyses: dict[str, EditionAnalysis]
    dashboards: dict[tuple[int, str], DashboardView]
    indicators: dict[tuple[str, str], IndicatorView]
    indicators_as_of: dict[tuple[str, str, int], IndicatorView]  # (id, lang, edition year)
    reflections: dict[tuple[int, str], ReflectionView]
    methods: dict[tuple[int, str], MethodsView]
    programme: dict[tuple[str, str], ProgrammeView]  # (programme id, lang)
    actions: dict[tuple[str, str], ActionsView]  # (programme id, lang)
    maps: MapData
    municipalities: MunicipalityData
    search: SearchIndex
    about: dict[str, AboutView]
    introduction: dict[str, IntroView]
    reports: dict[tuple[int, str], ReportView]
    resources: Resources
    #: every chart of the indicator pages by (id, language), for its downloads
    figures: dict[tuple[str, str], FigureView] = field(default_factory=dict)
    housing: HousingMonitor | None = None
    main: str = ""  # the programme the site opens with (Langer Thuis)
    programmes: dict[str, tuple[ProgrammeLink, ...]] = field(default_factory=dict)  # per lang
    programme_of: dict[tuple[str, object], str] = field(default_factory=dict)
    metadata: Metadata | None = None  # what the open data says about itself
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # per lang, newest first
    _artefacts: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _locks: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def edition_id(self, year: int) -> str:
        found = [i for i, y in self.editions if y == year]
        if not found:
            known = ", ".join(str(y) for _, y in self.editions) or "none (run load)"
            raise NotFound(f"no edition {year}; known editions: {known}")
        return found[0]

    def current_programme(self, page: str, params: dict) -> str:
        """The programme a page belongs to: that of its edition, indicator or programme
        parameter; the main programme for pages of the whole site."""
        for kind in ("programme", "year", "id"):
            if kind in params:
                return self.programme_of.get((kind, params[kind]), self.main)
        return self.main

    def artefact(self, key: tuple, build: Callable[[], Any]) -> Any:
        """What `build` makes for `key`, made once per snapshot even under concurrent
        requests (others asking for the same key wait for it; other keys go on)."""
        with self._lock:
            if key in self._artefacts:
                self._artefacts.move_to_end(key)
                return self._artefacts[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._artefacts:
                    return self._artefacts[key]
            value = build()
            with self._lock:
                self._artefacts[key] = value
                self._locks.pop(key, None)
                while len(self._artefacts) > ARTEFACTS:
                    self._artefacts.popitem(last=False)
            return value


def _resources(data: Dataset, analyses: dict[str, EditionAnalysis],
               municipalities: MunicipalityData, metadata: Metadata | None = None) -> Resources:
    shown: dict[str, list[str]] = {}
    for e in data.editions:
        for entry in e.entries:
            if entry.measurement_id:
                shown.setdefault(entry.measurement_id, []).append(e.id)

    def many(model, items):
        return tuple(model.model_validate(x) for x in items)
    lines = [al for p in data.programmes for al in p.action_lines]
    return Resources(
        programmes=many(r.Programme, data.programmes),
        action_lines=many(r.ActionLine, sorted(lines, key=lambda a: (a.programme_id, a.number))),
        goals=many(r.Goal, sorted((g for al in lines for g in al.goals), key=lambda g: g.id)),
        actions=many(r.Action, data.actions),
        organisations=many(r.Organisation, data.organisations),
        indicators=many(r.Indicator, data.indicators),
        editions=many(r.Edition, data.editions),
        measurements=tuple(r.Measurement.model_validate(x).model_copy(
            update={"editions": shown.get(x.id, [])}) for x in data.measurements),
        tables=many(r.Table, sorted(data.tables, key=lambda t: t.id)),
        stories=many(r.Story, sorted(data.stories, key=lambda s: s.id)),
        initiative_kinds=many(r.InitiativeKind, data.initiative_kinds),
        initiatives=many(r.Initiative, sorted(data.initiatives, key=lambda i: i.id)),
        municipalities=tuple(r.Municipality.model_validate(x).model_copy(
            update={"population_year": municipalities.population_year})
            for x in sorted(municipalities.items, key=lambda x: x.code)),
        references=many(r.Reference, data.references),
        quality_notes=many(r.QualityNote, data.quality_notes),
        claims=many(r.Claim, data.claims),
        relations=many(r.Relation, data.relations),
        findings=many(r.Finding, data.findings),
        reflection=many(r.ReflectionPoint, data.reflection),
        introduction=many(r.IntroSection, data.introduction),
        table_checks={t.id: dict(t.checks) for t in sorted(data.tables, key=lambda t: t.id)
                      if t.checks},
        analyses={k: a.to_dict() for k, a in analyses.items()},
        dataset=r.DatasetInfo.model_validate(metadata) if metadata else None,
        catalogue=catalogue_record(data.catalogue))


def build_snapshot(session: Session, drafts: bool = False) -> Snapshot:
    """Every view of the content in the database, from one read of it: as the public sees
    it, or with `drafts` as editors preview it."""
    data = read_dataset(session, drafts)
    analyses = {e.id: analyse(data, e.id) for e in data.editions}
    programme = main_programme(data)
    municipalities = municipality_data(data)
    housing = housing_monitor(data)
    metadata = metadata_view(data)
    maps = map_data(data, municipalities)
    dashboards, indicators, reflections, reports, methods, as_of = {}, {}, {}, {}, {}, {}
    for lang in LANGUAGES:
        for e in data.editions:
            dashboards[(e.year, lang)] = dashboard_view(data, analyses[e.id], lang)
            reflections[(e.year, lang)] = ReflectionView(
                e.year, reflect(analyses[e.id], lang), edition_links(data, e, lang),
                published_reflection(data, e, lang), e.publisher or "RIVM")
            methods[(e.year, lang)] = methods_view(data, analyses[e.id], lang)
        for i in data.indicators:
            indicators[(i.id, lang)] = indicator_view(data, analyses, i.id, lang)
        for e in data.editions:
            for x in e.entries:
                as_of[(x.indicator_id, lang, e.year)] = indicator_view(
                    data, analyses, x.indicator_id, lang, e.year)
    programmes = {(p.id, lang): programme_view(p, lang) for p in data.programmes
                  for lang in LANGUAGES}
    actions = {(p.id, lang): actions_view(data, p, lang) for p in data.programmes
               for lang in LANGUAGES}
    links = {lang: tuple(ProgrammeLink(p.id, localised(p.name, p.name_en, lang), max(
        (e.year for e in data.programme_editions(p.id)), default=None))
        for p in sorted(data.programmes, key=lambda p: p.start_year)) for lang in LANGUAGES}
    programme_of = {("programme", p.id): p.id for p in data.programmes}
    programme_of.update({("year", e.year): e.programme_id for e in data.editions})
    programme_of.update({("id", a.id): a.programme_id for a in data.actions})
    programme_of.update({("id", i.id): i.programme_id for i in data.indicators})
    with_initiatives = _with_initiatives(data)
    for lang in LANGUAGES:
        for e in data.editions:
            reports[(e.year, lang)] = _report_view(
                data, e, lang, lambda year, lang=lang: dashboards[(year, lang)],
                lambda id, year, lang=lang: as_of[(id, lang, year)],
                reflections[(e.year, lang)], methods[(e.year, lang)],
                maps if e.programme_id in with_initiatives else None, housing)
    return Snapshot(
        version=data.version, editions=tuple((e.id, e.year) for e in
                                             sorted(data.editions, key=lambda e: e.year)),
        latest_year=max((e.year for e in data.programme_editions(programme.id)) if programme
                        else (), default=max((e.year for e in data.editions), default=2021)),
        analyses=analyses,
        dashboards=dashboards, indicators=indicators, indicators_as_of=as_of,
        reflections=reflections, methods=methods,
        programme=programmes, actions=actions, maps=maps, municipalities=municipalities,
        search=search_index(data, municipalities),
        about={lang: about_view(data, lang) for lang in LANGUAGES}, reports=reports,
        introduction={lang: intro_view(data, programme, lang) for lang in LANGUAGES},
        resources=_resources(data, analyses, municipalities, metadata),
        figures=_figures([(k[1], v) for k, v in list(indicators.items()) + list(as_of.items())]),
        housing=housing,
        main=programme.id if programme else "", programmes=links, programme_of=programme_of,
        metadata=metadata, changes={lang: changes_view(data, lang) for lang in LANGUAGES})


def _with_initiatives(data: Dataset) -> set[str]:
    """The programmes with local initiatives: their reports have the initiative map."""
    return {(i.action_line or i.indicator).programme_id for i in data.initiatives
            if i.action_line or i.indicator}


def _report_view(data: Dataset, e, lang: str, dashboard: Callable[[int], DashboardView],
                 indicator: Callable[[str, int], IndicatorView], reflection: ReflectionView,
                 methods: MethodsView, maps: MapData | None,
                 housing: HousingMonitor | None) -> ReportView:
    """The report of edition `e`: `dashboard(year)` and `indicator(id, year)` give the
    views it is made of (from the snapshot's, or made for this report alone)."""
    mine = data.programme_editions(e.programme_id)
    return ReportView(
        lang=lang, edition_id=e.id, year=e.year, title=edition_title(e, lang),
        publisher=e.publisher or "RIVM",
        publisher_name=publisher_name(e.publisher or "RIVM", lang),
        publication_date=date_text(e.publication_date, lang),
        programme=programme_view(e.programme, lang),
        dashboard=dashboard(e.year),
        earlier=tuple(dashboard(x.year) for x in reversed(mine) if x.year < e.year),
        map=(map_view(maps, e.year if e.year in maps.years_with_data() else None,
                      None, None, None, lang) if maps is not None else None),
        indicators=tuple(indicator(x.indicator_id, e.year)
                         for x in sorted(e.entries, key=lambda x: x.number)),
        reflection=reflection.reflection, methods=methods,
        actions=actions_view(data, e.programme, lang, e),
        published_reflection=reflection.published,
        introduction=intro_view(data, e.programme, lang),
        housing=(housing_page(housing, lang) if housing is not None
                 and housing.summary.target.programme == e.programme_id else None),
        last_update=last_update(data, lang), citation=citation(e, lang), url=e.url or "")


class _Analyses(dict):
    """The analyses of a dataset's editions, each made when first asked for."""

    def __init__(self, data: Dataset):
        super().__init__()
        self.data = data

    def __missing__(self, edition_id: str) -> EditionAnalysis:
        self[edition_id] = analyse(self.data, edition_id)
        return self[edition_id]


def build_report_view(session: Session, edition_ref: str, lang: str) -> ReportView:
    """The report of one edition (by year or id) as `build_snapshot` makes it, but only
    what that report needs: the analyses of its programme's editions up to it, its
    dashboards and the indicator views of its entries (`langerthuis report`). Raises
    NotFound for an unknown edition."""
    data = read_dataset(session)
    found = [e for e in data.editions if edition_ref in (e.id, str(e.year))]
    if not found:
        known = ", ".join(f"{e.id} ({e.year})" for e in sorted(
            data.editions, key=lambda e: e.year)) or "none (run load)"
        raise NotFound(f"no edition {edition_ref!r}; known editions: {known}")
    e = found[0]
    analyses = _Analyses(data)
    by_year = {x.year: x for x in data.editions}
    maps = (map_data(data, municipality_data(data))
            if e.programme_id in _with_initiatives(data) else None)
    return _report_view(
        data, e, lang, lambda year: dashboard_view(data, analyses[by_year[year].id], lang),
        lambda id, year: indicator_view(data, analyses, id, lang, year),
        ReflectionView(e.year, reflect(analyses[e.id], lang), edition_links(data, e, lang),
                       published_reflection(data, e, lang)),
        methods_view(data, analyses[e.id], lang), maps, housing_monitor(data))


def _figures(views: list[tuple[str, IndicatorView | None]]) -> dict[tuple[str, str], FigureView]:
    """The charts of the indicator views, by id and language (a table shown in several
    views of an indicator is one chart)."""
    out = {}
    for lang, v in views:
        if v is None:
            continue
        for f in ([v.figure] if v.figure else []) + [t.figure for t in v.tables]:
            out[(f.id, lang)] = f
    return out


class Snapshots:
    """The current snapshot of a database. Each request asks `current()`, which costs one
    short query for the content version; when `load` has written a new version, one thread
    builds the new snapshot while the others keep answering from the previous one."""

    def __init__(self, engine: Engine, on_new: Callable[[Snapshot], None] | None = None,
                 drafts: bool = False):
        """`on_new` runs in a background thread for every new snapshot (for example to
        make what readers will ask for); `drafts` makes the editors' preview."""
        self.engine = engine
        self.on_new = on_new
        self.drafts = drafts
        self._current: Snapshot | None = None
        self._building = threading.Lock()

    def current(self) -> Snapshot:
        with Session(self.engine) as session:
            version = queries.content_version(session)
        snapshot = self._current
        if snapshot is not None and snapshot.version == version:
            return snapshot
        if snapshot is not None and not self._building.acquire(blocking=False):
            return snapshot  # another thread is building the new one
        if snapshot is None:
            self._building.acquire()
        try:
            if self._current is not None and self._current.version == version:
                return self._current
            with Session(self.engine) as session:
                self._current = build_snapshot(session, self.drafts)
            if self.on_new is not None:
                threading.Thread(target=self.on_new, args=(self._current,), daemon=True,
                                 name="snapshot-prebuild").start()
            return self._current
        finally:
            self._building.release()
