"""Recipes on small hand-computed cases (weights, missing values, empty groups), the
published figures reproduced from synthetic microdata, the same results on DuckDB and
Spark (also for the support ratio from the real CBS data), and the compute command's
output accepted by the content loader."""
from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import FIXTURE_CONTENT
from langerthuis.cli import main
from langerthuis.compute import RECIPES, synthetic
from langerthuis.compute.cbs import fetch_population
from langerthuis.compute import engines
from langerthuis.compute.engines import connect, table
from langerthuis.compute.recipes import RecipeError
from langerthuis.compute.stats import mean_interval, wilson
from langerthuis.config import CHECKOUT, sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine


@pytest.fixture(scope="module")
def duck():
    return connect("duckdb")


def run(con, recipe, frame, **params):
    return RECIPES[recipe].run(table(con, pd.DataFrame(frame), f"t_{recipe.replace('-', '_')}"),
                               **params)


# --- hand-computed cases ----------------------------------------------------------------

def test_threshold_share_by_hand(duck):
    r = run(duck, "threshold-share", {"mark": [3.0, 6.0, 7.0, 8.0, 9.0, None]})
    assert (r.n, r.value) == (5, 60.0)  # 3 of the 5 known marks are 7 or higher
    assert [x["value"] for x in r.rows] == [20.0, 20.0, 60.0]
    assert r.extra["mean"] == pytest.approx(6.6)
    low, high = r.ci95
    assert low == pytest.approx(23.07, abs=0.01) and high == pytest.approx(88.24, abs=0.01)


def test_threshold_share_weighted(duck):
    r = run(duck, "threshold-share", {"mark": [3.0, 6.0, 7.0, 8.0, 9.0],
                                      "w": [1.0, 2.0, 1.0, 1.0, 1.0]}, weight="w")
    assert r.value == pytest.approx(50.0)  # 3 of total weight 6
    assert r.extra["effective_n"] == pytest.approx(36 / 8)


def test_threshold_share_empty_and_invalid(duck):
    assert run(duck, "threshold-share", {"mark": pd.Series([None, None], dtype="float64")}).value is None
    with pytest.raises(RecipeError, match="1 mark\\(s\\) outside 1-10"):
        run(duck, "threshold-share", {"mark": [7.0, 11.0]})
    with pytest.raises(RecipeError, match="lacks column\\(s\\) mark"):
        run(duck, "threshold-share", {"cijfer": [7.0]})


def test_life_domains_by_hand(duck):
    need = [[0] * 9, [1] + [0] * 8, [1, 1, 1, 1] + [0] * 5, [1] * 9]
    frame = pd.DataFrame(need, columns=[f"domain_{i}" for i in range(1, 10)])
    frame.loc[len(frame)] = [None] + [0] * 8  # incomplete: left out
    r = run(duck, "life-domains", frame)
    assert r.n == 4 and r.value == 50.0  # 9 and 8 domains fine; 5 and 0 are below 6
    assert [(x["domains_well_arranged"], x["value"]) for x in r.rows] == [
        ("9", 25.0), ("8 t/m 6", 25.0), ("5 of minder", 50.0)]


def test_ediz_burden_by_hand_with_an_empty_group(duck):
    severe = [5] * 8 + [1] * 2   # 8 burdening items: severe
    light = [4] + [1] * 9        # 1: light
    frame = pd.DataFrame([severe + ["Vrouwen", "35-54"], light + ["Vrouwen", "35-54"],
                          light + ["Mannen", "75+"],
                          [None] * 10 + ["Mannen", "16-34"]],  # no complete answers
                         columns=[f"item_{i}" for i in range(1, 11)] + ["sex", "age_group"])
    r = run(duck, "ediz-burden", frame)
    assert r.n == 3 and r.value == pytest.approx(100 / 3)
    by = {(x["sex"], x["age_group"]): x["value"] for x in r.rows}
    assert by[("Vrouwen", "")] == 50.0 and by[("Mannen", "")] == 0.0
    assert ("", "16-34") not in by  # an empty group has no row rather than a made-up one
    assert run(duck, "ediz-burden", frame, cutoffs=(1, 2, 1)).value == pytest.approx(100.0)


