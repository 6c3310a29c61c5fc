"""Precise errors: every problem says which file, which key or row, what was found and what
was expected, so that whoever edits the content can fix it without guessing."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in the content: a file, and optionally a line and a key path or row."""

    file: str
    line: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        out = self.file
        if self.line is not None:
            out += f", line {self.line}"
        if self.path:
            out += f", {self.path}"
        return out

    def at(self, path: str, line: int | None = None) -> Where:
        joined = f"{self.path}.{path}" if self.path else path
        return Where(self.file, line if line is not None else self.line, joined)


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class LangerThuisError(Exception):
    """Base of the errors this package raises on purpose."""


class TranslatedError(LangerThuisError):
    """An error whose message people read in their language (the editor pages): built
    from a catalogue message id and its values; `str()` is the English text."""

    def __init__(self, msgid: str, /, **values: object):
        from .i18n import Text
        self.text = Text(msgid, **values)
        super().__init__(str(self.text))


#: Problems a ContentError's message lists; a file of thousands of broken records says the
#: same thing thousands of times, so the rest are only counted (all stay in `problems`).
MAX_SHOWN_PROBLEMS = 200


class ContentError(LangerThuisError):
    """The content is not valid. Holds every problem found, not only the first."""

    def __init__(self, problems: list[Problem], subject: str = "the content"):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {subject}:"
        lines = [head, *(f"  - {p}" for p in self.problems[:MAX_SHOWN_PROBLEMS])]
        if count > MAX_SHOWN_PROBLEMS:
            lines.append(f"  ... and {count - MAX_SHOWN_PROBLEMS} more; fix these and run "
                         "the check again")
        super().__init__("\n".join(lines))


class NotFound(LangerThuisError):
    """A requested object does not exist."""
