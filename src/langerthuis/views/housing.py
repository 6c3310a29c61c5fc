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

from collections import defaultdict
from dataclasses import dataclass

from ..charts import Chart
from ..model.vocabulary import DeliveryStatus, TargetKind
from ..store.dataset import Dataset

ALL = "all"  # the row of all categories together
NATIONAL = "NL"


@dataclass(frozen=True)
class Progress:
    """One area and one category (or `all`) against its target."""

    level: str  # national, province, municipality
    code: str
    name: str | None
    province_code: str | None
    category: str
    target: int | None
    target_kind: str | None  # official or estimate for areas; None for the national target
    planned: int
    realised: int
    share_realised: float | None
    share_planned_or_realised: float | None
    remaining: int | None
    pace_needed: float | None
    synthetic: bool


@dataclass(frozen=True)
class YearProgress:
    category: str
    year: int
    planned: int
    realised: int
    realised_cumulative: int
    synthetic: bool


@dataclass(frozen=True)
class Disagreement:
    project: int
    name: str | None
    municipality_code: str
    category: str
    field: str
    chosen: str
    source: str
    values: dict[str, str]
    synthetic: bool


@dataclass(frozen=True)
class SourceImport:
    source: str
    file_name: str
    records: int
    imported_at: str
    synthetic: bool


@dataclass(frozen=True)
class HousingMonitor:
    target_id: str
    programme: str
    title: str
    title_en: str | None
    summary: str | None
    summary_en: str | None
    source_location: str | None
    target_year: int
    homes: int
    homes_built: int | None
    target_kind: str | None  # the kind of the per-area targets in use; None without any
    categories: tuple[str, ...]
    reference_year: int | None
    years_left: int | None
    synthetic: bool
    has_deliveries: bool
    national: tuple[Progress, ...]
    provinces: tuple[Progress, ...]
    municipalities: tuple[Progress, ...]
    years: tuple[YearProgress, ...]
    imports: tuple[SourceImport, ...]
    disagreements: tuple[Disagreement, ...]
    disagreement_count: int
    review_count: int

    def area(self, level: str) -> tuple[Progress, ...]:
        return {"national": self.national, "province": self.provinces,
                "municipality": self.municipalities}[level]


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
                 done: dict[str, int]) -> Progress:
        planned, realised = done.get(DeliveryStatus.PLANNED, 0), done.get(DeliveryStatus.REALISED, 0)
        remaining = max(0, target_homes - realised) if target_homes is not None else None
        pace = (round(remaining / years_left, 1) if remaining is not None and years_left
                and years_left > 0 else None)
        return Progress(level, code, name, province, category, target_homes, kind, planned,
                        realised, _share(realised, target_homes),
                        _share(planned + realised, target_homes), remaining, pace, synthetic)

    by_category = sums(lambda code, cat: [(NATIONAL, cat), (NATIONAL, ALL)])
    national_rows = [progress("national", NATIONAL, None, None, c, national[c], None,
                              by_category[(NATIONAL, c)]) for c in categories]
    national_rows.append(progress("national", NATIONAL, None, None, ALL, target.homes, None,
                                  by_category[(NATIONAL, ALL)]))
    areas = [a for a in h.area_targets if a.target_id == target.id]
    kind = (TargetKind.OFFICIAL if any(a.kind == TargetKind.OFFICIAL for a in areas)
            else TargetKind.ESTIMATE if areas else None)
    areas = [a for a in areas if a.kind == kind]
    levels: dict[str, list[Progress]] = {"province": [], "municipality": []}
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
    return HousingMonitor(
        target_id=target.id, programme=target.programme, title=target.title,
        title_en=target.title_en, summary=target.summary, summary_en=target.summary_en,
        source_location=target.source_location, target_year=target.target_year,
        homes=target.homes, homes_built=target.homes_built, target_kind=kind,
        categories=categories, reference_year=reference, years_left=years_left,
        synthetic=synthetic, has_deliveries=bool(h.imports),
        national=tuple(national_rows), provinces=tuple(levels["province"]),
        municipalities=tuple(levels["municipality"]),
        years=_years(counted, categories, synthetic, target.target_year),
        imports=tuple(SourceImport(i.source, i.file_name, i.records,
                                   i.imported_at.isoformat(timespec="seconds"), i.synthetic)
                      for i in h.imports),
        disagreements=tuple(Disagreement(p.id, p.name, p.municipality_code, p.category,
                                         d["field"], str(d["chosen"]), d["source"],
                                         {k: str(v) for k, v in d["values"].items()}, synthetic)
                            for p in h.disagreeing for d in p.disagreements),
        disagreement_count=h.disagreeing_count, review_count=h.review_count)


