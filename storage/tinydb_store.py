"""The TinyDB-backed :class:`~storage.protocol.Store`.

How a write works: under one ``asyncio.Lock`` the method checks the request against the
in-memory state, encodes the change (and its history event) as one journal record, appends and
fsyncs it in a worker thread, and only then updates memory and returns. So a write that returned
is on disk; a crash can lose only writes that never returned. Once the journal passes
``compact_after_bytes`` a background task rewrites the changed TinyDB shard files atomically
(temp file, fsync, rename, directory fsync), records the journal position in ``meta.json`` and
deletes the old journal segments. Opening replays whatever the journal holds beyond that
position, then compacts.

Memory holds a compact index of every card (ids, URL, title, times, message ids, claim ids and
where its body is) plus the small records (votes, events, follow-ups, settings). A card's body,
the large ClaimCard JSON, stays on disk in the guild's append-only body file
(:mod:`storage.bodies`) and is read with one ``pread`` when asked for; compaction appends the
bodies of cards saved since the last one, and fsyncs them before the index rows that point at
them are written. So opening reads only the small TinyDB files, and memory grows by a few hundred
bytes per card rather than by the card's size. After opening, ``gc.freeze()`` moves the loaded
objects out of the garbage collector's sight, so its full collections do not walk hundreds of
thousands of long-lived index objects (stalls of tens of ms) while the bot runs.

The work each write runs as a shielded task: a caller that is cancelled mid-write cannot leave
the journal and memory disagreeing. Blocking work in a worker thread is always waited for, even
when the coroutine awaiting it is cancelled (:func:`_finish_in_thread`), so the directory lock is
never released, nor a file closed, while a thread still writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import fcntl
import gc
import logging
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.models import (
    Event,
    EventKind,
    FollowUp,
    FollowUpState,
    GuildSettings,
    StoredCard,
    Vote,
)
from storage.atomic import ensure_dir, fsync_dir, is_temporary
from storage.bodies import BodyFiles, body_generations, body_path
from storage.errors import (
    DuplicateCard,
    StoreCorrupt,
    StoreError,
    UnknownCard,
    UnknownClaim,
    VotingClosed,
    no_access,
)
from storage.journal import JournalWriter, encode_line, read_journal, segment_paths
from storage.layout import (
    GUILDS_DIR,
    JOURNAL_DIR,
    LOCK_FILE,
    ShardKey,
    read_meta,
    read_shard_rows,
    read_tinydb_docs,
    shard_advice,
    shard_files,
    write_meta,
    write_shard,
)
from storage.migrations import (
    CURRENT_SCHEMA,
    detect_schema,
    migrate,
    remove_superseded_v2_card_files,
)
from storage.state import Op, StoreState, UnknownCardRow

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_COMPACT_AFTER_BYTES = 4 * 1024 * 1024
# A guild's body file is rewritten (at open) once its dead bytes pass both this and its live bytes.
DEFAULT_BODY_GARBAGE_BYTES = 64 * 1024 * 1024
_LOAD_ORDER = {"cards": 0, "votes": 1, "events": 2, "followups": 3, "settings": 4}


async def _finish_in_thread(fn: Callable[..., T], /, *args: Any) -> T:
    """``await asyncio.to_thread(fn, *args)``, except that a cancellation first waits for the
    thread to finish (a thread cannot be stopped), then propagates."""
    future = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    cancelled: asyncio.CancelledError | None = None
    while not future.done():
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError as exc:
            cancelled = exc
        except BaseException:
            break  # the thread raised: reported below
    if cancelled is not None:
        if not future.cancelled():
            future.exception()  # retrieved: the caller is gone, the cancellation wins
        raise cancelled
    return future.result()


def _card_of_op(op: Op) -> str | None:
    """The card a journal operation needs to exist (None for cards, follow-ups, settings)."""
    kind = op[0]
    if kind in ("cardmeta", "unvote"):
        return str(op[1])
    if kind == "vote":
        return str(op[1]["card_id"])
    if kind == "event":
        return str(op[2]["card_id"])
    return None


def _utc(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(f"The {what} time {value.isoformat()} has no time zone; pass UTC times.")
    return value.astimezone(UTC)


class TinyDBStore:
    """Claimdeck's state in a directory of TinyDB files plus a write-ahead journal."""

    def __init__(self, root: Path, *, compact_after_bytes: int, body_garbage_bytes: int) -> None:
        self.root = root
        self.compact_after_bytes = compact_after_bytes
        self.body_garbage_bytes = body_garbage_bytes
        self._bodies = BodyFiles(root)
        self._state = StoreState(self._bodies)
        self._journal = JournalWriter(root / JOURNAL_DIR)
        self._lock = asyncio.Lock()
        self._next_lsn = 1
        self._lock_fd: int | None = None
        self._closed = False
        self._inflight: set[asyncio.Future[Any]] = set()
        self._compaction: asyncio.Task[None] | None = None
        self._compacting = asyncio.Lock()
        self._closing: asyncio.Future[None] | None = None
        self._froze_gc = False

    # --- opening and closing --------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        root: str | Path,
        *,
        compact_after_bytes: int = DEFAULT_COMPACT_AFTER_BYTES,
        body_garbage_bytes: int = DEFAULT_BODY_GARBAGE_BYTES,
        freeze_gc: bool = True,
    ) -> TinyDBStore:
        """Open (creating, migrating and recovering as needed) the store in ``root``.

        ``freeze_gc`` calls ``gc.freeze()`` once loaded (see the module docstring; it affects
        the whole process, and :meth:`close` calls ``gc.unfreeze()``); objects created later
        are collected as usual.
        """
        store = cls(
            Path(root),
            compact_after_bytes=compact_after_bytes,
            body_garbage_bytes=body_garbage_bytes,
        )
        collecting = gc.isenabled()
        gc.disable()  # loading builds ~10 objects a card; collections meanwhile find no garbage
        try:
            await _finish_in_thread(store._open_blocking)
        except PermissionError as exc:
            store._release_dir_lock()
            raise no_access(exc.filename, store.root, exc) from exc
        except BaseException:
            store._release_dir_lock()
            raise
        finally:
            if collecting:
                gc.enable()
        if freeze_gc:
            gc.collect()  # collect the loading garbage first, so it is not frozen with the rest
            gc.freeze()
            store._froze_gc = True
        return store

    def _open_blocking(self) -> None:
        root = self.root
        try:
            ensure_dir(root)
        except PermissionError:
            raise
        except OSError as exc:
            raise StoreError(
                f"Claimdeck cannot create its data directory {root} ({exc.strerror}); "
                "set CLAIMDECK_DATA_DIR to a writable directory."
            ) from exc
        self._take_dir_lock()
        self._remove_temp_files()
        version = detect_schema(root)
        if version is None:
            write_meta(root, {"schema_version": CURRENT_SCHEMA, "last_lsn": 0, "last_seq": 0})
        elif version != CURRENT_SCHEMA:
            log.info("migrating %s from schema %s to %s", root, version, CURRENT_SCHEMA)
            migrate(root, version)
        remove_superseded_v2_card_files(root)
        meta = read_meta(root)
        assert meta is not None
        last_lsn = int(meta.get("last_lsn", 0))
        self._load_shards()
        self._check_body_files()
        replay = read_journal(root / JOURNAL_DIR)
        if replay.dropped_torn_tail:
            log.warning("dropped a torn, unacknowledged journal record in %s", root / JOURNAL_DIR)
        for record, (segment, line) in zip(replay.records, replay.sources, strict=True):
            lsn = int(record["lsn"])
            if lsn <= last_lsn:
                continue
            try:
                for op in record["ops"]:
                    self._state.apply(op)
            except (UnknownCardRow, KeyError, ValueError, TypeError, IndexError) as exc:
                raise StoreCorrupt(
                    segment,
                    f"journal line {line} (record {lsn}) cannot be applied: {exc!r}",
                    f"Stop Claimdeck and copy the data directory first. Then open {segment.name} "
                    f"in a text editor and delete line {line}: the change recorded there is "
                    "lost, every other line is kept. Start Claimdeck again; it names the next "
                    "line if another one cannot be applied.",
                ) from exc
            last_lsn = lsn
        self._require_indexed_cards()
        self._state.last_seq = max(self._state.last_seq, int(meta.get("last_seq", 0)))
        self._next_lsn = last_lsn + 1
        self._require_bodies()
        if replay.segments:
            # Fold the journal into the shard files so the next start is quick.
            self._write_snapshot(last_lsn, replay.segments)
        self._collect_body_garbage(last_lsn)
        self._journal.start_segment(self._next_lsn)

    def _check_body_files(self) -> None:
        """Refuse to start when a body file the index points into is missing or too short (so
        damage shows at start, not at the first read); pick each guild's current body file and
        drop body files no index row points into (left by an interrupted rewrite)."""
        ends: dict[tuple[int, int], int] = {}
        for entry in self._state.cards.values():
            if entry.body is not None:
                key = (entry.guild_id, entry.body[0])
                ends[key] = max(ends.get(key, 0), entry.body[1] + entry.body[2])
        for (guild_id, generation), end in sorted(ends.items()):
            size = self._bodies.file_size(guild_id, generation)
            path = body_path(self.root, guild_id, generation)
            if size is None:
                raise StoreCorrupt(path, "it is missing, but the card index points into it")
            if size < end:
                raise StoreCorrupt(
                    path, f"it holds {size} bytes but the card index points up to byte {end}"
                )
        guilds = self.root / GUILDS_DIR
        for guild_dir in sorted(guilds.iterdir()) if guilds.is_dir() else []:
            if not guild_dir.name.isdigit():
                continue
            guild_id = int(guild_dir.name)
            present = body_generations(guild_dir)
            used = [g for (gid, g) in ends if gid == guild_id]
            if not used:
                self._bodies.generation[guild_id] = max(present, default=1)
                continue
            self._bodies.generation[guild_id] = max(used)
            for generation in present:
                if generation not in used:
                    body_path(self.root, guild_id, generation).unlink()

    def _require_indexed_cards(self) -> None:
        """Every vote or event loaded from a shard needs its card, from the index or the journal
        just replayed (compaction may write a card's events before its index row)."""
        for card_id, path in self._state.adopt_orphans().items():
            key = next(k for k, p in shard_files(self.root) if p == path)
            raise StoreCorrupt(
                path,
                f"a record names card {card_id!r}, which is neither in the card index "
                f"({key.path(self.root).with_name(f'index-{key.bucket:02x}.json').name}) "
                "nor in the journal",
                shard_advice(key),
            )

    def _require_bodies(self) -> None:
        """Every card needs its body in a body file or in the journal just replayed."""
        state = self._state
        for card_id, entry in state.cards.items():
            if entry.body is None and card_id not in state.pending_bodies:
                key = ShardKey("cards", entry.guild_id, state.card_shard(card_id)[1])
                raise StoreCorrupt(
                    key.path(self.root),
                    f"card {card_id!r} has no body and the journal does not hold it",
                )

    def _collect_body_garbage(self, upto_lsn: int) -> None:
        """Rewrite a guild's body file when dead bodies dominate it, or when cards still point
        into an older file. Runs at open only, when nothing else touches the files."""
        live: dict[int, list[tuple[str, tuple[int, int, int]]]] = {}
        for card_id, entry in self._state.cards.items():
            if entry.body is not None:
                live.setdefault(entry.guild_id, []).append((card_id, entry.body))
        for guild_id, bodies in sorted(live.items()):
            current = self._bodies.generation[guild_id]
            live_bytes = sum(ref[2] for _, ref in bodies if ref[0] == current)
            dead_bytes = (self._bodies.file_size(guild_id, current) or 0) - live_bytes
            stale = any(ref[0] != current for _, ref in bodies)
            if not stale and dead_bytes < max(self.body_garbage_bytes, live_bytes):
                continue
            log.info("rewriting the body file of guild %s (%d dead bytes)", guild_id, dead_bytes)
            refs = self._bodies.rewrite(guild_id, bodies)
            for (card_id, _), ref in zip(bodies, refs, strict=True):
                self._state.cards[card_id].body = ref
                bucket = self._state.card_shard(card_id)[1]
                self._state.dirty.add(ShardKey("cards", guild_id, bucket))
            self._write_snapshot(upto_lsn, [])
            self._bodies.drop_generations_before(guild_id, self._bodies.generation[guild_id])

    def _take_dir_lock(self) -> None:
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

    def _release_dir_lock(self) -> None:
        self._journal.close()
        self._bodies.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def _remove_temp_files(self) -> None:
        """Temp files of interrupted writes never hold acknowledged data; drop them."""
        folders = [self.root, self.root / JOURNAL_DIR]
        guilds = self.root / GUILDS_DIR
        if guilds.is_dir():
            folders += [p for p in guilds.iterdir() if p.is_dir()]
        for folder in folders:
            if folder.is_dir():
                for path in folder.iterdir():
                    if is_temporary(path):
                        path.unlink(missing_ok=True)

    def _load_shards(self) -> None:
        self._state.loading = True
        files = sorted(shard_files(self.root), key=lambda kp: _LOAD_ORDER[kp[0].table])
        for key, path in files:
            try:
                if key.table == "cards":  # index rows are small: parse fast, re-encode on write
                    rows: list[tuple[dict[str, Any], str | None]] = [
                        (row, None) for row in read_tinydb_docs(path, "cards")
                    ]
                else:
                    rows = read_shard_rows(path, key.table)
            except StoreCorrupt as exc:
                raise StoreCorrupt(path, exc.problem, shard_advice(key)) from exc
            self._state.loading_source = path
            try:
                for row, text in rows:
                    self._state.load_row(key.table, row, text)
            except (KeyError, ValueError, TypeError) as exc:
                raise StoreCorrupt(
                    path, f"a record is malformed ({exc!r})", shard_advice(key)
                ) from exc
        self._state.finish_loading()
        self._state.dirty.clear()

    async def close(self) -> None:
        """Finish pending writes, fold the journal into the TinyDB files, release the directory.

        A cancelled ``close()`` goes on to the end in the background (calling it again waits
        for that): stopping half-way could release the directory while a thread still writes.
        """
        self._closed = True
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)
        if self._compaction is not None:
            with contextlib.suppress(Exception):
                await self._compaction
        async with self._compacting, self._lock:
            self._journal.close()
            segments = segment_paths(self.root / JOURNAL_DIR)
            try:
                # Deletes the segments only once every stale shard is written (dirty keys are
                # restored whenever a compaction fails, so the snapshot is complete).
                await _finish_in_thread(self._write_snapshot, self._next_lsn - 1, segments)
            finally:
                self._release_dir_lock()
                if self._froze_gc:  # let the collector reclaim what was frozen at open
                    gc.unfreeze()

    # --- the write path --------------------------------------------------------------------

    async def _mutate(self, plan: Callable[[], tuple[list[Op], T]]) -> T:
        """Run ``plan`` against current state under the lock, journal its ops, then apply."""
        if self._closed:
            raise StoreError("The store is closed; Claimdeck is shutting down.")

        async def run() -> T:
            async with self._lock:
                ops, result = plan()
                if ops:
                    await self._commit(ops)
                return result

        task = asyncio.ensure_future(run())
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    def _check_ops(self, ops: list[Op]) -> None:
        """Refuse, before journaling, any operation that could not be applied: a journaled
        record that fails to apply would stop every later start."""
        created = {str(op[1]["id"]) for op in ops if op[0] == "card"}
        for op in ops:
            card_id = _card_of_op(op)
            if card_id is not None and card_id not in self._state.cards and card_id not in created:
                raise UnknownCard(card_id)

    async def _commit(self, ops: list[Op]) -> None:
        self._check_ops(ops)
        line = encode_line({"lsn": self._next_lsn, "ops": ops})
        try:
            await _finish_in_thread(self._journal.append, line, self._next_lsn)
        except OSError as exc:
            raise StoreError(
                f"Claimdeck could not save this change to {self.root} ({exc.strerror}). "
                "Nothing was recorded; check free disk space and permissions, then try again."
            ) from exc
        self._next_lsn += 1
        for op in ops:
            self._state.apply(op)
        if self._journal.bytes_written >= self.compact_after_bytes and self._compaction is None:
            self._compaction = asyncio.create_task(self._compact_in_background())

    def _event_op(self, event: Event, offset: int = 0) -> Op:
        return ["event", self._state.last_seq + 1 + offset, event.to_dict()]

    # --- compaction ------------------------------------------------------------------------

    async def _compact_in_background(self) -> None:
        try:
            await self.compact()
        except Exception:
            log.exception("compacting %s failed; the journal keeps the data, will retry", self.root)
        finally:
            self._compaction = None

    async def compact(self) -> None:
        """Rewrite stale shard files and drop the journal segments they now cover.

        The journal is rotated first; each shard is then captured and written one at a time,
        so the event loop is never held for long. A shard captured after the rotation may
        already include later writes: harmless, since replaying the newer segment over it
        (idempotent puts and deletes, in order) gives the same state. Bodies saved before the
        rotation are appended (and fsynced) first, so index rows never point at unwritten
        bytes; a card saved after it gets an index row with ``"body": null``, which the newer
        segment (kept) fills in on replay.
        """
        async with self._compacting:
            keys: set[ShardKey] = set()
            try:
                async with self._lock:
                    pending = self._state.pending_by_guild()
                    upto = self._next_lsn - 1
                    old = segment_paths(self.root / JOURNAL_DIR)
                    # Rotate first: if that fails, the dirty set is untouched.
                    await _finish_in_thread(self._journal.start_segment, self._next_lsn)
                    keys = set(self._state.dirty)
                    self._state.dirty.clear()
                if pending:
                    written = await _finish_in_thread(self._append_bodies, pending)
                    self._state.bodies_written(written)
                    keys |= self._state.dirty  # the index rows that now point at the bodies
                    self._state.dirty.clear()
                for key in sorted(keys):
                    rows = self._state.shard_rows(key)
                    await _finish_in_thread(write_shard, self.root, key, rows)
                folders = {key.path(self.root).parent for key in keys}
                await _finish_in_thread(self._finish_compaction, folders, upto, old)
            except BaseException:
                self._state.mark_dirty(keys)
                raise

    def _append_bodies(
        self, pending: dict[int, list[tuple[str, str]]]
    ) -> list[tuple[str, str, tuple[int, int, int]]]:
        """Append (and fsync) pending bodies to their guilds' body files; blocking."""
        written = []
        for guild_id, bodies in sorted(pending.items()):
            refs = self._bodies.append(guild_id, (text for _, text in bodies))
            written += [(cid, text, ref) for (cid, text), ref in zip(bodies, refs, strict=True)]
        return written

    def _write_snapshot(self, upto_lsn: int, old_segments: Iterable[Path]) -> None:
        """Blocking compaction, used at open and close when nothing else runs."""
        pending = self._state.pending_by_guild()
        if pending:
            self._state.bodies_written(self._append_bodies(pending))
        snapshot = self._state.take_dirty()
        try:
            for key, rows in snapshot.items():
                write_shard(self.root, key, rows)
        except BaseException:
            self._state.mark_dirty(snapshot)
            raise
        folders = {key.path(self.root).parent for key in snapshot}
        self._finish_compaction(folders, upto_lsn, old_segments)

    def _finish_compaction(
        self, folders: set[Path], upto_lsn: int, old_segments: Iterable[Path]
    ) -> None:
        """Make the new shard files durable, then record the journal position, then drop the
        segments it covers (in that order, so a crash in between only means more replay)."""
        for folder in folders:
            fsync_dir(folder)
        if folders:
            fsync_dir(self.root / GUILDS_DIR)
        write_meta(
            self.root,
            {
                "schema_version": CURRENT_SCHEMA,
                "last_lsn": upto_lsn,
                "last_seq": self._state.last_seq,
            },
        )
        removed = False
        for segment in old_segments:
            if segment != self._journal.path:
                segment.unlink(missing_ok=True)
                removed = True
        if removed:
            fsync_dir(self.root / JOURNAL_DIR)

    # --- cards -------------------------------------------------------------------------------

    async def save_card(self, card: StoredCard) -> None:
        card = dataclasses.replace(card, created_at=_utc(card.created_at, "card creation"))

        def plan() -> tuple[list[Op], None]:
            state = self._state
            existing = state.by_url.get((card.guild_id, card.canonical_url))
            if existing is not None and existing != card.id:
                stored = state.card(existing)
                assert stored is not None
                raise DuplicateCard(stored)
            ops: list[Op] = [["card", card.to_dict()]]
            if card.id not in state.cards:
                created = Event(
                    card.id,
                    EventKind.CARD_CREATED,
                    card.created_at,
                    card.created_by,
                    {"url": card.canonical_url},
                )
                ops.append(self._event_op(created))
            return ops, None

        await self._mutate(plan)

    async def get_card(self, card_id: str) -> StoredCard | None:
        return self._state.card(card_id)

    async def find_card_by_url(self, guild_id: int, canonical_url: str) -> StoredCard | None:
        card_id = self._state.by_url.get((guild_id, canonical_url))
        return None if card_id is None else self._state.card(card_id)

    async def recent_cards(
        self, guild_id: int, limit: int = 25, query: str | None = None
    ) -> list[StoredCard]:
        state = self._state
        needle = query.strip().casefold() if query else ""
        found: list[StoredCard] = []
        for _, card_id in reversed(state.guild_timeline.get(guild_id, [])):
            if len(found) >= limit:
                break
            if needle and needle not in state.cards[card_id].title_folded:
                continue
            card = state.card(card_id)
            if card is not None:
                found.append(card)
        return found

    def _require_card(self, card_id: str) -> StoredCard:
        card = self._state.card(card_id)
        if card is None:
            raise UnknownCard(card_id)
        return card

    async def update_card_message(
        self, card_id: str, channel_id: int | None, message_id: int | None, thread_id: int | None
    ) -> StoredCard:
        def plan() -> tuple[list[Op], StoredCard]:
            card = dataclasses.replace(
                self._require_card(card_id),
                channel_id=channel_id,
                message_id=message_id,
                thread_id=thread_id,
            )
            fields = {"channel_id": channel_id, "message_id": message_id, "thread_id": thread_id}
            return [["cardmeta", card_id, fields]], card

        return await self._mutate(plan)

    async def close_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        at = _utc(at, "voting close")

        def plan() -> tuple[list[Op], StoredCard]:
            card = self._require_card(card_id)
            if card.voting_closed:
                return [], card
            card = dataclasses.replace(card, voting_closed=True)
            event = Event(card_id, EventKind.VOTING_CLOSED, at, actor_id)
            return [["cardmeta", card_id, {"voting_closed": True}], self._event_op(event)], card

        return await self._mutate(plan)

    # --- votes -------------------------------------------------------------------------------

    def _check_votable(self, card_id: str, claim_id: str) -> None:
        entry = self._state.cards.get(card_id)
        if entry is None:
            raise UnknownCard(card_id)
        if entry.voting_closed:
            raise VotingClosed(card_id)
        if claim_id not in entry.claim_ids:
            raise UnknownClaim(card_id, claim_id)

    async def cast_vote(self, vote: Vote) -> Vote | None:
        vote = dataclasses.replace(vote, cast_at=_utc(vote.cast_at, "vote"))

        def plan() -> tuple[list[Op], Vote | None]:
            self._check_votable(vote.card_id, vote.claim_id)
            previous_entry = self._state.votes.get(vote.card_id, {}).get(
                (vote.claim_id, vote.member_id)
            )
            previous = previous_entry[0] if previous_entry else None
            data: dict[str, Any] = {"claim_id": vote.claim_id, "choice": vote.choice.value}
            if previous is not None:
                data["previous"] = previous.choice.value
            kind = EventKind.VOTE_CHANGED if previous else EventKind.VOTE_CAST
            event = Event(vote.card_id, kind, vote.cast_at, vote.member_id, data)
            return [["vote", vote.to_dict()], self._event_op(event)], previous

        return await self._mutate(plan)

    async def retract_vote(self, card_id: str, claim_id: str, member_id: int, at: datetime) -> bool:
        at = _utc(at, "vote retraction")

        def plan() -> tuple[list[Op], bool]:
            self._check_votable(card_id, claim_id)
            previous = self._state.votes.get(card_id, {}).get((claim_id, member_id))
            if previous is None:
                return [], False
            data = {"claim_id": claim_id, "choice": previous[0].choice.value}
            event = Event(card_id, EventKind.VOTE_RETRACTED, at, member_id, data)
            return [["unvote", card_id, claim_id, member_id], self._event_op(event)], True

        return await self._mutate(plan)

    async def votes_for_card(self, card_id: str) -> list[Vote]:
        votes = [vote for vote, _ in self._state.votes.get(card_id, {}).values()]
        return sorted(votes, key=lambda v: (v.cast_at, v.claim_id, v.member_id))

    # --- follow-ups --------------------------------------------------------------------------

    @staticmethod
    def _normalise_followup(followup: FollowUp) -> FollowUp:
        resolved = followup.resolved_at
        return dataclasses.replace(
            followup,
            due_at=_utc(followup.due_at, "follow-up due"),
            created_at=_utc(followup.created_at, "follow-up creation"),
            resolved_at=_utc(resolved, "follow-up resolution") if resolved else None,
        )

    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        followup = self._normalise_followup(followup)

        def plan() -> tuple[list[Op], None]:
            self._require_card(followup.card_id)
            if followup.id in self._state.followups:
                raise StoreError(f"A follow-up with id {followup.id!r} already exists.")
            data = {"followup_id": followup.id, "party": followup.party}
            data["due_at"] = followup.due_at.isoformat()
            event = Event(
                followup.card_id, EventKind.FOLLOWUP_CREATED, followup.created_at, actor_id, data
            )
            return [["followup", followup.to_dict()], self._event_op(event)], None

        await self._mutate(plan)

    async def update_followup(
        self, followup: FollowUp, actor_id: int | None = None, at: datetime | None = None
    ) -> None:
        """Save a changed follow-up; a resolution or a new reminder is logged as an event.

        ``at`` is when it happened (defaults to ``resolved_at`` for a resolution, else now).
        """
        followup = self._normalise_followup(followup)

        def plan() -> tuple[list[Op], None]:
            if followup.card_id not in self._state.cards:
                raise UnknownCard(followup.card_id)
            old_entry = self._state.followups.get(followup.id)
            if old_entry is None:
                raise StoreError(
                    f"There is no follow-up with id {followup.id!r}; it may have been removed."
                )
            old = old_entry[0]
            ops: list[Op] = [["followup", followup.to_dict()]]
            when = _utc(at, "follow-up update") if at else None
            if followup.reminders_sent > old.reminders_sent:
                data = {"followup_id": followup.id, "reminders_sent": followup.reminders_sent}
                event = Event(
                    followup.card_id,
                    EventKind.FOLLOWUP_REMINDED,
                    when or datetime.now(UTC),
                    actor_id,
                    data,
                )
                ops.append(self._event_op(event, len(ops) - 1))
            if old.state is FollowUpState.OPEN and followup.state is FollowUpState.RESOLVED:
                data = {"followup_id": followup.id, "resolution_url": followup.resolution_url}
                event = Event(
                    followup.card_id,
                    EventKind.FOLLOWUP_RESOLVED,
                    when or followup.resolved_at or datetime.now(UTC),
                    actor_id,
                    data,
                )
                ops.append(self._event_op(event, len(ops) - 1))
            return ops, None

        await self._mutate(plan)

    async def get_followup(self, followup_id: str) -> FollowUp | None:
        entry = self._state.followups.get(followup_id)
        return entry[0] if entry else None

    async def due_followups(self, now: datetime, limit: int = 50) -> list[FollowUp]:
        now = _utc(now, "current")
        due = [
            f
            for f, _ in self._state.followups.values()
            if f.state is FollowUpState.OPEN and f.due_at <= now
        ]
        return sorted(due, key=lambda f: (f.due_at, f.id))[:limit]

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        ids = self._state.guild_followups.get(guild_id, {})
        found = [self._state.followups[i][0] for i in ids]
        return sorted(
            (f for f in found if f.state is FollowUpState.OPEN), key=lambda f: (f.due_at, f.id)
        )

    # --- settings and history ----------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        entry = self._state.settings.get(guild_id)
        return entry[0] if entry else GuildSettings(guild_id=guild_id)

    async def save_settings(self, settings: GuildSettings) -> None:
        await self._mutate(lambda: ([["settings", settings.to_dict()]], None))

    async def append_event(self, event: Event) -> None:
        event = dataclasses.replace(event, at=_utc(event.at, "event"))

        def plan() -> tuple[list[Op], None]:
            self._require_card(event.card_id)
            return [self._event_op(event)], None

        await self._mutate(plan)

    async def events_for_card(self, card_id: str) -> list[Event]:
        return self._state.event_list(card_id)

    # --- for benchmarks and operators -------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Record counts, for the benchmark and for logging at start-up."""
        state = self._state
        return {
            "cards": len(state.cards),
            "votes": sum(len(v) for v in state.votes.values()),
            "events": sum(len(e) for e in state.events.values()),
            "followups": len(state.followups),
            "guilds_with_settings": len(state.settings),
            "bodies_in_memory": len(state.pending_bodies),
        }
