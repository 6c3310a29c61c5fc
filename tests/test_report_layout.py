"""The pages of the 2021 report of the bundled monitor, in Dutch and in English, as an editor
would check them: no page whose only text is a heading; no page (except the title page, the
back page and the pages where a chapter starts) with less than a quarter of its text area
used; long tables repeat their header row; each dashboard on one page of its own; running
headers on one line; every reference a link. Every page is kept as a PNG (pdftoppm -r 40) in test-artifacts/report-2021-nl/ and
test-artifacts/report-2021-en/ to look at.

The pages are read with poppler's pdftotext (the position of every line) and pypdf (the
bookmarks, the links and the structure tree of the tagged PDF, which says what kind of
block, heading or otherwise, each piece of text belongs to)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.config import CHECKOUT
from langerthuis.i18n import translations
from langerthuis.store import make_engine

pytestmark = [pytest.mark.bundled, pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils is not installed; the test command installs it")]

MM = 72 / 25.4  # PDF points per millimetre
# The page margins of report.css (top, bottom): the running header sits above the top one.
MARGINS = {"portrait": (22 * MM, 20 * MM), "landscape": (14 * MM, 12 * MM)}
HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}
INLINE = {"/Span", "/Link", "/Lbl", "/LBody"}  # parts of a block, not blocks themselves
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def margins(self) -> tuple[float, float]:
        return MARGINS["landscape" if self.landscape else "portrait"]

    @property
    def header(self) -> tuple[Line, ...]:
        return tuple(x for x in self.lines if x.y1 < self.margins[0])

    @property
    def body(self) -> tuple[Line, ...]:
        top, bottom = self.margins
        return tuple(x for x in self.lines
                     if x.y0 >= top - 1 and x.y1 <= self.height - bottom + 1)

    @property
    def used(self) -> float:
        """The share of the text area's height that holds text, from its top."""
        top, bottom = self.margins
        lowest = max((x.y1 for x in self.body), default=top)
        return (lowest - top) / (self.height - top - bottom)


@dataclass(frozen=True)
class Report:
    lang: str
    pages: tuple[Page, ...]
    blocks: dict[int, set[str]]  # page number -> the kinds of block with text on it
    outline: tuple[tuple[int, str, int], ...]  # (level, title, page number)
    links: frozenset[str]  # every web address the PDF links to

    def chapter_starts(self) -> set[int]:
        return {page for level, _, page in self.outline if level == 1}


def read_pages(pdf: Path) -> tuple[Page, ...]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    pages = []
    for number, page in enumerate(ET.fromstring(xml).iter(f"{XHTML}page"), 1):
        lines = tuple(
            Line(" ".join(w.text or "" for w in line.iter(f"{XHTML}word")),
                 *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for line in page.iter(f"{XHTML}line"))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return tuple(pages)


def read_blocks(reader: PdfReader) -> dict[int, set[str]]:
    """Per page, the structure types (H2, P, TD, Figure, ...) of the blocks whose marked
    content stands on it; running headers and page numbers are artifacts, not blocks."""
    numbers = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    blocks: dict[int, set[str]] = defaultdict(set)

    def walk(node, page, block) -> None:
        node = node.get_object()
        page = node.get("/Pg", page)
        kind = str(node.get("/S"))
        block = block if kind in INLINE else kind
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            kid = kid.get_object()
            if isinstance(kid, int):  # marked content on `page`
                blocks[numbers[page.idnum]].add(block)
            elif kid.get("/Type") == "/MCR":
                blocks[numbers[kid.get("/Pg", page).idnum]].add(block)
            elif kid.get("/Type") != "/OBJR":
                walk(kid, page, block)
    walk(reader.trailer["/Root"]["/StructTreeRoot"], None, None)
    return blocks


def read_outline(reader: PdfReader) -> tuple[tuple[int, str, int], ...]:
    def entries(items, level):
        for item in items:
            if isinstance(item, list):
                yield from entries(item, level + 1)
            else:
                yield level, item.title, reader.get_destination_page_number(item) + 1
    return tuple(entries(reader.outline, 1))


def read_links(reader: PdfReader) -> frozenset[str]:
    return frozenset(str(a["/A"]["/URI"]) for page in reader.pages
                     for a in (x.get_object() for x in page.get("/Annots", []))
                     if "/A" in a and "/URI" in a["/A"])


def keep_page_images(pdf: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(folder / "page")], check=True)


