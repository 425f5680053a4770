"""Schema 3: card bodies live in append-only body files, read on demand, and v2 stores migrate."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.models import EventKind, StoredCard, Vote, VoteChoice
from storage import StoreCorrupt
from storage.layout import ShardKey, bucket_of, write_shard
from storage.tinydb_store import TinyDBStore
from tests.storage.old_stores import write_v2_store
from tests.storage.records import T0, make_card, make_vote


def _meta(root: Path) -> dict:
    return json.loads((root / "meta.json").read_text())["meta"]["1"]


def _body_files(root: Path, guild_id: int) -> list[Path]:
    return sorted((root / "guilds" / str(guild_id)).glob("bodies-*.dat"))


async def _reopen(store: TinyDBStore, **options) -> TinyDBStore:
    await store.close()
    async with asyncio.timeout(10):
        return await TinyDBStore.open(store.root, **options)


# --- a version 2 store ---------------------------------------------------------------------


async def test_a_version_2_store_migrates_and_keeps_every_record(tmp_path: Path) -> None:
    root = tmp_path / "data"
    cards = [make_card(f"v2card{n:03d}", guild_id=5 + n % 2, minutes=n) for n in range(40)]
    cards[3] = replace(cards[3], channel_id=10, message_id=11, voting_closed=True)
    extra = write_v2_store(root, cards)

    async with asyncio.timeout(10):
        store = await TinyDBStore.open(root)
    try:
        for card in cards:
            assert await store.get_card(card.id) == card
        votes = await store.votes_for_card(cards[0].id)
        assert [v.member_id for v in votes] == [1, 2] and votes[1] == extra["late_vote"]
        assert [e.kind for e in await store.events_for_card(cards[0].id)] == [
            EventKind.CARD_CREATED,
            EventKind.VOTE_CAST,
        ]
        assert (await store.get_followup("fu1")).card_id == cards[0].id
        assert (await store.get_settings(5)).timezone == "UTC"
        assert [c.id for c in await store.recent_cards(6, limit=2)] == ["v2card039", "v2card037"]
    finally:
        await store.close()

    assert _meta(root)["schema_version"] == 4
    assert not list(root.glob("guilds/*/cards-*.json")), "v2 card files are superseded"
    assert list(root.glob("guilds/5/index-*.json")) and _body_files(root, 5)
    store = await TinyDBStore.open(root)
    try:
        assert [await store.get_card(c.id) for c in cards] == cards
    finally:
        await store.close()


async def test_a_corrupt_version_2_card_file_stops_the_migration_untouched(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_v2_store(root, [make_card("good1"), make_card("good2", url="https://n.example/2")])
    damaged = root / "guilds" / "1" / f"cards-{bucket_of('good2'):02x}.json"
    damaged.write_bytes(b'{"cards": {"1": {"id": "go')
    with pytest.raises(StoreCorrupt) as caught:
        await TinyDBStore.open(root)
    assert str(damaged) in str(caught.value)
    assert damaged.read_bytes() == b'{"cards": {"1": {"id": "go'
    assert _meta(root)["schema_version"] == 2, "version 2 stays in charge"


# --- bodies on disk ---------------------------------------------------------------------------


async def test_bodies_read_back_after_compaction_and_reopen(tmp_path: Path) -> None:
    store = await TinyDBStore.open(tmp_path / "data", compact_after_bytes=2048)
    expected: dict[str, StoredCard] = {}
    for n in range(30):
        card = make_card(f"body{n:02d}", guild_id=1 + n % 2, minutes=n, title=f"Story {n}")
        await store.save_card(card)
        expected[card.id] = await store.update_card_message(card.id, 100, 200 + n, None)
        await store.cast_vote(make_vote(card.id, n, VoteChoice.CREDIBLE))
    expected["body04"] = await store.close_voting("body04", 9, T0)
    rewritten = make_card("body07", guild_id=2, minutes=7, title="Rewritten headline", claims=5)
    await store.save_card(rewritten)
    expected["body07"] = rewritten
    await store.compact()
    assert store.stats()["bodies_in_memory"] == 0, "compaction moved every body to disk"
    assert {i: await store.get_card(i) for i in expected} == expected

    store = await _reopen(store)
    try:
        assert {i: await store.get_card(i) for i in expected} == expected
        assert [c.id for c in await store.recent_cards(2, query="rewritten")] == ["body07"]
        assert (await store.find_card_by_url(2, rewritten.canonical_url)).card.claims[4].id == "c4"
        await store.cast_vote(make_vote("body07", 3, VoteChoice.DUBIOUS, claim="c4"))
        assert len(await store.votes_for_card("body07")) == 2
    finally:
        await store.close()


async def test_a_card_saved_after_the_index_was_written_comes_back_from_the_journal(
    tmp_path: Path,
) -> None:
    """An index row may be written before its card's body is (compaction racing a save): the
    journal still holds the card, so a crash then loses nothing; without it, start-up refuses."""
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    card = make_card("racer")
    await store.save_card(card)
    key = ShardKey("cards", 1, bucket_of("racer"))
    write_shard(root, key, store._state.shard_rows(key))  # row with "body": null
    store._engine.release_dir_lock()  # crash
    assert json.loads(key.path(root).read_text())["cards"]["1"]["body"] is None

    store = await TinyDBStore.open(root)
    assert await store.get_card("racer") == card
    write_shard(
        root, key, [json.dumps({**json.loads(store._state.shard_rows(key)[0]), "body": None})]
    )
    store._engine.release_dir_lock()
    for segment in (root / "journal").glob("*.log"):
        segment.unlink()
    with pytest.raises(StoreCorrupt, match="has no body") as caught:
        await TinyDBStore.open(root)
    assert str(key.path(root)) in str(caught.value)


async def test_a_truncated_body_file_is_refused_and_a_damaged_body_named(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root)
    await store.save_card(make_card("first"))
    await store.save_card(make_card("second", url="https://n.example/second"))
    await store.close()
    (body_file,) = _body_files(root, 1)
    good = body_file.read_bytes()

    body_file.write_bytes(good[:-10])
    with pytest.raises(StoreCorrupt, match="points up to byte") as caught:
        await TinyDBStore.open(root)
    assert str(body_file) in str(caught.value)
    assert body_file.read_bytes() == good[:-10]

    body_file.write_bytes(good.replace(b"Officials say", b"Officials sax", 1))
    store = await TinyDBStore.open(root)
    try:
        with pytest.raises(StoreCorrupt, match="damaged") as caught:
            await store.get_card("first")
        assert str(body_file) in str(caught.value)
        assert (await store.get_card("second")).id == "second"
    finally:
        await store.close()


async def test_dead_bodies_are_reclaimed_at_open(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, body_garbage_bytes=1)
    for version in range(6):  # each version of the card leaves a dead body behind
        await store.save_card(make_card("often", title=f"Version {version}"))
        await store.compact()
    await store.save_card(make_card("steady", url="https://n.example/steady"))
    (first_file,) = _body_files(root, 1)
    grown = first_file.stat().st_size
    leftover = root / "guilds" / "1" / "bodies-000009.dat"  # from an interrupted rewrite
    store = await _reopen(store, body_garbage_bytes=1)
    try:
        assert (await store.get_card("often")).card.article.title == "Version 5"
        assert (await store.get_card("steady")).id == "steady"
    finally:
        await store.close()
    (current,) = _body_files(root, 1)
    assert current != first_file and current.stat().st_size < grown / 2
    leftover.write_bytes(b"partial")
    store = await TinyDBStore.open(root)
    try:
        assert (await store.get_card("often")).card.article.title == "Version 5"
    finally:
        await store.close()
    assert _body_files(root, 1) == [current]


async def test_votes_on_many_cards_do_not_rewrite_card_bodies(tmp_path: Path) -> None:
    """Votes, message ids and closing voting touch only the small index: the body file does not
    grow with them (it is what lets a vote stay a sub-millisecond append)."""
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, compact_after_bytes=1024)
    for n in range(10):
        await store.save_card(make_card(f"quiet{n}", minutes=n))
    await store.compact()
    (body_file,) = _body_files(root, 1)
    size = body_file.stat().st_size
    for n in range(10):
        await store.update_card_message(f"quiet{n}", 1, n, 2)
        for member in range(20):
            await store.cast_vote(Vote(f"quiet{n}", "c1", member, VoteChoice.UNCLEAR, T0))
        await store.close_voting(f"quiet{n}", 1, T0)
    store = await _reopen(store)
    try:
        assert body_file.stat().st_size == size
        cards = [await store.get_card(f"quiet{n}") for n in range(10)]
        assert [(c.voting_closed, c.message_id) for c in cards] == [(True, n) for n in range(10)]
        assert len(await store.votes_for_card("quiet9")) == 20
    finally:
        await store.close()
