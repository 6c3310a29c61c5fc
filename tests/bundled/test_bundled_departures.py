"""Where the bundled content departed from the sources (issue 13), checked against the seed
texts in ../shared/seeds where a rule can catch it: dashboard labels as printed, "nvt" that
meant "not yet available", the 2019 periods from the first progress report, MantelzorgNL's
former name, every web address of the monitor, and what each edition printed."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from langerthuis import model as m
from conftest import OPEN_DATA
from langerthuis.app import create_app
from test_bundled_content import db  # noqa: F401  (the bundled database in a session)

pytestmark = pytest.mark.bundled

CONTENT = Path(__file__).resolve().parents[2] / "content"
#: The source documents, next to the open data (../shared/seeds beside ../shared/data).
SEEDS = Path(os.environ.get("LANGERTHUIS_SEEDS_DIR") or OPEN_DATA.parent / "seeds")


def seed(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"the seed texts are not in {SEEDS}")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client(bundled_database):
    return TestClient(create_app(bundled_database[0]))


def letters(text: str) -> str:
    """Only the letters, lower case: the seed's dashboards break words over lines
    ("ini tia-\\ntieven") and put numbers between the words."""
    return re.sub(r"[^a-zà-ÿ]", "", text.lower())


#: Short labels that knowingly differ from the 2021 dashboard, and why.
LABEL_EXCEPTIONS = {
    # The dashboards print "oudergeneeskunde"; the specialism is "ouderengeneeskunde", as
    # Tabel 1 and the section write it.
    "elderly-care-physician-hours",
    # The 2021 dashboard labels its mark 6,6 with the words of the 2019 definition ("aantal
    # concrete afspraken ..."), which reads as a count; the label follows the indicator's
    # 2021 title, so that the mark reads as a mark (issue 23).
    "purchaser-cooperation",
}


def test_short_labels_are_the_words_of_the_2021_dashboard(db):
    """Each short label stands, word for word, in the 2021 dashboard (Figuur 1): a label
    that drops words, such as indicator 5's "door gemeenten, Rijk en lokale partners", is
    caught."""
    text = seed("002")
    dashboard = letters(text[:text.index("Figuur 2")])
    missing = [i.id for i in db.scalars(select(m.Indicator).where(
                   m.Indicator.programme_id == "langer-thuis"))
               if i.id not in LABEL_EXCEPTIONS and letters(i.short_label) not in dashboard]
    assert missing == []
    five = db.get(m.Indicator, "social-domain-investments")
    assert "door gemeenten, Rijk en lokale partners" in five.short_label
    assert "by municipalities, central government and local partners" in five.short_label_en


def test_nvt_in_2019_meant_not_yet_available(db):
    """Seed 001 (note 7) names the three indicators that had too few data for the baseline;
    the 2019 dashboard printed "nvt" for them."""
    note = re.sub(r"\s+", " ", seed("001"))
    assert "onvoldoende gegevens" in note and "aantal nieuwe initiatieven van vernieuwende" in note
    entries = {e.indicator_id: e for e in db.get(m.Edition, "lt-2019").entries}
    for indicator in ("municipalities-carer-awareness", "in-voor-mantelzorg-pilots",
                      "clustered-housing-locations"):
        assert (entries[indicator].status, entries[indicator].printed) == ("not_available", "nvt")
    assert entries["purchaser-cooperation"].status == "not_applicable"
    qn = db.get(m.QualityNote, "qn-nvt-2019-not-yet-available")
    assert "001, note 7" in qn.locations and "not yet available" in qn.text_en
    # Indicators 10 and 32 were not in the 2019 edition; the 2021 sections print "nvt".
    assert {"ehealth-subsidies", "housing-care-subsidies"}.isdisjoint(entries)
    assert db.get(m.QualityNote, "qn-monitor-2019-nvt-not-in-edition") is not None


def test_the_2019_periods_and_n_from_the_first_progress_report(db, client):
    text = re.sub(r"\s+", " ", seed("001"))
    assert "Beoordeling van 689 75+ers in de periode eind 2014–begin 2019" in text
    assert "gemeten over de jaren 2014 t/m 2019" in text
    home = db.get(m.Measurement, "suitable-home-2019")
    assert (home.value, home.n, home.reference_period) == (81, 689, "eind 2014 t/m begin 2019")
    assert "14%" in home.notes and "5%" in home.notes
    assert db.get(m.Measurement, "quality-of-life-2019").reference_period == "2014 t/m 2019"
    assert "eind 2014 t/m begin 2019" in client.get("/indicator/suitable-home").text
    assert "end of 2014 to early 2019" in client.get("/en/indicator/suitable-home").text


def test_mezzo_is_mantelzorgnls_former_name_not_its_abbreviation(db, client):
    org = db.get(m.Organisation, "mantelzorgnl")
    assert (org.abbreviation, org.former_name) == (None, "Mezzo")
    assert "MantelzorgNL (voorheen Mezzo)" in client.get("/programma").text
    assert "MantelzorgNL (formerly Mezzo)" in client.get("/en/programme").text


def test_the_age_band_of_the_support_ratio_is_recorded(db):
    """The seeds write 50-75; our computation counts 50 to 74: recorded, not silently
    chosen."""
    assert "50-75 jaar voor één 85-plusser" in re.sub(r"\s+", " ", seed("002"))
    qn = db.get(m.QualityNote, "qn-support-ratio-age-band")
    assert qn.values == ["50-75", "50-74"] and qn.subject_id == "oldest-old-support-ratio"


def carried(url: str, known: set[str]) -> bool:
    """Whether a web address of the seed is in the content: as printed, cut off where the
    seed's text breaks the line, doubly escaped by the text extraction, or (for a PDF in a
    site's /binaries/ folder) as the document's own page, see qn-reference-document-pages."""
    url = url.rstrip(".")  # the end of a sentence
    if url in known or url.replace("%2525", "%25") in known:
        return True
    if any(k.startswith(url) for k in known):
        return True
    if "/binaries/" in url:
        return re.sub(r"/binaries/[^/]+/", "/", url).rsplit("/", 1)[0] in known
    return False


def test_every_web_address_of_the_monitor_is_carried_over():
    known = set()
    for file in CONTENT.rglob("*.yaml"):
        known |= set(re.findall(r"https?://[^\s\"',}]+", file.read_text(encoding="utf-8")))
    urls = set(re.findall(r"https?://[^\s<>\"]+", seed("002")))
    assert len(urls) > 50
    assert sorted(u for u in urls if not carried(u, known)) == []
    # the website the first progress report and the 2021 reflection name without http
    assert "www.monitorlangerthuis.nl" in seed("001")
    assert "https://www.monitorlangerthuis.nl" in known


def test_each_edition_shows_what_it_printed(client):
    """The 2019 dashboard printed 65.958 hours where the sources' figure is 65.985: that
    dashboard shows what it printed, with the figure of the later sources beside it; the
    indicator's page (one click) explains."""
    html = client.get("/monitor/2019").text
    card = html[html.index("65.958 uur"):][:800]
    assert "latere bronnen: 65.985 uur" in card
    page = client.get("/indicator/elderly-care-physician-hours").text
    assert "in de editie: 65.958" in page
    # The 2020 dashboard repeated the 2019 figure of indicator 14, which the 2021 section
    # prints as "--": the dashboard and the page's table of editions show its 8,5% as not
    # updated, in words (not as the source's "--", which is how it was printed).
    html = client.get("/monitor/2020").text
    assert "niet geactualiseerd" in html[html.index("8,5%"):][:600]
    page = client.get("/indicator/overburdened-carers").text
    table = page[page.index("Kerncijfer per editie</caption>"):]
    row = table[table.index(">2020</a></th>"):].split("</tr>")[0]
    assert "8,5%" in row and "niet geactualiseerd" in row
    assert "gedrukt als" not in page and "(--)" not in page


