"""A read-only open racing the bot's compaction, with each interleaving forced by a hook (the
bot runs in this test's event loop; the tool's read runs in a worker thread and calls back
into the loop at the chosen moment). The tool sees a prefix of the acknowledged writes, or
says in one sentence that it could not get a steady view; never an empty store, never advice
to restore a backup the store does not need."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import storage.compaction
import storage.journal
import storage.readonly
from bot.models import VoteChoice
from storage import StoreError, open_store
from storage.tinydb_store import TinyDBStore
from tests.storage.records import make_card, make_vote

CHOICES = tuple(VoteChoice)
CARD = "race"


async def _bot_with_votes(root: Path, votes: int) -> TinyDBStore:
    bot = await TinyDBStore.open(root, compact_after_bytes=1 << 30)
    await bot.save_card(make_card(CARD))
    for member in range(votes):
        await bot.cast_vote(make_vote(CARD, member, CHOICES[member % 3]))
    return bot


def _in_loop(loop: asyncio.AbstractEventLoop) -> Callable[..., object]:
    """Run a coroutine in the bot's loop from the tool's worker thread, and wait for it."""

    def run(coro) -> object:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=10)

    return run


@pytest.fixture
def deferred_deletes(monkeypatch) -> Iterator[list[Path]]:
    """The bot's compactions write meta.json but leave the covered segments for the test to
    delete: the moment between those two steps of a compaction, held open."""
    held: list[Path] = []
    real = storage.compaction.finish_compaction

    def finish_keeping_segments(engine, written, upto_lsn, old_segments) -> None:
        real(engine, written, upto_lsn, [])
        held.extend(p for p in old_segments if p != engine.journal.path)

    monkeypatch.setattr(storage.compaction, "finish_compaction", finish_keeping_segments)
    yield held


async def test_a_segment_deleted_after_the_tool_listed_it_with_meta_json_unchanged(
    tmp_path: Path, monkeypatch, deferred_deletes: list[Path]
) -> None:
    """The bot has written the new meta.json but not yet deleted the segments it covers; the
    tool reads that meta.json and lists the journal; the bot then deletes them. meta.json is
    the same before and after the tool's read."""
    root = tmp_path / "data"
    bot = await _bot_with_votes(root, 5)
    try:
        await bot.compact()
        assert deferred_deletes, "the compaction covered no segment"
        real_listing = storage.journal.segment_paths
        listings = []

        def list_then_bot_deletes(directory: Path) -> list[Path]:
            found = real_listing(directory)
            listings.append(found)
            if len(listings) == 1:
                for segment in deferred_deletes:
                    segment.unlink()
            return found

        monkeypatch.setattr(storage.journal, "segment_paths", list_then_bot_deletes)
        meta = (root / "meta.json").read_bytes()
        tool = await asyncio.wait_for(open_store(str(root), read_only=True), 20)
        try:
            assert [v.member_id for v in await tool.votes_for_card(CARD)] == list(range(5))
            assert len(await tool.events_for_card(CARD)) == 6
        finally:
            await tool.close()
        assert listings and (root / "meta.json").read_bytes() == meta
        assert not any(p.exists() for p in deferred_deletes)
    finally:
        monkeypatch.undo()
        await bot.close()


async def test_a_tool_never_sees_an_empty_store_when_the_bot_compacts_during_every_read(
    tmp_path: Path, monkeypatch, deferred_deletes: list[Path]
) -> None:
    """During each read the bot saves a vote and compacts (meta.json moves each time; the
    segments stay, so every read succeeds). The tool must return what it read, a prefix of
    the writes, not give up on it."""
    root = tmp_path / "data"
    bot = await _bot_with_votes(root, 5)
    try:
        run = _in_loop(asyncio.get_running_loop())
        real_load = storage.readonly.load_shards
        reads = []

        def load_while_the_bot_compacts(engine, files) -> None:
            real_load(engine, files)
            reads.append(len(reads))
            if len(reads) <= 10:  # bounded: the tool must not need more than that anyway
                member = 5 + len(reads) - 1
                run(bot.cast_vote(make_vote(CARD, member, CHOICES[member % 3])))
                run(bot.compact())

        monkeypatch.setattr(storage.readonly, "load_shards", load_while_the_bot_compacts)
        tool = await asyncio.wait_for(open_store(str(root), read_only=True), 20)
        try:
            seen = [v.member_id for v in await tool.votes_for_card(CARD)]
            events = len(await tool.events_for_card(CARD))
        finally:
            await tool.close()
        assert seen == list(range(len(seen))) and len(seen) >= 5, f"votes seen: {seen}"
        assert events == len(seen) + 1
    finally:
        monkeypatch.undo()
        await bot.close()


async def test_a_tool_that_never_gets_a_steady_view_says_so_in_one_sentence(
    tmp_path: Path, monkeypatch
) -> None:
    """Between the tool reading meta.json and listing the journal, the bot saves a vote and
    compacts, every time: the segments the tool needs are always gone. It gives up after a
    bounded number of tries, without blaming the store."""
    root = tmp_path / "data"
    bot = await _bot_with_votes(root, 3)
    try:
        run = _in_loop(asyncio.get_running_loop())
        real_listing = storage.journal.segment_paths
        compactions = []

        def bot_compacts_then_list(directory: Path) -> list[Path]:
            if len(compactions) < 100:  # a bound in case the tool never stops
                member = 3 + len(compactions)
                run(bot.cast_vote(make_vote(CARD, member, CHOICES[member % 3])))
                run(bot.compact())
                compactions.append(member)
            return real_listing(directory)

        monkeypatch.setattr(storage.journal, "segment_paths", bot_compacts_then_list)
        with pytest.raises(StoreError) as caught:
            await asyncio.wait_for(open_store(str(root), read_only=True), 20)
        message = str(caught.value)
        assert str(root) in message and "try again" in message.lower(), message
        assert "backup" not in message and "\n" not in message, message
        assert len(compactions) < 100, "the tool kept retrying"
    finally:
        monkeypatch.undo()
        await bot.close()
    reopened = await TinyDBStore.open(root)  # nothing was lost meanwhile
    try:
        assert len(await reopened.votes_for_card(CARD)) == 3 + len(compactions)
    finally:
        await reopened.close()
