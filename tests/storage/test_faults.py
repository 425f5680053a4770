"""Faults injected at the worst moments: no acknowledged write is lost, no start is refused
without a reason, and every refusal says what to do."""

from __future__ import annotations

import asyncio
import errno
import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

import storage.atomic
import storage.bodies
import storage.compaction
import storage.engine
import storage.journal
import storage.tinydb_store as tinydb_store
from bot.models import VoteChoice
from storage import StoreCorrupt, StoreError, UnknownCard
from storage.journal import encode_line
from storage.layout import bucket_of
from storage.tinydb_store import TinyDBStore
from tests.storage.records import make_card, make_followup, make_vote

CHOICES = tuple(VoteChoice)


def _ids_in_bucket(bucket: int, count: int, prefix: str) -> list[str]:
    found = (f"{prefix}{n:05d}" for n in range(100_000))
    return [i for i in found if bucket_of(i) == bucket][:count]


def _crash(store: TinyDBStore) -> None:
    """Drop the store as kill -9 would: no compaction, no close."""
    store._engine.release_dir_lock()


async def _wait_for(flag: threading.Event) -> None:
    async with asyncio.timeout(6):
        assert await asyncio.to_thread(flag.wait, 5), "the awaited moment never came"


async def test_a_card_saved_while_compaction_runs_survives_a_crash(tmp_path, monkeypatch) -> None:
    """Compaction writes events-<bb>.json before index-<bb>.json: a card saved meanwhile has its
    CARD_CREATED event in the events file but not its index row (it is in the journal)."""
    root = tmp_path / "data"
    low = _ids_in_bucket(3, 1, "a")[0]
    old, new = _ids_in_bucket(40, 2, "y")
    store = await TinyDBStore.open(root)
    await store.save_card(make_card(low, url="https://n.example/low"))
    await store.save_card(make_card(old, url="https://n.example/old"))
    await store.compact()
    await store.cast_vote(make_vote(low, 1, VoteChoice.CREDIBLE))
    await store.cast_vote(make_vote(old, 1, VoteChoice.DUBIOUS))

    entered, go = threading.Event(), threading.Event()
    real_write_shard = storage.compaction.write_shard

    def first_write_waits(root_: Path, key, rows) -> None:
        if not entered.is_set():
            entered.set()
            go.wait(5)
        real_write_shard(root_, key, rows)

    monkeypatch.setattr(storage.compaction, "write_shard", first_write_waits)
    compaction = asyncio.create_task(store.compact())
    await _wait_for(entered)  # compaction is writing events of bucket 3
    await store.save_card(make_card(new, url="https://n.example/new"))  # acknowledged
    await store.cast_vote(make_vote(new, 2, VoteChoice.UNCLEAR))
    go.set()
    async with asyncio.timeout(5):
        await compaction
    _crash(store)

    store = await TinyDBStore.open(root)
    try:
        assert (await store.get_card(new)).id == new
        assert [v.member_id for v in await store.votes_for_card(new)] == [2]
        assert len(await store.events_for_card(new)) == 2
        assert len(await store.votes_for_card(old)) == 1
    finally:
        await store.close()


async def test_an_event_of_a_card_nowhere_to_be_found_is_refused_naming_the_file(
    tmp_path,
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("kept"))
    await store.close()
    (events,) = (root / "guilds" / "1").glob("events-*.json")
    events.write_text(events.read_text().replace('"card_id":"kept"', '"card_id":"ghost"'))
    with pytest.raises(StoreCorrupt, match="'ghost'") as caught:
        await TinyDBStore.open(root)
    message = str(caught.value)
    assert str(events) in message and f"rewrite {events.name} containing just" in message
    assert "whole data directory" not in message


