"""Comparing editions, on the fixture content: which indicators got new information, the
direction of each change, the reasons a comparison cannot be made, the counts an edition
states about itself (its claims) recomputed, the consistency findings, the reflection text,
and the `analyse` command. That the analysis agrees with the real reflection of the Monitor
Langer Thuis 2021 is tested in tests/bundled/test_bundled_analysis.py."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from langerthuis.analysis import analyse_edition
from langerthuis.analysis.compare import Direction, _direction, rounded
from langerthuis.analysis.reflection import reflect
from langerthuis.cli import main


@pytest.fixture(scope="module")
def database_url(fixture_database):
    return fixture_database[0]


@pytest.fixture(scope="module")
def session(fixture_database):
    with Session(fixture_database[1]) as s:
        yield s


@pytest.fixture(scope="module")
def a2021(session):
    return analyse_edition(session, "2021")


def test_updates_2021(a2021):
    assert a2021.previous_year == 2020
    assert (len(a2021.totals.updated), a2021.totals.total) == (5, 5)
    kinds = {k: (len(v.updated), v.total, v.not_updated) for k, v in a2021.kinds.items()}
    assert kinds == {"outcome": (2, 2, []), "process": (2, 2, []), "narrative": (1, 1, [])}


def test_directions_2021(a2021):
    facts = {f.number: f for f in a2021.facts}
    assert facts[1].direction == Direction.DESIRED  # 68% -> 69%, higher is better
    assert facts[14].direction == Direction.UNDESIRED  # 8,5% -> 9,1%, lower is better
    assert facts[6].reasons == ["no_earlier_figure", "definition_changed"]
    assert facts[8].reasons == ["no_earlier_figure", "lower_bound"]  # not in the 2020 edition
    assert facts[8].previous_number is None
    assert facts[26].reasons == ["narrative"]


def test_every_claim_is_recomputed(a2021):
    results = {c.claim_id: (c.published, c.computed, c.agrees) for c in a2021.claims}
    assert results == {"claim-2021-updated": ((5, 5), (5, 5), True),
                       "claim-2021-al1-desired": ((2, 3), (1, 3), False)}


def test_a_differing_claim_and_the_reflection_says_why(a2021):
    """The claim counts 2 of 3 for action line 1 (the overall indicator included); our rules
    count only the overall indicator: 6 (changed definition) and 8 (a lower-bound estimate)
    have no earlier figure and cannot be compared."""
    [claim] = [c for c in a2021.claims if c.claim_id == "claim-2021-al1-desired"]
    assert claim.counted == [1]
    assert dict(claim.not_comparable) == {6: ["no_earlier_figure", "definition_changed"],
                                          8: ["no_earlier_figure", "lower_bound"]}
    text = reflect(a2021, "nl").to_text()
    assert "Onze regels tellen 1 van 3" in text
    assert "6 (geen eerder cijfer; definitie gewijzigd) en 8 (geen eerder cijfer; " \
           "ondergrens)" in text
    assert "Our rules count 1 of 3" in reflect(a2021, "en").to_text()


def test_not_comparable_always_has_a_reason(session):
    for year in ("2019", "2020", "2021"):
        for f in analyse_edition(session, year).facts:
            assert (f.direction == Direction.NOT_COMPARABLE) == bool(f.reasons), (year, f.number)


def test_2020_against_2019(session):
    a = analyse_edition(session, "2020")
    facts = {f.number: f for f in a.facts}
    assert facts[14].updated is False and facts[14].reasons == ["not_updated"]  # "--" in 2020
    assert facts[14].previous_number == 13  # renumbered, one indicator
    assert facts[1].direction == Direction.DESIRED
    text = reflect(a, "nl").to_text()
    for heading in ("Wat is er nieuw", "Ontwikkeling per actielijn",
                    "Vergelijkingen die niet te maken zijn", "Gegevenskwaliteit"):
        assert heading in text
    assert "Actielijn 2 (Mantelzorgers en vrijwilligers in zorg en welzijn)" in text
    assert "van 65% naar 68%" in text


def test_first_edition_has_nothing_to_compare(session):
    a = analyse_edition(session, "lt-2019")
    assert a.previous_edition_id is None
    assert {f.direction for f in a.facts} == {Direction.NOT_COMPARABLE}
    assert "eerste editie" in reflect(a, "nl").to_text()


def test_consistency_findings(session):
    """The rules find the 65.958 printed on the 2019 dashboard and nothing else."""
    findings = {y: [(f.rule, f.location, f.values) for f in analyse_edition(session, y).findings]
                for y in ("2019", "2020", "2021")}
    assert findings == {"2019": [("printed-differently", "lt-2019, indicator 8",
                                  ("65.958", "65985"))], "2020": [], "2021": []}


def test_reflection_is_deterministic(a2021, session):
    assert reflect(a2021, "nl").to_text() == reflect(analyse_edition(session, "2021"),
                                                     "nl").to_text()


def test_direction_rules():
    assert rounded(68.5, 0) == 69 and rounded(9.05, 1) == rounded(9.1, 1)
    assert _direction(9.1, 8.5, 1, "lower") == Direction.UNDESIRED
    assert _direction(70.2, 69.8, 0, "higher") == Direction.UNCHANGED  # both print as 70
    assert _direction(75, 49, 0, "higher") == Direction.DESIRED


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
    assert by_number[14]["direction"] == "undesired"
    assert data["action_lines"]["2"]["updated"] == 2 and data["action_lines"]["2"]["undesired"] == [14]
    assert data["kinds"]["process"]["not_comparable"] == [6, 8]
    assert data["reflection"]["en"]["title"] == "Reflection on Monitor Langer Thuis 2021"


def test_cli_text_and_unknown_edition(database_url):
    ok = CliRunner().invoke(main, ["analyse", "--edition", "2021", "--database", database_url])
    assert ok.exit_code == 0 and ok.output.startswith("Beschouwing Monitor Langer Thuis 2021")
    bad = CliRunner().invoke(main, ["analyse", "--edition", "2018", "--database", database_url])
    assert bad.exit_code == 2
    assert "no edition '2018'; known editions: lt-2021 (2021), lt-2020 (2020), lt-2019" in bad.stderr
