"""Voting on cards: verdict clicks, the claim picker, "Why?", /votes, /close, /reopen, /export,
/history.

Thin glue: a click's ``custom_id`` is parsed in bot/ui/components.py, the work is
bot/voting.py's (store + bot/credibility), the answers are built in bot/ui/. Every click is
answered privately within Discord's 3 seconds (deferred if the work runs long), every refusal
is one private sentence, and a changed card is re-rendered through the publisher (coalesced).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Coroutine, Sequence
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.credibility import ClickAction, counts_hidden, history, visible_tally
from bot.credibility.tally import tally_stored
from bot.errors import ClaimdeckError, InvalidInput
from bot.models import StoredCard
from bot.ui.answers import (
    ack_text,
    ack_view,
    claim_prompt,
    claims_page,
    history_embed,
    votes_embed,
    why_picker,
)
from bot.ui.card_message import button_claims, page_start
from bot.ui.components import (
    CloseId,
    FormId,
    PickId,
    ReopenId,
    Target,
    VoteId,
    WhyId,
    WhyPickId,
    is_ours,
    parse_custom_id,
)
from bot.ui.modals import EVIDENCE, RATIONALE, WhyForm, modal_values
from bot.ui.render import NO_PINGS, safe
from bot.voting import Voter, VoteRefused, VoteService, breakdown_for, export_card
from cogs.cards import card_choices, visible_card
from cogs.errors import UNEXPECTED, describe, reply_privately

log = logging.getLogger("claimdeck.votes")

T = TypeVar("T")

DEFER_AFTER = 2.0  # seconds of work before a click is deferred (Discord allows 3)
NOT_OURS = (
    "That control is not one I recognise (it may be damaged or out of date). "
    "Use the buttons on the card, or /votes."
)
PAGE_GONE = (
    "Those claims are no longer on the card (it may have been regenerated). "
    "Use the card's picker again, or /claims to see every claim."
)
NOT_IN_SERVER = "Voting works on cards in a server, not in direct messages."
NO_VOTE_YET = "You have not voted on this card yet: vote on a claim first, then say why."
CLOSED_NOW = "Voting on this card is now closed: the final verdicts are on the card."
ALREADY_CLOSED = "Voting on this card was already closed."
REOPENED_NOW = "Voting on this card is open again; earlier votes still count."
ALREADY_OPEN = "Voting on this card is already open."
HIDDEN_EXPORT = (
    "This server hides verdicts until voting closes, so there is nothing to export yet. "
    "Close voting first (/close), then export."
)
NOTHING_TO_EXPORT = (
    "No claim on this card has a verdict yet: a verdict needs a quorum of votes that agree "
    "(see /settings show). Nothing to export."
)


def voter_of(interaction: discord.Interaction) -> Voter:
    """The clicking member as the access rules see them."""
    roles = tuple(role.id for role in getattr(interaction.user, "roles", ()))
    return Voter(interaction.user.id, roles, interaction.permissions.manage_guild)


async def answer(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    view: discord.ui.View | None = None,
    embed: discord.Embed | None = None,
    file: discord.File | None = None,
) -> None:
    """A private answer, whether or not the interaction was deferred."""
    extra: dict[str, Any] = {"ephemeral": True, "allowed_mentions": NO_PINGS}
    if view is not None:
        extra["view"] = view
    if embed is not None:
        extra["embed"] = embed
    if file is not None:
        extra["file"] = file
    if interaction.response.is_done():
        await interaction.followup.send(content, **extra)
    else:
        await interaction.response.send_message(content, **extra)


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T]) -> T:
    """``work``'s result; if it runs past DEFER_AFTER, defer (privately) so the click is still
    acknowledged in time, and the answer follows."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    return await task


