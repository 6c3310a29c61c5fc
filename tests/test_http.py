"""What every response shares: HEAD wherever GET is, validators and conditional requests,
compression, security headers, links that never come from the Host header, and styled
error pages in the language of the address for every path the site does not have."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.store import load_content


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from langerthuis.config import sqlite_url
    from langerthuis.store import make_engine
    url = sqlite_url(tmp_path_factory.mktemp("http") / "http.sqlite")
    load_content(make_engine(url), check_content(FIXTURE_CONTENT))
    return TestClient(create_app(url))


@pytest.mark.parametrize("path", ["/monitor/2021", "/en/indicator/quality-of-life",
                                  "/api/indicators", "/data/key-figures.csv",
                                  "/static/style.css", "/zoeken?q=zorg"])
def test_head_answers_wherever_get_does(client, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


@pytest.mark.parametrize("path", ["/monitor/2021", "/api/editions/lt-2021"])
def test_conditional_requests_with_strong_weak_and_any_tags(client, path):
    response = client.get(path)
    etag = response.headers["etag"]
    assert response.headers["cache-control"] == "public, max-age=300"
    for tag in (etag, f"W/{etag}", "*", f'"other", {etag}'):
        again = client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"", tag
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_links_never_come_from_the_host_header(client, monkeypatch):
    body = client.get("/api/indicators?limit=1", headers={"Host": "evil.example"}).json()
    assert body["links"]["next"] == "/api/indicators?limit=1&offset=1"
    assert "evil" not in str(body)
    monkeypatch.setenv("LANGERTHUIS_BASE_URL", "https://monitor.example.nl/")
    body = client.get("/api/indicators?limit=1", headers={"Host": "evil.example"}).json()
    assert body["links"]["self"] == "https://monitor.example.nl/api/indicators?limit=1"


def test_security_headers_and_compression(client):
    response = client.get("/monitor/2021", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp  # the site runs no script
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    for path in ("/api/indicators", "/data/monitor.json", "/nothing"):
        assert client.get(path).headers["x-content-type-options"] == "nosniff", path


def test_the_html_report_may_use_its_inline_stylesheet(client):
    response = client.get("/rapport/2021.html")
    assert response.status_code == 200 and "<style>" in response.text
    assert "style-src 'unsafe-inline'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path, status, text", [
    ("/monitor/abc", 404, "Pagina niet gevonden"),
    ("/monitor/99999999999999999999", 404, "Er is geen editie 99999999"),
    ("/en/monitor/1999", 404, "There is no edition 1999; the editions are 2019, 2020, 2021."),
    ("/indicator/nope", 404, "Er is geen indicator nope."),
    ("/beschouwing/2018", 404, "Er is geen editie 2018"),
    ("/kaart?jaar=abc", 400, "Het jaar moet een getal zijn"),
    ("/en/actions?action_line=9", 404, "There is no action line 9."),
    ("/acties?trekker=nobody", 404, "Geen actie heeft nobody als trekker."),
    ("/rapport/99999999999999999999.pdf", 404, "Er is geen rapport van 99999999."),
    ("/en/report/2021.doc", 404, "The report exists as pdf and as html."),
    ("/data/nothing.csv", 404, "Pagina niet gevonden"),
    ("/nothing/at/all", 404, "Pagina niet gevonden"),
    ("/en/nothing", 404, "Page not found"),
])
def test_styled_errors_in_the_language_of_the_address(client, path, status, text):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text and '<html lang="' in response.text
    assert response.headers["cache-control"] == "no-store"


def test_api_errors_keep_the_api_format(client):
    for path in ("/api/nothing", "/api/indicators?limit=abc"):
        body = client.get(path).json()
        assert body["error"]["status"] in (400, 404) and body["error"]["message"]


def test_a_message_never_echoes_a_long_or_marked_up_value(client):
    response = client.get("/acties?trekker=" + "<b>x</b>" * 20)
    assert response.status_code == 404
    assert "<b>x</b>" not in response.text and "&lt;b&gt;" in response.text
    assert "…" in response.text


def test_pages_describe_themselves(client):
    html = client.get("/en/monitor/2021").text
    assert '<meta name="description" content="How the Dutch programme' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert client.get("/static/favicon.svg").status_code == 200
    about = client.get("/over").text
    assert "Colofon" in about and "Laatst bijgewerkt" in about and "CC BY 4.0" in about


def test_serve_refuses_a_database_without_the_current_schema(tmp_path):
    from click.testing import CliRunner

    from langerthuis.cli import main
    result = CliRunner().invoke(main, ["serve", "--database",
                                       f"sqlite:///{tmp_path / 'empty.sqlite'}"])
    assert result.exit_code == 2 and "run `langerthuis load`" in result.stderr
