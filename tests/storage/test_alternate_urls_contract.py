"""Contract of the Store for a card's other addresses (issue 11: one card per article, found by
the link pasted and by the page's declared canonical URL).

Written against the ``Store`` protocol (``open_store``), plus one crash test on the TinyDB
backend, where a write may live only in the journal when the process dies."""

from __future__ import annotations

import asyncio
import errno
import json
from dataclasses import replace
from pathlib import Path

import pytest

import storage.journal
from bot.models import StoredCard
from storage import DuplicateCard, Store, StoreError, open_store
from storage.tinydb_store import TinyDBStore
from tests.storage.backends import store_url
from tests.storage.records import make_card

MOBILE = "https://m.news.example/story"
DESKTOP = "https://www.news.example/story"


@pytest.fixture
def url(tmp_path: Path, backend: str) -> str:
    return store_url(backend, tmp_path)


async def _reopen(store: Store, url: str) -> Store:
    await store.close()
    async with asyncio.timeout(10):
        return await open_store(url)


def _aliased(card_id: str = "mob", guild_id: int = 1) -> StoredCard:
    return replace(make_card(card_id, guild_id=guild_id, url=MOBILE), alternate_urls=(DESKTOP,))


async def test_a_card_is_found_by_each_of_its_addresses_after_a_restart(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(_aliased())
        await store.save_card(make_card("other", url="https://www.news.example/other"))
        for _ in range(2):  # from memory, then from disk
            assert (await store.find_card_by_url(1, MOBILE)).id == "mob"
            found = await store.find_card_by_url(1, DESKTOP)
            assert found is not None and found.id == "mob"
            assert found.canonical_url == MOBILE and found.alternate_urls == (DESKTOP,)
            assert await store.find_card_by_url(2, DESKTOP) is None  # another guild's key
            store = await _reopen(store, url)
    finally:
        await store.close()


async def test_a_second_card_under_any_key_of_the_first_is_a_duplicate(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(_aliased())
        # The desktop address pasted, or a card naming the mobile one as its other address.
        for clash in (
            make_card("desk", url=DESKTOP),
            replace(make_card("b", url="https://news.example/b"), alternate_urls=(MOBILE,)),
        ):
            with pytest.raises(DuplicateCard) as raised:
                await store.save_card(clash)
            assert raised.value.existing.id == "mob"
            assert await store.get_card(clash.id) is None
        # Reversed: the desktop card first, then a mobile card declaring it.
        await store.save_card(make_card("d2", guild_id=2, url=DESKTOP))
        with pytest.raises(DuplicateCard) as raised:
            await store.save_card(_aliased("m2", guild_id=2))
        assert raised.value.existing.id == "d2"
        assert await store.find_card_by_url(2, MOBILE) is None  # nothing of it was kept
        # The same card saved again (posted later) keeps its keys; another guild is free.
        await store.save_card(replace(_aliased(), channel_id=5, message_id=6))
        await store.save_card(_aliased("m3", guild_id=3))
        store = await _reopen(store, url)
        assert (await store.find_card_by_url(1, DESKTOP)).message_id == 6
        assert (await store.find_card_by_url(3, DESKTOP)).id == "m3"
    finally:
        await store.close()


async def test_replacing_a_card_drops_the_addresses_it_no_longer_has(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(_aliased())
        await store.save_card(replace(_aliased(), alternate_urls=()))
        assert await store.find_card_by_url(1, DESKTOP) is None
        await store.save_card(make_card("desk", url=DESKTOP))  # the key is free again
        store = await _reopen(store, url)
        assert (await store.find_card_by_url(1, DESKTOP)).id == "desk"
        assert (await store.find_card_by_url(1, MOBILE)).id == "mob"
    finally:
        await store.close()


async def test_an_address_equal_to_the_card_s_own_or_repeated_is_kept_once(url: str) -> None:
    store = await open_store(url)
    try:
        await store.save_card(replace(_aliased(), alternate_urls=(MOBILE, DESKTOP, DESKTOP)))
        assert (await store.get_card("mob")).alternate_urls == (DESKTOP,)
    finally:
        await store.close()


async def test_the_other_addresses_survive_a_crash_journal_replay_and_compaction(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    store = await TinyDBStore.open(root, freeze_gc=False)
    await store.save_card(_aliased())
    await store.update_card_message("mob", 10, 11, 12)
    store._engine.release_dir_lock()  # a crash: the card is only in the journal
    store = await TinyDBStore.open(root, freeze_gc=False)
    try:
        found = await store.find_card_by_url(1, DESKTOP)
        assert found is not None and (found.id, found.message_id) == ("mob", 11)
        await store.compact()  # the index row now holds the other address
        rows = [
            row
            for index in (root / "guilds" / "1").glob("index-*.json")
            for row in json.loads(index.read_text())["cards"].values()
        ]
        assert [row.get("alternate_urls") for row in rows] == [[DESKTOP]]
        with pytest.raises(DuplicateCard):
            await store.save_card(make_card("desk", url=DESKTOP))
    finally:
        await store.close()
    store = await TinyDBStore.open(root, freeze_gc=False)
    try:
        assert (await store.find_card_by_url(1, DESKTOP)).thread_id == 12
    finally:
        await store.close()


def test_a_card_record_written_before_alternate_urls_still_loads() -> None:
    data = make_card("old").to_dict()
    del data["alternate_urls"]
    assert StoredCard.from_dict(data).alternate_urls == ()
    assert StoredCard.from_dict(_aliased().to_dict()) == _aliased()


async def test_a_card_whose_write_failed_leaves_none_of_its_addresses_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = await TinyDBStore.open(tmp_path / "data", freeze_gc=False)
    try:

        def no_space(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage.journal.os, "write", no_space)
        with pytest.raises(StoreError):
            await store.save_card(_aliased())
        monkeypatch.undo()  # space was freed
        assert await store.find_card_by_url(1, DESKTOP) is None
        await store.save_card(make_card("desk", url=DESKTOP))
        assert (await store.find_card_by_url(1, DESKTOP)).id == "desk"
    finally:
        await store.close()