@pytest.fixture(scope="module", params=["nl", "en"])
def report(request, bundled_report) -> Report:
    lang = request.param
    pdf = bundled_report(lang)
    keep_page_images(pdf, CHECKOUT / "test-artifacts" / f"report-2021-{lang}")
    reader = PdfReader(str(pdf))
    return Report(lang, read_pages(pdf), read_blocks(reader), read_outline(reader),
                  read_links(reader))


def test_page_images_are_kept(report):
    folder = CHECKOUT / "test-artifacts" / f"report-2021-{report.lang}"
    images = sorted(folder.glob("page-*.png"))
    assert len(images) == len(report.pages) and all(p.stat().st_size > 2_000 for p in images)


def test_no_page_holds_only_headings(report):
    for page in report.pages:
        kinds = report.blocks.get(page.number, set())
        assert kinds and not kinds <= HEADINGS, (page.number, kinds, page.body[:3])


def test_no_page_is_nearly_empty(report):
    """Apart from the title page, the back page and the pages where a chapter starts, every
    page uses at least a quarter of its text area."""
    spared = {1, len(report.pages)} | report.chapter_starts()
    thin = [(p.number, round(p.used, 2), [x.text for x in p.body[:2]])
            for p in report.pages if p.number not in spared and p.used < 0.25]
    assert not thin


def test_long_tables_repeat_their_header_row(report):
    """The overview of indicators and the tables of actions run over a page: the page they
    continue on starts with their header row (a table itself starts with its caption)."""
    no = translations(report.lang).gettext("No.")
    continued = [p.number for p in report.pages if p.body and p.body[0].text == no]
    assert continued


def test_each_dashboard_is_one_landscape_page(report):
    dashboards = [page for level, title, page in report.outline
                  if level == 1 and title.startswith("Dashboard")]
    assert len(dashboards) == 3  # 2021, then 2020 and 2019
    assert [p.number for p in report.pages if p.landscape] == dashboards
    word = "Figuur" if report.lang == "nl" else "Figure"
    for number in dashboards:
        text = " ".join(x.text for x in report.pages[number - 1].body)
        assert text.startswith("Dashboard") and ": Dashboard Monitor Langer Thuis" in text, number
        assert word in text, number  # the caption closes the dashboard: all of it is here


def test_running_headers_are_one_short_line(report):
    indicator = "Indicator 31 · Wonen" if report.lang == "nl" else "Indicator 31 · Housing"
    headers = []
    for page in report.pages[1:-1]:  # the title and back pages have none
        header = sorted(page.header, key=lambda x: x.x0)
        assert len({round(x.y0) for x in header}) == 1, (page.number, header)
        left, right = header[0], header[-1]
        assert left.text == "Monitor Langer Thuis 2021" and right.x0 > left.x1 + 5 * MM, (
            page.number, header)
        assert right.x1 <= page.width - 10 * MM, (page.number, right)
        headers.append(right.text)
    assert indicator in headers


def test_every_reference_is_a_link(report, bundled_site):
    engine = make_engine(bundled_site)
    with Session(engine) as s:
        edition = s.get(m.Edition, "lt-2021")
        shown = {e.indicator_id for e in edition.entries}
        urls = {r.url for r in s.query(m.Reference) if r.url
                and any(i.id in shown for i in r.indicators)}
    engine.dispose()
    assert urls and urls <= report.links, sorted(urls - report.links)


# --- The report pages hold together (issue 26): every report, the WOZO one too -------------

