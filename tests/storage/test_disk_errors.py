"""A full, read-only or odd disk is one sentence naming the directory and the fix, never a
traceback; and a disk that keeps failing does not litter the journal with empty files."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storage.atomic
import storage.compaction
import storage.journal
from bot.models import VoteChoice
from storage import StoreError
from storage.tinydb_store import TinyDBStore
from tests.storage.records import make_card, make_vote

REPO = Path(__file__).resolve().parents[2]
CHOICES = tuple(VoteChoice)


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_thirty_writes_failing_on_a_full_disk_leave_no_trail_of_empty_segments(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("full"))
    monkeypatch.setattr(storage.journal.os, "write", _no_space)
    for member in range(30):
        with pytest.raises(StoreError, match="Nothing was recorded"):
            await store.cast_vote(make_vote("full", member, CHOICES[member % 3]))
    segments = sorted((root / "journal").glob("*.log"))
    assert len(segments) <= 2, f"{len(segments)} journal segments after 30 failed writes"
    monkeypatch.undo()  # space was freed
    await store.cast_vote(make_vote("full", 99, VoteChoice.CREDIBLE))
    store._engine.release_dir_lock()  # crash
    store = await TinyDBStore.open(root)
    try:
        assert [v.member_id for v in await store.votes_for_card("full")] == [99]
        assert len(await store.events_for_card("full")) == 2
    finally:
        await store.close()


async def test_a_lock_that_is_a_directory_is_one_clear_sentence(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "LOCK").mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        await TinyDBStore.open(root)
    message = str(caught.value)
    assert f"{root / 'LOCK'} is a directory" in message and "Move that directory" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EROFS, "read-only file system"),
        (errno.ENOSPC, "no space is left on the disk"),
        (errno.EACCES, "may not access"),
        (errno.EIO, "Check the disk"),
    ],
)
async def test_a_disk_that_fails_at_start_names_the_directory_and_the_fix(
    tmp_path: Path, monkeypatch, code: int, expected: str
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("s1"))
    store._engine.release_dir_lock()  # the journal must be folded in at the next start
    real_open = os.open

    def failing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(storage.atomic.os, "open", failing)
    with pytest.raises(StoreError) as caught:
        await TinyDBStore.open(root)
    message = str(caught.value)
    assert expected in message and str(root) in message and "\n" not in message
    monkeypatch.undo()
    store = await TinyDBStore.open(root)  # the refusal released the directory, lost nothing
    try:
        assert (await store.get_card("s1")).id == "s1"
    finally:
        await store.close()


async def test_a_full_disk_at_shutdown_is_one_sentence_and_loses_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("bye"))
    monkeypatch.setattr(storage.atomic.os, "write", _no_space)
    with pytest.raises(StoreError, match="save its data at shutdown: no space"):
        async with asyncio.timeout(10):
            await store.close()
    monkeypatch.undo()
    store = await TinyDBStore.open(root)
    try:
        assert (await store.get_card("bye")).id == "bye"
    finally:
        await store.close()


def test_claimdeck_run_prints_one_line_for_a_store_it_cannot_open(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "LOCK").mkdir(parents=True)
    env = {
        **os.environ,
        "DISCORD_TOKEN": "not-a-real-token",
        "CLAIMDECK_DATA_DIR": str(root),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"claimdeck: Claimdeck cannot open its data: {root / 'LOCK'} is a directory, but "
        f"Claimdeck needs a file there. Move that directory out of {root} (or remove it if it "
        "is empty) and start Claimdeck again."
    ]


async def test_a_compaction_failing_on_a_full_disk_is_retried_sparingly_and_quietly(
    tmp_path: Path, monkeypatch, caplog
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=300)
    await store.save_card(make_card("cf"))
    attempts = {"count": 0}

    def no_space(root_, key, rows) -> None:
        attempts["count"] += 1
        raise OSError(errno.ENOSPC, "No space left on device", str(key.path(root_)))

    monkeypatch.setattr(storage.compaction, "write_shard", no_space)
    async with asyncio.timeout(20):
        for member in range(60):
            await store.cast_vote(make_vote("cf", member, CHOICES[member % 3]))
            await asyncio.sleep(0.002)  # let the background compaction run
        if store._engine.compaction is not None:  # one may have rotated but not yet failed
            await asyncio.shield(store._engine.compaction)
    segments = sorted((root / "journal").glob("*.log"))
    assert 1 <= attempts["count"] <= 15, f"{attempts['count']} compaction attempts for 60 writes"
    assert len(segments) <= attempts["count"] + 1, f"{len(segments)} segments"
    failures = [r for r in caplog.records if "compacting" in r.getMessage()]
    assert failures and all(r.exc_info is None for r in failures), "one line, no traceback"
    assert "no space is left" in failures[0].getMessage()
    monkeypatch.undo()
    await store.close()
    store = await TinyDBStore.open(root)
    try:
        assert len(await store.votes_for_card("cf")) == 60
    finally:
        await store.close()


def test_rotating_away_from_an_empty_segment_keeps_it(tmp_path: Path) -> None:
    writer = storage.journal.JournalWriter(tmp_path / "journal")
    first = writer.start_segment(7)
    assert writer.start_segment(7) == first  # nothing written: no second, empty file
    writer.append(storage.journal.encode_line({"lsn": 7, "ops": []}), 7)
    assert writer.start_segment(8) != first
    writer.close()
    assert len(list((tmp_path / "journal").glob("*.log"))) == 2
