"""/followup list|add|assign|snooze|resolve|reopen|remind end to end: each works, answers
privately in one line, and refuses bad input (a bad duration, an unknown card, a card the
member cannot see, a member without the reviewer role)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.models import FollowUpState, Stance
from tests.cogs.conftest import Deck
from tests.cogs.followups import (
    T0,
    Clock,
    answer_text,
    card_text,
    followup_deck,
    post_seed,
    slash,
    stamp,
    wait_in_thread,
)
from tests.fakes import payloads
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord

USER_OPTION = 6
UNKNOWN = "There is no such card in this server."


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def deck(fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp,
               clock: Clock):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as started:
        yield started


async def run(deck: Deck, sub: str, options: dict | list, *, by: dict | None = None,
              resolved: dict | None = None) -> str:
    interaction = await slash(deck, sub, options, by=by or deck.world.admin, resolved=resolved)
    text = await answer_text(deck, interaction)
    assert "\n" not in text or sub == "list", text
    return text


def member_option(member: dict) -> tuple[list, dict]:
    user = member["user"]
    resolved = {
        "users": {user["id"]: user},
        "members": {user["id"]: {k: v for k, v in member.items() if k != "user"}},
    }
    return [payloads.option("member", user["id"], type=USER_OPTION)], resolved


async def test_list_shows_open_follow_ups_privately_to_anyone(deck: Deck, clock: Clock):
    card, _, row = await post_seed(deck)
    clock.advance(hours=3)
    text = await run(deck, "list", {}, by=deck.world.member)
    assert text.startswith(f"Awaiting {row.party} (asked by Reuters) — ")
    assert " · waiting 3 h · unassigned · " in text
    assert text.endswith(f"next reminder {stamp(T0 + timedelta(hours=24))}")
    assert card.id  # the card is named by its title


async def test_assign_then_remind_pings_exactly_that_member(deck: Deck):
    card, _, row = await post_seed(deck)
    bob = deck.world.member
    options, resolved = member_option(bob)
    text = await run(deck, "assign", [payloads.option("card", card.id), *options],
                     resolved=resolved)
    assert text == f"Reminders for {row.party} now ping <@{bob['user']['id']}>."
    listed = await run(deck, "list", {})
    assert f"assigned to <@{bob['user']['id']}>" in listed

    text = await run(deck, "remind", {"card": card.id})
    assert text == f"Reminder 1 sent for {row.party} in the card's thread."
    sent = await wait_in_thread(deck, card, "⏰")
    assert sent.json["content"].startswith(f"⏰ <@{bob['user']['id']}> Still awaiting")
    assert sent.json["allowed_mentions"]["parse"] == []
    assert [int(u) for u in sent.json["allowed_mentions"]["users"]] == [int(bob["user"]["id"])]
    assert "roles" not in sent.json["allowed_mentions"]


async def test_snooze_holds_reminders_back_and_a_bad_duration_is_refused(
    deck: Deck, clock: Clock
):
    card, _, row = await post_seed(deck)
    text = await run(deck, "snooze", {"card": card.id, "for": "3d"})
    assert text == f"Snoozed {row.party}; next reminder {stamp(T0 + timedelta(days=3))}."
    refused = await run(deck, "snooze", {"card": card.id, "for": "soon"})
    assert "3d" in refused or "12h" in refused  # says what a duration looks like
    after = await deck.store.get_followup(row.id)
    assert after.snoozed_until == T0 + timedelta(days=3)


async def test_resolve_with_a_statement_then_reopen(deck: Deck):
    card, message, row = await post_seed(deck)
    options = {"card": card.id, "stance": "denial",
               "text": "The ministry called the claims *groundless* @everyone"}
    text = await run(deck, "resolve", options)
    assert text == f"Recorded: {row.party} responded (denial). Reminders stopped."
    after = await deck.store.get_followup(row.id)
    assert after.state is FollowUpState.RESOLVED and after.stance is Stance.DENIAL
    await deck.bot.publisher.idle()
    shown = card_text(deck.fake.edits_of(message["id"])[-1].json)
    assert ("✅ Response received 2025-06-16: denial — “The ministry called the claims "
            "\\*groundless\\* @\u200beveryone”") in shown

    again = await run(deck, "resolve", options)
    assert again == "That card has no open follow-up."
    text = await run(deck, "reopen", {"card": card.id})
    assert text.startswith(f"Waiting again for {row.party}; next reminder <t:")
    reopened = await deck.store.get_followup(row.id)
    assert reopened.state is FollowUpState.OPEN and reopened.stance is None


async def test_add_by_hand_and_refusals(deck: Deck):
    card, _, _ = await post_seed(deck)
    text = await run(deck, "add", {"card": card.id, "party": "Russia's defence ministry"})
    assert text.startswith("Now following up on Russia's defence ministry; first reminder <t:")
    which = await run(deck, "remind", {"card": card.id})
    assert which.startswith("That card awaits 2 responses (")
    assert "China’s foreign ministry" in which and which.endswith(": say which with party.")
    assert await run(deck, "snooze", {"card": "nosuchcard", "for": "1d"}) == UNKNOWN
    refused = await run(deck, "snooze", {"card": card.id, "for": "1d"}, by=deck.world.member)
    assert "reviewer role" in refused


async def test_a_card_the_member_cannot_see_does_not_exist_for_them(deck: Deck):
    card, _, row = await post_seed(deck)
    await deck.make_private(deck.world.channel)  # #news: the admin alone may read it
    rita = deck.world.new_member("rita", roles=[deck.world.reviewer_role["id"]])
    assert await run(deck, "snooze", {"card": card.id, "for": "1d"}, by=rita) == UNKNOWN
    assert await run(deck, "list", {}, by=rita) == "No open follow-ups in this server."
    listed = await run(deck, "list", {}, by=deck.world.admin)
    assert listed.startswith(f"Awaiting {row.party}")
