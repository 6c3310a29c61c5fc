"""Each consistency rule, on small hand-made data: one case that passes and one that fails.
The objects are plain (unsaved) domain objects."""
from __future__ import annotations

import pytest

from langerthuis import model as m
from langerthuis.analysis.rules import RULES, RuleData, parse_dutch_number, run_rules


def rule(rule_id: str):
    [found] = [r for r in RULES if r.id == rule_id]
    return [found]


def indicator(unit="percentage", decimals=0) -> m.Indicator:
    return m.Indicator(id="ind", unit=unit, decimals=decimals, kind="outcome")


def measurement(value, unit="percentage", decimals=0) -> m.Measurement:
    return m.Measurement(id="mea", value=value, decimals=None, indicator=indicator(unit, decimals),
                         qualifiers=[], source_location="test")


def table(rows, dims, unit="percentage", decimals=1, key=69, checks=None) -> m.BreakdownTable:
    t = m.BreakdownTable(id="t", number=2, title="t", unit=unit, decimals=decimals,
                         dimensions=dims, checks=checks or {},
                         measurement=measurement(key, unit))
    t.rows = [m.BreakdownRow(dimensions=dict(zip(dims, d)), value=v, unit=row_unit or unit,
                             printed=printed, position=i)
              for i, (d, v, row_unit, printed) in enumerate(rows)]
    return t


def plain(*rows):
    return [(d, v, None, None) for d, v in rows]


def findings(rule_id, **data):
    return run_rules(RuleData(**data), rule(rule_id))


def test_every_rule_is_tested():
    assert {r.id for r in RULES} == {"key-figure-total", "key-figure-rounding", "shares-add-up",
                                     "parts-add-up", "arithmetic-relation", "unit-range",
                                     "printed-differently"}


def test_key_figure_total():
    rows = plain((("2019",), 27), (("2020",), 36), (("",), 63))
    ok = table(rows, ["year"], unit="count", decimals=0, key=63,
               checks={"key_figure_sum": {"year": ""}})
    assert findings("key-figure-total", tables=[ok]) == []
    bad = table(rows, ["year"], unit="count", decimals=0, key=64,
                checks={"key_figure_sum": {"year": ""}})
    [f] = findings("key-figure-total", tables=[bad])
    assert f.location == "t (Tabel 2), year=total" and f.values == ("63", "64")


def test_key_figure_rounding_rounds_half_up():
    rows = plain((("7-10",), 68.5), (("1-6",), 31.5))
    ok = table(rows, ["band"], key=69, checks={"key_figure_row": {"band": "7-10"}})
    assert findings("key-figure-rounding", tables=[ok]) == []
    bad = table(rows, ["band"], key=68, checks={"key_figure_row": {"band": "7-10"}})
    [f] = findings("key-figure-rounding", tables=[bad])
    assert "68.5, which does not round to the key figure 68" in f.message


def test_shares_add_up_within_rounding():
    checks = {"distribution": {"over": "band"}}
    ok = table(plain((("a",), 3.5), (("b",), 28.0), (("c",), 68.6)), ["band"], checks=checks)
    assert findings("shares-add-up", tables=[ok]) == []  # 100.1: within 3 x 0.05
    bad = table(plain((("a",), 3.5), (("b",), 28.0), (("c",), 69.5)), ["band"], checks=checks)
    [f] = findings("shares-add-up", tables=[bad])
    assert f.values == ("101.0",)


def test_shares_add_up_per_group_and_selection():
    checks = {"distribution": {"over": "band", "select": {"stat": "share"}}}
    rows = [(("x", "share", "a"), 40.0, None, None), (("x", "share", "b"), 60.0, None, None),
            (("x", "mean", ""), 6.5, "mark", None),
            (("y", "share", "a"), 40.0, None, None), (("y", "share", "b"), 50.0, None, None)]
    [f] = findings("shares-add-up", tables=[table(rows, ["topic", "stat", "band"],
                                                  checks=checks)])
    assert "topic=y" in f.location


