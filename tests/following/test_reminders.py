"""Reminders: on time, outside quiet hours, one digest after downtime, never lost, never
duplicated (except the one a crash between sending and recording may cause), one process per
guild."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.following import FollowUpServices, Mention, ReminderService, build_services
from bot.following.reminders import LEASE
from bot.models import EventKind, FollowUp, FollowUpState, GuildSettings
from storage import Store
from tests.following.conftest import (
    GUILD,
    OTHER_GUILD,
    REVIEWERS,
    T0,
    THREAD,
    Clock,
    FakeNotifier,
    post_card,
    stored,
)
from tests.followups.helpers import seed_card

DAY = timedelta(hours=24)


async def _seed(services: FollowUpServices, store: Store, card_id: str = "seed", **kw) -> FollowUp:
    opened = await post_card(services, store, stored(card_id, seed_card(), **kw))
    [row] = opened.followups
    return row


async def test_a_day_later_a_reminder_in_the_thread_pings_only_the_reviewer_role(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    row = await _seed(services, store)
    clock.set(T0 + DAY - timedelta(minutes=1))
    assert (await services.reminders.tick()).idle
    assert notifier.posted == []

    clock.set(T0 + DAY)
    report = await services.reminders.tick()
    assert report.sent == 1
    [sent] = notifier.posted
    assert (sent.kind, sent.where, sent.card_id, sent.reminder_number) == (
        "reminder", "thread", "seed", 1)
    assert sent.mention == Mention(role_id=REVIEWERS)  # the role, and nothing else

    after = await store.get_followup(row.id)
    assert after is not None
    assert after.reminders_sent == 1 and after.due_at == T0 + 3 * DAY  # then every 48 h
    [event] = [e for e in await store.events_for_card("seed")
               if e.kind is EventKind.FOLLOWUP_REMINDED]
    assert event.at == T0 + DAY
    assert event.data["mentioned"] == "role" and event.data["reminders_sent"] == 1

    assert (await services.reminders.tick()).idle  # the same tick again sends nothing
    assert await services.reminders.next_wake() == T0 + 3 * DAY


async def test_the_assignee_is_pinged_instead_of_the_role(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await _seed(services, store)
    await services.commands.assign(GUILD, "seed", 777)
    clock.set(T0 + DAY)
    await services.reminders.tick()
    assert [p.mention for p in notifier.posted] == [Mention(user_id=777)]


async def test_quiet_hours_hold_a_reminder_until_the_morning(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    # Paris, summer (UTC+2): a card posted at 22:30 local would remind at 22:30 the next day
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS,
                                            timezone="Europe/Paris"))
    services = build_services(store, notifier, clock=clock)
    posted_at = datetime(2025, 6, 16, 20, 30, tzinfo=UTC)
    clock.set(posted_at)
    row = await _seed(services, store, at=posted_at)
    morning = datetime(2025, 6, 18, 6, 0, tzinfo=UTC)  # 08:00 in Paris
    assert row.due_at == morning

    clock.set(posted_at + DAY)
    assert (await services.reminders.tick()).idle
    clock.set(morning - timedelta(minutes=1))
    assert (await services.reminders.tick()).idle
    clock.set(morning)
    assert (await services.reminders.tick()).sent == 1


async def test_a_restart_after_three_missed_reminders_sends_one_digest(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    services = build_services(store, notifier, clock=clock)
    first = await _seed(services, store, "seed")
    second = await _seed(services, store, "seed2", url="https://news.example.test/2")
    await store.save_settings(GuildSettings(OTHER_GUILD))
    elsewhere = await _seed(services, store, "far", guild_id=OTHER_GUILD,
                            url="https://news.example.test/3")

    # down from before the first reminder until after the third should have gone out
    clock.set(T0 + DAY + 4 * DAY + timedelta(hours=1))
    restarted = build_services(store, notifier, clock=clock)  # a new process: no last tick
    report = await restarted.reminders.tick()

    assert report.digests == 2 and report.sent == 0
    digests = notifier.of_kind("digest")
    assert sorted(len(d.detail) for d in digests) == [1, 2]  # one message per guild
    lines = [line for d in digests for _, _, line in d.detail]
    assert all(line.endswith("· 3 reminders missed") for line in lines)
    for row in (first, second, elsewhere):
        after = await store.get_followup(row.id)
        assert after is not None
        assert after.reminders_sent == 1  # one catch-up, not three pings
        assert after.due_at == clock.now + 2 * DAY
    assert (await restarted.reminders.tick()).idle


async def test_resolved_snoozed_and_closed_follow_ups_never_remind(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    snoozed = await _seed(services, store, "a", url="https://n.example/a")
    resolved = await _seed(services, store, "b", url="https://n.example/b")
    closed = await _seed(services, store, "c", url="https://n.example/c")
    await services.commands.snooze(GUILD, "a", "3d")
    await services.commands.resolve(GUILD, "b", "no comment", text="No comment, a spokesman said.")
    await store.update_followup(replace(closed, state=FollowUpState.CLOSED))

    for hours in range(24, 72, 1):
        clock.set(T0 + timedelta(hours=hours))
        await services.reminders.tick()
    assert notifier.posted == []
    clock.set(T0 + timedelta(days=3))  # the snooze is over: reminders resume, on time
    await services.reminders.tick()
    assert [(p.card_id, p.reminder_number) for p in notifier.posted] == [("a", 1)]
    for row in (resolved, closed):
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 0
    assert snoozed.id != resolved.id


async def test_a_deleted_thread_sends_the_reminder_to_the_channel(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await _seed(services, store)
    notifier.deleted_threads.add(THREAD)
    clock.set(T0 + DAY)
    await services.reminders.tick()
    assert [(p.kind, p.where) for p in notifier.posted] == [("reminder", "channel")]


async def test_a_reminder_nobody_can_receive_is_retried_never_lost_never_doubled(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    row = await _seed(services, store)
    notifier.unreachable.add("seed")  # thread and channel gone (or Discord down)
    clock.set(T0 + DAY)
    report = await services.reminders.tick()
    assert report.failed == 1 and notifier.posted == []
    after = await store.get_followup(row.id)
    assert after is not None
    assert after.reminders_sent == 0 and after.due_at == T0 + DAY + timedelta(minutes=10)
    assert not [e for e in await store.events_for_card("seed")
                if e.kind is EventKind.FOLLOWUP_REMINDED]

    clock.advance(minutes=5)
    assert (await services.reminders.tick()).idle  # not hammering: waits for the retry time
    notifier.unreachable.clear()
    clock.advance(minutes=5)
    assert (await services.reminders.tick()).sent == 1
    clock.advance(minutes=10)
    await services.reminders.tick()
    assert [(p.kind, p.reminder_number) for p in notifier.posted] == [("reminder", 1)]


class CrashingStore:
    """The store of a process that dies right after Discord took the reminder: the claim was
    written, the write that records the reminder never happens."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.writes = 0

    def __getattr__(self, name: str):  # everything else is the real store
        return getattr(self._store, name)

    async def update_followup(self, followup: FollowUp, *args, **kwargs) -> None:
        self.writes += 1
        if self.writes > 1:
            raise asyncio.CancelledError("the process died")
        await self._store.update_followup(followup, *args, **kwargs)


