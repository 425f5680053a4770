"""The catch-up digest: one message per guild for the reminders missed while the bot was down.

Every row of the digest is claimed first (see :mod:`bot.following.claims`), then the notifier
posts one message and says which items it showed a line for (a :class:`DigestLayout`; a plain
True means all of them). Only those are recorded as reminded. An item it did not show pinged
nobody, so its reminder is not used up:

- its line did not fit in Discord's 2,000 characters (``cut``): the row stays late (its due
  time kept) and is held a minute, so the next tick posts it on the digest's next page: a long
  catch-up is a few pages a minute apart, never one ping per follow-up;
- its card is in a channel not everyone reading the digest may see (withheld): the row is due
  again a minute later, no longer late, and reminded on its own in its card's thread, where its
  readers are.

A digest that shows no line at all (none would fit) holds nothing back: its items are reminded
on their own, so a catch-up always moves on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import datetime

from bot.following.claims import ReminderWrites, TickReport, event_data
from bot.following.messages import DigestLayout
from bot.following.notifier import DestinationGone, DigestItem, Mention
from bot.followups import PlannedReminder, digest_line
from bot.models import GuildSettings

log = logging.getLogger("claimdeck.following.reminders")

_Claimed = tuple[PlannedReminder, DigestItem]


class DigestReminders(ReminderWrites):
    """The digest half of :class:`~bot.following.reminders.ReminderService`."""

    async def _send_digest(
        self,
        guild_id: int,
        planned: Sequence[PlannedReminder],
        now: datetime,
        settings: GuildSettings,
        report: TickReport,
    ) -> None:
        async with self._slots, AsyncExitStack() as locks:
            for followup_id in sorted(p.followup.id for p in planned):  # one order: no deadlock
                await locks.enter_async_context(self.rows.locked(followup_id))
            try:
                await self._digest_locked(guild_id, planned, now, settings, report)
            except Exception:
                log.exception("digest for guild %s failed", guild_id)
                report.failed += 1

    async def _claim_items(
        self,
        planned: Sequence[PlannedReminder],
        now: datetime,
        settings: GuildSettings,
        report: TickReport,
    ) -> list[_Claimed]:
        """The digest's rows still due as planned, each claimed for this process."""
        items: list[_Claimed] = []
        for plan in planned:
            if (due := await self._claim_due(plan.followup, now, report)) is None:
                continue
            row, card = due
            mention = Mention.for_followup(row, settings)
            line = digest_line(replace(plan, followup=row))
            items.append((plan, DigestItem(card, row, plan.missed, mention, line)))
        return items

    async def _digest_locked(
        self,
        guild_id: int,
        planned: Sequence[PlannedReminder],
        now: datetime,
        settings: GuildSettings,
        report: TickReport,
    ) -> None:
        items = await self._claim_items(planned, now, settings, report)
        if not items:
            return
        try:
            sent = await self._deliver(
                self.notifier.send_digest(guild_id, [item for _, item in items]),
                items[0][1].followup,
            )
        except DestinationGone as gone:  # the digest's channel: its cards are gone with it
            sent = False
            for _, item in [i for i in items if i[1].card.channel_id == gone.channel_id]:
                await self._stop(item.followup, now, gone, report)
            items = [i for i in items if i[1].card.channel_id != gone.channel_id]
        if not sent:
            report.failed += len(items)
            for plan, item in items:  # still late when retried: the digest forms again
                await self._postpone(item.followup, now, settings, late_since=plan.followup.due_at)
            return
        layout = sent if isinstance(sent, DigestLayout) else None
        unshown = {i.followup.id for i in layout.unshown} if layout is not None else set()
        shown = [(plan, item) for plan, item in items if item.followup.id not in unshown]
        # past the limit: the next page, if this page showed anything (else nothing would move)
        cut = {i.followup.id for i in layout.cut} if layout is not None and shown else set()
        if shown:
            report.digests += 1
        for plan, item in shown:
            data = event_data(plan.write, item.mention, missed=plan.missed, digest=True)
            await self._record(item.followup, plan.write, now, data)
            report.digest_items += 1
        for plan, item in items:
            row = item.followup
            if row.id in cut:
                late = plan.followup.due_at
                report.paged += await self._hold_for_next_page(row, late, now, settings)
            elif row.id in unshown:
                report.left_out += await self._leave_out(row, now, settings)