def test_support_ratio_by_hand(duck):
    frame = {"area": ["a", "a", "a", "b", "b", "c"], "age_band": ["50-54", "85-89", "95+",
                                                                  "70-74", "90-94", "60-64"],
             "persons": [100, 5, 5, 30, 3, 10]}
    r = run(duck, "oldest-old-support-ratio", frame, group_by=("area",))
    assert r.value == pytest.approx(140 / 13)
    by = {x["area"]: x["value"] for x in r.rows}
    assert by == {"a": 10.0, "b": 10.0, "c": None}  # c has nobody aged 85+


def test_hours_to_fte_and_amount(duck):
    r = run(duck, "hours-to-fte", {"year": [2019, 2020], "hours": [80828, 37469],
                                   "tariff": [147.60, 168.21]})
    assert [round(x["value"], 1) for x in r.rows] == [72.0, 33.4]  # as the monitor states
    assert r.rows[0]["amount"] == pytest.approx(11930213, abs=1)  # Tabel 10, 2019


def test_carry_forward(duck):
    frame = {"organisation": ["a", "a", "b", "b", "c"], "year": [2019, 2020, 2019, 2020, 2019],
             "all_four": [0, 1, 1, None, 0]}
    r = run(duck, "carry-forward", frame, year=2020)
    assert r.n == 3 and r.value == pytest.approx(200 / 3)
    assert r.extra["carried_forward"] == 2


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (a is None and b is None) or (a is not None and b is not None
                                             and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))
    return a == b


def _agree(a, b) -> None:
    assert _same(a.value, b.value) and a.n == b.n
    assert len(a.rows) == len(b.rows)
    for x, y in zip(a.rows, b.rows):
        assert x.keys() == y.keys()
        assert all(_same(x[k], y[k]) if not isinstance(x[k], tuple) else
                   all(_same(p, q) for p, q in zip(x[k], y[k])) for k in x)


def _weighted_marks(n: int) -> pd.DataFrame:
    """Marks with one decimal and continuous ones, weights, and missing values of both."""
    rng = np.random.default_rng(7)
    mark = np.where(rng.random(n) < 0.5, np.round(rng.uniform(1, 10, n), 1),
                    rng.uniform(1, 10, n))
    weight = rng.uniform(0.2, 3.0, n)
    mark[rng.random(n) < 0.05] = np.nan
    weight[rng.random(n) < 0.05] = np.nan
    return pd.DataFrame({"mark": mark, "w": weight})


def test_threshold_share_equals_the_sums_over_every_respondent(duck):
    # The recipe adds up per distinct mark first; the figures must be those of the sums
    # over the respondents themselves (a missing weight counts the respondent in n only).
    frame = _weighted_marks(5000)
    r = run(duck, "threshold-share", frame, weight="w", threshold=6.5)
    known = frame[frame.mark.notna()]
    m, w = known.mark.to_numpy(), known.w.fillna(0).to_numpy()
    share, mean = w[m >= 6.5].sum() / w.sum(), (w * m).sum() / w.sum()
    neff = w.sum() ** 2 / (w * w).sum()
    assert r.n == len(known) and r.value == pytest.approx(100 * share, rel=1e-12)
    assert r.extra["effective_n"] == pytest.approx(neff, rel=1e-12)
    assert [x["value"] for x in r.rows] == pytest.approx(
        [100 * w[inside].sum() / w.sum() for inside in (m < 5, (m >= 5) & (m < 7), m >= 7)],
        rel=1e-12)
    assert r.ci95 == pytest.approx(tuple(100 * x for x in wilson(share, neff)), rel=1e-12)
    assert r.extra["mean"] == pytest.approx(mean, rel=1e-12)
    variance = (w * m * m).sum() / w.sum() - mean * mean
    assert r.extra["mean_ci95"] == pytest.approx(mean_interval(mean, variance, neff), rel=1e-9)


@pytest.mark.parametrize("recipe,make,params", [
    ("threshold-share", lambda: _weighted_marks(3000), {"weight": "w"}),
    ("oldest-old-support-ratio", lambda: synthetic.population(3000, areas=30),
     {"group_by": ("municipality_code",)})], ids=["threshold-share", "support-ratio"])
