"""The bundled WOZO content (content/wozo/): the framework of the annex of December 2023
(seed 004) with its five action lines and 42 measures, a progress entry per measure in
both languages, every figure traceable to the annex and found in the text of its action
line, the tables as the annex lists them, and the indicators that carry on Langer Thuis's
with their series across both programmes on the site."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.app import create_app
from langerthuis.config import CHECKOUT
from langerthuis.formatting import format_number

#: The seeds lie beside the checkout (or beside the folder of a git worktree).
SEED = next((p for p in (CHECKOUT.parent / "shared" / "seeds" / "004_bf3f2c50e1841921.txt",
                         CHECKOUT.parent.parent / "shared" / "seeds" / "004_bf3f2c50e1841921.txt")
             if p.is_file()), CHECKOUT.parent / "shared" / "seeds" / "004_bf3f2c50e1841921.txt")

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def db(bundled_database):
    with Session(bundled_database[1]) as session:
        yield session


@pytest.fixture(scope="module")
def sections() -> dict[int, str]:
    """The annex's text per action line, whitespace collapsed."""
    if not SEED.is_file():
        pytest.skip("the seeds are beside the checkout in CI")
    text = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    parts = re.split(r"Actielijn (\d): ", text)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def test_framework(db):
    wozo = db.get(m.Programme, "wozo")
    assert (wozo.predecessor_id, wozo.start_year, wozo.end_year) == ("langer-thuis", 2022, None)
    assert [al.title for al in wozo.action_lines] == [
        "Samen vitaal ouder worden", "Sterke basiszorg voor ouderen", "Passende Wlz-zorg",
        "Wonen en zorg voor ouderen", "Arbeidsmarkt en innovatie"]
    assert {al.number: len(al.actions) for al in wozo.action_lines} == {
        1: 7, 2: 8, 3: 8, 4: 9, 5: 10}
    assert [len(al.goals) for al in wozo.action_lines] == [0, 0, 0, 3, 0]
    for al in wozo.action_lines:
        assert al.title_en and al.summary and al.summary_en
        for a in al.actions:
            assert a.title_en and a.annex_summary and a.annex_summary_en, a.id
            assert a.annex_location.startswith("004, Actielijn "), a.id


def test_a_progress_entry_per_measure_as_of_december_2023(db):
    actions = db.scalars(select(m.Action).where(m.Action.programme_id == "wozo")).all()
    assert len(actions) == 42
    for a in actions:
        [entry] = a.progress
        assert (entry.date.isoformat(), entry.date_precision) == ("2023-12-31", "month")
        assert entry.summary and entry.summary_en and entry.reference_id == "ref-wozo-annex-2023"
        assert entry.status in {"started", "on_schedule", "completed"}
    statuses = [a.status for a in actions]
    assert statuses.count("completed") == 4 and statuses.count("started") == 11


def test_every_figure_is_traceable_and_stands_in_its_action_line(db, sections):
    edition = db.get(m.Edition, "wozo-2023")
    assert len(edition.entries) == 57
    for e in edition.entries:
        x = e.measurement
        line = int(re.match(r"004, Actielijn (\d)", x.source_location).group(1))
        assert line == e.indicator.action_line.number, e.indicator_id
        shown = (e.printed or format_number(x.value, 0)).replace(" (×1000)", "")
        assert re.search(rf"(?<![\d.,]){re.escape(shown)}(?!\d|,\d)", sections[line]), \
            (e.indicator_id, shown)


