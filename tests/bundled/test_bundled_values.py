"""Values as printed, in the reader's language (issue 23, part 5), on the bundled monitor:
a mark reads as a mark on every dashboard card and indicator page (card 6 of 2021 is a
mark, not a number of agreements), the words with which the sources qualify a figure keep
their meaning in both languages, and no English page prints "nvt"."""
from __future__ import annotations

import html as html_lib
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from langerthuis.app import create_app
from langerthuis.formatting import format_number
from langerthuis.store.dataset import read_dataset

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def site(bundled_database):
    url, engine = bundled_database
    with Session(engine) as session:
        data = read_dataset(session)
    return data, TestClient(create_app(url))


def _text(page: str) -> str:
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _card(page: str, indicator: str) -> str:
    """The text of the dashboard card of `indicator`."""
    found = re.search(r'<a class="card" href="(?:/en)?/indicator/%s">(.*?)</a>' % indicator,
                      page, flags=re.S)
    assert found, f"no card of {indicator}"
    return _text(found.group(1))


def test_every_mark_reads_as_a_mark(site):
    data, client = site
    marks = [(e, x) for e in data.editions for x in e.entries
             if x.indicator.unit == "mark" and x.measurement and x.measurement.value is not None]
    assert marks  # indicator 6 in 2021
    for edition, entry in marks:
        value = entry.measurement.value
        for lang, word, prefix in (("nl", "rapportcijfer", ""), ("en", "mark", "/en")):
            shown = f"{word} {format_number(value, 1, lang)}"
            dashboard = client.get(f"{prefix}/monitor/{edition.year}").text
            card = _card(dashboard, entry.indicator_id)
            assert shown in card, (edition.year, lang, card)
            page = _text(client.get(f"{prefix}/indicator/{entry.indicator_id}").text)
            assert shown in page, (entry.indicator_id, lang)


def test_card_6_of_2021_says_what_the_mark_is_about(site):
    _data, client = site
    card = _card(client.get("/monitor/2021").text, "purchaser-cooperation")
    assert "rapportcijfer 6,6 waarmee inkopende partijen" in card
    assert "aantal concrete afspraken" not in card
    english = _card(client.get("/en/monitor/2021").text, "purchaser-cooperation")
    assert "mark 6.6 given by purchasing parties" in english


def test_qualifying_words_keep_their_meaning_in_both_languages(site):
    _data, client = site
    nl = _text(client.get("/indicator/quality-of-life").text)
    en = _text(client.get("/en/indicator/quality-of-life").text)
    assert "ruim 31%" in nl and "more than 31%" in en
    assert "minimumschatting" not in nl and "(lower bound)" not in en
    nl = _text(client.get("/indicator/wozo-intergenerational-amount").text)
    en = _text(client.get("/en/indicator/wozo-intergenerational-amount").text)
    assert "bijna € 1 mln" in nl and "almost € 1 million" in en
    assert "€ 1.000.000" not in nl and "€ 1,000,000" not in en
    en = _text(client.get("/en/indicator/wozo-nursing-home-places-planned").text)
    assert "more than 5,800" in en and "printed as" not in en


def test_english_pages_print_no_nvt(site):
    _data, client = site
    for year in (2019, 2020, 2021):
        text = _text(client.get(f"/en/monitor/{year}").text)
        assert not re.search(r"\bnvt\b", text), year
    assert not re.search(r"\bnvt\b", _text(client.get(
        "/en/indicator/purchaser-cooperation").text))
