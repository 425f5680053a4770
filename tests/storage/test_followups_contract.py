"""Contract of the Store for follow-ups (issue 10): the full record, one-write updates with their
history, and the due / re-check queries the reminder clock runs on.

Written against the ``Store`` protocol (``open_store``), except the one test marked TinyDB."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.models import EventKind, FollowUp, FollowUpState, Stance
from storage import Store, StoreConflict, StoreError, UnknownCard, open_store
from storage.tinydb_store import TinyDBStore
from tests.storage.backends import store_url
from tests.storage.records import T0, make_card, make_followup

H = timedelta(hours=1)


def guild(shard: int) -> int:
    """A guild id that Discord's rule ``(id >> 22) % count`` puts on ``shard`` of 4."""
    return (shard << 22) | 12345


@pytest.fixture
def url(tmp_path: Path, backend: str) -> str:
    return store_url(backend, tmp_path)


async def _reopen(store: Store, url: str) -> Store:
    await store.close()
    async with asyncio.timeout(10):
        return await open_store(url)


def _full(fid: str, card_id: str) -> FollowUp:
    return replace(
        make_followup(fid, card_id),
        claim_ids=("c0", "c2"),
        note="Ask the press office again",
        created_by=11,
        assignee_id=12,
        snoozed_until=T0 + 30 * H,
        stance=Stance.DENIAL,
        resolution_text="They deny it",
        resolution_card_id="other",
        last_reminded_at=T0 + 2 * H,
        sentence="City Hall did not respond to a request for comment.",
        recheck_at=T0 + 6 * H,
        etag='W/"abc"',
        last_modified="Fri, 02 Jan 2026 09:00:00 GMT",
        page_digest="d41d8cd9",
        recheck_failures=2,
        dismissed_card_ids=("x1",),
        proposed_card_ids=("x1", "x2"),
    )


@pytest.mark.tinydb_only  # rewrites a TinyDB file as an older Claimdeck wrote it
async def test_every_field_of_a_follow_up_persists_and_old_rows_get_defaults(
    url: str, tmp_path: Path
) -> None:
    store = await open_store(url)
    await store.save_card(make_card("fc"))
    full = _full("full", "fc")
    await store.add_followup(full, actor_id=11)
    await store.add_followup(make_followup("plain", "fc", due_hours=2))
    await store.close()
    path = tmp_path / "data" / "guilds" / "1" / "followups.json"
    rows = json.loads(path.read_text())["followups"]
    for row in rows.values():  # "plain" as an older Claimdeck wrote it
        if row["id"] == "plain":
            for key in list(row):
                if key not in ("id", "card_id", "guild_id", "party", "due_at", "created_at"):
                    del row[key]
    path.write_text(json.dumps({"followups": rows}))
    store = await open_store(url)
    try:
        assert await store.get_followup("full") == full
        assert await store.get_followup("plain") == make_followup("plain", "fc", due_hours=2)
    finally:
        await store.close()


async def test_an_update_with_a_kind_writes_the_row_and_that_one_event(url: str) -> None:
    store = await open_store(url)
    await store.save_card(make_card("k"))
    followup = make_followup("f", "k")
    await store.add_followup(followup)
    reminded = replace(followup, reminders_sent=1, last_reminded_at=T0 + H, due_at=T0 + 49 * H)
    await store.update_followup(
        reminded,
        actor_id=None,
        at=T0 + H,
        kind=EventKind.FOLLOWUP_REMINDED,
        data={"reminders_sent": 1, "next_due_at": (T0 + 49 * H).isoformat()},
    )
    snoozed = replace(reminded, snoozed_until=T0 + 72 * H)
    await store.update_followup(
        snoozed, actor_id=7, at=T0 + 2 * H, kind=EventKind.FOLLOWUP_SNOOZED, data={"days": 3}
    )
    store = await _reopen(store, url)
    try:
        assert await store.get_followup("f") == snoozed
        events = (await store.events_for_card("k"))[-2:]
        assert [(e.kind, e.at, e.actor_id) for e in events] == [
            (EventKind.FOLLOWUP_REMINDED, T0 + H, None),
            (EventKind.FOLLOWUP_SNOOZED, T0 + 2 * H, 7),
        ]
        assert events[0].data == {
            "followup_id": "f",
            "reminders_sent": 1,
            "next_due_at": (T0 + 49 * H).isoformat(),
        }
        assert events[1].data == {"followup_id": "f", "days": 3}
    finally:
        await store.close()


