"""The sources of planned and realised homes for older people that seed 004 names, the CSV
schema of each, and reading a source's file with every row and column checked.

Every file is CSV (UTF-8, comma-separated, a header row) with one row per record: homes of
one category in one project, planned or realised in one year. The columns:

| column | required | what |
|---|---|---|
| the source's id column (below) | yes | the record's id in the source; unique in the file |
| `project_name` | see below | the project's name |
| `bag_id` | see below | the 16-digit BAG id of the building (pand) |
| `street`, `house_number`, `postcode` | no | the address (postcode as 1234AB or 1234 AB) |
| `municipality_code` | yes | the CBS code valid in the newest year of the registry |
| `category` | yes | zero_step, clustered or care_suitable (as the source allows) |
| `status` | yes | planned or realised (as the source allows) |
| `homes` | yes | the number of homes, 1 to 10,000 |
| `year` | yes | the year the homes are planned to be, or were, completed (2000-2050) |
| `synthetic` | no | `yes` on every row of a synthetic file, empty or `no` otherwise |

What each source allows is in `SOURCES`; `docs()` writes it as the table in the README.
A file is accepted as a whole or not at all."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model.vocabulary import DeliveryStatus, HousingCategory
from .csvfile import ImportFileError, Rows
from ..errors import Problem, Where

ALL_CATEGORIES = tuple(HousingCategory)
BOTH = tuple(DeliveryStatus)


@dataclass(frozen=True)
class Source:
    """A source of deliveries. `rank` orders the sources when linked records disagree:
    the lower rank wins (see linking.py)."""

    name: str
    title: str
    title_en: str
    id_column: str
    rank: int
    short: str = ""  # a short name, for tables (Dutch and English alike unless short_en)
    short_en: str = ""
    categories: tuple[str, ...] = ALL_CATEGORIES
    statuses: tuple[str, ...] = BOTH
    needs_bag_id: bool = False
    needs_name: bool = False


SOURCES: dict[str, Source] = {s.name: s for s in (
    Source("woonbase", "CBS Woonbase", "CBS Woonbase", "woonbase_id", 1, "Woonbase",
           statuses=(DeliveryStatus.REALISED,), needs_bag_id=True),
    Source("dvi", "Financiële verantwoording woningcorporaties (dVi)",
           "Housing corporations' annual returns (dVi)", "dvi_id", 2, "dVi"),
    Source("housebuilding-monitor", "Woningbouwmonitor van BZK, IPO en VNG",
           "Joint housebuilding monitor of BZK, IPO and VNG", "plan_id", 3, "Woningbouwmonitor",
           "Housebuilding monitor", needs_name=True),
    Source("zn", "Zorgverzekeraars Nederland: plannen en realisatie zorggeschikte woningen",
           "Zorgverzekeraars Nederland: plans and realisation of care-suitable homes",
           "zn_id", 4, "ZN", categories=(HousingCategory.CARE_SUITABLE,)),
    Source("subsidy", "Aanvragen subsidieregelingen (zorggeschikte woningen, ontmoetingsruimten)",
           "Applications to the subsidy schemes (care-suitable homes, meeting rooms)",
           "application_id", 5, "Subsidieaanvragen", "Subsidy applications",
           categories=(HousingCategory.CLUSTERED, HousingCategory.CARE_SUITABLE),
           statuses=(DeliveryStatus.PLANNED,), needs_name=True),
)}

COMMON = ("municipality_code", "category", "status", "homes", "year")
OPTIONAL = ("project_name", "bag_id", "street", "house_number", "postcode", "synthetic")
MAX_HOMES = 10_000
YEARS = (2000, 2050)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}", re.ASCII)
_BAG = re.compile(r"\d{16}", re.ASCII)
_POSTCODE = re.compile(r"[1-9]\d{3} ?[A-Za-z]{2}", re.ASCII)
_NUMBER = re.compile(r"\d{1,5}( ?[-/]? ?[A-Za-z0-9]{1,4})?", re.ASCII)
_MUNICIPALITY = re.compile(r"GM\d{4}", re.ASCII)


@dataclass(frozen=True)
class Record:
    """One validated row of a source's file."""

    source: str
    record_id: str
    line: int
    project_name: str | None
    bag_id: str | None
    street: str | None
    house_number: str | None
    postcode: str | None  # normalised: 1234AB
    municipality_code: str
    category: str
    status: str
    homes: int
    year: int
    synthetic: bool


