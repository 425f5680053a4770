"""When reminders go out: cadence, catch-up after downtime, and which process sends them.

Reminders are rows with an absolute UTC ``due_at`` in the store. Each tick the loop hands the rows
that are due to :func:`plan_tick`, which says what to send now and what to write back. A reminder
is marked sent in the same store write that schedules the next one (``ReminderWrite``), so a crash
between sending and writing sends at most one duplicate and never loses a reminder.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.followups.quiet import QuietSettings, apply_quiet_hours, as_utc, is_quiet
from bot.models import FollowUp, FollowUpState, GuildSettings

DEFAULT_FIRST_REMINDER_HOURS = 24
DEFAULT_REMINDER_EVERY_HOURS = 48
DEFAULT_MAX_REMINDERS = 5
# A reminder that fell due longer ago than this (or before a previous tick) missed its moment:
# after a restart it goes into the guild's digest instead of pinging on its own.
MAX_TICK_GAP = timedelta(minutes=10)


class CadenceSettings(QuietSettings, Protocol):
    """What the schedule reads from a guild's settings (``GuildSettings`` has all of it):
    ``first_reminder_hours``, ``reminder_every_hours``, ``max_reminders``, ``quiet_start``,
    ``quiet_end`` and ``timezone``; missing or invalid values fall back to the defaults."""


def _positive(settings: object, name: str, default: float) -> float:
    value = getattr(settings, name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return default
    return float(min(value, 24 * 365))


def first_delay(settings: CadenceSettings) -> timedelta:
    return timedelta(
        hours=_positive(settings, "first_reminder_hours", DEFAULT_FIRST_REMINDER_HOURS)
    )


def every_delay(settings: CadenceSettings) -> timedelta:
    return timedelta(
        hours=_positive(settings, "reminder_every_hours", DEFAULT_REMINDER_EVERY_HOURS)
    )


def max_reminders(settings: CadenceSettings) -> int:
    value = getattr(settings, "max_reminders", DEFAULT_MAX_REMINDERS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return DEFAULT_MAX_REMINDERS
    return value


def first_due(created_at: datetime, settings: CadenceSettings) -> datetime:
    """When the first reminder of a new follow-up is due (UTC, outside quiet hours)."""
    return apply_quiet_hours(as_utc(created_at) + first_delay(settings), settings)


def next_due(followup: FollowUp, sent_at: datetime, settings: CadenceSettings) -> datetime | None:
    """When the reminder after the one sent at ``sent_at`` is due; None when that one was the
    last allowed. ``followup`` is the row as it was before this reminder was sent."""
    if followup.reminders_sent + 1 >= max_reminders(settings):
        return None
    return apply_quiet_hours(as_utc(sent_at) + every_delay(settings), settings)


def owns_guild(guild_id: int, shard_id: int, shard_count: int) -> bool:
    """Whether this process (running shard ``shard_id`` of ``shard_count``) sends the guild's
    reminders: Discord's own shard formula, so two processes never send the same one."""
    if shard_count < 1 or not 0 <= shard_id < shard_count:
        raise ValueError(f"shard {shard_id} of {shard_count} does not exist")
    return (guild_id >> 22) % shard_count == shard_id


@dataclass(frozen=True, slots=True)
class ReminderWrite:
    """The one store write that records a reminder as sent and schedules the next.

    ``due_at`` None means no more reminders (the maximum was reached); the follow-up stays open.
    """

    followup_id: str
    reminders_sent: int
    due_at: datetime | None
    last_reminded_at: datetime

    def apply(self, followup: FollowUp) -> FollowUp:
        """The row after the write (``due_at`` None when no reminder is left)."""
        return replace(
            followup,
            reminders_sent=self.reminders_sent,
            due_at=self.due_at,  # type: ignore[arg-type]
            last_reminded_at=self.last_reminded_at,
        )


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    """A follow-up to remind about now; ``missed`` counts the scheduled reminders it fell
    behind on (more than one means the bot was down)."""

    followup: FollowUp
    missed: int
    write: ReminderWrite


@dataclass(frozen=True, slots=True)
class Digest:
    """One message per guild gathering the reminders missed while the bot was down."""

    guild_id: int
    items: tuple[PlannedReminder, ...]


@dataclass(frozen=True, slots=True)
class Deferral:
    """A due row that must not remind now: snoozed (``due_at`` moves to the snooze's end), out
    of reminders (``due_at`` None), or due while the guild is in quiet hours.

    A quiet-hours postponement waits for the first allowed minute. An on-time reminder simply
    moves there (``due_at``). A late one (the bot was down) keeps its ``due_at``, so it still
    counts its missed reminders and still joins its guild's digest, and is held back by
    ``hold_until`` instead (written as ``snoozed_until``, which the store already reads as the
    row's due time when it is later).
    """

    followup: FollowUp
    due_at: datetime | None
    hold_until: datetime | None = None
    quiet_hours: bool = False


