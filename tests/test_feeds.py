"""The Atom feeds of what changed and the "what changed" page of each edition: read with
feedparser as a feed reader does, checked for what RFC 4287 requires, and followed through
a whole editing workflow (a delivery, a publication and a revision made in the editor)."""
from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine

from conftest import FIXTURE_CONTENT
from test_editor_workflow import hidden, person


def parsed(client: TestClient, path: str):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content, response_headers={
        "content-type": response.headers["content-type"],
        "content-location": f"https://monitor.example{path}"})
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def assert_valid_atom(feed) -> None:
    """What RFC 4287 requires of a feed and of each entry."""
    assert feed.version == "atom10"
    f = feed.feed
    assert f.id.startswith("tag:") and f.title and f.updated_parsed and f.author
    assert any(link.rel == "self" for link in f.links)
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))
    for e in feed.entries:
        assert e.id.startswith("tag:") and e.title and e.updated_parsed and e.summary
        assert e.link


@pytest.fixture(scope="module")
def client(fixture_database):
    return TestClient(create_app(fixture_database[0]))


@pytest.mark.parametrize("path", ["/feed.xml", "/en/feed.xml", "/programma/lt/feed.xml",
                                  "/en/programme/lt/feed.xml"])
def test_the_feeds_are_valid_atom(client, path):
    feed = parsed(client, path)
    assert_valid_atom(feed)
    titles = [e.title for e in feed.entries]
    edition = "Edition published" if path.startswith("/en") else "Editie gepubliceerd"
    assert titles[:2] == [f"{edition}: Monitor Langer Thuis {y}" for y in (2020, 2019)]
    assert feed.entries[0].link == ("https://monitor.example/en/monitor/2020"
                                    if path.startswith("/en") else
                                    "https://monitor.example/monitor/2020")


def test_a_programme_it_does_not_have_has_no_feed(client):
    response = client.get("/programma/onbekend/feed.xml")
    assert response.status_code == 404 and "Er is geen programma onbekend." in response.text


def test_the_what_changed_page_of_an_edition(client):
    page = client.get("/wat-is-er-veranderd/2020").text
    assert "<h1>Wat is er veranderd: Monitor Langer Thuis 2020</h1>" in page
    assert "De editie Monitor Langer Thuis 2020 is gepubliceerd op 3 juli 2020." in page
    assert 'href="/programma/lt/feed.xml"' in page
    english = client.get("/en/what-changed/2020").text
    assert "What changed: Monitor Langer Thuis 2020" in english and 'lang="en"' in english
    assert client.get("/wat-is-er-veranderd/1999").status_code == 404
    # An edition whose content gives no publication date is listed without one.
    assert "de datum kent de monitor niet" in client.get("/wat-is-er-veranderd/2021").text


@pytest.fixture
def site(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    yield create_app(url), engine
    engine.dispose()


def test_a_delivery_publication_and_revision_in_the_editor_appear_in_feed_and_page(site):
    public = TestClient(site[0])
    editor, editor_csrf = person(site, "editor")
    publisher, publisher_csrf = person(site, "publisher")
    assert editor.post("/beheer/edities", data={"programme": "lt", "year": "2022",
                                                "csrf": editor_csrf}).status_code == 303
    good = b"indicator,value,reference_period,n\nquality-of-life,71,2022,3300\n"
    assert editor.post("/beheer/edities/lt-2022/aanleveren", data={"csrf": editor_csrf},
                       files={"file": ("figures.csv", good, "text/csv")}).status_code == 303
    # Before publication the feed says nothing of the draft.
    assert "2022" not in public.get("/feed.xml").text
    assert publisher.post("/beheer/edities/lt-2022/publiceren",
                          data={"csrf": publisher_csrf}).status_code == 303
    form = editor.get("/beheer/herzien", params={"figure": "quality-of-life-2022"})
    data = {"figure": "quality-of-life-2022", "value": "73",
            "expected": hidden(form.text, "expected"), "reason": "Definitieve weging.",
            "csrf": editor_csrf}
    assert editor.post("/beheer/herzien", data=data).status_code == 303

    feed = parsed(public, "/feed.xml")
    assert_valid_atom(feed)
    today = dt.date.today()
    kinds = [(e.tags[0].term, e.title) for e in feed.entries[:3]]
    assert ("revision", "Cijfer herzien: Het percentage 75-plussers met een goede kwaliteit van leven") in kinds
    assert ("edition", "Editie gepubliceerd: Monitor Langer Thuis 2022") in kinds
    assert ("delivery", "Aanlevering gepubliceerd: 1 cijfer voor Monitor Langer Thuis 2022") \
        in kinds
    [revision] = [e for e in feed.entries if e.tags[0].term == "revision"]
    assert "van 71% naar 73%" in revision.summary and "Definitieve weging." in revision.summary
    assert revision.updated_parsed[:3] == today.timetuple()[:3]
    assert revision.link == "https://monitor.example/indicator/quality-of-life"

    page = public.get("/wat-is-er-veranderd/2022").text
    assert "Cijfer herzien: Het percentage 75-plussers met een goede kwaliteit van leven" in page
    assert "<dt>Oude waarde</dt><dd>71%</dd>" in page and "<dd>73%</dd>" in page
    assert "Definitieve weging." in page
    assert "1 cijfer aangeleverd op" in page
    english = parsed(public, "/en/feed.xml")
    assert any(e.title.startswith("Figure revised:") and "from 71% to 73%" in e.summary
               for e in english.entries)
