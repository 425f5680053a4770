"""The SQLite store at its edges: one damaged card record, callers cancelled mid-write, a
read-only open of a file that is not there, and store URLs of any shape."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.models import EventKind, GuildSettings, VoteChoice
from storage import StoreCorrupt, StoreError, open_store, store_path_from_url
from storage.sqlite_store import SQLiteStore
from tests.storage.records import T0, make_card, make_followup, make_vote


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "claimdeck.db"


def _damage_record(db: Path, card_id: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cards SET record = '{\"id\": 1' WHERE id = ?", (card_id,))
    conn.close()


async def test_a_damaged_card_record_costs_only_that_card(db: Path) -> None:
    store = await SQLiteStore.open(db)
    try:
        for minute, card_id in enumerate(("ok1", "bad", "ok2")):
            await store.save_card(make_card(card_id, minutes=minute))
        _damage_record(db, "bad")
        with pytest.raises(StoreCorrupt) as refused:
            await store.get_card("bad")
        assert str(db) in str(refused.value) and "Only this card is affected" in str(refused.value)
        assert [c.id for c in await store.recent_cards(1)] == ["ok2", "ok1"]
        await store.cast_vote(make_vote("ok1", 1, VoteChoice.CREDIBLE))  # the rest works
        assert len(await store.votes_for_card("ok1")) == 1
    finally:
        await store.close()


def _files_in(folder: Path) -> list[Path]:
    return list(folder.iterdir())


async def test_a_read_only_open_of_a_missing_file_creates_nothing(db: Path) -> None:
    with pytest.raises(StoreError, match=f"There is no Claimdeck database at {db}"):
        await open_store(f"sqlite://{db}", read_only=True)
    assert _files_in(db.parent) == []


@given(st.text(max_size=60) | st.text(max_size=20).map(lambda t: f"//{t}\x00{t}"))
def test_any_text_after_sqlite_is_a_path_or_a_clear_refusal(rest: str) -> None:
    try:
        path = store_path_from_url(f"sqlite:{rest}")
    except StoreError as exc:
        assert "sqlite:///path/to/claimdeck.db" in str(exc)
    else:  # a file name, or a directory that opening refuses (test_sqlite_store)
        assert isinstance(path, Path) and "\x00" not in str(path)


segment = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=12,
).filter(lambda s: s not in (".", ".."))


@given(st.lists(segment, min_size=1, max_size=4))
def test_an_absolute_path_quoted_into_a_sqlite_url_comes_back(segments: list[str]) -> None:
    path = "/" + "/".join(segments)
    assert store_path_from_url("sqlite://" + quote(path)) == Path(path)


async def test_close_finishes_the_writes_already_queued(db: Path) -> None:
    store = await SQLiteStore.open(db)
    await store.save_card(make_card("q"))
    tasks = [
        asyncio.create_task(store.cast_vote(make_vote("q", member, VoteChoice.CREDIBLE)))
        for member in range(50)
    ]
    await asyncio.sleep(0)  # every task has queued its write
    async with asyncio.timeout(20):
        await store.close()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert results == [None] * 50
    with pytest.raises(StoreError, match="closed"):
        await store.cast_vote(make_vote("q", 99, VoteChoice.CREDIBLE))
    store = await SQLiteStore.open(db)
    try:
        assert len(await store.votes_for_card("q")) == 50
    finally:
        await store.close()


async def test_close_answers_the_reads_already_queued_behind_a_slow_one(db: Path) -> None:
    store = await SQLiteStore.open(db)
    await store.save_card(make_card("r"))
    gate = threading.Event()
    slow = asyncio.create_task(store._worker.read(lambda conn: gate.wait(10)))
    reads = [asyncio.create_task(store.get_card("r")) for _ in range(5)]
    await asyncio.sleep(0.05)  # every read is queued behind the slow one
    closing = asyncio.create_task(store.close())
    await asyncio.sleep(0.05)  # close() has started while the reads wait
    gate.set()
    async with asyncio.timeout(20):
        await closing
        results = await asyncio.gather(slow, *reads, return_exceptions=True)
    assert results[0] is True
    assert [getattr(card, "id", card) for card in results[1:]] == ["r"] * 5


def _damage(db: Path, sql: str, *params: object) -> None:
    """Overwrite one row's record with JSON that is cut short, as a bad sector or tool might."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, params)
    conn.close()


