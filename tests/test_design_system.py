"""The site follows NL Design System conventions: the design tokens live in one file under a
theme class on the root element; the style sheets choose no colour of their own but use
tokens, and every token they use is defined; the text and background pairs of the tokens keep
WCAG 2.1 AA contrast; every page carries the theme class and starts with the skip link; the
accessibility statement is one click from every page, in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.config import CHECKOUT

STATIC = CHECKOUT / "src" / "langerthuis" / "web" / "static"
EDITOR_STATIC = CHECKOUT / "src" / "langerthuis" / "editor" / "static"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
TOKEN = re.compile(r"(--[a-z0-9-]+)\s*:\s*([^;]+);")
USED = re.compile(r"var\((--[a-z0-9-]+)")


def tokens() -> dict[str, str]:
    """Token -> its value, with references to other tokens resolved."""
    css = (STATIC / "tokens.css").read_text(encoding="utf-8")
    raw = dict(TOKEN.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)))

    def resolve(value: str, depth: int = 0) -> str:
        assert depth < 10, f"tokens refer to each other in a circle: {value}"
        reference = re.fullmatch(r"var\((--[a-z0-9-]+)\)", value.strip())
        return resolve(raw[reference.group(1)], depth + 1) if reference else value.strip()
    return {name: resolve(value) for name, value in raw.items()}


def _sheets() -> list[Path]:
    return [STATIC / "style.css", *sorted(EDITOR_STATIC.glob("*.css"))]


def test_token_names_follow_the_conventions_and_sit_under_the_theme_class():
    css = (STATIC / "tokens.css").read_text(encoding="utf-8")
    assert re.search(r"^\.langerthuis-theme\s*\{", css, re.M)
    assert ":root" not in css
    names = tokens()
    assert len(names) > 50
    wrong = [n for n in names if not re.match(r"--(basis|nl|utrecht|langerthuis)-[a-z0-9-]+$", n)]
    assert wrong == []


@pytest.mark.parametrize("sheet", _sheets(), ids=lambda p: p.name)
def test_style_sheets_use_tokens_and_choose_no_colour_of_their_own(sheet):
    css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    defined = set(tokens())
    assert COLOUR.findall(css) == [], f"{sheet.name} has colour values: use a token"
    assert not TOKEN.search(css), f"{sheet.name} defines custom properties: tokens.css does"
    assert sorted(set(USED.findall(css)) - defined) == []


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: (text token, background token, minimum ratio): normal text 4.5, focus outline 3.
PAIRS = [
    ("--nl-paragraph-color", "--basis-color-default-bg-document", 4.5),
    ("--basis-color-default-color-subtle", "--basis-color-default-bg-document", 4.5),
    ("--basis-color-default-color-subtle", "--basis-color-default-bg-subtle", 4.5),
    ("--nl-link-color", "--basis-color-default-bg-document", 4.5),
    ("--nl-link-color", "--basis-color-default-bg-subtle", 4.5),
    ("--nl-link-hover-color", "--basis-color-default-bg-document", 4.5),
    ("--utrecht-page-header-color", "--utrecht-page-header-background-color", 4.5),
    ("--nl-skip-link-color", "--nl-skip-link-background-color", 4.5),
    ("--nl-button-primary-color", "--nl-button-primary-background-color", 4.5),
    ("--nl-button-primary-color", "--nl-button-primary-hover-background-color", 4.5),
    ("--nl-mark-color", "--nl-mark-background-color", 4.5),
    ("--nl-data-badge-color", "--nl-data-badge-background-color", 4.5),
    ("--utrecht-page-footer-color", "--basis-color-default-bg-document", 4.5),
    ("--langerthuis-change-desired-color", "--basis-color-default-bg-document", 4.5),
    ("--langerthuis-change-undesired-color", "--basis-color-default-bg-document", 4.5),
    ("--langerthuis-kind-process-color", "--basis-color-default-bg-document", 4.5),
    ("--langerthuis-kind-narrative-color", "--basis-color-default-bg-document", 4.5),
    ("--langerthuis-key-figure-color", "--basis-color-default-bg-subtle", 4.5),
    ("--basis-focus-outline-color", "--utrecht-page-header-background-color", 3),
    ("--basis-focus-inverse-outline-color", "--basis-color-default-bg-document", 3),
]


@pytest.mark.parametrize("text,background,minimum", PAIRS)
def test_token_pairs_keep_aa_contrast(text, background, minimum):
    values = tokens()
    assert contrast(values[text], values[background]) >= minimum


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.fixture(scope="module")
def client(fixture_database):
    return TestClient(create_app(fixture_database[0]))


def test_every_page_has_the_theme_the_skip_link_and_the_statement(client):
    for path, statement in (("/monitor/2021", "/toegankelijkheid"),
                            ("/en/monitor/2021", "/en/accessibility"),
                            ("/indicator/does-not-exist", "/toegankelijkheid")):
        html = client.get(path).text
        assert '<html lang="' in html and 'class="langerthuis-theme"' in html
        body = html[html.index("<body"):]
        assert re.search(r"<body[^>]*>\s*<a class=\"nl-skip-link\" href=\"#inhoud\"", body)
        assert f'href="{statement}"' in html
        assert '<link rel="stylesheet" href="/static/tokens.css">' in html


def test_the_accessibility_statement_in_both_languages(client):
    nl = client.get("/toegankelijkheid")
    en = client.get("/en/accessibility")
    assert nl.status_code == en.status_code == 200
    assert "Toegankelijkheidsverklaring" in nl.text.replace("\u00ad", "") and "WCAG 2.1" in nl.text
    assert "Accessibility statement" in en.text and 'hreflang="nl"' in en.text
    assert 'href="/over#contact"' in nl.text
    about = client.get("/over").text
    assert 'id="contact"' in about and "RIVM" in about
