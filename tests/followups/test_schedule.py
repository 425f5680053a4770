"""Reminder cadence, catch-up digests after downtime, and which process sends what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.followups.display import digest_line
from bot.followups.schedule import first_due, next_due, owns_guild, plan_tick
from bot.models import FollowUpState
from tests.followups.helpers import at, followup, guild

UTC_GUILD = guild(timezone="UTC")


def test_first_reminder_is_a_day_after_the_card() -> None:
    assert first_due(at(2025, 6, 16, 9, 0), UTC_GUILD) == at(2025, 6, 17, 9, 0)


def test_first_reminder_that_lands_at_night_waits_for_the_morning() -> None:
    berlin = guild(timezone="Europe/Berlin")
    assert first_due(at(2025, 6, 16, 21, 0), berlin) == at(2025, 6, 18, 6, 0)  # 08:00 CEST


def test_then_every_two_days_at_most_five_times() -> None:
    sent_at = at(2025, 6, 17, 9, 0)
    dues = [next_due(followup(reminders_sent=n), sent_at, UTC_GUILD) for n in range(6)]
    assert dues[:4] == [at(2025, 6, 19, 9, 0)] * 4
    assert dues[4:] == [None, None]  # the fifth reminder is the last


def test_the_guild_sets_its_own_cadence() -> None:
    brisk = guild(timezone="UTC", first_reminder_hours=2, reminder_every_hours=6, max_reminders=2)
    assert first_due(at(2025, 6, 16, 9, 0), brisk) == at(2025, 6, 16, 11, 0)
    assert next_due(followup(reminders_sent=0), at(2025, 6, 16, 11, 0), brisk) == at(
        2025, 6, 16, 17, 0
    )
    assert next_due(followup(reminders_sent=1), at(2025, 6, 16, 17, 0), brisk) is None


def test_a_reminder_due_since_the_last_tick_is_sent_alone_and_schedules_the_next() -> None:
    now = at(2025, 6, 17, 9, 0, 30)
    row = followup(due_at=at(2025, 6, 17, 9, 0))
    plan = plan_tick([row], now, {1: UTC_GUILD}, last_tick=now - timedelta(minutes=1))
    assert plan.digests == ()
    [reminder] = plan.reminders
    assert reminder.followup is row and reminder.missed == 1
    assert reminder.write.reminders_sent == 1
    assert reminder.write.due_at == now + timedelta(hours=48)
    assert reminder.write.last_reminded_at == now
    updated = reminder.write.apply(row)
    assert (updated.reminders_sent, updated.due_at) == (1, now + timedelta(hours=48))


def test_after_three_missed_reminders_one_digest_line_per_guild() -> None:
    created = at(2025, 6, 16, 9, 0)
    first = first_due(created, UTC_GUILD)  # 17 June 09:00
    # The bot went down an hour after the card and came back after the 3rd reminder's slot.
    now = first + timedelta(hours=2 * 48, minutes=30)
    rows = [
        followup(id="a", guild_id=1, created_at=created, due_at=first),
        followup(id="b", guild_id=2, created_at=created, due_at=first, party="Orvane"),
    ]
    plan = plan_tick(rows, now, {1: UTC_GUILD, 2: guild(2, timezone="UTC")},
                     last_tick=created + timedelta(hours=1))
    assert plan.reminders == ()
    assert [d.guild_id for d in plan.digests] == [1, 2]
    for digest in plan.digests:
        [item] = digest.items
        assert item.missed == 3
        assert item.write.reminders_sent == 1  # one message was sent, not three
        assert item.write.due_at == now + timedelta(hours=48)  # no second ping right after
    assert digest_line(plan.digests[1].items[0]) == (
        "Awaiting Orvane (asked by Reuters) · 3 reminders missed"
    )


def test_a_restart_gathers_a_guilds_overdue_reminders_into_one_digest() -> None:
    now = at(2025, 6, 20, 12, 0)
    rows = [followup(id=f"f{n}", due_at=now - timedelta(hours=n + 1)) for n in range(25)]
    plan = plan_tick(rows, now, {1: UTC_GUILD}, last_tick=None)
    assert plan.reminders == ()
    [digest] = plan.digests
    assert len(digest.items) == 25
    assert [i.followup.id for i in digest.items][:2] == ["f24", "f23"]  # oldest first


def test_a_single_late_reminder_that_missed_only_its_slot_is_sent_alone() -> None:
    now = at(2025, 6, 17, 12, 0)
    row = followup(due_at=at(2025, 6, 17, 9, 0))  # down for three hours
    plan = plan_tick([row], now, {1: UTC_GUILD}, last_tick=at(2025, 6, 17, 8, 55))
    assert [r.followup.id for r in plan.reminders] == ["f1"] and plan.digests == ()


def test_a_slow_tick_is_not_downtime() -> None:
    now = at(2025, 6, 17, 9, 8)
    rows = [followup(id="a", due_at=at(2025, 6, 17, 9, 1)),
            followup(id="b", due_at=at(2025, 6, 17, 9, 2))]
    plan = plan_tick(rows, now, {1: UTC_GUILD}, last_tick=at(2025, 6, 17, 9, 0))
    assert [r.followup.id for r in plan.reminders] == ["a", "b"] and plan.digests == ()


def test_snoozed_resolved_closed_and_future_rows_do_not_remind() -> None:
    now = at(2025, 6, 17, 9, 0)
    due = at(2025, 6, 17, 8, 59)
    snoozed = followup(id="s", due_at=due, snoozed_until=at(2025, 6, 20, 23, 0))
    rows = [
        snoozed,
        followup(id="r", due_at=due, state=FollowUpState.RESOLVED),
        followup(id="c", due_at=due, state=FollowUpState.CLOSED),
        followup(id="future", due_at=now + timedelta(seconds=1)),
    ]
    plan = plan_tick(rows, now, {1: guild(timezone="UTC")}, last_tick=now - timedelta(minutes=1))
    assert plan.reminders == () and plan.digests == ()
    [deferral] = plan.deferred
    assert deferral.followup is snoozed
    assert deferral.due_at == at(2025, 6, 21, 8, 0)  # the snooze ends at night: next morning


def test_a_snooze_that_has_ended_reminds_again() -> None:
    now = at(2025, 6, 17, 9, 0)
    row = followup(due_at=now, snoozed_until=now - timedelta(hours=1))
    plan = plan_tick([row], now, {1: UTC_GUILD}, last_tick=now - timedelta(minutes=1))
    assert [r.followup.id for r in plan.reminders] == ["f1"]


def test_the_last_reminder_leaves_nothing_scheduled() -> None:
    now = at(2025, 6, 25, 9, 0)
    last = followup(reminders_sent=4, due_at=now)
    spent = followup(id="spent", reminders_sent=5, due_at=now)
    plan = plan_tick([last, spent], now, {1: UTC_GUILD}, last_tick=now - timedelta(minutes=1))
    [reminder] = plan.reminders
    assert reminder.write.reminders_sent == 5 and reminder.write.due_at is None
    assert [(d.followup.id, d.due_at) for d in plan.deferred] == [("spent", None)]


def test_missing_guild_settings_use_the_defaults() -> None:
    now = at(2025, 6, 17, 12, 0)
    row = followup(guild_id=99, due_at=now)
    [reminder] = plan_tick([row], now, {}, last_tick=now - timedelta(minutes=1)).reminders
    assert reminder.write.due_at == now + timedelta(hours=48)


def test_a_crash_between_sending_and_writing_sends_exactly_one_duplicate() -> None:
    """The reminder is marked sent in the write that schedules the next one: if the process dies
    after sending but before that write, the row is still due and the next tick sends it once
    more; once written, it is not due again until the next slot."""
    first_tick = at(2025, 6, 17, 9, 0, 30)
    row = followup(due_at=at(2025, 6, 17, 9, 0))
    plan = plan_tick([row], first_tick, {1: UTC_GUILD}, last_tick=first_tick - timedelta(minutes=1))
    sent = [r.followup.id for r in plan.reminders]  # ... sent, then the process dies
    after_restart = first_tick + timedelta(minutes=1)
    replan = plan_tick([row], after_restart, {1: UTC_GUILD}, last_tick=first_tick)
    sent += [r.followup.id for r in replan.reminders]
    assert sent == ["f1", "f1"]  # the one duplicate
    stored = replan.reminders[0].write.apply(row)
    later = plan_tick([stored], after_restart + timedelta(minutes=1), {1: UTC_GUILD},
                      last_tick=after_restart)
    assert later.empty


def test_each_guild_belongs_to_exactly_one_shard() -> None:
    guilds = [81384788765712384 + n * 4_194_304 * 7 + n for n in range(200)]
    for count in (1, 2, 3, 16):
        for guild_id in guilds:
            owners = [shard for shard in range(count) if owns_guild(guild_id, shard, count)]
            assert owners == [(guild_id >> 22) % count]
    assert owns_guild(81384788765712384, 0, 1)


@pytest.mark.parametrize(("shard", "count"), [(0, 0), (2, 2), (-1, 2)])
def test_an_impossible_shard_is_refused(shard: int, count: int) -> None:
    with pytest.raises(ValueError):
        owns_guild(1, shard, count)
