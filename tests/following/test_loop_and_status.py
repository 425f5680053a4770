"""The background loop (ticks, survives a failed tick, wakes when poked, stops) and the lines a
card shows for its follow-ups."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.following import FollowUpServices, Mention, ServiceLoop, card_lines
from bot.following.messages import reminder_text
from bot.models import FollowUpState, GuildSettings, Stance
from storage import Store
from tests.following.conftest import GUILD, T0, Clock, post_card, stored
from tests.followups.helpers import followup, seed_card


class FlakyService:
    """Fails its first tick; counts every tick and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.ticks: list[datetime | None] = []
        self.wake: datetime | None = None
        self._ticked = asyncio.Event()

    async def tick(self, now: datetime | None = None) -> None:
        self.ticks.append(now)
        self._ticked.set()
        if len(self.ticks) == 1:
            raise RuntimeError("the store hiccuped")

    async def next_wake(self) -> datetime | None:
        return self.wake

    async def ticked(self, count: int) -> None:
        async with asyncio.timeout(3):
            while len(self.ticks) < count:
                self._ticked.clear()
                await self._ticked.wait()


async def test_the_loop_survives_a_failed_tick_wakes_when_poked_and_stops() -> None:
    service = FlakyService()
    clock = Clock()
    loop = ServiceLoop("test", service, clock=clock, max_sleep=timedelta(seconds=0.05),
                       min_sleep=timedelta(seconds=0.01))
    loop.start()
    try:
        await service.ticked(2)  # the failure did not end it
        service.wake = clock.now + timedelta(hours=5)
        loop.max_sleep = timedelta(hours=1)  # from the next tick on it sleeps an hour...
        await service.ticked(len(service.ticks) + 1)
        loop.poke()  # ...but a new follow-up wakes it at once
        await service.ticked(len(service.ticks) + 1)
    finally:
        await loop.stop()
    assert not loop.running
    assert all(now == clock.now for now in service.ticks)


async def test_the_seed_card_line_waits_then_shows_the_answer(
    services: FollowUpServices, store: Store, clock: Clock
) -> None:
    await post_card(services, store, stored("seed", seed_card()))
    [line] = card_lines(await store.followups_for_card("seed"))
    since, due = int(T0.timestamp()), int((T0 + timedelta(hours=24)).timestamp())
    assert line.markdown() == (
        f"⏳ Awaiting China’s foreign ministry (asked by Reuters) · since <t:{since}:R> · "
        f"next reminder <t:{due}:R>"
    )
    clock.set(T0 + timedelta(days=1, hours=3))
    await services.commands.resolve(GUILD, "seed", "denial", url="https://wire.example/r",
                                    card_for_url=_card_maker(store))
    [line] = card_lines(await store.followups_for_card("seed"))
    assert line.markdown() == "✅ Response received 2025-06-17: denial — https://wire.example/r"


def _card_maker(store: Store):  # type: ignore[no-untyped-def]
    async def make(url: str):  # type: ignore[no-untyped-def]
        card = stored("answer", seed_card(), url=url)
        await store.save_card(card)
        return card

    return make


def test_open_lines_come_first_and_party_text_is_escaped() -> None:
    waiting = followup(id="w", party="*Ministry*", created_at=T0 + timedelta(days=2))
    answered = followup(id="a", state=FollowUpState.RESOLVED, stance=Stance.NO_COMMENT,
                        resolved_at=T0, resolution_text="We   have\nno comment.")
    nine_days = T0 + timedelta(days=9)
    snoozed = followup(id="s", snoozed_until=nine_days, due_at=nine_days)  # as /followup snooze
    lines = card_lines([answered, waiting, snoozed])
    assert [line.followup.id for line in lines] == ["s", "w", "a"]
    assert "snoozed, next reminder" in lines[0].markdown()
    assert "\\*Ministry\\*" in lines[1].markdown(lambda t: t.replace("*", "\\*"))
    assert lines[2].markdown().endswith("no comment — “We have no comment.”")
    spent = replace(waiting, due_at=None)
    assert "next reminder" not in card_lines([spent])[0].markdown()


def test_the_messages_name_the_party_the_ping_and_nothing_else() -> None:
    row = followup(reminders_sent=0, party="China’s foreign ministry")
    text = reminder_text(row, Mention(role_id=5551), 5)
    assert text.startswith(
        "⏰ <@&5551> Still awaiting China’s foreign ministry (asked by Reuters), since <t:"
    )
    assert "Reminder 1 of 5." in text
    assert text.count("<@") == 1  # the one mention the message is allowed to make
    hostile = replace(row, party="@everyone <@&1> [x](https://evil.example)")
    assert "<@&1>" not in reminder_text(hostile, None, 5, escape=_escape)


def _escape(text: str) -> str:
    return text.replace("<", "\\<").replace("[", "\\[").replace("@", "@\u200b")


def test_snoozed_only_when_the_snooze_sets_the_next_reminder_read_from_the_row_alone() -> None:
    # reminders.py holds a late row in quiet hours: due_at stays late, snoozed_until is 08:00
    held = followup(due_at=T0, snoozed_until=T0 + timedelta(hours=5))
    line = card_lines([held])[0].markdown()
    assert "snoozed" not in line
    assert f"next reminder <t:{int((T0 + timedelta(hours=5)).timestamp())}:R>" in line
    # a 1-hour snooze on a reminder due in two days holds nothing back: the card, rendered
    # once, must not say "snoozed" for the two days
    short = followup(due_at=T0 + timedelta(days=2), snoozed_until=T0 + timedelta(hours=1))
    assert "snoozed" not in card_lines([short])[0].markdown()
    # a snooze ending in quiet hours (Paris, 22:00-08:00) set the reminder to 08:00 after it
    paris = GuildSettings(GUILD, timezone="Europe/Paris")
    until = datetime(2025, 6, 18, 21, 0, tzinfo=UTC)  # 23:00 in Paris
    shifted = followup(due_at=datetime(2025, 6, 19, 6, 0, tzinfo=UTC), snoozed_until=until)
    assert "snoozed, next reminder" in card_lines([shifted], "Europe/Paris", paris)[0].markdown()
    assert "snoozed" not in card_lines([shifted])[0].markdown()  # no quiet hours: no match
