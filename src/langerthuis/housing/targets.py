"""Importing the official breakdown of the national housing target per province and per
municipality (`langerthuis targets import FILE --year YEAR`).

The file is CSV with the columns `level` (province or municipality), `code` (the CBS code
valid in YEAR: GM0363, or the province code of the registry: PV27), `category`
(zero_step, clustered, care_suitable), `homes` (a whole number) and optionally `name`.
It is accepted only as a whole: every municipality and every province of the year has
each category once, no code is unknown, and per category the municipalities add up to
the national figure and so do the provinces. Otherwise nothing is written and every
problem is listed."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..model.vocabulary import HousingCategory, TargetKind
from .csvfile import Rows
from .estimate import AreaTargetRow

COLUMNS = ("level", "code", "category", "homes")
OPTIONAL = ("name",)
LEVELS = ("province", "municipality")
PLURAL = {"province": "provinces", "municipality": "municipalities"}
_CODE = re.compile(r"(GM\d{4}|PV\d{2})", re.ASCII)


@dataclass(frozen=True)
class Geography:
    """What the file is checked against: the municipalities and provinces of the year."""

    year: int
    municipalities: dict[str, str | None]  # code -> name
    provinces: dict[str, str | None]


def read_official(path: Path, target_id: str, national: dict[str, int],
                  geography: Geography) -> list[AreaTargetRow]:
    """The rows of the file, or ImportFileError listing every problem."""
    rows = Rows(path, COLUMNS, OPTIONAL)
    known = {"municipality": geography.municipalities, "province": geography.provinces}
    seen: dict[tuple[str, str, str], int] = {}
    out: list[AreaTargetRow] = []
    for line, raw in rows:
        level = rows.cell(line, raw, "level", choices=LEVELS)
        code = rows.cell(line, raw, "code", pattern=_CODE,
                         expected="a CBS code such as GM0363 or PV27")
        category = rows.cell(line, raw, "category", choices=tuple(HousingCategory))
        homes = rows.integer(line, raw, "homes", 0, max(national.values(), default=0))
        name = rows.cell(line, raw, "name", required=False)
        if None in (level, code, category, homes):
            continue
        if code not in known[level]:
            expected = "GM" if level == "municipality" else "PV"
            close = sorted(known[level], key=lambda c: (c[:2] != code[:2],
                                                        abs(_digits(c) - _digits(code))))[:3]
            rows.add(line, "code", f"{level} {code} does not exist in {geography.year}"
                     + (f" (expected a {expected} code)" if not code.startswith(expected) else "")
                     + f"; the nearest known codes are {', '.join(close)}")
            continue
        key = (level, code, category)
        if key in seen:
            rows.add(line, "code", f"{level} {code} has category {category} already on line "
                     f"{seen[key]}")
            continue
        seen[key] = line
        out.append(AreaTargetRow(target_id, str(TargetKind.OFFICIAL), geography.year, level, code,
                                 name or known[level][code], category, homes, path.name))
    if not rows.problems:
        _check_whole(rows, out, known, national, geography.year)
    rows.done()
    return out


def _digits(code: str) -> int:
    return int(code[2:]) if code[2:].isdigit() else 0


def _check_whole(rows: Rows, out: list[AreaTargetRow], known: dict[str, dict],
                 national: dict[str, int], year: int) -> None:
    """Every area has every category, and each level adds up to the national figures."""
    present: dict[tuple[str, str], set[str]] = defaultdict(set)
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for r in out:
        present[(r.level, r.category)].add(r.code)
        sums[(r.level, r.category)] += r.homes
    for level in LEVELS:
        for category in HousingCategory:
            missing = sorted(set(known[level]) - present[(level, category)])
            if missing:
                rows.add(None, "category", f"category {category} is missing for "
                         f"{len(missing)} {PLURAL[level] if len(missing) > 1 else level} of "
                         f"{year}: {', '.join(missing[:10])}"
                         + (", ..." if len(missing) > 10 else ""))
            elif sums[(level, category)] != national[category]:
                rows.add(None, "homes", f"the homes of the {PLURAL[level]} in category "
                         f"{category} add up to {sums[(level, category)]:,}; the national "
                         f"target is {national[category]:,}")
