"""The catch-up digest: one message per guild for the reminders missed while the bot was down.

Every row of the digest is claimed first (see :mod:`bot.following.claims`), then the notifier
posts one message and says which items it showed a line for (a :class:`DigestLayout`; a plain
True means all of them). Only those are recorded as reminded. An item it did not show — its
card is in a channel not everyone reading the digest may see, or its line did not fit in
Discord's 2,000 characters — pinged nobody, so its reminder is not used up: the row is due
again a minute later and reminded on its own, in its card's thread, where its readers are.
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
        unshown = (
            {item.followup.id for item in sent.unshown} if isinstance(sent, DigestLayout) else set()
        )
        shown = [(plan, item) for plan, item in items if item.followup.id not in unshown]
        if shown:
            report.digests += 1
        for plan, item in shown:
            data = event_data(plan.write, item.mention, missed=plan.missed, digest=True)
            await self._record(item.followup, plan.write, now, data)
            report.digest_items += 1
        for _, item in items:
            if item.followup.id in unshown and await self._leave_out(item.followup, now, settings):
                report.left_out += 1
