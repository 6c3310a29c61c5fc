"""The framework and content as data: the schema of the content files, reading them with
precise errors, and checks across records. Nothing here writes to the database."""
from __future__ import annotations

from pathlib import Path

from .reader import ContentSet, ProgrammeContent, read_content
from .validate import validate


def check_content(root: Path) -> ContentSet:
    """Read and validate the content under `root`; raise ContentError on any problem."""
    content = read_content(root)
    validate(content)
    return content


__all__ = ["ContentSet", "ProgrammeContent", "check_content", "read_content", "validate"]