async def test_without_a_kind_the_change_is_inferred(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("i"))
        followup = make_followup("f", "i")
        await store.add_followup(followup)
        await store.update_followup(replace(followup, assignee_id=4), at=T0)  # logs nothing
        resolved = replace(
            followup, state=FollowUpState.RESOLVED, resolved_at=T0 + 3 * H, resolution_url="u"
        )
        await store.update_followup(resolved, actor_id=4)
        await store.update_followup(replace(resolved, state=FollowUpState.OPEN), at=T0 + 4 * H)
        await store.update_followup(replace(followup, state=FollowUpState.CLOSED), at=T0 + 5 * H)
        events = (await store.events_for_card("i"))[2:]
        assert [(e.kind, e.at) for e in events] == [
            (EventKind.FOLLOWUP_RESOLVED, T0 + 3 * H),
            (EventKind.FOLLOWUP_REOPENED, T0 + 4 * H),
            (EventKind.FOLLOWUP_CLOSED, T0 + 5 * H),
        ]
        assert events[1].data == {"followup_id": "f", "from": "resolved"}
    finally:
        await store.close()


async def test_updates_that_could_not_be_right_are_refused_and_leave_no_trace(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("r1"))
        await store.save_card(make_card("r2", url="https://n.example/r2"))
        followup = make_followup("f", "r1")
        await store.add_followup(followup)
        with pytest.raises(StoreError, match="cannot move"):
            await store.update_followup(replace(followup, card_id="r2"))
        with pytest.raises(StoreError, match="no follow-up with id 'nope'"):
            await store.update_followup(replace(followup, id="nope"))
        with pytest.raises(StoreError, match="no time zone"):
            await store.update_followup(replace(followup, snoozed_until=datetime(2026, 1, 9)))
        with pytest.raises(StoreError, match="event data cannot be saved"):
            await store.update_followup(followup, kind=EventKind.FOLLOWUP_RECHECKED, data={"x": T0})
        with pytest.raises(StoreError, match="server"):
            await store.add_followup(make_followup("g", "r1", guild_id=2))
        with pytest.raises(UnknownCard):
            await store.add_followup(make_followup("h", "gone"))
        assert await store.get_followup("f") == followup
        assert len(await store.events_for_card("r1")) == 2
    finally:
        await store.close()


async def test_a_write_over_the_row_it_read_refuses_a_row_changed_since(url: str) -> None:
    """The compare-and-set every read-modify-write uses: two writers that read one row cannot
    both write over it; the loser writes nothing and logs nothing."""
    store = await open_store(url)
    await store.save_card(make_card("c"))
    await store.add_followup(_full("f", "c"))
    store = await _reopen(store, url)  # every field as read back, not as written
    try:
        read = await store.get_followup("f")
        assert read is not None
        first = replace(read, assignee_id=1)
        await store.update_followup(first, expected=read)
        with pytest.raises(StoreConflict, match="changed while Claimdeck was updating it"):
            await store.update_followup(
                replace(read, state=FollowUpState.CLOSED), actor_id=2, expected=read
            )
        assert await store.get_followup("f") == first
        assert [e.kind for e in await store.events_for_card("c")] == [
            EventKind.CARD_CREATED, EventKind.FOLLOWUP_CREATED,
        ]
        async with asyncio.timeout(10):
            results = await asyncio.gather(
                *(store.update_followup(replace(first, due_at=T0 + n * H), expected=first)
                  for n in range(2, 7)),
                return_exceptions=True,
            )
        assert sorted(type(r).__name__ for r in results) == ["NoneType"] + ["StoreConflict"] * 4
        [won] = [n for n, r in zip(range(2, 7), results, strict=True) if r is None]
        assert (await store.get_followup("f")).due_at == T0 + won * H
    finally:
        await store.close()


async def test_followups_for_a_card_are_all_of_them_oldest_first(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("a"))
        await store.save_card(make_card("b", url="https://n.example/b"))
        for fid, card, minutes in (("f3", "a", 3), ("f1", "a", 1), ("f2", "b", 2), ("f0", "a", 0)):
            await store.add_followup(replace(make_followup(fid, card), created_at=T0 + minutes * H))
        f1 = await store.get_followup("f1")
        await store.update_followup(replace(f1, state=FollowUpState.CLOSED))
        assert [f.id for f in await store.followups_for_card("a")] == ["f0", "f1", "f3"]
        assert (await store.followups_for_card("a"))[1].state is FollowUpState.CLOSED
        assert await store.followups_for_card("nothing") == []
    finally:
        await store.close()


