"""Group commit: concurrent writes share fsyncs, keep their order, and fail together."""

from __future__ import annotations

import asyncio
import errno
import os
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import storage.journal
from bot.models import EventKind, GuildSettings, VoteChoice
from storage import StoreError, UnknownCard
from storage.journal import read_journal
from storage.tinydb_store import TinyDBStore
from tests.storage.records import T0, make_card, make_followup, make_vote

CHOICES = tuple(VoteChoice)
BIG = 1 << 30  # no background compaction during these tests


def _crash(store: TinyDBStore) -> None:
    store._engine.release_dir_lock()


class Fsyncs:
    """Counts fsyncs; can hold the first one until released and fail chosen ones."""

    def __init__(self, hold_first: bool = False, fail: tuple[int, ...] = ()) -> None:
        self.count = 0
        self.fail = fail
        self.entered = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        self._real = os.fsync

    def __call__(self, fd: int) -> None:
        self.count += 1
        if self.count == 1:
            self.entered.set()
            assert self.release.wait(10), "the test never released the first fsync"
        if self.count in self.fail:
            raise OSError(errno.EIO, "Input/output error")
        self._real(fd)


async def _until(event: threading.Event) -> None:
    assert await asyncio.wait_for(asyncio.to_thread(event.wait, 10), 11)


async def test_a_hundred_simultaneous_votes_cost_a_few_fsyncs_and_all_survive_a_crash(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=BIG)
    await store.save_card(make_card("gc"))
    fsyncs = Fsyncs()
    monkeypatch.setattr(storage.journal.os, "fsync", fsyncs)
    votes = [make_vote("gc", member, CHOICES[member % 3]) for member in range(100)]
    results = await asyncio.wait_for(
        asyncio.gather(*(store.cast_vote(v) for v in votes)), timeout=30
    )
    assert results == [None] * 100
    assert fsyncs.count <= 3, f"100 concurrent votes took {fsyncs.count} fsyncs"
    monkeypatch.undo()
    _crash(store)

    lsns = [r["lsn"] for r in read_journal(root / "journal").records]
    assert lsns == list(range(lsns[0], lsns[0] + len(lsns))) and len(lsns) == 101
    store = await TinyDBStore.open(root)
    try:
        stored = {v.member_id: v.choice for v in await store.votes_for_card("gc")}
        assert stored == {v.member_id: v.choice for v in votes}
        events = await store.events_for_card("gc")
        assert [e.actor_id for e in events[1:]] == list(range(100))  # in arrival order
    finally:
        await store.close()


async def test_writes_in_one_group_see_each_other_in_arrival_order(tmp_path: Path) -> None:
    store = await TinyDBStore.open(tmp_path / "data", compact_after_bytes=BIG)
    try:
        await store.save_card(make_card("order"))
        first = make_vote("order", 7, VoteChoice.CREDIBLE)
        second = make_vote("order", 7, VoteChoice.DUBIOUS)
        results = await asyncio.wait_for(
            asyncio.gather(
                store.cast_vote(first),
                store.cast_vote(second),
                store.retract_vote("order", "c0", 8, T0),  # nothing to retract
                store.close_voting("order", 1, T0),
                store.cast_vote(make_vote("order", 9, VoteChoice.CREDIBLE)),
                return_exceptions=True,
            ),
            timeout=10,
        )
        assert results[0] is None and results[1] == first  # the change saw the first vote
        assert results[2] is False and results[3].voting_closed
        assert "closed" in str(results[4]).lower()  # voting closed by the write before it
        kinds = [e.kind for e in await store.events_for_card("order")]
        assert kinds == [
            EventKind.CARD_CREATED,
            EventKind.VOTE_CAST,
            EventKind.VOTE_CHANGED,
            EventKind.VOTING_CLOSED,
        ]
        assert [v.choice for v in await store.votes_for_card("order")] == [VoteChoice.DUBIOUS]
    finally:
        await store.close()


