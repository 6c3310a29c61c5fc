"""Loading content into the database: what the model keeps across editions, and that a
failed load leaves the database exactly as it was."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT, edit_yaml
from langerthuis import model as m
from langerthuis.content import check_content
from langerthuis.store import load_content, queries


@pytest.fixture
def loaded(engine):
    load_content(engine, check_content(FIXTURE_CONTENT))
    return engine


def dump(engine) -> dict[str, list[tuple]]:
    """Every row of every table, for comparing a database before and after."""
    with engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(t.select())), key=repr)
                for t in m.Base.metadata.sorted_tables}


def test_carried_over_measurement_is_stored_once_and_shown_by_both_editions(loaded):
    with Session(loaded) as s:
        rows = s.scalars(select(m.Measurement).where(m.Measurement.value == 8.5)).all()
        assert [r.id for r in rows] == ["carers-2019"]
        shown_by = s.execute(
            select(m.Edition.year, m.EditionEntry.status, m.EditionEntry.printed)
            .join(m.EditionEntry.edition)
            .where(m.EditionEntry.measurement_id == "carers-2019")
            .order_by(m.Edition.year)).all()
    assert shown_by == [(2019, "new", None), (2020, "not_updated", "--")]


def test_indicator_numbered_differently_keeps_one_identity(loaded):
    with Session(loaded) as s:
        numbers = s.execute(
            select(m.Edition.year, m.EditionEntry.number, m.EditionEntry.indicator_id)
            .join(m.EditionEntry.edition)
            .where(m.EditionEntry.indicator_id == "overburdened-carers")
            .order_by(m.Edition.year)).all()
        assert s.scalar(select(func.count()).select_from(m.Indicator)
                        .where(m.Indicator.id == "overburdened-carers")) == 1
    assert numbers == [(2019, 13, "overburdened-carers"), (2020, 14, "overburdened-carers"),
                       (2021, 14, "overburdened-carers")]


def test_definition_change_is_recorded_with_its_edition(loaded):
    with Session(loaded) as s:
        indicator = s.get(m.Indicator, "purchaser-cooperation")
        assert [(d.from_edition_id, d.from_year) for d in indicator.definitions] == [
            ("lt-2019", 2019), ("lt-2021", 2021)]
        assert indicator.definition_for(2020).text.startswith("Synthetic first")
        assert indicator.definition_for(2021).change_note == (
            "Operationalised anew in the 2021 edition.")


def test_not_applicable_and_not_available_are_kept_apart(loaded):
    with Session(loaded) as s:
        entry = s.scalars(select(m.EditionEntry).where(
            m.EditionEntry.edition_id == "lt-2019",
            m.EditionEntry.indicator_id == "purchaser-cooperation")).one()
    assert (entry.status, entry.printed, entry.measurement_id) == ("not_applicable", "nvt", None)


def test_everything_in_the_fixture_lands(loaded):
    with Session(loaded) as s:
        table = s.get(m.BreakdownTable, "lt-2021-table-2")
        assert [(r.dimensions, r.value, r.n) for r in table.rows] == [
            ({"mark_band": "1-4"}, 3.5, 3242), ({"mark_band": "5-6"}, 28.0, 3242),
            ({"mark_band": "7-10"}, 68.5, 3242)]
        assert table.measurement.indicator.is_overall
        story = s.get(m.Story, "fixture-story-1")
        assert story.persons == [{"name": "Anna", "age": 78, "role": "mantelzorger",
                                  "role_en": "informal carer"}]
        counted = s.get(m.Initiative, "fixture-networks-count")
        assert (counted.municipality_code, counted.count) == (None, 125)
        ref = s.get(m.Reference, "monitor-2019")
        assert sorted(i.id for i in ref.indicators) == ["overburdened-carers", "quality-of-life"]
        action = s.get(m.Action, "lt-action-2")
        assert [o.id for o in action.leads] == ["mantelzorgnl", "vws"]  # ordered by name
        note = s.get(m.QualityNote, "so-hours-2019-printed-twice")
        assert note.values == ["65.958", "65.985"]
        hours = s.get(m.Measurement, "so-hours-2021")
        assert hours.qualifiers == ["provisional", "lower_bound"]
        assert queries.edition(s, "lt-2021").entries[0].measurement.n == 3242


def test_reload_replaces_content(loaded, content_dir: Path):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value=64))
    load_content(loaded, check_content(content_dir))
    with Session(loaded) as s:
        assert s.get(m.Measurement, "qol-2019").value == 64
        assert s.scalar(select(func.count()).select_from(m.Measurement)) == 8


def test_failed_load_in_the_middle_leaves_database_untouched(loaded, content_dir, monkeypatch):
    before = dump(loaded)
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value=64))
    content = check_content(content_dir)
    # Make the write fail after the old rows are deleted and some new ones inserted.
    import langerthuis.store.load as load_module
    real = load_module._insert_programme

    def failing(session, *args):
        real(session, *args)
        raise RuntimeError("disk full (simulated)")
    monkeypatch.setattr(load_module, "_insert_programme", failing)
    with pytest.raises(RuntimeError, match="simulated"):
        load_content(loaded, content)
    assert dump(loaded) == before


def test_database_constraint_violation_rolls_back(loaded):
    """A problem only the database notices (here: two editions of one programme with the same
    year, which validation also forbids) still leaves the old content in place."""
    before = dump(loaded)
    content = check_content(FIXTURE_CONTENT)
    content.programmes[0].editions[1].year = 2019
    with pytest.raises(Exception):
        load_content(loaded, content)
    assert dump(loaded) == before
    with loaded.connect() as conn:
        assert conn.execute(text("select count(*) from edition")).scalar() == 3
