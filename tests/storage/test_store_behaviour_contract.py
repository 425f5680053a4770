"""Contract of the Store for what the cogs rely on every day, on every backend: records come back
after a restart, a vote replaces the member's earlier one, refusals leave no trace, cards list
newest first, follow-ups come due in order.

These are the behaviours ``test_tinydb_store.py`` checks on the TinyDB store, written against
the ``Store`` protocol (``open_store``) so the SQLite store is held to them too."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.models import Event, EventKind, FollowUpState, GuildSettings, Vote, VoteChoice
from storage import DuplicateCard, Store, StoreError, UnknownCard, UnknownClaim, VotingClosed
from storage import open_store as _open_store
from tests.storage.backends import store_url
from tests.storage.records import T0, make_card, make_followup, make_vote
from tests.storage.test_followups_contract import _full as every_field_set

CHOICES = tuple(VoteChoice)
H = timedelta(hours=1)


@pytest.fixture
def url(tmp_path: Path, backend: str) -> str:
    return store_url(backend, tmp_path)


async def open_store(url: str) -> Store:
    async with asyncio.timeout(10):
        return await _open_store(url)


async def _reopen(store: Store, url: str) -> Store:
    await store.close()
    return await open_store(url)


async def test_every_record_type_round_trips_through_a_restart(url: str) -> None:
    store = await open_store(url)
    card = make_card("card000001", guild_id=7)
    await store.save_card(card)
    placed = await store.update_card_message(card.id, 10, 11, 12)
    vote = Vote(card.id, "c1", 5, VoteChoice.DUBIOUS, T0, rationale="No source for 40%.")
    await store.cast_vote(vote)
    followup = make_followup("fu00000001", card.id, guild_id=7)
    await store.add_followup(followup, actor_id=5)
    settings = GuildSettings(
        7, watched_channels=(1, 2), reviewer_role_id=3, timezone="Europe/Oslo", quorum=5
    )
    await store.save_settings(settings)
    note = Event(card.id, EventKind.VOTING_CLOSED, T0, 9, {"note": "manual"})
    await store.append_event(note)
    events_before = await store.events_for_card(card.id)
    store = await _reopen(store, url)
    try:
        assert await store.get_card(card.id) == placed
        assert (placed.channel_id, placed.message_id, placed.thread_id) == (10, 11, 12)
        assert await store.find_card_by_url(7, card.canonical_url) == placed
        assert await store.votes_for_card(card.id) == [vote]
        assert await store.get_followup(followup.id) == followup
        assert await store.get_settings(7) == settings
        assert await store.events_for_card(card.id) == events_before
        assert [e.kind for e in events_before] == [
            EventKind.CARD_CREATED,
            EventKind.VOTE_CAST,
            EventKind.FOLLOWUP_CREATED,
            EventKind.VOTING_CLOSED,
        ]
        assert events_before[-1] == note
        with pytest.raises(UnknownCard):
            await store.append_event(replace(note, card_id="gone"))
    finally:
        await store.close()


async def test_a_second_vote_replaces_the_first_and_is_logged_as_a_change(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("card1"))
        assert await store.cast_vote(make_vote("card1", 1, VoteChoice.CREDIBLE)) is None
        replaced = await store.cast_vote(make_vote("card1", 1, VoteChoice.DUBIOUS))
        assert replaced is not None and replaced.choice is VoteChoice.CREDIBLE
        assert [v.choice for v in await store.votes_for_card("card1")] == [VoteChoice.DUBIOUS]
        changed = (await store.events_for_card("card1"))[-1]
        assert changed.kind is EventKind.VOTE_CHANGED
        assert changed.data == {"claim_id": "c0", "choice": "dubious", "previous": "credible"}
        assert await store.retract_vote("card1", "c0", 1, T0) is True
        assert await store.retract_vote("card1", "c0", 1, T0) is False
        assert await store.votes_for_card("card1") == []
        assert (await store.events_for_card("card1"))[-1].kind is EventKind.VOTE_RETRACTED
    finally:
        await store.close()


async def test_hundreds_of_concurrent_voters_are_all_counted(url: str) -> None:
    store = await open_store(url)
    await store.save_card(make_card("busy"))
    votes = [make_vote("busy", member, CHOICES[member % 3]) for member in range(300)]
    async with asyncio.timeout(60):
        await asyncio.gather(*(store.cast_vote(v) for v in votes))
    expected = Counter(v.choice for v in votes)
    assert Counter(v.choice for v in await store.votes_for_card("busy")) == expected
    store = await _reopen(store, url)
    try:
        assert Counter(v.choice for v in await store.votes_for_card("busy")) == expected
        assert len(await store.events_for_card("busy")) == 301
    finally:
        await store.close()


async def test_same_member_voting_twice_at_once_leaves_the_second_vote(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("race"))
        first = make_vote("race", 8, VoteChoice.CREDIBLE)
        second = make_vote("race", 8, VoteChoice.DUBIOUS)
        async with asyncio.timeout(10):
            results = await asyncio.gather(store.cast_vote(first), store.cast_vote(second))
        assert results == [None, first]
        assert await store.votes_for_card("race") == [second]
    finally:
        await store.close()


async def test_votes_are_refused_for_unknown_cards_claims_closed_voting_and_naive_times(
    url: str,
) -> None:
    store = await open_store(url)
    try:
        with pytest.raises(UnknownCard, match="nope"):
            await store.cast_vote(make_vote("nope", 1, VoteChoice.CREDIBLE))
        await store.save_card(make_card("card2"))
        with pytest.raises(UnknownClaim, match="c9"):
            await store.cast_vote(make_vote("card2", 1, VoteChoice.CREDIBLE, claim="c9"))
        naive = Vote("card2", "c0", 1, VoteChoice.CREDIBLE, datetime(2026, 1, 1))
        with pytest.raises(StoreError, match="no time zone"):
            await store.cast_vote(naive)
        assert await store.votes_for_card("card2") == []
        closed = await store.close_voting("card2", 77, T0)
        assert closed.voting_closed
        with pytest.raises(VotingClosed, match="closed"):
            await store.cast_vote(make_vote("card2", 1, VoteChoice.CREDIBLE))
        with pytest.raises(VotingClosed):
            await store.retract_vote("card2", "c0", 1, T0)
        again = await store.close_voting("card2", 77, T0)
        kinds = [e.kind for e in await store.events_for_card("card2")]
        assert again.voting_closed and kinds == [EventKind.CARD_CREATED, EventKind.VOTING_CLOSED]
    finally:
        await store.close()


async def test_same_url_in_a_guild_is_one_card(url: str) -> None:
    store = await open_store(url)
    try:
        first = make_card("first", url="https://n.example/a")
        await store.save_card(first)
        with pytest.raises(DuplicateCard) as caught:
            await store.save_card(make_card("second", url="https://n.example/a"))
        assert caught.value.existing == first
        assert await store.get_card("second") is None
        assert await store.events_for_card("second") == []
        await store.save_card(make_card("other", guild_id=2, url="https://n.example/a"))
        assert (await store.find_card_by_url(2, "https://n.example/a")).id == "other"
        assert (await store.find_card_by_url(1, "https://n.example/a")).id == "first"
        assert len(await store.events_for_card("first")) == 1
        await store.save_card(replace(first, channel_id=4))  # saved again: no second creation
        assert len(await store.events_for_card("first")) == 1
    finally:
        await store.close()


async def test_recent_cards_are_newest_first_and_filter_by_title(url: str) -> None:
    store = await open_store(url)
    try:
        titles = ["Bridge reopens", "Mayor denies report", "Bridge costs double", "Storm"]
        for minute, title in enumerate(titles):
            await store.save_card(make_card(f"r{minute}", title=title, minutes=minute))
        await store.save_card(make_card("elsewhere", guild_id=9, title="Bridge abroad"))
        recent = await store.recent_cards(1, limit=3)
        assert [c.id for c in recent] == ["r3", "r2", "r1"]
        assert [c.id for c in await store.recent_cards(1, query="BRIDGE")] == ["r2", "r0"]
        assert await store.recent_cards(1, query="nothing like it") == []
    finally:
        await store.close()


async def test_followups_come_due_in_order_and_log_reminders_and_resolution(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("fcard"))
        for fid, hours in (("late", 5), ("soon", 1), ("sooner", 0.5)):
            await store.add_followup(make_followup(fid, "fcard", due_hours=hours))
        due = await store.due_followups(T0 + 2 * H, limit=10)
        assert [f.id for f in due] == ["sooner", "soon"]
        assert [f.id for f in await store.due_followups(T0 + 9 * H, limit=1)] == ["sooner"]
        soon = await store.get_followup("soon")
        await store.update_followup(replace(soon, reminders_sent=1), at=T0 + H)
        resolved = replace(
            soon,
            reminders_sent=1,
            state=FollowUpState.RESOLVED,
            resolution_url="https://n.example/answer",
            resolved_at=T0 + 3 * H,
        )
        await store.update_followup(resolved, actor_id=4)
        assert [f.id for f in await store.open_followups(1)] == ["sooner", "late"]
        events = await store.events_for_card("fcard")
        assert [e.kind for e in events[-2:]] == [
            EventKind.FOLLOWUP_REMINDED,
            EventKind.FOLLOWUP_RESOLVED,
        ]
        assert events[-1].at == T0 + 3 * H  # a resolution is logged at its resolved_at
        spent = replace(await store.get_followup("late"), due_at=None)  # no reminder left
        await store.update_followup(spent)
        assert [f.id for f in await store.open_followups(1)] == ["sooner", "late"]
        assert [f.id for f in await store.due_followups(T0 + 9 * H)] == ["sooner"]
        with pytest.raises(UnknownCard):
            await store.add_followup(make_followup("orphan", "missing"))
        with pytest.raises(StoreError, match="already exists"):
            await store.add_followup(make_followup("late", "fcard"))
    finally:
        await store.close()


async def test_settings_default_until_saved_and_every_setting_persists(url: str) -> None:
    store = await open_store(url)
    assert await store.get_settings(55) == GuildSettings(55)
    every = GuildSettings(
        55,
        watched_channels=(3, 4),
        reviewer_role_id=8,
        timezone="Europe/Oslo",
        quorum=5,
        consensus_threshold=0.75,
        hide_tallies=True,
        reviewers_only_vote=True,
        hide_voter_names=True,
        team_name="Desk",
        first_reminder_hours=12,
        reminder_every_hours=24,
        max_reminders=2,
        quiet_start="21:30",
        quiet_end="07:00",
        recheck_hours=3,
    )
    await store.save_settings(every)
    store = await _reopen(store, url)
    try:
        assert await store.get_settings(55) == every
        assert await store.get_settings(56) == GuildSettings(56)
    finally:
        await store.close()


async def test_every_field_of_a_follow_up_persists(url: str) -> None:
    store = await open_store(url)
    await store.save_card(make_card("fc"))
    full = every_field_set("full", "fc")
    await store.add_followup(full, actor_id=11)
    store = await _reopen(store, url)
    try:
        assert await store.get_followup("full") == full
        assert await store.followups_for_card("fc") == [full]
    finally:
        await store.close()


async def test_a_refused_write_in_a_burst_leaves_no_trace_and_the_rest_are_saved(
    url: str,
) -> None:
    store = await open_store(url)
    await store.save_card(make_card("g"))
    async with asyncio.timeout(10):
        results = await asyncio.gather(
            store.cast_vote(make_vote("g", 1, VoteChoice.CREDIBLE)),
            store.save_card(make_card("dup", url="https://news.example/g")),
            store.cast_vote(make_vote("g", 2, VoteChoice.DUBIOUS)),
            store.cast_vote(make_vote("gone", 3, VoteChoice.DUBIOUS)),
            store.cast_vote(make_vote("g", 3, VoteChoice.UNCLEAR, claim="c9")),
            store.cast_vote(make_vote("g", 4, VoteChoice.UNCLEAR)),
            return_exceptions=True,
        )
    assert [type(r).__name__ for r in results] == [
        "NoneType",
        "DuplicateCard",
        "NoneType",
        "UnknownCard",
        "UnknownClaim",
        "NoneType",
    ]
    store = await _reopen(store, url)
    try:
        assert [v.member_id for v in await store.votes_for_card("g")] == [1, 2, 4]
        assert len(await store.events_for_card("g")) == 4
        assert await store.get_card("dup") is None
        assert await store.events_for_card("dup") == []
    finally:
        await store.close()