def test_table_10_prints_no_decimals_where_the_monitor_prints_none(client):
    html = client.get("/indicator/elderly-care-physician-hours").text
    assert "37.469 uur" in html and "€ 6.302.721" in html and "€ 168,21" in html
    assert ",00 uur" not in html and "6.302.721,00" not in html


def test_the_period_of_indicator_31_in_2021_is_recorded(db, client):
    """The 2021 section prints "Jaar: 2021" beside a figure it calls still valid from 2020;
    we give the figure no period and record the disagreement."""
    entry = db.scalars(select(m.EditionEntry).where(
        m.EditionEntry.edition_id == "lt-2021",
        m.EditionEntry.indicator_id == "area-coalitions")).one()
    assert entry.status == "still_valid" and entry.measurement.reference_period is None
    assert "Jaar: 2021" in db.get(m.QualityNote, "qn-area-coalitions-2021-period").values


def test_content_files_carry_both_languages():
    """No English left in a Dutch field: table notes and measurement notes have a Dutch
    text and an English one."""
    tables = yaml.safe_load((CONTENT / "langer-thuis" / "tables.yaml").read_text())["tables"]
    for t in tables:
        if "notes" in t:
            assert t["notes"] != t["notes_en"] and not t["notes"].startswith("The "), t["id"]
