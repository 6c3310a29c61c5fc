"""Comparing editions of the bundled content (content/): the computed facts agree with the
reflection (Beschouwing) of the Monitor Langer Thuis 2021, and where they do not, the
reflection says so and why. The analysis code is tested on the fixture content in
tests/test_analysis.py."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from langerthuis.analysis import analyse_edition
from langerthuis.analysis.compare import Direction
from langerthuis.analysis.reflection import reflect
from langerthuis.cli import main
from langerthuis.store import make_engine

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def database_url(bundled_database):
    return bundled_database[0]


@pytest.fixture(scope="module")
def session(database_url):
    engine = make_engine(database_url)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(scope="module")
def a2021(session):
    return analyse_edition(session, "2021")


def test_updates_2021_agree_with_the_reflection(a2021):
    assert a2021.previous_year == 2020
    assert (len(a2021.totals.updated), a2021.totals.total) == (29, 34)
    kinds = {k: (len(v.updated), v.total, v.not_updated) for k, v in a2021.kinds.items()}
    assert kinds == {"outcome": (9, 10, [28]), "process": (13, 17, [5, 21, 29, 31]),
                     "narrative": (7, 7, [])}


def test_action_lines_2_and_3_develop_as_the_reflection_says(a2021):
    facts = {f.number: f for f in a2021.facts}
    line2 = [f for f in a2021.facts if f.action_line == 2 and f.kind != "narrative"]
    assert [f.number for f in line2 if f.kind == "outcome"
            and f.direction == Direction.DESIRED] == []  # none of the five outcome indicators
    assert [f.number for f in line2 if f.kind == "process"
            and f.direction != Direction.DESIRED] == [19, 21]  # two of the seven
    line3 = [f for f in a2021.facts if f.action_line == 3 and f.kind != "narrative"]
    assert [f.number for f in line3 if not f.updated] == [28, 29, 31]  # three of five
    assert facts[15].direction == Direction.UNCHANGED  # 70% and 70%
    assert facts[14].direction == Direction.UNDESIRED  # 8,5% -> 9,1%, lower is better


def test_every_published_count_is_recomputed(a2021):
    results = {c.claim_id: (c.published, c.computed) for c in a2021.claims}
    assert len(results) == 8
    differing = [c for c in a2021.claims if not c.agrees]
    assert [c.claim_id for c in differing] == ["claim-2021-al1-desired"]


def test_action_line_1_differs_from_rivm_and_the_reflection_says_why(a2021):
    """RIVM counts 7 of 10 for action line 1 (the overall indicator included). Our rules give
    6: 1, 3, 4, 7, 9 and 10 moved in the desired direction, 2 did not, and 5 (no new figure),
    6 (no earlier figure; changed definition) and 8 (a lower-bound estimate after a change of
    financing) cannot be compared. RIVM's seventh is one of those three, a judgement our
    rules do not make."""
    [claim] = [c for c in a2021.claims if c.claim_id == "claim-2021-al1-desired"]
    assert claim.published == (7, 10) and claim.computed == (6, 10)
    assert claim.counted == [1, 3, 4, 7, 9, 10]
    assert dict(claim.not_comparable) == {
        5: ["not_updated"], 6: ["no_earlier_figure", "definition_changed"],
        8: ["lower_bound", "comparability_note"]}
    text = reflect(a2021, "nl").to_text()
    assert "Onze regels tellen 6 van 10" in text
    assert "5 (geen nieuw cijfer), 6 (geen eerder cijfer; definitie gewijzigd) en 8 " \
           "(ondergrens; financiering of meetwijze gewijzigd)" in text
    assert "Our rules count 6 of 10" in reflect(a2021, "en").to_text()


def test_not_comparable_always_has_a_reason(session):
    for year in ("2019", "2020", "2021"):
        for f in analyse_edition(session, year).facts:
            assert (f.direction == Direction.NOT_COMPARABLE) == bool(f.reasons), (year, f.number)


def test_2020_against_2019(session):
    a = analyse_edition(session, "2020")
    facts = {f.number: f for f in a.facts}
    assert facts[14].updated is False and facts[14].reasons == ["not_updated"]  # "--" in 2020
    assert facts[20].reasons == ["no_earlier_figure", "definition_changed"]
    assert facts[8].direction == Direction.DESIRED  # 65.985 -> 80.828 hours
    assert facts[31].direction == Direction.UNDESIRED  # 24 -> 22 coalitions
    assert facts[10].previous_number is None  # SET was not in the 2019 edition
    text = reflect(a, "nl").to_text()
    for heading in ("Wat is er nieuw", "Ontwikkeling per actielijn",
                    "Vergelijkingen die niet te maken zijn", "Gegevenskwaliteit"):
        assert heading in text
    assert "Actielijn 3 (Wonen)" in text and "van 65.985 uur naar 80.828 uur" in text


def test_first_edition_has_nothing_to_compare(session):
    a = analyse_edition(session, "lt-2019")
    assert a.previous_edition_id is None
    assert {f.direction for f in a.facts} == {Direction.NOT_COMPARABLE}
    assert "eerste editie" in reflect(a, "nl").to_text()


def test_consistency_findings_are_the_real_disagreements(session):
    """The rules find the 65.958 printed on the 2019 dashboard and nothing else."""
    findings = {y: [(f.rule, f.location, f.values) for f in analyse_edition(session, y).findings]
                for y in ("2019", "2020", "2021")}
    assert findings == {"2019": [("printed-differently", "lt-2019, indicator 8",
                                  ("65.958", "65985"))], "2020": [], "2021": []}


def test_reflection_is_deterministic(a2021, session):
    assert reflect(a2021, "nl").to_text() == reflect(analyse_edition(session, "2021"),
                                                     "nl").to_text()


def test_cli_json(database_url):
    result = CliRunner().invoke(main, ["analyse", "--edition", "2021", "--json",
                                       "--database", database_url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["indicators"][0]
    for key in ("indicator_id", "number", "kind", "action_line", "updated", "direction",
                "reason"):
        assert key in first
    assert {i["direction"] for i in data["indicators"]} <= {
        "desired", "undesired", "unchanged", "not_comparable"}
    by_number = {i["number"]: i for i in data["indicators"]}
    assert by_number[6]["reason"] == "no_earlier_figure,definition_changed"
    assert data["action_lines"]["2"]["updated"] == 13  # all 14 but indicator 21
    assert data["kinds"]["process"]["not_updated"] == [5, 21, 29, 31]
    assert data["reflection"]["en"]["title"] == "Reflection on Monitor Langer Thuis 2021"


def test_cli_text_and_unknown_edition(database_url):
    ok = CliRunner().invoke(main, ["analyse", "--edition", "2021", "--database", database_url])
    assert ok.exit_code == 0 and ok.output.startswith("Beschouwing Monitor Langer Thuis 2021")
    bad = CliRunner().invoke(main, ["analyse", "--edition", "2018", "--database", database_url])
    assert bad.exit_code == 2 and "no edition '2018'; known editions: lt-2021" in bad.stderr
