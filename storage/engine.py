"""The write path of the TinyDB store: group commit, one journal, memory changed after fsync.

How a write works: the caller queues a *plan* (it checks the request against the in-memory state
and returns the journal operations that carry it out: the change and its history event) and
waits. One committer task takes every queued write as a group: under one ``asyncio.Lock`` it
runs the plans in arrival order, each seeing the writes planned before it (applied, then undone
in the same event-loop step: :mod:`storage.undo`), encodes one journal record per write
(consecutive lsns), appends them all with one write and one fsync in a worker thread, and only
then applies them to memory and answers the callers. Writes that arrive during that fsync form
the next group, so a burst of N writes costs about two fsyncs instead of N.

So a write that returned is on disk, and a crash can lose only writes that never returned; a
failed fsync fails every write of its group, and the journal cuts the group off (or moves to a
new segment) so no torn record sits in front of acknowledged ones. A caller cancelled mid-write
cannot leave the journal and memory disagreeing: a write not yet planned is dropped, a
planned one goes on with its group. Once the journal
passes ``compact_after_bytes`` a background compaction folds it into the shard files
(:mod:`storage.compaction`).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.models import Event, FollowUp, GuildSettings, Vote
from storage.bodies import BodyFiles
from storage.errors import StoreError, UnknownCard
from storage.journal import JournalWriter, encode_line
from storage.layout import JOURNAL_DIR, LOCK_FILE, ShardKey
from storage.state import Op, StoreState
from storage.undo import Undo, apply_undoable

log = logging.getLogger("storage.tinydb_store")
T = TypeVar("T")
MAX_GROUP = 1000  # writes per group commit: bounds one fsync's records and the planning step


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


@dataclass(slots=True)
class Write:
    """A queued write: its plan, and the future its caller awaits."""

    plan: Callable[[], tuple[list[Op], Any]]
    future: asyncio.Future[Any]

    def settle(self, outcome: Any) -> None:
        """Answer the caller: ``outcome`` is the plan's result, or the exception to raise."""
        if self.future.done():
            return
        if isinstance(outcome, BaseException):
            self.future.set_exception(outcome)
        else:
            self.future.set_result(outcome)


def _settled(future: asyncio.Future[Any]) -> None:
    """Mark the outcome seen: a caller cancelled while waiting no longer reads it."""
    if not future.cancelled():
        future.exception()


def _undo(undos: list[Undo], mark: int) -> None:
    """Take back the operations applied since ``undos[mark]``, newest first."""
    while len(undos) > mark:
        undos.pop()()


async def _finish_thread(
    fn: Callable[..., None], /, *args: Any
) -> tuple[BaseException | None, asyncio.CancelledError | None]:
    """Run ``fn`` in a worker thread to the end, whatever happens to the awaiting task: the
    group's outcome must be settled (and memory updated) even when the task is cancelled at
    loop shutdown. Returns the exception it raised, and the cancellation to re-raise."""
    thread = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    cancelled: asyncio.CancelledError | None = None
    while not thread.done():
        try:
            await asyncio.shield(thread)
        except asyncio.CancelledError as exc:
            cancelled = exc
        except BaseException:
            break
    return thread.exception(), cancelled


def _write_failed(root: Path, exc: OSError) -> StoreError:
    error = StoreError(
        f"Claimdeck could not save this change to {root} ({exc.strerror}). "
        "Nothing was recorded; check free disk space and permissions, then try again."
    )
    error.__cause__ = exc
    return error


def _stopped(root: Path) -> str:
    return f"The store in {root} stopped before saving this change; nothing was recorded."


