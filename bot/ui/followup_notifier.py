"""The follow-up services' Discord side: where reminders, digests, proposals and re-check
notices go, and the one ping each may make.

- **Where.** A card's messages go to its discussion thread; when the thread is gone (deleted,
  or closed to Claimdeck) they go under the card in its channel, as a reply to the card; when
  that fails too the method returns False and the service retries later, never marking it sent.
  When Discord says the channel no longer exists (404 *Unknown Channel*), it raises
  ``DestinationGone`` instead: a deleted channel is never retried every 10 minutes for ever.
- **Pings.** A reminder pings the assignee, else the reviewer role; its ``allowed_mentions``
  names exactly that one id (``everyone=False``, no reply ping), so no text from an article or a
  member can ping anyone. Every other message pings nobody.
- **Digests** (reminders missed while the bot was down) are one message per server, posted in
  the channel of the oldest card in it (not its thread: the digest is about several cards). A
  card from another channel is named only when that channel and the digest's are both
  readable by everyone in the server; the others are counted ("…and 2 more: see /followup
  list"), so a digest never shows a private channel's follow-ups to the readers of a public
  one, nor pings a public card's assignee in a room they cannot read. It pings exactly the
  roles and members of the lines it shows; the items it does not show are returned to the
  service: the withheld ones are reminded each in its own card's thread, those past Discord's
  2,000 characters go on the digest's next page a minute later.
- **Proposals** ("Possible response from …") are posted in the original card's thread with the
  persistent "Link as response" / "Not related" buttons. They link the response card's
  message only when both cards are in one channel; otherwise they link the article itself, so a
  thread never reveals a card from a channel its readers may not see.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

import discord

from bot.following import (
    DestinationGone,
    DigestItem,
    Mention,
    RecheckNotice,
    card_link,
    proposal_text,
    recheck_text,
    reminder_text,
)
from bot.following.messages import DigestLayout, digest_layout
from bot.followups import Match
from bot.models import FollowUp, StoredCard
from bot.ui.components import LinkResponseButton, LinkResponseId, NotRelatedButton, NotRelatedId
from bot.ui.render import NO_PINGS, safe
from bot.ui.visibility import Visibility
from storage import Store

log = logging.getLogger("claimdeck.followups.notifier")

TEXT_LIMIT = 500  # characters of one quoted piece of article or member text
UNKNOWN_CHANNEL = 10003  # Discord's JSON error code: the channel (or thread) does not exist


def escape(text: str) -> str:
    """Markdown, mentions and Discord markup in article or member text are shown as text."""
    return safe(text, TEXT_LIMIT)


def allowed_for(mention: Mention | None) -> discord.AllowedMentions:
    """Exactly the one member or role of ``mention`` may be pinged; nobody when None."""
    if mention is None:
        return NO_PINGS
    return discord.AllowedMentions(
        everyone=False,
        users=[discord.Object(id=mention.user_id)] if mention.user_id is not None else False,
        roles=[discord.Object(id=mention.role_id)] if mention.role_id is not None else False,
        replied_user=False,
    )


def digest_allowed(layout: DigestLayout) -> discord.AllowedMentions:
    """Exactly the reviewer roles and assignees the digest's text names: those of the lines
    it shows (``layout.mentions``)."""
    users = [discord.Object(id=m.user_id) for m in layout.mentions if m.user_id is not None]
    roles = [discord.Object(id=m.role_id) for m in layout.mentions if m.role_id is not None]
    return discord.AllowedMentions(
        everyone=False, users=users or False, roles=roles or False, replied_user=False
    )


def proposal_view(followup: FollowUp, candidate: StoredCard) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(LinkResponseButton(
        LinkResponseId(followup.id, candidate.id), label="Link as response", emoji="🔗",
        style=discord.ButtonStyle.success,
    ))
    view.add_item(NotRelatedButton(
        NotRelatedId(followup.id, candidate.id), label="Not related", emoji="✖️",
    ))
    return view


class DiscordNotifier:
    """:class:`bot.following.Notifier` over a logged-in client; ``refresh`` re-renders a card
    (the publisher's coalesced refresh)."""

    def __init__(
        self, client: discord.Client, store: Store, refresh: Callable[[str], None],
        visibility: Visibility | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.refresh = refresh
        self.visibility = visibility or Visibility(client)

    async def send_reminder(
        self, card: StoredCard, followup: FollowUp, mention: Mention | None
    ) -> bool:
        settings = await self.store.get_settings(card.guild_id)
        text = reminder_text(followup, mention, settings.max_reminders, escape)
        return await self._post_for(card, content=text, allowed_mentions=allowed_for(mention))

    async def send_digest(
        self, guild_id: int, items: Sequence[DigestItem]
    ) -> DigestLayout | bool:
        """The digest as posted (its ``unshown`` items are for the service: ``cut`` ones on the
        next page, the others reminded one by one), or False when Discord did not take it.
        Nothing is posted when no line would be shown: a digest naming nobody would only say
        "…and N more"."""
        if not items:
            return True
        await self.client.wait_until_ready()
        oldest = min(items, key=lambda i: (i.followup.created_at, i.followup.id)).card
        if oldest.channel_id is None:
            return False
        guild = self.client.get_guild(guild_id)
        if guild is not None:  # cards in archived threads: whose channel they are in
            await self.visibility.prepare(guild, [i.card for i in items])
        shown = [i for i in items if self._may_name(i.card, oldest.channel_id)]
        withheld = [i for i in items if i not in shown]
        layout = digest_layout(shown, escape, withheld=withheld)
        if not layout.shown:
            return layout
        sent = await self._send(
            oldest.channel_id, content=layout.text, allowed_mentions=digest_allowed(layout)
        )
        return layout if sent else False

    async def send_proposal(
        self, original: StoredCard, followup: FollowUp, candidate: StoredCard, match: Match
    ) -> bool:
        same_channel = candidate.channel_id is not None and (
            candidate.channel_id == original.channel_id
        )
        link = card_link(candidate) if same_channel else candidate.canonical_url
        text = proposal_text(match, candidate, escape, link=link)
        return await self._post_for(
            original, content=text, view=proposal_view(followup, candidate),
            allowed_mentions=NO_PINGS,
        )

    async def notify_recheck(
        self, card: StoredCard, followup: FollowUp, notice: RecheckNotice
    ) -> bool:
        text = recheck_text(notice, followup, escape)
        return await self._post_for(card, content=text, allowed_mentions=NO_PINGS)

    async def refresh_card(self, card: StoredCard) -> None:
        self.refresh(card.id)

    # --- where messages go ------------------------------------------------------------------

    def _may_name(self, card: StoredCard, digest_channel: int) -> bool:
        """A card is named in a digest posted in ``digest_channel`` when it lives there, or
        when both its channel and the digest's are readable by everyone in the server: a card
        from #general named in a private room would ping its assignee where they cannot read,
        using up the reminder they never see (unknown channels count as private)."""
        if card.channel_id == digest_channel:
            return True
        guild = self.client.get_guild(card.guild_id)
        if guild is None or card.channel_id is None:
            return False
        public = self.visibility.public
        return public(guild, card.channel_id) and public(guild, digest_channel)

    async def _post_for(self, card: StoredCard, **content: Any) -> bool:
        """In the card's thread, else under the card in its channel; False when neither took
        it, ``DestinationGone`` when the channel no longer exists (a deleted thread alone is
        only the first case)."""
        if card.thread_id is not None:
            with suppress(DestinationGone):
                if await self._send(card.thread_id, **content):
                    return True
        if card.channel_id is None:
            return False
        if card.message_id is not None:
            content["reference"] = discord.MessageReference(
                message_id=card.message_id, channel_id=card.channel_id, fail_if_not_exists=False
            )
        return await self._send(card.channel_id, **content)

    async def _send(self, channel_id: int, **content: Any) -> bool:
        try:
            await self.client.get_partial_messageable(channel_id).send(**content)
        except discord.NotFound as error:
            if error.code == UNKNOWN_CHANNEL:
                raise DestinationGone(channel_id) from error
            log.info("channel %s refused a follow-up message (404 %s)", channel_id, error.code)
            return False
        except discord.HTTPException as error:
            log.info("channel %s refused a follow-up message (%s %s)", channel_id,
                     error.status, error.code)
            return False
        return True
