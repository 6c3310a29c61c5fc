"""Bad input, as an attacker would send it, is answered with a precise message and never a
traceback, an exhausted machine or a silent loss of data.

- Content: `check` rejects everything `load` would fail on (sizes, nesting, anchors and
  aliases, integer ranges, encodings, links out of the tree, empty files that would delete
  content); `langerthuis check` and `langerthuis load` exit with 1 and a message, and a
  failed load leaves the database as it was.
- Import: a tampered monitor.json is validated with the same content schema as `load`:
  strict types, unknown keys rejected, references to unknown ids rejected (not dropped),
  sizes limited.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from annotated_types import Le, MaxLen
from click.testing import CliRunner
from sqlalchemy import Integer, String

from conftest import FIXTURE_CONTENT, OPEN_DATA, edit_yaml
from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.content import schema as s
from langerthuis.content.limits import INT32_MAX, MAX_TABLE_ROWS
from langerthuis.errors import ContentError
from langerthuis.opendata.importer import read_dataset
from langerthuis.pipeline import verify


def run(*args: str):
    # catch_exceptions=False: a traceback fails the test instead of becoming exit code 1
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no room on disk (the size alone must stop it)."""
    if path.exists():
        path.unlink()
    with path.open("wb") as f:
        f.truncate(size)


