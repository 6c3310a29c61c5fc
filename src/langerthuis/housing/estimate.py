"""Our estimate of each municipality's and province's share of the national housing target,
used until the official breakdown is imported.

Method (reproducible from the CBS open data): every category of the national target is
shared over the municipalities in proportion to their residents aged 75 and over on
1 January 2021 (CBS postcode data, see compute/population.py), carried to the
municipalities of the newest year of the registry over the crosswalk between the years.
Homes are whole numbers that add up exactly to each category's national figure
(largest-remainder rounding, `rounding.py`); a province's share is the sum of its
municipalities'. Residents of postcodes without a municipality count for no one."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..content import schema as s
from ..geography.registry import Registry
from ..model.vocabulary import TargetKind
from .rounding import largest_remainder

#: Age bands of residents aged 75 and over in the CBS postcode data.
AGES_75_PLUS = ("75-79", "80-84", "85-89", "90-94", "95+")
METHOD = ("our estimate: the national target shared in proportion to residents aged 75+ "
          "on 1 January 2021 (CBS), largest-remainder rounding")


@dataclass(frozen=True)
class AreaTargetRow:
    """A province's or municipality's homes of one category of a target."""

    target_id: str
    kind: str
    year: int
    level: str  # province, municipality
    code: str
    name: str | None
    category: str
    homes: int
    source: str


def residents_75_plus(population: pd.DataFrame, registry: Registry, from_year: int,
                      to_year: int) -> dict[str, float]:
    """Residents aged 75+ per municipality of `to_year`, from `population` (columns
    municipality_code of `from_year`, age_band, persons)."""
    old = population[population["age_band"].isin(AGES_75_PLUS)]
    by_code = old.groupby("municipality_code")["persons"].sum().to_dict()
    out: dict[str, float] = defaultdict(float)
    for link in registry.crosswalk(from_year, to_year):
        out[link.to_code] += by_code.get(link.from_code, 0.0) * link.weight
    return dict(out)


def estimate_from_open_data(targets: list[s.HousingTargetSpec], data,
                            registry: Registry) -> list[AreaTargetRow]:
    """The estimate for the newest year of the registry, from the open data."""
    from ..compute.population import YEAR, municipal_population
    if not targets:
        return []
    population, _ = municipal_population(data, registry)
    year = registry.years[-1]
    return estimate(targets, residents_75_plus(population, registry, YEAR, year), registry, year)


def estimate(targets: list[s.HousingTargetSpec], weights: dict[str, float],
             registry: Registry, year: int) -> list[AreaTargetRow]:
    """The estimated rows of every category of every target, for the municipalities of
    `year` and their provinces."""
    municipalities = {m.code: m for m in registry.in_year(year)}
    weights = {c: weights.get(c, 0.0) for c in municipalities}
    rows: list[AreaTargetRow] = []
    for target in targets:
        for category in target.categories:
            shares = largest_remainder(category.homes, weights)
            provinces: dict[str, int] = defaultdict(int)
            names: dict[str, str] = {}
            for code, homes in sorted(shares.items()):
                m = municipalities[code]
                rows.append(AreaTargetRow(target.id, str(TargetKind.ESTIMATE), year, "municipality",
                                          code, m.name, category.category, homes, METHOD))
                if m.province is not None:
                    provinces[m.province.code] += homes
                    names[m.province.code] = m.province.name
            rows += [AreaTargetRow(target.id, str(TargetKind.ESTIMATE), year, "province", code,
                                   names[code], category.category, homes, METHOD)
                     for code, homes in sorted(provinces.items())]
    return rows
