"""Group commit in the SQLite store, with the timing forced: the writer thread is held on a
gate while writes queue, so they are sure to meet in one group (or to be cancelled before they
start), whatever the machine's speed. And the two settings durability rests on, pinned."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.models import VoteChoice
from storage.sqlite_store import SQLiteStore
from tests.storage.records import make_card, make_vote
from tests.storage.sqlite_child import choice_of


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    async with asyncio.timeout(10):
        store = await SQLiteStore.open(tmp_path / "claimdeck.db")
    try:
        yield store
    finally:
        async with asyncio.timeout(20):
            await store.close()


@asynccontextmanager
async def _writer_held(store: SQLiteStore) -> AsyncIterator[None]:
    """The writer thread waits on a gate until the block ends: writes made inside it queue."""
    gate = threading.Event()
    held = asyncio.ensure_future(store._worker.on_writer(lambda conn: gate.wait(10)))
    try:
        yield
        for _ in range(3):
            await asyncio.sleep(0)  # every task made in the block has queued its write
    finally:
        gate.set()
        async with asyncio.timeout(10):
            assert await held is True  # released by the gate, not by its own timeout


async def _statements(store: SQLiteStore) -> list[str]:
    statements: list[str] = []
    await store._worker.on_writer(lambda conn: conn.set_trace_callback(statements.append))
    return statements


async def test_callers_cancelled_before_their_write_starts_cancel_it(store: SQLiteStore) -> None:
    await store.save_card(make_card("c"))
    async with _writer_held(store):
        tasks = [
            asyncio.create_task(store.cast_vote(make_vote("c", member, VoteChoice.CREDIBLE)))
            for member in range(60)
        ]
        await asyncio.sleep(0)
        for task in tasks[::2]:
            task.cancel()
    async with asyncio.timeout(20):
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results[::2])
    assert results[1::2] == [None] * 30
    assert {v.member_id for v in await store.votes_for_card("c")} == set(range(1, 60, 2))
    events = await store.events_for_card("c")
    assert sorted(e.actor_id for e in events[1:]) == list(range(1, 60, 2))  # one each


async def test_refused_writes_inside_one_group_are_rolled_back_alone(store: SQLiteStore) -> None:
    await store.save_card(make_card("g"))
    statements = await _statements(store)
    async with _writer_held(store):
        calls = [
            store.cast_vote(make_vote("g", 1, VoteChoice.CREDIBLE)),
            store.save_card(make_card("dup", url="https://news.example/g")),
            store.cast_vote(make_vote("g", 2, VoteChoice.DUBIOUS)),
            store.cast_vote(make_vote("gone", 3, VoteChoice.DUBIOUS)),
            store.cast_vote(make_vote("g", 3, VoteChoice.UNCLEAR, claim="c9")),
            store.cast_vote(make_vote("g", 4, VoteChoice.UNCLEAR)),
        ]
        tasks = [asyncio.ensure_future(call) for call in calls]
    async with asyncio.timeout(10):
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [type(r).__name__ for r in results] == [
        "NoneType",
        "DuplicateCard",
        "NoneType",
        "UnknownCard",
        "UnknownClaim",
        "NoneType",
    ]
    assert statements.count("COMMIT") == 1  # all six were one transaction…
    assert statements.count("ROLLBACK TO claimdeck_write") == 3  # …undone one by one
    assert [v.member_id for v in await store.votes_for_card("g")] == [1, 2, 4]
    assert len(await store.events_for_card("g")) == 4
    assert await store.get_card("dup") is None


async def test_a_burst_of_writes_queued_together_is_one_commit(store: SQLiteStore) -> None:
    """Group commit: votes that arrive while the writer is busy cost one fsync together."""
    await store.save_card(make_card("burst"))
    statements = await _statements(store)
    async with _writer_held(store):
        votes = [make_vote("burst", member, choice_of(member)) for member in range(200)]
        tasks = [asyncio.ensure_future(store.cast_vote(v)) for v in votes]
    async with asyncio.timeout(30):
        await asyncio.gather(*tasks)
    assert statements.count("COMMIT") == 1
    assert len(await store.votes_for_card("burst")) == 200


async def test_commits_are_fsynced_in_wal_mode(store: SQLiteStore) -> None:
    """What a kill -9 test cannot show (the page cache survives it): an acknowledged write
    survives a power cut only with synchronous=FULL (2); WAL lets readers work beside it."""

    def settings(conn: sqlite3.Connection) -> tuple[str, int]:
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        sync = conn.execute("PRAGMA synchronous").fetchone()[0]
        return journal, sync

    assert await store._worker.on_writer(settings) == ("wal", 2)


async def test_the_wal_file_has_a_size_limit(store: SQLiteStore) -> None:
    """A big group grows the -wal file; without journal_size_limit SQLite keeps it at its
    largest for as long as any process has the database open."""
    limit = await store._worker.on_writer(
        lambda conn: conn.execute("PRAGMA journal_size_limit").fetchone()[0]
    )
    assert limit == 64 * 2**20
