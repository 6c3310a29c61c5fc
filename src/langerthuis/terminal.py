"""Progress of long work (`load`, `export-site`, `report`, `restore`, the scale benchmark)
on a terminal, drawn by rich on standard error; nothing at all when standard error is not
a terminal (a log, a pipe, a test), so that output stays as it was."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Progress:
    """One line of progress: `step(text)` names what is being done, `count(done, total)`
    shows how far a countable part is."""

    def __init__(self, bar=None, task=None):
        self._bar, self._task = bar, task

    def step(self, text: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=text, completed=0, total=None)

    def count(self, done: int, total: int | None = None) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)

    def counter(self, total: int) -> Callable[..., None]:
        """A callback that counts one more each time it is called."""
        done = [0]

        def one_more(*_args) -> None:
            done[0] += 1
            self.count(done[0], total)
        return one_more


@contextmanager
def progress(text: str, stream=None) -> Iterator[Progress]:
    stream = stream or sys.stderr
    if not stream.isatty():
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn,
                               TextColumn, TimeElapsedColumn)
    with Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
             MofNCompleteColumn(), TimeElapsedColumn(), console=Console(file=stream),
             transient=True) as bar:
        yield Progress(bar, bar.add_task(text, total=None))
