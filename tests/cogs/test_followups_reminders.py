"""Follow-ups end to end, the real bot against the fake Discord on a clock the test moves:
the seed card opens one, its reminder lands in the card's thread pinging exactly the reviewer
role, quiet hours hold it back, and a restart after downtime sends one digest."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.models import EventKind, FollowUp, FollowUpState
from tests.cogs.conftest import Deck
from tests.cogs.followups import (
    T0,
    Clock,
    answer_text,
    card_text,
    followup_deck,
    in_thread,
    post_seed,
    reviewer_role,
    stamp,
    tick,
    until,
    wait_in_thread,
)
from tests.fakes import payloads
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def deck(fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp,
               clock: Clock):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as started:
        yield started


async def test_the_seed_card_opens_a_follow_up_and_shows_it(deck: Deck):
    _, message, row = await post_seed(deck)
    assert row.party in ("China’s foreign ministry", "China's foreign ministry")
    assert row.requested_by == "Reuters" and row.state is FollowUpState.OPEN
    assert row.due_at == T0 + timedelta(hours=24)

    async def shown() -> str | None:  # the card is re-rendered once its follow-up is open
        edits = deck.fake.edits_of(message["id"])
        return card_text(edits[-1].json) if edits else None

    text = await until(shown)
    assert isinstance(text, str)
    line = next(li for li in text.splitlines() if li.startswith("⏳"))
    assert line == (
        f"⏳ Awaiting {row.party} (asked by Reuters) · since {stamp(T0)} · "
        f"next reminder {stamp(T0 + timedelta(hours=24))}"
    )


async def test_a_day_later_the_reminder_pings_only_the_reviewer_role_in_the_thread(
    deck: Deck, clock: Clock
):
    card, _, row = await post_seed(deck)
    clock.advance(hours=23, minutes=59)
    await tick(deck)
    assert in_thread(deck, card, "⏰") == []  # not yet

    clock.advance(minutes=1)
    await tick(deck)
    sent = await wait_in_thread(deck, card, "⏰")
    role = reviewer_role(deck)
    assert sent.json["content"].startswith(f"⏰ <@&{role}> Still awaiting {row.party}")
    assert "Reminder 1 of 5." in sent.json["content"]
    assert sent.json["allowed_mentions"] == {"parse": [], "roles": [str(role)]} or (
        sent.json["allowed_mentions"] == {"parse": [], "roles": [role]}
    )
    after = await deck.store.get_followup(row.id)
    assert after is not None and after.reminders_sent == 1
    assert after.due_at == T0 + timedelta(hours=72)
    events = [e.kind for e in await deck.store.events_for_card(card.id)]
    assert EventKind.FOLLOWUP_REMINDED in events

    await tick(deck)  # the same minute again: nothing more
    assert len(in_thread(deck, card, "⏰")) == 1


async def test_quiet_hours_move_the_reminder_to_the_next_allowed_minute(
    deck: Deck, clock: Clock
):
    world = deck.world
    options = [payloads.option("quiet-start", "08:30"), payloads.option("quiet-end", "11:00")]
    asked = world.slash_command(
        "settings", [payloads.subcommand("followups", options)],
        registered=deck.command("settings"), by=world.admin,
    )
    await deck.fake.send_interaction(asked)
    assert "Quiet hours:** 08:30–11:00 (UTC)" in await answer_text(deck, asked)

    card, _, row = await post_seed(deck)
    assert row.due_at == T0 + timedelta(hours=26)  # 09:00 the next day is quiet: 11:00
    clock.advance(hours=24)
    await tick(deck)
    assert in_thread(deck, card, "⏰") == []
    clock.advance(hours=2)
    await tick(deck)
    await wait_in_thread(deck, card, "⏰")


async def test_a_restart_after_three_missed_reminders_sends_one_digest(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp, clock: Clock
):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as first:
        card, _, row = await post_seed(first)
    clock.advance(hours=24 + 48 + 48 + 1)  # reminders 1, 2 and 3 fell due while down
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        channel = deck.world.channel["id"]
        digest = await deck.fake.wait_for_request(
            "POST", rf"/channels/{channel}/messages", timeout=15,
            predicate=lambda r: "Claimdeck was offline" in ((r.json or {}).get("content") or ""),
        )
        role = reviewer_role(deck)
        text = digest.json["content"]
        assert text.startswith(f"⏰ <@&{role}> While Claimdeck was offline")
        assert f"• Awaiting {row.party} (asked by Reuters) · 3 reminders missed" in text
        assert f"/channels/{deck.world.guild_id}/{card.channel_id}/{card.message_id}" in text
        assert digest.json["allowed_mentions"]["parse"] == []
        assert [int(r) for r in digest.json["allowed_mentions"]["roles"]] == [role]
        await tick(deck)
        await asyncio.sleep(0.1)
        everything = [
            r for r in deck.fake.requests_matching("POST", r"/channels/\d+/messages")
            if ((r.json or {}).get("content") or "").startswith("⏰")
        ]
        assert everything == [digest]  # one message, not three, not a reminder per slot
        after = await deck.store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1  # the digest counts as one
        assert after.due_at == clock.now + timedelta(hours=48)


async def test_a_deleted_channel_stops_the_reminders_once_instead_of_retrying_forever(
    deck: Deck, clock: Clock
):
    card, _, row = await post_seed(deck)
    guild = deck.world.guild
    # a moderator deletes the news channel: its card thread goes with it
    gone = {str(card.channel_id), str(card.thread_id)}
    guild["channels"] = [c for c in guild["channels"] if c["id"] not in gone]
    guild["threads"] = [t for t in guild["threads"] if t["id"] not in gone]
    clock.advance(hours=24)

    async def stopped() -> FollowUp | None:
        await tick(deck)  # a tick already running when poked saw the old time: tick again
        found = await deck.store.get_followup(row.id)
        return found if found is not None and found.state is FollowUpState.CLOSED else None

    after = await until(stopped)
    assert isinstance(after, FollowUp) and after.due_at is None
    history = await deck.store.events_for_card(card.id)
    closed = [e for e in history if e.kind is EventKind.FOLLOWUP_CLOSED]
    assert closed and closed[-1].data.get("reason") == "channel_deleted"
    posts = len(deck.fake.requests_matching("POST", r"/channels/\d+/messages"))
    clock.advance(hours=1)
    await tick(deck)
    await tick(deck)
    assert len(deck.fake.requests_matching("POST", r"/channels/\d+/messages")) == posts
