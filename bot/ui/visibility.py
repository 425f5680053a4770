"""Who may see a card: the members who can read the channel it was posted in.

A card lives in a channel, or in a thread (a response article pasted in another card's
discussion thread). discord.py only knows *active* threads: Discord archives a quiet thread
after a day, the thread leaves the cache, and after a restart only active threads are sent. A
thread has no permissions of its own (discord.py's ``Thread.permissions_for`` is its parent
channel's), so a thread missing from the cache is judged by its parent channel, like one in it.

The parent is learnt from Discord (one ``GET /channels/<thread>``, bounded in number and time per
request) and remembered in :class:`ThreadParents`. A thread never changes parent, so that memory
is a cache of a fact Discord keeps, not state: each process learns it for itself, losing it costs
one request, and nothing else depends on it. A thread Discord says is gone (or hidden from the
bot) counts as unreadable, remembered for a few minutes so a deleted thread does not cost a
request per keystroke of an autocomplete.

The checks themselves are synchronous (callers filter lists with them); ``prepare`` learns, once
and concurrently, the parents of the threads a list or a command is about to ask for;
``prepare_all`` does it in a few bounded rounds for a deferred answer (/followup list), and says
which cards it could not check, so a list counts them instead of silently leaving them out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence

import discord

from bot.models import StoredCard

log = logging.getLogger("claimdeck.visibility")

REMEMBERED = 10_000  # threads whose parent (or absence) is kept, least recently used dropped
FETCHES_PER_CALL = 25  # unknown threads looked up for one command or list, at most
FETCH_SECONDS = 1.5  # for all of them together: an autocomplete answers within 3 s
ROUNDS_SECONDS = 6.0  # prepare_all (a deferred list): rounds of lookups start within this long
ROUNDS = 8  # prepare_all: rounds of at most FETCHES_PER_CALL lookups each
GONE_SECONDS = 600.0  # a thread Discord called unknown is not asked about again for this long


class ThreadGone(Exception):
    """Discord says the channel does not exist, or the bot may not see it."""


# A thread id -> its parent channel id (None: a channel, not a thread); ThreadGone if none.
FetchParent = Callable[[int], Awaitable[int | None]]


class ThreadParents:
    """Which channel each thread belongs to, learnt from Discord; bounded, no Discord types."""

    def __init__(
        self,
        fetch: FetchParent,
        *,
        size: int = REMEMBERED,
        per_call: int = FETCHES_PER_CALL,
        timeout: float = FETCH_SECONDS,
        gone_for: float = GONE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.fetch = fetch
        self.size = size
        self.per_call = per_call
        self.timeout = timeout
        self.gone_for = gone_for
        self.monotonic = monotonic
        self._parents: OrderedDict[int, int | None] = OrderedDict()
        self._gone: OrderedDict[int, float] = OrderedDict()  # thread id -> when it was gone

    def learn(self, thread_id: int, parent_id: int | None) -> None:
        self._gone.pop(thread_id, None)
        self._parents[thread_id] = parent_id
        self._parents.move_to_end(thread_id)
        while len(self._parents) > self.size:
            self._parents.popitem(last=False)

    def parent(self, channel_id: int) -> int | None:
        """The parent channel of the thread ``channel_id``, when known."""
        parent = self._parents.get(channel_id)
        if parent is not None:
            self._parents.move_to_end(channel_id)
        return parent

    def known(self, channel_id: int) -> bool:
        """Whether the parent of ``channel_id``, or its absence, was learnt (and still holds)."""
        if channel_id in self._parents:
            return True
        gone_at = self._gone.get(channel_id)
        return gone_at is not None and self.monotonic() - gone_at < self.gone_for

    async def resolve(self, channel_ids: Iterable[int]) -> None:
        """Learn the parents of the channels not known yet: at most ``per_call`` lookups, all
        at once, within ``timeout`` together; a lookup that fails or is late teaches nothing
        (the channel then counts as unreadable this time, and is asked about next time)."""
        wanted = [c for c in dict.fromkeys(channel_ids) if not self.known(c)][: self.per_call]
        if not wanted:
            return
        tasks = {asyncio.ensure_future(self.fetch(c)): c for c in wanted}
        try:
            done, late = await asyncio.wait(tasks, timeout=self.timeout)
        finally:  # late, or the caller cancelled: no lookup outlives the call
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if late:
            log.info("%d thread lookups were late; their cards count as unreadable", len(late))
        for task in done:
            channel_id = tasks[task]
            error = task.exception()
            if error is None:
                self.learn(channel_id, task.result())
            elif isinstance(error, ThreadGone):
                self._parents.pop(channel_id, None)
                self._gone[channel_id] = self.monotonic()
                while len(self._gone) > self.size:
                    self._gone.popitem(last=False)
            else:
                log.info("could not look up channel %s: %r", channel_id, error)


Channel = discord.abc.GuildChannel | discord.Thread


class Visibility:
    """``can_see`` for cards, over discord.py's cache and the parents of uncached threads."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client
        self.parents = ThreadParents(self._fetch_parent)

    async def _fetch_parent(self, channel_id: int) -> int | None:
        try:
            channel = await self.client.fetch_channel(channel_id)
        except (discord.NotFound, discord.Forbidden) as error:
            raise ThreadGone(channel_id) from error
        return channel.parent_id if isinstance(channel, discord.Thread) else None

    def channel_of(self, guild: discord.Guild, channel_id: int) -> Channel | None:
        """The channel whose permissions say who reads ``channel_id``: itself when cached (an
        active thread's parent is noted on the way), else the known parent of the thread."""
        channel = guild.get_channel_or_thread(channel_id)
        if isinstance(channel, discord.Thread):
            self.parents.learn(channel.id, channel.parent_id)
        if channel is None and (parent := self.parents.parent(channel_id)) is not None:
            channel = guild.get_channel(parent)
        return channel

    def can_see(
        self, member: discord.abc.User, guild: discord.Guild | None, stored: StoredCard
    ) -> bool:
        """Whether ``member`` can read the channel where ``stored`` is posted (from what is
        known now: call :meth:`prepare` first for cards that may live in archived threads)."""
        if guild is None or stored.channel_id is None or not isinstance(member, discord.Member):
            return False
        if stored.guild_id != guild.id:
            return False
        channel = self.channel_of(guild, stored.channel_id)
        return channel is not None and channel.permissions_for(member).read_messages

    async def prepare(self, guild: discord.Guild | None, cards: Iterable[StoredCard]) -> None:
        """Learn the parents of the uncached threads ``cards`` live in (bounded, see
        :class:`ThreadParents`)."""
        if guild is None:
            return
        unknown = [
            c.channel_id for c in cards
            if c.channel_id is not None and guild.get_channel_or_thread(c.channel_id) is None
        ]
        await self.parents.resolve(unknown)

    async def sees(
        self, member: discord.abc.User, guild: discord.Guild | None, stored: StoredCard
    ) -> bool:
        """:meth:`can_see` for one card, its thread's parent looked up first if need be."""
        await self.prepare(guild, [stored])
        return self.can_see(member, guild, stored)

    async def prepare_all(
        self,
        guild: discord.Guild,
        cards: Sequence[StoredCard],
        *,
        rounds: int = ROUNDS,
        seconds: float = ROUNDS_SECONDS,
    ) -> set[str]:
        """:meth:`prepare` in rounds, in the order of ``cards`` (a deferred answer has time
        for more than one), while Discord answers and for at most ``seconds``. Returns the ids
        of the cards still not :meth:`checked`, for the caller to count, never drop unsaid."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        waiting = [c for c in cards if not self.checked(guild, c)]
        for _ in range(rounds):
            if not waiting or loop.time() >= deadline:
                break
            await self.prepare(guild, waiting)
            left = [c for c in waiting if not self.checked(guild, c)]
            if len(left) == len(waiting):  # Discord answered none of them: stop asking
                break
            waiting = left
        return {c.id for c in waiting}

    def checked(self, guild: discord.Guild | None, stored: StoredCard) -> bool:
        """Whether :meth:`can_see` answers for ``stored`` from knowledge, not from a lookup that
        failed or was left for later (its channel cached, or its thread's parent or absence
        learnt): a list says how many it could not check rather than dropping them unsaid."""
        if guild is None or stored.channel_id is None or stored.guild_id != guild.id:
            return True
        if guild.get_channel_or_thread(stored.channel_id) is not None:
            return True
        return self.parents.known(stored.channel_id)

    async def may_rehome(
        self,
        member: discord.abc.User,
        guild: discord.Guild | None,
        stored: StoredCard,
        target_id: int | None,
    ) -> bool:
        """Whether a new post of ``stored`` (its message was deleted) in channel ``target_id``
        may become its home: only for a member who can read the channel it lived in, and only
        where its readers stay the same kind — that channel again, one public channel for
        another, or (the old channel deleted, which only an administrator still reaches) any
        channel. A moderator sharing a moderators' card in #general posts a copy: its ballots
        and follow-ups never move to where everyone reads them."""
        if guild is None or target_id is None or not await self._reads_home(member, guild, stored):
            return False
        if target_id == stored.channel_id or stored.channel_id is None:
            return True
        if self.channel_of(guild, stored.channel_id) is None:  # deleted: only an administrator
            return True
        return self.public(guild, stored.channel_id) and self.public(guild, target_id)

    def public(self, guild: discord.Guild, channel_id: int) -> bool:
        """Whether everyone in ``guild`` may read ``channel_id`` (a thread: its parent
        channel); an unknown channel counts as private."""
        channel = self.channel_of(guild, channel_id)
        return channel is not None and channel.permissions_for(guild.default_role).read_messages

    async def _reads_home(
        self, member: discord.abc.User, guild: discord.Guild, stored: StoredCard
    ) -> bool:
        """Whether ``member`` may read the channel ``stored`` was recorded in. An administrator
        reads every channel, so also one deleted since (which nobody else can read)."""
        if (
            isinstance(member, discord.Member)
            and stored.guild_id == guild.id
            and member.guild_permissions.administrator
        ):
            return True
        return await self.sees(member, guild, stored)