@dataclass(frozen=True, slots=True)
class TickPlan:
    reminders: tuple[PlannedReminder, ...] = ()
    digests: tuple[Digest, ...] = ()
    deferred: tuple[Deferral, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.reminders or self.digests or self.deferred)


def _missed(followup: FollowUp, now: datetime, settings: CadenceSettings) -> int:
    """Scheduled reminders between ``due_at`` and now, capped by what is left to send."""
    behind = now - as_utc(followup.due_at)
    count = 1 + math.floor(behind / every_delay(settings))
    left = max_reminders(settings) - followup.reminders_sent
    return max(1, min(count, left))


def _plan_one(followup: FollowUp, now: datetime, settings: CadenceSettings) -> PlannedReminder:
    write = ReminderWrite(
        followup_id=followup.id,
        reminders_sent=followup.reminders_sent + 1,
        due_at=next_due(followup, now, settings),
        last_reminded_at=now,
    )
    return PlannedReminder(followup, _missed(followup, now, settings), write)


def _quiet_deferral(
    followup: FollowUp, now: datetime, settings: CadenceSettings, fresh: bool
) -> Deferral:
    """Postpone a row found due inside quiet hours to the first allowed minute."""
    allowed = apply_quiet_hours(now, settings)
    if fresh:
        return Deferral(followup, allowed, quiet_hours=True)
    return Deferral(followup, followup.due_at, hold_until=allowed, quiet_hours=True)


def plan_tick(
    due: Iterable[FollowUp],
    now: datetime,
    settings_by_guild: Mapping[int, CadenceSettings],
    last_tick: datetime | None,
) -> TickPlan:
    """What to send at ``now`` for the rows the store says are due.

    - resolved, closed and not-yet-due rows are left alone; snoozed rows move to the snooze's
      end; rows already at the maximum stop being due;
    - a reminder that fell due since the previous tick (or within ``MAX_TICK_GAP`` when there is
      no recent tick) and missed only its own slot is sent on its own;
    - every other due reminder (the bot was down) goes into one digest per guild; a guild whose
      only late reminder missed a single slot gets it on its own;
    - each planned reminder carries the write that marks it sent and schedules the next one,
      counted from ``now`` so a catch-up is not followed by an immediate second ping;
    - nothing is sent while ``now`` is inside the guild's quiet hours (a restart at night, a
      time zone or quiet-hours change since the row was scheduled): its due rows wait for the
      first allowed minute, the late ones keeping what they missed (see :class:`Deferral`).
    """
    now = as_utc(now)
    fresh_since = now - MAX_TICK_GAP
    if last_tick is not None and timedelta(0) <= now - as_utc(last_tick) <= MAX_TICK_GAP:
        fresh_since = as_utc(last_tick)
    on_time: list[PlannedReminder] = []
    late: dict[int, list[PlannedReminder]] = defaultdict(list)
    deferred: list[Deferral] = []
    for followup in sorted(due, key=lambda f: (as_utc(f.due_at), f.id)):
        if followup.state != FollowUpState.OPEN or as_utc(followup.due_at) > now:
            continue
        settings = settings_by_guild.get(followup.guild_id) or GuildSettings(followup.guild_id)
        snoozed = followup.snoozed_until
        if snoozed is not None and as_utc(snoozed) > now:
            deferred.append(Deferral(followup, apply_quiet_hours(snoozed, settings)))
            continue
        if followup.reminders_sent >= max_reminders(settings):
            deferred.append(Deferral(followup, None))
            continue
        planned = _plan_one(followup, now, settings)
        fresh = planned.missed == 1 and as_utc(followup.due_at) > fresh_since
        if is_quiet(now, settings):
            deferred.append(_quiet_deferral(followup, now, settings, fresh))
        elif fresh:
            on_time.append(planned)
        else:
            late[followup.guild_id].append(planned)
    digests = []
    for guild_id in sorted(late):
        items = late[guild_id]
        if len(items) == 1 and items[0].missed == 1:
            on_time.append(items[0])
        else:
            digests.append(Digest(guild_id, tuple(items)))
    on_time.sort(key=lambda p: (as_utc(p.followup.due_at), p.followup.id))
    return TickPlan(tuple(on_time), tuple(digests), tuple(deferred))