@pytest.mark.parametrize("indicator, value, period", [
    ("wozo-care-homes-applications", 13, "15-09-2023 t/m 06-12-2023"),
    ("wozo-care-homes-homes", 638, "15-09-2023 t/m 06-12-2023"),
    ("wozo-care-homes-claim", 6_800_000, "15-09-2023 t/m 06-12-2023"),
    ("wozo-care-homes-total-budget", 312_000_000, None),
    ("wozo-meeting-rooms-granted", 24_700_000, "2022 (eerste tranche)"),
    ("wozo-housing-care-feasibility-amount", 597_000, "2023 t/m 1 december"),
    ("wozo-ehealth-grants", 112, "2022"),
    ("wozo-ehealth-ceiling", 12_500_000, "2022"),
    ("wozo-smart-care-relay-participants", 3427, "februari 2023"),
    ("wozo-zzp-clients", 125_300, "2022"),
    ("wozo-dos-webinars", 3, "oktober en november 2023"),
    ("wozo-dos-regional-sessions", 5, "december 2023 en januari 2024"),
    ("wozo-self-employment-branch-organisations", 6, None),
    ("wozo-medicine-dispenser-minutes-saved", 12, None),
    ("wozo-medicine-dispenser-fte-freed", 24, "per jaar"),
    ("wozo-coaching-voucher-maximum", 10_000, "per ronde"),
    ("wozo-coaching-rounds-planned", 2, "2024"),
    ("wozo-digital-care-applications-care", 11, None),
    ("wozo-care-innovation-acceleration-goals", 8, None),
    ("wozo-value-consortium-organisations", 20, None),
])
def test_sample_of_figures(db, indicator, value, period):
    x = db.get(m.Measurement, f"{indicator}-2023")
    assert (x.value, x.reference_period) == (value, period)


def test_rounded_figures_are_qualified(db):
    def qualifiers(indicator):
        return db.get(m.Measurement, f"{indicator}-2023").qualifiers
    assert qualifiers("wozo-coaching-applications") == ["lower_bound"]  # ruim 100
    assert qualifiers("wozo-dignity-pride-locations") == ["approximate"]  # ca. 550
    assert qualifiers("wozo-intergenerational-amount") == ["approximate"]  # bijna € 1 mln
    assert qualifiers("wozo-meeting-rooms-homes") == ["estimate", "lower_bound"]
    assert qualifiers("wozo-value-consortium-organisations") == ["approximate"]  # circa 20


#: The counts of events, parties and the like, each with the words the annex puts it in.
@pytest.mark.parametrize("indicator, line, words", [
    ("wozo-dos-webinars", 3, "in oktober en november 3 Webinars gehouden"),
    ("wozo-dos-regional-sessions", 3, "vijf regionale werksessies georganiseerd"),
    ("wozo-self-employment-branch-organisations", 5, "werken zes brancheorganisaties"),
    ("wozo-medicine-dispenser-minutes-saved", 5, "12 minuten per medicatiemoment"),
    ("wozo-medicine-dispenser-fte-freed", 5, "Op jaarbasis betekent dit dat 24 fte"),
    ("wozo-coaching-voucher-maximum", 5, "voucher van maximaal €10.000,- euro"),
    ("wozo-coaching-rounds-planned", 5, "staan nog twee rondes IOC Ouderen Thuis gepland"),
    ("wozo-digital-care-applications-care", 5, "11. Zorg op afstand met tablet"),
    ("wozo-care-innovation-acceleration-goals", 5, "Versnelling zijn 8 doelen"),
    ("wozo-value-consortium-organisations", 5, "circa 20 onderzoek- en kennisorganisaties"),
])
def test_counts_stand_in_the_annex(db, sections, indicator, line, words):
    x = db.get(m.Measurement, f"{indicator}-2023")
    assert x.source_location.startswith(f"004, Actielijn {line}, ")
    heading = re.match(r"004, Actielijn \d, '(.*)'$", x.source_location).group(1)
    text = sections[line].replace("‘", "'").replace("’", "'")
    assert heading in text and words in text[text.index(heading):], (indicator, words)
    numerals = {"twee": 2, "vijf": 5, "zes": 6}
    shown = re.search(r"(\d+(?:\.\d{3})*)|\b(twee|vijf|zes)\b", words)
    assert (numerals[shown[2]] if shown[2] else int(shown[1].replace(".", ""))) == x.value
    if indicator == "wozo-digital-care-applications-care":  # the care list ends at 11
        assert "12. " not in text[text.index(words):text.index("Waardebepalingen")]


