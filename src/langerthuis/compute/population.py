"""The residents of each municipality by age band, from the CBS postcode data in the open
data folder (1 January 2021): PC4 rows only (the PC2 and PC3 rows are the packager's sums),
each postcode assigned to the municipality it overlaps most, named as in the 2021 map."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ..geography.errors import UnknownMunicipality
from ..geography.registry import Registry
from ..geography.sources import OpenData
from .recipes import RecipeError

YEAR = 2021


def municipal_population(data: OpenData, registry: Registry) -> tuple[pd.DataFrame, list[str]]:
    """Columns municipality_code, shrinking_region, age_band, persons; and notes on what is
    approximate. A postcode without a municipality in postcodes.csv keeps an empty code (it
    counts for the country, not for a municipality). A postcode named after a municipality
    that no longer exists in 2021 is shared over its successors by the crosswalk."""
    with data.postcodes().open(encoding="utf-8") as f:
        municipality = {row["postcode"]: row["gemeente"] for row in csv.DictReader(f)
                        if row["niveau"] == "PC4"}
    shares: dict[str, list[tuple[str, float]]] = {}
    notes: list[str] = []
    for name in sorted({n for n in municipality.values() if n}):
        try:
            shares[name] = [(registry.lookup(name, YEAR).code, 1.0)]
            continue
        except UnknownMunicipality:
            pass
        try:
            old = registry.lookup(name, YEAR - 1)
        except UnknownMunicipality as exc:
            raise RecipeError(f"{data.postcodes()}: {exc}") from exc
        links = [k for k in registry.crosswalk(YEAR - 1, YEAR) if k.from_code == old.code]
        shares[name] = [(k.to_code, k.weight) for k in links]
        notes.append(f"{name} ({old.code}, dissolved on 1 January {YEAR}): its residents are "
                     f"shared over {', '.join(k.to_code for k in links)} by area; approximate")
    frame = pd.read_csv(data.population(), dtype={"postcode": str})
    frame = frame[frame["niveau"] == "PC4"]
    frame["target"] = frame["postcode"].map(
        lambda p: shares.get(municipality.get(p, ""), [(None, 1.0)]))
    out = frame.explode("target", ignore_index=True)
    out["municipality_code"] = out["target"].map(lambda t: t[0])
    out["inwoners"] = out["inwoners"] * out["target"].map(lambda t: t[1])
    missing = sorted(p for p, n in municipality.items() if not n and p in set(frame["postcode"]))
    if missing:
        notes.append(f"{len(missing)} postcodes have no municipality in postcodes.csv; their "
                     "residents count for the country only")
    regions = {m.code: m.shrinking_region for m in registry.in_year(YEAR)}
    out["shrinking_region"] = out["municipality_code"].map(regions)
    out = out.rename(columns={"leeftijd": "age_band", "inwoners": "persons"})
    return out[["municipality_code", "shrinking_region", "age_band", "persons"]], notes


def write_population(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def age_bands(data: OpenData, registry: Registry) -> tuple[int, list[tuple[str, str, float]]]:
    """The year and, per municipality code of that year and age band, the number of
    residents (code '' for postcodes without a municipality): what `load` stores for the
    municipality pages."""
    frame, _notes = municipal_population(data, registry)
    frame = frame.assign(municipality_code=frame["municipality_code"].fillna(""))
    summed = frame.groupby(["municipality_code", "age_band"], as_index=False)["persons"].sum()
    return YEAR, [(r.municipality_code, r.age_band, float(r.persons))
                  for r in summed.itertuples(index=False)]
