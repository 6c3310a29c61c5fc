"""Opening content files safely: only plain files inside the content folder, of a bounded
size, decoded as UTF-8. A folder, a device (a link to /dev/zero), a pipe, a link out of the
content tree or a file too large to read is a problem with a message, not a traceback or
a read that never ends."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ContentError, Problem, Where


def present(path: Path) -> bool:
    """Whether something is at `path`: a file, a folder, or a link (even a broken one)."""
    return path.exists() or path.is_symlink()


def outside(path: Path, root: Path) -> str | None:
    """A message when `path`, with its links followed, is not inside `root`."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    return (f"is a link to {target}, outside the content folder {root}; content is read "
            "only from inside the content folder: copy it there instead of linking")


def read_bytes(path: Path, shown: str, root: Path, limit: int, why: str) -> bytes:
    """The bytes of the plain file at `path`; ContentError when it is not one, lies (through
    a link) outside `root`, or holds more than `limit` bytes (`why` says why that is the
    limit)."""
    where = Where(shown)
    away = outside(path, root)
    if away:
        raise ContentError([Problem(where, away)])
    if not path.exists():
        raise ContentError([Problem(where, f"is a link to {path.resolve()}, which does not "
                                           "exist; remove the link or restore the file")])
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise ContentError([Problem(where, "is a folder, expected a file; rename or remove "
                                           "the folder")])
    if not stat.S_ISREG(mode):
        raise ContentError([Problem(where, "is not a plain file (a device, pipe or socket); "
                                           "expected a plain text file")])
    size = path.stat().st_size
    if size > limit:
        raise ContentError([Problem(where, _too_large(size, limit, why))])
    # O_NONBLOCK: should the file be swapped for a pipe after the check, the read returns
    # instead of waiting; reading one byte more than the limit catches a file that grew.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ContentError([Problem(where, _too_large(len(data), limit, why))])
    return data


def decode(data: bytes, where: Where) -> str:
    """UTF-8 text (a byte-order mark is dropped), or ContentError saying where it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ContentError([Problem(Where(where.file, line, where.path),
                                    f"is not UTF-8 text (byte {data[exc.start]:#04x} at byte "
                                    f"{exc.start}: {exc.reason}); save the file as UTF-8")])


def _too_large(size: int, limit: int, why: str) -> str:
    return f"is {size:,} bytes or more; the limit is {limit:,} bytes ({why})"
