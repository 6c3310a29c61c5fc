"""Every text a reader sees exists in Dutch and in English.

A text field `x` of a content record has its English value in the field `x_en` next to it
(`title`/`title_en`); this module finds every record, nested ones included, whose `x` is
filled and whose `x_en` is not. The values of a breakdown table's dimensions are words of
the CSV file; their English is in the table's `labels_en` (`{sex: {Mannen: Men}}`), needed
for every value with words (years, marks and codes such as 2020, 7-10 or GM0363 need
none).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Problem
from . import schema as s

#: A lower-case letter: a text of words. Codes (GM0363, GGZ) and periods (2020) have none.
_WORDS = re.compile(r"[a-zß-ÿ]")


def translated_fields(spec: type[s.Record]) -> list[str]:
    """The fields of `spec` that have an English counterpart `<field>_en`."""
    return [f for f in spec.model_fields if f"{f}_en" in spec.model_fields]


def _records(record: s.Record) -> Iterator[s.Record]:
    yield record
    for _name, value in record:
        if isinstance(value, s.Record):
            yield from _records(value)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, s.Record):
                    yield from _records(v)


def missing_translations(records: list[s.Record]) -> list[Problem]:
    """A problem for each text with words but without its English value, at the record's
    line."""
    problems = []
    for top in records:
        for record in _records(top):
            for field in translated_fields(type(record)):
                value = getattr(record, field)
                if isinstance(value, str) and needs_words(value) \
                        and not getattr(record, f"{field}_en"):
                    problems.append(Problem(record.where.at(f"{field}_en"), (
                        f"the English of {field!r} is missing; add '{field}_en' next to "
                        f"'{field}' (every text a reader sees is in Dutch and English)")))
    return problems


def needs_words(cell: str) -> bool:
    """Whether a text has words to translate (not a year, mark, code or empty)."""
    return bool(_WORDS.search(cell))


def missing_labels(table: s.TableSpec, rows: list[s.TableRowSpec]) -> list[Problem]:
    """A problem for each value with words of a table's dimension that has no English label
    in `labels_en`, and for each label of a dimension the table does not have."""
    problems = []
    for dim in table.labels_en:
        if dim not in table.dimensions:
            problems.append(Problem(table.where.at(f"labels_en.{dim}"), (
                f"the table has no dimension {dim!r}; its dimensions are "
                f"{', '.join(table.dimensions)}")))
    missing: dict[str, list[str]] = {}
    for row in rows:
        for dim in table.dimensions:
            cell = row.dimensions.get(dim, "")
            if needs_words(cell) and cell not in table.labels_en.get(dim, {}):
                missing.setdefault(dim, [])
                if cell not in missing[dim]:
                    missing[dim].append(cell)
    for dim, cells in missing.items():
        problems.append(Problem(table.where.at(f"labels_en.{dim}"), (
            f"the English of {len(cells)} value(s) of {dim!r} in {table.file} is missing: "
            f"{', '.join(repr(c) for c in cells[:5])}{', ...' if len(cells) > 5 else ''}; "
            f"add them as labels_en: {{{dim}: {{{cells[0]}: ...}}}}")))
    return problems
