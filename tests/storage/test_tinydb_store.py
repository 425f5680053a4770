"""What the cogs rely on from the TinyDB store: records come back, rules hold, files stay safe."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.models import (
    Event,
    EventKind,
    FollowUpState,
    GuildSettings,
    Vote,
    VoteChoice,
)
from storage import (
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    UnknownCard,
    UnknownClaim,
    VotingClosed,
    new_card_id,
    open_store,
)
from storage.layout import read_tinydb_table
from storage.tinydb_store import TinyDBStore
from tests.storage.records import T0, make_card, make_followup, make_vote

CHOICES = tuple(VoteChoice)


@pytest.fixture
async def store(tmp_path: Path):
    opened = await TinyDBStore.open(tmp_path / "data")
    yield opened
    await opened.close()


async def reopen(store: TinyDBStore) -> TinyDBStore:
    await store.close()
    return await TinyDBStore.open(store.root)


async def test_every_record_type_round_trips_through_disk(tmp_path: Path) -> None:
    store = await TinyDBStore.open(tmp_path / "data")
    card = make_card("card000001", guild_id=7)
    await store.save_card(card)
    placed = await store.update_card_message(card.id, 10, 11, 12)
    vote = Vote(card.id, "c1", 5, VoteChoice.DUBIOUS, T0, rationale="No source for 40%.")
    await store.cast_vote(vote)
    followup = make_followup("fu00000001", card.id, guild_id=7)
    await store.add_followup(followup, actor_id=5)
    settings = GuildSettings(7, watched_channels=(1, 2), reviewer_role_id=3, timezone="Europe/Oslo")
    await store.save_settings(settings)
    note = Event(card.id, EventKind.VOTING_CLOSED, T0, 9, {"note": "manual"})
    await store.append_event(note)
    events_before = await store.events_for_card(card.id)

    async with asyncio.timeout(10):
        store = await reopen(store)
    try:
        assert await store.get_card(card.id) == placed
        assert (placed.channel_id, placed.message_id, placed.thread_id) == (10, 11, 12)
        assert await store.find_card_by_url(7, card.canonical_url) == placed
        assert await store.votes_for_card(card.id) == [vote]
        assert await store.get_followup(followup.id) == followup
        assert await store.get_settings(7) == settings
        assert await store.events_for_card(card.id) == events_before
        assert events_before[-1] == note
        assert [e.kind for e in events_before] == [
            EventKind.CARD_CREATED,
            EventKind.VOTE_CAST,
            EventKind.FOLLOWUP_CREATED,
            EventKind.VOTING_CLOSED,
        ]
    finally:
        await store.close()


async def test_thousand_concurrent_voters_are_all_counted(store) -> None:
    await store.save_card(make_card("busy"))
    votes = [make_vote("busy", member, CHOICES[member % 3]) for member in range(1000)]
    async with asyncio.timeout(60):
        await asyncio.gather(*(store.cast_vote(v) for v in votes))
    expected = Counter(v.choice for v in votes)
    assert Counter(v.choice for v in await store.votes_for_card("busy")) == expected
    store = await reopen(store)
    try:
        assert Counter(v.choice for v in await store.votes_for_card("busy")) == expected
        assert len(await store.events_for_card("busy")) == 1001
    finally:
        await store.close()


async def test_votes_are_refused_for_unknown_cards_claims_and_closed_voting(store) -> None:
    with pytest.raises(UnknownCard, match="nope"):
        await store.cast_vote(make_vote("nope", 1, VoteChoice.CREDIBLE))
    await store.save_card(make_card("card2"))
    with pytest.raises(UnknownClaim, match="c9"):
        await store.cast_vote(make_vote("card2", 1, VoteChoice.CREDIBLE, claim="c9"))
    closed = await store.close_voting("card2", 77, T0)
    assert closed.voting_closed
    with pytest.raises(VotingClosed, match="closed"):
        await store.cast_vote(make_vote("card2", 1, VoteChoice.CREDIBLE))
    again = await store.close_voting("card2", 77, T0)
    kinds = [e.kind for e in await store.events_for_card("card2")]
    assert again.voting_closed and kinds.count(EventKind.VOTING_CLOSED) == 1


async def test_naive_times_are_refused_with_a_clear_message(store) -> None:
    await store.save_card(make_card("card3"))
    naive = Vote("card3", "c0", 1, VoteChoice.CREDIBLE, datetime(2026, 1, 1))
    with pytest.raises(StoreError, match="no time zone"):
        await store.cast_vote(naive)
    assert await store.votes_for_card("card3") == []


async def test_followups_come_due_in_order_and_log_reminders_and_resolution(store) -> None:
    await store.save_card(make_card("fcard"))
    for fid, hours in (("late", 5), ("soon", 1), ("sooner", 0.5)):
        await store.add_followup(make_followup(fid, "fcard", due_hours=hours))
    due = await store.due_followups(T0 + timedelta(hours=2), limit=10)
    assert [f.id for f in due] == ["sooner", "soon"]
    assert [f.id for f in await store.due_followups(T0 + timedelta(hours=9), limit=1)] == ["sooner"]
    soon = await store.get_followup("soon")
    await store.update_followup(replace(soon, reminders_sent=1), at=T0 + timedelta(hours=1))
    resolved = replace(
        soon,
        reminders_sent=1,
        state=FollowUpState.RESOLVED,
        resolution_url="https://n.example/answer",
        resolved_at=T0 + timedelta(hours=3),
    )
    await store.update_followup(resolved, actor_id=4)
    assert [f.id for f in await store.open_followups(1)] == ["sooner", "late"]
    kinds = [e.kind for e in await store.events_for_card("fcard")]
    assert kinds[-2:] == [EventKind.FOLLOWUP_REMINDED, EventKind.FOLLOWUP_RESOLVED]
    with pytest.raises(UnknownCard):
        await store.add_followup(make_followup("orphan", "missing"))


async def test_settings_default_until_saved(store) -> None:
    assert await store.get_settings(55) == GuildSettings(55)
    await store.save_settings(GuildSettings(55, watched_channels=(3,)))
    assert (await store.get_settings(55)).watched_channels == (3,)


async def test_background_compaction_keeps_everything(tmp_path: Path) -> None:
    store = await TinyDBStore.open(tmp_path / "data", compact_after_bytes=1024)
    for n in range(20):
        await store.save_card(make_card(f"bg{n:02d}", minutes=n))
        for member in range(5):
            await store.cast_vote(make_vote(f"bg{n:02d}", member, CHOICES[(n + member) % 3]))
    async with asyncio.timeout(10):
        if store._engine.compaction is not None:
            await store._engine.compaction  # a crash mid-compaction is test_crash_safety's job
        assert list((tmp_path / "data" / "guilds" / "1").glob("votes-*.json")), "never compacted"
        store._engine.release_dir_lock()  # crash: what compaction missed is only in the journal
        store = await TinyDBStore.open(tmp_path / "data")
    try:
        for n in range(20):
            votes = await store.votes_for_card(f"bg{n:02d}")
            assert [v.choice for v in votes] == [CHOICES[(n + m) % 3] for m in range(5)]
        assert store.stats()["cards"] == 20
    finally:
        await store.close()
    shards = list((tmp_path / "data" / "guilds" / "1").glob("index-*.json"))
    assert len(shards) > 1, "cards should be spread over several small files"


# --- files on disk ----------------------------------------------------------------------------


async def _store_with_one_card(root: Path) -> Path:
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("solo"))
    await store.close()
    (shard,) = (root / "guilds" / "1").glob("index-*.json")
    return shard


@pytest.mark.parametrize("garbage", [b'{"cards": {"1": {"id": "so', b"\x00\x00\x00", b""])
async def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path, garbage: bytes) -> None:
    shard = await _store_with_one_card(tmp_path / "data")
    backup = shard.read_bytes()
    shard.write_bytes(garbage)
    with pytest.raises(StoreCorrupt) as caught:
        await TinyDBStore.open(tmp_path / "data")
    assert str(shard) in str(caught.value)
    assert "backup" in str(caught.value)
    assert shard.read_bytes() == garbage
    # The refusal released the directory: restoring the file brings the card back.
    shard.write_bytes(backup)
    store = await TinyDBStore.open(tmp_path / "data")
    assert (await store.get_card("solo")).id == "solo"
    await store.close()


async def test_damaged_journal_line_is_refused_but_a_torn_tail_is_dropped(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("j1"))
    await store.cast_vote(make_vote("j1", 1, VoteChoice.CREDIBLE))
    await store.cast_vote(make_vote("j1", 2, VoteChoice.DUBIOUS))
    segment = store._engine.journal.path
    store._engine.release_dir_lock()  # simulate a crash: no compaction at close
    good = segment.read_bytes()

    segment.write_bytes(good + b'0000abcd {"lsn": 4, "ops": [')  # torn, unacknowledged tail
    store = await TinyDBStore.open(root)
    assert len(await store.votes_for_card("j1")) == 2
    store._engine.release_dir_lock()

    lines = good.split(b"\n")
    lines[1] = lines[1].replace(b"credible", b"dubious!")
    segment.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreCorrupt, match="journal line 2"):
        await TinyDBStore.open(root)
    assert segment.read_bytes() == b"\n".join(lines)


async def test_newer_schema_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    await (await TinyDBStore.open(root)).close()
    (root / "meta.json").write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    with pytest.raises(StoreTooNew, match="newer Claimdeck"):
        await TinyDBStore.open(root)


async def test_migrates_a_version_1_single_file_store(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    card = make_card("oldcard", guild_id=3)
    old_vote = {**make_vote("oldcard", 6, VoteChoice.UNCLEAR).to_dict()}
    old_vote["user_id"] = old_vote.pop("member_id")
    created = Event("oldcard", EventKind.CARD_CREATED, T0, 42)
    cast = Event("oldcard", EventKind.VOTE_CAST, T0, 6, {"claim_id": "c0"})
    v1 = {
        "cards": {"1": card.to_dict()},
        "votes": {"1": old_vote},
        "events": {"1": created.to_dict(), "2": cast.to_dict()},
        "followups": {"1": make_followup("oldfu", "oldcard", guild_id=3).to_dict()},
        "settings": {"1": GuildSettings(3, timezone="Asia/Tokyo").to_dict()},
    }
    (root / "claimdeck.json").write_text(json.dumps(v1))

    store = await TinyDBStore.open(root)
    try:
        assert await store.get_card("oldcard") == card
        assert [(v.member_id, v.choice) for v in await store.votes_for_card("oldcard")] == [
            (6, VoteChoice.UNCLEAR)
        ]
        assert await store.events_for_card("oldcard") == [created, cast]
        assert (await store.get_followup("oldfu")).party == "City Hall"
        assert (await store.get_settings(3)).timezone == "Asia/Tokyo"
        await store.append_event(Event("oldcard", EventKind.VOTING_CLOSED, T0, 1))
        assert len(await store.events_for_card("oldcard")) == 3
    finally:
        await store.close()
    assert json.loads((root / "claimdeck.v1.json.bak").read_text()) == v1
    assert not (root / "claimdeck.json").exists()
    assert json.loads((root / "meta.json").read_text())["meta"]["1"]["schema_version"] == 4


async def test_one_process_per_data_directory(store) -> None:
    with pytest.raises(StoreError, match="Another Claimdeck process"):
        await TinyDBStore.open(store.root)


# --- open_store and ids -----------------------------------------------------------------------


async def test_open_store_reads_url_and_environment(tmp_path: Path, monkeypatch) -> None:
    store = await open_store(f"tinydb://{tmp_path / 'by-url'}")
    await store.save_settings(GuildSettings(1, timezone="UTC"))
    await store.close()
    assert (tmp_path / "by-url" / "guilds" / "1" / "settings.json").exists()

    monkeypatch.setenv("CLAIMDECK_DATA_DIR", str(tmp_path / "by-env"))
    store = await open_store()
    await store.close()
    assert (tmp_path / "by-env" / "meta.json").exists()

    with pytest.raises(StoreError, match="PostgreSQL storage is not available"):
        await open_store("postgresql://db/claimdeck")
    with pytest.raises(StoreError, match="Unknown store URL scheme 'redis'"):
        await open_store("redis://localhost")


def test_card_ids_are_short_custom_id_safe_and_unique() -> None:
    ids = {new_card_id() for _ in range(5000)}
    assert len(ids) == 5000
    assert all(len(i) == 10 and i.isalnum() and i.islower() for i in ids)


async def test_files_are_tinydb_databases_both_ways(tmp_path: Path) -> None:
    """Shard files open in TinyDB, and a file in TinyDB's indented formatting loads back."""
    shard = await _store_with_one_card(tmp_path / "data")
    (doc,) = read_tinydb_table(shard, "cards")  # TinyDB's own reader
    assert doc["id"] == "solo"
    reformatted = json.dumps(json.loads(shard.read_text()), indent=4)
    shard.write_text(reformatted)
    store = await TinyDBStore.open(tmp_path / "data")
    try:
        assert await store.get_card("solo") == make_card("solo")
    finally:
        await store.close()
