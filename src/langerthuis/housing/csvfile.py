"""Reading an import file (CSV, UTF-8, comma-separated, one header row) with precise
errors: every problem names the file, the line, the column, what was found and what was
expected. The whole file is checked before anything is written; the caller writes all or
nothing."""
from __future__ import annotations

import csv
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, Where

#: Problems collected before reading stops (the message shows the first 200 of them).
MAX_PROBLEMS = 1000
MAX_FIELD = 1000  # characters in one cell

_INTEGER = re.compile(r"\d{1,9}", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ImportFileError(ContentError):
    """An import file is not valid; nothing was written."""

    def __init__(self, problems: list[Problem], path: str):
        super().__init__(problems, path)


class Rows:
    """The rows of a CSV file as dictionaries with their line numbers, after its header is
    checked against `required` and `optional` columns. Problems are collected in
    `problems`; `cell` and `integer` read one cell and record what is wrong with it."""

    def __init__(self, path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()):
        self.path = path
        self.shown = str(path)
        self.problems: list[Problem] = []
        self.required, self.optional = required, optional
        mode = path.stat().st_mode if path.exists() else None
        if mode is None:
            raise ImportFileError([Problem(Where(self.shown), "does not exist")], self.shown)
        if not stat.S_ISREG(mode):
            raise ImportFileError([Problem(Where(self.shown), "is not a plain file (a folder, "
                                           "device or pipe); expected a plain text file")],
                                  self.shown)

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(Where(self.shown, line, column), message))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        csv.field_size_limit(MAX_FIELD)
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as f:
                reader = csv.reader(f)
                header = next(reader, None)
                if header is None:
                    self.add(1, None, "is empty; expected a header row with the columns "
                             + ", ".join(self.required))
                    return
                header = [h.strip() for h in header]
                if not self._header_ok(header):
                    return
                while len(self.problems) < MAX_PROBLEMS:
                    try:
                        cells = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:
                        self.add(reader.line_num, None, f"is not valid CSV: {exc}")
                        return
                    if not cells:
                        continue
                    if len(cells) != len(header):
                        self.add(reader.line_num, None, f"has {len(cells)} cells where the "
                                 f"header has {len(header)} columns")
                        continue
                    yield reader.line_num, dict(zip(header, cells))
        except UnicodeDecodeError as exc:
            self.add(None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                     "save it as UTF-8")

    def _header_ok(self, header: list[str]) -> bool:
        missing = [c for c in self.required if c not in header]
        unknown = [c for c in header if c not in self.required and c not in self.optional]
        doubled = sorted({c for c in header if header.count(c) > 1})
        what = []
        if missing:
            what.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            what.append(f"unknown column(s) {', '.join(unknown)}")
        if doubled:
            what.append(f"repeated column(s) {', '.join(doubled)}")
        if what:
            optional = f" and optionally {', '.join(self.optional)}" if self.optional else ""
            self.add(1, "header", f"{'; '.join(what)}; expected the columns "
                     f"{', '.join(self.required)}{optional}")
        return not what

    def cell(self, line: int, row: dict[str, str], column: str, *, required: bool = True,
             pattern: re.Pattern[str] | None = None, expected: str = "",
             choices: Any = None, clean: Callable[[str], str] = str.strip) -> str | None:
        text = clean(row.get(column) or "")
        if not text:
            if required:
                self.add(line, column, f"is empty; expected {expected or 'a value'}")
            return None
        if _CONTROL.search(text):
            self.add(line, column, "contains a control character; remove it")
            return None
        if choices is not None and text not in choices:
            self.add(line, column, f"found {text[:40]!r}; expected one of "
                     f"{', '.join(map(str, choices))}")
            return None
        if pattern is not None and not pattern.fullmatch(text):
            self.add(line, column, f"found {text[:40]!r}; expected {expected}")
            return None
        return text

    def integer(self, line: int, row: dict[str, str], column: str, low: int, high: int,
                *, required: bool = True) -> int | None:
        text = (row.get(column) or "").strip()
        if not text and not required:
            return None
        if not _INTEGER.fullmatch(text) or not low <= int(text) <= high:
            self.add(line, column, f"found {text[:40]!r}; expected a whole number from "
                     f"{low:,} to {high:,} written without separators")
            return None
        return int(text)

    def done(self) -> None:
        """Raise ImportFileError when any problem was found."""
        if self.problems:
            raise ImportFileError(self.problems, self.shown)
