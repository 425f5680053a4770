"""/followup list|add|assign|snooze|resolve|reopen|remind, the proposal buttons, and the loops.

Thin glue over :mod:`bot.following`: the services are built once in ``cog_load`` (this process's
shards, the bot's clock, the bot's guarded fetcher and pipeline for re-checks), their loops
start there and stop in ``cog_unload``; every new card is handed to the opener through
``bot.cards.on_posted``; the Discord side of what they say is
:class:`bot.ui.followup_notifier.DiscordNotifier`.

Everyone may list the open follow-ups (privately); changing one (and the "Link as response" /
"Not related" buttons) needs the reviewer role or Manage Server. A card in a channel the member
cannot read does not exist for them. Every answer is private and pings nobody. /followup list
defers first (after a restart it looks up the archived threads its cards live in, oldest first)
and counts any follow-up it could not check in time instead of leaving it out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.credibility.access import may_close
from bot.errors import ClaimdeckError, InvalidInput, RateLimited
from bot.following import (
    CardPipelineRecheck,
    FollowUpServices,
    build_services,
    next_reminder,
)
from bot.following.commands import CanSee
from bot.following.status import relative as relative_time
from bot.followups import stance_text
from bot.followups.quiet import as_utc
from bot.models import FollowUp, StoredCard
from bot.ui.components import LinkResponseId, NotRelatedId, Target
from bot.ui.followup_notifier import DiscordNotifier, escape
from bot.ui.render import NO_PINGS
from cogs.cards import card_choices, single_link
from cogs.errors import UNEXPECTED, describe, reply_privately

log = logging.getLogger("claimdeck.followups")

LIST_LIMIT = 1900
LIST_SHOWN = 40  # follow-ups rendered for /followup list: more never fit in one message
UNCHECKED = ("…and {count} more I could not check yet (Discord did not say in time who may "
             "read their card{s}); ask again in a minute.")
CHANGE_REFUSED = (
    "Only members with this server's reviewer role, or the Manage Server permission, "
    "can change follow-ups."
)
NOT_IN_SERVER = "Follow-ups work on cards in a server, not in direct messages."
STANCE_CHOICES = [
    app_commands.Choice(name="denial", value="denial"),
    app_commands.Choice(name="confirmation", value="confirmation"),
    app_commands.Choice(name="no comment", value="no comment"),
    app_commands.Choice(name="other", value="other"),
]


@dataclass(frozen=True)
class ListScope:
    """What /followup list may show: who sees which card, how many open follow-ups the
    member can see, and how many could not be checked in time."""

    can_see: CanSee
    visible: int
    unchecked: int


def party_of(row: FollowUp) -> str:
    return escape(row.party) or "the response"


def list_text(lines: Sequence[str], total: int | None = None, unchecked: int = 0) -> str:
    """The list as one message: as many of ``lines`` as fit, then how many more of the
    ``total`` the member can see there are, then how many could not be checked yet."""
    total = len(lines) if total is None else max(total, len(lines))
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line])) > LIST_LIMIT:
            break
        kept.append(line)
    if not kept and not unchecked:
        return "No open follow-ups in this server."
    if total > len(kept):
        kept.append(f"…and {total - len(kept)} more.")
    if unchecked:
        kept.append(UNCHECKED.format(count=unchecked, s="" if unchecked == 1 else "s"))
    return "\n".join(kept)


@app_commands.guild_only()
class FollowUps(commands.GroupCog, group_name="followup",
                group_description="Responses the team is waiting for, and their reminders"):
    def __init__(self, bot: ClaimdeckBot) -> None:
        self.bot = bot
        self._services: FollowUpServices | None = None
        super().__init__()

    @property
    def services(self) -> FollowUpServices:
        if self._services is None:
            raise ClaimdeckError("Follow-ups are not available right now; try again in a minute.")
        return self._services

    async def cog_load(self) -> None:
        bot = self.bot
        notifier = DiscordNotifier(bot, bot.store, bot.publisher.refresh, bot.publisher.visibility)
        self._services = build_services(
            bot.store, notifier,
            fetcher=bot.pipeline.fetcher, pipeline=CardPipelineRecheck(bot.pipeline),
            clock=bot.clock, shard_id=bot.shard_id or 0, shard_count=bot.shard_count or 1,
        )
        bot.cards.on_posted = self._card_posted
        bot.followup_handler = self.on_click
        self._services.loops.start()

    async def cog_unload(self) -> None:
        self.bot.followup_handler = None
        self.bot.cards.on_posted = None
        if self._services is not None:
            await self._services.loops.stop()

    async def _card_posted(self, stored: StoredCard, actor_id: int) -> None:
        """A new card opens its follow-ups (then shows them) and may answer open ones."""
        opened = await self.services.opener.card_created(stored, actor_id)
        if opened.followups:
            self.bot.publisher.refresh(stored.id)

    # --- who may do what ---------------------------------------------------------------------

    async def _can_see(self, interaction: discord.Interaction, card: str) -> CanSee:
        """A card exists for the member only when they can read its channel (the parent of
        the named ``card``'s archived thread is looked up first: bot/ui/visibility.py)."""
        guild = interaction.guild
        visibility = self.bot.publisher.visibility
        if guild is not None and (card_id := card.strip()):
            stored = await self.bot.store.get_card(card_id)
            if stored is not None:
                await visibility.prepare(guild, [stored])

        def check(stored: StoredCard) -> bool:
            return visibility.can_see(interaction.user, guild, stored)

        return check

    async def _list_scope(self, interaction: discord.Interaction) -> ListScope:
        """Which of the guild's open follow-ups the member may see, checked in the order the
        list shows them (oldest first). Cards in archived threads need their parent looked up:
        in rounds (bounded: bot/ui/visibility.py); a card still not checked is counted, never
        silently left out (asking again goes on where this stopped: what was learnt is kept)."""
        guild, store = interaction.guild, self.bot.store
        visibility = self.bot.publisher.visibility
        if guild is None:
            return ListScope(lambda stored: False, 0, 0)
        rows = sorted(await store.open_followups(guild.id),
                      key=lambda f: (as_utc(f.created_at), f.id))
        cards: dict[str, StoredCard] = {}
        for card_id in dict.fromkeys(r.card_id for r in rows):  # no batch read in the Store
            stored = await store.get_card(card_id)
            if stored is not None and stored.guild_id == guild.id:
                cards[card_id] = stored
        unchecked = await visibility.prepare_all(guild, list(cards.values()))

        def check(stored: StoredCard) -> bool:
            return stored.id not in unchecked and visibility.can_see(
                interaction.user, guild, stored
            )

        visible = sum(1 for r in rows if (c := cards.get(r.card_id)) is not None and check(c))
        return ListScope(check, visible, sum(1 for r in rows if r.card_id in unchecked))

    async def _check_may_change(self, interaction: discord.Interaction) -> int:
        if interaction.guild_id is None:
            raise InvalidInput(NOT_IN_SERVER)
        settings = await self.bot.store.get_settings(interaction.guild_id)
        roles = [role.id for role in getattr(interaction.user, "roles", ())]
        if not may_close(settings, roles, interaction.permissions.manage_guild):
            raise InvalidInput(CHANGE_REFUSED)
        await interaction.response.defer(ephemeral=True, thinking=True)
        return interaction.guild_id

    async def _answer(self, interaction: discord.Interaction, text: str) -> None:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_PINGS
            )

    # --- the commands --------------------------------------------------------------------------

    @app_commands.command(name="list", description="The server's open follow-ups, oldest "
                          "first (only you see it).")
    async def list_command(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        service = self.services.commands
        # Reading every card and looking up archived threads may outlast Discord's 3 seconds.
        await interaction.response.defer(ephemeral=True, thinking=True)
        scope = await self._list_scope(interaction)
        listed = await service.list_open(
            interaction.guild_id, can_see=scope.can_see, limit=LIST_SHOWN
        )
        await self._answer(interaction, list_text(
            [item.markdown(escape) for item in listed], scope.visible, scope.unchecked
        ))

    @app_commands.command(name="add", description="Follow up by hand on a response the card "
                          "is waiting for (reviewers and Manage Server).")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           party="Who should answer, e.g. China's foreign ministry",
                           note="Anything the team should know")
    async def add(self, interaction: discord.Interaction, card: str,
                  party: app_commands.Range[str, 1, 300],
                  note: app_commands.Range[str, 1, 600] | None = None) -> None:
        guild_id = await self._check_may_change(interaction)
        row = await self.services.commands.add(
            guild_id, card.strip(), party, note=note, actor_id=interaction.user.id,
            can_see=await self._can_see(interaction, card),
        )
        when = next_reminder(row)
        later = f"; first reminder {relative_time(when)}" if when else ""
        await self._answer(interaction, f"Now following up on {party_of(row)}{later}.")

    @app_commands.command(name="assign", description="Reminders ping this member instead of "
                          "the reviewer role (leave out to unassign).")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           member="Who takes it on", party="Which party, if several")
    async def assign(self, interaction: discord.Interaction, card: str,
                     member: discord.Member | None = None, party: str | None = None) -> None:
        guild_id = await self._check_may_change(interaction)
        row = await self.services.commands.assign(
            guild_id, card.strip(), member.id if member else None, party=party,
            actor_id=interaction.user.id, can_see=await self._can_see(interaction, card),
        )
        who = f"<@{row.assignee_id}>" if row.assignee_id else "the reviewer role"
        await self._answer(interaction, f"Reminders for {party_of(row)} now ping {who}.")

    @app_commands.command(name="snooze", description="No reminder for a while, e.g. 3d or 12h.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           duration="How long: 3d, 12h, 90m, 1d12h",
                           party="Which party, if several")
    @app_commands.rename(duration="for")
    async def snooze(self, interaction: discord.Interaction, card: str,
                     duration: app_commands.Range[str, 1, 40], party: str | None = None) -> None:
        guild_id = await self._check_may_change(interaction)
        row = await self.services.commands.snooze(
            guild_id, card.strip(), duration, party=party, actor_id=interaction.user.id,
            can_see=await self._can_see(interaction, card),
        )
        when = next_reminder(row)
        resume = f"; next reminder {relative_time(when)}" if when else ""
        await self._answer(interaction, f"Snoozed {party_of(row)}{resume}.")

    @app_commands.command(name="resolve", description="Record the response: its article's "
                          "link, or the statement's text.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           stance="What the response says", url="The response article's link",
                           text="The statement, pasted", party="Which party, if several")
    @app_commands.choices(stance=STANCE_CHOICES)
    async def resolve(self, interaction: discord.Interaction, card: str,
                      stance: app_commands.Choice[str], url: str | None = None,
                      text: app_commands.Range[str, 1, 2000] | None = None,
                      party: str | None = None) -> None:
        guild_id = await self._check_may_change(interaction)

        async def card_for_url(link: str) -> StoredCard:
            return await self._card_for_response(interaction, link)

        row = await self.services.commands.resolve(
            guild_id, card.strip(), stance.value, url=url, text=text, card_for_url=card_for_url,
            party=party, actor_id=interaction.user.id,
            can_see=await self._can_see(interaction, card),
        )
        await self._answer(interaction, f"Recorded: {party_of(row)} responded "
                           f"({stance_text(row.stance)}). Reminders stopped.")

    @app_commands.command(name="reopen", description="Wait again for a response that was "
                          "recorded or closed.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           party="Which party, if several")
    async def reopen(self, interaction: discord.Interaction, card: str,
                     party: str | None = None) -> None:
        guild_id = await self._check_may_change(interaction)
        row = await self.services.commands.reopen(
            guild_id, card.strip(), party=party, actor_id=interaction.user.id,
            can_see=await self._can_see(interaction, card),
        )
        when = next_reminder(row)
        later = f"; next reminder {relative_time(when)}" if when else ""
        await self._answer(interaction, f"Waiting again for {party_of(row)}{later}.")

    @app_commands.command(name="remind", description="Send the reminder now, in the card's "
                          "thread.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           party="Which party, if several")
    async def remind(self, interaction: discord.Interaction, card: str,
                     party: str | None = None) -> None:
        guild_id = await self._check_may_change(interaction)
        row = await self.services.commands.remind(
            guild_id, card.strip(), party=party, actor_id=interaction.user.id,
            can_see=await self._can_see(interaction, card),
        )
        await self._answer(interaction, f"Reminder {row.reminders_sent} sent for "
                           f"{party_of(row)} in the card's thread.")

    @add.autocomplete("card")
    @assign.autocomplete("card")
    @snooze.autocomplete("card")
    @resolve.autocomplete("card")
    @reopen.autocomplete("card")
    @remind.autocomplete("card")
    async def card_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await card_choices(self.bot, interaction, current)

    async def _card_for_response(self, interaction: discord.Interaction, url: str) -> StoredCard:
        """The response article's card: made and posted in this channel (or found)."""
        assert interaction.guild_id is not None
        link = single_link(url)
        refusal = self.bot.limits.check(interaction.guild_id, interaction.user.id)
        if refusal is not None:
            raise RateLimited(refusal)
        channel = interaction.channel
        if not isinstance(channel, discord.abc.Messageable):
            raise InvalidInput("I cannot post the response's card in this channel.")

        async def send(**content: object) -> discord.Message:
            return await channel.send(**content)  # type: ignore[arg-type]

        publisher = self.bot.publisher
        result = await self.bot.cards.card_for_link(
            interaction.guild_id, link, interaction.user.id,
            post=lambda stored: publisher.post(stored, send, channel=channel),
        )
        if result.stored.message_id is None:  # its message was deleted: shown again here
            return await publisher.show_again(
                result.stored, interaction.user, interaction.guild, send, channel
            )
        return result.stored

    # --- the proposal's buttons ----------------------------------------------------------------

    async def on_click(
        self, interaction: discord.Interaction, target: Target, values: Sequence[str]
    ) -> None:
        """"Link as response" / "Not related" under a proposal in a card's thread."""
        try:
            await self._clicked(interaction, target)
        except ClaimdeckError as error:
            log.info("refused %s for %s: %s", interaction.id, interaction.user.id, error)
            await self._tell(interaction, describe(error))
        except Exception:
            log.exception("a follow-up click failed")
            await self._tell(interaction, UNEXPECTED)

    async def _clicked(self, interaction: discord.Interaction, target: Target) -> None:
        guild_id = await self._check_may_change(interaction)
        actor = interaction.user.id
        if isinstance(target, LinkResponseId):
            row = await self.services.proposals.link(
                guild_id, target.followup_id, target.card_id, stance=target.stance,
                actor_id=actor,
            )
            text = (f"Linked as the response from {party_of(row)} "
                    f"({stance_text(row.stance)}). Reminders stopped.")
        elif isinstance(target, NotRelatedId):
            row = await self.services.proposals.dismiss(
                guild_id, target.followup_id, target.card_id, actor_id=actor
            )
            text = (f"Noted: not a response from {party_of(row)}. That card will not be "
                    "proposed again; the follow-up stays open.")
        else:
            raise InvalidInput("That control is not one I recognise.")
        await self._answer(interaction, text)
        if interaction.message is not None:  # the question is answered: its buttons go
            try:
                await interaction.message.edit(view=None, allowed_mentions=NO_PINGS)
            except discord.HTTPException:
                log.info("could not remove the buttons of proposal %s", interaction.message.id)

    async def _tell(self, interaction: discord.Interaction, sentence: str) -> None:
        try:
            await reply_privately(interaction, sentence)
        except discord.HTTPException:
            log.warning("could not answer interaction %s", interaction.id)


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(FollowUps(bot))
