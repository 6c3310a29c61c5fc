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


# The shapes of DCAT-AP-DONL 2.0, built from the specification (data.overheid.nl's
# DCAT-AP-DONL 2.0, the property tables of Catalogus, Dataset and Distributie: each
# property with cardinality 1..1 or 1..* there is a sh:minCount 1 here, with the range it
# gives). No package on PyPI or npm ships the profile's SHACL file, so the test holds them.
DONL_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix donl: <urn:test:donl-shapes#> .

donl:Catalog a sh:NodeShape ; sh:targetClass dcat:Catalog ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:publisher ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Agent ] ;
  sh:property [ sh:path dct:creator ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path dcat:contactPoint ; sh:minCount 1 ; sh:node donl:Contact ] ;
  sh:property [ sh:path foaf:homepage ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:dataset ; sh:class dcat:Dataset ] .

donl:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:identifier ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:language ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:publisher ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Agent ] ;
  sh:property [ sh:path dct:creator ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path dcat:contactPoint ; sh:minCount 1 ; sh:maxCount 1 ; sh:node donl:Contact ] ;
  sh:property [ sh:path dcat:theme ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:license ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path adms:status ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:distribution ; sh:minCount 1 ; sh:class dcat:Distribution ] ;
  sh:property [ sh:path dct:issued ; sh:maxCount 1 ; sh:datatype xsd:date ] ;
  sh:property [ sh:path dct:modified ; sh:maxCount 1 ; sh:datatype xsd:date ] ;
  sh:property [ sh:path dct:temporal ; sh:maxCount 1 ; sh:class dct:PeriodOfTime ] ;
  sh:property [ sh:path dcat:keyword ; sh:nodeKind sh:Literal ] .

donl:Distribution a sh:NodeShape ; sh:targetClass dcat:Distribution ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:property [ sh:path dct:license ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:format ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:downloadURL ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:mediaType ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] .

donl:Contact a sh:NodeShape ;
  sh:property [ sh:path vcard:fn ; sh:minCount 1 ; sh:nodeKind sh:Literal ] ;
  sh:or ( [ sh:path vcard:hasEmail ; sh:minCount 1 ] [ sh:path vcard:hasURL ; sh:minCount 1 ] ) .
"""


def donl_report(document: dict) -> tuple[bool, str]:
    from pyshacl import validate
    from rdflib import Graph
    data = Graph().parse(data=json.dumps(document), format="json-ld",
                         publicID="https://monitor.example/data/catalog.jsonld")
    shapes = Graph().parse(data=DONL_SHAPES, format="turtle")
    conforms, _graph, text = validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


def test_the_catalogue_conforms_to_dcat_ap_donl(client):
    response = client.get("/data/catalog.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    conforms, text = donl_report(document)
    assert conforms, text
    dataset = document["dcat:dataset"][0]
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == "2018-01-01"
    assert dataset["dct:temporal"]["dcat:endDate"]["@value"] == "2021-12-31"
    assert dataset["dct:issued"]["@value"] == "2019-07-02"
    paths = {d["@id"] for d in dataset["dcat:distribution"]}
    assert {"/data/key-figures.csv", "/data/monitor.xlsx", "/data/datapackage.json"} <= paths
    assert all(d["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
               for d in dataset["dcat:distribution"])


@pytest.mark.parametrize("remove", [
    ("dataset", "dcat:contactPoint"), ("dataset", "dcat:theme"), ("dataset", "dct:license"),
    ("distribution", "dct:license"), ("distribution", "dct:format"),
    ("catalogue", "foaf:homepage")])
def test_the_shapes_refuse_a_catalogue_without_a_mandatory_property(client, remove):
    document = client.get("/data/catalog.jsonld").json()
    where, key = remove
    node = {"catalogue": document, "dataset": document["dcat:dataset"][0],
            "distribution": document["dcat:dataset"][0]["dcat:distribution"][0]}[where]
    del node[key]
    conforms, text = donl_report(document)
    assert not conforms and "MinCountConstraintComponent" in text
    assert f"->{key}" in text
