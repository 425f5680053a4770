"""The publisher and a card message Discord no longer has: forgotten in the store (the card is
posted again when next asked), while a passing failure leaves the card where it is."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.models import StoredCard
from bot.ui.publisher import Publisher
from storage import Store, open_store
from tests.factories import make_card

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
GUILD, CHANNEL, MESSAGE = 1, 2, 3


class Edits:
    """A stand-in for the Discord client: counts edits, or fails the next one."""

    def __init__(self) -> None:
        self.sent = 0
        self.fail_with: BaseException | None = None

    def get_partial_messageable(self, channel_id: int) -> Any:
        return SimpleNamespace(get_partial_message=lambda message_id: self)

    async def edit(self, **content: Any) -> None:
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error
        self.sent += 1


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(f"tinydb://{tmp_path}")
    card = StoredCard(
        "k7",
        GUILD,
        "https://news.example.com/story",
        make_card(claims=3),
        T0,
        channel_id=CHANNEL,
        message_id=MESSAGE,
    )
    await opened.save_card(card)
    yield opened
    await opened.close()


def not_found(code: int) -> discord.NotFound:
    return discord.NotFound(SimpleNamespace(status=404, reason="Not Found"), {"code": code})


async def refreshed(publisher: Publisher) -> None:
    publisher.refresh("k7")
    async with asyncio.timeout(5):
        await publisher.idle()


@pytest.mark.parametrize("code", [10008, 10003])  # Unknown Message, Unknown Channel
async def test_a_card_message_discord_no_longer_has_is_forgotten(store: Store, code: int):
    client = Edits()
    client.fail_with = not_found(code)
    publisher = Publisher(client, store, interval=0.01)  # type: ignore[arg-type]
    await refreshed(publisher)
    card = await store.get_card("k7")
    assert card is not None and card.message_id is None and card.channel_id == CHANNEL
    await asyncio.sleep(0.02)
    await refreshed(publisher)  # nothing left to edit; no error either
    assert client.sent == 0


@pytest.mark.parametrize(
    "error",
    [
        discord.HTTPException(SimpleNamespace(status=503, reason="Unavailable"), "busy"),
        not_found(0),  # a 404 that does not say the message is gone
    ],
)
async def test_a_passing_failure_keeps_the_card_and_the_next_refresh_lands(
    store: Store, error: discord.HTTPException
):
    client = Edits()
    client.fail_with = error
    publisher = Publisher(client, store, interval=0.01)  # type: ignore[arg-type]
    await refreshed(publisher)
    card = await store.get_card("k7")
    assert card is not None and card.message_id == MESSAGE
    await asyncio.sleep(0.02)
    await refreshed(publisher)
    assert client.sent == 1


async def test_a_late_gone_for_an_old_message_keeps_a_newer_post(store: Store):
    await store.update_card_message("k7", CHANNEL, MESSAGE + 1, None)  # posted again since
    publisher = Publisher(Edits(), store)  # type: ignore[arg-type]
    assert await publisher.message_gone(GUILD, MESSAGE) is None
    card = await store.get_card("k7")
    assert card is not None and card.message_id == MESSAGE + 1