async def test_a_crash_between_sending_and_recording_sends_the_first_reminder_twice_at_most(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    row = await _seed(build_services(store, notifier, clock=clock), store)
    clock.set(T0 + DAY)
    dying = ReminderService(CrashingStore(store), notifier, clock=clock)  # type: ignore[arg-type]
    with pytest.raises(asyncio.CancelledError):
        await dying.tick()
    assert [p.reminder_number for p in notifier.posted] == [1]  # sent, not recorded

    clock.advance(seconds=30)  # the restart: the dead process's claim still holds the row
    restarted = build_services(store, notifier, clock=clock)
    await restarted.reminders.tick()
    assert [p.reminder_number for p in notifier.posted] == [1]
    clock.set(T0 + DAY + LEASE)  # the claim ran out: the reminder was never recorded
    await restarted.reminders.tick()
    await restarted.reminders.tick()
    # the duplicate is reminder #1, sent again once; it is then recorded, so never a third time
    assert [p.reminder_number for p in notifier.posted] == [1, 1]
    after = await store.get_followup(row.id)
    assert after is not None and after.reminders_sent == 1
    clock.set(T0 + 3 * DAY + LEASE + timedelta(minutes=1))  # 48 h after the recorded send
    await restarted.reminders.tick()
    assert [p.reminder_number for p in notifier.posted] == [1, 1, 2]


async def test_each_guild_is_reminded_by_exactly_one_process(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    setup = build_services(store, notifier, clock=clock)
    for n, guild in enumerate((GUILD, OTHER_GUILD, 3 << 22, 4 << 22)):
        await store.save_settings(GuildSettings(guild))
        await _seed(setup, store, f"card{n}", guild_id=guild, url=f"https://n.example/{n}")
    processes = [build_services(store, notifier, clock=clock, shard_id=s, shard_count=2)
                 for s in (0, 1)]
    clock.set(T0 + DAY)
    await processes[0].reminders.tick()
    assert sorted(p.card_id for p in notifier.posted) == ["card1", "card3"]  # guilds 2 and 4
    await asyncio.gather(*(p.reminders.tick() for p in processes))
    assert sorted(p.card_id for p in notifier.posted) == ["card0", "card1", "card2", "card3"]


async def test_two_processes_holding_one_guild_send_its_reminder_once(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    """An overlapping restart: the old and the new process of one shard both find the reminder
    due at the same moment, each with its own row locks (as two processes have)."""
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    row = await _seed(build_services(store, notifier, clock=clock), store)
    old, new = (build_services(store, notifier, clock=clock) for _ in range(2))
    notifier.delay = 0.05  # Discord is slow to answer: both ticks are mid-send together
    clock.set(T0 + DAY)
    async with asyncio.timeout(10):
        reports = await asyncio.gather(old.reminders.tick(), new.reminders.tick())
    assert [p.reminder_number for p in notifier.posted] == [1]
    assert sorted((r.sent, r.skipped) for r in reports) == [(0, 1), (1, 0)]
    after = await store.get_followup(row.id)
    assert after is not None and (after.reminders_sent, after.due_at) == (1, T0 + 3 * DAY)


async def test_a_snooze_made_in_another_process_while_the_reminder_is_out_is_kept(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    row = await _seed(build_services(store, notifier, clock=clock), store)
    sending, other = (build_services(store, notifier, clock=clock) for _ in range(2))
    notifier.delay = 0.05
    clock.set(T0 + DAY)
    async with asyncio.timeout(10):
        tick = asyncio.create_task(sending.reminders.tick())
        await asyncio.sleep(0.01)  # the reminder is out; a member snoozes in the other process
        await other.commands.snooze(GUILD, "seed", "3d", actor_id=3)
        await tick
    assert [p.reminder_number for p in notifier.posted] == [1]
    after = await store.get_followup(row.id)
    assert after is not None and after.reminders_sent == 1  # the reminder counted
    assert after.snoozed_until == T0 + 4 * DAY  # and the snooze kept
    kinds = [e.kind for e in await store.events_for_card("seed")]
    assert kinds.count(EventKind.FOLLOWUP_REMINDED) == kinds.count(EventKind.FOLLOWUP_SNOOZED) == 1


async def test_after_the_last_reminder_the_follow_up_stays_open_and_listed(
    store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, max_reminders=2))
    services = build_services(store, notifier, clock=clock)
    row = await _seed(services, store)
    for day in range(1, 12):
        clock.set(T0 + day * DAY)
        await services.reminders.tick()
    assert [p.reminder_number for p in notifier.posted] == [1, 2]
    after = await store.get_followup(row.id)
    assert after is not None and after.due_at is None and after.state is FollowUpState.OPEN
    [listed] = await services.commands.list_open(GUILD)
    assert listed.followup.id == row.id and listed.next_reminder is None
    assert await services.reminders.next_wake() is None
