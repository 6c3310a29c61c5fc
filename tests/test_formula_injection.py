"""Downloads never carry a live formula: content text that begins with =, +, -, @, tab or
carriage return is written as text in monitor.xlsx (string cell with a quote prefix, not
evaluated) and with a single quote before it in the CSV files (OWASP's advice against CSV
injection). Numbers stay numbers: a negative number in a numeric column is not text."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from conftest import edit_yaml
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.opendata.export import _append
from langerthuis.opendata.keyfigures import csv_cell, to_csv

ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("https://example.com/x","Klik hier")',
           "+31 20 123 4567", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("text", ATTACKS)
def test_csv_cell_prefixes_a_formula_with_a_quote(text: str):
    assert csv_cell(text) == "'" + text
    out = to_csv([{"title": text, "value": -1.5, "number": -3}], ["title", "value", "number"])
    if "\r" in text:  # the content refuses a carriage return (test_bad_input.py)
        assert out.split("\n")[1].startswith("'" + text)
    else:
        [row] = csv.DictReader(io.StringIO(out))
        assert row == {"title": "'" + text, "value": "-1.5", "number": "-3"}


def test_csv_cell_leaves_numbers_and_plain_text_alone():
    assert csv_cell(-1.5) == -1.5 and csv_cell(-3) == -3 and csv_cell(None) == ""
    assert csv_cell("Goede kwaliteit van leven") == "Goede kwaliteit van leven"
    assert csv_cell("a=b") == "a=b"


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode() for n in z.namelist()
                       if n.startswith("xl/worksheets/"))


def test_excel_writes_a_formula_as_text_and_numbers_as_numbers():
    book = Workbook()
    _append(book.active, [*ATTACKS, -1.5, -3, "plain"])
    out = io.BytesIO()
    book.save(out)
    assert "<f>" not in _sheet_xml(out.getvalue())
    cells = list(load_workbook(out).active.iter_rows(values_only=False))[0]
    for cell, text in zip(cells, ATTACKS):
        # XML reads a carriage return back as a newline
        assert cell.value in (text, text.replace("\r", "\n")), text
        assert cell.data_type == "s" and cell.quotePrefix, text
    assert [(c.value, c.data_type) for c in cells[len(ATTACKS):]] == \
        [(-1.5, "n"), (-3, "n"), ("plain", "s")]
    assert not cells[-1].quotePrefix


def test_formulas_in_the_content_are_neutralised_in_every_download(content_dir: Path,
                                                                   tmp_path: Path):
    """From the content files through the database into monitor.xlsx and the CSV files."""
    def entry_title(d):
        d["editions"][2]["entries"][0]["title"] = ATTACKS[0]
    edit_yaml(content_dir / "lt/editions.yaml", entry_title)
    edit_yaml(content_dir / "lt/stories.yaml",
              lambda d: d["stories"][0].update(title=ATTACKS[1]))
    edit_yaml(content_dir / "lt/initiatives.yaml",
              lambda d: d["initiatives"][0].update(name=ATTACKS[4]))
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(reference_period=ATTACKS[2]))
    table = content_dir / "lt/tables/table-2.csv"
    table.write_text(table.read_text().replace("1-4,", "-1-4,"))
    url = sqlite_url(tmp_path / "db.sqlite")
    assert run("load", "--content", str(content_dir), "--database", url).exit_code == 0
    target = tmp_path / "downloads"
    assert run("export", str(target), "--database", url).exit_code == 0

    data = (target / "monitor.xlsx").read_bytes()
    assert "<f>" not in _sheet_xml(data)
    book = load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value in (*ATTACKS, "-1-4"):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.value
                    found[cell.value] = sheet.title
    assert found == {ATTACKS[0]: "Kerncijfers", ATTACKS[1]: "Verhalen", ATTACKS[2]: "Kerncijfers",
                     ATTACKS[4]: "Initiatieven", "-1-4": "Tabel 2 (2021)"}
    values = [c.value for c in book["Kerncijfers"]["H"][1:]]
    assert all(v is None or isinstance(v, (int, float)) for v in values) and 68 in values

    key_figures = list(csv.DictReader(io.StringIO((target / "key-figures.csv").read_text())))
    titles = {r["title"] for r in key_figures}
    assert "'" + ATTACKS[0] in titles and ATTACKS[0] not in titles
    assert {r["reference_period"] for r in key_figures} >= {"'" + ATTACKS[2]}
    assert "68" in {r["value"] for r in key_figures}
    breakdowns = list(csv.DictReader(io.StringIO((target / "breakdowns.csv").read_text())))
    assert {r["mark_band"] for r in breakdowns} >= {"'-1-4", "5-6", "7-10"}
    assert {r["value"] for r in breakdowns} >= {"3.5", "68.5"}
