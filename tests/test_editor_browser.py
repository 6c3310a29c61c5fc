"""The editing workflow in a real browser (Debian's chromium driven by Playwright): an
editor starts a new edition, a partner uploads a file with errors, sees the report, fixes
it and uploads again, the editor previews, the publisher publishes, the public site shows
it, and a revision follows with its reason. Every editor page passes axe; sign-in works by
keyboard alone. Screenshots are kept in test-artifacts/."""
from __future__ import annotations

import os

import pytest

from conftest import FIXTURE_CONTENT, check_with_axe
from langerthuis.accounts import add_account
from langerthuis.config import CHECKOUT, sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from langerthuis.web.local import local_server

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password"
ARTIFACTS = CHECKOUT / "test-artifacts" / "editor"


@pytest.fixture
def editing_site(browser, tmp_path):
    url = sqlite_url(tmp_path / "editing.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    for role, org in (("editor", None), ("partner", "rivm"), ("publisher", None),
                      ("administrator", None)):
        add_account(engine, f"{role}@example.nl", role, PASSWORD, organisation=org)
    add_account(engine, "carers@example.nl", "partner", PASSWORD, organisation="mantelzorgnl")
    engine.dispose()
    env = {**os.environ, "LANGERTHUIS_SECURE_COOKIES": "0", "LANGERTHUIS_PREBUILD_REPORTS": "0"}
    with local_server(["langerthuis.cli", "serve", "--port", "{port}", "--database", url],
                      "/beheer/inloggen", env=env) as base:
        yield base


