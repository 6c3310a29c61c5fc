"""`langerthuis check` rejects each kind of malformed content with a precise message:
which file, which record and key, what was found and what was expected."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, edit_yaml
from langerthuis.content import check_content
from langerthuis.errors import ContentError


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        check_content(root)
    return [str(p) for p in info.value.problems]


def only(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_fixture_content_is_valid():
    content = check_content(FIXTURE_CONTENT)
    [programme] = content.programmes
    assert programme.programme.id == "lt"
    assert len(programme.editions) == 3


def test_missing_key(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml", lambda d: d["indicators"][1].pop("unit"))
    msg = only(content_dir)
    assert "lt/indicators.yaml, line" in msg
    assert "indicators[1] (id 'overburdened-carers').unit" in msg
    assert "required key 'unit' is missing" in msg


def test_wrong_type(content_dir: Path):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value="veel"))
    msg = only(content_dir)
    assert "lt/measurements.yaml" in msg and "measurements[0] (id 'qol-2019').value" in msg
    assert "found 'veel'" in msg and "number" in msg


def test_wrong_vocabulary_lists_what_is_allowed(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml",
              lambda d: d["indicators"][0].update(unit="procent"))
    msg = only(content_dir)
    assert "found 'procent'" in msg and "'percentage'" in msg and "'count'" in msg


def test_unknown_indicator(content_dir: Path):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(indicator="quality-of-lif"))
    msg = only(content_dir)
    assert "measurements[0] (id 'qol-2019').indicator" in msg
    assert "unknown indicator 'quality-of-lif'" in msg and "did you mean 'quality-of-life'" in msg


def test_unknown_goal(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml",
              lambda d: d["indicators"][1].update(goal="lt-al2-g9"))
    msg = only(content_dir)
    assert "indicators[1] (id 'overburdened-carers').goal" in msg
    assert "unknown goal 'lt-al2-g9'" in msg


def test_goal_of_another_action_line(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml",
              lambda d: d["indicators"][1].update(goal="lt-al1-g1"))
    msg = only(content_dir)
    assert "goal 'lt-al1-g1' belongs to action line 'lt-al1', not to 'lt-al2'" in msg


def test_unknown_edition(content_dir: Path):
    edit_yaml(content_dir / "lt/tables.yaml", lambda d: d["tables"][0].update(edition="lt-2022"))
    msg = only(content_dir)
    assert "lt/tables.yaml" in msg and "tables[0] (id 'lt-2021-table-2').edition" in msg
    assert "unknown edition 'lt-2022'" in msg


def test_unknown_edition_in_definition(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml",
              lambda d: d["indicators"][3]["definitions"][1].update(from_edition="lt-2018"))
    msg = only(content_dir)
    assert "definitions[1].from_edition" in msg and "unknown edition 'lt-2018'" in msg


def test_duplicate_id(content_dir: Path):
    def dup(d):
        d["measurements"].append(dict(d["measurements"][0], value=66))
    edit_yaml(content_dir / "lt/measurements.yaml", dup)
    msg = only(content_dir)
    assert "duplicate measurement id 'qol-2019'" in msg
    assert "measurements[8]" in msg and "already used at" in msg and "measurements[0]" in msg


def test_duplicate_yaml_key(content_dir: Path):
    path = content_dir / "lt/measurements.yaml"
    path.write_text(path.read_text().replace(
        "{id: qol-2019, indicator: quality-of-life, value: 65,",
        "{id: qol-2019, indicator: quality-of-life, value: 65, value: 66,"))
    msg = only(content_dir)
    assert "lt/measurements.yaml, line 2" in msg and "key 'value' appears twice" in msg


@pytest.mark.parametrize("value", [101, 250, -1])
def test_percentage_outside_0_100(content_dir: Path, value: float):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value=value))
    msg = only(content_dir)
    assert "measurements[0] (id 'qol-2019').value" in msg
    assert f"value {value:g} is outside the range of a percentage (0 to 100)" in msg


def test_percentage_outside_0_100_in_table(content_dir: Path):
    path = content_dir / "lt/tables/table-2.csv"
    path.write_text(path.read_text().replace("68.5", "168.5"))
    msg = only(content_dir)
    assert "lt/tables/table-2.csv, line 4, row 3" in msg and "168.5 is outside" in msg


def test_more_decimals_than_declared(content_dir: Path):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value=65.4))
    assert "has 1 decimal(s) where 0 are declared" in only(content_dir)


def test_markup_in_text(content_dir: Path):
    edit_yaml(content_dir / "lt/stories.yaml",
              lambda d: d["stories"][0].update(summary="Een <b>vet</b> verhaal"))
    msg = only(content_dir)
    assert "stories[0] (id 'fixture-story-1').summary" in msg
    assert "contains markup '<b>'" in msg


def test_unknown_key(content_dir: Path):
    edit_yaml(content_dir / "lt/indicators.yaml",
              lambda d: d["indicators"][0].update(desired_directoin="higher"))
    msg = only(content_dir)
    assert "unknown key 'desired_directoin'" in msg


def test_yaml_syntax_error(content_dir: Path):
    (content_dir / "lt/references.yaml").write_text("references:\n  - id: x\n    title: [open\n")
    msg = only(content_dir)
    assert "lt/references.yaml, line" in msg and "is not valid YAML" in msg


def test_csv_with_wrong_header(content_dir: Path):
    path = content_dir / "lt/tables/table-2.csv"
    path.write_text(path.read_text().replace("mark_band,value,n", "band,value,n"))
    msg = only(content_dir)
    assert "table-2.csv, line 1, header" in msg
    assert "missing column(s) mark_band" in msg and "unknown column(s) band" in msg


def test_measurement_of_other_indicator(content_dir: Path):
    edit_yaml(content_dir / "lt/editions.yaml",
              lambda d: d["editions"][0]["entries"][0].update(measurement="carers-2019"))
    msg = "\n".join(problems(content_dir))
    assert "measurement 'carers-2019' belongs to indicator 'overburdened-carers'" in msg


def test_status_without_figure(content_dir: Path):
    edit_yaml(content_dir / "lt/editions.yaml",
              lambda d: d["editions"][0]["entries"][3].update(measurement="coop-2021"))
    msg = "\n".join(problems(content_dir))
    assert "status 'not_applicable' shows no figure" in msg


def test_all_problems_reported_at_once(content_dir: Path):
    def two(d):
        d["indicators"][0]["unit"] = "procent"
        d["indicators"][1].pop("kind")
    edit_yaml(content_dir / "lt/indicators.yaml", two)
    assert len(problems(content_dir)) == 2