def _years(counted: list[tuple], categories: tuple[str, ...], synthetic: bool,
           target_year: int) -> tuple[YearProgress, ...]:
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
            out.append(YearProgress(category, year, done.get(DeliveryStatus.PLANNED, 0),
                                    done.get(DeliveryStatus.REALISED, 0), cumulative,
                                    synthetic))
    return tuple(out)


@dataclass(frozen=True)
class HousingPage:
    """The housing monitor as the website shows it in one language."""

    monitor: HousingMonitor
    title: str
    summary: str
    kind_label: str | None
    categories: dict[str, str]  # category -> its name in the page's language
    sources: dict[str, str]  # source -> its title in the page's language
    fields: dict[str, str]
    statuses: dict[str, str]
    chart: Chart
    national: tuple[Progress, ...]
    provinces: tuple[Progress, ...]  # all categories together
    municipalities: tuple[Progress, ...]
    years: tuple[YearProgress, ...]  # all categories together
    disagreements: tuple[Disagreement, ...]  # the first ones; the downloads hold all


#: Disagreements the page lists (the downloads and the API have every one).
PAGE_DISAGREEMENTS = 25


def housing_page(monitor: HousingMonitor, lang: str) -> HousingPage:
    from ..charts import bar_chart
    from ..formatting import format_number
    from ..housing.deliveries import SOURCES
    from ..i18n import localised, translations
    from ..i18n.labels import (DELIVERY_FIELDS, DELIVERY_STATUSES, HOUSING_CATEGORIES,
                               TARGET_KINDS, label)
    _ = translations(lang).gettext
    names = {c: label(HOUSING_CATEGORIES, c, lang) for c in monitor.categories}
    names[ALL] = _("all homes for older people")
    chart = bar_chart(
        [(names[p.category], p.share_realised) for p in monitor.national],
        _("Share of the target realised, per kind of home"),
        _("Realised homes as a percentage of the national target of each kind of home, up "
          "to and including {year}; the table beside it gives the numbers.")
        .format(year=monitor.target_year),
        lambda v: "–" if v is None else f"{format_number(v, 1, lang)}%", maximum=100.0)
    return HousingPage(
        monitor=monitor, title=localised(monitor.title, monitor.title_en, lang),
        summary=localised(monitor.summary, monitor.summary_en, lang),
        kind_label=label(TARGET_KINDS, monitor.target_kind, lang) if monitor.target_kind else None,
        categories=names,
        sources={k: localised(s.title, s.title_en, lang) for k, s in SOURCES.items()},
        fields={k: label(DELIVERY_FIELDS, k, lang) for k in DELIVERY_FIELDS},
        statuses={k: label(DELIVERY_STATUSES, k, lang) for k in DELIVERY_STATUSES},
        chart=chart, national=monitor.national,
        provinces=tuple(p for p in monitor.provinces if p.category == ALL),
        municipalities=tuple(p for p in monitor.municipalities if p.category == ALL),
        years=tuple(y for y in monitor.years if y.category == ALL),
        disagreements=monitor.disagreements[:PAGE_DISAGREEMENTS])
