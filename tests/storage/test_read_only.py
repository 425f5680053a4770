"""Read-only opens: tools read the data directory while the bot holds it, and change nothing."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import pytest

import storage.journal
import storage.readonly
from bot.models import EventKind, VoteChoice
from storage import StoreError, open_store
from storage.tinydb_store import TinyDBStore
from tests.storage.crash_child import CARD_ID, expected_states
from tests.storage.old_stores import write_v2_store
from tests.storage.records import make_card, make_vote
from tests.storage.test_crash_safety import Child

CHOICES = tuple(VoteChoice)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (directories as empty markers)."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(root.rglob("*"))
    }


async def test_a_tool_reads_every_acknowledged_write_while_the_bot_holds_the_directory(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    bot = await TinyDBStore.open(root, compact_after_bytes=1 << 30)
    try:
        await bot.save_card(make_card("ro"))
        await bot.cast_vote(make_vote("ro", 1, VoteChoice.CREDIBLE))
        await bot.cast_vote(make_vote("ro", 2, VoteChoice.DUBIOUS))
        with pytest.raises(StoreError, match="Another Claimdeck process"):
            await TinyDBStore.open(root)  # the ordinary open still finds the directory taken
        before = _tree(root)

        tool = await open_store(f"tinydb://{root}", read_only=True)
        try:
            assert (await tool.get_card("ro")).card.article.title == make_card(
                "ro"
            ).card.article.title
            assert [v.member_id for v in await tool.votes_for_card("ro")] == [1, 2]
            kinds = [e.kind for e in await tool.events_for_card("ro")]
            assert kinds == [EventKind.CARD_CREATED, EventKind.VOTE_CAST, EventKind.VOTE_CAST]
            with pytest.raises(StoreError, match="read-only"):
                await tool.cast_vote(make_vote("ro", 3, VoteChoice.UNCLEAR))
        finally:
            await tool.close()
        assert _tree(root) == before  # not a byte written, not a file added or removed

        await bot.cast_vote(make_vote("ro", 3, VoteChoice.UNCLEAR))  # the bot carries on
        tool = await open_store(str(root), read_only=True)
        try:
            assert [v.member_id for v in await tool.votes_for_card("ro")] == [1, 2, 3]
        finally:
            await tool.close()
    finally:
        await bot.close()
    reopened = await TinyDBStore.open(root)
    try:
        assert [v.member_id for v in await reopened.votes_for_card("ro")] == [1, 2, 3]
    finally:
        await reopened.close()


async def test_a_record_still_being_appended_is_not_visible_and_is_left_alone(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    bot = await TinyDBStore.open(root, compact_after_bytes=1 << 30)
    try:
        await bot.save_card(make_card("tail"))
        await bot.cast_vote(make_vote("tail", 1, VoteChoice.CREDIBLE))
        segment = bot._engine.journal.path
        assert segment is not None
        with segment.open("ab") as journal:  # the first half of the bot's next record
            journal.write(b'0badf00d {"lsn":4,"ops":[["vote",{"card_id":"tail"')
        (root / "meta.json.tmp-123").write_bytes(b"half a temp file")  # a write in progress
        before = _tree(root)
        tool = await open_store(str(root), read_only=True)
        try:
            assert [v.member_id for v in await tool.votes_for_card("tail")] == [1]
        finally:
            await tool.close()
        assert _tree(root) == before
    finally:
        bot._engine.release_dir_lock()


async def test_a_store_that_needs_a_migration_is_refused_in_one_line_and_left_as_it_is(
    tmp_path: Path,
) -> None:
    root = tmp_path / "old"
    write_v2_store(root, [make_card("v2card")])
    before = _tree(root)
    with pytest.raises(StoreError) as caught:
        await open_store(str(root), read_only=True)
    message = str(caught.value)
    assert "older format" in message and "schema version 2" in message and "\n" not in message
    assert _tree(root) == before


async def test_a_missing_or_empty_directory_is_never_created_or_written(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match="no Claimdeck data directory"):
        await open_store(str(missing), read_only=True)
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    tool = await open_store(str(empty), read_only=True)
    try:
        assert await tool.get_card("anything") is None
    finally:
        await tool.close()
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("moment", ["before the journal is listed", "after the shards are read"])
async def test_a_compaction_during_the_read_takes_no_write_away(
    tmp_path: Path, monkeypatch, moment: str
) -> None:
    """The bot folds the journal and deletes its old segments while the tool reads. Before the
    tool has listed the journal, the segments it needs are gone: it starts over from the new
    meta.json. After, it holds them open: their deletion takes nothing away. Either way it
    sees every write."""
    root = tmp_path / "data"
    bot = await TinyDBStore.open(root, compact_after_bytes=1 << 30)
    try:
        await bot.save_card(make_card("cmp"))
        for member in range(5):
            await bot.cast_vote(make_vote("cmp", member, CHOICES[member % 3]))
        loop = asyncio.get_running_loop()
        old_segments = sorted((root / "journal").glob("*.log"))
        calls = []

        def compact_once() -> None:
            calls.append(len(calls))
            if len(calls) == 1:  # the bot compacts now, in its own loop
                asyncio.run_coroutine_threadsafe(bot.compact(), loop).result(timeout=10)
                assert not any(p.exists() for p in old_segments), "no segment was deleted"

        loads = []
        real_load = storage.readonly.load_shards

        def load(engine, files) -> None:
            real_load(engine, files)
            loads.append(len(files))
            if moment == "after the shards are read":
                compact_once()

        monkeypatch.setattr(storage.readonly, "load_shards", load)
        if moment == "before the journal is listed":
            real_listing = storage.journal.segment_paths

            def compact_then_list(directory: Path) -> list[Path]:
                compact_once()
                return real_listing(directory)

            monkeypatch.setattr(storage.journal, "segment_paths", compact_then_list)
        tool = await asyncio.wait_for(open_store(str(root), read_only=True), 20)
        try:
            retried = moment == "before the journal is listed"
            assert len(loads) == (2 if retried else 1), f"{len(loads)} loads"
            assert [v.member_id for v in await tool.votes_for_card("cmp")] == list(range(5))
            assert len(await tool.events_for_card("cmp")) == 6
        finally:
            await tool.close()
    finally:
        monkeypatch.undo()
        await bot.close()


def test_a_tool_in_this_process_reads_a_prefix_while_another_process_writes(
    tmp_path: Path,
) -> None:
    """A separate writer process votes and compacts every 2 KiB of journal; read-only opens
    made meanwhile each see a consistent prefix of its writes, never fewer than it had
    acknowledged before the open began."""
    data_dir = tmp_path / "data"

    async def create_card() -> None:
        store = await TinyDBStore.open(data_dir)
        await store.save_card(make_card(CARD_ID))
        await store.close()

    async def read_count(acked: int) -> int:
        tool = await asyncio.wait_for(open_store(str(data_dir), read_only=True), 20)
        try:
            votes = {v.member_id: v.choice for v in await tool.votes_for_card(CARD_ID)}
            events = len(await tool.events_for_card(CARD_ID))
            others = sorted(i for i in tool._state.cards if i != CARD_ID)  # type: ignore[attr-defined]
        finally:
            await tool.close()
        states = itertools.islice(expected_states(), acked, acked + 2000)
        for count, state in enumerate(states, start=acked):
            if (votes, events, others) == state:
                return count
        raise AssertionError(f"a read after {acked} acknowledged writes matches no prefix")

    asyncio.run(create_card())
    child = Child(data_dir, 0, 4)
    try:
        child.wait_for_lines(1, time.monotonic() + 20)
        seen = []
        deadline = time.monotonic() + 8
        while len(seen) < 15 and time.monotonic() < deadline:
            child._pump(0.0)
            acks = [int(line.split()[1]) for line in child.lines if line.startswith("ack ")]
            acked = max(acks, default=-1) + 1
            seen.append(asyncio.run(read_count(acked)))
    finally:
        child.kill_and_drain()
    assert len(seen) >= 5 and seen[-1] > seen[0], f"reads saw {seen}"
