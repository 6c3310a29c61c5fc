"""The yearly report as PDF: the text holds every indicator's number, title and key figure
in Dutch formatting, there is a bookmark per indicator, and the pages render to PNG
(kept in test-artifacts/report/ to look at)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import CHECKOUT
from langerthuis.views.values import figure

ARTIFACTS = CHECKOUT / "test-artifacts" / "report"


@pytest.fixture(scope="module")
def database(bundled_database):
    return bundled_database


@pytest.fixture(scope="module")
def pdf(database, tmp_path_factory):
    url, _ = database
    out = tmp_path_factory.mktemp("pdf") / "monitor-2021.pdf"
    result = CliRunner().invoke(main, ["report", "--edition", "2021", "--format", "pdf",
                                       "--output", str(out), "--database", url])
    assert result.exit_code == 0, result.output
    return out


def squash(text: str) -> str:
    return " ".join(text.split())


def test_pdf_text_has_every_indicator(pdf, database):
    _, engine = database
    reader = PdfReader(str(pdf))
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    with Session(engine) as s:
        edition = s.get(m.Edition, "lt-2021")
        for entry in edition.entries:
            assert squash(f"{entry.number}. {entry.indicator.title}")[:60] in text, entry.number
            if entry.measurement is not None:
                assert figure(entry.measurement, "nl") in text, (entry.number,
                                                                 figure(entry.measurement, "nl"))
    assert "37.469 uur" in text and "9,1%" in text and "13,3" in text


def test_a_bookmark_per_indicator(pdf):
    reader = PdfReader(str(pdf))

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title
    marks = list(titles(reader.outline))
    numbered = [t for t in marks if t.split(".")[0].isdigit()]
    assert len(numbered) == 34
    assert "14. Het percentage overbelaste mantelzorgers" in marks
    assert any(t.startswith("Dashboard Monitor Langer Thuis 2021") for t in marks)


def test_page_numbers_and_running_headers(pdf):
    reader = PdfReader(str(pdf))
    total = len(reader.pages)
    third = reader.pages[2].extract_text()
    assert f"3 / {total}" in third and "Monitor Langer Thuis 2021" in third


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_to_png(pdf):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "6", str(pdf),
                    str(ARTIFACTS / "page")], check=True)
    pngs = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pngs) == 6 and all(p.stat().st_size > 5_000 for p in pngs)


def test_html_report_and_english(database, tmp_path):
    url, _ = database
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--edition", "2020", "--format", "html",
                                       "--lang", "en", "--output", str(out), "--database", url])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Reflection on Monitor Langer Thuis 2020" in html and 'id="dashboard-2019"' in html
    assert "Progress of the actions" in html
