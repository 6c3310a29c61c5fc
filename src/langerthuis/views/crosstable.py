"""A breakdown table laid out as the published monitor lays it out: one dimension down, one
across, totals last. The layout follows from the table's own dimensions and rows, so a new
table gets the same treatment without configuration:

- a dimension that says what is measured (`statistic`: share, mean) is not a breakdown: its
  main value (the one in the table's unit) gives the cells, its other values (a mean mark)
  become a column of their own, or a last row when nothing goes across;
- of the other dimensions, the last one that is crossed with another (both filled in one
  row) goes across; the rest go down, nested in the order of the table;
- dimensions down that are never filled in the same row are alternatives (by sex, by age):
  each becomes a group of rows under its name;
- an empty dimension value means the total over that dimension: it comes last, as a row
  or column called Total;
- n is shown once: under the table when it is one number, else in one column when it
  differs per row, in the column heads when it differs per column, or in the cells."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from .. import model as m
from ..formatting import format_number, format_value
from ..i18n import translations
from ..i18n.labels import DIMENSIONS, STATISTIC_DIMENSIONS, STATISTICS, UNITS, label
from .values import qualifiers

STAT = "\0stat:"  # marks the key of a row or column that holds an extra statistic


@dataclass(frozen=True)
class Column:
    label: str
    is_total: bool
    n: str  # "n = 1.384" when n differs per column


@dataclass(frozen=True)
class Cell:
    value: float | None
    text: str  # as printed: the value with its unit, or why there is none ("nvt")
    unit: str
    qualifiers: tuple[str, ...] = ()
    n: str = ""  # only when n differs within rows and columns


@dataclass(frozen=True)
class CrossRow:
    label: str
    is_total: bool
    cells: tuple[Cell, ...]
    n: str = ""  # when n differs per row
    n_value: int | None = None


@dataclass(frozen=True)
class CrossGroup:
    label: str  # "" when the rows need no heading
    rows: tuple[CrossRow, ...]


@dataclass(frozen=True)
class CrossTable:
    corner: str  # the names of the dimensions down (and across)
    rows_title: str  # the names of the dimensions down
    columns: tuple[Column, ...]
    groups: tuple[CrossGroup, ...]
    unit: str  # the table's unit: cells in it are the ones a chart draws
    has_row_n: bool
    n_note: str  # "n = 3.242" when one n holds for the whole table

    def csv_rows(self, n_title: str = "n") -> list[list]:
        """The table as shown, for a CSV file: a header, then a row per row (values as
        numbers; what the table prints where there is no value)."""
        header = [self.corner] + [c.label for c in self.columns]
        if self.has_row_n:
            header.append(n_title)
        out = [header]
        for g in self.groups:
            for r in g.rows:
                name = f"{g.label} – {r.label}" if g.label else r.label
                row = [name] + [c.value if c.value is not None else c.text
                                for c in r.cells]
                out.append(row + ([r.n_value] if self.has_row_n else []))
        return out


def whole_decimals(value: float, unit: str, decimals: int) -> int:
    """Counts, hours and amounts that are whole show no decimals (37.469 uur, not
    37.469,00 uur); shares and marks keep the table's decimals."""
    if unit == "count" or (unit in ("hours", "euro") and float(value).is_integer()):
        return 0
    return decimals


def _order(values: list[str]) -> dict[str, int]:
    """First-appearance order with the total ("") last."""
    seen = list(dict.fromkeys(values))
    return {v: (len(seen) if v == "" else i) for i, v in enumerate(seen)}


def _filled(row: m.BreakdownRow, a: str, b: str) -> bool:
    return bool(row.dimensions.get(a)) and bool(row.dimensions.get(b))


def layout(table: m.BreakdownTable) -> tuple[str | None, str | None, list[str], bool]:
    """(statistic dimension, dimension across, dimensions down, down are alternatives)."""
    stat = next((d for d in table.dimensions if d in STATISTIC_DIMENSIONS), None)
    rest = [d for d in table.dimensions if d != stat]
    crossed = [d for d in rest if any(_filled(r, d, e) for e in rest if e != d
                                      for r in table.rows)]
    across = crossed[-1] if len(rest) >= 2 and crossed else None
    down = [d for d in rest if d != across]
    alternatives = len(down) >= 2 and not any(
        _filled(r, a, b) for a, b in combinations(down, 2) for r in table.rows)
    return stat, across, down, alternatives


