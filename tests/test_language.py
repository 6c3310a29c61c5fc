"""The language checker of tests/language.py finds text in the other language, leaves names
and web addresses alone, and reads pages of the fixture site; the bundled monitor's pages
and reports are checked with it in tests/bundled/test_bundled_language.py."""
from __future__ import annotations

from fastapi.testclient import TestClient

from langerthuis.app import create_app
from language import (curation_talk, dutch_abbreviations, foreign_blocks, html_blocks,
                      in_other_language, text_blocks)


def test_a_dutch_sentence_on_an_english_page_is_found():
    assert in_other_language("Aandeel mantelzorgers dat de zorg goed kan afstemmen met "
                             "professionals van thuiszorg en wijkverpleging.", "en")
    assert in_other_language("Zorg en Welzijn", "en")  # a short label: one word is enough
    assert not in_other_language("Share of informal carers who coordinate care well with "
                                 "professionals of home care.", "en")


def test_an_english_sentence_on_a_dutch_page_is_found():
    assert in_other_language("The row '9 t/m 6' is the sum of the rows '9' and '8 t/m 6'.",
                             "nl")
    assert in_other_language("respite stay pilot on the map", "nl")
    assert not in_other_language("De rij '9 t/m 6' is de som van de rijen '9' en '8 t/m 6'.",
                                 "nl")
    assert not in_other_language("5 of minder", "nl")  # "of" is a word of both languages


def test_names_and_web_addresses_are_no_language():
    names = ["Moeder aan de Lijn", "Stimuleringsregeling E-health Thuis"]
    assert not in_other_language("Informal carers reached through awareness activities "
                                 "(Moeder aan de Lijn)", "en", names)
    assert not in_other_language("Grants under the Stimuleringsregeling E-\nhealth Thuis", "en",
                                 names)  # as pdftotext breaks it
    assert not in_other_language("https://www.rijksoverheid.nl/actueel/nieuws/2019/04/17/"
                                 "start-pilots-logeerzorg-om-mantelzorgers-te-ontlasten", "en")
    assert not in_other_language("Report. 9 December 2020. https://www.scp.nl/publicaties/ "
                                 "blijvende-bron-van-zorg", "en")


def test_blocks_of_a_page_leave_out_scripts_and_parts_marked_with_their_language():
    html = ('<html lang="en"><head><title>The monitor</title><script>var de = "het";</script>'
            '</head><body><p>Share of carers <span lang="nl">(van de mantelzorgers)</span></p>'
            '<ul><li>De zorg voor ouderen</li></ul><img alt="x"><td>Zorg en Welzijn</td>'
            '</body></html>')
    blocks = html_blocks(html, "en")
    assert "Share of carers" in blocks and "De zorg voor ouderen" in blocks
    assert not any("het" in b or "van de" in b for b in blocks)
    assert foreign_blocks(blocks, "en") == ["De zorg voor ouderen", "Zorg en Welzijn"]


def test_paragraphs_of_a_pdf_text():
    assert text_blocks("Title\n\nFirst line\nsecond line\n\n\nLast") == [
        "Title", "First line second line", "Last"]


def test_the_fixture_pages_are_read(fixture_database):
    """The checker on real pages: an indicator page in each language yields its blocks,
    and the Dutch page holds no English sentence of the checker's kind."""
    url, _ = fixture_database
    client = TestClient(create_app(url))
    nl = html_blocks(client.get("/indicator/overburdened-carers").text, "nl")
    en = html_blocks(client.get("/en/indicator/overburdened-carers").text, "en")
    assert "Het percentage overbelaste mantelzorgers" in nl
    assert "Share of informal carers who are overburdened" in en
    assert "Het percentage overbelaste mantelzorgers" not in en


def test_curation_talk_is_found():
    blocks = ["8,5% (gedrukt als --)", "65,985 hours (printed as 65.958)", "9,1%",
              "verhalen niet in onze bronnen", "Wat deze editie bevat"]
    assert curation_talk(blocks) == blocks[:2] + blocks[3:4]


def test_dutch_abbreviations_in_english_are_found_outside_names():
    blocks = ["n/a", "nvt", "02-2020 t/m 01-2021", "02-2020 to 01-2021", "€ 27 mln",
              "€ 27 million", "about 550", "ca. 550", "Cao universitair medische centra",
              "the mbt agreements"]
    assert dutch_abbreviations(blocks) == ["nvt", "02-2020 t/m 01-2021", "€ 27 mln", "ca. 550",
                                           "the mbt agreements"]
    assert dutch_abbreviations(["Venster t/m 2020 report"], ["Venster t/m 2020"]) == []


def test_the_fixture_pages_hold_no_curation_talk_and_english_no_dutch_abbreviations(
        fixture_database):
    url, _ = fixture_database
    client = TestClient(create_app(url))
    pages = {"nl": ["/monitor/2019", "/monitor/2021", "/verantwoording/2021",
                    "/indicator/elderly-care-physician-hours", "/rapport/2021.html"],
             "en": ["/en/monitor/2019", "/en/monitor/2021", "/en/methods/2021",
                    "/en/indicator/elderly-care-physician-hours", "/en/report/2021.html"]}
    for lang, addresses in pages.items():
        for address in addresses:
            blocks = html_blocks(client.get(address).text, lang)
            assert not curation_talk(blocks), address
            if lang == "en":
                assert not dutch_abbreviations(blocks), address
