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
  reminder was out (in another process) is kept, and the reminder counted on top of it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from contextlib import AsyncExitStack, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.following.errors import NoFollowUp, NotDelivered, UnknownFollowUp
from bot.following.notifier import DestinationGone, DigestItem, Mention, Notifier
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.followups import (
    Deferral,
    PlannedReminder,
    ReminderWrite,
    apply_quiet_hours,
    digest_line,
    next_due,
    plan_tick,
)
from bot.models import EventKind, FollowUp, FollowUpState, GuildSettings, StoredCard
from storage import Store, StoreConflict

log = logging.getLogger("claimdeck.following.reminders")


RETRY_AFTER = timedelta(minutes=10)
LEASE = timedelta(minutes=10)  # a claimed row is due again after this if its sender died
_MAX_ROUNDS = 100  # batches per tick; each round takes rows off the due list


@dataclass
class TickReport:
    """What one tick did (for logs, tests and the benchmark)."""

    sent: int = 0
    digests: int = 0
    digest_items: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    held: int = 0  # due inside quiet hours: postponed to the first allowed minute
    closed: int = 0  # the card's channel is gone for good: reminders stopped

    @property
    def idle(self) -> bool:
        return not (
            self.sent or self.digests or self.failed or self.deferred or self.skipped
            or self.held or self.closed
        )


def _still_due(fresh: FollowUp | None, planned: FollowUp, now: datetime) -> bool:
    """The row is as it was planned: open, not snoozed, not reminded or rescheduled since."""
    return (
        fresh is not None
        and fresh.state is FollowUpState.OPEN
        and fresh.reminders_sent == planned.reminders_sent
        and fresh.due_at == planned.due_at
        and (fresh.snoozed_until is None or fresh.snoozed_until <= now)
    )


def _event_data(write: ReminderWrite, mention: Mention | None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reminders_sent": write.reminders_sent,
        "next_due_at": write.due_at.isoformat() if write.due_at else None,
        "mentioned": None if mention is None else ("member" if mention.user_id else "role"),
    }
    data.update(extra)
    return data


