"""The writes around a reminder's send, shared by single reminders and digests.

Before sending, a row is *claimed* (a compare-and-set moves its due time ``lease`` ahead, only if
nobody wrote it since it was read); after, it is *recorded* (the write that marks the reminder
sent schedules the next), *postponed* (not delivered: tried again later, nothing marked sent),
*left out* (a digest withheld its line: reminded on its own a minute later), *held for the next
page* (its line was past a digest's length limit: still late, it joins the next digest a minute
later) or *stopped* (its channel is gone). Every one is a compare-and-set, so two processes
holding one guild send each reminder once and never lose one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

from bot.following.notifier import DestinationGone, Mention, Notifier
from bot.following.rows import Clock, FollowUpRows
from bot.followups import ReminderWrite, apply_quiet_hours
from bot.models import EventKind, FollowUp, FollowUpState, GuildSettings, StoredCard
from storage import Store, StoreConflict

log = logging.getLogger("claimdeck.following.reminders")

RETRY_AFTER = timedelta(minutes=10)
LEASE = timedelta(minutes=10)  # a claimed row is due again after this if its sender died
# A digest item whose line was not shown is due again this soon: a withheld one as a fresh
# reminder, sent on its own in its card's thread; one past the length limit still late, on the
# digest's next page.
LEFT_OUT_AFTER = timedelta(minutes=1)

_T = TypeVar("_T")


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
    left_out: int = 0  # claimed for a digest that did not show its line: reminded on its own
    paged: int = 0  # past a digest's length limit: held a minute for the digest's next page

    @property
    def idle(self) -> bool:
        return not (
            self.sent
            or self.digests
            or self.failed
            or self.deferred
            or self.skipped
            or self.held
            or self.closed
            or self.left_out
            or self.paged
        )


def still_due(fresh: FollowUp | None, planned: FollowUp, now: datetime) -> bool:
    """The row is as it was planned: open, not snoozed, not reminded or rescheduled since."""
    return (
        fresh is not None
        and fresh.state is FollowUpState.OPEN
        and fresh.reminders_sent == planned.reminders_sent
        and fresh.due_at == planned.due_at
        and (fresh.snoozed_until is None or fresh.snoozed_until <= now)
    )


def event_data(write: ReminderWrite, mention: Mention | None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reminders_sent": write.reminders_sent,
        "next_due_at": write.due_at.isoformat() if write.due_at else None,
        "mentioned": None if mention is None else ("member" if mention.user_id else "role"),
    }
    data.update(extra)
    return data


def _held(row: FollowUp, late_since: datetime, until: datetime) -> FollowUp:
    """``row`` still late since ``late_since`` (so it counts what it missed and joins a digest)
    but not due before ``until``: the stores read the later of the two as its due time."""
    return replace(row, due_at=late_since, snoozed_until=until)


class ReminderWrites:
    """The store writes of :class:`~bot.following.reminders.ReminderService` around a send
    (its constructor sets these attributes)."""

    store: Store
    notifier: Notifier
    clock: Clock
    rows: FollowUpRows
    retry_after: timedelta
    lease: timedelta
    _slots: asyncio.Semaphore

    async def _claim(self, row: FollowUp, now: datetime) -> FollowUp | None:
        """Take ``row`` for this process: its due time moves ``lease`` ahead, only if nobody
        wrote it since it was read. None when another process (or a command) got there first."""
        claimed = replace(row, due_at=now + self.lease)
        try:
            await self.store.update_followup(claimed, expected=row)
        except StoreConflict:
            return None
        return claimed

    async def _claim_due(
        self, planned: FollowUp, now: datetime, report: TickReport
    ) -> tuple[FollowUp, StoredCard] | None:
        """The planned row as stored now, claimed for this process, with its card; None
        (counted as skipped) when it is gone, no longer due as planned, or being sent by
        another process."""
        row = await self.store.get_followup(planned.id)
        card = await self._card(row) if row is not None else None
        claimed = None
        if row is not None and card is not None and still_due(row, planned, now):
            claimed = await self._claim(row, now)
        if claimed is None or card is None:
            report.skipped += 1
            return None
        return claimed, card

    async def _record(
        self,
        claimed: FollowUp,
        write: ReminderWrite,
        now: datetime,
        data: dict[str, Any],
        actor_id: int | None = None,
    ) -> FollowUp | None:
        """Mark the reminder sent and schedule the next, on the row as it is now: a snooze or
        an assignee set in another process while the reminder was out is kept."""

        def counted(current: FollowUp) -> FollowUp:
            due_at = write.due_at if current.due_at == claimed.due_at else current.due_at
            return replace(write.apply(current), due_at=due_at)

        return await self.rows.edit_locked(
            claimed.id,
            counted,
            actor_id=actor_id,
            at=now,
            kind=EventKind.FOLLOWUP_REMINDED,
            data=data,
        )

    async def _postpone(
        self,
        row: FollowUp,
        now: datetime,
        settings: GuildSettings,
        late_since: datetime | None = None,
    ) -> None:
        """Try again after ``retry_after`` (outside quiet hours); nothing is marked sent. A
        digest's rows keep their due time (``late_since``) and are held until then, so the
        retry still counts what they missed and sends one digest, not a ping each."""
        retry = apply_quiet_hours(now + self.retry_after, settings)
        log.warning("reminder for follow-up %s not delivered; retrying at %s", row.id, retry)
        later = replace(row, due_at=retry)
        if late_since is not None and late_since < retry:
            later = _held(row, late_since, retry)
        await self._swap(later, row)  # changed meanwhile (resolved, snoozed): that stands

    async def _leave_out(self, claimed: FollowUp, now: datetime, settings: GuildSettings) -> bool:
        """A digest withheld this row's line (its card is where not everyone reading the digest
        may look): nothing is marked sent, and the row is due again in ``LEFT_OUT_AFTER``, no
        longer late, so the next tick reminds it on its own in its card's thread. False when
        the row changed meanwhile (resolved, snoozed): that stands."""
        soon = replace(claimed, due_at=apply_quiet_hours(now + LEFT_OUT_AFTER, settings))
        return await self._swap(soon, claimed)

    async def _hold_for_next_page(
        self, claimed: FollowUp, late_since: datetime, now: datetime, settings: GuildSettings
    ) -> bool:
        """A digest cut this row's line at Discord's length limit: nothing is marked sent, the
        row keeps its due time (``late_since``: still late, still counting what it missed) and
        is held ``LEFT_OUT_AFTER`` like a quiet-hours hold, so the next tick puts it on the
        digest's next page instead of pinging for it alone. False when the row changed
        meanwhile (resolved, snoozed): that stands."""
        until = apply_quiet_hours(now + LEFT_OUT_AFTER, settings)
        return await self._swap(_held(claimed, late_since, until), claimed)

    async def _swap(self, new: FollowUp, claimed: FollowUp) -> bool:
        """Write ``new`` over the claimed row, only if nobody wrote it since the claim."""
        try:
            await self.store.update_followup(new, expected=claimed)
        except StoreConflict:
            return False
        return True

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

        data = {
            "reason": "channel_deleted",
            "channel_id": gone.channel_id,
            "reminders_sent": claimed.reminders_sent,
        }
        closed = await self.rows.edit_locked(
            claimed.id, close, at=now, kind=EventKind.FOLLOWUP_CLOSED, data=data
        )
        if closed is not None:
            report.closed += 1
            log.warning(
                "follow-up %s (card %s): Discord says channel %s no longer exists; its "
                "reminders stop (closed; /followup reopen starts them again)",
                claimed.id,
                claimed.card_id,
                gone.channel_id,
            )

    async def _card(self, row: FollowUp) -> StoredCard | None:
        card = await self.store.get_card(row.card_id)
        if card is None:
            log.warning("follow-up %s: its card %s is missing; not reminding", row.id, row.card_id)
        return card

    async def _deliver(self, sending: Awaitable[_T], row: FollowUp) -> _T | Literal[False]:
        """The notifier's answer; an exception from it counts as not delivered."""
        try:
            return await sending
        except DestinationGone:
            raise
        except Exception:
            log.exception("posting for follow-up %s failed; it will be retried", row.id)
            return False
