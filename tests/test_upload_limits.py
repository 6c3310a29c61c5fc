"""Hostile uploads are refused early, with the limit in the message, in time and memory
bounded by the limits: a CSV of 300,000 header cells (it kept a worker busy for minutes),
an Excel file that unpacks to a gigabyte or holds a row of a million cells, a body larger
than the limit, a formula cell without its value."""
from __future__ import annotations

import io
import resource
import struct
import time
import zipfile

import pytest
from fastapi.testclient import TestClient

from langerthuis.accounts import add_account, create_token
from langerthuis.app import create_app
from langerthuis.content import check_content
from langerthuis.editing import UploadRejected, create_draft
from langerthuis.editing import uploads, xlsx
from langerthuis.editing.figures import FIGURE_COLUMNS, REQUIRED
from langerthuis.store import load_content, make_engine

from conftest import FIXTURE_CONTENT


def refused(data: bytes, name: str = "figures.csv") -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        uploads.read_rows(data, name, FIGURE_COLUMNS, REQUIRED)
    return caught.value


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_csv_of_300000_header_cells_is_refused_on_its_header():
    header = ",".join(f"c{i}" for i in range(300_000))
    data = (header + "\n" + "x," * 10 + "\n").encode()
    assert 1_000_000 < len(data) < uploads.MAX_CSV_BYTES
    started = time.process_time()
    error = refused(data)
    spent = time.process_time() - started
    # one problem, on the header, naming the limit: the file was refused as its first
    # row was read, without a check per column (the old code compared every column with
    # every other one)
    assert len(error.problems) == 1
    [found] = error.problems
    assert found.row == 1
    assert "300000 cells" in str(found) and f"at most {uploads.MAX_COLUMNS} columns" in str(found)
    assert spent < 5  # generous: the old code took minutes


def test_the_header_checks_are_linear():
    # 200 columns, all unknown and all the same: each is reported once
    header = ",".join(["x"] * uploads.MAX_COLUMNS)
    error = refused((header + "\n").encode())
    assert [p.message for p in error.problems].count("The column appears twice.") == 1
    assert sum("Unknown column" in p.message for p in error.problems) == 1


def test_rows_and_cells_are_limited_while_reading():
    rows = "indicator,value\n" + "x,1\n" * (uploads.MAX_ROWS + 5)
    error = refused(rows.encode())
    assert "more than 1000 rows" in str(error.problems[0])
    long = "indicator,value\nx," + "9" * (uploads.MAX_CELL + 1) + "\n"
    error = refused(long.encode())
    assert error.problems[0].row == 2
    assert f"at most {uploads.MAX_CELL} are accepted" in str(error.problems[0])


def _workbook_with(sheet_xml_rows, shared: tuple[str, int] | None = None) -> bytes:
    """An .xlsx written member by member (streaming, so a gigabyte never sits in memory):
    a workbook, its first sheet of `sheet_xml_rows` (an iterable of XML pieces) and,
    with `shared`, a shared string of `shared[1]` times `shared[0]`."""
    out = io.BytesIO()
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet name="s" '
                         'sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship '
                         'Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/>'
                         '</Relationships>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f"<worksheet {ns}><sheetData>".encode())
            for piece in sheet_xml_rows:
                sheet.write(piece.encode())
            sheet.write(b"</sheetData></worksheet>")
        if shared:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
                strings.write(f'<sst {ns} count="1" uniqueCount="1"><si><t>'.encode())
                chunk = shared[0].encode()
                for _ in range(shared[1]):
                    strings.write(chunk)
                strings.write(b"</t></si></sst>")
    return out.getvalue()


def test_an_xlsx_with_a_gigabyte_shared_string_is_refused_without_unpacking_it():
    row = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    data = _workbook_with([row], ("a" * (1 << 20), 1024))  # one string of 1 GiB
    assert len(data) < uploads.MAX_CSV_BYTES  # small compressed
    before = peak_rss_mb()
    error = refused(data, "figures.xlsx")
    assert peak_rss_mb() - before < 100
    assert f"more than {xlsx.MAX_EXPANDED} bytes" in str(error.problems[0])


