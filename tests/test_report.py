"""The yearly report as PDF, on the fixture content: the text holds every indicator's
number, title and key figure in Dutch formatting, there is a bookmark per indicator, and the
pages render to PNG (kept in test-artifacts/report/ to look at). The bundled content's
report is checked in tests/bundled/test_bundled_outputs.py."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.config import CHECKOUT
from langerthuis.views.values import figure
from conftest import build_report

ARTIFACTS = CHECKOUT / "test-artifacts" / "report"


@pytest.fixture(scope="module")
def database(fixture_database):
    return fixture_database


@pytest.fixture(scope="module")
def pdf(database, tmp_path_factory):
    url, _ = database
    return build_report(url, tmp_path_factory.mktemp("pdf") / "monitor-2021.pdf")


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf) -> str:
    """The text of the PDF, whitespace squashed. pdftotext (poppler-utils, which the test
    command installs) reads a long report ten times faster than pypdf, the fallback."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True, encoding="utf-8").stdout
    else:
        text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    return squash(text)


def check_every_indicator(text: str, engine, edition_id: str) -> None:
    """The number, title and key figure of every entry of the edition stand in the text."""
    with Session(engine) as s:
        edition = s.get(m.Edition, edition_id)
        for entry in edition.entries:
            assert squash(f"{entry.number}. {entry.indicator.title}")[:60] in text, entry.number
            if entry.measurement is not None:
                assert figure(entry.measurement, "nl") in text, (entry.number,
                                                                 figure(entry.measurement, "nl"))


def bookmarks(pdf) -> list[str]:
    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title
    return list(titles(PdfReader(str(pdf)).outline))


def test_pdf_text_has_every_indicator(pdf, database):
    _, engine = database
    text = pdf_text(pdf)
    check_every_indicator(text, engine, "lt-2021")
    assert "37.469 uur" in text and "9,1%" in text and "6,6" in text


def test_a_bookmark_per_indicator(pdf):
    marks = bookmarks(pdf)
    numbered = [t for t in marks if t.split(".")[0].isdigit()]
    assert numbered == ["1. Het percentage 75-plussers met een goede kwaliteit van leven",
                        "6. Synthetic fixture indicator whose definition changed",
                        "8. Het aantal uren dat specialisten ouderengeneeskunde zijn ingezet",
                        "14. Het percentage overbelaste mantelzorgers",
                        "26. Verhalen van mantelzorgers over overbelasting"]
    assert any(t.startswith("Dashboard Monitor Langer Thuis 2021") for t in marks)


def test_page_numbers_and_running_headers(pdf):
    reader = PdfReader(str(pdf))
    total = len(reader.pages)
    third = reader.pages[2].extract_text()
    assert f"3 / {total}" in third and "Monitor Langer Thuis 2021" in third


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_to_png(pdf):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "6", str(pdf),
                    str(ARTIFACTS / "page")], check=True)
    pngs = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pngs) == 6 and all(p.stat().st_size > 5_000 for p in pngs)


def test_html_report_and_english(database, tmp_path):
    url, _ = database
    out = build_report(url, tmp_path / "report.html", "en", "html", "2020")
    html = out.read_text(encoding="utf-8")
    assert "Reflection on Monitor Langer Thuis 2020" in html and 'id="dashboard-2019"' in html
    assert "Progress of the actions" in html


def test_every_figure_and_table_has_a_numbered_caption(pdf, database):
    """Figures and tables are numbered 1, 2, 3, ... through the report, in the text (so
    that readers and assistive technology see the number); breakdowns are cross tables."""
    import re
    text = pdf_text(pdf)
    for word in ("Figuur", "Tabel"):
        numbers = [int(n) for n in re.findall(rf"\b{word} (\d+):", text)]
        assert numbers == list(range(1, len(numbers) + 1)) and numbers, (word, numbers)
    assert "Figuur 1: Dashboard Monitor Langer Thuis 2021" in text
    _, engine = database
    with Session(engine) as s:
        for t in s.query(m.BreakdownTable).filter(m.BreakdownTable.edition_id == "lt-2021"):
            assert re.search(rf"Tabel \d+: {re.escape(t.title)}", text), t.title
            assert re.search(rf"Figuur \d+: {re.escape(t.title)}", text), t.title
    # whole numbers without decimals, one n for the whole table, the statistic in words
    assert "n = 3.242" in text and "Percentage" in text
