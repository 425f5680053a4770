"""The SQLite store's one worker thread: it owns the connection and runs every call, in order.

sqlite3 calls block (a commit waits for an fsync, a writer may wait for another process's
lock), so none runs on the event loop. One thread per store, rather than ``asyncio.to_thread``,
because a connection must stay on one thread, and because calls then run in the order they
were made: two votes by one member at once end with the second. A write is one
``BEGIN IMMEDIATE`` … ``COMMIT`` transaction: it takes the database's write lock first (waiting
up to the busy timeout for another process), so what it reads cannot change under it, and any
failure rolls the whole write back. A caller cancelled before its call starts cancels it; once
started, it runs to the end (a thread cannot be stopped half-way).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from storage.errors import StoreError
from storage.sqlite_errors import sqlite_failure
from storage.sqlite_schema import DEFAULT_BUSY_SECONDS, connect

T = TypeVar("T")
Work = Callable[[sqlite3.Connection], T]


class Worker:
    """Runs reads and write transactions on the store's connection, in its own thread."""

    def __init__(self, path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> None:
        self.path = path
        self.busy_seconds = busy_seconds
        self.read_only = False
        self.closed = False
        self._conn: sqlite3.Connection | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="claimdeck-sqlite")
        self._closing: asyncio.Future[None] | None = None

    async def open(self, read_only: bool) -> None:
        self.read_only = read_only
        try:
            self._conn = await self._run(
                connect, self.path, read_only_mode=read_only, busy_seconds=self.busy_seconds
            )
        except BaseException:
            self._executor.shutdown(wait=False)
            raise

    async def _run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        future = self._executor.submit(fn, *args, **kwargs)
        return await asyncio.wrap_future(future)

    async def read(self, work: Work[T], *, snapshot: bool = False) -> T:
        """``work(conn)``'s result; with ``snapshot``, its queries see one state of the file."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")
        return await self._run(self._read, work, snapshot)

    async def write(self, work: Work[T]) -> T:
        """``work(conn)`` in one write transaction, committed (and fsynced) before returning;
        an exception from ``work`` rolls back everything it did and is raised as it is."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")
        if self.read_only:
            raise StoreError(f"The store {self.path} was opened read-only; nothing was saved.")
        return await self._run(self._transaction, work, "BEGIN IMMEDIATE", "save this change")

    def _read(self, work: Work[T], snapshot: bool) -> T:
        if snapshot:
            return self._transaction(work, "BEGIN", "read its database")
        try:
            return work(self._connection())
        except sqlite3.Error as exc:
            raise sqlite_failure(exc, self.path, "read its database", self.busy_seconds) from exc

    def _transaction(self, work: Work[T], begin: str, doing: str) -> T:
        conn = self._connection()
        try:
            conn.execute(begin)
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise sqlite_failure(exc, self.path, doing, self.busy_seconds) from exc
            raise

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"The store {self.path} is not open.")
        return self._conn

    async def close(self) -> None:
        """Let queued calls finish, close the connection, stop the thread. A cancelled close
        goes on in the background (calling it again waits for it)."""
        self.closed = True
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await self._run(conn.close)  # queued after every pending call
        await asyncio.to_thread(self._executor.shutdown, wait=True)
