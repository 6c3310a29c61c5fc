"""An uploaded Excel file checked before it is expanded: an .xlsx file is a zip archive of
XML, and a small archive can unpack to gigabytes (one shared string of a gigabyte in a
1 MB file) or hold a row of a million cells. Here the archive's declared sizes are
checked first, then every member is unpacked in pieces, counting what it really expands
to, and the first sheet is scanned row by row as a stream; only a file that passes goes
to the spreadsheet reader, whose work is then bounded.

A formula cell without a computed value (a file written by a program that does not
calculate) is reported, not read as empty."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, iterparse

from ..i18n import N_

#: Bytes the whole archive may expand to [a template of a thousand rows: < 1 MB], and the
#: number of members it may hold [about ten].
MAX_EXPANDED = 10_000_000
MAX_MEMBERS = 100
CHUNK = 1 << 16

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


@dataclass(frozen=True)
class Found:
    """What the check found: nothing (`problem` None), or the first problem with where."""

    problem: str | None = None
    row: int | None = None
    cell: str | None = None
    values: dict[str, object] = field(default_factory=dict)


class _TooLarge(Exception):
    pass


class _Counted(io.RawIOBase):
    """A member of the archive read in pieces, stopped once the archive as a whole has
    expanded past MAX_EXPANDED (whatever the member's header declared)."""

    def __init__(self, member, budget: list[int]):
        self.member, self.budget = member, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.member.read(min(len(buffer), CHUNK))
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            raise _TooLarge()
        buffer[:len(data)] = data
        return len(data)


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_archive(data: bytes, max_rows: int, max_columns: int) -> Found:
    """Whether the workbook `data` can be read within the limits (MAX_EXPANDED, `max_rows`
    data rows after the header, `max_columns` cells per row): the first problem if not."""
    unreadable = Found(N_("The file is not an Excel workbook (.xlsx) that can be read; save "
                          "it again from the template."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return unreadable
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            return Found(N_("The Excel file holds {count} parts; a workbook made from the "
                            "template holds at most {maximum}."),
                         values={"count": len(members), "maximum": MAX_MEMBERS})
        declared = sum(m.file_size for m in members)
        too_large = Found(N_("The Excel file expands to more than {maximum} bytes when "
                             "unpacked; at most {maximum} are accepted. Save only the "
                             "template's sheet, or deliver the file as CSV."),
                          values={"maximum": MAX_EXPANDED})
        if declared > MAX_EXPANDED:
            return too_large
        budget = [MAX_EXPANDED]
        try:
            for member in members:  # what each member really expands to
                with archive.open(member) as raw, _Counted(raw, budget) as counted:
                    while counted.read(CHUNK):
                        pass
            sheet = _first_sheet(archive)
            if sheet is None:
                return unreadable
            with archive.open(sheet) as raw:
                return _scan(io.BufferedReader(_Counted(raw, [MAX_EXPANDED])), max_rows,
                             max_columns)
        except _TooLarge:
            return too_large
        except (zipfile.BadZipFile, ParseError, KeyError, ValueError, OSError, EOFError,
                NotImplementedError):
            return unreadable


def _first_sheet(archive: zipfile.ZipFile) -> str | None:
    """The path of the workbook's first sheet (the one the reader reads)."""
    sheets = [e for _ev, e in iterparse(archive.open("xl/workbook.xml"))
              if e.tag == f"{MAIN}sheet"]
    if not sheets:
        return None
    wanted = sheets[0].get(f"{OFFICE_REL}id")
    for _ev, rel in iterparse(archive.open("xl/_rels/workbook.xml.rels")):
        if rel.tag == f"{RELS}Relationship" and rel.get("Id") == wanted:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            return path if path in archive.namelist() else None
    return None


def _scan(stream, max_rows: int, max_columns: int) -> Found:
    """The sheet's rows as a stream of XML: each row's cells counted and placed as they
    come, each formula looked at, and every cell dropped from memory once seen."""
    rows = 0
    row, cells = None, 0
    for event, element in iterparse(stream, ("start", "end")):
        if event == "start":
            if element.tag == f"{MAIN}row":
                row, cells = element, 0
            continue
        if element.tag == f"{MAIN}c":
            cells += 1
            line = row.get("r", "") if row is not None else ""
            if cells > max_columns:
                return Found(N_("The row has more than {maximum} cells; at most {maximum} "
                                "columns are accepted."), int(line) if line.isdigit() else None,
                             None, {"maximum": max_columns})
            ref = _REF.match(element.get("r", ""))
            if ref and column_number(ref.group(1)) > max_columns:
                return Found(N_("Cell {cell} lies beyond column {maximum}; at most {maximum} "
                                "columns are accepted."), int(ref.group(2)), ref.group(0),
                             {"cell": ref.group(0), "maximum": max_columns})
            value = element.find(f"{MAIN}v")
            if element.find(f"{MAIN}f") is not None and (value is None or not value.text) \
                    and element.get("t") != "str":
                where = ref.group(0) if ref else ""
                return Found(N_("Cell {cell} holds a formula without its computed value; "
                                "type the value itself, or open the file in a spreadsheet "
                                "program and save it again."),
                             int(ref.group(2)) if ref else None, where or None,
                             {"cell": where})
            if row is not None:
                row.remove(element)  # the row keeps no cell it has shown
        elif element.tag == f"{MAIN}row":
            line = element.get("r", "")
            if cells:
                rows += 1
            if rows > max_rows + 1 or (line.isdigit() and int(line) > max_rows + 1 and cells):
                return Found(N_("The file has more than {maximum} rows; at most {maximum} "
                                "are accepted."), values={"maximum": max_rows})
            element.clear()
            row = None
    return Found()
