"""The Discord bot: ``ClaimdeckBot`` and ``claimdeck run``.

The entry point builds everything the bot depends on (store, fetcher, worker pool, pipeline) and
hands it in; the bot and its cogs never reach for a global. ``setup_hook`` registers the card's
persistent components (``DynamicItem``s: the card's votes and the follow-up proposals' buttons;
a click works after any restart), loads the cogs (the follow-ups cog starts its loops) and
syncs the slash commands (to one guild while developing, so they appear at once). The bot holds
the :class:`~bot.ui.publisher.Publisher`, the one owner of card messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TextIO

import discord
from discord.ext import commands

from bot.carding import CardService, utc_now
from bot.config import Settings
from bot.errors import ClaimdeckError
from bot.pipeline.cards import CardPipeline, card_workers
from bot.pipeline.fetch import Fetcher
from bot.ratelimit import LinkLimits
from bot.ui.components import DYNAMIC_ITEMS, ComponentHandler
from bot.ui.publisher import REFRESH_INTERVAL, Publisher
from storage import Store, open_store

log = logging.getLogger("claimdeck")

COGS = (
    "cogs.errors", "cogs.links", "cogs.cards", "cogs.settings", "cogs.votes", "cogs.followups",
)


def bot_intents() -> discord.Intents:
    """Guild messages with their content (to see links), reactions; nothing privileged else."""
    intents = discord.Intents.default()
    intents.message_content = True
    return intents


class ClaimdeckBot(commands.Bot):
    """Owns the store, the card pipeline, the limits and the publisher; cogs reach them through
    ``bot``. ``refresh_interval`` is the least time between two edits of one card (tests use a
    short one)."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        pipeline: CardPipeline,
        clock: Callable[[], datetime] = utc_now,
        limits: LinkLimits | None = None,
        refresh_interval: float = REFRESH_INTERVAL,
        **options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.store = store
        self.pipeline = pipeline
        self.clock = clock
        self.cards = CardService(store, pipeline, clock)
        self.limits = limits or LinkLimits()
        self.publisher = Publisher(self, store, interval=refresh_interval)
        # Installed by the votes cog: where clicks on the card's components go.
        self.component_handler: ComponentHandler | None = None
        # Installed by the follow-ups cog: where "Link as response" / "Not related" go.
        self.followup_handler: ComponentHandler | None = None
        self._warm_up: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        for name in COGS:
            await self.load_extension(name)
        await self.sync_commands()
        # Load the model in every worker now (login succeeded) rather than on the first link.
        self._warm_up = asyncio.create_task(self._warm_workers(), name="claimdeck-warm-up")

    async def _warm_workers(self) -> None:
        try:
            await self.pipeline.warm_up()
        except Exception:
            log.exception("the analysis workers failed to start; cards will fail until fixed")

    async def close(self) -> None:
        if self._warm_up is not None:
            self._warm_up.cancel()
        await self.publisher.close()  # the last state of every card lands before logging out
        await super().close()

    async def sync_commands(self) -> None:
        if self.settings.dev_guild:
            guild = discord.Object(id=self.settings.dev_guild)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild.id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (may take a while to appear)", len(synced))

    async def on_ready(self) -> None:
        user = self.user
        log.info("logged in as %s (%s) in %d servers", user, user and user.id, len(self.guilds))


LOGIN_REJECTED = (
    "Discord rejected the token in DISCORD_TOKEN. Copy a fresh one from the Developer Portal "
    "(your application → Bot → Reset Token) and try again."
)
INTENT_MISSING = (
    "Discord refused the Message Content intent. Turn it on in the Developer Portal "
    "(your application → Bot → Privileged Gateway Intents → Message Content Intent)."
)


@contextlib.contextmanager
def stop_on_sigterm(bot: ClaimdeckBot) -> Iterator[None]:
    """``docker stop`` and systemd send SIGTERM: log out and close the store cleanly, as Ctrl+C
    does, instead of dying mid-way (the journal would keep acknowledged writes either way)."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(bot.close()))
    except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


async def serve(settings: Settings, err: TextIO, **bot_options: object) -> int:
    """Run the bot until it is stopped; returns the process exit code."""
    token = settings.require_token()
    policy = settings.fetch_policy
    store = await open_store(settings.store_url)
    try:
        async with Fetcher(policy) as fetcher:
            pipeline = CardPipeline(
                fetcher, card_workers(settings.workers, settings.analysis_budget)
            )
            options = {**settings.shard_options, **bot_options}
            bot = ClaimdeckBot(settings=settings, store=store, pipeline=pipeline, **options)
            try:
                async with bot:
                    with stop_on_sigterm(bot):
                        await bot.start(token)
            except discord.LoginFailure:
                print(f"claimdeck: {LOGIN_REJECTED}", file=err)
                return 1
            except discord.PrivilegedIntentsRequired:
                print(f"claimdeck: {INTENT_MISSING}", file=err)
                return 1
            finally:
                pipeline.close()
    finally:
        await store.close()
    return 0


def run_bot(err: TextIO) -> int:
    """``claimdeck run``: settings from the environment and .env, logs on stderr."""
    settings = Settings.load()
    settings.require_token()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return asyncio.run(serve(settings, err))
    except ClaimdeckError as error:
        print(f"claimdeck: {error}", file=err)
        return 1
