"""The reminder service after downtime, at night: a restart at 03:30 in Paris pings nobody; the
catch-up (one digest, or the single late reminder) goes out at 08:00, the first allowed minute,
counting what it missed; a time zone or quiet-hours change holds reminders already scheduled;
two processes still send it once. A card whose channel was deleted stops being reminded. Both
store backends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.following import DestinationGone, FollowUpServices, build_services
from bot.followups.quiet import is_quiet
from bot.models import EventKind, FollowUp, FollowUpState, GuildSettings, StoredCard
from storage import Store, open_store
from tests.following.conftest import (
    CHANNEL,
    GUILD,
    REVIEWERS,
    T0,
    Clock,
    FakeNotifier,
    post_card,
    stored,
)
from tests.followups.helpers import seed_card
from tests.storage.backends import BACKENDS, store_url

PARIS = GuildSettings(GUILD, reviewer_role_id=REVIEWERS, timezone="Europe/Paris")
RESTART = datetime(2025, 6, 18, 1, 30, tzinfo=UTC)  # 03:30 in Paris
MORNING = datetime(2025, 6, 18, 6, 0, tzinfo=UTC)  # 08:00 in Paris
DAY = timedelta(hours=24)
OTHER_CHANNEL = 7003


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    async with asyncio.timeout(20):
        opened = await open_store(store_url(request.param, tmp_path))
    try:
        yield opened
    finally:
        await opened.close()


@dataclass
class GoneNotifier(FakeNotifier):
    """The fake notifier, plus channels Discord answers 404 Unknown Channel for (deleted with
    their threads), and every attempt to post recorded."""

    gone: set[int] = field(default_factory=set)
    attempts: list[str] = field(default_factory=list)

    async def send_reminder(self, card, followup, mention) -> bool:  # type: ignore[override]
        self.attempts.append(card.id)
        if card.channel_id in self.gone:
            raise DestinationGone(card.channel_id)
        return await super().send_reminder(card, followup, mention)

    async def send_digest(self, guild_id, items) -> bool:  # type: ignore[override]
        oldest = min(items, key=lambda i: (i.followup.created_at, i.followup.id)).card
        self.attempts.append(f"digest in {oldest.channel_id}")
        if oldest.channel_id in self.gone:
            raise DestinationGone(oldest.channel_id)
        return await super().send_digest(guild_id, items)


@pytest.fixture
def notifier() -> GoneNotifier:
    return GoneNotifier()


async def _open(services: FollowUpServices, store: Store, card: StoredCard) -> FollowUp:
    [row] = (await post_card(services, store, card)).followups
    return row


async def _two_cards(store: Store, notifier: FakeNotifier, clock: Clock) -> list[FollowUp]:
    """Two cards posted at 09:00 UTC on 16 June (11:00 in Paris): reminders due 17 June."""
    await store.save_settings(PARIS)
    services = build_services(store, notifier, clock=clock)
    first = await _open(services, store, stored("seed", seed_card()))
    second = await _open(services, store, stored("two", seed_card(), url="https://x.example/2"))
    return [first, second]


async def _night(services: FollowUpServices, clock: Clock, until: datetime) -> None:
    """The loop ticks through the night, every 10 minutes up to just before ``until``."""
    while clock.now + timedelta(minutes=10) < until:
        clock.advance(minutes=10)
        async with asyncio.timeout(10):
            await services.reminders.tick()
    clock.set(until - timedelta(minutes=1))
    async with asyncio.timeout(10):
        await services.reminders.tick()


async def test_a_restart_at_half_past_three_pings_nobody_then_one_digest_at_eight(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    rows = await _two_cards(store, notifier, clock)
    clock.set(RESTART)
    assert is_quiet(RESTART, PARIS)
    restarted = build_services(store, notifier, clock=clock)  # a new process: no last tick
    async with asyncio.timeout(10):
        report = await restarted.reminders.tick()
    assert notifier.posted == [] and report.held == 2
    assert await restarted.reminders.next_wake() == MORNING
    await _night(restarted, clock, MORNING)
    assert notifier.posted == []  # not at 03:30, not at 07:59

    clock.set(MORNING)
    async with asyncio.timeout(10):
        report = await restarted.reminders.tick()
    assert (report.digests, report.digest_items, report.sent) == (1, 2, 0)
    [digest] = notifier.posted
    assert digest.kind == "digest"
    assert sorted(fid for fid, _, _ in digest.detail) == sorted(r.id for r in rows)
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
        assert after.due_at == MORNING + 2 * DAY  # the cadence goes on from the digest
    events = [
        e for e in await store.events_for_card("seed") if e.kind is EventKind.FOLLOWUP_REMINDED
    ]
    assert [(e.at, e.data.get("digest")) for e in events] == [(MORNING, True)]
    async with asyncio.timeout(10):
        assert (await restarted.reminders.tick()).idle


async def test_the_missed_count_survives_the_night(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    rows = await _two_cards(store, notifier, clock)
    clock.set(RESTART + 2 * DAY)  # down through the first and second slots of both
    restarted = build_services(store, notifier, clock=clock)
    async with asyncio.timeout(10):
        await restarted.reminders.tick()
    assert notifier.posted == []
    clock.set(MORNING + 2 * DAY)
    async with asyncio.timeout(10):
        await restarted.reminders.tick()
    [digest] = notifier.posted
    assert sorted((fid, missed) for fid, missed, _ in digest.detail) == sorted(
        (r.id, 2) for r in rows
    )
    assert all(line.endswith("· 2 reminders missed") for _, _, line in digest.detail)


async def test_a_single_late_reminder_waits_for_eight_in_the_thread(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    await store.save_settings(PARIS)
    row = await _open(
        build_services(store, notifier, clock=clock), store, stored("seed", seed_card())
    )
    clock.set(RESTART)
    restarted = build_services(store, notifier, clock=clock)
    async with asyncio.timeout(10):
        await restarted.reminders.tick()
    await _night(restarted, clock, MORNING)
    assert notifier.posted == []
    clock.set(MORNING)
    async with asyncio.timeout(10):
        assert (await restarted.reminders.tick()).sent == 1
    [sent] = notifier.posted
    assert (sent.kind, sent.where, sent.reminder_number) == ("reminder", "thread", 1)
    after = await store.get_followup(row.id)
    assert after is not None and after.last_reminded_at == MORNING


@pytest.mark.parametrize("change", ["timezone", "quiet hours"])
async def test_reminders_scheduled_before_a_settings_change_wait_for_the_new_morning(
    store: Store, notifier: GoneNotifier, clock: Clock, change: str
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))  # UTC
    services = build_services(store, notifier, clock=clock)
    row = await _open(services, store, stored("seed", seed_card()))
    assert row.due_at == T0 + DAY  # 09:00 UTC
    if change == "timezone":  # /settings timezone: 09:00 UTC is 02:00 in Los Angeles
        new = GuildSettings(GUILD, reviewer_role_id=REVIEWERS, timezone="America/Los_Angeles")
        morning = T0 + DAY + timedelta(hours=6)  # 08:00 there
    else:  # /settings followups quiet-start 08:30 quiet-end 11:00
        new = GuildSettings(
            GUILD, reviewer_role_id=REVIEWERS, quiet_start="08:30", quiet_end="11:00"
        )
        morning = T0 + DAY + timedelta(hours=2)
    await store.save_settings(new)
    clock.set(T0 + DAY)
    async with asyncio.timeout(10):
        assert (await services.reminders.tick()).held == 1
    await _night(services, clock, morning)
    assert notifier.posted == []
    clock.set(morning)
    async with asyncio.timeout(10):
        assert (await services.reminders.tick()).sent == 1
    assert [(p.kind, p.reminder_number) for p in notifier.posted] == [("reminder", 1)]


async def test_two_processes_at_night_and_at_eight_send_the_digest_once(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    rows = await _two_cards(store, notifier, clock)
    old, new = (build_services(store, notifier, clock=clock) for _ in range(2))
    notifier.delay = 0.05
    clock.set(RESTART)
    async with asyncio.timeout(10):
        await asyncio.gather(old.reminders.tick(), new.reminders.tick())
    assert notifier.posted == []
    clock.set(MORNING)
    async with asyncio.timeout(10):
        await asyncio.gather(old.reminders.tick(), new.reminders.tick())
        await asyncio.gather(old.reminders.tick(), new.reminders.tick())
    assert [p.kind for p in notifier.posted] == ["digest"]
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
    kinds = [e.kind for e in await store.events_for_card("seed")]
    assert kinds.count(EventKind.FOLLOWUP_REMINDED) == 1


async def test_a_card_whose_channel_was_deleted_stops_being_reminded(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    services = build_services(store, notifier, clock=clock)
    gone = await _open(services, store, stored("seed", seed_card()))
    kept = await _open(
        services,
        store,
        replace(
            stored("two", seed_card(), url="https://x.example/2", thread=None),
            channel_id=OTHER_CHANNEL,
        ),
    )
    notifier.gone.add(CHANNEL)  # #news was deleted, with the card's thread
    clock.set(T0 + DAY)
    async with asyncio.timeout(10):
        report = await services.reminders.tick()
    assert (report.sent, report.closed) == (1, 1)
    assert [(p.kind, p.card_id) for p in notifier.posted] == [("reminder", "two")]
    after = await store.get_followup(gone.id)
    assert after is not None and after.state is FollowUpState.CLOSED and after.due_at is None
    [closed] = [
        e for e in await store.events_for_card("seed") if e.kind is EventKind.FOLLOWUP_CLOSED
    ]
    assert closed.data["reason"] == "channel_deleted" and closed.data["channel_id"] == CHANNEL
    for _ in range(6 * 24 * 3):  # three days of ticks, every 10 minutes
        clock.advance(minutes=10)
        async with asyncio.timeout(10):
            await services.reminders.tick()
    assert notifier.attempts.count("seed") == 1  # asked Discord once, not every 10 minutes
    assert [p.card_id for p in notifier.posted] == ["two", "two"]  # the other one goes on
    still = await store.get_followup(kept.id)
    assert still is not None and still.state is FollowUpState.OPEN


async def test_a_digest_whose_channel_was_deleted_closes_those_cards_and_sends_the_rest(
    store: Store, notifier: GoneNotifier, clock: Clock
) -> None:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    services = build_services(store, notifier, clock=clock)
    gone = await _open(services, store, stored("seed", seed_card()))
    clock.advance(hours=1)  # the two others come an hour later, in another channel
    later = [
        await _open(
            services,
            store,
            replace(
                stored(
                    f"k{n}", seed_card(), url=f"https://x.example/{n}", at=T0 + timedelta(hours=1)
                ),
                channel_id=OTHER_CHANNEL,
            ),
        )
        for n in (1, 2)
    ]
    notifier.gone.add(CHANNEL)
    clock.set(T0 + 4 * DAY)  # a restart: every follow-up missed two reminders
    restarted = build_services(store, notifier, clock=clock)
    async with asyncio.timeout(10):
        report = await restarted.reminders.tick()
    assert report.closed == 1 and notifier.posted == []
    closed = await store.get_followup(gone.id)
    assert closed is not None and closed.state is FollowUpState.CLOSED
    clock.advance(minutes=10)  # the retry: still one digest, still counting what was missed
    async with asyncio.timeout(10):
        await restarted.reminders.tick()
    [digest] = notifier.posted
    assert sorted((fid, missed) for fid, missed, _ in digest.detail) == sorted(
        (r.id, 2) for r in later
    )
