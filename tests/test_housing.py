"""The housing monitor: the national target as content, the per-area targets (official by
import, or our estimate), deliveries from several sources linked into projects, and what
the views, the API, the downloads and the page show of them."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.errors import ContentError
from langerthuis.housing.rounding import largest_remainder
from langerthuis.store import load_content, make_engine
from langerthuis.views.snapshot import build_snapshot

from conftest import BUNDLED_CONTENT, edit_yaml

#: A small geography: four municipalities of 2024 in two provinces.
PLACES = {"GM0363": ("Amsterdam", "PV27", "Noord-Holland"),
          "GM0392": ("Haarlem", "PV27", "Noord-Holland"),
          "GM0599": ("Rotterdam", "PV28", "Zuid-Holland"),
          "GM0518": ("'s-Gravenhage", "PV28", "Zuid-Holland")}
NATIONAL = {"zero_step": 170000, "clustered": 80000, "care_suitable": 40000}


def _content_with_target(content_dir: Path) -> Path:
    (content_dir / "housing").mkdir()
    shutil.copy(BUNDLED_CONTENT / "housing" / "targets.yaml", content_dir / "housing")
    return content_dir


@pytest.fixture
def db(tmp_path, content_dir):
    """The URL of a database with the fixture content, the housing target and PLACES."""
    url = sqlite_url(tmp_path / "db" / "housing.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(_content_with_target(content_dir)))
    with Session(engine) as session, session.begin():
        session.add_all(m.Municipality(year=2024, code=code, name=name, province_code=pc,
                                       province=pn, derived=False)
                        for code, (name, pc, pn) in PLACES.items())
    engine.dispose()
    return url


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot(url: str):
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return build_snapshot(session)
    finally:
        engine.dispose()


def count(url: str, model) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


# --- the target as content ---------------------------------------------------------------

def test_the_bundled_target_is_that_of_seed_004():
    target = check_content(BUNDLED_CONTENT).housing_targets[0]
    assert (target.programme, target.target_year, target.homes, target.homes_built) == (
        "wozo", 2030, 290000, 900000)
    assert {c.category: c.homes for c in target.categories} == NATIONAL
    seed = next(Path(__file__).resolve().parents[3].glob("shared/seeds/004_*.txt"), None)
    if seed is not None:
        text = seed.read_text(encoding="utf-8")
        for figure in ("900.000", "290.000", "nultredenwoningen (170.000)",
                       "geclusterde woningen (80.000)", "voor ouderen (40.000)"):
            assert figure in text


def test_check_rejects_a_target_whose_categories_do_not_add_up(content_dir):
    path = _content_with_target(content_dir) / "housing" / "targets.yaml"
    edit_yaml(path, lambda d: d["housing_targets"][0]["categories"][0].update(homes=171000))
    with pytest.raises(ContentError) as err:
        check_content(content_dir)
    assert "targets.yaml" in str(err.value)
    assert "add up to 291,000 homes, not to 290,000" in str(err.value)


def test_check_rejects_a_target_without_a_category(content_dir):
    path = _content_with_target(content_dir) / "housing" / "targets.yaml"
    edit_yaml(path, lambda d: d["housing_targets"][0]["categories"].pop())
    result = run("check", "--content", content_dir)
    assert result.exit_code == 1
    assert "care_suitable missing" in result.output
    assert "Traceback" not in result.output


# --- per-area targets --------------------------------------------------------------------

def official_rows(overrides: dict | None = None) -> list[list]:
    """A valid breakdown over PLACES: Amsterdam and Rotterdam 40% each, the others 10%."""
    share = {"GM0363": 0.4, "GM0392": 0.1, "GM0599": 0.4, "GM0518": 0.1}
    rows = []
    for category, homes in NATIONAL.items():
        for code, s in share.items():
            rows.append(["municipality", code, category, int(homes * s)])
        rows.append(["province", "PV27", category, int(homes * 0.5)])
        rows.append(["province", "PV28", category, int(homes * 0.5)])
    for (code, category), homes in (overrides or {}).items():
        for r in rows:
            if r[1] == code and r[2] == category:
                r[3] = homes
    return rows


HEADER = ["level", "code", "category", "homes"]


def test_official_targets_replace_our_estimate_everywhere(db, tmp_path):
    result = run("targets", "import", write_csv(tmp_path / "t.csv", HEADER, official_rows()),
                 "--year", "2024", "--database", db)
    assert result.exit_code == 0, result.output
    h = snapshot(db).housing
    assert h.summary.target_kind == "official"
    amsterdam = [p for p in h.municipalities if p.code == "GM0363"]
    assert {p.category: p.target for p in amsterdam} == {
        "zero_step": 68000, "clustered": 32000, "care_suitable": 16000, "all": 116000}
    assert all(p.target_kind == "official" for p in h.municipalities + h.provinces)


def test_target_import_rejects_sums_that_do_not_match(db, tmp_path):
    path = write_csv(tmp_path / "t.csv", HEADER, official_rows({("GM0363", "clustered"): 31999}))
    result = run("targets", "import", path, "--database", db)
    assert result.exit_code == 1
    assert ("t.csv, homes: the homes of the municipalities in category clustered add up to "
            "79,999; the national target is 80,000") in result.output
    assert "Nothing was written" in result.output
    assert count(db, m.AreaTarget) == 0


def test_target_import_rejects_an_unknown_municipality(db, tmp_path):
    rows = official_rows()
    rows[0][1] = "GM9999"
    result = run("targets", "import", write_csv(tmp_path / "t.csv", HEADER, rows),
                 "--database", db)
    assert result.exit_code == 1
    assert "t.csv, line 2, code: municipality GM9999 does not exist in 2024" in result.output
    assert count(db, m.AreaTarget) == 0


def test_target_import_rejects_a_missing_category(db, tmp_path):
    rows = [r for r in official_rows() if not (r[1] == "GM0392" and r[2] == "care_suitable")]
    result = run("targets", "import", write_csv(tmp_path / "t.csv", HEADER, rows),
                 "--database", db)
    assert result.exit_code == 1
    assert "category care_suitable is missing for 1 municipality of 2024: GM0392" \
        in result.output
    assert count(db, m.AreaTarget) == 0


def test_target_import_names_bad_cells_and_columns(db, tmp_path):
    path = write_csv(tmp_path / "t.csv", ["level", "code", "kind", "homes"], [])
    result = run("targets", "import", path, "--database", db)
    assert "line 1, header: missing column(s) category; unknown column(s) kind" in result.output
    rows = official_rows()
    rows[3][3] = "1.000"
    rows[4][0] = "region"
    result = run("targets", "import", write_csv(tmp_path / "u.csv", HEADER, rows),
                 "--database", db)
    assert "line 5, homes: found '1.000'; expected a whole number" in result.output
    assert "line 6, level: found 'region'; expected one of province, municipality" \
        in result.output


def test_largest_remainder_adds_up_exactly_and_does_not_depend_on_order():
    weights = {"a": 1.0, "b": 1.0, "c": 1.0}
    assert largest_remainder(100, weights) == {"a": 34, "b": 33, "c": 33}
    assert largest_remainder(100, dict(reversed(weights.items()))) == {"a": 34, "b": 33, "c": 33}
    odd = {f"m{i}": (i * 7919) % 101 + 0.5 for i in range(300)}
    assert sum(largest_remainder(40000, odd).values()) == 40000


def test_our_estimate_adds_up_to_each_category_and_to_290000(registry, open_data):
    from langerthuis.housing.estimate import estimate_from_open_data
    targets = check_content(BUNDLED_CONTENT).housing_targets
    rows = estimate_from_open_data(targets, open_data, registry)
    year = registry.years[-1]
    for level, areas in (("municipality", len(registry.in_year(year))), ("province", 12)):
        mine = [r for r in rows if r.level == level]
        assert all(r.kind == "estimate" and r.year == year and r.homes >= 0 for r in mine)
        assert len(mine) == 3 * areas
        for category, homes in NATIONAL.items():
            assert sum(r.homes for r in mine if r.category == category) == homes
        assert sum(r.homes for r in mine) == 290000
    amsterdam = {r.category: r.homes for r in rows if r.code == "GM0363"}
    assert 0 < amsterdam["zero_step"] < 170000 * 0.05
    assert rows == estimate_from_open_data(targets, open_data, registry)  # reproducible


# --- deliveries --------------------------------------------------------------------------

COLUMNS = ["municipality_code", "category", "status", "homes", "year", "project_name",
           "bag_id", "street", "house_number", "postcode"]
BAG = "0363100012345678"


def deliveries(tmp_path: Path, source: str, id_column: str, rows: list[list]) -> Path:
    return write_csv(tmp_path / f"{source}.csv", [id_column, *COLUMNS], rows)


def import_(db: str, path: Path, source: str):
    return run("deliveries", "import", path, "--source", source, "--database", db)


def three_sources(tmp_path: Path, db: str, monitor_homes: int = 40) -> None:
    """One project (40 clustered homes in Amsterdam) in three sources: CBS Woonbase by BAG
    id, the housebuilding monitor by BAG id and address, dVi by address only."""
    files = [
        ("woonbase", "woonbase_id", [["W1", "GM0363", "clustered", "realised", 40, 2024, "",
                                      BAG, "", "", ""]]),
        ("housebuilding-monitor", "plan_id", [
            ["P1", "GM0363", "clustered", "realised", monitor_homes, 2024, "Hof van Aaron",
             BAG, "Dorpsstraat", "12 A", "1011 ab"],
            ["P2", "GM0599", "zero_step", "planned", 25, 2027, "Park Linde", "", "", "", ""]]),
        ("dvi", "dvi_id", [["D1", "GM0363", "clustered", "planned", 40, 2024, "",
                            "", "Dorpsstraat", "12a", "1011AB"]]),
    ]
    for source, column, rows in files:
        result = import_(db, deliveries(tmp_path, source, column, rows), source)
        assert result.exit_code == 0, result.output


def test_the_same_project_in_three_sources_counts_once(db, tmp_path):
    three_sources(tmp_path, db)
    h = snapshot(db).housing
    clustered = next(p for p in h.summary.national if p.category == "clustered")
    assert (clustered.realised, clustered.planned) == (40, 0)
    everything = next(p for p in h.summary.national if p.category == "all")
    assert (everything.realised, everything.planned) == (40, 25)
    assert count(db, m.Delivery) == 4 and count(db, m.HousingProject) == 2
    engine = make_engine(db)
    with Session(engine) as session:
        project = session.scalars(select(m.HousingProject).where(
            m.HousingProject.category == "clustered")).one()
        assert project.sources == ["woonbase", "dvi", "housebuilding-monitor"]
        assert project.source == "woonbase"
    engine.dispose()


def test_a_disagreement_between_sources_is_kept_and_shown(db, tmp_path):
    three_sources(tmp_path, db, monitor_homes=44)
    s = snapshot(db)
    h = s.housing
    assert next(p for p in h.summary.national if p.category == "clustered").realised == 40
    homes = next(d for d in h.disagreements if d.field == "homes")
    assert homes.values == {"woonbase": "40", "dvi": "40", "housebuilding-monitor": "44"}
    assert (homes.chosen, homes.source) == ("40", "woonbase")
    status = next(d for d in h.disagreements if d.field == "status")
    assert status.values["dvi"] == "planned" and status.chosen == "realised"
    from langerthuis.web.pages import build_page
    page = build_page(s, "nl", "housing", {}, {}).html
    assert "Waar de bronnen verschillen" in page and "Woningbouwmonitor: 44" in page
    from langerthuis.opendata.export import build_downloads
    rows = list(csv.DictReader(build_downloads(s)["housing/disagreements.csv"].splitlines()))
    assert {"field": "homes", "chosen": "40", "source": "woonbase"}.items() <= rows[0].items()


def test_a_failed_delivery_import_changes_nothing(db, tmp_path):
    three_sources(tmp_path, db)
    before = [(count(db, t)) for t in (m.Delivery, m.HousingProject, m.DeliveryImport)]
    version = snapshot(db).version
    bad = deliveries(tmp_path, "dvi", "dvi_id", [
        ["D1", "GM0363", "clustered", "planned", 40, 2024, "", "", "", "", ""],
        ["D2", "GM9999", "clustered", "planned", "veel", 2024, "", "", "", "", ""],
        ["D1", "GM0363", "zero_step", "built", 10, 1999, "", "12345", "", "", "99999"]])
    result = import_(db, bad, "dvi")
    assert result.exit_code == 1
    out = result.output
    assert "dvi.csv, line 3, municipality_code: found GM9999: no municipality has this code in 2024" in out
    assert "dvi.csv, line 3, homes: found 'veel'" in out
    assert "line 4, status: found 'built'; expected one of planned, realised" in out
    assert "line 4, year: found '1999'; expected a whole number from 2,000 to 2,050" in out
    assert "line 4, bag_id: found '12345'; expected a BAG id of 16 digits" in out
    assert "line 4, dvi_id: id 'D1' is already used on line 2" in out
    assert "Nothing was written" in out and "Traceback" not in out
    assert [count(db, t) for t in (m.Delivery, m.HousingProject, m.DeliveryImport)] == before
    assert snapshot(db).version == version


def test_a_source_only_takes_what_it_reports(db, tmp_path):
    path = deliveries(tmp_path, "zn", "zn_id", [
        ["Z1", "GM0363", "zero_step", "planned", 10, 2026, "", "", "", "", ""]])
    result = import_(db, path, "zn")
    assert "line 2, category: found 'zero_step'; expected one of care_suitable" in result.output
    result = import_(db, path, "nobody")
    assert "unknown source 'nobody'; expected one of woonbase, dvi" in result.output


def test_a_plan_without_a_place_is_linked_by_its_name_or_left_for_review(db, tmp_path):
    three_sources(tmp_path, db)
    path = deliveries(tmp_path, "subsidy", "application_id", [
        ["S1", "GM0363", "clustered", "planned", 40, 2024, "Woonzorgcomplex Hof van Aaron",
         "", "", "", ""],
        ["S2", "GM0599", "zero_step", "planned", 25, 2027, "Park Linde", "", "", "", ""],
        ["S3", "GM0599", "clustered", "planned", 30, 2027, "Park Linde", "", "", "", ""]])
    # zero_step is not a category of the subsidy schemes: the file is refused
    assert import_(db, path, "subsidy").exit_code == 1

    def subsidy(row: list) -> None:
        path = deliveries(tmp_path, "subsidy", "application_id", [row])
        assert import_(db, path, "subsidy").exit_code == 0

    def one(session, record_id: str) -> m.Delivery:
        return session.scalars(select(m.Delivery).where(m.Delivery.record_id == record_id)).one()

    engine = make_engine(db)
    subsidy(["S3", "GM0363", "clustered", "planned", 38, 2028, "Aaron", "", "", "", ""])
    with Session(engine) as session:
        s3, w1 = one(session, "S3"), one(session, "W1")
        assert s3.project_id != w1.project_id and s3.link_method == "none"
        review = session.scalars(select(m.DeliveryReview)).all()
        assert [(r.first_id, r.second_id) for r in review] in ([(w1.id, s3.id)], [
            (one(session, "P1").id, s3.id)])
    assert "S3 (line 2)" in run("deliveries", "review", "--database", db).output
    subsidy(["S1", "GM0363", "clustered", "planned", 40, 2024, "Woonzorgcomplex Hof van Aaron",
             "", "", "", ""])
    with Session(engine) as session:
        s1, w1 = one(session, "S1"), one(session, "W1")
        assert (s1.project_id, s1.link_method) == (w1.project_id, "fuzzy")
        assert session.scalars(select(m.DeliveryReview)).all() == []
    engine.dispose()


def test_synthetic_files_import_and_every_output_says_they_are_synthetic(db, tmp_path):
    result = run("deliveries", "generate", tmp_path / "syn", "--records", "600",
                 "--database", db)
    assert result.exit_code == 0, result.output
    for source in ("woonbase", "dvi", "housebuilding-monitor", "zn", "subsidy"):
        path = tmp_path / "syn" / f"{source}.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert rows and all(r["synthetic"] == "yes" for r in rows)
        assert import_(db, path, source).exit_code == 0
    s = snapshot(db)
    h = s.housing
    assert h.summary.synthetic
    assert all(p.synthetic for p in (*h.summary.national, *h.municipalities))
    assert count(db, m.HousingProject) < count(db, m.Delivery)  # duplicates were linked
    assert h.summary.disagreement_count > 0
    from langerthuis.opendata.export import build_downloads
    progress = list(csv.DictReader(build_downloads(s)["housing/progress.csv"].splitlines()))
    assert {r["synthetic"] for r in progress} == {"True"}
    assert {r["target_kind"] for r in progress if r["level"] != "national"} == {"estimate"} or \
        not [r for r in progress if r["level"] != "national"]
    from langerthuis.web.pages import build_page
    for lang, words in (("nl", "Synthetische gegevens."), ("en", "Synthetic data.")):
        assert words in build_page(s, lang, "housing", {}, {}).html
    real = deliveries(tmp_path, "woonbase", "woonbase_id", [
        ["R1", "GM0363", "clustered", "realised", 40, 2024, "", BAG, "", "", ""]])
    assert import_(db, real, "dvi").exit_code == 1  # the id column is woonbase's
    result = import_(db, deliveries(tmp_path, "dvi", "dvi_id", [
        ["R1", "GM0363", "clustered", "realised", 40, 2024, "", BAG, "", "", ""]]), "dvi")
    assert result.exit_code == 1 and "synthetic and real deliveries would be mixed" in result.output


def test_load_keeps_imported_deliveries_and_official_targets(db, tmp_path, content_dir):
    three_sources(tmp_path, db)
    assert run("targets", "import", write_csv(tmp_path / "t.csv", HEADER, official_rows()),
               "--database", db).exit_code == 0
    engine = make_engine(db)
    load_content(engine, check_content(content_dir))
    engine.dispose()
    assert count(db, m.Delivery) == 4 and count(db, m.AreaTarget) == 3 * 6
    assert snapshot(db).housing.summary.target_kind == "official"


def test_the_api_says_which_kind_of_target_and_whether_data_are_synthetic(db, tmp_path):
    from fastapi.testclient import TestClient

    from langerthuis.app import create_app
    three_sources(tmp_path, db)
    client = TestClient(create_app(db, tmp_path / "data", False))
    body = client.get("/api/housing").json()["data"]
    assert (body["target"]["homes"], body["target"]["target_year"], body["synthetic"]) == (
        290000, 2030, False)
    assert body["target_kind"] is None  # no area targets in this database
    assert run("targets", "import", write_csv(tmp_path / "t.csv", HEADER, official_rows()),
               "--database", db).exit_code == 0
    areas = client.get("/api/housing/areas?level=province&category=all").json()
    assert [(a["code"], a["target"], a["target_kind"]) for a in areas["data"]] == [
        ("PV27", 145000, "official"), ("PV28", 145000, "official")]
    assert areas["meta"]["total"] == 2
    disagreements = client.get("/api/housing/disagreements").json()
    assert disagreements["meta"]["total"] >= 1
    assert client.get("/api/housing/areas?level=country").status_code == 400
    page = client.get("/en/housing")
    assert page.status_code == 200 and "official target" in page.text
    assert "GM0363" not in page.text and ".csv" in page.text


def test_the_static_site_has_the_housing_page_api_and_downloads(db, tmp_path):
    import json

    from langerthuis.static_site import export_site
    three_sources(tmp_path, db)
    written = set(export_site(snapshot(db), tmp_path / "site"))
    assert {"data/housing/progress.csv", "api/housing.json", "api/housing/areas.json",
            "api/housing/disagreements.json"} <= written
    assert any(w.startswith("wonen") for w in written)
    body = json.loads((tmp_path / "site" / "api" / "housing.json").read_text(encoding="utf-8"))
    assert body["data"]["target"]["homes"] == 290000


def test_the_housing_downloads_are_a_valid_data_package(db, tmp_path):
    from frictionless import Package

    from langerthuis.opendata.export import export_all
    three_sources(tmp_path, db)
    export_all(snapshot(db), tmp_path / "out")
    package = Package(str(tmp_path / "out" / "datapackage.json"))
    names = {r.name for r in package.resources}
    assert {"housing-progress", "housing-years", "housing-disagreements"} <= names
    for name in ("housing-progress", "housing-years", "housing-disagreements"):
        report = package.get_resource(name).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
