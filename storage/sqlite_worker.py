"""The SQLite store's two threads: a writer and a reader, each owning one connection.

sqlite3 calls block (a commit waits for an fsync, a writer may wait for another process's
lock), so none runs on the event loop. Threads of our own, rather than ``asyncio.to_thread``,
because a connection must stay on one thread. Writes run on the writer thread in the order
they were made: two votes by one member at once end with the second. Reads run on the reader
thread, on a second, query-only connection: in WAL mode it reads the last committed state
while the writer waits for another process's write lock, so a button click is answered at
once even then. A read made after a write returned sees that write (it was committed); a read
made while a write is still pending may or may not.

Writes are committed in groups, as the TinyDB store's journal is: the writes queued while the
thread was busy run together in one ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction, each inside
its own SAVEPOINT, so a burst of N clicks costs about two fsyncs instead of N. ``BEGIN
IMMEDIATE`` takes the database's write lock first (waiting up to the busy timeout for another
process), so what a write reads cannot change under it. A write that raises is rolled back to
its savepoint alone and its caller gets the exception; the others of its group go on. A write
returns only after its group's COMMIT; if that fails, every write of the group fails and
nothing of it was saved. A caller cancelled before its write starts cancels it; once started,
it runs to the end (a thread cannot be stopped half-way).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from storage.errors import StoreError
from storage.sqlite_errors import sqlite_failure
from storage.sqlite_schema import DEFAULT_BUSY_SECONDS, connect, connect_reader

T = TypeVar("T")
Work = Callable[[sqlite3.Connection], T]
MAX_GROUP = 500  # writes per transaction: bounds how long one group holds the write lock


class Worker:
    """Runs write transactions on the writer's connection and reads on the reader's, each in
    its own thread (a read-only store has the reader alone)."""

    def __init__(self, path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> None:
        self.path = path
        self.busy_seconds = busy_seconds
        self.read_only = False
        self.closed = False
        self._conn: sqlite3.Connection | None = None  # the writer's; used in its thread only
        self._read_conn: sqlite3.Connection | None = None  # the reader's
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="claimdeck-sqlite")
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="claimdeck-sqlite-read")
        self._closing: asyncio.Future[None] | None = None
        self._queue: list[tuple[Work[Any], Future[Any]]] = []
        self._queue_lock = threading.Lock()
        self._drain_queued = False

    async def open(self, read_only: bool) -> None:
        self.read_only = read_only
        try:
            if not read_only:  # the writer checks (or creates) the file and sets WAL mode
                await self._run(self._open_writer)
            await self._on_reader(self._open_reader)
        except BaseException:  # each connection made is closed in its own thread
            self._executor.submit(self._release)
            self._reader.submit(self._release_reader)
            self._executor.shutdown(wait=False)
            self._reader.shutdown(wait=False)
            raise

    def _open_writer(self) -> None:
        self._conn = connect(self.path, busy_seconds=self.busy_seconds)

    def _open_reader(self) -> None:
        if self.read_only:
            self._read_conn = connect(
                self.path, read_only_mode=True, busy_seconds=self.busy_seconds
            )
        else:
            self._read_conn = connect_reader(self.path, self.busy_seconds)

    async def _run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``fn`` on the writer's thread."""
        future = self._executor.submit(fn, *args, **kwargs)
        return await asyncio.wrap_future(future)

    async def _on_reader(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        future = self._reader.submit(fn, *args, **kwargs)
        return await asyncio.wrap_future(future)

    async def on_writer(self, work: Work[T]) -> T:
        """``work(conn)`` on the writer's connection, outside any transaction (tests, tracing)."""
        return await self._run(lambda: work(self._connection()))

    async def read(self, work: Work[T], *, snapshot: bool = False) -> T:
        """``work(conn)``'s result; with ``snapshot``, its queries see one state of the file."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")
        return await self._on_reader(self._read, work, snapshot)

    async def write(self, work: Work[T]) -> T:
        """``work(conn)`` in one write transaction, committed (and fsynced) before returning;
        an exception from ``work`` rolls back everything it did and is raised as it is."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")
        if self.read_only:
            raise StoreError(f"The store {self.path} was opened read-only; nothing was saved.")
        future: Future[T] = Future()
        with self._queue_lock:
            self._queue.append((work, future))
            if not self._drain_queued:  # else the queued drain takes this write too
                self._drain_queued = True
                self._executor.submit(self._drain)
        return await asyncio.wrap_future(future)

    def _drain(self) -> None:
        """In the thread: commit the writes queued so far as one group."""
        with self._queue_lock:
            batch, self._queue = self._queue[:MAX_GROUP], self._queue[MAX_GROUP:]
            if self._queue:
                self._executor.submit(self._drain)
            else:
                self._drain_queued = False
        # A caller cancelled before this point cancelled its write; the rest now run to the end.
        live = [(work, future) for work, future in batch if future.set_running_or_notify_cancel()]
        if live:
            self._commit_group(live)

    def _commit_group(self, batch: list[tuple[Work[Any], Future[Any]]]) -> None:
        try:
            conn = self._connection()
        except StoreError as exc:  # closed meanwhile: answer, never leave a caller waiting
            for _, future in batch:
                future.set_exception(exc)
            return
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for work, future in batch:
                conn.execute("SAVEPOINT claimdeck_write")
                try:
                    result = work(conn)
                except Exception as exc:  # this write is refused; the others go on
                    if not conn.in_transaction:  # SQLite rolled the whole group back (disk full)
                        raise
                    conn.execute("ROLLBACK TO claimdeck_write")
                    conn.execute("RELEASE claimdeck_write")
                    outcomes.append((future, None, self._mapped(exc)))
                    continue
                conn.execute("RELEASE claimdeck_write")
                outcomes.append((future, result, None))
            conn.execute("COMMIT")
        except BaseException as exc:  # the group as a whole failed: nothing of it was saved
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                    conn.execute("ROLLBACK")
            for _, future in batch:
                if not future.done():
                    future.set_exception(self._mapped(exc))
            if not isinstance(exc, Exception):
                raise
            return
        for future, result, error in outcomes:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)

    def _mapped(self, exc: BaseException) -> BaseException:
        if isinstance(exc, sqlite3.Error):
            error = sqlite_failure(exc, self.path, "save this change", self.busy_seconds)
            error.__cause__ = exc
            return error
        return exc

    def _read(self, work: Work[T], snapshot: bool) -> T:
        """In the reader's thread: ``work``, inside one read transaction with ``snapshot``."""
        conn = self._read_conn
        if conn is None:
            raise StoreError(f"The store {self.path} is not open.")
        try:
            if not snapshot:
                return work(conn)
            conn.execute("BEGIN")
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise sqlite_failure(
                    exc, self.path, "read its database", self.busy_seconds
                ) from exc
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
        for _ in range(len(self._queue) // MAX_GROUP + 2):  # no write is queued after closed
            with self._queue_lock:
                if not self._queue and not self._drain_queued:
                    break
            await self._run(lambda: None)  # the drains queued before this have run
        # Each queued after every call made before close(): they ran, now the connections close.
        await self._run(self._release)
        await self._on_reader(self._release_reader)
        await asyncio.to_thread(self._executor.shutdown, wait=True)
        await asyncio.to_thread(self._reader.shutdown, wait=True)

    def _release(self) -> None:
        """In the writer's thread: close its connection."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _release_reader(self) -> None:
        """In the reader's thread: close its connection."""
        conn, self._read_conn = self._read_conn, None
        if conn is not None:
            conn.close()