class Votes(commands.Cog):
    def __init__(self, bot: ClaimdeckBot) -> None:
        self.bot = bot
        self.votes = VoteService(bot.store, bot.clock)

    async def cog_load(self) -> None:
        self.bot.component_handler = self.on_component

    async def cog_unload(self) -> None:
        self.bot.component_handler = None

    # --- clicks ---------------------------------------------------------------------------

    async def on_component(
        self, interaction: discord.Interaction, target: Target, values: Sequence[str]
    ) -> None:
        """Every click on a card's (or a private answer's) component lands here."""
        await self._guarded(interaction, self._dispatch(interaction, target, values))

    async def _dispatch(
        self, interaction: discord.Interaction, target: Target, values: Sequence[str]
    ) -> None:
        if interaction.guild_id is None:
            raise VoteRefused(NOT_IN_SERVER)
        picked = values[0] if values else None
        page = page_start(picked) if picked else None  # "More claims…" picked
        if isinstance(target, VoteId):
            await self._vote(interaction, target)
        elif isinstance(target, PickId) and page is not None:
            await self._page(interaction, target.card_id, page)
        elif isinstance(target, PickId) and picked:
            await self._picked(interaction, target.card_id, picked)
        elif isinstance(target, WhyId):
            await self._why(interaction, target.card_id, target.claim_id)
        elif isinstance(target, WhyPickId) and page is not None:
            await self._why(interaction, target.card_id, None, start=page)
        elif isinstance(target, WhyPickId) and picked:
            await self._why(interaction, target.card_id, picked)
        elif isinstance(target, CloseId | ReopenId):
            await self._set_closed(interaction, target.card_id, isinstance(target, CloseId))
        else:
            raise VoteRefused(NOT_OURS)

    async def _vote(self, interaction: discord.Interaction, target: VoteId) -> None:
        assert interaction.guild_id is not None
        click = await within_deadline(
            interaction,
            self.votes.click(
                interaction.guild_id, target.card_id, target.claim_id, target.choice,
                voter_of(interaction),
            ),
        )
        if click.action is not ClickAction.KEEP:
            self.bot.publisher.refresh(target.card_id)
        await answer(interaction, ack_text(click), view=ack_view(target.card_id, click))

    async def _picked(self, interaction: discord.Interaction, card_id: str, claim_id: str) -> None:
        """A claim chosen in the card's picker: its verdict buttons, privately."""
        assert interaction.guild_id is not None
        stored = await self.votes.card(interaction.guild_id, card_id)
        number, claim = self.votes.claim(stored, claim_id)
        await self.votes.check_may_vote(stored, voter_of(interaction))
        current = await self.votes.member_vote(card_id, claim_id, interaction.user.id)
        content, view = claim_prompt(stored, claim, number, current)
        await answer(interaction, content, view=view)

    async def _page(self, interaction: discord.Interaction, card_id: str, start: int) -> None:
        """ "More claims…" picked: the card's next claims in a private picker."""
        assert interaction.guild_id is not None
        stored = await self.votes.card(interaction.guild_id, card_id)
        if not len(button_claims(stored.card)) <= start < len(stored.card.claims):
            raise VoteRefused(PAGE_GONE)
        await self.votes.check_may_vote(stored, voter_of(interaction))
        content, view = claims_page(stored, start)
        await answer(interaction, content, view=view)

    async def _why(
        self, interaction: discord.Interaction, card_id: str, claim_id: str | None,
        start: int = 0,
    ) -> None:
        """Open the "Why?" form for a vote (asking which one when there are several; ``start``
        is the page of them a "More of your votes…" pick asked for)."""
        assert interaction.guild_id is not None
        stored = await self.votes.card(interaction.guild_id, card_id)
        if claim_id is not None:
            self.votes.claim(stored, claim_id)
        await self.votes.check_may_vote(stored, voter_of(interaction))
        mine = await self.votes.member_votes(card_id, interaction.user.id)
        if claim_id is not None:
            mine = [v for v in mine if v.claim_id == claim_id]
            if not mine:
                number, _ = self.votes.claim(stored, claim_id)
                raise VoteRefused(f"You have no vote on claim {number}: vote first, then say why.")
        if not mine:
            raise VoteRefused(NO_VOTE_YET)
        if len(mine) > 1 or start:
            content, view = why_picker(stored, mine, start if start < len(mine) else 0)
            await answer(interaction, content, view=view)
            return
        vote = mine[0]
        number, _ = self.votes.claim(stored, vote.claim_id)
        await interaction.response.send_modal(
            WhyForm(FormId(card_id, vote.claim_id), number, vote)
        )

    async def _set_closed(
        self, interaction: discord.Interaction, card_id: str, close: bool
    ) -> None:
        assert interaction.guild_id is not None
        stored, changed = await self.votes.set_closed(
            interaction.guild_id, card_id, voter_of(interaction), close
        )
        if changed:
            self.bot.publisher.refresh(stored.id)
        if close:
            await answer(interaction, CLOSED_NOW if changed else ALREADY_CLOSED)
        else:
            await answer(interaction, REOPENED_NOW if changed else ALREADY_OPEN)

    async def _why_submitted(self, interaction: discord.Interaction, target: FormId) -> None:
        if interaction.guild_id is None:
            raise VoteRefused(NOT_IN_SERVER)
        values = modal_values(interaction.data)  # type: ignore[arg-type]
        number, _, why = await self.votes.explain(
            interaction.guild_id, target.card_id, target.claim_id, voter_of(interaction),
            values.get(RATIONALE), values.get(EVIDENCE),
        )
        saved = [f"Saved why you voted as you did on claim {number}."]
        if why.rationale:
            saved.append(f"Reason: “{safe(why.rationale, 300)}”")
        if why.evidence_url:
            saved.append("Evidence link saved.")
        await answer(interaction, "\n".join(saved))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Modal submits of the "Why?" form (stateless), and a private refusal for controls
        that claim to be ours but are not (forged, truncated, out of date)."""
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        raw = data.get("custom_id")
        if interaction.type is discord.InteractionType.modal_submit:
            target = parse_custom_id(raw)
            if isinstance(target, FormId):
                await self._guarded(interaction, self._why_submitted(interaction, target))
            elif is_ours(raw):
                await self._guarded(interaction, self._refuse(NOT_OURS))
        elif interaction.type is discord.InteractionType.component and is_ours(raw):
            target = parse_custom_id(raw)
            if target is None or isinstance(target, FormId):
                log.info("refused a click on an unknown control %r", str(raw)[:120])
                await self._guarded(interaction, self._refuse(NOT_OURS))

    async def _refuse(self, sentence: str) -> None:
        raise VoteRefused(sentence)

    async def _guarded(
        self, interaction: discord.Interaction, work: Coroutine[Any, Any, None]
    ) -> None:
        """Run ``work``; any failure becomes one private sentence (and a log line for bugs)."""
        try:
            await work
        except ClaimdeckError as error:
            log.info("refused %s for %s: %s", interaction.id, interaction.user.id, error)
            await self._tell(interaction, describe(error))
        except Exception:
            log.exception("a click failed")
            await self._tell(interaction, UNEXPECTED)

    async def _tell(self, interaction: discord.Interaction, sentence: str) -> None:
        try:
            await reply_privately(interaction, sentence)
        except discord.HTTPException:
            log.warning("could not answer interaction %s", interaction.id)

    # --- commands -------------------------------------------------------------------------

    @app_commands.command(name="votes", description="See each claim's votes, reasons and "
                          "evidence on a card (only you see it).")
    @app_commands.describe(card="Start typing a headline to pick a card")
    @app_commands.guild_only()
    async def votes_command(self, interaction: discord.Interaction, card: str) -> None:
        stored = await visible_card(self.bot, interaction, card)
        settings = await self.bot.store.get_settings(stored.guild_id)
        votes = await self.bot.store.votes_for_card(stored.id)
        ballots = breakdown_for(stored, votes, settings, viewer_id=interaction.user.id)
        shown = visible_tally(tally_stored(stored, votes, settings), settings)
        await answer(interaction, embed=votes_embed(stored, ballots, shown))

    @app_commands.command(name="close", description="Close voting on a card: its verdicts "
                          "become final (reviewers and Manage Server).")
    @app_commands.describe(card="Start typing a headline to pick a card")
    @app_commands.guild_only()
    async def close_command(self, interaction: discord.Interaction, card: str) -> None:
        stored = await visible_card(self.bot, interaction, card)
        await self._set_closed(interaction, stored.id, close=True)

    @app_commands.command(name="reopen", description="Reopen voting on a closed card "
                          "(reviewers and Manage Server).")
    @app_commands.describe(card="Start typing a headline to pick a card")
    @app_commands.guild_only()
    async def reopen_command(self, interaction: discord.Interaction, card: str) -> None:
        stored = await visible_card(self.bot, interaction, card)
        await self._set_closed(interaction, stored.id, close=False)

    @app_commands.command(name="export", description="The card's verdicts as schema.org "
                          "ClaimReview JSON-LD, attached as a file.")
    @app_commands.describe(card="Start typing a headline to pick a card",
                           private="Only you see the file (default: yes)")
    @app_commands.guild_only()
    async def export_command(
        self, interaction: discord.Interaction, card: str, private: bool = True
    ) -> None:
        stored = await visible_card(self.bot, interaction, card)
        settings = await self.bot.store.get_settings(stored.guild_id)
        if counts_hidden(settings, stored.voting_closed):
            raise InvalidInput(HIDDEN_EXPORT)
        await interaction.response.defer(ephemeral=private, thinking=True)
        text, count = await export_card(self.bot.store, stored, self.bot.clock())
        if not count:
            raise InvalidInput(NOTHING_TO_EXPORT)
        reviews = f"{count} ClaimReview{'s' if count != 1 else ''}"
        await interaction.followup.send(
            f"{reviews} (schema.org JSON-LD) for card {stored.id}.",
            file=discord.File(io.BytesIO(text.encode("utf-8")), filename=export_name(stored)),
            ephemeral=private,
            allowed_mentions=NO_PINGS,
        )

    @app_commands.command(name="history", description="What happened to a card: votes, "
                          "closing, follow-ups; who and when (only you see it).")
    @app_commands.describe(card="Start typing a headline to pick a card")
    @app_commands.guild_only()
    async def history_command(self, interaction: discord.Interaction, card: str) -> None:
        stored = await visible_card(self.bot, interaction, card)
        settings = await self.bot.store.get_settings(stored.guild_id)
        events = await self.bot.store.events_for_card(stored.id)
        entries = history(
            events,
            stored.card,
            hide_choices=counts_hidden(settings, stored.voting_closed),
            hide_names=settings.hide_voter_names,
            viewer_id=interaction.user.id,
        )
        await answer(interaction, embed=history_embed(stored, entries))

    @votes_command.autocomplete("card")
    @close_command.autocomplete("card")
    @reopen_command.autocomplete("card")
    @export_command.autocomplete("card")
    @history_command.autocomplete("card")
    async def card_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await card_choices(self.bot, interaction, current)


def export_name(stored: StoredCard) -> str:
    return f"claimdeck-{stored.id}.jsonld"


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(Votes(bot))