class Engine:
    """Everything the store's parts share: the directory, memory, the journal, the locks."""

    def __init__(self, root: Path, *, compact_after_bytes: int, body_garbage_bytes: int) -> None:
        self.root = root
        self.compact_after_bytes = compact_after_bytes
        # Journal bytes that start the next background compaction; grows after each failure.
        self.compact_at_bytes = compact_after_bytes
        # Journal bytes a failing compaction waits for before its next try (None: not failing);
        # doubled at each failure, so a full disk is not retried after every write.
        self.compact_retry_bytes: int | None = None
        self.body_garbage_bytes = body_garbage_bytes
        self.bodies = BodyFiles(root)
        self.state = StoreState(self.bodies)
        self.journal = JournalWriter(root / JOURNAL_DIR)
        # Held by a group commit and by compaction's journal rotation; writers only queue.
        self.lock = asyncio.Lock()
        self.queue: list[Write] = []
        self.committer: asyncio.Task[None] | None = None
        self.next_lsn = 1
        self.closed = False
        self.read_only = False  # opened by storage.readonly: every write is refused
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
        """Queue ``plan`` for the next group commit; return its result once it is durable."""
        if self.closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")
        if self.read_only:
            raise StoreError(f"The store in {self.root} was opened read-only; nothing was saved.")
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.queue.append(Write(plan, future))
        self.inflight.add(future)
        future.add_done_callback(_settled)
        if self.committer is None:
            self.committer = asyncio.create_task(self._commit_loop())
        # Not shielded (one event-loop step less per write): a caller cancelled before its
        # write is planned cancels it (nothing is recorded); once planned, it goes ahead.
        return await future

    async def _commit_loop(self) -> None:
        """Commit groups until the queue is empty. Writes queued while a group's fsync runs
        form the next group, so one fsync serves every write that waited for it."""
        try:
            while self.queue:
                async with self.lock:
                    batch = self.queue[:MAX_GROUP]
                    del self.queue[:MAX_GROUP]
                    await self._commit_group(batch)
        finally:
            self.committer = None
            for write in self.queue:  # only when this task was cancelled (loop shutdown)
                write.settle(StoreError(_stopped(self.root)))
            self.queue.clear()

    async def _commit_group(self, batch: list[Write]) -> None:
        """Plan every write against memory plus the writes planned before it, undo them all,
        append their records with one write and one fsync, then apply and acknowledge them.

        Memory changes only after the fsync, as readers and compaction expect. A write whose
        plan ran after another write of the group is settled with the group: if the fsync
        fails, every such write fails (its answer may depend on a write that was not saved).
        """
        undos: list[Undo] = []
        lines: list[bytes] = []
        records: list[list[Op]] = []
        grouped: list[tuple[Write, Any]] = []  # (write, its result or the exception it raised)
        try:
            for write in batch:
                if write.future.done():  # its caller was cancelled before it was planned
                    continue
                mark = len(undos)
                try:
                    ops, result = write.plan()
                    if ops:
                        self._check_ops(ops)
                        for op in ops:
                            undos.append(apply_undoable(self.state, op))
                except Exception as exc:  # this write is refused; the others go on
                    _undo(undos, mark)
                    result, ops = exc, []
                if ops:
                    lsn = self.next_lsn + len(records)
                    lines.append(encode_line({"lsn": lsn, "ops": ops}))
                    records.append(ops)
                    grouped.append((write, result))
                elif undos:
                    grouped.append((write, result))
                else:  # planned against durable state only: answer at once
                    write.settle(result)
        finally:
            _undo(undos, 0)  # readers see the group only once it is durable
        if not records:
            for write, result in grouped:
                write.settle(result)
            return
        error, cancelled = await _finish_thread(self.journal.append, b"".join(lines), self.next_lsn)
        if error is None:
            self.next_lsn += len(records)
            for ops in records:
                for op in ops:
                    self.state.apply(op)
            for write, result in grouped:
                write.settle(result)
            if self.journal.bytes_written >= self.compact_at_bytes and self.compaction is None:
                self.start_compaction()
        else:
            for write, _ in grouped:
                write.settle(
                    _write_failed(self.root, error) if isinstance(error, OSError) else error
                )
        if cancelled is not None:
            raise cancelled

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

    def event_op(self, event: Event, offset: int = 0) -> Op:
        """The journal operation appending ``event``; ``offset`` counts the events before it in
        the same write, so each gets its own sequence number."""
        return ["event", self.state.last_seq + 1 + offset, event.to_dict()]
