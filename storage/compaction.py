"""Compaction: fold the journal into the shard files, then record that in ``meta.json``.

The journal is rotated first; each stale shard is then captured and written one at a time (a
temp file, fsync, rename), so the event loop is never held for long. A shard captured after the
rotation may already include later writes: harmless, since replaying the newer segment over it
(idempotent puts and deletes, in order) gives the same state. Bodies saved before the rotation
are appended (and fsynced) first, so index rows never point at unwritten bytes; a card saved
after it gets an index row with ``"body": null``, which the newer segment (kept) fills in on
replay. Only once every written file and its folder are fsynced does ``meta.json`` record the
new journal position and the files that must now exist; the old segments go last.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from storage.atomic import fsync_dir
from storage.bodies import BodyRef
from storage.engine import Engine
from storage.errors import os_failure
from storage.journal import segment_paths
from storage.layout import GUILDS_DIR, JOURNAL_DIR, ShardKey, manifest_of, write_meta, write_shard
from storage.migrations import CURRENT_SCHEMA
from storage.threads import finish_in_thread

log = logging.getLogger("storage.tinydb_store")


MAX_BACKOFF = 16  # a failing compaction is retried after at most 16 x compact_after_bytes

def next_retry_wait(engine: Engine) -> int:
    """Record one more failed compaction; the journal bytes to wait for before the next try:
    ``compact_after_bytes`` after the first failure, doubled at each further one (at most
    ``MAX_BACKOFF`` times). Counted in bytes, never in time, so the bound holds however loaded
    the machine is, and kept apart from ``compact_at_bytes``, which also counts what was
    journaled between the rotation and the failure."""
    after = engine.compact_after_bytes
    previous = engine.compact_retry_bytes
    wait = after if previous is None else min(2 * previous, MAX_BACKOFF * after)
    engine.compact_retry_bytes = wait
    return wait


async def compact_in_background(engine: Engine) -> None:
    """Compact; after a failure wait for twice as much more journal before the next try (a full
    disk would otherwise be retried, and logged, after every write)."""
    try:
        await compact(engine)
        engine.compact_at_bytes = engine.compact_after_bytes
        engine.compact_retry_bytes = None
    except Exception as exc:
        engine.compact_at_bytes = engine.journal.bytes_written + next_retry_wait(engine)
        if isinstance(exc, OSError):
            error = os_failure(
                exc, engine.root, "fold its journal into the data files", "it retries by itself"
            )
            log.error("compacting failed: %s", error)
        else:
            log.exception(
                "compacting %s failed; the journal keeps the data, will retry", engine.root
            )
    finally:
        engine.compaction = None


async def compact(engine: Engine) -> None:
    """Rewrite stale shard files and drop the journal segments they now cover."""
    state = engine.state
    async with engine.compacting:
        keys: set[ShardKey] = set()
        try:
            async with engine.lock:
                pending = state.pending_by_guild()
                upto = engine.next_lsn - 1
                old = segment_paths(engine.root / JOURNAL_DIR)
                # Rotate first: if that fails, the dirty set is untouched.
                await finish_in_thread(engine.journal.start_segment, engine.next_lsn)
                keys = set(state.dirty)
                state.dirty.clear()
            if pending:
                written = await finish_in_thread(append_bodies, engine, pending)
                state.bodies_written(written)
                keys |= state.dirty  # the index rows that now point at the bodies
                state.dirty.clear()
            for key in sorted(keys):
                rows = state.shard_rows(key)
                await finish_in_thread(write_shard, engine.root, key, rows)
            await finish_in_thread(finish_compaction, engine, keys, upto, old)
        except BaseException:
            state.mark_dirty(keys)
            raise


def append_bodies(
    engine: Engine, pending: dict[int, list[tuple[str, str]]]
) -> list[tuple[str, str, BodyRef]]:
    """Append (and fsync) pending bodies to their guilds' body files; blocking."""
    written = []
    for guild_id, bodies in sorted(pending.items()):
        refs = engine.bodies.append(guild_id, (text for _, text in bodies))
        written += [(cid, text, ref) for (cid, text), ref in zip(bodies, refs, strict=True)]
    return written


def write_snapshot(engine: Engine, upto_lsn: int, old_segments: Iterable[Path]) -> None:
    """Blocking compaction, used at open and close when nothing else runs."""
    state = engine.state
    pending = state.pending_by_guild()
    if pending:
        state.bodies_written(append_bodies(engine, pending))
    snapshot = state.take_dirty()
    try:
        for key, rows in snapshot.items():
            write_shard(engine.root, key, rows)
    except BaseException:
        state.mark_dirty(snapshot)
        raise
    finish_compaction(engine, set(snapshot), upto_lsn, old_segments)


def finish_compaction(
    engine: Engine, written: set[ShardKey], upto_lsn: int, old_segments: Iterable[Path]
) -> None:
    """Make the new shard files durable, then record the journal position and the files that
    must exist, then drop the segments it covers (in that order, so a crash in between only
    means more replay)."""
    root = engine.root
    for folder in sorted({key.path(root).parent for key in written}):
        fsync_dir(folder)
    if written:
        fsync_dir(root / GUILDS_DIR)
    engine.files |= written
    write_meta(
        root,
        {
            "schema_version": CURRENT_SCHEMA,
            "last_lsn": upto_lsn,
            "last_seq": engine.state.last_seq,
            "files": manifest_of(engine.files),
        },
    )
    removed = False
    for segment in old_segments:
        if segment != engine.journal.path:
            segment.unlink(missing_ok=True)
            removed = True
    if removed:
        fsync_dir(root / JOURNAL_DIR)


def collect_body_garbage(engine: Engine, upto_lsn: int) -> None:
    """Rewrite a guild's body file when dead bodies dominate it, or when cards still point
    into an older file. Runs at open only, when nothing else touches the files."""
    state, bodies = engine.state, engine.bodies
    live: dict[int, list[tuple[str, BodyRef]]] = {}
    for card_id, entry in state.cards.items():
        if entry.body is not None:
            live.setdefault(entry.guild_id, []).append((card_id, entry.body))
    for guild_id, refs in sorted(live.items()):
        current = bodies.generation[guild_id]
        live_bytes = sum(ref[2] for _, ref in refs if ref[0] == current)
        dead_bytes = (bodies.file_size(guild_id, current) or 0) - live_bytes
        stale = any(ref[0] != current for _, ref in refs)
        if not stale and dead_bytes < max(engine.body_garbage_bytes, live_bytes):
            continue
        log.info("rewriting the body file of guild %s (%d dead bytes)", guild_id, dead_bytes)
        new_refs = bodies.rewrite(guild_id, refs)
        for (card_id, _), ref in zip(refs, new_refs, strict=True):
            state.cards[card_id].body = ref
            state.dirty.add(ShardKey("cards", guild_id, state.card_shard(card_id)[1]))
        write_snapshot(engine, upto_lsn, [])
        bodies.drop_generations_before(guild_id, bodies.generation[guild_id])
