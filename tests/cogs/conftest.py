"""The real ClaimdeckBot, logged in to the local fake Discord, reading a local article server."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import ClaimdeckBot
from bot.config import Settings
from bot.pipeline.addresses import parse_allowlist
from bot.pipeline.cards import CardPipeline
from bot.pipeline.fetch import Fetcher, FetchPolicy
from storage import Store, open_store
from tests.fakes import payloads
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.harness import running_client
from tests.fakes.payloads import World

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "article.html"
REFRESH_INTERVAL = 0.3  # seconds between two edits of one card in voting tests


@dataclass
class Deck:
    """Everything an end-to-end test drives or inspects."""

    bot: ClaimdeckBot
    fake: FakeDiscord
    world: World
    articles: ArticleServer
    store: Store

    def command(self, name: str, type: int = 1) -> dict:
        return self.fake.registered_command(name, type=type, guild_id=self.world.guild["id"])

    async def make_private(self, channel: dict) -> None:
        """Only the admin may read ``channel`` (a moderators' room)."""
        channel["permission_overwrites"] = [
            {"id": self.world.guild["id"], "type": 0, "allow": "0",
             "deny": str(payloads.VIEW_CHANNEL)},
            {"id": self.world.admin["user"]["id"], "type": 1,
             "allow": str(payloads.VIEW_CHANNEL), "deny": "0"},
        ]
        await self.fake.dispatch("CHANNEL_UPDATE", channel)


@pytest.fixture
async def articles() -> AsyncIterator[ArticleServer]:
    async with ArticleServer() as server:
        server.add_file("/seed", SEED)
        yield server


class Clock:
    """The bot's clock in tests: real time, moved forward on demand (double clicks are
    decided by it)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@contextlib.asynccontextmanager
async def started_deck(
    fake: FakeDiscord, articles: ArticleServer, data_dir: Path, **bot_options: Any
) -> AsyncIterator[Deck]:
    """The real bot on ``data_dir``, logged in to ``fake``; closed (store too) on exit."""
    world = fake.world
    settings = Settings(token=fake.token, data_dir=data_dir, dev_guild=int(world.guild["id"]))
    store = await open_store(settings.store_url)
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), total_timeout=5.0)
    try:
        async with Fetcher(policy) as fetcher:
            bot = ClaimdeckBot(
                settings=settings, store=store, pipeline=CardPipeline(fetcher),
                guild_ready_timeout=0.05, **bot_options,
            )
            async with running_client(bot, fake):
                yield Deck(bot, fake, world, articles, store)
    finally:
        await store.close()


@pytest.fixture
async def deck(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp
) -> AsyncIterator[Deck]:
    async with started_deck(fake_discord, articles, tmp_path) as started:
        yield started


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def voting_deck(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, clock: Clock
) -> AsyncIterator[Deck]:
    """A deck for voting tests: cards are stored, not analysed (no spaCy), and card edits are
    coalesced over 0.3 s instead of 2 s."""
    async with started_deck(
        fake_discord, articles, tmp_path, clock=clock, refresh_interval=REFRESH_INTERVAL
    ) as started:
        yield started
