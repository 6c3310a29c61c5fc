"""Synthetic deliveries for tests and the demonstration: realistic files for every source,
with the same projects in several sources (so linking has work to do), disagreements
between them (a few homes more or less, a year later, planned in one and realised in
another), name variants, and plans without a place yet. Every row says `synthetic=yes`;
the import stores that, and every view of the deliveries says the data is synthetic.

Reproducible: the same seed, municipalities and size give the same files."""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from ..model.vocabulary import DeliveryStatus, HousingCategory
from .deliveries import COMMON, OPTIONAL, SOURCES

_FIRST = ("Hof van", "Park", "Residentie", "De", "Het", "Huize", "Buurtschap", "Erf",
          "Woonhof", "Villa")
_SECOND = ("Aaron", "Linde", "Eikenhorst", "Zonnewende", "Meander", "Boomgaard", "Vlinder",
           "Kastanje", "Weidezicht", "Molenhof", "Beukenrode", "Rozengaarde", "Waterkant",
           "Esdoorn", "Klaproos", "Horizon", "Dorpshart", "Noorderlicht", "Heide", "Bongerd")
_STREETS = ("Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Stationsweg",
            "Julianastraat", "Beatrixlaan", "Nieuwstraat", "Parklaan", "Emmastraat")
_CATEGORY_WEIGHTS = {HousingCategory.ZERO_STEP: 17, HousingCategory.CLUSTERED: 8,
                     HousingCategory.CARE_SUITABLE: 4}
#: Share of projects each source reports, by whether it may report the project at all.
_COVER = {"woonbase": 0.9, "dvi": 0.35, "housebuilding-monitor": 0.8, "zn": 0.7,
          "subsidy": 0.4}


@dataclass(frozen=True)
class _Project:
    number: int
    name: str
    municipality_code: str
    category: str
    status: str
    homes: int
    year: int
    bag_id: str
    street: str
    house_number: str
    postcode: str


def _projects(rng: random.Random, count: int, municipalities: list[str]) -> list[_Project]:
    out = []
    categories = list(_CATEGORY_WEIGHTS)
    for n in range(1, count + 1):
        code = rng.choice(municipalities)
        category = rng.choices(categories, weights=list(_CATEGORY_WEIGHTS.values()))[0]
        year = rng.randint(2022, 2030)
        realised = year <= 2024 and rng.random() < 0.8
        homes = max(4, int(rng.lognormvariate(3.3, 0.6)))
        out.append(_Project(
            n, f"{rng.choice(_FIRST)} {rng.choice(_SECOND)} {n}", code, category,
            DeliveryStatus.REALISED if realised else DeliveryStatus.PLANNED, homes, year,
            f"{code[2:]}10{n:010d}", rng.choice(_STREETS), str(rng.randint(1, 250)),
            f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
            f"{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"))
    return out


def _reports(source: str, p: _Project) -> bool:
    s = SOURCES[source]
    return p.category in s.categories and p.status in s.statuses or (
        p.category in s.categories and DeliveryStatus.PLANNED in s.statuses
        and source == "subsidy")


def _row(rng: random.Random, source: str, p: _Project, number: int) -> dict[str, object]:
    s = SOURCES[source]
    status = p.status if p.status in s.statuses else DeliveryStatus.PLANNED
    homes, year = p.homes, p.year
    if rng.random() < 0.12:  # a disagreement with the other sources
        homes = max(1, homes + rng.choice((-3, -2, -1, 1, 2, 4)))
    if rng.random() < 0.05:
        year = min(2030, year + 1)
    if source == "housebuilding-monitor" and p.status == DeliveryStatus.REALISED \
            and rng.random() < 0.1:
        status = DeliveryStatus.PLANNED  # the monitor has not caught up yet
    located = s.needs_bag_id or rng.random() < 0.9
    with_bag = s.needs_bag_id or (located and rng.random() < 0.5)
    with_address = located and (not with_bag or rng.random() < 0.6)
    name = p.name
    if rng.random() < 0.3:
        name = rng.choice((name.upper(), f"Woonzorgcomplex {name}", name.replace(" ", "  "),
                           f"{name} (fase 1)"))
    return {
        s.id_column: f"{source[:3].upper()}-{number:07d}",
        "project_name": name if s.needs_name or rng.random() < 0.8 else "",
        "bag_id": p.bag_id if with_bag else "",
        "street": p.street if with_address else "",
        "house_number": p.house_number if with_address else "",
        "postcode": (p.postcode if rng.random() < 0.5 else f"{p.postcode[:4]} {p.postcode[4:].lower()}")
        if with_address else "",
        "municipality_code": p.municipality_code, "category": p.category, "status": status,
        "homes": homes, "year": year, "synthetic": "yes"}


def generate(directory: Path, municipalities: list[str], records: int = 10_000,
             seed: int = 2030) -> dict[str, Path]:
    """Write one file per source (`<source>.csv`) into `directory`, about `records` rows in
    all; returns the path of each source's file."""
    rng = random.Random(seed)
    municipalities = sorted(municipalities)
    if not municipalities:
        raise ValueError("no municipalities to place the projects in")
    projects = _projects(rng, max(1, round(records / 1.65)), municipalities)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for source, s in SOURCES.items():
        path = directory / f"{source}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=[s.id_column, *COMMON, *OPTIONAL])
            writer.writeheader()
            number = 0
            for p in projects:
                if _reports(source, p) and rng.random() < _COVER[source]:
                    number += 1
                    writer.writerow(_row(rng, source, p, number))
        paths[source] = path
    return paths