async def test_a_damaged_follow_up_costs_only_itself_not_its_shard_s_reminders(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = await SQLiteStore.open(db)
    try:
        await store.save_card(make_card("f"))
        for fid, hours in (("early", 1), ("bad", 2), ("late", 3)):
            await store.add_followup(make_followup(fid, "f", due_hours=hours))
        _damage(db, "UPDATE followups SET record = '{\"id\": \"bad\"}' WHERE id = 'bad'")
        later = T0 + timedelta(days=30)
        for _ in range(3):  # every tick of the reminder clock goes on, logging it once
            assert [f.id for f in await store.due_followups(later)] == ["early", "late"]
        assert sum("'bad'" in r.getMessage() for r in caplog.records) == 1
        assert [f.id for f in await store.followups_for_card("f")] == ["early", "late"]
        assert [f.id for f in await store.open_followups(1)] == ["early", "late"]
        with pytest.raises(StoreCorrupt) as refused:
            await store.get_followup("bad")
        message = str(refused.value)
        assert str(db) in message and "follow-up 'bad'" in message
        assert "Only this record is affected" in message
    finally:
        await store.close()


async def test_a_damaged_vote_is_refused_by_name_and_left_out_of_the_count(db: Path) -> None:
    store = await SQLiteStore.open(db)
    try:
        await store.save_card(make_card("v"))
        for member in (1, 2, 3):
            await store.cast_vote(make_vote("v", member, VoteChoice.CREDIBLE))
        _damage(db, "UPDATE votes SET record = '{\"card_id\"' WHERE member_id = 2")
        assert [v.member_id for v in await store.votes_for_card("v")] == [1, 3]
        with pytest.raises(StoreCorrupt) as refused:
            await store.cast_vote(make_vote("v", 2, VoteChoice.DUBIOUS))
        assert str(db) in str(refused.value) and "vote ('v', 'c0', 2)" in str(refused.value)
        await store.cast_vote(make_vote("v", 4, VoteChoice.DUBIOUS))  # the others still vote
        assert [v.member_id for v in await store.votes_for_card("v")] == [1, 3, 4]
    finally:
        await store.close()


async def test_damaged_settings_and_history_name_the_row_and_cost_only_it(db: Path) -> None:
    store = await SQLiteStore.open(db)
    try:
        await store.save_card(make_card("s"))
        await store.save_settings(GuildSettings(guild_id=7))
        await store.cast_vote(make_vote("s", 1, VoteChoice.CREDIBLE))
        _damage(db, "UPDATE settings SET record = '[]' WHERE guild_id = 7")
        _damage(db, "UPDATE events SET record = 'nul' WHERE seq = (SELECT MIN(seq) FROM events)")
        with pytest.raises(StoreCorrupt) as refused:
            await store.get_settings(7)
        assert str(db) in str(refused.value) and "server settings 7" in str(refused.value)
        assert [e.kind for e in await store.events_for_card("s")] == [EventKind.VOTE_CAST]
        await store.save_settings(GuildSettings(guild_id=7))  # saving them again repairs them
        assert (await store.get_settings(7)).guild_id == 7
    finally:
        await store.close()


async def test_no_cursor_leaves_the_worker_thread(db: Path) -> None:
    """A cursor freed on the event loop's thread resets a statement the worker's connection
    shares: a SQLite call from outside its thread. Every call's result must be plain data."""
    store = await SQLiteStore.open(db)
    results: list[object] = []
    for name in ("read", "write"):
        real = getattr(store._worker, name)

        async def checked(*args: object, _real=real, **kwargs: object) -> object:
            result = await _real(*args, **kwargs)
            results.append(result)
            return result

        setattr(store._worker, name, checked)
    try:
        await store.save_card(make_card("k"))
        await store.save_settings(GuildSettings(guild_id=1))
        await store.get_settings(1)
        await store.cast_vote(make_vote("k", 1, VoteChoice.CREDIBLE))
        await store.add_followup(make_followup("kf", "k"))
        await store.get_card("k")
        await store.votes_for_card("k")
        await store.events_for_card("k")
        await store.due_followups(T0 + timedelta(days=30))
        await store.next_due_at()
        await store.stats()
        assert len(results) == 11
        assert not [r for r in results if isinstance(r, sqlite3.Cursor)]
    finally:
        await store.close()


async def test_reads_answer_at_once_while_a_write_waits_for_another_process_s_lock(
    db: Path,
) -> None:
    """Discord wants an answer to a click within 3 s; a write may wait the busy timeout."""
    store = await SQLiteStore.open(db, busy_seconds=5)
    try:
        await store.save_card(make_card("w"))
        other = sqlite3.connect(db, isolation_level=None)  # another process, mid-transaction
        other.execute("BEGIN IMMEDIATE")
        try:
            vote = asyncio.create_task(store.cast_vote(make_vote("w", 1, VoteChoice.CREDIBLE)))
            await asyncio.sleep(0.2)  # the write now waits for the lock
            async with asyncio.timeout(1):
                assert (await store.get_card("w")).id == "w"
                assert [c.id for c in await store.recent_cards(1)] == ["w"]
                assert await store.votes_for_card("w") == []
            assert not vote.done()
        finally:
            other.execute("ROLLBACK")
            other.close()
        async with asyncio.timeout(10):
            assert await vote is None  # the lock was freed in time: the write went through
        assert [v.member_id for v in await store.votes_for_card("w")] == [1]
    finally:
        await store.close()


async def test_a_database_from_before_the_message_index_gains_it_and_stays_readable(
    db: Path,
) -> None:
    store = await SQLiteStore.open(db)
    await store.save_card(make_card("k1", minutes=0))
    await store.close()
    with sqlite3.connect(db) as conn:  # as an earlier Claimdeck left it
        conn.execute("DROP INDEX cards_by_message")
    conn.close()
    reader = await open_store(f"sqlite://{db}", read_only=True)  # a tool needs no index
    assert await reader.get_card("k1") is not None
    await reader.close()
    store = await SQLiteStore.open(db)
    await store.close()
    with sqlite3.connect(db) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM cards WHERE guild_id = ? AND message_id = ?",
            (1, 2),
        ).fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert "cards_by_message" in " ".join(str(row) for row in plan)
    assert version == 1  # an older process sharing the file still opens it


async def test_a_deleted_message_that_was_no_card_takes_no_write_lock(db: Path) -> None:
    """Every message deleted in a server is asked about; most were never cards."""
    store = await SQLiteStore.open(db, busy_seconds=5)
    try:
        await store.save_card(make_card("w"))
        other = sqlite3.connect(db, isolation_level=None)  # another process, mid-transaction
        other.execute("BEGIN IMMEDIATE")
        try:
            async with asyncio.timeout(1):
                assert await store.forget_card_message(1, 987654321) is None
        finally:
            other.execute("ROLLBACK")
            other.close()
    finally:
        await store.close()
