"""The recipes. Each has a name, a version, a documented input schema and parameters, and
a `run` written once against Ibis; the engine (DuckDB or Spark) only executes it. What is
computed per respondent or per row happens in the engine; turning the aggregates into a
share with its confidence interval happens here, the same for every engine."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ibis
import numpy as np

from ..errors import LangerThuisError
from .engines import numbers
from .engines import rows as _rows
from .stats import effective_n, mean_interval, wilson


class RecipeError(LangerThuisError):
    pass


@dataclass
class Result:
    value: float | None
    unit: str
    n: int | None = None
    ci95: tuple[float, float] | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)  # breakdown: dims, value, n
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Recipe:
    name: str
    version: str
    description: str
    inputs: dict[str, str]  # column -> meaning and type
    parameters: dict[str, Any]  # name -> default
    run: Callable[..., Result]
    unit: str


def _require(t, columns: list[str], recipe: str) -> None:
    missing = [c for c in columns if c not in t.columns]
    if missing:
        raise RecipeError(f"{recipe}: the input lacks column(s) {', '.join(missing)}; it has "
                          f"{', '.join(t.columns)}")


def _weights(t, weight: str | None, anchor: str):
    """The weight column, or a column of ones (on a column known not to be empty)."""
    if weight:
        return t[weight].cast("float64")
    return t[anchor].cast("float64") * 0.0 + 1.0


def _num(x) -> float:
    return 0.0 if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


# --- threshold share on a 1-10 mark (indicators 1-3; Tabel 2-5) ----------------------------

def threshold_share(t, threshold: float = 7, weight: str | None = None) -> Result:
    _require(t, ["mark"] + ([weight] if weight else []), "threshold-share")
    known = t.filter(t.mark.notnull())
    m = known.mark.cast("float64")
    # The engine passes over the rows once, adding up per distinct mark, which it does
    # fastest (a mark has few distinct values); every figure comes from those sums here.
    if weight:
        w = known[weight].cast("float64")
        per_mark = numbers(known.group_by(mark=m).aggregate(c=known.count(), w=w.sum(),
                                                            w2=(w * w).sum()))
    else:  # the weight of each respondent is 1: counts, which the engine does fastest
        per_mark = numbers(known.group_by(mark=m).aggregate(c=known.count()))
    mark, c = per_mark["mark"], per_mark["c"]
    w = np.nan_to_num(per_mark.get("w", c))  # a mark whose weights are all missing: 0
    bad = int(c[~((mark >= 1) & (mark <= 10))].sum())
    if bad:
        raise RecipeError(f"threshold-share: {bad} mark(s) outside 1-10; a mark is 1 to 10")
    n, sum_w = int(c.sum()), float(w.sum())
    if n == 0 or sum_w == 0:
        return Result(None, "percentage", 0, None, [], {"mean": None})
    share = float(w[mark >= threshold].sum()) / sum_w
    neff = effective_n(sum_w, float(np.nan_to_num(per_mark.get("w2", c)).sum()))
    mean = float((w * mark).sum()) / sum_w
    variance = max(0.0, float((w * mark * mark).sum()) / sum_w - mean * mean)
    low, high = wilson(share, neff)
    bands = [("1-4", mark < 5), ("5-6", (mark >= 5) & (mark < 7)), ("7-10", mark >= 7)]
    return Result(100 * share, "percentage", n, (100 * low, 100 * high),
                  [{"mark_band": b, "value": 100 * float(w[inside].sum()) / sum_w, "n": n}
                   for b, inside in bands],
                  {"mean": mean, "mean_ci95": mean_interval(mean, variance, neff),
                   "effective_n": neff})


# --- life domains without unmet need (indicator 4; Tabel 6) --------------------------------

DOMAINS = [f"domain_{i}" for i in range(1, 10)]


def life_domains(t, k: int = 6, weight: str | None = None) -> Result:
    _require(t, DOMAINS + ([weight] if weight else []), "life-domains")
    complete = t
    for d in DOMAINS:
        complete = complete.filter(complete[d].notnull())
    without = sum((1 - complete[d].cast("int64")) for d in DOMAINS)
    w = _weights(complete, weight, "domain_1")
    row = _rows(complete.aggregate(
        n=complete.count(), sum_w=w.sum(), sum_w2=(w * w).sum(),
        at_least=ibis.ifelse(without >= k, w, 0.0).sum(),
        all_nine=ibis.ifelse(without == 9, w, 0.0).sum(),
        below=ibis.ifelse(without < k, w, 0.0).sum()))[0]
    n, sum_w = int(row["n"]), _num(row["sum_w"])
    if n == 0:
        return Result(None, "percentage", 0)
    share = _num(row["at_least"]) / sum_w
    low, high = wilson(share, effective_n(sum_w, _num(row["sum_w2"])))
    middle = _num(row["at_least"]) - _num(row["all_nine"])
    rows = [("9", row["all_nine"]), (f"8 t/m {k}", middle), (f"{k - 1} of minder", row["below"])]
    return Result(100 * share, "percentage", n, (100 * low, 100 * high),
                  [{"domains_well_arranged": label, "value": 100 * _num(v) / sum_w, "n": n}
                   for label, v in rows])


# --- EDIZ-plus burden (indicator 14; Tabel 12) ---------------------------------------------

ITEMS = [f"item_{i}" for i in range(1, 11)]


def ediz_burden(t, agree_from: int = 4, cutoffs: tuple[int, int, int] = (1, 4, 8),
                weight: str | None = None) -> Result:
    """Each of the ten items answered on a 1-5 scale counts as burdening from `agree_from`;
    the number of burdening items gives the category: below cutoffs[0] none, then light,
    moderate, and from cutoffs[2] severe. The cut-offs are parameters because the exact
    scoring of De Boer et al. (2012), Tijdschrift voor Gerontologie en Geriatrie 43(2):
    77-88, is not available here: check it there before publishing a figure."""
    _require(t, ITEMS + ["sex", "age_group"] + ([weight] if weight else []), "ediz-burden")
    complete = t
    for item in ITEMS:
        complete = complete.filter(complete[item].notnull())
    score = sum(ibis.ifelse(complete[i] >= agree_from, 1, 0) for i in ITEMS)
    w = _weights(complete, weight, "item_1")
    severe = ibis.ifelse(score >= cutoffs[2], w, 0.0)
    rows = []
    total = None
    for dims in ([], ["sex"], ["age_group"]):
        grouped = (complete.group_by(dims) if dims else complete)
        frame = _rows(grouped.aggregate(n=complete.count(), sum_w=w.sum(),
                                        sum_w2=(w * w).sum(), severe=severe.sum()))
        for r in frame:
            sum_w = _num(r["sum_w"])
            share = _num(r["severe"]) / sum_w if sum_w else None
            label = {"sex": r.get("sex", "") if "sex" in dims else "",
                     "age_group": r.get("age_group", "") if "age_group" in dims else ""}
            item = {**label, "value": None if share is None else 100 * share, "n": int(r["n"])}
            if share is not None:
                low, high = wilson(share, effective_n(sum_w, _num(r["sum_w2"])))
                item["ci95"] = (100 * low, 100 * high)
            rows.append(item)
            if not dims:
                total = item
    if total is None or total["value"] is None:
        return Result(None, "percentage", 0, None, rows)
    return Result(total["value"], "percentage", total["n"], total.get("ci95"),
                  sorted(rows, key=lambda r: (r["sex"], r["age_group"])))


# --- oldest-old support ratio (indicator 18; Tabel 14; Figuur 8) ---------------------------

CARER_BANDS = ["50-54", "55-59", "60-64", "65-69", "70-74"]
OLDEST_BANDS = ["85-89", "90-94", "95+"]


def support_ratio(t, group_by: tuple[str, ...] = ()) -> Result:
    """People aged 50-74 per person aged 85 or older, per group (for example municipality
    or region) and for all rows together (rows without a group included)."""
    _require(t, ["age_band", "persons", *group_by], "oldest-old-support-ratio")
    # The engine passes over the rows once, adding up persons per group and age band in
    # the column's own type (exact for counts), which it does fastest (there are few of
    # each); then per group the carers and the oldest old; the ratios come from those here.
    per_band = t.group_by([*group_by, "age_band"]).aggregate(persons=t.persons.sum())
    kind = ibis.cases((per_band.age_band.isin(CARER_BANDS), "carers"),
                      (per_band.age_band.isin(OLDEST_BANDS), "oldest"), else_="other")
    totals: dict[tuple, dict[str, float]] = defaultdict(lambda: {"carers": 0.0, "oldest": 0.0})
    for r in _rows(per_band.group_by([*group_by, kind.name("kind")]).aggregate(
            persons=per_band.persons.sum())):
        group = totals[tuple(r[g] for g in group_by)]  # every group has a row, if of zeros
        if r["kind"] != "other":
            group[r["kind"]] = _num(r["persons"])
    rows = [{**{g: str(v) for g, v in zip(group_by, key)},
             "value": s["carers"] / s["oldest"] if s["oldest"] else None,
             "carers": s["carers"], "oldest": s["oldest"]}
            for key, s in totals.items()
            if not any(v is None for v in key)]  # rows without a group: in the total only
    rows.sort(key=lambda r: tuple(r[g] for g in group_by))
    carers = math.fsum(s["carers"] for s in totals.values())
    oldest = math.fsum(s["oldest"] for s in totals.values())
    return Result(carers / oldest if oldest else None, "ratio", None, None, rows,
                  {"carers": carers, "oldest": oldest})


# --- hours to full-time equivalents, amount (indicator 8) ----------------------------------

def hours_to_fte(t, hours_per_year: float = 1872, billable_share: float = 0.6) -> Result:
    _require(t, ["year", "hours"], "hours-to-fte")
    has_tariff = "tariff" in t.columns
    expr = t.mutate(fte=t.hours.cast("float64") / (hours_per_year * billable_share),
                    amount=(t.hours.cast("float64") * t.tariff.cast("float64"))
                    if has_tariff else ibis.null().cast("float64"))
    rows = [{"year": str(r["year"]), "value": float(r["fte"]),
             "amount": None if r["amount"] is None or (isinstance(r["amount"], float)
                                                       and math.isnan(r["amount"]))
             else float(r["amount"])}
            for r in _rows(expr[["year", "fte", "amount"]].order_by("year"))]
    latest = rows[-1]["value"] if rows else None
    return Result(latest, "count", len(rows), None, rows)


# --- carrying forward non-respondents (indicator 9) ----------------------------------------

def carry_forward(t, year: int) -> Result:
    """Organisations asked every year whether they have all four functionalities. For each,
    the latest known answer up to `year` counts: a non-respondent's earlier answer is
    carried forward. The result is the share with all four."""
    _require(t, ["organisation", "year", "all_four"], "carry-forward")
    known = t.filter(t.all_four.notnull() & (t.year <= year))
    last = known.group_by("organisation").aggregate(
        answer=known.all_four.cast("int64").argmax(known.year), answered=known.year.max())
    row = _rows(last.aggregate(n=last.count(), yes=last.answer.sum(),
                                carried=ibis.ifelse(last.answered < year, 1, 0).sum()))[0]
    n = int(row["n"])
    if n == 0:
        return Result(None, "percentage", 0)
    share = _num(row["yes"]) / n
    return Result(100 * share, "percentage", n, None, [],
                  {"carried_forward": int(_num(row["carried"])), "year": year})


RECIPES = {r.name: r for r in [
    Recipe("threshold-share", "1", "Share of respondents whose mark (1-10) is at or above a "
           "threshold, with the distribution over 1-4, 5-6 and 7-10 and the mean.",
           {"mark": "number 1-10, the respondent's (mean) mark; empty when unknown",
            "weight": "number, optional survey weight"},
           {"threshold": 7, "weight": None}, threshold_share, "percentage"),
    Recipe("life-domains", "1", "Number of the nine life domains without unmet need for "
           "support, and the share of respondents with at least k of them.",
           {f"domain_{i}": "0/1, 1 = needs more or other help in this life domain"
            for i in range(1, 10)} | {"weight": "number, optional survey weight"},
           {"k": 6, "weight": None}, life_domains, "percentage"),
    Recipe("ediz-burden", "1", "EDIZ-plus burden category from ten items and the share "
           "severely burdened, in total, by sex and by age group.",
           {f"item_{i}": "integer 1-5, answer to EDIZ-plus item i" for i in range(1, 11)}
           | {"sex": "text", "age_group": "text", "weight": "number, optional"},
           {"agree_from": 4, "cutoffs": (1, 4, 8), "weight": None}, ediz_burden, "percentage"),
    Recipe("oldest-old-support-ratio", "1", "People aged 50-74 per person aged 85 or older.",
           {"age_band": "text, five-year band such as 50-54 or 95+",
            "persons": "integer, residents", "<group columns>": "text, for group_by"},
           {"group_by": ()}, support_ratio, "ratio"),
    Recipe("hours-to-fte", "1", "Hours to full-time equivalents (1,872 workable hours a year, "
           "60% billable) and the amount as hours times tariff.",
           {"year": "integer", "hours": "number", "tariff": "number, optional, euro per hour"},
           {"hours_per_year": 1872, "billable_share": 0.6}, hours_to_fte, "count"),
    Recipe("carry-forward", "1", "Share of organisations with all four functionalities, the "
           "last known answer of a non-respondent carried forward.",
           {"organisation": "text", "year": "integer",
            "all_four": "0/1, empty when the organisation did not answer that year"},
           {"year": None}, carry_forward, "percentage"),
]}
