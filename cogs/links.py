"""Links pasted in watched channels get a claim card as a reply, with a thread to discuss it.

Per link: an already-carded link gets a pointer to its card; otherwise ⏳ while working, then the
card (or one short line saying why there is none). Thin glue: finding links, the limits and the
card service are plain Python elsewhere; the card message is the publisher's (bot/ui/).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.carding import Posted
from bot.errors import ClaimdeckError
from bot.links import find_links
from bot.models import GuildSettings, StoredCard
from bot.ui.render import NO_PINGS, notice, safe
from cogs.errors import describe

log = logging.getLogger("claimdeck.links")

WORKING = "⏳"


def is_watched(settings: GuildSettings, channel: discord.abc.Messageable) -> bool:
    """Every channel when none are chosen; else the chosen ones and threads inside them."""
    if not settings.watched_channels:
        return True
    channel_id = getattr(channel, "id", None)
    parent_id = getattr(channel, "parent_id", None)
    return channel_id in settings.watched_channels or parent_id in settings.watched_channels


class Links(commands.Cog):
    def __init__(self, bot: ClaimdeckBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is None or message.webhook_id is not None:
            return
        links = find_links(message.content)
        if not links:
            return
        settings = await self.bot.store.get_settings(message.guild.id)
        if not is_watched(settings, message.channel):
            return
        for link in links:
            try:
                if not await self.card_link(message, link):
                    break  # refused by the rate limit: one refusal per message is enough
            except Exception as error:
                log.exception("carding %s failed", link)
                await self._reply(message, describe(error))

    async def card_link(self, message: discord.Message, link: str) -> bool:
        """Card one link; False when the rate limit refused it."""
        assert message.guild is not None
        guild_id, author = message.guild.id, message.author
        if (refusal := self.bot.limits.check(guild_id, author.id)) is not None:
            await self._reply(message, refusal)
            return False
        if (stored := await self.bot.cards.posted_card(guild_id, link)) is not None:
            await self._show_existing(message, stored)
            return True
        await self._react(message, add=True)
        try:
            result = await self.bot.cards.card_for_link(
                guild_id, link, author.id, post=lambda card: self._post_reply(message, card)
            )
        except ClaimdeckError as error:
            await self._reply(message, f"⚠️ No card for <{link}>: {safe(str(error), 1500)}")
            return True
        finally:
            await self._react(message, add=False)
        if not result.posted_now:
            await self._show_existing(message, result.stored)
        return True

    async def _show_existing(self, message: discord.Message, stored: StoredCard) -> None:
        await self.bot.publisher.show_existing(
            stored, message.author, message.guild, reply=lambda text: self._reply(message, text),
            send=_replier(message), channel=message.channel,
        )

    async def _post_reply(self, message: discord.Message, stored: StoredCard) -> Posted:
        """Reply with the card and open a thread on it."""
        return await self.bot.publisher.post(stored, _replier(message))

    async def _reply(self, message: discord.Message, text: str) -> None:
        try:
            await _answer(message, content=notice(text))
        except discord.HTTPException:
            log.warning("could not reply in channel %s", message.channel.id)

    async def _react(self, message: discord.Message, *, add: bool) -> None:
        try:
            if add:
                await message.add_reaction(WORKING)
            else:
                await message.remove_reaction(WORKING, self.bot.user)  # type: ignore[arg-type]
        except discord.HTTPException:
            pass  # no Add Reactions permission, or the message is gone: the card still comes


def _replier(message: discord.Message) -> Callable[..., Awaitable[discord.Message]]:
    """Sends whatever it is given as a reply to ``message``."""

    async def send(**content: object) -> discord.Message:
        return await _answer(message, **content)

    return send


async def _answer(message: discord.Message, **content: object) -> discord.Message:
    """Reply without pinging anyone, even if the message was deleted meanwhile."""
    content["allowed_mentions"] = NO_PINGS
    return await message.channel.send(
        reference=message.to_reference(fail_if_not_exists=False),
        mention_author=False,
        **content,  # type: ignore[arg-type]
    )


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(Links(bot))