class ReminderService:
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
                row, write, now, _event_data(write, mention, manual=True), actor_id
            )
            return written or write.apply(row)

    # --- one reminder, one digest --------------------------------------------------------

    async def _send_one(
        self, planned: PlannedReminder, now: datetime, settings: GuildSettings, report: TickReport
    ) -> None:
        followup_id = planned.followup.id
        async with self._slots, self.rows.locked(followup_id):
            try:
                row = await self.store.get_followup(followup_id)
                card = await self._card(row) if row is not None else None
                if row is None or card is None or not _still_due(row, planned.followup, now):
                    report.skipped += 1
                    return
                row = await self._claim(row, now)
                if row is None:  # another process is sending it
                    report.skipped += 1
                    return
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
                data = _event_data(planned.write, mention, missed=planned.missed)
                await self._record(row, planned.write, now, data)
                report.sent += 1
            except Exception:  # one bad row must not stop the others
                log.exception("reminder for follow-up %s failed", followup_id)
                report.failed += 1

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

    async def _digest_locked(
        self,
        guild_id: int,
        planned: Sequence[PlannedReminder],
        now: datetime,
        settings: GuildSettings,
        report: TickReport,
    ) -> None:
        items: list[tuple[PlannedReminder, DigestItem]] = []
        for plan in planned:
            row = await self.store.get_followup(plan.followup.id)
            card = await self._card(row) if row is not None else None
            if row is None or card is None or not _still_due(row, plan.followup, now):
                report.skipped += 1
                continue
            row = await self._claim(row, now)
            if row is None:  # another process is sending it
                report.skipped += 1
                continue
            mention = Mention.for_followup(row, settings)
            line = digest_line(replace(plan, followup=row))
            item = DigestItem(card, row, plan.missed, mention, line)
            items.append((plan, item))
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
        report.digests += 1
        for plan, item in items:
            data = _event_data(plan.write, item.mention, missed=plan.missed, digest=True)
            await self._record(item.followup, plan.write, now, data)
            report.digest_items += 1

    # --- claim, record, postpone: the writes around a send ------------------------------

    async def _claim(self, row: FollowUp, now: datetime) -> FollowUp | None:
        """Take ``row`` for this process: its due time moves ``lease`` ahead, only if nobody
        wrote it since it was read. None when another process (or a command) got there first."""
        claimed = replace(row, due_at=now + self.lease)
        try:
            await self.store.update_followup(claimed, expected=row)
        except StoreConflict:
            return None
        return claimed

    async def _record(
        self, claimed: FollowUp, write: ReminderWrite, now: datetime, data: dict[str, Any],
        actor_id: int | None = None,
    ) -> FollowUp | None:
        """Mark the reminder sent and schedule the next, on the row as it is now: a snooze or
        an assignee set in another process while the reminder was out is kept."""

        def counted(current: FollowUp) -> FollowUp:
            due_at = write.due_at if current.due_at == claimed.due_at else current.due_at
            return replace(write.apply(current), due_at=due_at)

        return await self.rows.edit_locked(
            claimed.id, counted, actor_id=actor_id, at=now, kind=EventKind.FOLLOWUP_REMINDED,
            data=data,
        )

    async def _postpone(
        self, row: FollowUp, now: datetime, settings: GuildSettings,
        late_since: datetime | None = None,
    ) -> None:
        """Try again after ``retry_after`` (outside quiet hours); nothing is marked sent. A
        digest's rows keep their due time (``late_since``) and are held until then, so the
        retry still counts what they missed and sends one digest, not a ping each."""
        retry = apply_quiet_hours(now + self.retry_after, settings)
        log.warning("reminder for follow-up %s not delivered; retrying at %s", row.id, retry)
        later = replace(row, due_at=retry)
        if late_since is not None and late_since < retry:
            later = replace(row, due_at=late_since, snoozed_until=retry)
        with suppress(StoreConflict):  # changed meanwhile (resolved, snoozed): that stands
            await self.store.update_followup(later, expected=row)

    async def _stop(
        self, claimed: FollowUp, now: datetime, gone: DestinationGone, report: TickReport
    ) -> None:
        """The card's channel was deleted: no reminder can ever reach it. The follow-up is
        closed (reminders stop; ``/followup reopen`` starts them again), with the reason in the
        card's history. A row changed meanwhile (resolved, snoozed) is left as it is now."""

        def close(current: FollowUp) -> FollowUp | None:
            if current.state is not FollowUpState.OPEN or current.due_at != claimed.due_at:
                return None
            return replace(current, state=FollowUpState.CLOSED, due_at=None)

        data = {"reason": "channel_deleted", "channel_id": gone.channel_id,
                "reminders_sent": claimed.reminders_sent}
        closed = await self.rows.edit_locked(
            claimed.id, close, at=now, kind=EventKind.FOLLOWUP_CLOSED, data=data
        )
        if closed is not None:
            report.closed += 1
            log.warning(
                "follow-up %s (card %s): Discord says channel %s no longer exists; its "
                "reminders stop (closed; /followup reopen starts them again)",
                claimed.id, claimed.card_id, gone.channel_id,
            )

    # --- helpers -------------------------------------------------------------------------

    async def _card(self, row: FollowUp) -> StoredCard | None:
        card = await self.store.get_card(row.card_id)
        if card is None:
            log.warning("follow-up %s: its card %s is missing; not reminding", row.id, row.card_id)
        return card

    async def _deliver(self, sending: Awaitable[bool], row: FollowUp) -> bool:
        """The notifier's answer; an exception from it counts as not delivered."""
        try:
            return bool(await sending)
        except DestinationGone:
            raise
        except Exception:
            log.exception("posting for follow-up %s failed; it will be retried", row.id)
            return False

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
