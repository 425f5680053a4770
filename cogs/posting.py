"""Showing a card in Discord, shared by the links and cards cogs (a helper, not an extension).

Cards are de-duplicated per server, but channels are not equally visible: a card first made in
a private moderators' channel must not be revealed in #general. So an existing card is pointed
to only for members who can read its channel; anyone else gets the card posted again where they
asked, with no mention of the other channel.
"""

from __future__ import annotations

import logging

import discord

from bot.carding import jump_url
from bot.models import StoredCard
from bot.render import notice, safe
from bot.safe_text import discord_line

log = logging.getLogger("claimdeck.posting")

THREAD_NAME_LIMIT = 100


def pointer_text(stored: StoredCard) -> str:
    title = safe(stored.card.article.title or "this article", 200)
    return notice(f"📇 Already carded: **{title}** → {jump_url(stored)}")


def can_see(member: discord.abc.User, guild: discord.Guild | None, stored: StoredCard) -> bool:
    """Whether ``member`` can read the channel where ``stored`` is posted."""
    if guild is None or stored.channel_id is None or not isinstance(member, discord.Member):
        return False
    channel = guild.get_channel_or_thread(stored.channel_id)
    return channel is not None and channel.permissions_for(member).read_messages


async def open_thread(
    channel: object, message_id: int, stored: StoredCard
) -> discord.Thread | None:
    """A discussion thread on the card message; only text channels have them (not threads,
    forums or DMs), and a missing permission just means no thread."""
    if not isinstance(channel, discord.TextChannel):
        return None
    name = discord_line(stored.card.article.title, THREAD_NAME_LIMIT) or "Claim card"
    try:
        return await channel.create_thread(name=name, message=discord.Object(id=message_id))
    except discord.HTTPException:
        log.info("no thread for card %s (missing permission?)", stored.id)
        return None