async def test_a_refused_write_does_not_fail_the_rest_of_its_group(tmp_path: Path) -> None:
    store = await TinyDBStore.open(tmp_path / "data", compact_after_bytes=BIG)
    try:
        await store.save_card(make_card("ok"))
        results = await asyncio.wait_for(
            asyncio.gather(
                store.cast_vote(make_vote("ok", 1, VoteChoice.CREDIBLE)),
                store.cast_vote(make_vote("missing", 2, VoteChoice.CREDIBLE)),
                store.cast_vote(make_vote("ok", 3, VoteChoice.DUBIOUS)),
                return_exceptions=True,
            ),
            timeout=10,
        )
        assert results[0] is None and results[2] is None
        assert isinstance(results[1], UnknownCard)
        assert [v.member_id for v in await store.votes_for_card("ok")] == [1, 3]
    finally:
        await store.close()


def _observable(store: TinyDBStore) -> dict[str, Any]:
    """Everything a reader of the store can see, plus the raw in-memory indexes."""
    state = store._state

    def clean(mapping: dict[Any, Any]) -> dict[Any, Any]:
        return {
            k: (sorted(v) if isinstance(v, dict | list) else v) for k, v in mapping.items() if v
        }

    followups = state.followups
    return {
        "cards": {i: (state.card(i), state.cards[i].index_row(i)) for i in state.cards},
        "by_url": dict(state.by_url),
        "timeline": clean(state.guild_timeline),
        "shards": clean(state.shard_cards),
        "votes": {c: dict(v) for c, v in state.votes.items() if v},
        "events": {c: dict(e) for c, e in state.events.items() if e},
        "pending": dict(state.pending_bodies),
        "last_seq": state.last_seq,
        "settings": dict(state.settings),
        "followups": dict(followups.rows),
        "fu_guild": clean(followups.by_guild),
        "fu_card": clean(followups.by_card),
        "fu_spent": clean(followups.spent),
        "reminders": clean(followups.reminders.by_guild),
        "rechecks": clean(followups.rechecks.by_guild),
    }


async def test_a_failed_fsync_fails_its_whole_group_and_changes_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=BIG)
    await store.save_card(make_card("f1"))
    await store.save_card(make_card("f2", guild_id=2))
    await store.cast_vote(make_vote("f1", 1, VoteChoice.CREDIBLE))
    await store.add_followup(make_followup("fu1", "f1"))
    await store.save_settings(GuildSettings(guild_id=1, quorum=2))
    before = _observable(store)

    fsyncs = Fsyncs(hold_first=True, fail=(2,))
    monkeypatch.setattr(storage.journal.os, "fsync", fsyncs)
    leader = asyncio.ensure_future(store.cast_vote(make_vote("f2", 5, VoteChoice.UNCLEAR)))
    await _until(fsyncs.entered)  # the leader's fsync runs; these queue behind it
    assert await store.votes_for_card("f2") == []  # not visible before it is durable
    moved = make_card("f1", url="https://news.example/moved", title="A new title", minutes=9)
    group = [
        store.save_card(moved),
        store.update_card_message("f1", 10, 11, 12),
        store.cast_vote(make_vote("f1", 1, VoteChoice.DUBIOUS)),
        store.retract_vote("f1", "c0", 1, T0),
        store.cast_vote(make_vote("f1", 2, VoteChoice.CREDIBLE)),
        store.close_voting("f1", 3, T0),
        store.close_voting("f1", 4, T0),  # "already closed" only by a write that fails
        store.save_card(make_card("f3", guild_id=3)),
        store.add_followup(make_followup("fu2", "f3", guild_id=3)),
        store.update_followup(make_followup("fu1", "f1", due_hours=5), at=T0),
        store.save_settings(GuildSettings(guild_id=1, quorum=5)),
        store.save_settings(GuildSettings(guild_id=4, quorum=3)),
    ]
    queued = asyncio.gather(*group, return_exceptions=True)
    await asyncio.sleep(0.05)
    fsyncs.release.set()
    assert await asyncio.wait_for(leader, 10) is None
    results = await asyncio.wait_for(queued, 10)
    assert all(isinstance(r, StoreError) and "Nothing was recorded" in str(r) for r in results)
    after = _observable(store)
    for key in ("votes", "events", "last_seq"):  # only the leader's vote was added
        after.pop(key), before.pop(key)
    assert after == before
    assert [v.member_id for v in await store.votes_for_card("f1")] == [1]
    assert (await store.get_card("f1")).card.article.title == make_card("f1").card.article.title

    monkeypatch.undo()
    await store.cast_vote(make_vote("f1", 6, VoteChoice.DUBIOUS))  # the disk works again
    _crash(store)
    store = await TinyDBStore.open(root)
    try:
        assert [v.member_id for v in await store.votes_for_card("f1")] == [1, 6]
        assert [v.member_id for v in await store.votes_for_card("f2")] == [5]
        assert await store.get_card("f3") is None and await store.get_followup("fu2") is None
        assert (await store.get_settings(1)).quorum == 2
        card = await store.get_card("f1")
        assert card.message_id is None and not card.voting_closed
        assert card.created_at == make_card("f1").created_at
        followup = await store.get_followup("fu1")
        assert followup.due_at == T0 + timedelta(hours=1)
    finally:
        await store.close()