def sign_in(browser, base: str, role: str, address: str | None = None):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base + "/beheer/inloggen")
    page.get_by_label("E-mailadres").fill(address or f"{role}@example.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base + "/beheer")
    return page


def start_draft(editor, base: str, organisation: str, indicator: str) -> None:
    """On the editions page: start the draft of 2022 and assign `indicator` to a partner."""
    editor.get_by_label("Jaar").fill("2022")
    editor.get_by_role("button", name="Concept maken").click()
    editor.wait_for_url(base + "/beheer/edities/lt-2022")
    editor.get_by_label("Organisatie").select_option(organisation)
    editor.get_by_label("Indicator", exact=True).select_option(indicator)
    editor.get_by_role("button", name="Toewijzen").click()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, label in ((1366, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_new_edition_from_draft_to_published(browser, editing_site, tmp_path):
    base = editing_site
    editor = sign_in(browser, base, "editor")
    check_with_axe(editor)
    editor.get_by_role("link", name="Edities").first.click()
    start_draft(editor, base, "rivm", "quality-of-life")
    check_with_axe(editor)
    shot(editor, "edition-draft")

    partner = sign_in(browser, base, "partner")
    partner.goto(base + "/beheer/edities/lt-2022")
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("indicator,value,n\nquality-of-life,170,many\n", encoding="utf-8")
    good.write_text("indicator,value,reference_period,n\nquality-of-life,71,2022,3300\n",
                    encoding="utf-8")
    partner.get_by_label("Bestand (CSV of Excel)", exact=True).set_input_files(str(bad))
    partner.get_by_role("button", name="Uploaden", exact=True).click()
    report = partner.get_by_role("table", name="Problemen in het bestand")
    assert "170 kan hier niet" in report.inner_text()
    assert "'many' is geen geheel aantal" in report.inner_text()
    check_with_axe(partner)
    shot(partner, "upload-report")
    partner.get_by_label("Bestand (CSV of Excel)", exact=True).set_input_files(str(good))
    partner.get_by_role("button", name="Uploaden", exact=True).click()
    assert "1 cijfer opgeslagen" in partner.get_by_role("status").inner_text()
    # Then the table that breaks the figure down, made from the previous edition's table.
    table = tmp_path / "table.csv"
    table.write_text("table,mark_band,value,title,title_en\nquality-of-life-2022-table-2,1-4,"
                     "3.1,Rapportcijfers 2022,Marks 2022\n,5-6,27.4,,\n,7-10,69.5,,\n",
                     encoding="utf-8")
    partner.get_by_label("Bestand met een tabel").set_input_files(str(table))
    partner.get_by_role("button", name="Tabel uploaden").click()
    assert "3 rijen opgeslagen" in partner.get_by_role("status").inner_text()
    assert "Rapportcijfers 2022" in partner.get_by_role("table", name="Tabellen van deze "
                                                        "editie").inner_text()
    check_with_axe(partner)

    editor.goto(base + "/beheer/voorbeeld/2022/indicator/quality-of-life")
    assert "71%" in editor.inner_text("main")
    assert "Voorbeeld" in editor.inner_text("main")
    public = browser.new_page()
    assert public.goto(base + "/monitor/2022").status == 404

    publisher = sign_in(browser, base, "publisher")
    publisher.goto(base + "/beheer/edities/lt-2022")
    publisher.get_by_role("button", name="Deze editie publiceren").click()
    assert "gepubliceerd" in publisher.get_by_role("status").inner_text()
    assert public.goto(base + "/monitor/2022").status == 200

    editor.goto(base + "/beheer/herzien?figure=quality-of-life-2022")
    editor.get_by_label("Nieuwe waarde").fill("73")
    editor.get_by_label("Reden (zichtbaar voor lezers)").fill("Final weighting of the panel.")
    editor.get_by_role("button", name="Herzien", exact=True).click()
    assert "herzien" in editor.get_by_role("status").inner_text()
    check_with_axe(editor)
    shot(editor, "revision")
    public.goto(base + "/indicator/quality-of-life?editie=2022")
    assert "73%" in public.inner_text("main")
    assert "Rapportcijfers 2022" in public.inner_text("main")


def test_a_partner_delivers_stories_and_progress(browser, editing_site, tmp_path):
    base = editing_site
    editor = sign_in(browser, base, "editor")
    editor.goto(base + "/beheer/edities")
    start_draft(editor, base, "mantelzorgnl", "carer-stories")

    partner = sign_in(browser, base, "partner", "carers@example.nl")
    partner.goto(base + "/beheer/edities/lt-2022")
    with partner.expect_download() as download:
        partner.get_by_role("link", name="Sjabloon als CSV (verhalen)").click()
    assert download.value.suggested_filename == "lt-2022-stories.csv"
    stories, progress = tmp_path / "verhalen.csv", tmp_path / "voortgang.csv"
    stories.write_text("indicator,title,summary,person_name,person_age\n"
                       "carer-stories,Het verhaal van Bea,Bea <b>vertelt</b>.,Bea,oud\n",
                       encoding="utf-8")
    partner.get_by_label("Bestand met verhalen (CSV of Excel)").set_input_files(str(stories))
    partner.get_by_role("button", name="Verhalen uploaden").click()
    report = partner.get_by_role("table", name="Problemen in het bestand")
    assert "Hier staat opmaakcode in (<b>)" in report.inner_text()
    assert "'oud' is geen geheel getal" in report.inner_text()
    check_with_axe(partner)
    shot(partner, "stories-report")
    stories.write_text("indicator,title,summary,person_name,person_age,title_en,summary_en\n"
                       "carer-stories,Het verhaal van Bea,Bea vertelt.,Bea,81,Bea's story,"
                       "Bea tells.\n",
                       encoding="utf-8")
    partner.get_by_label("Bestand met verhalen (CSV of Excel)").set_input_files(str(stories))
    partner.get_by_role("button", name="Verhalen uploaden").click()
    assert "1 gegeven opgeslagen" in partner.get_by_role("status").inner_text()
    assert "Het verhaal van Bea" in partner.get_by_role(
        "table", name="Aangeleverd voor deze editie: verhalen").inner_text()

    progress.write_text("action,date,date_precision,status,summary,summary_en,source\n"
                        "lt-action-2,2022-06-15,month,on_schedule,Loopt.,Running.,monitor-2019\n",
                        encoding="utf-8")
    upload = partner.get_by_label("Bestand met voortgang van acties (CSV of Excel)")
    upload.set_input_files(str(progress))
    partner.get_by_role("button", name="Voortgang van acties uploaden").click()
    report = partner.get_by_role("table", name="Problemen in het bestand").inner_text()
    assert "2022-06-15 is niet de laatste dag van de periode (month); schrijf 2022-06-30" \
        in report
    progress.write_text("action,date,date_precision,status,summary,summary_en,source\n"
                        "lt-action-2,2022-06-30,month,on_schedule,Loopt.,Running.,monitor-2019\n",
                        encoding="utf-8")
    partner.get_by_label("Bestand met voortgang van acties (CSV of Excel)").set_input_files(
        str(progress))
    partner.get_by_role("button", name="Voortgang van acties uploaden").click()
    assert "1 gegeven opgeslagen" in partner.get_by_role("status").inner_text()
    check_with_axe(partner)
    shot(partner, "stories-progress-delivered")
    partner.get_by_role("link", name="English").click()
    partner.wait_for_url(base + "/en/manage/editions/lt-2022")
    assert "Upload stories" in partner.inner_text("main")
    check_with_axe(partner)

    editor.goto(base + "/beheer/voorbeeld/2022/indicator/carer-stories")
    assert "Het verhaal van Bea" in editor.inner_text("main")
    public = browser.new_page()
    public.goto(base + "/indicator/carer-stories")
    assert "Het verhaal van Bea" not in public.inner_text("main")


def test_editor_pages_pass_axe_in_both_languages(browser, editing_site):
    admin = sign_in(browser, editing_site, "administrator")
    for path in ("/beheer", "/beheer/accounts", "/beheer/tokens", "/beheer/logboek",
                 "/beheer/edities", "/beheer/edities/lt-2021", "/beheer/herzien?figure=qol-2021",
                 "/en/manage", "/en/manage/accounts", "/en/manage/editions"):
        admin.goto(editing_site + path)
        check_with_axe(admin)
    shot(admin, "accounts")


def test_sign_in_by_keyboard(browser, editing_site):
    page = browser.new_page()
    page.goto(editing_site + "/beheer/inloggen")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")  # other language
    page.keyboard.press("Tab")
    page.keyboard.type("editor@example.nl")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(editing_site + "/beheer")
    assert "Ingelogd als editor@example.nl" in page.inner_text("main")