def cross_table(table: m.BreakdownTable, lang: str) -> CrossTable:
    _ = translations(lang).gettext
    total = _("Total")
    stat, across, down, alternatives = layout(table)
    rows = list(table.rows)
    main_stat = None
    if stat:
        in_unit = [r.dimensions.get(stat, "") for r in rows if r.unit == table.unit]
        main_stat = in_unit[0] if in_unit else rows[0].dimensions.get(stat, "")

    def keys(r: m.BreakdownRow) -> tuple[tuple, str]:
        dims = r.dimensions
        if alternatives:
            filled = [(d, dims[d]) for d in down if dims.get(d)]
            rk: tuple = filled[0] if filled else ("", "")
        else:
            rk = tuple(dims.get(d, "") for d in down)
        ck = dims.get(across, "") if across else ""
        extra = stat is not None and dims.get(stat, "") != main_stat
        if extra and across:
            ck = STAT + dims.get(stat, "")
        elif extra:
            rk = (STAT + dims.get(stat, ""),)
        return rk, ck

    keyed = [(keys(r), r) for r in rows]
    row_keys = list(dict.fromkeys(k[0] for k, _r in keyed))
    col_keys = list(dict.fromkeys(k[1] for k, _r in keyed))
    # order: first appearance, totals last, extra statistics after everything
    if alternatives:
        rank = {d: i for i, d in enumerate(down)}
        orders = {d: _order([k[1] for k in row_keys if k[0] == d]) for d in down}

        def row_rank(k):
            if k[0].startswith(STAT):
                return (2, 0, 0)
            if k == ("", ""):
                return (1, 0, 0)
            return (0, rank[k[0]], orders[k[0]][k[1]])
    else:
        levels = [_order([k[i] for k in row_keys if not k[0].startswith(STAT)])
                  for i in range(len(down))]

        def row_rank(k):
            if k and k[0].startswith(STAT):
                return (1,)
            return (0,) + tuple(levels[i][v] for i, v in enumerate(k))
    row_keys.sort(key=row_rank)
    # columns in the order of the row that has most of them (a total row has them all)
    fullest = max(row_keys, key=lambda rk: sum(k[0] == rk for k, _r in keyed))
    col_order = _order([k[1] for k, _r in keyed if k[0] == fullest and not k[1].startswith(STAT)]
                       + [c for c in col_keys if not c.startswith(STAT)])
    col_keys.sort(key=lambda c: (1, 0) if c.startswith(STAT) else (0, col_order[c]))
    cells = {k: r for k, r in keyed}

    # the CSV holds Dutch words; English ones come from the table's labels_en
    english = ({nl: en for words in (table.labels_en or {}).values()
                for nl, en in words.items()} if lang == "en" else {})

    def name(key: str) -> str:
        if key.startswith(STAT):
            value = key.removeprefix(STAT)  # a code (share, mean) or the table's own words
            return (label(STATISTICS, value, lang) if value in STATISTICS
                    else english.get(value, value))
        return english.get(key, key) or total

    # n shown once
    ns = {k: r.n for k, r in keyed if r.n is not None}
    n_note, per_row, per_col, per_cell = "", False, False, False
    if ns and len(set(ns.values())) == 1:
        n_note = "n = " + format_number(next(iter(ns.values())), 0, lang)
    elif ns:
        per_row = all(len({n for (rk, _c), n in ns.items() if rk == key}) <= 1
                      for key in row_keys)
        per_col = not per_row and all(len({n for (_r, ck), n in ns.items() if ck == key}) <= 1
                                      for key in col_keys)
        per_cell = not per_row and not per_col

    def n_of(found: list[int]) -> str:
        return "n = " + format_number(found[0], 0, lang) if found else ""

    def cell(key) -> Cell:
        r = cells.get(key)
        if r is None:
            return Cell(None, "", table.unit)
        if r.value is None:
            text = r.printed or "–"
        else:
            text = format_value(r.value, r.unit,
                                whole_decimals(r.value, r.unit, table.decimals), lang)
        return Cell(r.value, text, r.unit, qualifiers(r.qualifiers, lang),
                    n_of([r.n] if per_cell and r.n is not None else []))

    units = {r.unit for r in rows}
    if across:
        columns = tuple(Column(name(c), c == "", n_of(
            [n for (_r, ck), n in ns.items() if ck == c]) if per_col else "") for c in col_keys)
        corner = " / ".join(label(DIMENSIONS, d, lang) for d in down + [across])
        rows_title = " / ".join(label(DIMENSIONS, d, lang) for d in down)
    else:
        head = label(UNITS, table.unit, lang) if len(units) == 1 else _("Value")
        columns = (Column(head, False, ""),)
        corner = rows_title = " / ".join(label(DIMENSIONS, d, lang) for d in down) or _(
            "Breakdown")

    def row_label(k: tuple) -> str:
        if k and k[0].startswith(STAT):
            return name(k[0])
        return name(k[-1]) if k else total

    def group_of(k: tuple) -> str:
        if k and k[0].startswith(STAT):
            return "\0stat"
        if alternatives:
            return k[0]
        return " – ".join(name(v) for v in k[:-1])

    groups: list[CrossGroup] = []
    for gkey in dict.fromkeys(group_of(k) for k in row_keys):
        members = [k for k in row_keys if group_of(k) == gkey]
        out = []
        for k in members:
            row_cells = tuple(cell((k, c)) for c in col_keys)
            row_n = [n for (rk, _c), n in ns.items() if rk == k] if per_row else []
            out.append(CrossRow(row_label(k), _is_total(k), row_cells, n_of(row_n),
                                row_n[0] if row_n else None))
        if alternatives:
            heading = label(DIMENSIONS, gkey, lang) if gkey and gkey != "\0stat" else ""
        else:
            heading = "" if gkey == "\0stat" else gkey
            if heading and all(v == "" for v in members[0][:-1]) and len(members) == 1:
                heading = ""  # the grand total needs no heading of its own
        groups.append(CrossGroup(heading, tuple(out)))
    return CrossTable(corner, rows_title, columns, tuple(groups), table.unit, per_row, n_note)


def _is_total(key: tuple) -> bool:
    if key and key[0].startswith(STAT):
        return False
    return key[-1] == "" if key else True
