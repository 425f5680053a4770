"""Contract of the Store for voting (issue 9): explanations, reopening, and the new settings.

Written against the ``Store`` protocol only (``open_store``), so another backend can run it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.models import EventKind, GuildSettings, VoteChoice
from storage import (
    NoVote,
    Store,
    StoreError,
    UnknownCard,
    UnknownClaim,
    VotingClosed,
    open_store,
)
from tests.storage.backends import store_url
from tests.storage.records import T0, make_card, make_vote


@pytest.fixture
def url(tmp_path: Path, backend: str) -> str:
    return store_url(backend, tmp_path)


async def _reopen(store: Store, url: str) -> Store:
    await store.close()
    async with asyncio.timeout(10):
        return await open_store(url)


async def test_the_tinydb_store_implements_the_protocol(url: str) -> None:
    store = await open_store(url)
    try:
        assert isinstance(store, Store)
    finally:
        await store.close()


async def test_a_vote_explained_keeps_its_choice_and_time_and_is_in_the_history(url: str) -> None:
    store = await open_store(url)
    await store.save_card(make_card("ex"))
    cast = make_vote("ex", 5, VoteChoice.DUBIOUS)
    await store.cast_vote(cast)
    explained = await store.explain_vote(
        "ex", "c0", 5, "The figure has no source.", "https://stats.example/t1", T0
    )
    assert (explained.choice, explained.cast_at) == (cast.choice, cast.cast_at)
    assert (explained.rationale, explained.evidence_url) == (
        "The figure has no source.",
        "https://stats.example/t1",
    )
    again = await store.explain_vote("ex", "c0", 5, "Better reason.", None, T0)
    store = await _reopen(store, url)
    try:
        assert await store.votes_for_card("ex") == [again]
        history = await store.events_for_card("ex")
        assert [e.kind for e in history] == [
            EventKind.CARD_CREATED,
            EventKind.VOTE_CAST,
            EventKind.VOTE_EXPLAINED,
            EventKind.VOTE_EXPLAINED,
        ]
        assert history[2].actor_id == 5
        assert history[2].data == {
            "claim_id": "c0",
            "choice": "dubious",
            "rationale": "The figure has no source.",
            "evidence_url": "https://stats.example/t1",
        }
    finally:
        await store.close()


async def test_explaining_is_refused_without_a_vote_or_once_voting_closed(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(make_card("nx"))
        with pytest.raises(NoVote, match="no vote on this claim"):
            await store.explain_vote("nx", "c0", 5, "why", None, T0)
        await store.cast_vote(make_vote("nx", 5, VoteChoice.CREDIBLE))
        await store.retract_vote("nx", "c0", 5, T0)
        with pytest.raises(NoVote):
            await store.explain_vote("nx", "c0", 5, "why", None, T0)
        with pytest.raises(UnknownClaim):
            await store.explain_vote("nx", "c9", 5, "why", None, T0)
        with pytest.raises(UnknownCard):
            await store.explain_vote("gone", "c0", 5, "why", None, T0)
        await store.cast_vote(make_vote("nx", 6, VoteChoice.CREDIBLE))
        await store.close_voting("nx", 1, T0)
        with pytest.raises(VotingClosed):
            await store.explain_vote("nx", "c0", 6, "why", None, T0)
        kinds = [e.kind for e in await store.events_for_card("nx")]
        assert EventKind.VOTE_EXPLAINED not in kinds, "a refused explanation leaves no trace"
    finally:
        await store.close()


async def test_reopening_voting_is_idempotent_logged_once_and_keeps_votes(url: str) -> None:
    store = await open_store(url)
    await store.save_card(make_card("ro"))
    await store.cast_vote(make_vote("ro", 1, VoteChoice.CREDIBLE))
    unchanged = await store.reopen_voting("ro", 9, T0)  # never closed: nothing happens
    assert not unchanged.voting_closed
    await store.close_voting("ro", 9, T0)
    reopened = await store.reopen_voting("ro", 9, T0)
    assert not reopened.voting_closed
    assert not (await store.reopen_voting("ro", 9, T0)).voting_closed
    await store.cast_vote(make_vote("ro", 2, VoteChoice.DUBIOUS))
    store = await _reopen(store, url)
    try:
        assert not (await store.get_card("ro")).voting_closed
        assert [v.member_id for v in await store.votes_for_card("ro")] == [1, 2]
        kinds = [e.kind for e in await store.events_for_card("ro")]
        assert kinds.count(EventKind.VOTING_REOPENED) == 1
        assert kinds.index(EventKind.VOTING_CLOSED) < kinds.index(EventKind.VOTING_REOPENED)
        with pytest.raises(UnknownCard):
            await store.reopen_voting("gone", 9, T0)
    finally:
        await store.close()


@pytest.mark.tinydb_only  # rewrites a TinyDB file as an older Claimdeck wrote it
async def test_new_settings_persist_and_old_rows_get_defaults(url: str, tmp_path: Path) -> None:
    store = await open_store(url)
    settings = GuildSettings(
        4,
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
    await store.save_settings(settings)
    await store.save_settings(GuildSettings(5, timezone="Europe/Oslo"))
    await store.close()
    # A row as an older Claimdeck wrote it: only the first four settings.
    path = tmp_path / "data" / "guilds" / "5" / "settings.json"
    old = {"guild_id": 5, "watched_channels": [], "reviewer_role_id": None, "timezone": "UTC"}
    path.write_text(json.dumps({"settings": {"1": old}}))
    store = await open_store(url)
    try:
        assert await store.get_settings(4) == settings
        assert await store.get_settings(5) == GuildSettings(5)
        assert (await store.get_settings(6)).quorum == 3
    finally:
        await store.close()


async def test_a_setting_that_could_not_be_read_back_is_refused_before_it_is_saved(
    url: str,
) -> None:
    store = await open_store(url)
    try:
        with pytest.raises(StoreError, match="cannot be saved"):
            await store.save_settings(GuildSettings(4, quorum="three"))  # type: ignore[arg-type]
        assert await store.get_settings(4) == GuildSettings(4)
    finally:
        await store.close()
    store = await open_store(url)  # and the next start is not blocked by it
    await store.close()
