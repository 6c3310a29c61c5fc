"""Search on the bundled monitor: words, not parts of words; the same word in another form
(Snowball stems); and result pages in the page's language only (tests/language.py)."""
from __future__ import annotations

import re

import pytest
import snowballstemmer

from language import foreign_blocks, html_blocks
from test_bundled_language import content_names
from test_web import client_and_editions

pytestmark = pytest.mark.bundled

QUERIES = {"nl": ["wonen", "mantelzorgers", "zorg", "ouderen", "dementie", "eenzaamheid",
                  "amsterdam", "woningen"],
           "en": ["housing", "carers", "care", "older people", "dementia", "loneliness",
                  "amsterdam", "homes"]}
SEARCH = {"nl": "/zoeken", "en": "/en/search"}


@pytest.fixture(scope="module")
def site(bundled_site):
    return client_and_editions(bundled_site)[0], content_names(bundled_site)


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>([^<]*)</mark>", html)


def test_a_word_is_not_found_inside_another_word(site):
    client, _names = site
    html = client.get(SEARCH["nl"], params={"q": "wonen"}).text
    found = marks(html)
    assert found, "nothing found for wonen"
    # every match is one word that begins with "wonen" or has its Dutch stem ("woon")
    dutch = snowballstemmer.stemmer("dutch")
    assert all(re.fullmatch(r"\w+", w) and (w.lower().startswith("wonen") or
                                            dutch.stemWord(w.lower()) == "woon")
               for w in found), found
    assert "thuiswonende" not in " ".join(found).lower()
    # the WOZO action on oral health names only "thuiswonende" ouderen
    assert "Mondgezondheid voor thuiswonende" not in html


def test_another_form_of_a_word_is_found(site):
    client, _names = site
    found = [w.lower() for w in marks(client.get(SEARCH["nl"],
                                                 params={"q": "mantelzorgers"}).text)]
    assert "mantelzorger" in found
    assert "mantelzorg" not in found  # a stem of its own: the care, not the carer
    found = [w.lower() for w in marks(client.get(SEARCH["en"], params={"q": "carer"}).text)]
    assert "carers" in found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_result_pages_are_in_their_language(site, lang):
    client, names = site
    problems = []
    for q in QUERIES[lang]:
        html = client.get(SEARCH[lang], params={"q": q}).text
        assert "<mark>" in html, q
        problems += [f"{q}: {b[:160]!r}" for b in foreign_blocks(html_blocks(html, lang), lang,
                                                                   names)]
    assert not problems, "\n".join(problems[:40])
