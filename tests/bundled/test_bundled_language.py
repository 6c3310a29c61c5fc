"""Every page of the bundled monitor, in both languages, and the report of 2021 as PDF in
both languages, read for text in the other language: Dutch pages show no English and English
pages no Dutch (a function-word count per block of text, see tests/language.py; names are
allowed), no page or report holds curation talk ("gedrukt als", "verhalen niet in onze
bronnen", ...), no English text a Dutch abbreviation ("nvt", "t/m"), and the reports never
call themselves "this website". The checker itself is tested in tests/test_language.py."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.store import make_engine
from langerthuis.store.dataset import read_dataset
from language import (FIXED_NAMES, SELF_AS_WEBSITE, curation_talk, dutch_abbreviations,
                      foreign_blocks, html_blocks, text_blocks)

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def exported_site(bundled_site, tmp_path_factory) -> Path:
    """`langerthuis export-site` of the bundled monitor: every page reachable in both
    languages, and the reports."""
    target = tmp_path_factory.mktemp("bundled-static") / "site"
    result = CliRunner().invoke(main, ["export-site", str(target), "--database", bundled_site])
    assert result.exit_code == 0, result.output
    return target


def content_names(url: str) -> list[str]:
    """The names the content holds, which are the same in both languages: places,
    organisations, the titles of the publications it refers to, sources, programmes,
    initiatives and the data sets of the maps."""
    engine = make_engine(url)
    with Session(engine) as session:
        data = read_dataset(session)
        names = [*FIXED_NAMES]
        names += [x.name for x in data.municipalities if x.name]
        names += [r for x in data.municipalities for r in (
            x.province, x.ggd_region, x.care_office_region, x.shrinking_region) if r]
        # what an edition or the text of the monitor printed is quoted as printed
        names += [x.printed for e in data.editions for x in e.entries if x.printed]
        names += [x.printed for f in data.findings for x in f.facts if x.printed]
        # a table row label whose English is itself is a name (a project, a place)
        names += [nl for t in data.tables for words in (t.labels_en or {}).values()
                  for nl, en in words.items() if nl == en]
        for o in data.organisations:
            names += [o.name, o.abbreviation or "", o.former_name or ""]
        for r in data.references:
            names += [r.title, r.organisation or ""]
        for i in data.indicators:
            names.append(i.source or "")
        for x in data.measurements:
            names += list(x.sources or [])
        for s in data.stories:
            names.append(s.source_title or "")
        for p in data.programmes:
            names.append(p.name)
        for a in data.actions:
            names.append(a.leads_printed or "")
            if not hasattr(m.Action, "title_en"):
                # The actions' own texts get their English in the branch on action
                # progress; until then they are Dutch on English pages too.
                names += [a.title, a.milestone or "", a.timeline or ""]
        names += [i.name or "" for i in data.initiatives]
        for d in data.data_sources:
            names += [d.title, d.publisher or "", d.attribution or ""]
    engine.dispose()
    return [n for n in names if n]


@pytest.fixture(scope="module")
def names(bundled_site) -> list[str]:
    return content_names(bundled_site)


def language_of(page: Path, root: Path) -> str:
    return "en" if page.relative_to(root).parts[0] == "en" else "nl"


def test_every_page_is_in_its_own_language(exported_site, names):
    pages = sorted(exported_site.rglob("*.html"))
    assert len(pages) > 300  # both languages: dashboards, indicators as of each edition, ...
    assert {language_of(p, exported_site) for p in pages} == {"nl", "en"}
    problems = []
    for page in pages:
        lang = language_of(page, exported_site)
        blocks = html_blocks(page.read_text(encoding="utf-8"), lang)
        found = foreign_blocks(blocks, lang, names) + curation_talk(blocks)
        if lang == "en":
            found += dutch_abbreviations(blocks, names)
        for block in found:
            problems.append(f"{page.relative_to(exported_site)}: {block[:160]!r}")
    assert not problems, f"{len(problems)} blocks in the other language:\n" + "\n".join(
        problems[:60])


@pytest.mark.parametrize("lang,path", [("nl", "rapport/2021.pdf"), ("en", "en/report/2021.pdf")])
def test_the_report_is_in_its_own_language(exported_site, names, lang, path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed; the test command installs it")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(exported_site / path), "-"],
                          check=True, capture_output=True, text=True, encoding="utf-8").stdout
    blocks = text_blocks(text)
    assert len(blocks) > 500
    problems = (foreign_blocks(blocks, lang, names) + curation_talk(blocks)
                + curation_talk(blocks, SELF_AS_WEBSITE))
    if lang == "en":
        problems += dutch_abbreviations(blocks, names)
    assert not problems, f"{len(problems)} paragraphs in the other language:\n" + "\n".join(
        repr(p[:160]) for p in problems[:60])


@pytest.mark.parametrize("lang,path", [("nl", "rapport/2019.html"), ("en", "en/report/2020.html"),
                                       ("nl", "rapport/2023.html"), ("en", "en/report/2023.html")])
def test_the_earlier_and_wozo_reports_hold_no_curation_talk(exported_site, names, lang, path):
    blocks = html_blocks((exported_site / path).read_text(encoding="utf-8"), lang)
    problems = curation_talk(blocks) + curation_talk(blocks, SELF_AS_WEBSITE)
    if lang == "en":
        problems += dutch_abbreviations(blocks, names)
    assert not problems, "\n".join(repr(p[:160]) for p in problems[:40])