def read_source(path: Path, source_name: str, municipalities: set[str],
                year: int) -> list[Record]:
    """The records of a source's file, or ImportFileError listing every problem (per row
    and column). `municipalities` are the codes valid in `year`."""
    if source_name not in SOURCES:
        raise ImportFileError([Problem(Where(str(path)), f"unknown source {source_name!r}; "
                                       f"expected one of {', '.join(SOURCES)}")], str(path))
    source = SOURCES[source_name]
    rows = Rows(path, (source.id_column, *COMMON), OPTIONAL)
    seen: dict[str, int] = {}
    synthetic_lines: dict[bool, int] = {}
    out: list[Record] = []
    for line, raw in rows:
        rid = rows.cell(line, raw, source.id_column, pattern=_ID,
                        expected="an id of letters, digits and - _ . : / (at most 64)")
        name = rows.cell(line, raw, "project_name", required=source.needs_name,
                         expected="the project's name")
        bag = rows.cell(line, raw, "bag_id", required=source.needs_bag_id, pattern=_BAG,
                        expected="a BAG id of 16 digits")
        street = rows.cell(line, raw, "street", required=False)
        number = rows.cell(line, raw, "house_number", required=False, pattern=_NUMBER,
                           expected="a house number such as 12, 12a or 12-3")
        postcode = rows.cell(line, raw, "postcode", required=False, pattern=_POSTCODE,
                             expected="a postcode such as 1234AB or 1234 AB")
        code = rows.cell(line, raw, "municipality_code", pattern=_MUNICIPALITY,
                         expected="a CBS municipality code such as GM0363")
        category = rows.cell(line, raw, "category", choices=source.categories)
        status = rows.cell(line, raw, "status", choices=source.statuses)
        homes = rows.integer(line, raw, "homes", 1, MAX_HOMES)
        when = rows.integer(line, raw, "year", *YEARS)
        flag = rows.cell(line, raw, "synthetic", required=False, choices=("yes", "no"))
        synthetic = flag == "yes"
        synthetic_lines.setdefault(synthetic, line)
        if code is not None and code not in municipalities:
            rows.add(line, "municipality_code", f"found {code}: no municipality has this code "
                     f"in {year}")
            code = None
        if rid is not None:
            if rid in seen:
                rows.add(line, source.id_column, f"id {rid!r} is already used on line "
                         f"{seen[rid]}")
                continue
            seen[rid] = line
        for column, value in (("street", street), ("project_name", name)):
            if value is not None and len(value) > 200:
                rows.add(line, column, f"has {len(value)} characters; at most 200")
        if None in (rid, code, category, status, homes, when):
            continue
        out.append(Record(source.name, rid, line, name, bag, street, number,
                          postcode.replace(" ", "").upper() if postcode else None, code,
                          category, status, homes, when, synthetic))
    if len(synthetic_lines) > 1:
        rows.add(synthetic_lines[False], "synthetic", "the file mixes synthetic rows (first "
                 f"on line {synthetic_lines[True]}) with real ones; synthetic data is never "
                 "mixed with real figures")
    if not out and not rows.problems:
        rows.add(None, None, "holds no records")
    rows.done()
    return out


def docs() -> str:
    """The table of the sources, as in the README."""
    lines = ["| source (`--source`) | id column | categories | statuses | required besides the common columns | rank |",
             "|---|---|---|---|---|---|"]
    for s in sorted(SOURCES.values(), key=lambda s: s.rank):
        needs = ", ".join(c for c, need in (("bag_id", s.needs_bag_id),
                                            ("project_name", s.needs_name)) if need) or "-"
        lines.append(f"| `{s.name}`: {s.title_en} | `{s.id_column}` | "
                     f"{', '.join(s.categories)} | {', '.join(s.statuses)} | {needs} | {s.rank} |")
    return "\n".join(lines)
