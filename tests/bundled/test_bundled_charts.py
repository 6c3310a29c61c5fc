"""The bundled content's charts and cross tables: the hours of elderly care physicians
break between 80.828 (2019) and 37.469 (2020, a lower bound after the change of financing),
and the breakdown tables are laid out as the 2021 monitor prints them. The code is tested
on the fixture content and small tables in tests/test_charts.py."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.orm import Session

from langerthuis.charts.bars import MAX_BARS
from langerthuis.views.snapshot import build_snapshot
from test_charts import SVG, rows_of, texts

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def snapshot(bundled_database):
    _, engine = bundled_database
    with Session(engine) as session:
        return build_snapshot(session)


def test_hours_break_where_the_financing_changed(snapshot):
    figure = snapshot.indicators[("elderly-care-physician-hours", "nl")].figure
    found = texts(figure.chart.svg)
    bold = [t for _y, t, w in found if w == "bold"]
    assert ["2018", "2019", "2020"] == [t for t in bold if t in ("2018", "2019", "2020")]
    assert "Monitor 2021" in {t for _y, t, _w in found}  # the edition under its data year
    root = ET.fromstring(figure.chart.svg)
    lines = [x for x in root.iter(SVG + "line") if x.get("stroke-dasharray") == "5 4"]
    assert "financiering of meetwijze gewijzigd" in lines[0].find(SVG + "title").text
    # the break stands between the points of 80.828 and 37.469 uur
    labels = {t: float(x.get("x")) for x in root.iter(SVG + "text")
              for t in [x.text] if t in ("80.828 uur", "37.469 uur")}
    assert labels["80.828 uur"] < float(lines[0].get("x1")) < labels["37.469 uur"]
    assert figure.rows[-1][-1] == ("voorlopig cijfer; ondergrens; niet vergelijkbaar: "
                                   "financiering of meetwijze gewijzigd")


def tables(snapshot, indicator):
    return {t.number: t for t in snapshot.indicators[(indicator, "nl")].tables}


def test_breakdowns_are_cross_tables_as_the_monitor_prints_them(snapshot):
    t10 = tables(snapshot, "elderly-care-physician-hours")[10].cross
    assert [c.label for c in t10.columns] == ["Behandelde personen", "Uren",
                                               "Tarief vergoeding per uur", "Bedrag"]
    assert rows_of(t10)[1] == ["", "2019", "23.444", "80.828 uur", "€ 147,60", "€ 11.930.213"]
    t16 = tables(snapshot, "clustered-housing-locations")[16].cross
    assert [c.label for c in t16.columns] == ["huur - corporatie", "huur - particulier", "koop",
                                               "overig", "onbekend", "Totaal"]
    assert rows_of(t16)[-1] == ["", "Totaal", "118.111", "6.487", "1.242", "2.032", "4.129",
                                "132.001"]
    t12 = tables(snapshot, "overburdened-carers")[12].cross
    assert [g.label for g in t12.groups] == ["Geslacht", "Leeftijd", ""]
    t5 = tables(snapshot, "fit-of-professional-care")[5].cross
    assert t5.columns[-1].label == "Gemiddeld rapportcijfer" and t5.has_row_n


def test_no_breakdown_chart_draws_more_bars_than_it_can_label(snapshot):
    for (indicator, lang), view in snapshot.indicators.items():
        for t in view.tables:
            root = ET.fromstring(t.chart.svg)
            bars = [r for r in root.iter(SVG + "rect") if r.find(SVG + "title") is not None]
            assert len(bars) <= MAX_BARS, (indicator, t.number, len(bars))
            assert "…" not in t.chart.svg


def test_every_breakdown_chart_draws_its_figures(snapshot):
    """Each breakdown chart has a mark with its value for at least one cell: shares above
    a mean row (the distribution of marks and the mean mark) are drawn, the mean is not."""
    for (indicator, lang), view in snapshot.indicators.items():
        for t in view.tables:
            marks = [x for x in ET.fromstring(t.chart.svg).iter()
                     if x.tag in (SVG + "rect", SVG + "circle")
                     and x.find(SVG + "title") is not None]
            assert marks, (indicator, lang, t.number)