async def test_a_failed_journal_rotation_loses_no_acknowledged_write(tmp_path, monkeypatch) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=2000)
    await store.save_card(make_card("rot"))
    real_open = os.open
    failures = {"left": 1}

    def disk_full_once(path, flags, *args, **kwargs):
        if str(path).endswith(".log") and failures["left"]:
            failures["left"] -= 1
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(storage.journal.os, "open", disk_full_once)
    async with asyncio.timeout(20):
        for member in range(40):
            await store.cast_vote(make_vote("rot", member, CHOICES[member % 3]))
            await asyncio.sleep(0.002)  # let background compaction run
        assert failures["left"] == 0, "the rotation failure was not reached"
        await store.close()
    store = await TinyDBStore.open(root)
    try:
        assert len(await store.votes_for_card("rot")) == 40
        assert len(await store.events_for_card("rot")) == 41
    finally:
        await store.close()


async def test_a_write_that_could_not_be_replayed_is_refused_before_it_is_journaled(
    tmp_path,
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("c1"))
    followup = make_followup("f1", "c1")
    await store.add_followup(followup)
    with pytest.raises(UnknownCard, match="gone"):
        await store.update_followup(replace(followup, card_id="gone", reminders_sent=1))
    await store.cast_vote(make_vote("c1", 1, VoteChoice.CREDIBLE))
    _crash(store)
    store = await TinyDBStore.open(root)
    try:
        assert (await store.get_followup("f1")) == followup
        assert len(await store.votes_for_card("c1")) == 1
    finally:
        await store.close()


async def test_a_journal_record_that_cannot_be_applied_names_its_segment_and_line(
    tmp_path,
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("c1"))
    segment = store._engine.journal.path
    _crash(store)
    vote = make_vote("ghost", 1, VoteChoice.CREDIBLE).to_dict()
    with segment.open("ab") as journal:
        journal.write(encode_line({"lsn": 2, "ops": [["vote", vote]]}))
    with pytest.raises(StoreCorrupt, match="journal line 2") as caught:
        await TinyDBStore.open(root)
    assert str(segment) in str(caught.value) and "delete line 2" in str(caught.value)


async def test_a_new_store_makes_its_directories_durable(tmp_path, monkeypatch) -> None:
    calls: list[tuple[str, Path]] = []
    real_mkdir, real_fsync_dir = Path.mkdir, storage.atomic.fsync_dir

    def mkdir(self: Path, *args, **kwargs) -> None:
        existed = self.is_dir()
        real_mkdir(self, *args, **kwargs)
        if not existed:
            calls.append(("mkdir", self))

    def fsync_dir(directory: Path) -> None:
        calls.append(("fsync", directory))
        real_fsync_dir(directory)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    for module in (storage.atomic, storage.journal, storage.compaction, storage.bodies):
        monkeypatch.setattr(module, "fsync_dir", fsync_dir)
    root = tmp_path / "new" / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("k1"))
    _crash(store)
    for created in (root.parent, root, root / "journal"):
        made = calls.index(("mkdir", created))
        assert ("fsync", created.parent) in calls[made:], f"{created} may vanish on power loss"


async def test_cancelled_open_and_close_hold_the_directory_until_the_thread_is_done(
    tmp_path, monkeypatch
) -> None:
    root = tmp_path / "data"
    done = threading.Event()
    real_open_blocking = tinydb_store.open_blocking

    def slow_open(engine) -> None:
        real_open_blocking(engine)
        time.sleep(0.2)
        done.set()

    monkeypatch.setattr(tinydb_store, "open_blocking", slow_open)
    opening = asyncio.create_task(TinyDBStore.open(root))
    await asyncio.sleep(0.05)
    opening.cancel()
    with pytest.raises(asyncio.CancelledError):
        async with asyncio.timeout(5):
            await opening
    assert done.is_set(), "open gave up the directory while its thread was still working"
    monkeypatch.undo()

    store = await TinyDBStore.open(root)
    await store.save_card(make_card("late"))
    done.clear()
    real_snapshot = tinydb_store.write_snapshot

    def slow_snapshot(*args) -> None:
        time.sleep(0.2)
        real_snapshot(*args)
        done.set()

    monkeypatch.setattr(tinydb_store, "write_snapshot", slow_snapshot)
    closing = asyncio.create_task(store.close())
    await asyncio.sleep(0.05)
    closing.cancel()
    with pytest.raises(asyncio.CancelledError):
        async with asyncio.timeout(5):
            await closing
    with pytest.raises(StoreError, match="Another Claimdeck process"):
        await TinyDBStore.open(root)  # the cancelled close is still finishing
    async with asyncio.timeout(5):
        await store.close()
    assert done.is_set()
    store = await TinyDBStore.open(root)
    try:
        assert (await store.get_card("late")).id == "late"
    finally:
        await store.close()