def test_tables_as_the_annex_lists_them(db, sections):
    tables = {t.number: t for t in db.scalars(select(m.BreakdownTable).where(
        m.BreakdownTable.edition_id == "wozo-2023"))}
    assert sorted(tables) == [1, 2, 3, 4, 5, 6, 7]
    zzp = {(r.dimensions["package"], r.dimensions["year"]): r.value for r in tables[1].rows}
    assert zzp == {("ZZP", "2019"): 124_900, ("ZZP", "2022"): 125_300,
                   ("VPT", "2019"): 9_300, ("VPT", "2022"): 15_700}
    for r in tables[4].rows:
        assert f"{r.dimensions['theme']}: {r.value:.0f} trajecten" in sections[3]
    assert sum(r.value for r in tables[4].rows) == 207
    examples = [(r.dimensions["project"], r.dimensions["place"], r.value) for r in tables[7].rows]
    assert examples == [
        ("Wij zijn Zuiderschans", "Den Bosch", 83), ("Wij zijn Zuiderschans", "Den Bosch", 44),
        ("de Stadsveteraan", "Amsterdam", 114), ("Het Hof van Aaron", "Nijmegen", 45),
        ("Het Hof van Aaron", "Nijmegen", 36), ("het Eendrachtshof", "Coevorden", 51),
        ("het Eendrachtshof", "Coevorden", 42), ("het Andere Wonen Klimmen", "Klimmen", 17)]
    for project, place, value in examples:  # each number stands after its project's name
        start = sections[4].index(project)
        nxt = min((sections[4].index(p, start + 1) for p, _, _ in examples
                   if p != project and p in sections[4][start + 1:]), default=start + 300)
        passage = sections[4][start:nxt]
        assert place in passage and re.search(rf"(?<!\d){value:.0f}(?!\d)", passage), (project, value)


def test_the_disagreement_on_the_vpt_growth_is_kept(db):
    note = db.get(m.QualityNote, "qn-wozo-vpt-growth")
    assert note.kind == "disagreement" and "40,8%" in note.text and "40.8%" in note.text_en
    growth = {r.dimensions["package"]: r.value for r in
              db.get(m.BreakdownTable, "wozo-2023-table-02").rows}
    assert growth == {"ZZP": 0.3, "VPT": 40.8}
    assert round((15.7 / 9.3 - 1) * 100, 1) != growth["VPT"]


def test_indicators_that_continue_langer_thuis(db, bundled_database):
    pairs = {(c.indicator_id, c.continues_id) for c in db.scalars(select(m.Continuation))}
    assert pairs == {("wozo-housing-care-feasibility-grants", "housing-care-subsidies"),
                     ("wozo-ehealth-grants", "ehealth-subsidies")}
    client = TestClient(create_app(bundled_database[0]))
    html = client.get("/indicator/housing-care-subsidies").text
    part = html[html.index("Voortgezet in WOZO"):]
    for shown in ("Monitor Langer Thuis 2020", "Monitor Langer Thuis 2021",
                  "Voortgang WOZO december 2023", ">87<", ">33<"):
        assert shown in part, shown
    html = client.get("/en/indicator/wozo-ehealth-grants").text
    assert "Continued from Living at Home Longer" in html and ">108<" in html and ">112<" in html


def test_wozo_pages(bundled_database):
    client = TestClient(create_app(bundled_database[0]))
    assert client.get("/", follow_redirects=False).headers["location"] == "/monitor/2021"
    html = client.get("/monitor/2023").text
    assert "Voortgang WOZO december 2023" in html and "638" in html
    html = client.get("/programma/wozo/acties?actielijn=4").text
    assert "Stimuleringsregeling zorggeschikte woningen" in html and "december 2023" in html
    html = client.get("/en/programme/wozo/actions?action_line=5").text
    assert "Slimme Zorg Estafette" in html and "December 2023" in html
    html = client.get("/acties/wozo-al4-m04").text
    assert "15 september 2023" in html and "13 aanvragen" in html
    assert 'href="/programma/wozo/acties?actielijn=4"' in html
    html = client.get("/programma/wozo").text
    assert "Programma WOZO (vanaf 2022)" in html and "Wonen en zorg voor ouderen" in html
    assert client.get("/api/indicators?programme=wozo").json()["meta"]["total"] == 57
    assert client.get("/api/actions?programme=wozo").json()["meta"]["total"] == 42
    report = client.get("/rapport/2023.html").text
    assert "Voortgang WOZO december 2023" in report