def marked_kids(node, page, numbers):
    """(page number, None) for each piece of marked content of a structure element, (None,
    element) for each structure element under it."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
        kid = kid.get_object()
        if isinstance(kid, int):
            yield numbers[page.idnum], None
        elif kid.get("/Type") == "/MCR":
            yield numbers[kid.get("/Pg", page).idnum], None
        elif kid.get("/Type") != "/OBJR":
            yield None, kid


def read_sequence(reader: PdfReader) -> list[tuple[str, frozenset[int]]]:
    """The blocks of the structure tree in reading order: (kind, the pages its own text
    stands on); a block's inline parts (spans, links) count as its own text."""
    numbers = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    sequence: list[tuple[str, frozenset[int]]] = []

    def own_pages(node, page) -> tuple[set[int], list]:
        pages, blocks = set(), []
        for number, kid in marked_kids(node, page, numbers):
            if kid is None:
                pages.add(number)
            else:
                if str(kid.get("/S")) in INLINE:
                    inner, more = own_pages(kid, kid.get("/Pg", page))
                    pages |= inner
                    blocks += more
                else:
                    blocks.append((kid, kid.get("/Pg", page)))
        return pages, blocks

    def walk(node, page) -> None:
        node = node.get_object()
        page = node.get("/Pg", page)
        pages, blocks = own_pages(node, page)
        if pages:
            sequence.append((str(node.get("/S")), frozenset(pages)))
        for kid, kid_page in blocks:
            walk(kid, kid_page)
    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return sequence


def table_rows(reader: PdfReader) -> list[tuple[int, frozenset[int]]]:
    """Per table of the structure tree: its body rows and the pages its cells stand on."""
    numbers = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    tables = []

    def pages_of(node, page, kinds) -> set[int]:
        node = node.get_object()
        page = node.get("/Pg", page)
        found = set()
        for number, kid in marked_kids(node, page, numbers):
            if kid is None:
                found.add(number)
            elif str(kid.get("/S")) in kinds:
                found |= pages_of(kid, page, kinds | INLINE | {"/P", "/NonStruct", "/Div"})
        return found

    def walk(node, page) -> None:
        node = node.get_object()
        page = node.get("/Pg", page)
        kind = str(node.get("/S"))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        if kind == "/Table":
            bodies = [k.get_object() for k in kids if not isinstance(k.get_object(), int)
                      and str(k.get_object().get("/S")) == "/TBody"]
            rows = sum(1 for b in bodies for r in (b.get("/K") if isinstance(b.get("/K"), list)
                                                   else [b.get("/K")])
                       if r is not None and str(r.get_object().get("/S")) == "/TR")
            tables.append((rows, frozenset(pages_of(node, page, {"/TBody", "/TR", "/TD",
                                                                  "/TH"}))))
        for kid in kids:
            kid = kid.get_object()
            if not isinstance(kid, int) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                walk(kid, page)
    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return tables


REPORTS = [("nl", "2021"), ("en", "2021"), ("nl", "2023")]


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: "-".join(p))
def any_report(request, bundled_site, bundled_report, tmp_path_factory):
    lang, edition = request.param
    if edition == "2021":
        pdf = bundled_report(lang)
    else:
        from conftest import build_report
        pdf = build_report(bundled_site, tmp_path_factory.mktemp("wozo-report") /
                           f"report-{edition}-{lang}.pdf", lang, edition=edition)
        keep_page_images(pdf, CHECKOUT / "test-artifacts" / f"report-{edition}-{lang}")
    reader = PdfReader(str(pdf))
    return lang, pdf, reader, read_pages(pdf)


def test_a_heading_keeps_its_first_block_on_its_page(any_report):
    """The block after a heading starts on the heading's page; where that block is an
    intro line before a table, or the source line of a finding (h4, h5) before its chart,
    the table's caption, header and first row (or the chart) do too. (The paragraph under
    "Link to the programme" is no intro to the trend chart after it.)"""
    _lang, _pdf, reader, _pages = any_report
    sequence = read_sequence(reader)
    apart = []
    for i, (kind, pages) in enumerate(sequence):
        if kind not in HEADINGS:
            continue
        page = max(pages)
        following = []
        for other, where in sequence[i + 1:i + 40]:
            if other in HEADINGS:
                break
            following.append((other, where))
            if other in ("/TD", "/Figure") or (len(following) > 2 and other == "/P"):
                break
        if not following:
            continue
        first = following[0]
        leads_in = following[-1][0] == "/TD" or (following[-1][0] == "/Figure"
                                                  and kind in ("/H4", "/H5"))
        if following[0][0] == "/P" and leads_in:
            keep = following  # an intro or source line, then the table or chart it leads into
        else:
            keep = following[:1]
        late = [(other, min(where)) for other, where in keep if min(where) != page]
        if late:
            apart.append((page, kind, first[0], late[:2]))
    assert not apart, apart


