"""The recommended production deployment (deploy/nginx): `load --site` publishes the public
pages and downloads as files, swapped in at once, and Debian's nginx serves them in front of
the application, which answers queries, the API and everything not on disk."""
from __future__ import annotations

import http.client
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE_CONTENT, OPEN_DATA, reusing_open_data, serve
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.web.local import NGINX, nginx_server

pytestmark = pytest.mark.nginx


def _load(database: str, site: Path) -> str:
    with reusing_open_data():
        result = CliRunner().invoke(main, ["load", "--content", str(FIXTURE_CONTENT),
                                           "--database", database, "--site", str(site)],
                                    env={"LANGERTHUIS_OPEN_DATA_DIR": str(OPEN_DATA)})
    assert result.exit_code == 0, result.output
    return result.output


def _get(base: str, path: str, headers: dict | None = None):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed; the test command installs it")
    tmp = tmp_path_factory.mktemp("deploy")
    database = sqlite_url(tmp / "site.sqlite")
    _load(database, tmp / "site")
    with serve(database) as app, nginx_server(int(app.rsplit(":", 1)[1]),
                                              tmp / "site" / "current", tmp / "nginx") as url:
        yield url, app, tmp / "site"


def test_load_publishes_the_site_as_files_and_swaps_it_in_at_once(deployed):
    _url, _app, site = deployed
    current = site / "current"
    assert current.is_symlink()
    first = current.resolve()
    assert (first / "monitor/2021/index.html").is_file()
    assert (first / "en/indicator/quality-of-life/index.html").is_file()
    assert (first / "data/key-figures.csv").is_file() and (first / "static/style.css").is_file()
    # Pages keep the application's addresses; what depends on a query is not written.
    dashboard = (first / "monitor/2021/index.html").read_text(encoding="utf-8")
    assert 'href="/indicator/quality-of-life"' in dashboard
    assert not any("=" in p.name for p in first.rglob("*"))
    assert not (first / "api").exists() and not (first / "rapport").exists()
    assert not any(p.name.endswith(".partial") for p in (site / "releases").iterdir())


def test_nginx_serves_the_pages_from_disk(deployed):
    url, app, site = deployed
    response, body = _get(url, "/monitor/2021")
    assert response.status == 200
    assert body == (site / "current/monitor/2021/index.html").read_bytes()
    assert response.getheader("content-type") == "text/html; charset=utf-8"
    # nginx's validator (mtime-size), not the application's (a hash of the body)
    _, from_app = _get(app, "/monitor/2021")
    assert from_app == body
    etag = response.getheader("etag")
    assert etag != _get(app, "/monitor/2021")[0].getheader("etag")
    assert "default-src 'none'" in response.getheader("content-security-policy")
    again, empty = _get(url, "/monitor/2021", {"If-None-Match": etag})
    assert again.status == 304 and empty == b""
    css, _ = _get(url, "/static/style.css")
    assert css.status == 200 and css.getheader("content-type").startswith("text/css")
    csv, body = _get(url, "/data/key-figures.csv")
    assert csv.status == 200 and csv.getheader("content-type") == "text/csv; charset=utf-8"
    assert csv.getheader("content-disposition") == "attachment"
    assert body == (site / "current/data/key-figures.csv").read_bytes()
    assert _get(url, "/data/monitor.json")[0].getheader("content-disposition") is None


def test_nginx_passes_queries_the_api_and_unknown_addresses_to_the_application(deployed):
    url, app, _site = deployed
    filtered, body = _get(url, "/acties?actielijn=2")
    assert filtered.status == 200
    assert body == _get(app, "/acties?actielijn=2")[1]
    assert body != _get(url, "/acties")[1]  # the filter was applied by the application
    api, body = _get(url, "/api/indicators?limit=2")
    assert api.status == 200 and api.getheader("content-type").startswith("application/json")
    assert body == _get(app, "/api/indicators?limit=2")[1]
    # one set of security headers, the application's, on what it answers
    assert len(api.msg.get_all("content-security-policy")) == 1
    missing, body = _get(url, "/en/no-such-page")
    assert missing.status == 404 and b"<html" in body  # the application's styled page
    search, body = _get(url, "/zoeken?q=zorg")
    assert search.status == 200 and body == _get(app, "/zoeken?q=zorg")[1]


def test_a_new_load_replaces_the_site_whole(deployed, tmp_path):
    url, _app, site = deployed
    before = (site / "current").resolve()
    database = sqlite_url(tmp_path / "again.sqlite")
    output = _load(database, site)
    assert "Published the site" in output
    after = (site / "current").resolve()
    assert after != before and (after / "monitor/2021/index.html").is_file()
    response, _ = _get(url, "/monitor/2021")
    assert response.status == 200
    for _ in range(2):  # older releases go; the newest two stay
        _load(database, site)
    releases = sorted(p.name for p in (site / "releases").iterdir())
    assert len(releases) == 2 and before.name not in releases
    shutil.rmtree(tmp_path, ignore_errors=True)
