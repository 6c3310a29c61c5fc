from __future__ import annotations

from ..errors import LangerThuisError


class UnknownMunicipality(LangerThuisError):
    """A municipality code or name that is not valid in the given year."""

    def __init__(self, what: str, year: int, suggestions: list[str], detail: str = ""):
        self.what, self.year, self.suggestions = what, year, suggestions
        hint = f"; nearest valid: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{what} is not a municipality in {year}{detail}{hint}")


class OpenDataMissing(LangerThuisError):
    """A file of the open data directory is missing."""