async def test_due_follow_ups_respect_state_snooze_order_limit_and_shard(url: str) -> None:
    store = await open_store(url)
    for shard in range(4):
        await store.save_card(make_card(f"s{shard}", guild_id=guild(shard)))
    plan = [  # id, shard, due in hours, snoozed until (hours), state
        ("a", 0, 1, None, FollowUpState.OPEN),
        ("b", 1, 2, None, FollowUpState.OPEN),
        ("c", 0, 3, 10, FollowUpState.OPEN),  # snoozed past "now"
        ("d", 2, 0.5, None, FollowUpState.RESOLVED),
        ("e", 0, 4, 2.5, FollowUpState.OPEN),  # a snooze ending before due_at changes nothing
        ("f", 3, 5, None, FollowUpState.CLOSED),
        ("g", 1, 9, None, FollowUpState.OPEN),  # not due yet
    ]
    for fid, shard, hours, snooze, state in plan:
        followup = make_followup(fid, f"s{shard}", guild_id=guild(shard), due_hours=hours)
        snoozed_until = T0 + snooze * H if snooze is not None else None
        await store.add_followup(replace(followup, snoozed_until=snoozed_until))
        if state is not FollowUpState.OPEN:
            await store.update_followup(replace(followup, state=state, snoozed_until=snoozed_until))
    now = T0 + 5 * H

    async def check(store: Store) -> None:
        assert [f.id for f in await store.due_followups(now)] == ["a", "b", "e"]
        assert [f.id for f in await store.due_followups(now, limit=2)] == ["a", "b"]
        assert [f.id for f in await store.due_followups(now, shard_id=0, shard_count=4)] == [
            "a",
            "e",
        ]
        assert [f.id for f in await store.due_followups(now, shard_id=1, shard_count=4)] == ["b"]
        assert await store.due_followups(now, shard_id=3, shard_count=4) == []
        assert [f.id for f in await store.due_followups(T0 + 10 * H)] == ["a", "b", "e", "g", "c"]
        assert await store.next_due_at() == T0 + H
        assert await store.next_due_at(shard_id=1, shard_count=4) == T0 + 2 * H
        assert await store.next_due_at(shard_id=3, shard_count=4) is None
        assert [f.id for f in await store.open_followups(guild(0))] == ["a", "e", "c"]
        assert await store.open_followups(guild(3)) == []

    await check(store)
    store = await _reopen(store, url)  # the index is rebuilt from disk
    try:
        await check(store)
        a = await store.get_followup("a")
        await store.update_followup(replace(a, due_at=T0 + 20 * H, reminders_sent=1))
        assert [f.id for f in await store.due_followups(now)] == ["b", "e"]
        d = await store.get_followup("d")
        await store.update_followup(replace(d, state=FollowUpState.OPEN))  # reopened: due again
        assert [f.id for f in await store.due_followups(now)] == ["d", "b", "e"]
        with pytest.raises(ValueError, match="shard 4 of 4"):
            await store.due_followups(now, shard_id=4, shard_count=4)
    finally:
        await store.close()


async def test_due_rechecks_are_open_follow_ups_whose_recheck_time_came(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("rc", guild_id=guild(2)))
        for fid, recheck in (("late", 8), ("soon", 2), ("never", None), ("snoozed", 1)):
            followup = make_followup(fid, "rc", guild_id=guild(2), due_hours=50)
            at = T0 + recheck * H if recheck is not None else None
            snooze = T0 + 99 * H if fid == "snoozed" else None
            await store.add_followup(replace(followup, recheck_at=at, snoozed_until=snooze))
        assert [f.id for f in await store.due_rechecks(T0 + 3 * H)] == ["snoozed", "soon"]
        assert await store.due_rechecks(T0 + 3 * H, shard_id=1, shard_count=4) == []
        assert await store.next_recheck_at() == T0 + H
        soon = await store.get_followup("soon")
        checked = replace(soon, recheck_at=T0 + 9 * H, page_digest="new", etag='"2"')
        await store.update_followup(
            checked, at=T0 + 3 * H, kind=EventKind.FOLLOWUP_RECHECKED, data={"changed": True}
        )
        assert [f.id for f in await store.due_rechecks(T0 + 3 * H)] == ["snoozed"]
        snoozed = await store.get_followup("snoozed")
        await store.update_followup(replace(snoozed, state=FollowUpState.RESOLVED))
        assert await store.due_rechecks(T0 + 3 * H) == []
        assert await store.next_recheck_at() == T0 + 8 * H
    finally:
        await store.close()


async def test_tinydb_a_row_and_its_event_are_one_journal_record(tmp_path: Path) -> None:
    """The crash-safety half of "one durable write": both come back after a kill, or neither."""
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("one"))
    followup = make_followup("f", "one")
    await store.add_followup(followup)
    before = store._engine.next_lsn
    reminded = replace(followup, reminders_sent=1, due_at=T0 + 48 * H)
    await store.update_followup(reminded, at=T0 + H, kind=EventKind.FOLLOWUP_REMINDED)
    assert store._engine.next_lsn == before + 1
    store._engine.release_dir_lock()  # crash
    store = await TinyDBStore.open(root)
    try:
        assert await store.get_followup("f") == reminded
        assert (await store.events_for_card("one"))[-1].kind is EventKind.FOLLOWUP_REMINDED
    finally:
        await store.close()