def test_an_xlsx_whose_headers_understate_its_size_is_stopped_while_unpacking():
    big = _workbook_with([], ("b" * (1 << 20), 40))  # 40 MiB declared honestly
    # rewrite every declared size of the shared strings down to 1,000 bytes, as a forger
    # would: what the member expands to is counted, not taken from its header
    patched = bytearray(big)
    name = b"xl/sharedStrings.xml"
    at = 0
    while (at := patched.find(name, at + 1)) != -1:
        if patched[at - 46:at - 42] == b"PK\x01\x02":  # central directory entry
            start = at - 46
            patched[start + 24:start + 28] = struct.pack("<I", 1000)
        elif patched[at - 30:at - 26] == b"PK\x03\x04":  # local header
            start = at - 30
            patched[start + 22:start + 26] = struct.pack("<I", 1000)
    before = peak_rss_mb()
    error = refused(bytes(patched), "figures.xlsx")
    assert peak_rss_mb() - before < 100
    assert error.problems[0].message.startswith(("The Excel file expands",
                                                 "The file is not an Excel workbook"))


def test_an_xlsx_row_of_a_million_cells_is_refused_as_it_is_read():
    cells = (f'<c r="A1"><v>{i}</v></c>' for i in range(1_000_000))
    data = _workbook_with(['<row r="1">', *cells, "</row>"])
    before = peak_rss_mb()
    error = refused(data, "figures.xlsx")
    assert peak_rss_mb() - before < 100
    assert "bytes when unpacked" in str(error.problems[0])
    # within the archive limit, the row's cells are counted as they come
    wide = _workbook_with(['<row r="1">', *(f"<c><v>{i}</v></c>" for i in range(300)),
                           "</row>"])
    error = refused(wide, "figures.xlsx")
    assert f"more than {uploads.MAX_COLUMNS} cells" in str(error.problems[0])


def test_a_formula_without_its_value_is_reported_not_dropped():
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["indicator", "value"])
    book.active.append(["quality-of-life", "=40+30"])  # openpyxl stores no computed value
    out = io.BytesIO()
    book.save(out)
    error = refused(out.getvalue(), "figures.xlsx")
    [found] = error.problems
    assert (found.row, found.column) == (2, "B2")
    assert "formula without its computed value" in found.message


@pytest.fixture
def api(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    create_draft(engine, "lt", 2022, "editor@example.nl")
    add_account(engine, "robot@example.nl", "editor", "a long enough password")
    secret, _id = create_token(engine, "robot@example.nl", "robot", ["deliveries"])
    yield TestClient(create_app(url)), {"Authorization": f"Bearer {secret}"}
    engine.dispose()


def test_a_body_over_the_limit_is_refused_with_413_and_the_limit(api):
    client, auth = api
    big = b"indicator,value\n" + b"x" * (uploads.MAX_CSV_BYTES + 10)
    answer = client.post("/api/editor/editions/lt-2022/figures", content=big, headers=auth)
    assert answer.status_code == 413
    assert str(uploads.MAX_CSV_BYTES) in answer.json()["error"]["message"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(80):
            yield b"y" * 100_000
    answer = client.post("/api/editor/editions/lt-2022/figures", content=chunks(),
                         headers=auth)
    assert answer.status_code == 413
    # the CSV of 300,000 columns over the API: 422, at once
    header = ",".join(f"c{i}" for i in range(300_000)).encode()
    answer = client.post("/api/editor/editions/lt-2022/figures", content=header, headers=auth)
    assert answer.status_code == 422
    assert "at most 200 columns" in answer.json()["error"]["problems"][0]["message"]


def test_the_web_form_refuses_a_body_over_the_limit_on_a_styled_page(api):
    client, _auth = api
    answer = client.post("/beheer/edities/lt-2022/aanleveren",
                         files={"file": ("f.csv", b"x" * 5_200_000, "text/csv")},
                         data={"csrf": "x"})
    assert answer.status_code == 413
    assert "5100000" in answer.text.replace(".", "") and "<html" in answer.text


def test_an_account_has_a_bounded_share_of_the_upload_pool():
    import asyncio
    import threading

    from langerthuis.editor.workers import Busy, UploadWorkers
    workers = UploadWorkers(workers=2, per_account=1, waiting=1, queued=3)
    release = threading.Event()

    async def scenario():
        slow = [asyncio.create_task(workers.run(1, release.wait, 30)) for _ in range(2)]
        await asyncio.sleep(0.2)
        with pytest.raises(Busy):  # one in work and one waiting: the third is refused
            await workers.run(1, lambda: None)
        assert await workers.run(2, lambda: "other") == "other"  # another account goes on
        release.set()
        assert await asyncio.gather(*slow) == [True, True]
        assert workers.in_work == {}

    # in a thread of its own: the browser tests' Playwright keeps an event loop running in
    # the main thread of the test process
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as error:  # noqa: BLE001  (re-raised in the test's thread)
            failures.append(error)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    if failures:
        raise failures[0]
