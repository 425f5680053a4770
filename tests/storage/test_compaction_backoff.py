"""A compaction that keeps failing (a full disk) is retried after doubling amounts of journal,
whatever the timing: the bound is counted in journal bytes, never in wall time, and holds
whether or not a write lands between the compaction's journal rotation and its failure."""

from __future__ import annotations

import asyncio
import errno
import itertools
import threading
from pathlib import Path

import pytest

import storage.compaction
from bot.models import VoteChoice
from storage.tinydb_store import TinyDBStore
from tests.storage.records import make_card, make_vote

CHOICES = tuple(VoteChoice)
AFTER = 300  # compact_after_bytes; one vote's journal line is a little longer


async def _finished(task: asyncio.Task[None] | None) -> None:
    if task is not None:
        await asyncio.wait_for(asyncio.shield(task), 10)


@pytest.mark.parametrize("meanwhile", ["nothing", "one write"])
async def test_a_failing_compaction_waits_for_twice_as_much_journal_each_time(
    tmp_path: Path, monkeypatch, meanwhile: str
) -> None:
    """Each compaction is driven to its end before the test goes on, so the interleaving is
    fixed: with "nothing", the shard write fails before any write reaches the new segment;
    with "one write", one vote is journaled between the rotation and the failure."""
    store = await TinyDBStore.open(tmp_path / "data", compact_after_bytes=AFTER)
    engine = store._engine
    await store.save_card(make_card("bo"))
    await _finished(engine.compaction)  # that one succeeds: the disk fills up only now
    voted = 0
    failed_after: list[int] = []  # votes journaled when each attempt failed
    release = threading.Event()

    def no_space(root_, key, rows) -> None:
        if meanwhile == "one write":
            release.wait(timeout=10)
        failed_after.append(voted)
        raise OSError(errno.ENOSPC, "No space left on device", str(key.path(root_)))

    monkeypatch.setattr(storage.compaction, "write_shard", no_space)
    waiting: asyncio.Task[None] | None = None
    for member in range(100):
        await store.cast_vote(make_vote("bo", member, CHOICES[member % 3]))
        voted += 1
        if waiting is not None:  # a vote has landed in the segment it rotated to: fail now
            release.set()
            await _finished(waiting)
            release.clear()
            waiting = None
        if meanwhile == "nothing":
            await _finished(engine.compaction)
        else:
            waiting = engine.compaction
    release.set()
    await _finished(waiting)
    gaps = [b - a for a, b in itertools.pairwise(failed_after)]
    # A vote's journal line is ~320 bytes: the tries come after 300, 600, 1200, 2400 bytes,
    # then every 4800 (16 x compact_after_bytes): after 1, 2, 4, 8, then every 16 votes.
    assert gaps == sorted(gaps), f"the wait shrank: votes between tries {gaps}"
    assert gaps[-1] >= 8 * gaps[0], f"the wait did not grow: votes between tries {gaps}"
    assert gaps[-3] == gaps[-1], f"the wait is not capped: votes between tries {gaps}"
    assert len(failed_after) <= 12, f"{len(failed_after)} tries for 100 writes"
    monkeypatch.undo()
    await store.close()
    store = await TinyDBStore.open(tmp_path / "data")
    try:
        assert len(await store.votes_for_card("bo")) == 100
    finally:
        await store.close()
