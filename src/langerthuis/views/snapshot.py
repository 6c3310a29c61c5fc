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
from ..i18n import LANGUAGES
from ..store import queries
from ..store.dataset import Dataset, read_dataset
from . import resources as r
from .dashboard import DashboardView, dashboard_view, edition_links
from .framework import ActionsView, ProgrammeView, actions_view, main_programme, programme_view
from .indicator import IndicatorView, indicator_view
from .initiative_map import MapData, map_data, map_view
from .methods import MethodsView, methods_view
from .pages import AboutView, ReflectionView, SearchIndex, about_view, search_index
from .published import IntroView, intro_view, published_reflection
from .report import ReportView
from .values import date_text

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
    initiatives: tuple[r.Initiative, ...]
    references: tuple[r.Reference, ...]
    quality_notes: tuple[r.QualityNote, ...]
    claims: tuple[r.Claim, ...]
    relations: tuple[r.Relation, ...]
    findings: tuple[r.Finding, ...]
    reflection: tuple[r.ReflectionPoint, ...]
    introduction: tuple[r.IntroSection, ...]
    table_checks: dict[str, dict]
    analyses: dict[str, dict]  # edition id -> the analysis as the API shows it


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
    programme: dict[str, ProgrammeView]
    actions: dict[str, ActionsView]
    maps: MapData
    search: SearchIndex
    about: dict[str, AboutView]
    introduction: dict[str, IntroView]
    reports: dict[tuple[int, str], ReportView]
    resources: Resources
    _artefacts: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _locks: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def edition_id(self, year: int) -> str:
        found = [i for i, y in self.editions if y == year]
        if not found:
            known = ", ".join(str(y) for _, y in self.editions) or "none (run load)"
            raise NotFound(f"no edition {year}; known editions: {known}")
        return found[0]

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


def _resources(data: Dataset, analyses: dict[str, EditionAnalysis]) -> Resources:
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
        initiatives=many(r.Initiative, sorted(data.initiatives, key=lambda i: i.id)),
        references=many(r.Reference, data.references),
        quality_notes=many(r.QualityNote, data.quality_notes),
        claims=many(r.Claim, data.claims),
        relations=many(r.Relation, data.relations),
        findings=many(r.Finding, data.findings),
        reflection=many(r.ReflectionPoint, data.reflection),
        introduction=many(r.IntroSection, data.introduction),
        table_checks={t.id: dict(t.checks) for t in sorted(data.tables, key=lambda t: t.id)
                      if t.checks},
        analyses={k: a.to_dict() for k, a in analyses.items()})


def build_snapshot(session: Session) -> Snapshot:
    """Every view of the content in the database, from one read of it."""
    data = read_dataset(session)
    analyses = {e.id: analyse(data, e.id) for e in data.editions}
    programme = main_programme(data)
    maps = map_data(data)
    dashboards, indicators, reflections, reports, methods, as_of = {}, {}, {}, {}, {}, {}
    for lang in LANGUAGES:
        for e in data.editions:
            dashboards[(e.year, lang)] = dashboard_view(data, analyses[e.id], lang)
            reflections[(e.year, lang)] = ReflectionView(
                e.year, reflect(analyses[e.id], lang), edition_links(data, e),
                published_reflection(data, e, lang))
            methods[(e.year, lang)] = methods_view(data, analyses[e.id], lang)
        for i in data.indicators:
            indicators[(i.id, lang)] = indicator_view(data, analyses, i.id, lang)
        for e in data.editions:
            for x in e.entries:
                as_of[(x.indicator_id, lang, e.year)] = indicator_view(
                    data, analyses, x.indicator_id, lang, e.year)
    programmes = {lang: programme_view(programme, lang) for lang in LANGUAGES} if programme else {}
    actions = {lang: actions_view(data, programme, lang) for lang in LANGUAGES} if programme else {}
    for lang in LANGUAGES:
        for e in data.editions:
            mine = data.programme_editions(e.programme_id)
            reports[(e.year, lang)] = ReportView(
                lang=lang, edition_id=e.id, year=e.year, title=e.title,
                publisher=e.publisher or "RIVM",
                publication_date=date_text(e.publication_date, lang),
                programme=programme_view(e.programme, lang),
                dashboard=dashboards[(e.year, lang)],
                earlier=tuple(dashboards[(x.year, lang)] for x in reversed(mine)
                              if x.year < e.year),
                map=map_view(maps, e.year if e.year in maps.years_with_data() else None,
                             None, None, None, lang),
                indicators=tuple(as_of[(x.indicator_id, lang, e.year)]
                                 for x in sorted(e.entries, key=lambda x: x.number)),
                reflection=reflections[(e.year, lang)].reflection,
                methods=methods[(e.year, lang)],
                actions=actions_view(data, e.programme, lang),
                published_reflection=reflections[(e.year, lang)].published,
                introduction=intro_view(data, e.programme, lang))
    return Snapshot(
        version=data.version, editions=tuple((e.id, e.year) for e in
                                             sorted(data.editions, key=lambda e: e.year)),
        latest_year=max((e.year for e in data.editions), default=2021), analyses=analyses,
        dashboards=dashboards, indicators=indicators, indicators_as_of=as_of,
        reflections=reflections, methods=methods,
        programme=programmes, actions=actions, maps=maps, search=search_index(data),
        about={lang: about_view(data, lang) for lang in LANGUAGES},
        introduction={lang: intro_view(data, programme, lang) for lang in LANGUAGES},
        reports=reports, resources=_resources(data, analyses))


class Snapshots:
    """The current snapshot of a database. Each request asks `current()`, which costs one
    short query for the content version; when `load` has written a new version, one thread
    builds the new snapshot while the others keep answering from the previous one."""

    def __init__(self, engine: Engine, on_new: Callable[[Snapshot], None] | None = None):
        """`on_new` runs in a background thread for every new snapshot (for example to
        make what readers will ask for)."""
        self.engine = engine
        self.on_new = on_new
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
                self._current = build_snapshot(session)
            if self.on_new is not None:
                threading.Thread(target=self.on_new, args=(self._current,), daemon=True,
                                 name="snapshot-prebuild").start()
            return self._current
        finally:
            self._building.release()
