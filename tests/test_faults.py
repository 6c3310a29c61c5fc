"""Faults answered with a message: a full disk during `load` (a precise message, the
database unchanged) and on the site (a styled 503 in the reader's language), and the
half-written releases of a killed `load --site` removed by the next one."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from langerthuis.cli import main
from langerthuis.static_site import remove_stale_partials

from conftest import FIXTURE_CONTENT


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a file system of 32 MB of its own (tmpfs; needs root)."""
    folder = tmp_path / "small"
    folder.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)],
                          capture_output=True)
    if made.returncode:
        pytest.skip("cannot mount a small file system here: " + made.stderr.decode()[:100])
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Fill the file system of `folder` to its last byte (it may already be full)."""
    try:
        with open(folder / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 65536)
    except OSError:
        pass


def test_load_on_a_full_disk_says_so_and_changes_nothing(small_disk):
    url = f"sqlite:///{small_disk / 'db.sqlite'}"
    first = CliRunner().invoke(main, ["load", "--content", str(FIXTURE_CONTENT),
                                      "--database", url])
    assert first.exit_code == 0, first.output
    size = (small_disk / "db.sqlite").stat().st_size
    fill(small_disk)
    again = CliRunner().invoke(main, ["load", "--content", str(FIXTURE_CONTENT),
                                      "--database", url])
    assert again.exit_code == 1
    assert "Error: the disk of the database" in again.output
    assert "the database is unchanged" in again.output
    assert "Traceback" not in again.output
    assert (small_disk / "db.sqlite").stat().st_size == size


def test_a_full_disk_answers_a_styled_503_in_the_readers_language(small_disk):
    from langerthuis.accounts import add_account
    from langerthuis.app import create_app
    from langerthuis.store import make_engine
    url = f"sqlite:///{small_disk / 'db.sqlite'}"
    assert CliRunner().invoke(main, ["load", "--content", str(FIXTURE_CONTENT),
                                     "--database", url]).exit_code == 0
    engine = make_engine(url)
    add_account(engine, "full@example.nl", "editor", "a long enough password")
    engine.dispose()
    client = TestClient(create_app(url), base_url="https://testserver",
                        raise_server_exceptions=False)
    client.get("/monitor/2021")  # the content is read before the disk fills up
    fill(small_disk)
    for path, words in (("/beheer/inloggen", "schijf is vol"),
                        ("/en/manage/sign-in", "disk is full")):
        token = client.get(path).cookies.get("lt_form") or ""
        # a sign-in writes its attempt: the database cannot grow
        answer = client.post(path, data={"email": "full@example.nl", "password": "x" * 12,
                                         "form_token": token})
        assert answer.status_code == 503, answer.text[:300]
        assert words in answer.text and "<html" in answer.text
        assert answer.headers["retry-after"] == "300"


def test_the_half_written_release_of_a_killed_load_is_removed(tmp_path):
    releases = tmp_path / "releases"
    releases.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = releases / f".20260101T000000-{gone.pid}.partial"
    (stale / "monitor").mkdir(parents=True)
    (stale / "monitor" / "index.html").write_text("half")
    running = releases / f".20260101T000001-{os.getpid()}.partial"  # a load still running
    running.mkdir()
    kept = releases / "20251231T000000-1"
    kept.mkdir()
    assert remove_stale_partials(releases) == [stale]
    assert not stale.exists() and running.exists() and kept.exists()
