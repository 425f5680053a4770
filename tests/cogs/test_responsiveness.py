"""A burst of links keeps the event loop free: heartbeats stay on time while workers analyse."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.app import ClaimdeckBot
from bot.config import Settings
from bot.pipeline.addresses import parse_allowlist
from bot.pipeline.cards import CardPipeline, card_workers
from bot.pipeline.fetch import Fetcher, FetchPolicy
from bot.ratelimit import Limit, LinkLimits
from storage import open_store
from tests.cogs.conftest import SEED
from tests.fakes.article_server import ArticleServer
from tests.fakes.harness import running_client, serve_fake_discord

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone

LINKS = 12
HEARTBEAT = 0.2
TICK = 0.01


async def test_a_burst_of_links_does_not_delay_heartbeats(tmp_path: Path):
    lags: list[float] = []
    pipeline: CardPipeline | None = None
    try:
        async with ArticleServer() as articles, serve_fake_discord(
            heartbeat_interval=HEARTBEAT
        ) as fake:
            for i in range(LINKS):
                articles.add_file(f"/story/{i}", SEED)
            world = fake.world
            settings = Settings(token=fake.token, data_dir=tmp_path,
                                dev_guild=int(world.guild["id"]))
            store = await open_store(settings.store_url)
            policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"))
            async with Fetcher(policy) as fetcher:
                # a real worker process, as in production
                pipeline = CardPipeline(fetcher, card_workers(1))
                async with asyncio.timeout(60):
                    await pipeline.warm_up()
                bot = ClaimdeckBot(
                    settings=settings, store=store, pipeline=pipeline, guild_ready_timeout=0.05,
                    limits=LinkLimits(Limit(1000, 60), Limit(1000, 60)),
                )
                async with running_client(bot, fake):
                    loop = asyncio.get_running_loop()
                    beats_before = len(fake.heartbeats)
                    for i in range(LINKS):
                        await fake.dispatch(
                            "MESSAGE_CREATE", world.user_message(articles.url(f"/story/{i}"))
                        )
                    async with asyncio.timeout(90):
                        done = asyncio.create_task(wait_for_cards(fake, LINKS))
                        while not done.done():
                            started = loop.time()
                            await asyncio.sleep(TICK)
                            lags.append(loop.time() - started - TICK)
                        await done
                    gaps = fake.heartbeat_gaps()[beats_before:]
            await store.close()
    finally:
        if pipeline is not None:
            pipeline.close()
    assert len(gaps) >= 3, "the burst should span several heartbeats"
    assert max(gaps) < HEARTBEAT + 0.15, f"a heartbeat was late: gaps {gaps}"
    lags.sort()
    assert lags[int(0.99 * (len(lags) - 1))] < 0.05, f"event loop lag p99 {lags[-5:]}"


async def wait_for_cards(fake, count: int) -> None:
    for _ in range(count):
        await fake.wait_for_request(
            "POST", r"/channels/\d+/messages", timeout=60,
            predicate=lambda r: bool(r.json and r.json.get("embeds")),
        )
