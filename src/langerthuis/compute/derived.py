"""Figures we compute ourselves from the open data when the content is loaded: the
oldest-old support ratio per municipality, per shrinking region and for the country on
1 January 2021. It is labelled as our own computation from CBS data, not a figure of a
monitor edition, and shown on the map's choropleth."""
from __future__ import annotations

from ..content import ContentSet
from ..content import schema as s
from ..errors import Where
from ..geography.registry import Registry
from ..geography.sources import OpenData
from . import RECIPES
from .engines import connect, table
from .population import municipal_population
from .provenance import checksum, provenance

INDICATOR = "oldest-old-support-ratio"
MEASUREMENT = "oldest-old-support-ratio-2021-cbs"


def support_ratio_2021(data: OpenData, registry: Registry, engine: str = "duckdb"):
    """The result per municipality, per shrinking region and for the Netherlands."""
    population, notes = municipal_population(data, registry)
    recipe = RECIPES[INDICATOR]
    con = connect(engine)
    t = table(con, population, "population")
    country = recipe.run(t)
    municipal = recipe.run(t, group_by=("municipality_code",))
    regional = recipe.run(t, group_by=("shrinking_region",))
    return country, municipal, regional, notes


def add_support_ratio(content: ContentSet, data: OpenData, registry: Registry) -> bool:
    programme = next((p for p in content.programmes
                      if any(i.id == INDICATOR for i in p.indicators)), None)
    if programme is None:
        return False
    country, municipal, regional, notes = support_ratio_2021(data, registry)
    krimp_carers = sum(r["carers"] for r in regional.rows)
    krimp_oldest = sum(r["oldest"] for r in regional.rows)
    origin = provenance(RECIPES[INDICATOR], "duckdb", checksum(data.population()),
                        {"group_by": ["municipality_code", "shrinking_region"]})
    where = Where(str(data.population()))
    measurement = s.MeasurementSpec(
        id=MEASUREMENT, indicator=INDICATOR, value=round(krimp_carers / krimp_oldest, 2),
        decimals=2, reference_date="2021-01-01", reference_period="1 januari 2021",
        reference_period_en="1 January 2021",
        sources=["CBS (83502NED, 83503NED)"],
        notes="Berekend door Monitor Langer Thuis uit de inwoners per postcode en leeftijd van "
              "het CBS op 1 januari 2021; geen cijfer uit een editie van de monitor. Nederland: "
              f"{country.value:.2f}".replace(".", ",") + ".",
        notes_en="Computed by Monitor Langer Thuis from CBS residents by postcode and age on "
                 "1 January 2021; not a figure of a monitor edition. The Netherlands: "
                 f"{country.value:.2f}. " + " ".join(notes),
        source_location="shared/data/population", provenance=origin)
    measurement._where = where
    rows = []
    for r in municipal.rows:
        rows.append(s.TableRowSpec(dimensions={"municipality_code": r["municipality_code"],
                                               "shrinking_region": ""},
                                   value=round(r["value"], 2), unit="ratio"))
    for r in regional.rows:
        rows.append(s.TableRowSpec(dimensions={"municipality_code": "",
                                               "shrinking_region": r["shrinking_region"]},
                                   value=round(r["value"], 2), unit="ratio"))
    rows.append(s.TableRowSpec(dimensions={"municipality_code": "", "shrinking_region": ""},
                               value=round(country.value, 2), unit="ratio"))
    for row in rows:
        row._where = where
    spec = s.TableSpec(id=f"{MEASUREMENT}-table", measurement=MEASUREMENT, number=1,
                       title="Oldest-old support ratio per gemeente, 1 januari 2021 "
                             "(eigen berekening uit CBS-gegevens)",
                       title_en="Oldest-old support ratio per municipality, 1 January 2021 "
                                "(own computation from CBS data)",
                       unit="ratio", decimals=2,
                       dimensions=["municipality_code", "shrinking_region"], file="(computed)",
                       labels_en={"shrinking_region": {  # names of regions: the same words
                           r["shrinking_region"]: r["shrinking_region"] for r in regional.rows}},
                       source_location="shared/data/population, computed at load")
    spec._where = where
    programme.measurements.append(measurement)
    programme.tables.append(spec)
    programme.table_rows[spec.id] = rows
    return True
