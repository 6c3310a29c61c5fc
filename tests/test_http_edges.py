"""HTTP at its edges: no redirect built from the Host header, 414 and 431 for an address or
headers larger than any page needs, and uvicorn set up so that such requests reach the
application (and X-Forwarded-For is not trusted by default)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.http import MAX_HEADERS, MAX_TARGET, SERVER_HEADER_BYTES


def test_the_data_folder_redirect_ignores_the_host_header(fixture_site):
    client = TestClient(create_app(fixture_site), follow_redirects=False)
    answer = client.get("/data", headers={"Host": "evil.example"})
    assert answer.status_code == 308 and answer.headers["location"] == "/data/"
    # no other address is redirected to one built from the Host header either
    answer = client.get("/monitor/2021/", headers={"Host": "evil.example"})
    assert "evil.example" not in answer.headers.get("location", "")


def test_an_address_or_headers_too_large_are_answered_414_and_431(fixture_site):
    client = TestClient(create_app(fixture_site))
    long = client.get("/zoeken", params={"q": "z" * 60_000})
    assert long.status_code == 414 and str(MAX_TARGET) in long.text
    big = client.get("/", headers={"X-Big": "h" * 1_000_000})
    assert big.status_code == 431 and str(MAX_HEADERS) in big.text
    assert client.get("/zoeken", params={"q": "zorg"}).status_code == 200


def test_the_server_holds_headers_up_to_a_bound_and_trusts_no_proxy_by_default():
    from langerthuis.cli import server_options
    from langerthuis.config import load_settings
    options = server_options(load_settings({}))
    assert options["http"] == "h11"
    assert options["h11_max_incomplete_event_size"] == SERVER_HEADER_BYTES > 1_000_000
    assert options["proxy_headers"] is False


def test_preview_pages_link_to_the_previews_chart_downloads(tmp_path):
    import re

    from langerthuis.content import check_content
    from langerthuis.editing import apply_figures, create_draft
    from langerthuis.store import load_content, make_engine

    from conftest import FIXTURE_CONTENT
    from test_editor_workflow import person
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    create_draft(engine, "lt", 2022, "editor@example.nl")
    apply_figures(engine, "lt-2022", b"indicator,value\nquality-of-life,72\n", "f.csv",
                  "editor@example.nl")
    site = (create_app(url), engine)
    editor, _csrf = person(site, "editor")
    for page, prefix in (("/beheer/voorbeeld/2022/indicator/quality-of-life",
                          "/beheer/voorbeeld/grafiek/"),
                         ("/en/manage/preview/2022/indicator/quality-of-life",
                          "/en/manage/preview/chart/")):
        html = editor.get(page).text
        links = [link for link in re.findall(r'href="([^"]*\.(?:svg|png|csv))"', html)
                 if not link.startswith(("/static/", "/data/"))]  # charts only
        assert links and [x for x in links if not x.startswith(prefix)] == [], links
        for link in links:
            assert editor.get(link).status_code == 200, link
    engine.dispose()
