"""The publisher's coalesced refresh: few edits during a burst, the last state always lands."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.models import StoredCard, Vote, VoteChoice
from bot.ui.publisher import Publisher
from storage import Store, open_store
from tests.factories import make_card

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
INTERVAL = 0.2


class Edits:
    """A stand-in for the Discord client: records each edit with the tally it showed."""

    def __init__(self) -> None:
        self.sent: list[tuple[float, str]] = []
        self.fail_with: BaseException | None = None

    def get_partial_messageable(self, channel_id: int) -> Any:
        return SimpleNamespace(get_partial_message=lambda message_id: self)

    async def edit(self, **content: Any) -> None:
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error
        await asyncio.sleep(0.005)  # a little network time
        claim = content["embed"].fields[2].value  # claim 1's field, with its tally line
        self.sent.append((time.monotonic(), claim.splitlines()[-1]))
        assert content["allowed_mentions"].to_dict() == {"parse": []}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(f"tinydb://{tmp_path}")
    await opened.save_card(
        StoredCard("k7", 1, "https://news.example.com/story", make_card(claims=3), T0,
                   channel_id=2, message_id=3)
    )
    yield opened
    await opened.close()


async def vote(store: Store, member: int) -> None:
    await store.cast_vote(Vote("k7", "c1", member, VoteChoice.DUBIOUS, T0))


async def test_a_burst_of_refreshes_is_coalesced_and_the_last_state_lands(store: Store):
    client = Edits()
    publisher = Publisher(client, store, interval=INTERVAL)  # type: ignore[arg-type]
    started = time.monotonic()
    for member in range(1, 31):
        await vote(store, member)
        publisher.refresh("k7")
        await asyncio.sleep(0.02)
    burst = time.monotonic() - started
    async with asyncio.timeout(5):
        await publisher.idle()
    times = [at for at, _ in client.sent]
    assert times[0] - started < INTERVAL  # the first click shows at once
    assert all(b - a >= INTERVAL * 0.95 for a, b in itertools.pairwise(times))
    assert len(times) <= burst / INTERVAL + 2
    assert client.sent[-1][1].startswith("🗳️ ✅ 0 · ❔ 0 · 🚩 30")


async def test_closing_sends_a_pending_edit_at_once(store: Store):
    client = Edits()
    publisher = Publisher(client, store, interval=60)  # type: ignore[arg-type]
    publisher.refresh("k7")
    async with asyncio.timeout(5):
        await publisher.idle()
    await vote(store, 1)
    publisher.refresh("k7")  # would wait a minute behind the first edit
    await asyncio.sleep(0.05)
    async with asyncio.timeout(2):
        await publisher.close()
    assert len(client.sent) == 2 and "🚩 1" in client.sent[-1][1]
    publisher.refresh("k7")  # after close: nothing
    assert len(client.sent) == 2


async def test_a_failed_edit_is_logged_and_the_next_refresh_still_lands(
    store: Store, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="claimdeck.publisher")
    client = Edits()
    # a passing failure (a deleted message is tests/ui/test_publisher_gone.py's)
    busy = SimpleNamespace(status=503, reason="Unavailable")
    client.fail_with = discord.HTTPException(busy, "busy")
    publisher = Publisher(client, store, interval=0.01)  # type: ignore[arg-type]
    publisher.refresh("k7")
    async with asyncio.timeout(5):
        await publisher.idle()
    assert client.sent == [] and "refused the edit" in caplog.text
    await vote(store, 1)
    await asyncio.sleep(0.02)
    publisher.refresh("k7")
    async with asyncio.timeout(5):
        await publisher.idle()
    assert len(client.sent) == 1


async def test_a_card_that_was_never_posted_or_is_unknown_is_not_edited(store: Store):
    client = Edits()
    await store.save_card(
        StoredCard("k8", 1, "https://news.example.com/other", make_card(), T0)
    )
    publisher = Publisher(client, store, interval=0.01)  # type: ignore[arg-type]
    publisher.refresh("k8")
    publisher.refresh("nosuchcard")
    async with asyncio.timeout(5):
        await publisher.idle()
    assert client.sent == []