BILLION_LAUGHS = """
  - id: laughs
    kind: respite-stay-pilot
    year: 2020
    count: 2
    attributes:
      a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
      h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
      i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _deep(root: Path) -> None:
    (root / "lt/references.yaml").write_text("references:\n  - id: deep\n    title: "
                                             + "[" * 20_000 + "]" * 20_000 + "\n")


def _programme_link(root: Path) -> None:
    outside = root.parent / "elsewhere"
    shutil.copytree(FIXTURE_CONTENT / "lt", outside / "other")
    edit_yaml(outside / "other/programme.yaml", lambda d: d["programme"].update(id="other"))
    (root / "other").symlink_to(outside / "other")


def _file_link(root: Path) -> None:
    target = root.parent / "stories-elsewhere.yaml"
    (root / "lt/stories.yaml").rename(target)
    (root / "lt/stories.yaml").symlink_to(target)


def _dev_zero(root: Path) -> None:
    (root / "lt/stories.yaml").unlink()
    (root / "lt/stories.yaml").symlink_to("/dev/zero")


def _fifo(root: Path) -> None:
    (root / "lt/stories.yaml").unlink()
    os.mkfifo(root / "lt/stories.yaml")


def _folder(root: Path) -> None:
    (root / "lt/stories.yaml").unlink()
    (root / "lt/stories.yaml").mkdir()


def _csv_folder(root: Path) -> None:
    (root / "lt/tables/table-2.csv").unlink()
    (root / "lt/tables/table-2.csv").mkdir()


def _csv_rows(root: Path) -> None:
    rows = "".join(f"{i},1\n" for i in range(MAX_TABLE_ROWS + 1))
    (root / "lt/tables/table-2.csv").write_text("mark_band,value\n" + rows)


def _many_records(root: Path) -> None:
    (root / "lt/references.yaml").write_text("references:\n" + "  - {}\n" * 10_001)


#: (name, how the content is spoilt, what the answer must say). Every answer names the
#: file (and where it can, the line and key), what was found and what is expected.
CONTENT_CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("billion laughs in attributes", lambda r: append(r / "lt/initiatives.yaml", BILLION_LAUGHS),
     ["lt/initiatives.yaml, line", "anchor &a", "anchors (&) and aliases (*)"]),
    ("anchor alone", lambda r: replace(r / "lt/stories.yaml", "title: Synthetic fixture story",
                                       "title: &t Synthetic fixture story"),
     ["lt/stories.yaml, line 5", "anchor &t"]),
    ("merge key with alias", lambda r: replace(
        r / "lt/stories.yaml", "    persons:\n      - {name: Anna, age: 78, role: mantelzorger, role_en: informal carer}",
        "    persons:\n      - &p {name: Anna, age: 78, role: mantelzorger, role_en: informal carer}\n      - {<<: *p}"),
     ["lt/stories.yaml, line", "anchor &p"]),
    ("n beyond 64 bits", lambda r: edit_yaml(r / "lt/measurements.yaml",
                                             lambda d: d["measurements"][0].update(n=2**64)),
     ["measurements[0] (id 'qol-2019').n", "found 18446744073709551616",
      f"less than or equal to {INT32_MAX}"]),
    ("n beyond 32 bits (PostgreSQL integer)", lambda r: edit_yaml(
        r / "lt/measurements.yaml", lambda d: d["measurements"][0].update(n=2**31)),
     ["measurements[0] (id 'qol-2019').n", f"less than or equal to {INT32_MAX}"]),
    ("number beyond 64 bits", lambda r: edit_yaml(
        r / "lt/editions.yaml", lambda d: d["editions"][0]["entries"][0].update(number=2**70)),
     ["lt/editions.yaml, line", "editions[0] (id 'lt-2019').entries[0].number",
      "less than or equal to 9999"]),
    ("count beyond 64 bits", lambda r: edit_yaml(
        r / "lt/initiatives.yaml", lambda d: d["initiatives"][1].update(count=-2**63 - 1)),
     ["lt/initiatives.yaml, line", "initiatives[1] (id 'fixture-networks-count').count",
      "greater than or equal to 1"]),
    ("integer of 5,000 digits", lambda r: replace(r / "lt/stories.yaml", "age: 78",
                                                   "age: " + "9" * 5000),
     ["lt/stories.yaml, line 8", "number of 5,000 characters"]),
    ("NaN in YAML", lambda r: replace(r / "lt/measurements.yaml", "value: 65,", "value: .nan,"),
     ["lt/measurements.yaml, line 2, value", "found .nan", "infinity or not-a-number"]),
    ("infinity in YAML", lambda r: replace(r / "lt/measurements.yaml", "value: 65,", "value: -.inf,"),
     ["lt/measurements.yaml, line 2, value", "found -.inf", "infinity or not-a-number"]),
    ("1.0e+999 in YAML", lambda r: replace(r / "lt/measurements.yaml", "value: 65,",
                                            "value: 1.0e+999,"),
     ["lt/measurements.yaml, line 2, value", "largest finite number"]),
    ("NaN in CSV", lambda r: replace(r / "lt/tables/table-2.csv", "28.0", "nan"),
     ["lt/tables/table-2.csv, line 3, row 2.value", "found 'nan'", "finite number"]),
    ("infinity in CSV", lambda r: replace(r / "lt/tables/table-2.csv", "28.0", "1e999"),
     ["lt/tables/table-2.csv, line 3, row 2.value", "finite number"]),
    ("n of 30 digits in CSV", lambda r: replace(r / "lt/tables/table-2.csv", "3242\n5",
                                                 "9" * 30 + "\n5"),
     ["lt/tables/table-2.csv, line 2, row 1.n", "whole number"]),
    ("n beyond 32 bits in CSV", lambda r: replace(r / "lt/tables/table-2.csv", "3242\n5",
                                                   "4294967296\n5"),
     ["lt/tables/table-2.csv, line 2, row 1.n", f"less than or equal to {INT32_MAX}"]),
    ("underscores in a CSV number", lambda r: replace(r / "lt/tables/table-2.csv", "28.0", "2_8"),
     ["table-2.csv, line 3, row 2.value", "found '2_8'"]),
    ("non-UTF-8 bytes in CSV", lambda r: (r / "lt/tables/table-2.csv").write_bytes(
        b"mark_band,value,n\n1-4,3.5,3242\n5\xff6,28.0,3242\n"),
     ["lt/tables/table-2.csv, line 3", "not UTF-8", "byte 0xff"]),
    ("non-UTF-8 bytes in YAML", lambda r: (r / "lt/references.yaml").write_bytes(
        b"references:\n  - id: x\n    title: caf\xe9\n"),
     ["lt/references.yaml, line 3", "not UTF-8"]),
    ("CSV field over the csv module's limit", lambda r: replace(
        r / "lt/tables/table-2.csv", "5-6", '"' + "x" * 200_000 + '"'),
     ["lt/tables/table-2.csv, line 3, row 2", "not valid CSV"]),
    ("impossible date", lambda r: replace(r / "lt/stories.yaml", "date: 2021-03-01",
                                          "date: 2020-02-30"),
     ["lt/stories.yaml, line 9", "found '2020-02-30', which is not a date",
      "day is out of range"]),
    ("impossible date in quotes", lambda r: replace(r / "lt/stories.yaml", "date: 2021-03-01",
                                                    'date: "2020-02-30"'),
     ["stories[0] (id 'fixture-story-1').date", "not an existing date"]),
    ("YAML nested 20,000 deep", _deep, ["lt/references.yaml, line 3", "more than 20 levels"]),
    ("content file is a folder", _folder, ["lt/stories.yaml", "is a folder"]),
    ("content file links to /dev/zero", _dev_zero,
     ["lt/stories.yaml", "link to /dev/zero", "outside the content folder"]),
    ("content file is a pipe", _fifo, ["lt/stories.yaml", "not a plain file"]),
    ("content file links out of the tree", _file_link,
     ["lt/stories.yaml", "outside the content folder"]),
    ("table file is a folder", _csv_folder, ["lt/tables/table-2.csv", "is a folder"]),
    ("programme folder linked from outside", _programme_link,
     ["content/other", "the programme folder is a link to", "outside the content folder"]),
    ("50 MB CSV", lambda r: sparse(r / "lt/tables/table-2.csv", 50_000_000),
     ["lt/tables/table-2.csv", "50,000,000 bytes", "limit is 5,000,000 bytes"]),
    ("CSV of too many rows", _csv_rows,
     ["lt/tables/table-2.csv, line", f"more than {MAX_TABLE_ROWS:,} rows"]),
    ("3 MB YAML file", lambda r: sparse(r / "lt/references.yaml", 3_000_000),
     ["lt/references.yaml", "limit is 2,000,000 bytes"]),
    ("10,001 records in one file", _many_records,
     ["lt/references.yaml", "references", "10,001 records"]),
    ("empty stories.yaml", lambda r: (r / "lt/stories.yaml").write_text(""),
     ["lt/stories.yaml", "is empty", "remove every record of 'stories'", "stories: []"]),
    ("stories.yaml with only a comment", lambda r: (r / "lt/stories.yaml").write_text("# x\n"),
     ["lt/stories.yaml", "is empty"]),
    ("stories: holding nothing", lambda r: (r / "lt/stories.yaml").write_text("stories:\n"),
     ["lt/stories.yaml", "stories", "holds nothing"]),
    ("boolean as a number", lambda r: edit_yaml(
        r / "lt/measurements.yaml", lambda d: d["measurements"][0].update(value=True)),
     ["measurements[0] (id 'qol-2019').value", "found True", "valid number"]),
    ("text as a number", lambda r: edit_yaml(
        r / "lt/measurements.yaml", lambda d: d["measurements"][0].update(value="65")),
     ["measurements[0] (id 'qol-2019').value", "found '65'", "valid number"]),
    ("number as a boolean", lambda r: edit_yaml(
        r / "lt/indicators.yaml", lambda d: d["indicators"][0].update(is_overall=1)),
     ["indicators[0] (id 'quality-of-life').is_overall", "valid boolean"]),
    ("NUL character in text", lambda r: replace(r / "lt/stories.yaml",
                                                "title: Synthetic fixture story",
                                                'title: "Synthetic\\0 story"'),
     ["stories[0] (id 'fixture-story-1').title", "control character '\\x00'"]),
    ("carriage return in text", lambda r: replace(r / "lt/stories.yaml",
                                                  "title: Synthetic fixture story",
                                                  'title: "Synthetic\\r story"'),
     ["stories[0] (id 'fixture-story-1').title", "control character '\\r'"]),
    ("carriage return in a CSV cell", lambda r: replace(r / "lt/tables/table-2.csv", "5-6",
                                                        '"5\r6"'),
     ["lt/tables/table-2.csv, line 3, row 2.dimensions.mark_band", "control character"]),
    ("lone surrogate in text", lambda r: replace(r / "lt/stories.yaml",
                                                 "title: Synthetic fixture story",
                                                 'title: "Synthetic \\ud800 story"'),
     ["stories[0] (id 'fixture-story-1').title", "\\ud800", "valid string"]),
    ("title longer than its column", lambda r: edit_yaml(
        r / "lt/stories.yaml", lambda d: d["stories"][0].update(title="x" * 301)),
     ["stories[0] (id 'fixture-story-1').title", "at most 300 characters"]),
    ("a date inside attributes", lambda r: replace(r / "lt/initiatives.yaml",
                                                   "attributes: {synthetic: true}",
                                                   "attributes: {since: 2020-01-01}"),
     ["initiatives[0] (id 'fixture-respite-pilot').attributes", "holds a date (at since)"]),
    ("attributes nested deeper than 5", lambda r: replace(
        r / "lt/initiatives.yaml", "attributes: {synthetic: true}",
        "attributes: {a: [[[[[[1]]]]]]}"),
     ["initiatives[0] (id 'fixture-respite-pilot').attributes", "nests more than 5 levels"]),
    ("a list as a key", lambda r: replace(r / "lt/stories.yaml", "    title: Synthetic fixture story",
                                          "    ? [a, b]\n    : x"),
     ["lt/stories.yaml, line 5", "has a list as a key"]),
    ("two YAML documents", lambda r: append(r / "lt/stories.yaml", "---\nstories: []\n"),
     ["lt/stories.yaml, line", "is not valid YAML"]),
    # Every text a reader sees is in both languages.
    ("a text without its English", lambda r: replace(
        r / "lt/stories.yaml", "    title_en: Synthetic fixture story\n", ""),
     ["lt/stories.yaml, line 2", "stories[0] (id 'fixture-story-1').title_en",
      "the English of 'title' is missing"]),
    ("a nested text without its English", lambda r: replace(
        r / "lt/indicators.yaml", "        change_note_en: Operationalised anew in the 2021 "
        "edition.\n", ""),
     ["lt/indicators.yaml, line 5", "definitions[1].change_note_en",
      "the English of 'change_note' is missing"]),
    ("a row of a table without its English", lambda r: append(
        r / "lt/tables/table-2.csv", "zeer goed,1.0,3242\n"),
     ["lt/tables.yaml, line 2", "labels_en.mark_band", "'zeer goed'", "table-2.csv"]),
    ("an unknown kind of initiative", lambda r: replace(
        r / "lt/initiatives.yaml", "kind: network", "kind: netwerk"),
     ["lt/initiatives.yaml, line", "kind", "unknown initiative kind", "'netwerk'"]),
    ("a person without name or role", lambda r: replace(
        r / "lt/stories.yaml", "{name: Anna, age: 78, role: mantelzorger, role_en: informal carer}",
        "{age: 78}"),
     ["lt/stories.yaml, line", "persons[0]", "needs a name, or a role"]),
]


STORIES, MEASUREMENTS = "lt/stories.yaml", "lt/measurements.yaml"
TABLE, TABLE_CSV = "lt/tables.yaml", "lt/tables/table-2.csv"
QOL_TITLE = "title: Het percentage 75-plussers met een goede kwaliteit van leven"


def _rename(old: str, new: str) -> Callable[[Path], None]:
    return lambda r: (r / old).rename(r / new)


def _with_distribution(r: Path) -> None:
    replace(r / TABLE, "    unit: percentage\n", "    unit: percentage\n    checks: {distribution: "
            "{over: mark_band}}\n")
    replace(r / TABLE_CSV, "5-6,28.0", "5-6,48.0")


def _unit_column(r: Path) -> None:
    (r / TABLE_CSV).write_text("mark_band,value,n,unit\n1-4,3.5,3242,percentage\n"
                               "5-6,28.0,3242,hours\n7-10,68.5,3242,percentage\n")


#: The classes of issue 24, each refused by check and load alike: numbers as typed, every
#: file accounted for, tables held to arithmetic, dates in the programme's time, text that
#: shows what it says, and the geography `load` checks.
RULE_CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    # numbers as typed
    ("leading zero (octal in YAML 1.1)", lambda r: replace(r / STORIES, "age: 78", "age: 010"),
     ["lt/stories.yaml, line 8, age", "found 010", "leading zero", "write 10"]),
    ("base 60", lambda r: replace(r / MEASUREMENTS, "value: 65,", "value: 1:09,"),
     ["lt/measurements.yaml, line 2, value", "found 1:09", "base 60", "write 69"]),
    ("hexadecimal", lambda r: replace(r / MEASUREMENTS, "value: 65,", "value: 0x45,"),
     ["lt/measurements.yaml, line 2, value", "hexadecimal", "write 69"]),
    ("octal with 0o", lambda r: replace(r / STORIES, "age: 78", "age: 0o116"),
     ["lt/stories.yaml, line 8, age", "octal"]),
    ("underscores in YAML", lambda r: replace(r / MEASUREMENTS, "value: 65,", "value: 6_5,"),
     ["lt/measurements.yaml, line 2, value", "underscores", "write 65"]),
    ("underflow in YAML", lambda r: replace(r / MEASUREMENTS, "value: 65,", "value: 1e-400,"),
     ["lt/measurements.yaml, line 2, value", "too small to store"]),
    ("overflow in YAML", lambda r: replace(r / MEASUREMENTS, "value: 65,", "value: 1e400,"),
     ["lt/measurements.yaml, line 2, value", "largest finite number"]),
    ("yes as a boolean", lambda r: replace(r / "lt/indicators.yaml", "is_overall: true",
                                           "is_overall: yes"),
     ["lt/indicators.yaml, line 4, is_overall", "found yes", "write true or false"]),
    ("underflow in CSV", lambda r: replace(r / TABLE_CSV, "28.0", "1e-400"),
     ["table-2.csv, line 3, row 2.value", "too small to store"]),
    ("leading zero in CSV", lambda r: replace(r / TABLE_CSV, "3242\n5", "03242\n5"),
     ["table-2.csv, line 2, row 1.n", "leading zero"]),
    # every file accounted for
    ("misspelt file name", _rename(STORIES, "lt/storys.yaml"),
     ["lt/storys.yaml", "did you mean stories.yaml?"]),
    ("unknown file with an unknown top-level key", lambda r: (r / "lt/extra.yaml").write_text(
        "extras: []\n"), ["lt/extra.yaml", "is not a content file"]),
    ("programme folder without programme.yaml", _rename("lt/programme.yaml", "lt/programma.yaml"),
     ["content/lt", "without programme.yaml", "is programma.yaml meant to be programme.yaml?"]),
    ("table file no table uses", lambda r: (r / "lt/tables/table-3.csv").write_text(
        "mark_band,value\n1-4,1\n"), ["lt/tables/table-3.csv", "not the file of any table"]),
    ("misspelt housing file", lambda r: ((r / "housing").mkdir(), (r / "housing/target.yaml")
                                         .write_text("housing_targets: []\n")),
     ["housing/target.yaml", "did you mean targets.yaml?"]),
    # tables held to arithmetic
    ("table unit differs from the indicator's", lambda r: replace(
        r / TABLE, "unit: percentage", "unit: euro"),
     ["lt/tables.yaml, line 2", "unit", "found 'euro'", "indicator in 'percentage'"]),
    ("hours in a unit column of a percentage table", _unit_column,
     ["table-2.csv, line 3, row 2.unit", "found 'hours' in a table in 'percentage'"]),
    ("shares add up to 120", _with_distribution,
     ["lt/tables.yaml", "checks.distribution", "add up to 120.0", "away from 100"]),
    ("a part above its total", lambda r: append(r / TABLE_CSV, ",100.0,84\n"),
     ["table-2.csv, line 2, row 1.n", "n 3242 is more than 84, the n of its total"]),
    ("a CSV row with a missing cell", lambda r: replace(r / TABLE_CSV, "5-6,28.0,3242",
                                                        "5-6,28.0"),
     ["table-2.csv, line 3, row 2", "no cell for n"]),
    # dates in the programme's time
    ("a story dated 1899-12-31", lambda r: replace(r / STORIES, "date: 2021-03-01",
                                                   "date: 1899-12-31"),
     ["stories[0] (id 'fixture-story-1').date", "from 1900-01-01 to 2100-12-31"]),
    ("reference date 0001-01-01", lambda r: edit_yaml(r / MEASUREMENTS, lambda d: d[
        "measurements"][0].update(reference_date="0001-01-01")),
     ["measurements[0] (id 'qol-2019').reference_date", "from 1900-01-01"]),
    ("reference date 2999-01-01", lambda r: edit_yaml(r / MEASUREMENTS, lambda d: d[
        "measurements"][0].update(reference_date="2999-01-01")),
     ["measurements[0] (id 'qol-2019').reference_date", "to 2100-12-31"]),
    ("reference date after the edition's publication", lambda r: edit_yaml(
        r / MEASUREMENTS, lambda d: d["measurements"][0].update(reference_date="2019-12-31")),
     ["measurements[0] (id 'qol-2019').reference_date", "after edition 'lt-2019'",
      "to 2019-07-02"]),
    ("edition published before the programme", lambda r: replace(
        r / "lt/editions.yaml", "publication_date: 2019-07-02", "publication_date: 1970-01-01"),
     ["editions[0] (id 'lt-2019').publication_date", "before the programme",
      "from 2018-01-01 on"]),
    # text that shows what it says
    ("right-to-left override in a title", lambda r: replace(
        r / "lt/indicators.yaml", QOL_TITLE, QOL_TITLE.replace("kwaliteit", "kwa\u202eliteit")),
     ["indicators[0] (id 'quality-of-life').title", "invisible character U+202E"]),
    ("zero-width space in a title", lambda r: replace(
        r / "lt/indicators.yaml", QOL_TITLE, QOL_TITLE.replace("leven", "le\u200bven")),
     ["indicators[0] (id 'quality-of-life').title", "invisible character U+200B"]),
    ("zero-width joiner in a table cell", lambda r: replace(r / TABLE_CSV, "5-6", "5\u200d-6"),
     ["table-2.csv, line 3, row 2.dimensions.mark_band", "U+200D"]),
    ("a description of 6,000 characters", lambda r: edit_yaml(
        r / "lt/indicators.yaml", lambda d: d["indicators"][0].update(description="woord " * 1000)),
     ["indicators[0] (id 'quality-of-life').description", "at most 5000 characters"]),
    ("unclosed markup", lambda r: replace(r / STORIES, "summary: Een verzonnen verhaal",
                                          "summary: Een <svg/onload=alert(1) verhaal"),
     ["stories[0] (id 'fixture-story-1').summary", "contains markup '<svg/onload"]),
    ("a markdown link to javascript:", lambda r: replace(
        r / STORIES, "summary: Een verzonnen verhaal",
        "summary: Een [verzonnen](javascript:alert(1)) verhaal"),
     ["stories[0] (id 'fixture-story-1').summary", "contains markup '[verzonnen]("]),
    ("an autolink to javascript: in a title", lambda r: replace(
        r / STORIES, "title: Synthetic fixture story", "title: 'Zie <javascript:alert(1)>'"),
     ["stories[0] (id 'fixture-story-1').title", "contains markup '<javascript:alert(1)>'"]),
    ("an id with a trailing space", lambda r: replace(r / STORIES, "id: fixture-story-1",
                                                      "id: 'fixture-story-1 '"),
     ["lt/stories.yaml, line 2", "has spaces around it", "'fixture-story-1'"]),
    # geography: what load refuses, check refuses
    ("unknown municipality code", lambda r: replace(r / "lt/initiatives.yaml",
                                                    "municipality_code: GM0363",
                                                    "municipality_code: GM9999"),
     ["initiatives[0] (id 'fixture-respite-pilot').municipality_code", "GM9999"]),
    ("a code with the wrong name", lambda r: replace(r / "lt/initiatives.yaml",
                                                     "municipality_name: Amsterdam",
                                                     "municipality_name: Rotterdam"),
     ["initiatives[0] (id 'fixture-respite-pilot').municipality_name", "'Rotterdam' is GM0599"]),
    ("a municipality before it existed", lambda r: replace(
        r / "lt/initiatives.yaml", "municipality_code: GM0363\n    municipality_name: Amsterdam",
        "municipality_code: GM1980\n    municipality_name: Dijk en Waard"),
     ["initiatives[0] (id 'fixture-respite-pilot').municipality_code",
      "GM1980 is not a municipality in 2020"]),
]
CONTENT_CASES += RULE_CASES


@pytest.mark.parametrize("spoil, expected", [c[1:] for c in CONTENT_CASES],
                         ids=[c[0] for c in CONTENT_CASES])
def test_check_rejects_bad_content_with_a_precise_message(content_dir: Path, spoil, expected):
    spoil(content_dir)
    with pytest.raises(ContentError) as info:
        verify(content_dir, OPEN_DATA)
    message = str(info.value)
    for part in expected:
        assert part in message, (part, message)


@pytest.fixture(scope="module")
def loaded_database(tmp_path_factory) -> Path:
    """A database file with the fixture content, copied by each test that loads into it."""
    path = tmp_path_factory.mktemp("loaded") / "db.sqlite"
    result = run("load", "--content", str(FIXTURE_CONTENT), "--database", sqlite_url(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("spoil, expected", [c[1:] for c in CONTENT_CASES],
                         ids=[c[0] for c in CONTENT_CASES])
def test_cli_check_and_load_answer_with_a_message_and_write_nothing(
        content_dir: Path, loaded_database: Path, tmp_path: Path, spoil, expected):
    database = tmp_path / "db.sqlite"
    shutil.copy(loaded_database, database)
    before = database.read_bytes()
    spoil(content_dir)
    for command in (["check"], ["load", "--database", sqlite_url(database)]):
        started = time.perf_counter()
        result = run(*command, "--content", str(content_dir))
        assert time.perf_counter() - started < 30, command
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        assert "problem" in result.stderr and expected[-1] in result.stderr, result.stderr
    assert "Nothing was written to the database." in result.stderr
    assert database.read_bytes() == before


def test_bundled_and_fixture_content_use_no_anchors_or_aliases():
    from langerthuis.config import CHECKOUT
    for root in (CHECKOUT / "content", FIXTURE_CONTENT):
        check_content(root)  # the reader refuses anchors and aliases: this passing shows none


def test_an_explicitly_empty_list_is_accepted(content_dir: Path):
    (content_dir / "lt/stories.yaml").write_text("stories: []\n")
    edit_yaml(content_dir / "lt/quality_notes.yaml",
              lambda d: d.update(quality_notes=[q for q in d["quality_notes"]
                                                if q["subject"]["type"] != "story"]))
    [programme] = check_content(content_dir).programmes
    assert programme.stories == []


def test_a_link_inside_the_content_folder_is_followed(content_dir: Path):
    (content_dir / "lt/stories.yaml").rename(content_dir / "stories-shared.yaml")
    (content_dir / "lt/stories.yaml").symlink_to(content_dir / "stories-shared.yaml")
    [programme] = check_content(content_dir).programmes
    assert [x.id for x in programme.stories][:1] == ["fixture-story-1"]


# --- the content schema fits the database ---------------------------------------------

PAIRS = {s.OrganisationSpec: m.Organisation, s.ProgrammeSpec: m.Programme,
         s.ActionLineSpec: m.ActionLine, s.GoalSpec: m.Goal, s.ActionSpec: m.Action,
         s.EditionSpec: m.Edition, s.IndicatorSpec: m.Indicator,
         s.DefinitionSpec: m.DefinitionVersion, s.MeasurementSpec: m.Measurement,
         s.EntrySpec: m.EditionEntry, s.TableSpec: m.BreakdownTable,
         s.TableRowSpec: m.BreakdownRow, s.RelationSpec: m.Relation, s.StorySpec: m.Story,
         s.InitiativeSpec: m.Initiative, s.ReferenceSpec: m.Reference,
         s.ClaimSpec: m.PublishedClaim, s.QualityNoteSpec: m.QualityNote}


def _bounds(annotation: Any, metadata: list) -> tuple[int | None, int | None, set]:
    """The max length and upper bound the schema sets on a field, and the enums it allows."""
    max_length = upper = None
    enums: set = set()
    items = list(metadata)
    todo = [annotation]
    while todo:
        a = todo.pop()
        items += getattr(a, "__metadata__", ())
        if isinstance(a, type) and issubclass(a, str) and a is not str:
            enums.add(a)
        todo += [x for x in get_args(a) if x is not None]
    for x in items:
        for c in getattr(x, "metadata", [x]):
            if isinstance(c, MaxLen):
                max_length = c.max_length if max_length is None else min(max_length, c.max_length)
            if isinstance(c, Le):
                upper = c.le if upper is None else min(upper, c.le)
    return max_length, upper, enums


@pytest.mark.parametrize("spec", PAIRS, ids=lambda x: x.__name__)
def test_every_value_the_schema_accepts_fits_its_database_column(spec):
    columns = {c.key: c for c in PAIRS[spec].__table__.columns}
    for name, field in spec.model_fields.items():
        column = columns.get(name)
        if column is None:
            column = columns.get(f"{name}_id")
        if column is None or field.annotation is s.SubjectSpec:  # subject.id: checked below
            continue
        max_length, upper, enums = _bounds(field.annotation, field.metadata)
        if isinstance(column.type, String) and column.type.length:
            if enums:
                longest = max(len(v) for e in enums for v in e)
                assert longest <= column.type.length, (spec.__name__, name)
            else:
                assert max_length is not None and max_length <= column.type.length, \
                    (spec.__name__, name, max_length, column.type.length)
        if isinstance(column.type, Integer):
            assert upper is not None and upper <= INT32_MAX, (spec.__name__, name, upper)
    if spec is s.QualityNoteSpec:
        subject = s.SubjectSpec.model_fields["id"]
        assert _bounds(subject.annotation, subject.metadata)[0] <= columns["subject_id"].type.length


# --- import: a tampered monitor.json ----------------------------------------------------

@pytest.fixture(scope="module")
def export(loaded_database: Path, tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("export")
    result = run("export", str(target), "--database", sqlite_url(loaded_database))
    assert result.exit_code == 0, result.output
    return json.loads((target / "monitor.json").read_text(encoding="utf-8"))


def _edit(change: Callable[[dict], Any]) -> Callable[[dict, Path], None]:
    def write(data: dict, path: Path) -> None:
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    return write


def _raw(text: str | bytes) -> Callable[[dict, Path], None]:
    def write(data: dict, path: Path) -> None:
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return write


def _text(change: Callable[[str], str]) -> Callable[[dict, Path], None]:
    def write(data: dict, path: Path) -> None:
        path.write_text(change(json.dumps(data, indent=1)), encoding="utf-8")
    return write


def _by_id(data: dict, key: str, id: str) -> dict:
    return next(x for x in data[key] if x["id"] == id)


def _many_rows(data: dict) -> None:
    data["tables"][0]["rows"] = [{}] * 500_000


def _deep_json(data: dict, path: Path) -> None:
    data["initiatives"][0]["attributes"] = {"a": "__DEEP__"}
    path.write_text(json.dumps(data).replace('"__DEEP__"', "[" * 20_000 + "]" * 20_000))


def _dev_zero_json(data: dict, path: Path) -> None:
    path.symlink_to("/dev/zero")


IMPORT_CASES: list[tuple[str, Callable[[dict, Path], None], list[str]]] = [
    ("missing top-level key", _edit(lambda d: d.pop("stories")),
     ["monitor.json, stories", "required key 'stories' is missing"]),
    ("unknown top-level key", _edit(lambda d: d.update(evil=[1])),
     ["unknown top-level key(s) 'evil'"]),
    ("top-level list of the wrong type", _edit(lambda d: d.update(stories={"a": 1})),
     ["monitor.json, stories", "expected a list, found a mapping"]),
    ("record that is not an object", _edit(lambda d: d["stories"].insert(0, 1)),
     ["stories[0]", "expected an object, found int"]),
    ("missing key in a record", _edit(lambda d: _by_id(d, "indicators", "quality-of-life").pop("unit")),
     ["(id 'quality-of-life').unit", "required key 'unit' is missing"]),
    ("unknown key in a record", _edit(lambda d: d["stories"][0].update(evil=1)),
     ["stories[0] (id 'fixture-story-1').evil", "unknown key 'evil'"]),
    ("text as a number", _edit(lambda d: d["measurements"][0].update(value="65")),
     ["measurements[0] (id 'carers-2019').value", "found '65'", "valid number"]),
    ("value: true", _edit(lambda d: d["measurements"][0].update(value=True)),
     ["measurements[0] (id 'carers-2019').value", "found True", "valid number"]),
    ("n beyond 64 bits in a row", _edit(lambda d: d["tables"][0]["rows"][0].update(n=2**64)),
     ["tables[0] (id 'lt-2021-table-2').rows[0].n", f"less than or equal to {INT32_MAX}"]),
    ("markup in text", _edit(lambda d: d["stories"][0].update(summary="<script>x</script>")),
     ["stories[0] (id 'fixture-story-1').summary", "contains markup '<script>'"]),
    ("story of an unknown indicator", _edit(lambda d: d["stories"][0].update(indicator="nope")),
     ["stories[0] (id 'fixture-story-1').indicator", "unknown indicator 'nope'"]),
    ("action of an unknown programme", _edit(lambda d: d["actions"][0].update(programme="x")),
     [".programme", "unknown programme 'x'"]),
    ("action line number unknown", _edit(lambda d: d["actions"][0].update(action_line=9)),
     [".action_line", "found 9: expected the number of an action line"]),
    ("action line number as text", _edit(lambda d: _by_id(d, "indicators", "overburdened-carers").update(action_line="2")),
     ["(id 'overburdened-carers').action_line", "found '2'", "expected the number of an action line"]),
    ("checks of an unknown table", _edit(lambda d: d.update(table_checks={"nope": {}})),
     ["table_checks.'nope'", "unknown table"]),
    ("impossible date", _edit(lambda d: d["stories"][0].update(date="2020-02-30")),
     ["stories[0] (id 'fixture-story-1').date", "not an existing date"]),
    ("500,000 table rows", _edit(_many_rows),
     ["tables[0] (id 'lt-2021-table-2').rows", "500,000 rows", "limit for one table"]),
    ("NaN", _text(lambda t: t.replace('"value": 65.0', '"value": NaN', 1)),
     ["holds NaN", "finite number"]),
    ("duplicate key", _text(lambda t: t.replace('"value": 65.0', '"value": 65.0, "value": 1', 1)),
     ["key 'value' twice"]),
    ("bad JSON", _text(lambda t: t[:1000]), ["monitor.json, line", "is not valid JSON"]),
    ("empty file", _raw(""), ["monitor.json", "is empty"]),
    ("null", _raw("null"), ["expected a JSON object", "found nothing"]),
    ("a list", _raw("[1, 2]"), ["expected a JSON object", "found a list"]),
    ("non-UTF-8", _raw(b'{"licence": "caf\xe9"}'), ["monitor.json, line 1", "not UTF-8"]),
    ("integer of 5,000 digits", _raw('{"n": ' + "9" * 5000 + "}"), ["is not valid JSON"]),
    ("nested 20,000 deep", _deep_json, ["too deeply"]),
    ("link to /dev/zero", _dev_zero_json, ["not a plain file"]),
    ("30 MB file", lambda d, p: sparse(p, 30_000_000), ["limit is 20,000,000 bytes"]),
    ("right-to-left override in a title", _edit(lambda d: d["stories"][0].update(
        title="Synthetic \u202efixture story")),
     ["stories[0] (id 'fixture-story-1').title", "invisible character U+202E"]),
    ("a value that underflows", _text(lambda t: t.replace('"value": 65.0', '"value": 1e-400', 1)),
     ["holds the number 1e-400 is too small to store"]),
    ("a markdown link in a summary", _edit(lambda d: d["stories"][0].update(
        summary="Zie [hier](javascript:alert(1))")),
     ["stories[0] (id 'fixture-story-1').summary", "contains markup"]),
    ("a date before 1900", _edit(lambda d: d["stories"][0].update(date="1899-12-31")),
     ["stories[0] (id 'fixture-story-1').date", "from 1900-01-01"]),
]


@pytest.mark.parametrize("tamper, expected", [c[1:] for c in IMPORT_CASES],
                         ids=[c[0] for c in IMPORT_CASES])
def test_import_rejects_a_tampered_export_with_a_precise_message(
        export: dict, tmp_path: Path, tamper, expected):
    path = tmp_path / "monitor.json"
    tamper(json.loads(json.dumps(export)), path)
    database = tmp_path / "db.sqlite"
    started = time.perf_counter()
    with pytest.raises(ContentError) as info:
        read_dataset(path)
    assert time.perf_counter() - started < 20
    message = str(info.value)
    for part in expected:
        assert part in message, (part, message)
    result = run("import", str(path), "--database", sqlite_url(database))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected[-1] in result.stderr
    assert not database.exists()


def test_import_of_an_untampered_export_keeps_every_record(export: dict, tmp_path: Path):
    path = tmp_path / "monitor.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    content = read_dataset(path)
    [programme] = content.programmes
    assert len(programme.stories) == len(export["stories"])
    assert len(programme.initiatives) == len(export["initiatives"])
    assert sum(len(r) for r in programme.table_rows.values()) == \
        sum(len(t["rows"]) for t in export["tables"])


def test_the_largest_values_check_accepts_load_on_postgresql(content_dir: Path):
    """The other side of the limits: what `check` accepts, PostgreSQL stores (its `integer`
    is 32 bits, its varchar(n) refuses longer text, its text refuses NUL)."""
    import postgres
    from langerthuis.content.limits import INT64_MAX
    from langerthuis.store import load_content, make_engine
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; the test command installs it")
        pytest.skip("PostgreSQL is not installed")
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(n=INT32_MAX, reference_period="p" * 100,
                                                    reference_period_en="p" * 100))
    edit_yaml(content_dir / "lt/initiatives.yaml", lambda d: d["initiatives"][1].update(
        count=INT32_MAX, name="n" * 300, attributes={"big": INT64_MAX, "small": -INT64_MAX - 1}))
    edit_yaml(content_dir / "lt/stories.yaml",
              lambda d: d["stories"][0].update(title="t" * 300, title_en="t" * 300,
                                               source_title="s" * 300))
    edit_yaml(content_dir / "lt/editions.yaml", lambda d: d["editions"][0]["entries"][0].update(
        number=9999, title="e" * 500, printed="p" * 100, source_location="l" * 300))
    table = content_dir / "lt/tables/table-2.csv"
    table.write_text(table.read_text().replace("3242\n5", f"{INT32_MAX}\n5", 1))
    content = check_content(content_dir)
    with postgres.temporary_server() as url:
        engine = make_engine(url)
        try:
            written = load_content(engine, content)
        finally:
            engine.dispose()
    assert written["measurement"] == 8 and written["initiative"] == 2


def test_a_declared_exception_is_accepted_and_shown_to_the_reader(content_dir: Path,
                                                                   tmp_path: Path):
    """A published table that really breaks a rule of arithmetic declares it with its
    source; check then accepts it, and the reader sees the note with the table."""
    from sqlalchemy.orm import Session
    from langerthuis.store import load_content, make_engine
    from langerthuis.views.indicator import table_view
    replace(content_dir / TABLE, "unit: percentage", "unit: euro")
    with pytest.raises(ContentError, match="indicator in 'percentage'"):
        check_content(content_dir)
    replace(content_dir / TABLE, "    decimals: 1\n", "    decimals: 1\n    checks: {exceptions: "
            "[{rule: unit, source_location: '002, Tabel 2', note: De tabel geeft bedragen., "
            "note_en: The table gives amounts.}]}\n")
    engine = make_engine(sqlite_url(tmp_path / "db.sqlite"))
    try:
        load_content(engine, check_content(content_dir))
        with Session(engine) as session:
            table = session.get(m.BreakdownTable, "lt-2021-table-2")
            assert table_view(table, "nl").notes == "De tabel geeft bedragen."
            assert table_view(table, "en").notes == "The table gives amounts."
    finally:
        engine.dispose()
