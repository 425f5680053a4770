"""The write path of the TinyDB store: one lock, one journal, memory changed only after fsync.

How a write works: under one ``asyncio.Lock`` a *plan* checks the request against the in-memory
state and returns the journal operations that carry it out (the change and its history event);
they are encoded as one journal record, appended and fsynced in a worker thread, and only then
applied to memory. So a write that returned is on disk, and a crash can lose only writes that
never returned. A write runs as a shielded task: a caller cancelled mid-write cannot leave the
journal and memory disagreeing. Once the journal passes ``compact_after_bytes`` a background
compaction folds it into the shard files (:mod:`storage.compaction`).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.models import Event, FollowUp, GuildSettings, Vote
from storage.bodies import BodyFiles
from storage.errors import StoreError, UnknownCard
from storage.journal import JournalWriter, encode_line
from storage.layout import JOURNAL_DIR, LOCK_FILE, ShardKey
from storage.state import Op, StoreState
from storage.threads import finish_in_thread

log = logging.getLogger("storage.tinydb_store")
T = TypeVar("T")


def utc(value: datetime, what: str) -> datetime:
    """``value`` in UTC; a naive time is refused (it would be read differently by each host)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(f"The {what} time {value.isoformat()} has no time zone; pass UTC times.")
    return value.astimezone(UTC)


def _card_of_op(op: Op) -> str | None:
    """The card a journal operation needs to exist (None for cards, follow-ups, settings)."""
    kind = op[0]
    if kind in ("cardmeta", "unvote"):
        return str(op[1])
    if kind == "vote":
        return str(op[1]["card_id"])
    if kind == "event":
        return str(op[2]["card_id"])
    if kind == "followup":
        return str(op[1]["card_id"])
    return None


_PARSERS: dict[str, Callable[[dict[str, Any]], object]] = {
    "vote": Vote.from_dict,
    "followup": FollowUp.from_dict,
    "settings": GuildSettings.from_dict,
}


class Engine:
    """Everything the store's parts share: the directory, memory, the journal, the locks."""

    def __init__(self, root: Path, *, compact_after_bytes: int, body_garbage_bytes: int) -> None:
        self.root = root
        self.compact_after_bytes = compact_after_bytes
        # Journal bytes that start the next background compaction; grows after each failure.
        self.compact_at_bytes = compact_after_bytes
        self.body_garbage_bytes = body_garbage_bytes
        self.bodies = BodyFiles(root)
        self.state = StoreState(self.bodies)
        self.journal = JournalWriter(root / JOURNAL_DIR)
        self.lock = asyncio.Lock()
        self.next_lsn = 1
        self.closed = False
        self.inflight: set[asyncio.Future[Any]] = set()
        self.compaction: asyncio.Task[None] | None = None
        self.compacting = asyncio.Lock()
        # Shard files known to exist durably: the manifest written to meta.json.
        self.files: set[ShardKey] = set()
        self._lock_fd: int | None = None
        # Set by TinyDBStore: starts a background compaction (kept out of here to avoid a cycle).
        self.start_compaction: Callable[[], None] = lambda: None

    # --- the directory lock ----------------------------------------------------------------

    def take_dir_lock(self) -> None:
        fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                f"Another Claimdeck process is using the data directory {self.root}. "
                "Stop it first, or give this one its own CLAIMDECK_DATA_DIR."
            ) from None
        self._lock_fd = fd

    def release_dir_lock(self) -> None:
        """Close every file and give up the directory (what a crash does, minus the crash)."""
        self.journal.close()
        self.bodies.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # --- writing -----------------------------------------------------------------------------

    async def mutate(self, plan: Callable[[], tuple[list[Op], T]]) -> T:
        """Run ``plan`` against current state under the lock, journal its ops, then apply."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")

        async def run() -> T:
            async with self.lock:
                ops, result = plan()
                if ops:
                    await self._commit(ops)
                return result

        task = asyncio.ensure_future(run())
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)
        return await asyncio.shield(task)

    def _check_ops(self, ops: list[Op]) -> None:
        """Refuse, before journaling, any operation that could not be applied: a journaled
        record that fails to apply would stop every later start."""
        created = {str(op[1]["id"]) for op in ops if op[0] == "card"}
        for op in ops:
            card_id = _card_of_op(op)
            if card_id is not None and card_id not in self.state.cards and card_id not in created:
                raise UnknownCard(card_id)
            parse = _PARSERS.get(op[0])
            if parse is not None:
                try:
                    parse(json.loads(json.dumps(op[1])))
                except (KeyError, ValueError, TypeError, AttributeError) as exc:
                    raise StoreError(f"This {op[0]} record cannot be saved: {exc!r}.") from exc

    async def _commit(self, ops: list[Op]) -> None:
        self._check_ops(ops)
        line = encode_line({"lsn": self.next_lsn, "ops": ops})
        try:
            await finish_in_thread(self.journal.append, line, self.next_lsn)
        except OSError as exc:
            raise StoreError(
                f"Claimdeck could not save this change to {self.root} ({exc.strerror}). "
                "Nothing was recorded; check free disk space and permissions, then try again."
            ) from exc
        self.next_lsn += 1
        for op in ops:
            self.state.apply(op)
        if self.journal.bytes_written >= self.compact_at_bytes and self.compaction is None:
            self.start_compaction()

    def event_op(self, event: Event, offset: int = 0) -> Op:
        """The journal operation appending ``event``; ``offset`` counts the events before it in
        the same write, so each gets its own sequence number."""
        return ["event", self.state.last_seq + 1 + offset, event.to_dict()]
