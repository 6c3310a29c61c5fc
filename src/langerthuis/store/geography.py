"""Writing the geography built from the open data into the database."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import model as m
from ..geography.maps import simplified_geojson
from ..geography.registry import Registry
from ..geography.sources import REGION_YEAR, SOURCES

GEO_TABLES = (m.Municipality, m.MunicipalityLink, m.MapShape, m.DataSource, m.Population)


def write_geography(session: Session, registry: Registry,
                    population: tuple[int, list[tuple[str, str, float]]] | None = None) -> int:
    """Replace the stored geography with `registry` (and the residents per municipality and
    age band, when given); returns the number of rows written."""
    for table in GEO_TABLES:
        session.query(table).delete()
    rows: list[m.Base] = []
    for year in registry.years:
        for x in registry.in_year(year):
            region = {layer: getattr(x, layer) for layer in
                      ("province", "ggd_region", "care_office_region")}
            rows.append(m.Municipality(
                year=year, code=x.code, name=x.name,
                province_code=region["province"].code if region["province"] else None,
                province=region["province"].name if region["province"] else None,
                ggd_region_code=region["ggd_region"].code if region["ggd_region"] else None,
                ggd_region=region["ggd_region"].name if region["ggd_region"] else None,
                care_office_region_code=(region["care_office_region"].code
                                         if region["care_office_region"] else None),
                care_office_region=(region["care_office_region"].name
                                    if region["care_office_region"] else None),
                shrinking_region=x.shrinking_region, derived=x.derived, note=x.note))
            rows.append(m.MapShape(layer="municipality", year=year, code=x.code, name=x.name,
                                   geometry=simplified_geojson(registry.shapes[year][x.code])))
    for links in registry.links.values():
        rows += [m.MunicipalityLink(from_year=k.from_year, from_code=k.from_code,
                                    to_year=k.to_year, to_code=k.to_code, weight=k.weight,
                                    method=k.method, exact=k.exact) for k in links]
    for layer, regions in registry.regions.items():
        rows += [m.MapShape(layer=layer, year=REGION_YEAR, code=r.code, name=r.name,
                            geometry=simplified_geojson(registry.region_shapes[layer][r.code]))
                 for r in regions]
    rows += [m.DataSource(id=s.id, title=s.title, publisher=s.publisher, licence=s.licence,
                          url=s.url, attribution=s.attribution, note=s.note or None)
             for s in SOURCES]
    if population is not None:
        year, counts = population
        rows += [m.Population(year=year, code=code, age_band=band, persons=persons)
                 for code, band, persons in counts]
    session.add_all(rows)
    session.flush()
    return len(rows)