def test_duckdb_sql_path_equals_the_arrow_path(duck, monkeypatch, recipe, make, params):
    # On DuckDB the compiled SQL runs on the connection itself and its rows are fetched as
    # they are; through Ibis and Arrow, as on the other engines, the result is the same.
    t = table(duck, pd.DataFrame(make()), "paths")
    direct = RECIPES[recipe].run(t, **params)
    monkeypatch.setattr(engines, "_on_duckdb", lambda expr: None)
    _agree(direct, RECIPES[recipe].run(t, **params))


def test_a_recipe_runs_on_a_frame_held_by_ibis(duck):
    frame = _weighted_marks(500)
    _agree(run(duck, "threshold-share", frame, weight="w"),
           RECIPES["threshold-share"].run(ibis.memtable(frame), weight="w"))


# --- the published figures from synthetic microdata ----------------------------------------

def test_quality_of_life_from_synthetic_microdata(duck):
    frame = synthetic.marks(3242, {"1-4": 3.5, "5-6": 28.0, "7-10": 68.5})
    assert frame["synthetic"].all()
    r = run(duck, "threshold-share", frame)
    assert r.n == 3242 and round(r.value, 1) == 68.5 and round(r.value) == 69  # Tabel 2, nr. 1
    assert [round(x["value"], 1) for x in r.rows] == [3.5, 28.0, 68.5]


def test_life_domains_from_synthetic_microdata(duck):
    frame = synthetic.life_domains(3242, {"9": 48.0, "k-8": 27.3, "<k": 24.7})
    r = run(duck, "life-domains", frame)
    assert [round(x["value"], 1) for x in r.rows] == [48.0, 27.3, 24.7]  # Tabel 6
    assert round(r.value, 1) == 75.3 and round(r.value) == 75  # indicator 4


def test_overburdened_carers_from_synthetic_microdata(duck):
    frame = synthetic.ediz({("Mannen", "alle"): (2000, 6.5), ("Vrouwen", "alle"): (2400, 11.2)})
    r = run(duck, "ediz-burden", frame)
    by = {x["sex"]: round(x["value"], 1) for x in r.rows if x["sex"] and not x["age_group"]}
    assert by == {"Mannen": 6.5, "Vrouwen": 11.2}  # Tabel 12
    assert round(r.value, 1) == 9.1  # indicator 14


# --- the same recipes on Spark ------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("Java is needed for Spark")
        pytest.skip("no Java")
    return connect("spark")


CASES = [
    ("threshold-share", lambda: synthetic.marks(500, {"1-4": 10.0, "5-6": 30.0, "7-10": 60.0}), {}),
    ("life-domains", lambda: synthetic.life_domains(300, {"9": 40.0, "k-8": 30.0, "<k": 30.0}), {}),
    ("ediz-burden", lambda: synthetic.ediz({("M", "a"): (100, 10.0), ("V", "b"): (120, 20.0)}), {}),
    ("oldest-old-support-ratio", lambda: synthetic.population(2000, areas=20),
     {"group_by": ("municipality_code",)}),
    ("hours-to-fte", lambda: {"year": [2019, 2020], "hours": [80828.0, 37469.0],
                              "tariff": [147.60, 168.21]}, {}),
    ("carry-forward", lambda: {"organisation": ["a", "a", "b", "b", "c"],
                               "year": [2019, 2020, 2019, 2020, 2019],
                               "all_four": [0.0, 1.0, 1.0, None, 0.0]}, {"year": 2020}),
]


@pytest.mark.parametrize("recipe,make,params", CASES, ids=[c[0] for c in CASES])
def test_duckdb_and_spark_agree(duck, spark, recipe, make, params):
    frame = pd.DataFrame(make())
    _agree(RECIPES[recipe].run(table(duck, frame, "same"), **params),
           RECIPES[recipe].run(table(spark, frame, "same"), **params))


# --- real data: the support ratio ---------------------------------------------------------
# Its agreement with the monitor's Tabel 14 is tested with the bundled content
# (tests/bundled/test_bundled_content.py); the map that shows it in tests/test_web.py.

