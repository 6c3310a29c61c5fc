"""Where the open data lives and whom to credit. The files are read from the configured
open data directory (LANGERTHUIS_OPEN_DATA_DIR); nothing is copied into the repository."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import OpenDataMissing

#: Years with CBS municipal boundaries in the open data.
BOUNDARY_YEARS = (2019, 2020, 2021, 2022)
#: Years the registry covers: boundary years, then years derived through the address crosswalk.
REGISTRY_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
#: Year of the region maps (province, GGD region, care office region).
REGION_YEAR = 2020


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    licence: str
    url: str
    attribution: str  # the names to credit, without a word of any language
    note: str = ""


SOURCES = [
    Source("cbs-boundaries", "Gebiedsindelingen (gegeneraliseerd): gemeenten 2019-2022, "
           "provincies, GGD-regio's en zorgkantoorregio's 2020", "CBS, Kadaster (PDOK)",
           "CC BY 4.0", "https://www.pdok.nl/", "CBS, Kadaster",
           "Simplified to TopoJSON by the repository cartomap/nl, which states no licence of "
           "its own; the upstream CBS/PDOK terms apply."),
    Source("krimpregios-2019", "Indeling gemeenten krimpregio's en anticipeerregio's per "
           "1 januari 2019", "Rijksoverheid", "CC0 (Rijksoverheid)",
           "https://www.rijksoverheid.nl/documenten/publicaties/2019/07/25/"
           "indeling-gemeenten-krimpregios-en-anticipeerregios-per-1-januari-2019",
           "Rijksoverheid", "The anticipating regions are not in the open data here."),
    Source("address-crosswalk", "Omzetting van adressen tussen gemeentelijke indelingen "
           "2018-2024 (R-package grenswijzigen)", "VNG; CBS, Kadaster",
           "CC BY-NC-SA 4.0", "https://github.com/reidhin/grenswijzigen",
           "VNG (grenswijzigen), CBS, Kadaster",
           "Used only for the years without boundaries (2023, 2024) and to check the "
           "crosswalk derived from the CBS boundaries; non-commercial licence."),
    Source("cbs-population-pc4", "Inwoners per postcode (PC4) en leeftijd, 1 januari 2021 "
           "(83502NED, 83503NED)", "CBS", "CC BY 4.0", "https://www.cbs.nl/", "CBS"),
]


#: Who made the boundaries every map is drawn on (the credit line shown with it).
MAP_CREDITS = "CBS, Kadaster (CC BY 4.0)"


@dataclass(frozen=True)
class OpenData:
    root: Path

    def file(self, *parts: str) -> Path:
        path = self.root.joinpath(*parts)
        if not path.exists():
            raise OpenDataMissing(f"{path} is missing; set LANGERTHUIS_OPEN_DATA_DIR to the "
                                  "folder with the open data (see shared/data/README.md)")
        return path

    def municipalities(self, year: int) -> Path:
        return self.file("boundaries", "cartomap", f"gemeente_{year}.topojson")

    def regions(self, layer: str) -> Path:
        return self.file("boundaries", "cartomap", f"{layer}_{REGION_YEAR}.topojson")

    def shrinking_regions(self) -> Path:
        return self.file("regions", "krimpregios_2019.csv")

    def address_crosswalk(self) -> Path:
        return self.file("mergers", "gemeente_omzetting_adressen_2018_2024.csv")

    def new_municipalities(self) -> Path | None:
        """Names of the municipalities created after the last boundary year, or None when
        the open data has no such list."""
        path = self.root / "regions" / "gemeenten_na_2022.csv"
        return path if path.is_file() else None

    def population(self) -> Path:
        return self.file("population", "inwoners_per_postcode_leeftijd.csv")

    def postcodes(self) -> Path:
        return self.file("population", "postcodes.csv")
