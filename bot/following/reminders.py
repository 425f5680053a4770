"""The reminder clock: what is due for this process's shards, sent, and recorded in one write.

Each tick reads the rows the store says are due (its own shards' guilds only), lets
:func:`bot.followups.plan_tick` decide what to send (a reminder that fell due since the last
tick goes alone; after downtime, one digest per guild), sends through the
:class:`~bot.following.notifier.Notifier`, and only then writes the row: the write that marks a
reminder sent is the one that schedules the next (``ReminderWrite``), with its history event.

Before sending, the process *claims* the row: one compare-and-set write moves its due time
``lease`` ahead, and only if nobody wrote the row since it was read. Two processes holding the
same guild (an overlapping restart, a process started without a shard) can both find a row
due; only one claim succeeds, so only one reminder goes out. So:

- a crash after claiming and before recording sends that reminder once more when the lease
  ends (at most one duplicate: the same reminder, same number), and a reminder is never lost;
- a send that fails (Discord down, the channel closed to Claimdeck) writes nothing but a later
  due time (``retry_after``, outside quiet hours): the reminder is retried, never marked sent
  unsent; when the notifier says the card's channel no longer exists (``DestinationGone``),
  the follow-up is closed instead, with the reason in the card's history;
- nothing is sent while the guild is in quiet hours: :func:`plan_tick` postpones what is due to
  the first allowed minute (a compare-and-set on the row, like every write here);
- each row is re-read under its lock just before claiming, so a follow-up resolved, snoozed,
  closed or reminded by hand in the meantime is not reminded again; a change made while the
  reminder was out (in another process) is kept, and the reminder counted on top of it;
- a digest records only the items it showed a line for; the others pinged nobody: those past
  Discord's limit stay late, held a minute, and make the digest's next page; those withheld
  from its channel are due again a minute later and reminded on their own, in their cards'
  threads (:mod:`bot.following.digests`).

The writes around a send (claim, record, postpone, stop) are in :mod:`bot.following.claims`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta

from bot.following.claims import (
    LEASE,
    RETRY_AFTER,
    TickReport,
    event_data,
)
from bot.following.digests import DigestReminders
from bot.following.errors import NoFollowUp, NotDelivered, UnknownFollowUp
from bot.following.notifier import DestinationGone, Mention, Notifier
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.followups import (
    Deferral,
    PlannedReminder,
    ReminderWrite,
    next_due,
    plan_tick,
)
from bot.models import FollowUp, FollowUpState, GuildSettings
from storage import Store

log = logging.getLogger("claimdeck.following.reminders")

__all__ = ["LEASE", "RETRY_AFTER", "ReminderService", "TickReport"]

_MAX_ROUNDS = 100  # batches per tick; each round takes rows off the due list


class ReminderService(DigestReminders):
    """Sends due reminders for the guilds of shard ``shard_id`` of ``shard_count``."""

    def __init__(
        self,
        store: Store,
        notifier: Notifier,
        *,
        clock: Clock = utc_now,
        rows: FollowUpRows | None = None,
        shard_id: int = 0,
        shard_count: int = 1,
        batch: int = 200,
        concurrency: int = 8,
        retry_after: timedelta = RETRY_AFTER,
        lease: timedelta = LEASE,
    ) -> None:
        if shard_count < 1 or not 0 <= shard_id < shard_count:
            raise ValueError(f"shard {shard_id} of {shard_count} does not exist")
        self.store = store
        self.notifier = notifier
        self.clock = clock
        self.rows = rows or FollowUpRows(store)
        self.shard_id = shard_id
        self.shard_count = shard_count
        self.batch = batch
        self.retry_after = retry_after
        self.lease = lease
        self._slots = asyncio.Semaphore(concurrency)
        self._last_tick: datetime | None = None  # None after a start: overdue rows are "missed"

    async def next_wake(self) -> datetime | None:
        """When the earliest reminder of this process's guilds is due (maybe in the past)."""
        return await self.store.next_due_at(self.shard_id, self.shard_count)

    async def tick(self, now: datetime | None = None) -> TickReport:
        """Send everything due at ``now`` (default: the clock); cheap when nothing is due."""
        now = now or self.clock()
        report = TickReport()
        seen: set[str] = set()
        for _ in range(_MAX_ROUNDS):
            due = await self.store.due_followups(now, self.batch, self.shard_id, self.shard_count)
            fresh = [f for f in due if f.id not in seen]
            if not fresh:
                break
            seen.update(f.id for f in fresh)
            settings = {g: await self.store.get_settings(g) for g in {f.guild_id for f in fresh}}
            plan = plan_tick(fresh, now, settings, self._last_tick)
            for deferral in plan.deferred:
                await self._defer(deferral, report)
            jobs: list[Awaitable[None]] = [
                self._send_one(p, now, settings[p.followup.guild_id], report)
                for p in plan.reminders
            ]
            jobs += [
                self._send_digest(d.guild_id, d.items, now, settings[d.guild_id], report)
                for d in plan.digests
            ]
            await asyncio.gather(*jobs)
            if len(due) < self.batch:
                break
        self._last_tick = now
        if not report.idle:
            log.info("reminder tick: %s", report)
        return report

    async def remind_now(self, followup_id: str, actor_id: int | None = None) -> FollowUp:
        """Send the follow-up's reminder now (``/followup remind``), counted like any other and
        scheduling the next from now; raises ``NotDelivered`` when Discord did not take it."""
        now = self.clock()
        async with self.rows.locked(followup_id):
            row = await self.store.get_followup(followup_id)
            if row is None:
                raise UnknownFollowUp()
            if row.state is not FollowUpState.OPEN:
                raise NoFollowUp("That follow-up is not open; reopen it first.")
            settings = await self.store.get_settings(row.guild_id)
            card = await self._card(row)
            mention = Mention.for_followup(row, settings)
            delivered = False
            with suppress(DestinationGone):  # said as "could not be posted" below
                delivered = card is not None and await self._deliver(
                    self.notifier.send_reminder(card, row, mention), row
                )
            if card is None or not delivered:
                raise NotDelivered(
                    "The reminder could not be posted: the card's thread and channel are gone "
                    "or closed to Claimdeck."
                )
            write = ReminderWrite(row.id, row.reminders_sent + 1, next_due(row, now, settings), now)
            written = await self._record(
                row, write, now, event_data(write, mention, manual=True), actor_id
            )
            return written or write.apply(row)

    # --- one reminder (digests: bot.following.digests) ---------------------------------

    async def _send_one(
        self, planned: PlannedReminder, now: datetime, settings: GuildSettings, report: TickReport
    ) -> None:
        followup_id = planned.followup.id
        async with self._slots, self.rows.locked(followup_id):
            try:
                if (due := await self._claim_due(planned.followup, now, report)) is None:
                    return
                row, card = due
                mention = Mention.for_followup(row, settings)
                try:
                    sent = await self._deliver(self.notifier.send_reminder(card, row, mention), row)
                except DestinationGone as gone:
                    await self._stop(row, now, gone, report)
                    return
                if not sent:
                    report.failed += 1
                    await self._postpone(row, now, settings)
                    return
                data = event_data(planned.write, mention, missed=planned.missed)
                await self._record(row, planned.write, now, data)
                report.sent += 1
            except Exception:  # one bad row must not stop the others
                log.exception("reminder for follow-up %s failed", followup_id)
                report.failed += 1

    async def _defer(self, deferral: Deferral, report: TickReport) -> None:
        """A due row that must not remind now: snoozed (moves to the snooze's end), spent, or
        in quiet hours (waits for the first allowed minute; a late one keeps its due time and
        is held with ``snoozed_until``, so it still joins the digest then). A compare-and-set
        on the row as planned: a row claimed, reminded or changed meanwhile is left alone."""
        row = deferral.followup

        def change(current: FollowUp) -> FollowUp | None:
            if current.due_at != row.due_at or current.snoozed_until != row.snoozed_until:
                return None
            if deferral.hold_until is not None:
                return replace(current, snoozed_until=deferral.hold_until)
            return replace(current, due_at=deferral.due_at)

        written = await self.rows.edit(row.id, change)
        if deferral.quiet_hours:
            report.held += written is not None
        else:
            report.deferred += 1