def test_support_ratio_on_spark_is_the_same(open_data, registry, support_ratio, spark):
    country, municipal, _, _ = support_ratio
    from langerthuis.compute.population import municipal_population
    population, _ = municipal_population(open_data, registry)
    t = table(spark, population, "population")
    assert RECIPES["oldest-old-support-ratio"].run(t).value == pytest.approx(country.value)
    on_spark = RECIPES["oldest-old-support-ratio"].run(t, group_by=("municipality_code",))
    assert [(r["municipality_code"], round(r["value"], 9)) for r in on_spark.rows] == \
        [(r["municipality_code"], round(r["value"], 9)) for r in municipal.rows]


# --- the command and its output as content ------------------------------------------------

def test_compute_command_writes_content_the_loader_accepts(tmp_path):
    data = tmp_path / "marks.csv"
    synthetic.marks(3242, {"1-4": 3.5, "5-6": 28.0, "7-10": 68.5}).to_csv(data, index=False)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    result = CliRunner().invoke(main, [
        "compute", "threshold-share", "--input", str(data), "--output",
        str(content / "lt" / "computed"), "--indicator", "quality-of-life", "--id",
        "qol-synthetic", "--param", "threshold=7"])
    assert result.exit_code == 0, result.output
    assert "running threshold-share" in result.stderr and "value 68.5, n 3242" in result.stderr
    engine = make_engine(sqlite_url(tmp_path / "db.sqlite"))
    load_content(engine, check_content(content))
    from sqlalchemy.orm import Session
    from langerthuis import model as m
    with Session(engine) as s:
        x = s.get(m.Measurement, "qol-synthetic")
        assert (x.value, x.n) == (68.5, 3242)
        assert x.provenance["recipe"] == "threshold-share" and x.provenance["engine"] == "duckdb"
        assert x.provenance["input"].startswith("sha256:")
        assert "95%-betrouwbaarheidsinterval" in x.notes and "95% confidence interval" in x.notes_en
        assert [r.value for r in s.get(m.BreakdownTable, "qol-synthetic-table").rows] == [
            3.5, 28.0, 68.5]


def test_compute_command_rejects_unknown_parameters(tmp_path):
    data = tmp_path / "marks.csv"
    pd.DataFrame({"mark": [7.0]}).to_csv(data, index=False)
    result = CliRunner().invoke(main, ["compute", "threshold-share", "--input", str(data),
                                       "--output", str(tmp_path), "--indicator", "x", "--id",
                                       "y", "--param", "treshold=7"])
    assert result.exit_code == 2 and "has no parameter 'treshold'" in result.stderr


# --- CBS StatLine, offline -----------------------------------------------------------------

class ReplayClient:
    """Stands in for the cbsodata module: answers get_data from a recorded response."""

    def __init__(self, path: Path):
        self.rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
        self.calls = []

    def get_data(self, table, filters=None, select=None):
        self.calls.append((table, filters, select))
        return self.rows


def test_population_from_statline_offline(duck):
    client = ReplayClient(CHECKOUT / "tests" / "fixtures" / "cbs" / "03759ned-2021.json")
    frame = fetch_population(client, "2021JJ00", ["GM1979", "GM0363"])
    [(table_id, filters, select)] = client.calls
    assert table_id == "03759ned" and "RegioS eq 'GM1979'" in filters and "2021JJ00" in filters
    assert set(frame["municipality_code"]) == {"GM1979", "GM0363"}
    assert "Totaal" not in set(frame["age_band"])
    r = RECIPES["oldest-old-support-ratio"].run(table(duck, frame, "statline"),
                                                group_by=("municipality_code",))
    assert {x["municipality_code"] for x in r.rows} == {"GM1979", "GM0363"}


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_compute_command_on_parquet(tmp_path, engine, spark):
    data = tmp_path / "marks.parquet"
    synthetic.marks(1000, {"1-4": 10.0, "5-6": 20.0, "7-10": 70.0}).to_parquet(data)
    result = CliRunner().invoke(main, ["compute", "threshold-share", "--input", str(data),
                                       "--engine", engine, "--output", str(tmp_path / "out"),
                                       "--indicator", "quality-of-life", "--id", "qol-parquet"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "qol-parquet.yaml").read_text()
    assert "value: 70.0" in written and f"engine: {engine}" in written