@pytest.mark.parametrize("landed", [b"partial", b"whole"])
async def test_a_failed_append_that_cannot_be_cut_off_does_not_block_the_next_start(
    tmp_path, monkeypatch, landed: bytes
) -> None:
    """The disk fails mid-append and cutting the line off fails too: the segment keeps a torn
    (or complete but unacknowledged) line, and later acknowledged writes go to a newer one."""
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("df"))
    await store.cast_vote(make_vote("df", 1, VoteChoice.CREDIBLE))
    real_write = os.write
    fail = {"armed": True}

    def failing_write(fd: int, data) -> int:
        if fail["armed"]:
            fail["armed"] = False
            real_write(fd, bytes(data)[: len(data) // 2] if landed == b"partial" else data)
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    def failing_truncate(fd: int, length: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage.journal.os, "write", failing_write)
    monkeypatch.setattr(storage.journal.os, "ftruncate", failing_truncate)
    with pytest.raises(StoreError, match="Nothing was recorded"):
        await store.cast_vote(make_vote("df", 2, VoteChoice.DUBIOUS))
    await store.cast_vote(make_vote("df", 3, VoteChoice.UNCLEAR))  # acknowledged
    monkeypatch.undo()
    assert len(list((root / "journal").glob("*.log"))) == 2
    _crash(store)

    store = await TinyDBStore.open(root)
    try:
        assert [v.member_id for v in await store.votes_for_card("df")] == [1, 3]
        assert len(await store.events_for_card("df")) == 3
    finally:
        await store.close()


async def test_a_damaged_line_before_acknowledged_writes_is_refused(tmp_path) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("dm"))
    await store.cast_vote(make_vote("dm", 1, VoteChoice.CREDIBLE))
    await store.cast_vote(make_vote("dm", 2, VoteChoice.CREDIBLE))  # line 3, lsn 3
    segment = store._engine.journal.path
    _crash(store)
    data = segment.read_bytes()
    segment.write_bytes(data[:-5] + b"X" + data[-4:])  # damage the last, acknowledged line
    # A newer segment starting at lsn 4 means lsn 3 was acknowledged: dropping it would lose it.
    (root / "journal" / f"{4:016d}.log").write_bytes(b"")
    with pytest.raises(StoreCorrupt, match="journal line 3 is damaged") as caught:
        await TinyDBStore.open(root)
    assert "delete line 3" in str(caught.value)


async def test_a_data_directory_owned_by_someone_else_is_a_clear_error(
    tmp_path, monkeypatch
) -> None:
    root = tmp_path / "data"
    await (await TinyDBStore.open(root)).close()
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path).endswith("LOCK"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(storage.engine.os, "open", denied)
    with pytest.raises(StoreError, match="may not access") as caught:
        await TinyDBStore.open(root)
    assert str(root / "LOCK") in str(caught.value) and "chown" in str(caught.value)
    monkeypatch.undo()

    real_read_text = Path.read_text

    def unreadable(self: Path, *args, **kwargs) -> str:
        if self.name == "meta.json":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", unreadable)
    with pytest.raises(StoreError, match="may not access") as caught:
        await TinyDBStore.open(root)
    assert not isinstance(caught.value, StoreCorrupt)
    assert str(root / "meta.json") in str(caught.value)
