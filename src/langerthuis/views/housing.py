"""The housing monitor: planned and realised homes for older people per category against
the national target, nationally, per province and per municipality, per year up to the
target year, with the share of the target reached and the pace needed for the rest.

Built once per content version from the store's `HousingData`; the website, the API and
the downloads render these objects. Every row says which kind of per-area target it is
measured against (official, or our estimate) and whether the deliveries are synthetic.

Definitions:
- planned / realised: the homes of the linked projects (each counted once, see
  housing/linking.py) with that status and a year up to and including the target year;
- share realised: realised homes as a percentage of the target; share planned or
  realised: the same for planned and realised homes together;
- pace needed: the homes still to be realised divided by the years left after the
  reference year (the latest year with realised homes) up to and including the target
  year; empty when nothing is realised yet or no year is left."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..charts import Chart
from ..model.vocabulary import DeliveryStatus, TargetKind
from ..store.dataset import Dataset
from . import resources as r

ALL = "all"  # the row of all categories together
NATIONAL = "NL"


@dataclass(frozen=True)
class HousingMonitor:
    """The monitor: `summary` is the target with the national progress, the years, the
    imports and the counts (the API's `/api/housing`); the areas and disagreements are
    the API's collections."""

    summary: r.HousingMonitor
    provinces: tuple[r.HousingProgress, ...]
    municipalities: tuple[r.HousingProgress, ...]
    disagreements: tuple[r.HousingDisagreement, ...]
    #: the municipal boundaries of the areas' year, for the map (code, name, geometry)
    shapes: tuple[tuple[str, str, dict], ...] = ()


def _share(part: int, whole: int | None) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def housing_monitor(data: Dataset) -> HousingMonitor | None:
    """The monitor of the first housing target, or None without one."""
    h = data.housing
    if not h.targets:
        return None
    target = h.targets[0]
    synthetic = any(i.synthetic for i in h.imports)
    categories = tuple(c.category for c in target.categories)
    national = {c.category: c.homes for c in target.categories}
    year_of_registry = max((x.year for x in data.municipalities), default=None)
    province_of = {x.code: x.province_code for x in data.municipalities
                   if x.year == year_of_registry}
    counted = [t for t in h.totals if t[3] <= target.target_year]
    realised_years = [t[3] for t in counted if t[2] == DeliveryStatus.REALISED]
    reference = max(realised_years, default=None)
    years_left = target.target_year - reference if reference is not None else None

    def sums(key) -> dict[tuple, dict[str, int]]:
        out: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for code, category, status, _, homes, _ in counted:
            for k in key(code, category):
                out[k][status] += homes
        return out

    def progress(level: str, code: str, name: str | None, province: str | None,
                 category: str, target_homes: int | None, kind: str | None,
                 done: dict[str, int]) -> r.HousingProgress:
        planned, realised = done.get(DeliveryStatus.PLANNED, 0), done.get(DeliveryStatus.REALISED, 0)
        remaining = max(0, target_homes - realised) if target_homes is not None else None
        pace = (round(remaining / years_left, 1) if remaining is not None and years_left
                and years_left > 0 else None)
        return r.HousingProgress(
            level=level, code=code, name=name, province_code=province, category=category,
            target=target_homes, target_kind=kind, planned=planned, realised=realised,
            share_realised=_share(realised, target_homes),
            share_planned_or_realised=_share(planned + realised, target_homes),
            remaining=remaining, pace_needed=pace, synthetic=synthetic)

    by_category = sums(lambda code, cat: [(NATIONAL, cat), (NATIONAL, ALL)])
    national_rows = [progress("national", NATIONAL, None, None, c, national[c], None,
                              by_category[(NATIONAL, c)]) for c in categories]
    national_rows.append(progress("national", NATIONAL, None, None, ALL, target.homes, None,
                                  by_category[(NATIONAL, ALL)]))
    areas = [a for a in h.area_targets if a.target_id == target.id]
    kind = (TargetKind.OFFICIAL if any(a.kind == TargetKind.OFFICIAL for a in areas)
            else TargetKind.ESTIMATE if areas else None)
    areas = [a for a in areas if a.kind == kind]
    levels: dict[str, list[r.HousingProgress]] = {"province": [], "municipality": []}
    for level, key in (("province", lambda code, cat: [(province_of.get(code), cat),
                                                       (province_of.get(code), ALL)]),
                       ("municipality", lambda code, cat: [(code, cat), (code, ALL)])):
        done = sums(key)
        mine = [a for a in areas if a.level == level]
        names = {a.code: a.name for a in mine}
        goal = {(a.code, a.category): a.homes for a in mine}
        for code in sorted(names):
            province = province_of.get(code) if level == "municipality" else None
            for c in categories:
                levels[level].append(progress(level, code, names[code], province, c,
                                              goal.get((code, c)), kind, done[(code, c)]))
            whole = sum(goal.get((code, c), 0) for c in categories)
            levels[level].append(progress(level, code, names[code], province, ALL, whole,
                                          kind, done[(code, ALL)]))
    summary = r.HousingMonitor(
        target=r.HousingTarget.model_validate(target), target_kind=kind,
        categories=list(categories), reference_year=reference, years_left=years_left,
        synthetic=synthetic, has_deliveries=bool(h.imports), national=national_rows,
        years=list(_years(counted, categories, synthetic, target.target_year)),
        imports=[r.HousingImport(source=i.source, file_name=i.file_name, records=i.records,
                                 imported_at=i.imported_at.isoformat(timespec="seconds"),
                                 synthetic=i.synthetic) for i in h.imports],
        disagreement_count=h.disagreeing_count, review_count=h.review_count)
    codes = {p.code for p in levels["municipality"]}
    shapes = tuple((s.code, s.name or s.code, s.geometry)
                   for s in data.shapes.get(year_of_registry, ()) if s.code in codes)
    return HousingMonitor(
        shapes=shapes, summary=summary, provinces=tuple(levels["province"]),
        municipalities=tuple(levels["municipality"]),
        disagreements=tuple(r.HousingDisagreement(
            project=p.id, name=p.name, municipality_code=p.municipality_code,
            category=p.category, field=d["field"], chosen=str(d["chosen"]), source=d["source"],
            values={k: str(v) for k, v in d["values"].items()}, synthetic=synthetic)
            for p in h.disagreeing for d in p.disagreements))


def _years(counted: list[tuple], categories: tuple[str, ...], synthetic: bool,
           target_year: int) -> tuple[r.HousingYear, ...]:
    """Planned and realised homes per year and category (and all together), from the
    first year with deliveries up to the target year."""
    if not counted:
        return ()
    per: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _, category, status, year, homes, _ in counted:
        per[(category, year)][status] += homes
        per[(ALL, year)][status] += homes
    first, last = min(t[3] for t in counted), target_year
    out = []
    for category in (*categories, ALL):
        cumulative = 0
        for year in range(first, last + 1):
            done = per.get((category, year), {})
            cumulative += done.get(DeliveryStatus.REALISED, 0)
            out.append(r.HousingYear(category=category, year=year,
                                     planned=done.get(DeliveryStatus.PLANNED, 0),
                                     realised=done.get(DeliveryStatus.REALISED, 0),
                                     realised_cumulative=cumulative, synthetic=synthetic))
    return tuple(out)


@dataclass(frozen=True)
class HousingPage:
    """The housing monitor as the website shows it in one language."""

    monitor: r.HousingMonitor
    title: str
    summary: str
    kind_label: str | None
    categories: dict[str, str]  # category -> its name in the page's language
    sources: dict[str, str]  # source -> its title in the page's language
    short_sources: dict[str, str]  # source -> its short name
    fields: dict[str, str]
    statuses: dict[str, str]
    imported_on: dict[str, str]  # source -> the date of its import, as the language writes it
    chart: Chart
    map: Chart | None  # the municipalities coloured; the table per municipality is its text
    provinces: tuple[r.HousingProgress, ...]  # all categories together
    municipalities: tuple[r.HousingProgress, ...]
    years: tuple[r.HousingYear, ...]  # all categories together
    disagreements: tuple[r.HousingDisagreement, ...]  # the first; the downloads hold all


#: Disagreements the page lists (the downloads and the API have every one).
PAGE_DISAGREEMENTS = 25


def housing_page(housing: HousingMonitor, lang: str) -> HousingPage:
    from ..charts import bar_chart
    from ..formatting import format_date, format_number
    from ..housing.deliveries import SOURCES
    from ..i18n import localised, translations
    from ..i18n.labels import (DELIVERY_FIELDS, DELIVERY_STATUSES, HOUSING_CATEGORIES,
                               TARGET_KINDS, label)
    _ = translations(lang).gettext
    monitor = housing.summary
    names = {c: label(HOUSING_CATEGORIES, c, lang) for c in monitor.categories}
    names[ALL] = _("all homes for older people")
    chart = bar_chart(
        [(names[p.category], p.share_realised) for p in monitor.national],
        _("Share of the target realised, per kind of home"),
        _("Realised homes as a percentage of the national target of each kind of home, up "
          "to and including {year}; the table beside it gives the numbers.")
        .format(year=monitor.target.target_year),
        lambda v: "–" if v is None else f"{format_number(v, 1, lang)}%",
        lambda v, decimals: format_number(v, decimals, lang),
        _("Share of the target realised (%)"), maximum=100.0,
        totals=frozenset({names[ALL]}))
    return HousingPage(
        map=_map(housing, lang),
        monitor=monitor, title=localised(monitor.target.title, monitor.target.title_en, lang),
        summary=localised(monitor.target.summary, monitor.target.summary_en, lang),
        kind_label=label(TARGET_KINDS, monitor.target_kind, lang) if monitor.target_kind else None,
        categories=names,
        sources={k: localised(s.title, s.title_en, lang) for k, s in SOURCES.items()},
        short_sources={k: localised(s.short, s.short_en, lang) for k, s in SOURCES.items()},
        fields={k: label(DELIVERY_FIELDS, k, lang) for k in DELIVERY_FIELDS},
        statuses={k: label(DELIVERY_STATUSES, k, lang) for k in DELIVERY_STATUSES},
        imported_on={i.source: format_date(dt.date.fromisoformat(i.imported_at[:10]), lang)
                     for i in monitor.imports},
        chart=chart,
        provinces=tuple(p for p in housing.provinces if p.category == ALL),
        municipalities=tuple(p for p in housing.municipalities if p.category == ALL),
        years=tuple(y for y in monitor.years if y.category == ALL),
        disagreements=housing.disagreements[:PAGE_DISAGREEMENTS])


@dataclass(frozen=True)
class AreaHousing:
    """One area's housing task for its page: a row per kind of home and one for all."""

    rows: tuple[r.HousingProgress, ...]
    categories: dict[str, str]  # category -> its name in the reader's language
    kind_label: str  # official target, or our estimate
    estimate: bool
    synthetic: bool
    target_year: int


def municipality_housing(housing: HousingMonitor | None, code: str,
                         lang: str) -> AreaHousing | None:
    """The housing task of the municipality `code`, or None when there is none."""
    from ..i18n import translations
    from ..i18n.labels import HOUSING_CATEGORIES, TARGET_KINDS, label
    if housing is None:
        return None
    rows = tuple(p for p in housing.municipalities if p.code == code)
    if not rows:
        return None
    _ = translations(lang).gettext
    monitor = housing.summary
    names = {c: label(HOUSING_CATEGORIES, c, lang) for c in monitor.categories}
    names[ALL] = _("all homes for older people")
    return AreaHousing(rows, names, label(TARGET_KINDS, monitor.target_kind, lang),
                       monitor.target_kind == TargetKind.ESTIMATE, monitor.synthetic,
                       monitor.target.target_year)


def _map(housing: HousingMonitor, lang: str) -> Chart | None:
    """The municipalities coloured by the share of their target planned or realised; before
    any delivery is imported, by their target (where the task lies)."""
    from ..charts.maps import CLASS_COLOURS, NO_DATA, Area, Legend, classes, municipality_map
    from ..formatting import format_number
    from ..geography.sources import MAP_CREDITS
    from ..i18n import translations
    from ..i18n.labels import TARGET_KINDS, label
    _ = translations(lang).gettext
    rows = {p.code: p for p in housing.municipalities if p.category == ALL}
    if not housing.shapes or not rows:
        return None
    monitor = housing.summary
    if monitor.has_deliveries:
        values = {c: p.share_planned_or_realised for c, p in rows.items()
                  if p.share_planned_or_realised is not None}
        subject = _("Share of the target planned or realised")
        unit, decimals = _("% of the target; higher is further"), 1
    else:
        values = {c: float(p.target) for c, p in rows.items() if p.target is not None}
        subject = _("Target of homes for older people")
        unit, decimals = _("homes; {kind}").format(
            kind=label(TARGET_KINDS, monitor.target_kind, lang)), 0
    klass, bounds = classes(values)
    areas = [Area(code, name, geometry, klass.get(code))
             for code, name, geometry in housing.shapes]
    legend = Legend(f"{subject} ({unit})", tuple(
        [(CLASS_COLOURS[k], "area", f"{format_number(lo, decimals, lang)} – "
          f"{format_number(hi, decimals, lang)}") for k, (lo, hi) in enumerate(bounds)]
        + [(NO_DATA, "area", _("no data"))]))
    title = _("{subject}, per municipality").format(subject=subject)
    description = _("Each municipality coloured by {subject}; the table per municipality "
                    "below gives every value.").format(subject=subject.lower())
    return municipality_map(areas, title, description, [legend],
                            _("Map: {credits}").format(credits=MAP_CREDITS))