async def test_a_caller_cancelled_while_waiting_loses_only_its_own_write(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=BIG)
    await store.save_card(make_card("cx"))
    fsyncs = Fsyncs(hold_first=True)
    monkeypatch.setattr(storage.journal.os, "fsync", fsyncs)
    try:
        leader = asyncio.ensure_future(store.cast_vote(make_vote("cx", 0, CHOICES[0])))
        await _until(fsyncs.entered)  # the leader is being saved; these wait to be planned
        writes = [
            asyncio.ensure_future(store.cast_vote(make_vote("cx", m, CHOICES[1])))
            for m in range(1, 5)
        ]
        await asyncio.sleep(0)
        writes[1].cancel()  # member 2 gives up before its write is planned
        fsyncs.release.set()
        leader.cancel()  # member 0 gives up while its write is being saved
        done = await asyncio.wait_for(asyncio.gather(*writes, return_exceptions=True), 10)
        assert isinstance(done[1], asyncio.CancelledError) and done[0] is None
        with pytest.raises(asyncio.CancelledError):
            await leader
    finally:
        monkeypatch.undo()
    await store.close()
    store = await TinyDBStore.open(root)
    try:
        # The write being saved when its caller left was kept; the one not yet planned was not.
        assert [v.member_id for v in await store.votes_for_card("cx")] == [0, 1, 3, 4]
    finally:
        await store.close()


@pytest.mark.parametrize("landed", ["partial", "whole"])
async def test_a_group_whose_write_fails_midway_leaves_no_record_before_later_writes(
    tmp_path: Path, monkeypatch, landed: str
) -> None:
    """Part of a group reaches the disk and cutting it off fails: the next group goes to a new
    segment, and a restart keeps exactly the acknowledged writes."""
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=BIG)
    await store.save_card(make_card("mw"))
    fsyncs = Fsyncs(hold_first=True)
    real_write = os.write
    state = {"writes": 0}

    def write(fd: int, data: Any) -> int:
        state["writes"] += 1
        if state["writes"] == 2:  # the second group
            data = bytes(data)
            real_write(fd, data[: len(data) * 2 // 3] if landed == "partial" else data)
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    def no_truncate(fd: int, length: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage.journal.os, "fsync", fsyncs)
    monkeypatch.setattr(storage.journal.os, "write", write)
    monkeypatch.setattr(storage.journal.os, "ftruncate", no_truncate)
    leader = asyncio.ensure_future(store.cast_vote(make_vote("mw", 0, CHOICES[0])))
    await _until(fsyncs.entered)
    group = asyncio.gather(
        *(store.cast_vote(make_vote("mw", m, CHOICES[1])) for m in range(1, 6)),
        return_exceptions=True,
    )
    await asyncio.sleep(0.05)
    fsyncs.release.set()
    await asyncio.wait_for(leader, 10)
    assert all(isinstance(r, StoreError) for r in await asyncio.wait_for(group, 10))
    await store.cast_vote(make_vote("mw", 9, CHOICES[2]))  # a new segment
    monkeypatch.undo()
    _crash(store)
    store = await TinyDBStore.open(root)
    try:
        assert [v.member_id for v in await store.votes_for_card("mw")] == [0, 9]
        assert len(await store.events_for_card("mw")) == 3
    finally:
        await store.close()
