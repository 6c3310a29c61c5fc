"""The open data's metadata comes from the content (catalogue.yaml and the editions): the
API's /api/dataset, the Data Package (licences and sources per resource), the downloads'
licence and the DCAT-AP-DONL catalogue. On the fixture content."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.errors import ContentError
from langerthuis.store import load_content, make_engine
from langerthuis.config import sqlite_url
from conftest import edit_yaml


@pytest.fixture(scope="module")
def client(fixture_database):
    url, _engine = fixture_database
    return TestClient(create_app(url))


def test_the_api_says_what_the_content_covers(client):
    data = client.get("/api/dataset").json()["data"]
    assert data["title"] == "Monitor Langer Thuis (testgegevens)"
    assert data["publisher"] == "Rijksinstituut voor Volksgezondheid en Milieu"
    assert [e["year"] for e in data["programmes"][0]["editions"]] == [2019, 2020, 2021]
    assert data["coverage"] == "Langer Thuis 2018-2021 (edities 2019, 2020, 2021)"
    assert data["coverage_en"] == "Living at Home Longer 2018-2021 (editions 2019, 2020, 2021)"
    assert (data["first_year"], data["last_year"]) == (2018, 2021)
    assert data["issued"] == "2019-07-02"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "2019-2021" not in client.get("/api/openapi.json").json()["info"]["description"]


def test_the_data_package_names_licence_and_sources_per_resource(client):
    package = client.get("/data/datapackage.json").json()
    assert package["name"] == "monitor-fixture"
    assert "2018-2021" in package["title"]
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path":
                                    "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International "
                                             "(CC BY 4.0)"}]
    resources = {r["name"]: r for r in package["resources"]}
    assert [s["title"] for s in resources["key-figures"]["sources"]] == [
        "Rijksinstituut voor Volksgezondheid en Milieu, RIVM, Monitor Langer Thuis 2019, "
        "2020 en 2021"]
    plan = resources["actions"]["sources"]
    assert len(plan) == 1 and plan[0]["licenses"][0]["name"] == "CC0-1.0"
    assert all(r["licenses"][0]["name"] == "CC-BY-4.0" for r in package["resources"])


def test_the_downloads_licence_comes_from_the_content(client):
    response = client.get("/data/key-figures.csv")
    assert response.headers["x-licence"] == (
        "Creative Commons Attribution 4.0 International (CC BY 4.0); source RIVM, "
        "Monitor Langer Thuis (testgegevens)")
    text = client.get("/data/LICENSE.txt").text
    assert "Plan van Aanpak Langer Thuis 2018-2021" in text and "CC0 1.0" in text


def test_a_catalogue_with_an_unknown_publisher_is_refused(content_dir):
    edit_yaml(content_dir / "catalogue.yaml",
              lambda d: d["catalogue"].update(publisher="rivn", licence="cc-by"))
    with pytest.raises(ContentError) as found:
        check_content(content_dir)
    text = str(found.value)
    assert "catalogue.yaml" in text and "unknown organisation 'rivn'; did you mean 'rivm'" \
        in text and "unknown licence 'cc-by'" in text


def test_without_a_catalogue_the_downloads_say_no_licence_is_stated(content_dir, tmp_path):
    (content_dir / "catalogue.yaml").unlink()
    url = sqlite_url(tmp_path / "bare.sqlite")
    load_content(make_engine(url), check_content(content_dir))
    client = TestClient(create_app(url))
    assert "states no licence" in client.get("/data/LICENSE.txt").text
    assert "x-licence" not in client.get("/data/key-figures.csv").headers
    assert client.get("/api/dataset").status_code == 404
    assert "licenses" not in json.loads(client.get("/data/datapackage.json").text)
