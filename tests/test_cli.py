"""The command line as a user runs it: check, load, migrate and serve."""
from __future__ import annotations

import gc
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE_CONTENT, OPEN_DATA, edit_yaml
from langerthuis.cli import main
from langerthuis.config import load_settings
from langerthuis.web.local import local_server
from langerthuis.store.migrate import MIGRATIONS

# With the open data, `load` checks the municipalities and computes the support ratio of
# the fixture content's oldest-old-support-ratio indicator: the session's, made once.
pytestmark = pytest.mark.usefixtures("session_geography")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_check_valid_content():
    result = run("check", "--content", str(FIXTURE_CONTENT))
    assert result.exit_code == 0
    assert "is valid: 6 indicators and 3 editions in Langer Thuis" in result.output


def test_check_reports_problems_and_fails(content_dir: Path):
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][0].update(value=120))
    result = run("check", "--content", str(content_dir))
    assert result.exit_code == 1
    assert "1 problem in the content" in result.stderr
    assert "outside the range of a percentage (0 to 100)" in result.stderr


def test_load_then_failed_load_writes_nothing(content_dir: Path, database_url: str):
    ok = run("load", "--content", str(FIXTURE_CONTENT), "--database", database_url)
    assert ok.exit_code == 0
    if OPEN_DATA.is_dir():  # the 8 measurements of the content and the computed support ratio
        assert "9 measurement" in ok.output and "Computed the oldest-old support ratio" in ok.output
    else:
        assert "8 measurement" in ok.output
    db_file = Path(database_url.removeprefix("sqlite:///"))
    # The load leaves its engine to the garbage collector; closing its last connection
    # moves the write-ahead log into the file. Let that happen now, not during the next load.
    gc.collect()
    before = db_file.read_bytes()
    edit_yaml(content_dir / "lt/editions.yaml",
              lambda d: d["editions"][0]["entries"][0].update(measurement="nope"))
    bad = run("load", "--content", str(content_dir), "--database", database_url)
    assert bad.exit_code == 1
    assert "unknown measurement 'nope'" in bad.stderr
    assert "Nothing was written to the database." in bad.stderr
    assert db_file.read_bytes() == before


def test_settings_from_environment(tmp_path: Path):
    env = {"LANGERTHUIS_DATA_DIR": str(tmp_path / "data"),
           "LANGERTHUIS_CONTENT_DIR": str(FIXTURE_CONTENT)}
    result = run("load", env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "langerthuis.sqlite").exists()
    head = sorted(p.name[:4] for p in (MIGRATIONS / "versions").glob("0*.py"))[-1]
    assert f"Database schema at revision {head}." in run("migrate", env=env).output
    assert not (tmp_path / "data" / "site").exists()  # no site folder: no files published
    assert load_settings(env).site_dir is None
    assert load_settings({**env, "LANGERTHUIS_SITE_DIR": str(tmp_path / "site")}).site_dir \
        == tmp_path / "site"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_shows_the_loaded_monitor(database_url: str, workers: str):
    assert run("load", "--content", str(FIXTURE_CONTENT), "--database", database_url).exit_code == 0
    with local_server(["langerthuis.cli", "serve", "--port", "{port}", "--database",
                       database_url, "--workers", workers]) as url:
        with urllib.request.urlopen(url + "/") as response:
            page = response.read().decode()
    assert "Monitor Langer Thuis 2021" in page
    assert "9,1%" in page and "37.469 uur" in page