def test_the_running_header_names_the_indicator_the_page_starts_in(any_report):
    lang, _pdf, reader, pages = any_report
    word = translations(lang).gettext("Indicator")
    starts = []  # (page, top of its heading from the page's top, what it is)
    for _level, title, number in read_outline(reader):
        starts.append((number, title))
    tops = {}
    for item in _flat_outline(reader.outline):
        tops[(reader.get_destination_page_number(item) + 1, item.title)] = float(item.top)
    wrong = []
    for page in pages[1:-1]:
        if page.landscape:
            continue
        text_top = page.height - page.margins[0]
        at_top = [t for n, t in starts if n == page.number and tops[(n, t)] >= text_top - 40]
        before = [t for n, t in starts if n < page.number]
        current = at_top[0] if at_top else (before[-1] if before else None)
        header = sorted(page.header, key=lambda x: x.x0)
        if current is None or len(header) < 2:
            continue
        shown = header[-1].text
        number = current.split(".", 1)[0]
        if number.isdigit():
            if not shown.startswith(f"{word} {number} ·"):
                wrong.append((page.number, shown, current[:40]))
        elif not current.startswith(shown.rstrip("…")):
            wrong.append((page.number, shown, current[:40]))
    assert not wrong, wrong


def _flat_outline(items):
    for item in items:
        if isinstance(item, list):
            yield from _flat_outline(item)
        else:
            yield item


def test_tables_of_up_to_twelve_rows_are_not_split(any_report):
    _lang, _pdf, reader, _pages = any_report
    tables = table_rows(reader)
    assert tables
    split = [(rows, sorted(pages)) for rows, pages in tables if rows <= 12 and len(pages) > 1]
    assert not split, split


def test_nothing_stands_outside_the_text_area(any_report):
    _lang, _pdf, _reader, pages = any_report
    outside = []
    for page in pages:
        side = (14 if page.landscape else 18) * MM
        for line in page.body:
            if line.x0 < side - 1 or line.x1 > page.width - side + 1:
                outside.append((page.number, line.text[:40], round(line.x0), round(line.x1)))
    assert not outside, outside[:20]


def test_every_chart_is_numbered_and_captioned_once(any_report):
    """Every figure (chart, map) and every dashboard has one caption with its number, the
    numbers run 1, 2, 3, ... and no caption (so no chart) is there twice."""
    import re
    lang, pdf, reader, _pages = any_report
    word = translations(lang).gettext("Figure")
    figures = sum(1 for kind, _ in read_sequence(reader) if kind == "/Figure")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    blocks = [" ".join(w.text or "" for w in block.iter(f"{XHTML}word"))
              for block in ET.fromstring(xml).iter(f"{XHTML}block")]
    captions = [m.groups() for b in blocks if (m := re.match(rf"{word} (\d+): (.+)$", b))]
    numbers = [int(n) for n, _ in captions]
    assert numbers == list(range(1, len(numbers) + 1))
    dashboards = sum(1 for _, title in captions if title.startswith("Dashboard"))
    assert len(captions) == figures + dashboards
    titles = [t for _, t in captions]
    assert len(set(titles)) == len(titles), sorted(t for t in titles if titles.count(t) > 1)


def test_one_typeface_family(any_report):
    _lang, pdf, _reader, _pages = any_report
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts if line.strip()}
    assert families == {"DejaVu"}, families


def test_the_pdf_ua_checker_finds_nothing(any_report):
    """pdfua (the machine-checkable part of PDF/UA-1 and WCAG 2.1): no errors and no
    warnings, header cells with their /Scope among them."""
    _lang, pdf, _reader, _pages = any_report
    checker = shutil.which("pdfua") or str(Path(sys.executable).parent / "pdfua")
    result = subprocess.run([checker, "check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
