"""Consistency rules over the data. Each rule is a plain function registered with an id
and a description; it reads what the content declares (a table's key-figure row, its
shares, the arithmetic relations in relations.yaml) and yields findings with the place
they concern. A rule finds a problem only beyond what rounding of the printed figures
allows."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .. import model as m
from ..model.vocabulary import UNIT_RANGE, Unit
from .compare import rounded

#: Units whose values add up (a share, mark or ratio never does).
ADDITIVE = {Unit.COUNT, Unit.HOURS, Unit.EURO}


@dataclass(frozen=True)
class Finding:
    rule: str
    location: str
    message: str
    values: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"rule": self.rule, "location": self.location, "message": self.message,
                "values": list(self.values)}


@dataclass
class RuleData:
    """What the rules look at: the entries, tables and relations of one edition."""

    entries: list[m.EditionEntry] = field(default_factory=list)
    tables: list[m.BreakdownTable] = field(default_factory=list)
    relations: list[m.Relation] = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    check: Callable[[RuleData], Iterable[Finding]]


RULES: list[Rule] = []


def rule(rule_id: str, description: str):
    def register(fn: Callable[[RuleData], Iterable[Finding]]):
        RULES.append(Rule(rule_id, description, fn))
        return fn
    return register


def run_rules(data: RuleData, rules: list[Rule] | None = None) -> list[Finding]:
    return [f for r in (RULES if rules is None else rules) for f in r.check(data)]


# --- helpers ------------------------------------------------------------------------------

def matching(rows: Iterable[m.BreakdownRow], where: dict[str, str]) -> list[m.BreakdownRow]:
    return [r for r in rows if all(r.dimensions.get(k, "") == v for k, v in where.items())]


def where_text(table: m.BreakdownTable, dims: dict[str, str]) -> str:
    shown = ", ".join(f"{k}={v or 'total'}" for k, v in dims.items())
    return f"{table.id} (Tabel {table.number}){', ' + shown if shown else ''}"


def half_unit(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-(decimals + 1))


def key_decimals(x: m.Measurement) -> int:
    return x.decimals if x.decimals is not None else x.indicator.decimals


#: A figure printed in thousands ("125,3 (×1000)") or millions ("€ 24,7 mln").
_THOUSANDS = re.compile(r"\(?\s*[×x]\s*1\.?000\s*\)?")
_MILLIONS = re.compile(r"\bmln\b")


def parse_dutch_number(text: str) -> float | None:
    """'65.958' -> 65958; '€ 168,21**' -> 168.21; '€ 24,7 mln' -> 24700000;
    '125,3 (×1000)' -> 125300; 'nvt' -> None."""
    scale = 1
    if _THOUSANDS.search(text):
        scale, text = 1000, _THOUSANDS.sub("", text)
    elif _MILLIONS.search(text):
        scale = 1_000_000
    digits = re.sub(r"[^\d.,-]", "", text)
    if not re.search(r"\d", digits):
        return None
    return round(float(digits.replace(".", "").replace(",", ".")) * scale, 6)


def decimals_of(value: float) -> int:
    return max(0, -Decimal(repr(value)).normalize().as_tuple().exponent)


# --- rules --------------------------------------------------------------------------------

@rule("key-figure-total", "A table's total equals the key figure it breaks down.")
def key_figure_total(data: RuleData) -> Iterator[Finding]:
    for t in data.tables:
        where = t.checks.get("key_figure_sum")
        if where is None or t.measurement.value is None:
            continue
        total = sum(r.value or 0 for r in matching(t.rows, where))
        if total != t.measurement.value:
            yield Finding("key-figure-total", where_text(t, where),
                          f"the rows add up to {total:g}, the key figure is "
                          f"{t.measurement.value:g}", (f"{total:g}", f"{t.measurement.value:g}"))


@rule("key-figure-rounding", "A key figure is its table value rounded to the key figure's "
      "precision.")
def key_figure_rounding(data: RuleData) -> Iterator[Finding]:
    for t in data.tables:
        where = t.checks.get("key_figure_row")
        if where is None or t.measurement.value is None:
            continue
        [row] = matching(t.rows, where)
        decimals = key_decimals(t.measurement)
        if row.value is None or rounded(row.value, decimals) != rounded(t.measurement.value,
                                                                           decimals):
            yield Finding("key-figure-rounding", where_text(t, where),
                          f"the table gives {row.value:g}, which does not round to the key "
                          f"figure {t.measurement.value:g}",
                          (f"{row.value:g}", f"{t.measurement.value:g}"))


@rule("shares-add-up", "The shares of one distribution add up to 100 within rounding.")
def shares_add_up(data: RuleData) -> Iterator[Finding]:
    for t in data.tables:
        spec = t.checks.get("distribution")
        if spec is None:
            continue
        rows = [r for r in matching(t.rows, spec.get("select", {}))
                if not any(matching([r], ex) for ex in spec.get("exclude", []))]
        groups: dict[tuple, list[m.BreakdownRow]] = defaultdict(list)
        for r in rows:
            groups[tuple((k, v) for k, v in sorted(r.dimensions.items())
                         if k != spec["over"])].append(r)
        for key, members in groups.items():
            total = sum(Decimal(repr(r.value or 0)) for r in members)
            slack = half_unit(t.decimals) * len(members)
            if abs(total - 100) > slack:
                yield Finding("shares-add-up", where_text(t, dict(key)),
                              f"the shares add up to {total}, more than {slack} away from 100",
                              (str(total),))


@rule("parts-add-up", "In a table of counts or amounts, the parts add up to their total row.")
def parts_add_up(data: RuleData) -> Iterator[Finding]:
    for t in data.tables:
        rows = [r for r in t.rows if r.unit in ADDITIVE]
        for dim in t.dimensions:
            for total in (r for r in rows if r.dimensions.get(dim, "") == ""):
                others = {k: v for k, v in total.dimensions.items() if k != dim}
                parts = [r for r in matching(rows, others) if r.dimensions.get(dim, "") != ""]
                if not parts or total.value is None:
                    continue
                got = sum(r.value or 0 for r in parts)
                if got != total.value:
                    yield Finding("parts-add-up", where_text(t, total.dimensions),
                                  f"the {len(parts)} parts over {dim} add up to {got:g}, the "
                                  f"total row says {total.value:g}", (f"{got:g}", f"{total.value:g}"))


def _per(relation: m.Relation, where: dict[str, str]) -> dict[str, m.BreakdownRow]:
    per = relation.definition["per"]
    return {r.dimensions.get(per, ""): r for r in matching(relation.table.rows, where)}


@rule("arithmetic-relation", "Arithmetic relations the sources state hold within rounding "
      "(hours times tariff is the amount; hours to full-time equivalents).")
def arithmetic_relation(data: RuleData) -> Iterator[Finding]:
    for rel in data.relations:
        d = rel.definition
        if rel.kind == "product":
            factors = [_per(rel, f) for f in d["factors"]]
            results = _per(rel, d["result"])
            for key, result in results.items():
                cells = [f.get(key) for f in factors]
                if any(c is None or c.value is None for c in cells) or result.value is None:
                    continue
                product = Decimal(1)
                for c in cells:
                    product *= Decimal(repr(c.value))
                # How far the product may be off when each factor is rounded as printed.
                slack = sum(half_unit(decimals_of(c.value)) * abs(product / Decimal(repr(c.value)))
                            for c in cells) + half_unit(decimals_of(result.value))
                if abs(product - Decimal(repr(result.value))) > slack:
                    yield Finding("arithmetic-relation", f"{rel.id}, {d['per']}={key}",
                                  f"the product is {product:.2f}, the table gives "
                                  f"{result.value:g} (more than {slack:.2f} apart)",
                                  (f"{product:.2f}", f"{result.value:g}"))
        elif rel.kind == "hours_to_fte":
            hours = _per(rel, d["hours"])
            per_fte = Decimal(repr(d["hours_per_year"])) * Decimal(repr(d["billable_share"]))
            for key, stated in d.get("stated", {}).items():
                row = hours.get(key)
                if row is None or row.value is None:
                    yield Finding("arithmetic-relation", f"{rel.id}, {d['per']}={key}",
                                  "the sources state full-time equivalents for a row the table "
                                  "does not have")
                    continue
                fte = Decimal(repr(row.value)) / per_fte
                if rounded(float(fte), d.get("stated_decimals", 1)) != rounded(stated, d.get(
                        "stated_decimals", 1)):
                    yield Finding("arithmetic-relation", f"{rel.id}, {d['per']}={key}",
                                  f"{row.value:g} hours are {fte:.2f} FTE, the sources state "
                                  f"{stated:g}", (f"{fte:.2f}", f"{stated:g}"))


@rule("unit-range", "Values lie within the range of their unit (a percentage 0-100, a mark "
      "1-10, counts and amounts not negative).")
def unit_range(data: RuleData) -> Iterator[Finding]:
    def check(where: str, value: float | None, unit: str) -> Iterator[Finding]:
        if value is None:
            return
        low, high = UNIT_RANGE[Unit(unit)]
        if (low is not None and value < low) or (high is not None and value > high):
            yield Finding("unit-range", where, f"{value:g} is outside the range of a {unit}",
                          (f"{value:g}",))
    seen: set[str] = set()
    for e in data.entries:
        if e.measurement is not None and e.measurement.id not in seen:
            seen.add(e.measurement.id)
            yield from check(f"measurement {e.measurement.id}", e.measurement.value,
                             e.indicator.unit)
    for t in data.tables:
        for r in t.rows:
            yield from check(where_text(t, r.dimensions), r.value, r.unit)


@rule("printed-differently", "A figure printed in one place equals the same figure elsewhere.")
def printed_differently(data: RuleData) -> Iterator[Finding]:
    for e in data.entries:
        printed = parse_dutch_number(e.printed) if e.printed else None
        if printed is None or e.measurement is None or e.measurement.value is None:
            continue
        if printed != e.measurement.value:
            yield Finding("printed-differently", f"{e.edition_id}, indicator {e.number}",
                          f"the edition prints {e.printed} where the measurement "
                          f"{e.measurement.id} ({e.measurement.source_location}) is "
                          f"{e.measurement.value:g}", (e.printed, f"{e.measurement.value:g}"))
    for t in data.tables:
        for r in t.rows:
            printed = parse_dutch_number(r.printed) if r.printed else None
            if printed is not None and r.value is not None and printed != r.value:
                yield Finding("printed-differently", where_text(t, r.dimensions),
                              f"printed {r.printed}, stored {r.value:g}", (r.printed, f"{r.value:g}"))
