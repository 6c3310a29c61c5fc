"""The monitor's own findings in the bundled content agree with the text of seed 002: every
figure of a finding stands in the section of its indicator as printed, a sample is checked
figure by figure, Figuren 3-17 are all recorded (with their values where the text gives
them, and said to be without values where it gives none), and the published reflection
and the introduction are there in both languages."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.config import CHECKOUT
from langerthuis.formatting import format_number

#: The seeds are beside the checkout (in CI); LANGERTHUIS_SEEDS_DIR points elsewhere.
SEED = Path(os.environ.get("LANGERTHUIS_SEEDS_DIR", CHECKOUT.parent / "shared" / "seeds")) \
    / "002_edf016354709904f.txt"

pytestmark = pytest.mark.bundled
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="the seeds are beside the checkout")


@pytest.fixture(scope="module")
def db(bundled_database):
    with Session(bundled_database[1]) as session:
        yield session


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def section(seed: str, number: int) -> str:
    """The text of indicator `number`'s section(s) in seed 002: from each heading
    "N.  Title" of the indicator chapters (a numbered line followed by the figures of the
    earlier editions, unlike the numbered lists inside a section) up to the next heading of
    another indicator."""
    body = seed[seed.index("Leeswijzer"):seed.index(" Beschouwing\nHet Programma")]
    heads = [h for h in re.finditer(r"^[ \t]*(\d{1,2})\.?[ \t]{1,3}(?!Monitor)[A-Z]", body, re.M)
             if "Monitor 2019" in body[h.start():h.start() + 400]]
    parts = [body[h.start():next((k.start() for k in heads[i + 1:]
                                  if int(k.group(1)) != number), len(body))]
             for i, h in enumerate(heads) if int(h.group(1)) == number]
    return " ".join(" ".join(parts).split())


def printed_forms(fact: m.FindingFact) -> list[str]:
    """How the seed may write the fact: what `printed` keeps, else the Dutch number."""
    if fact.printed:
        return [fact.printed]
    number = format_number(fact.value, fact.decimals, "nl")
    return [number, number.replace(".", "")]  # "21000" is written without a separator too


@needs_seed
def test_every_fact_stands_in_its_indicator_section(db, seed):
    findings = db.scalars(select(m.Finding)).all()
    assert len(findings) >= 50
    missing = []
    for f in findings:
        number = next(e.number for e in f.edition.entries if e.indicator_id == f.indicator_id)
        # the extraction put some sections' opening before their heading (indicator 31):
        # the text between the previous heading and this one counts too
        text = section(seed, number - 1) + " " + section(seed, number)
        assert section(seed, number), (f.id, number)
        for fact in f.facts:
            forms = printed_forms(fact)
            if not any(re.search(rf"(?<![\d,.]){re.escape(x)}(?![\d]|,\d)", text)
                       for x in forms):
                missing.append((f.id, fact.label, forms))
    assert not missing, missing


@pytest.mark.parametrize("finding, expected", [
    ("f2021-10-applications", {"Ontvangen": 203, "Toegekend": 108,
                               "Afgewezen of ingetrokken": 75, "Nog in behandeling": 20}),
    ("f2021-10-amounts", {"Bedrag van de 108 toegekende aanvragen": 19_300_000,
                          "Beschikbaar over de hele looptijd": 90_000_000}),
    ("f2021-10-covid", {"Ontvangen aanvragen": 3000, "Initiatieven met toegekende subsidie": 1369}),
    ("f2021-figure-06", {"Respijtzorg": 85, "Lotgenotencontact": 53}),
    ("f2021-figure-07", {"Heeft vaak een verschil van mening met professionals": 3,
                         "Merkt dat thuiszorgmedewerkers oog hebben voor de mantelzorger": 39}),
    ("f2021-28-future", {"De woning aanpassen": 37.5, "Verhuizen": 22.1,
                         "Weet het nog niet": 40.4}),
    ("f2021-08-fte", {"2016": 38.7, "2017": 49.1, "2018": 58.7, "2019": 72.0, "2020": 33.4}),
])
def test_sample_of_findings(db, finding, expected):
    f = db.get(m.Finding, finding)
    assert {x.label: x.value for x in f.facts} == expected
    assert all(x.label_en for x in f.facts)


def test_sample_with_period_n_and_qualifiers(db):
    survey = db.get(m.Finding, "f2021-24-survey")
    assert survey.n == 323 and len(survey.facts) == 30
    first = survey.facts[0]
    assert (first.value, first.unit, first.n, first.period) == (
        68, "percentage", 323, "september-oktober 2020")
    covid = db.get(m.Finding, "f2021-10-covid").facts[0]
    assert covid.qualifiers == ["lower_bound"] and covid.printed == "meer dan 3.000"
    set_left = db.get(m.Finding, "f2021-10-applications").facts[-1]
    assert set_left.reference_date.isoformat() == "2021-05-01"


@needs_seed
def test_figures_3_to_17_are_recorded(db, seed):
    figures = {f.figure: f for f in db.scalars(select(m.Finding)).all() if f.figure}
    assert sorted(figures) == list(range(3, 18))
    flat = " ".join(seed.split())
    for number, f in figures.items():
        assert f.figure_values in ("all", "some", "none")
        assert bool(f.facts) == (f.figure_values != "none"), number
        caption = re.search(rf"Figuur {number}: (.+?)(?:\.| \(| In blauw|$)", flat)
        assert caption and f.title.startswith(caption.group(1)[:40]), (number, f.title)
    assert {n for n, f in figures.items() if f.figure_values == "some"} == {6, 7, 16}


def test_published_reflection_of_2021(db):
    points = db.scalars(select(m.ReflectionPoint).where(
        m.ReflectionPoint.edition_id == "lt-2021")).all()
    assert {p.section for p in points} == {s.value for s in m.ReflectionSection}
    assert all(p.text and p.text_en and p.source_location for p in points)
    corona = [p for p in points if p.section == "corona"]
    assert {"regional-coordination-functions", "ehealth-subsidies",
            "carers-reached-awareness"} <= {i for p in corona for i in p.indicators}
    follow_up = " ".join(p.text for p in points if p.section == "follow_up")
    for subject in ("lerende evaluatie", "dialoognota", "transformatieagenda"):
        assert subject in follow_up
    assert any("kernset" in p.text for p in points if p.section == "recommendations")


def test_introduction(db):
    sections = db.scalars(select(m.IntroSection).order_by(m.IntroSection.position)).all()
    assert [s.id for s in sections][:3] == ["intro-indicator-set", "intro-kinds",
                                           "intro-baseline"]
    assert all(s.text_en and s.title_en for s in sections)
