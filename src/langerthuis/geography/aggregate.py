"""Aggregating municipal values to regions and the country in a way that respects the unit:
counts and amounts add up; a share or a ratio is recomputed from its numerator and
denominator; a mark is averaged only with its number of respondents; nothing else is summed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import LangerThuisError
from ..model.vocabulary import Unit

ADDITIVE = {Unit.COUNT, Unit.HOURS, Unit.EURO}
#: Units given as a numerator over a denominator; a percentage is 100 times the quotient.
QUOTIENTS = {Unit.PERCENTAGE: 100.0, Unit.RATIO: 1.0, Unit.MARK: 1.0}


class AggregationError(LangerThuisError):
    pass


@dataclass(frozen=True)
class Quotient:
    """A value as numerator over denominator: for a share, (people with the trait, people);
    for the oldest-old support ratio, (people aged 50-74, people aged 85+); for a mean mark,
    (sum of marks, respondents)."""

    numerator: float
    denominator: float


def aggregate(values: Mapping[str, float | Quotient], unit: str,
              group_of: Callable[[str], str | None]) -> dict[str, float]:
    """The value per group (region, or one group for the country) of municipal `values`.
    Municipalities whose group is None are left out."""
    unit = Unit(unit)
    if unit in ADDITIVE:
        sums: dict[str, float] = defaultdict(float)
        for code, value in values.items():
            if isinstance(value, Quotient):
                raise AggregationError(f"{code}: a {unit} adds up; give the number itself, "
                                       "not a numerator and denominator")
            group = group_of(code)
            if group is not None:
                sums[group] += value
        return dict(sums)
    if unit not in QUOTIENTS:
        raise AggregationError(f"values in {unit} cannot be aggregated")
    num: dict[str, float] = defaultdict(float)
    den: dict[str, float] = defaultdict(float)
    for code, value in values.items():
        if not isinstance(value, Quotient):
            raise AggregationError(
                f"{code}: a {unit} cannot be summed or averaged as it stands; give its numerator "
                f"and denominator (Quotient) so the regional value can be recomputed")
        group = group_of(code)
        if group is not None:
            num[group] += value.numerator
            den[group] += value.denominator
    return {g: (num[g] / den[g] * QUOTIENTS[unit] if den[g] else float("nan")) for g in num}
