"""Links pasted in watched channels get a claim card as a reply, with a thread to discuss it.

Per link: an already-carded link gets a pointer to its card; otherwise ⏳ while working, then the
card (or one short line saying why there is none). Thin glue: finding links, the limits and the
card service are plain Python elsewhere.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.carding import jump_url
from bot.errors import ClaimdeckError
from bot.links import find_links
from bot.models import GuildSettings, StoredCard
from bot.render import NO_PINGS, card_embed, notice, safe
from cogs.errors import UNEXPECTED

log = logging.getLogger("claimdeck.links")

WORKING = "⏳"
THREAD_NAME_LIMIT = 100


def is_watched(settings: GuildSettings, channel: discord.abc.Messageable) -> bool:
    """Every channel when none are chosen; else the chosen ones and threads inside them."""
    if not settings.watched_channels:
        return True
    channel_id = getattr(channel, "id", None)
    parent_id = getattr(channel, "parent_id", None)
    return channel_id in settings.watched_channels or parent_id in settings.watched_channels


def pointer_text(stored: StoredCard) -> str:
    where = jump_url(stored)
    title = safe(stored.card.article.title or "this article", 200)
    if where:
        return notice(f"📇 Already carded: **{title}** → {where}")
    return notice(f"📇 Already carded: **{title}** (its card is being posted here now).")


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
                await self.card_link(message, link)
            except Exception:
                log.exception("carding %s failed", link)
                await self._reply(message, UNEXPECTED)

    async def card_link(self, message: discord.Message, link: str) -> None:
        assert message.guild is not None
        guild_id = message.guild.id
        if (stored := await self.bot.cards.existing(guild_id, link)) is not None:
            await self._reply(message, pointer_text(stored))
            return
        if (refusal := self.bot.limits.check(guild_id, message.author.id)) is not None:
            await self._reply(message, refusal)
            return
        await self._react(message, add=True)
        try:
            result = await self.bot.cards.card_for_link(guild_id, link, message.author.id)
        except ClaimdeckError as error:
            await self._reply(message, f"⚠️ No card for <{link}>: {error}")
            return
        finally:
            await self._react(message, add=False)
        if not result.created:
            await self._reply(message, pointer_text(result.stored))
            return
        await self.post_card(message, result.stored)

    async def post_card(self, message: discord.Message, stored: StoredCard) -> None:
        """Reply with the card, open a thread on it, and remember where it lives."""
        reply = await message.reply(
            embed=card_embed(stored.card, stored.id), mention_author=False,
            allowed_mentions=NO_PINGS,
        )
        thread = await open_thread(reply.channel, reply.id, stored)
        await self.bot.cards.posted(
            stored, reply.channel.id, reply.id, thread.id if thread else None
        )

    async def _reply(self, message: discord.Message, text: str) -> None:
        try:
            await message.reply(notice(text), mention_author=False, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.warning("could not reply in channel %s", message.channel.id)

    async def _react(self, message: discord.Message, *, add: bool) -> None:
        try:
            if add:
                await message.add_reaction(WORKING)
            else:
                await message.remove_reaction(WORKING, self.bot.user)  # type: ignore[arg-type]
        except discord.HTTPException:
            pass  # no Add Reactions permission: the card still comes


async def open_thread(
    channel: object, message_id: int, stored: StoredCard
) -> discord.Thread | None:
    """A discussion thread on the card message; only text channels have them (not threads,
    forums or DMs), and a missing permission just means no thread."""
    if not isinstance(channel, discord.TextChannel):
        return None
    name = " ".join((stored.card.article.title or "Claim card").split())[:THREAD_NAME_LIMIT]
    try:
        return await channel.create_thread(name=name, message=discord.Object(id=message_id))
    except discord.HTTPException:
        log.info("no thread for card %s (missing permission?)", stored.id)
        return None


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(Links(bot))
