"""Cards on demand: /summary, /card, /claims and the "Make claim card" message menu.

Every command defers first (fetching and analysis take longer than Discord's 3 seconds), then
answers with a follow-up. Failures raise; cogs/errors.py turns them into a private message.
Cards are shown through the publisher (bot/ui/publisher.py), the card message's one owner.

``visible_card`` and ``card_choices`` (a ``card:`` option and its suggestions) are shared with
the votes cog: a member only ever names, or is offered, cards in channels they can read (an
archived thread is read through its parent channel: bot/ui/visibility.py).

A card message deleted in Discord (one message or a moderator's bulk delete) is forgotten in the
store, so the card's link posts it again instead of pointing to a dead message; the new post is
the card's home only for a member who can read the channel it lived in (bot/ui/publisher.py).
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.carding import Posted
from bot.errors import InvalidInput, RateLimited
from bot.links import find_links
from bot.models import StoredCard
from bot.safe_text import discord_line
from bot.ui.render import NO_PINGS, claims_embed, summary_embed
from cogs.errors import ANSWERED

log = logging.getLogger("claimdeck.cards")

AUTOCOMPLETE_CHOICES = 25
AUTOCOMPLETE_SCAN = 100  # recent cards looked at, of which those the member can see are offered
CHOICE_NAME_LIMIT = 100


def single_link(text: str) -> str:
    """The one http(s) link a command was given, or a message saying what was expected."""
    links = find_links(text, limit=1)
    if not links:
        raise InvalidInput(
            "That is not a link I can read. Give a full http:// or https:// address of an article."
        )
    return links[0]


class Cards(commands.Cog):
    def __init__(self, bot: ClaimdeckBot) -> None:
        self.bot = bot
        self.make_card_menu = app_commands.ContextMenu(
            name="Make claim card", callback=self.make_card_from_message
        )
        self.make_card_menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.make_card_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.make_card_menu.name, type=self.make_card_menu.type)

    @app_commands.command(name="summary", description="Summarise an article: title, source, "
                          "date, summary and its top claims.")
    @app_commands.describe(url="The article's address",
                           private="Only you see the answer (default: yes)")
    async def summary(
        self, interaction: discord.Interaction, url: str, private: bool = True
    ) -> None:
        link = single_link(url)
        self._check_limit(interaction)
        await interaction.response.defer(ephemeral=private, thinking=True)
        card = await self.bot.cards.preview(link, interaction.guild_id)
        await interaction.followup.send(
            embed=summary_embed(card), ephemeral=private, allowed_mentions=NO_PINGS
        )

    @app_commands.command(name="card", description="Post the full claim card of an article.")
    @app_commands.describe(url="The article's address")
    @app_commands.guild_only()
    async def card(self, interaction: discord.Interaction, url: str) -> None:
        link = single_link(url)
        self._check_limit(interaction)
        await interaction.response.defer(thinking=True)
        await self._post_card(interaction, link)

    async def make_card_from_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        links = find_links(message.content, limit=1)
        if not links:
            raise InvalidInput("That message has no http(s) link to make a card from.")
        self._check_limit(interaction)
        await interaction.response.defer(thinking=True)
        await self._post_card(interaction, links[0])

    def _check_limit(self, interaction: discord.Interaction) -> None:
        refusal = self.bot.limits.check(interaction.guild_id or 0, interaction.user.id)
        if refusal is not None:
            raise RateLimited(refusal)

    async def _post_card(self, interaction: discord.Interaction, link: str) -> None:
        assert interaction.guild_id is not None and interaction.channel_id is not None
        publisher = self.bot.publisher

        async def send(**content: object) -> discord.Message:
            message = await interaction.followup.send(wait=True, **content)  # type: ignore[call-overload]
            interaction.extras[ANSWERED] = True
            return message

        async def post(stored: StoredCard) -> Posted:
            return await publisher.post(stored, send, channel=interaction.channel)

        async def reply(text: str) -> None:
            await interaction.followup.send(text, allowed_mentions=NO_PINGS)

        result = await self.bot.cards.card_for_link(
            interaction.guild_id, link, interaction.user.id, post
        )
        if not result.posted_now:
            await publisher.show_existing(
                result.stored, interaction.user, interaction.guild, reply, send,
                channel=interaction.channel,
            )

    # --- card messages deleted in Discord ------------------------------------------------------

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        cached = [payload.cached_message] if payload.cached_message is not None else []
        await self._messages_gone(payload.guild_id, {payload.message_id}, cached)

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(
        self, payload: discord.RawBulkMessageDeleteEvent
    ) -> None:
        await self._messages_gone(payload.guild_id, payload.message_ids, payload.cached_messages)

    async def _messages_gone(
        self, guild_id: int | None, message_ids: set[int], cached: list[discord.Message]
    ) -> None:
        """Forget the cards shown by these messages (Discord sends at most 100 at once). A
        message known to be someone else's is skipped without asking the store."""
        if guild_id is None:
            return
        me = self.bot.user.id if self.bot.user else None
        others = {m.id for m in cached if m.author.id != me}
        for message_id in sorted(message_ids - others):
            try:
                await self.bot.publisher.message_gone(guild_id, message_id)
            except Exception:  # the store refused: the card keeps pointing there, as before
                log.exception("could not forget deleted message %s", message_id)

    @app_commands.command(name="claims", description="List every claim of a card posted here.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           private="Only you see the answer (default: yes)")
    @app_commands.guild_only()
    async def claims(
        self, interaction: discord.Interaction, card: str, private: bool = True
    ) -> None:
        stored = await visible_card(self.bot, interaction, card)
        await interaction.response.send_message(
            embed=claims_embed(stored.card, stored.id), ephemeral=private,
            allowed_mentions=NO_PINGS,
        )

    @claims.autocomplete("card")
    async def claims_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await card_choices(self.bot, interaction, current)


async def visible_card(bot: ClaimdeckBot, interaction: discord.Interaction, card_id: str
                       ) -> StoredCard:
    """The guild's card ``card_id`` if the member can read its channel; else as unknown."""
    assert interaction.guild_id is not None
    stored = await bot.cards.stored_card(interaction.guild_id, card_id.strip())
    visibility = bot.publisher.visibility
    if stored is None or not await visibility.sees(interaction.user, interaction.guild, stored):
        raise InvalidInput(
            "I do not know that card in this server. Pick one from the suggestions "
            "as you type, or make one with /card."
        )
    return stored


async def card_choices(
    bot: ClaimdeckBot, interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Recent cards whose title holds what the member typed, among those they can read."""
    if interaction.guild_id is None:
        return []
    recent = await bot.store.recent_cards(
        interaction.guild_id, limit=AUTOCOMPLETE_SCAN, query=current.strip() or None
    )
    visibility = bot.publisher.visibility
    await visibility.prepare(interaction.guild, recent)
    visible = [s for s in recent if visibility.can_see(interaction.user, interaction.guild, s)]
    return [
        app_commands.Choice(
            name=discord_line(s.card.article.title or s.canonical_url, CHOICE_NAME_LIMIT) or s.id,
            value=s.id,
        )
        for s in visible[:AUTOCOMPLETE_CHOICES]
    ]


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(Cards(bot))