def test_parts_add_up():
    rows = plain((("2019", "I"), 27), (("2020", "I"), 36), (("", "I"), 63))
    assert findings("parts-add-up", tables=[table(rows, ["year", "phase"], unit="count")]) == []
    rows = plain((("2019", "I"), 27), (("2020", "I"), 36), (("", "I"), 62))
    [f] = findings("parts-add-up", tables=[table(rows, ["year", "phase"], unit="count")])
    assert f.values == ("63", "62")
    # shares are not additive: no finding
    shares = plain((("a",), 10.0), (("b",), 20.0), (("",), 35.0))
    assert findings("parts-add-up", tables=[table(shares, ["band"])]) == []


def relation(rows, kind="product", **definition):
    t = table(rows, ["year", "measure"], unit="count", decimals=2)
    return m.Relation(id="rel", kind=kind, table=t, definition={"per": "year", **definition})


def test_product_relation_allows_the_rounding_of_the_tariff():
    product = {"factors": [{"measure": "hours"}, {"measure": "tariff"}],
               "result": {"measure": "amount"}}
    ok = [(("2020", "hours"), 37469, "hours", None), (("2020", "tariff"), 168.21, "euro", None),
          (("2020", "amount"), 6302721, "euro", None)]  # as published: 60 euro off the product
    assert findings("arithmetic-relation", relations=[relation(ok, **product)]) == []
    bad = [(("2020", "hours"), 37469, "hours", None), (("2020", "tariff"), 168.21, "euro", None),
           (("2020", "amount"), 6402721, "euro", None)]
    [f] = findings("arithmetic-relation", relations=[relation(bad, **product)])
    assert f.location == "rel, year=2020"


def test_hours_to_fte_relation():
    rows = [(("2020", "hours"), 37469, "hours", None)]
    fte = {"hours": {"measure": "hours"}, "hours_per_year": 1872, "billable_share": 0.6}
    assert findings("arithmetic-relation", relations=[relation(
        rows, kind="hours_to_fte", stated={"2020": 33.4}, **fte)]) == []
    [f] = findings("arithmetic-relation", relations=[relation(
        rows, kind="hours_to_fte", stated={"2020": 34.4}, **fte)])
    assert "33.36 FTE, the sources state 34.4" in f.message


def entry(value, printed=None, unit="percentage"):
    x = measurement(value, unit)
    return m.EditionEntry(edition_id="lt-2019", number=8, measurement=x, indicator=x.indicator,
                          printed=printed)


def test_unit_range():
    assert findings("unit-range", entries=[entry(100)]) == []
    [f] = findings("unit-range", entries=[entry(100.5)])
    assert f.message == "100.5 is outside the range of a percentage"
    [f] = findings("unit-range", tables=[table(plain((("a",), 11.0)), ["band"], unit="mark")])
    assert "11 is outside the range of a mark" in f.message


def test_printed_differently():
    assert findings("printed-differently", entries=[entry(65985, "65.985", "hours")]) == []
    assert findings("printed-differently", entries=[entry(65985, "nvt", "hours")]) == []
    [f] = findings("printed-differently", entries=[entry(65985, "65.958", "hours")])
    assert f.values == ("65.958", "65985") and f.location == "lt-2019, indicator 8"
    assert findings("printed-differently", entries=[entry(24_700_000, "€ 24,7 mln", "euro")]) == []
    [f] = findings("printed-differently", entries=[entry(24_000_000, "€ 24,7 mln", "euro")])
    assert f.values == ("€ 24,7 mln", "2.4e+07")
    row = [(("2020",), 168.21, "euro", "€ 168,21**")]
    assert findings("printed-differently", tables=[table(row, ["year"], unit="euro")]) == []


@pytest.mark.parametrize("text,value", [("65.958", 65958), ("€ 168,21**", 168.21),
                                        ("15.980*", 15980), ("9,1%", 9.1), ("nvt", None),
                                        ("--", None), ("€ 24,7 mln", 24_700_000),
                                        ("maximaal € 312 mln", 312_000_000),
                                        ("€ 6,8 mln", 6_800_000), ("125,3 (×1000)", 125_300),
                                        ("ruim 5.800", 5800)])
def test_parse_dutch_number(text, value):
    assert parse_dutch_number(text) == value
