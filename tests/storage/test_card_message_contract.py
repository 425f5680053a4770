"""Contract of the Store for a card message deleted in Discord: ``forget_card_message`` clears
the card's message id (the card, its channel, thread and votes stay), only while the card still
records that message, and the forgetting survives a restart."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.models import Vote, VoteChoice
from storage import Store, open_store
from tests.storage.backends import store_url
from tests.storage.records import make_card

GUILD = 1
CHANNEL, MESSAGE, THREAD = 10, 20, 30
AT = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def url(tmp_path: Path, backend: str) -> str:
    return store_url(backend, tmp_path)


async def _open(url: str) -> Store:
    async with asyncio.timeout(10):
        return await open_store(url)


async def test_forgetting_a_card_message_keeps_the_card_where_it_was(url: str) -> None:
    store = await _open(url)
    try:
        await store.save_card(make_card("a"))
        await store.save_card(make_card("b"))
        await store.update_card_message("a", CHANNEL, MESSAGE, THREAD)
        await store.update_card_message("b", CHANNEL, MESSAGE + 1, None)
        await store.cast_vote(Vote("a", "c0", 7, VoteChoice.CREDIBLE, AT))

        forgotten = await store.forget_card_message(GUILD, MESSAGE)

        assert forgotten is not None and forgotten.id == "a"
        assert (forgotten.channel_id, forgotten.message_id, forgotten.thread_id) == (
            CHANNEL,
            None,
            THREAD,
        )
        await store.close()
        store = await _open(url)  # from disk
        card = await store.get_card("a")
        assert card is not None and card.message_id is None
        assert (card.channel_id, card.thread_id) == (CHANNEL, THREAD)
        assert [v.member_id for v in await store.votes_for_card("a")] == [7]
        other = await store.get_card("b")
        assert other is not None and other.message_id == MESSAGE + 1
        assert (await store.find_card_by_url(GUILD, card.canonical_url)).message_id is None
    finally:
        await store.close()


async def test_only_the_card_that_still_shows_that_message_is_changed(url: str) -> None:
    store = await _open(url)
    try:
        await store.save_card(make_card("a"))
        await store.save_card(make_card("x", guild_id=2))
        await store.update_card_message("a", CHANNEL, MESSAGE, THREAD)
        await store.update_card_message("x", CHANNEL, MESSAGE, None)

        assert await store.forget_card_message(GUILD, 999) is None  # not a card message
        assert (await store.forget_card_message(GUILD, MESSAGE)).id == "a"
        assert await store.forget_card_message(GUILD, MESSAGE) is None  # already forgotten
        # Re-posted since (another process), then a late "gone" for the old message: kept.
        await store.update_card_message("a", CHANNEL + 1, MESSAGE + 5, THREAD + 1)
        assert await store.forget_card_message(GUILD, MESSAGE) is None
        card = await store.get_card("a")
        assert card is not None and (card.channel_id, card.message_id) == (CHANNEL + 1, MESSAGE + 5)
        other = await store.get_card("x")  # another guild's card with the same number
        assert other is not None and other.message_id == MESSAGE
    finally:
        await store.close()
