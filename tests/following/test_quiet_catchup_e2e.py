"""End to end, the real bot against the fake Discord: a server in Paris, the bot back at 03:30
local after a day down. Nothing pings the reviewers in the night; the late reminder lands in
the card's thread at 08:00, pinging the reviewer role."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cogs.conftest import SEED
from tests.cogs.followups import (
    Clock,
    followup_deck,
    in_thread,
    post_seed,
    reviewer_role,
    tick,
    wait_in_thread,
)
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord

RESTART = datetime(2025, 6, 18, 1, 30, tzinfo=UTC)  # 03:30 in Paris
MORNING = datetime(2025, 6, 18, 6, 0, tzinfo=UTC)  # 08:00 in Paris


@pytest.fixture
async def articles() -> AsyncIterator[ArticleServer]:
    async with ArticleServer() as server:
        server.add_file("/seed", SEED)
        yield server


async def test_back_at_half_past_three_in_paris_the_reminder_waits_for_eight(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp
) -> None:
    clock = Clock()  # 16 June, 09:00 UTC: 11:00 in Paris
    async with followup_deck((fake_discord, articles, tmp_path), clock) as first:
        guild_id = int(first.world.guild_id)
        settings = await first.store.get_settings(guild_id)
        await first.store.save_settings(replace(settings, timezone="Europe/Paris"))
        card, _, row = await post_seed(first)
        assert row.due_at == clock.now + timedelta(hours=24)  # 11:00 in Paris on 17 June
    clock.now = RESTART  # down all day, back in the night
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        await tick(deck)  # the start-up tick and one more at 03:30
        clock.now = MORNING - timedelta(minutes=1)
        await tick(deck)
        await asyncio.sleep(0.2)
        night = [
            r
            for r in deck.fake.requests_matching("POST", r"/channels/\d+/messages")
            if ((r.json or {}).get("content") or "").startswith("⏰")
        ]
        assert night == []  # nobody pinged at 03:30 or 07:59 Paris time

        clock.now = MORNING
        await tick(deck)
        sent = await wait_in_thread(deck, card, "⏰")
        role = reviewer_role(deck)
        assert sent.json["content"].startswith(f"⏰ <@&{role}> Still awaiting {row.party}")
        assert [int(r) for r in sent.json["allowed_mentions"]["roles"]] == [role]
        after = await deck.store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
        assert after.last_reminded_at == MORNING
        await tick(deck)
        assert len(in_thread(deck, card, "⏰")) == 1
