"""Where delivered files are read, checked and written: off the threads that answer
readers. A file is handed to a small pool of its own (WORKERS threads), each account has at
most PER_ACCOUNT files in work and WAITING more waiting, and at most QUEUED files wait in
all; a file beyond that is refused at once with 429, so that no number of uploads takes
the threads the public site is answered on."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

WORKERS = 2
PER_ACCOUNT = 1
WAITING = 4
QUEUED = 32

T = TypeVar("T")


class Busy(Exception):
    """Too many files in work: the caller answers 429 and the file is not read."""


class UploadWorkers:
    def __init__(self, workers: int = WORKERS, per_account: int = PER_ACCOUNT,
                 waiting: int = WAITING, queued: int = QUEUED):
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="upload")
        self.per_account, self.waiting, self.queued = per_account, waiting, queued
        self.in_work: dict[int, int] = {}
        self.turns: dict[int, asyncio.Semaphore] = {}
        self.lock = threading.Lock()  # tests run requests on several event loops

    @asynccontextmanager
    async def turn(self, account: int) -> AsyncIterator[None]:
        """The account's turn: Busy at once when it has too many files in work (or all
        accounts together have), else waits for one of its PER_ACCOUNT places. The
        delivery API reads the file's body only in its turn."""
        with self.lock:
            if (self.in_work.get(account, 0) >= self.per_account + self.waiting
                    or sum(self.in_work.values()) >= self.queued):
                raise Busy()
            self.in_work[account] = self.in_work.get(account, 0) + 1
            turn = self.turns.setdefault(account, asyncio.Semaphore(self.per_account))
        try:
            async with turn:
                yield
        finally:
            with self.lock:
                self.in_work[account] -= 1
                if not self.in_work[account]:
                    del self.in_work[account]
                    self.turns.pop(account, None)

    async def call(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` in the pool."""
        return await asyncio.wrap_future(self.pool.submit(work, *args))

    async def run(self, account: int, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` in the pool, in its turn among the account's files."""
        async with self.turn(account):
            return await self.call(work, *args)
