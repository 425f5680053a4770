"""The card message's one owner: post it, re-render it in place, answer "already carded".

Every cog that shows or changes a card goes through :class:`Publisher`. ``post`` and
``refresh`` build the message from the store (card, votes, follow-ups, settings) with
:func:`bot.ui.card_message.card_message`, so what the channel sees is always the stored state.

``refresh(card_id)`` is coalesced per card: the first refresh edits at once, and while refreshes
keep arriving the card is edited at most once per ``interval`` (2 s), each time from the latest
stored state, so a burst of votes costs a few edits, never hits Discord's rate limit, and the
last state always lands. Only in-flight work lives here; the state is in the store.

Cards are de-duplicated per server, but channels are not equally visible: a card first made in
a private moderators' channel must not be revealed in #general. So an existing card is pointed
to only for members who can read its channel; anyone else gets the card posted again where they
asked (not recorded: the first post stays the card's home), with no mention of the other channel.
Who can read a card's channel (an archived thread too) is :mod:`bot.ui.visibility`'s answer.

A card message deleted in Discord (seen as a message delete, or as Discord's "Unknown Message"
when the card is edited) is forgotten in the store (:meth:`Publisher.message_gone`): the card,
its votes and follow-ups stay, with the channel it lived in. The next request for its link posts
it again where it was asked (:meth:`Publisher.show_again`), and that post becomes the card's home
only when the member who asked can read the channel the card lived in (administrators read every
channel, even one deleted since): a member pasting the link of a moderators' card in #general gets
the card there, not recorded, so the card's votes, voters and follow-ups stay the moderators'.
Requests for one card take turns (within this process), so two members asking at once give one
new home and one pointer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import discord

from bot.carding import Posted, jump_url
from bot.models import StoredCard
from bot.safe_text import discord_line
from bot.ui.card_message import card_message
from bot.ui.render import NO_PINGS, notice, safe
from bot.ui.visibility import Visibility
from storage import Store

log = logging.getLogger("claimdeck.publisher")

THREAD_NAME_LIMIT = 100
REFRESH_INTERVAL = 2.0
# Discord's codes for a message, or its channel, that no longer exists.
GONE_CODES = frozenset({10003, 10008})

# Sends the card message somewhere (a reply, an interaction follow-up) and returns it.
Send = Callable[..., Awaitable[discord.Message]]
Reply = Callable[[str], Awaitable[object]]


def pointer_text(stored: StoredCard) -> str:
    title = safe(stored.card.article.title or "this article", 200)
    return notice(f"📇 Already carded: **{title}** → {jump_url(stored)}")


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


@dataclass
class _Pending:
    """One card's refresh state: whether a newer state waits, and when the last edit went."""

    dirty: bool = False
    last_edit: float = float("-inf")
    task: asyncio.Task[None] | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _Turn:
    """Requests showing one card again take turns; ``users`` counts holder and waiters."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Publisher:
    def __init__(
        self,
        client: discord.Client,
        store: Store,
        *,
        interval: float = REFRESH_INTERVAL,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.store = store
        self.interval = interval
        self.monotonic = monotonic
        self.visibility = Visibility(client)
        self._pending: dict[str, _Pending] = {}
        self._turns: dict[str, _Turn] = {}
        self._closing = False

    async def message_for(
        self, stored: StoredCard, *, copy: bool = False
    ) -> tuple[discord.Embed, discord.ui.View | None]:
        """The card message for the stored state of ``stored``'s card. A ``copy`` (posted for
        a member who cannot read the card's channel) leaves out its follow-ups: who the team
        awaits, and the answers, are for the readers of that channel."""
        votes = await self.store.votes_for_card(stored.id)
        followups = () if copy else await self.store.followups_for_card(stored.id)
        settings = await self.store.get_settings(stored.guild_id)
        return card_message(stored, votes, followups, settings)

    async def post(
        self, stored: StoredCard, send: Send, channel: object | None = None, *,
        copy: bool = False,
    ) -> Posted:
        """Send the card with ``send``, open its discussion thread, say where it went.

        ``channel`` is where the thread is made (default: the sent message's channel); a
        ``copy`` is not the card's home (see :meth:`message_for`).
        """
        embed, view = await self.message_for(stored, copy=copy)
        content: dict[str, object] = {"embed": embed, "allowed_mentions": NO_PINGS}
        if view is not None:
            content["view"] = view
        message = await send(**content)
        where = channel if channel is not None else message.channel
        thread = await open_thread(where, message.id, stored)
        return Posted(message.channel.id, message.id, thread.id if thread else None)

    async def show_existing(
        self,
        stored: StoredCard,
        member: discord.abc.User,
        guild: discord.Guild | None,
        reply: Reply,
        send: Send,
        channel: object | None = None,
    ) -> None:
        """Answer a request for a card the guild already has: a pointer for members who can
        read its channel, else the card itself, posted here (not recorded). A card not on show
        (its message deleted) is posted again: :meth:`show_again`."""
        if stored.message_id is None:
            await self.show_again(stored, member, guild, send, channel, reply=reply)
        elif await self.visibility.sees(member, guild, stored):
            await reply(pointer_text(stored))
        else:
            await self.post(stored, send, channel, copy=True)

    async def show_again(
        self,
        stored: StoredCard,
        member: discord.abc.User,
        guild: discord.Guild | None,
        send: Send,
        channel: object | None = None,
        *,
        reply: Reply | None = None,
    ) -> StoredCard:
        """Post a card that is not on show (its message was deleted) where it was asked for;
        the post becomes its home only if ``member`` may read the channel it lived in (see the
        module), else it is a copy, as for a member who cannot see a card on show. A card put
        back on show meanwhile (by the request before this one) is answered as one on show
        (``reply`` given), or left alone. Returns the card as stored now."""
        async with self._turn(stored.id):
            current = await self.store.get_card(stored.id) or stored
            if current.message_id is not None:
                if reply is not None:
                    await self.show_existing(current, member, guild, reply, send, channel)
                return current
            target = getattr(channel, "id", None)
            rehome = await self.visibility.may_rehome(member, guild, current, target)
            where = await self.post(current, send, channel, copy=not rehome)
            if not rehome:
                log.info("card %s shown again in %s, not recorded (its channel is hidden from "
                         "the member)", current.id, where.channel_id)
                return current
            return await self.store.update_card_message(
                current.id, where.channel_id, where.message_id, where.thread_id
            )

    @contextlib.asynccontextmanager
    async def _turn(self, card_id: str) -> AsyncIterator[None]:
        """One request at a time per card; the lock goes when nobody holds or awaits it."""
        turn = self._turns.setdefault(card_id, _Turn())
        turn.users += 1
        try:
            async with turn.lock:
                yield
        finally:
            turn.users -= 1
            if turn.users == 0:
                del self._turns[card_id]

    # --- re-rendering in place ----------------------------------------------------------------

    def refresh(self, card_id: str) -> None:
        """Re-render the card's message from the store soon (coalesced; see the module)."""
        if self._closing:
            return
        pending = self._pending.setdefault(card_id, _Pending())
        pending.dirty = True
        if pending.task is None:
            pending.task = asyncio.create_task(
                self._run(card_id, pending), name=f"claimdeck-refresh-{card_id}"
            )

    async def _run(self, card_id: str, pending: _Pending) -> None:
        try:
            while pending.dirty:
                await self._wait_turn(pending)
                pending.dirty = False  # a refresh from now on needs another edit
                try:
                    await self._edit(card_id)
                except Exception:
                    log.exception("could not refresh card %s", card_id)
                pending.last_edit = self.monotonic()
        finally:
            pending.task = None
            asyncio.get_running_loop().call_later(self.interval, self._forget, card_id, pending)

    async def _wait_turn(self, pending: _Pending) -> None:
        """Until ``interval`` has passed since the card's last edit (at once when closing)."""
        while not self._closing:
            wait = pending.last_edit + self.interval - self.monotonic()
            if wait <= 0:
                return
            pending.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(pending.wake.wait(), wait)

    def _forget(self, card_id: str, pending: _Pending) -> None:
        """Drop an idle card's state once its last edit no longer limits the next one."""
        if self._pending.get(card_id) is pending and pending.task is None and not pending.dirty:
            del self._pending[card_id]

    async def _edit(self, card_id: str) -> None:
        stored = await self.store.get_card(card_id)
        if stored is None or stored.channel_id is None or stored.message_id is None:
            return
        embed, view = await self.message_for(stored)
        message = self.client.get_partial_messageable(stored.channel_id).get_partial_message(
            stored.message_id
        )
        try:
            await message.edit(embed=embed, view=view, allowed_mentions=NO_PINGS)
        except discord.NotFound as error:
            if error.code in GONE_CODES:
                await self.message_gone(stored.guild_id, stored.message_id)
            else:
                log.warning("card %s: Discord answered 404 (%s)", card_id, error.code)
        except discord.HTTPException as error:
            log.warning("card %s: Discord refused the edit (%s)", card_id, error.status)

    async def message_gone(self, guild_id: int, message_id: int) -> StoredCard | None:
        """Discord says message ``message_id`` is gone: if it showed a card (it still does in
        the store), the card is recorded as not on show, so its link posts it again."""
        forgotten = await self.store.forget_card_message(guild_id, message_id)
        if forgotten is not None:
            log.info("card %s: its message is gone (%s); posted again when next asked",
                     forgotten.id, message_id)
        return forgotten

    async def idle(self) -> None:
        """Until no refresh is pending or running (tests, benches, shutdown)."""
        while tasks := [p.task for p in self._pending.values() if p.task is not None]:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def close(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Send pending edits now (the last state lands before logging out), then stop."""
        self._closing = True
        for pending in self._pending.values():
            pending.wake.set()
        try:
            async with asyncio.timeout(timeout):
                await self.idle()
        except TimeoutError:
            log.warning("some card edits were not sent before shutdown")
            for pending in self._pending.values():
                if pending.task is not None:
                    pending.task.cancel()
