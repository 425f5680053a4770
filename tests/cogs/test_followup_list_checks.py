"""/followup list after a restart, when the cards live in archived threads (each needs one
Discord lookup of its parent channel): the answer is deferred first, the threads are looked up
in the order the list shows (oldest first), and a follow-up is never silently left out: it is
listed, counted in "…and N more.", or counted as not checked yet."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.models import FollowUp
from tests.cogs.conftest import Deck
from tests.cogs.followups import answer_text, slash
from tests.cogs.test_card_visibility import card_in, new_thread

EPHEMERAL = 1 << 6
DEFERRED = 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "Claimdeck is thinking…"


async def follow_ups_in_archived_threads(deck: Deck, count: int) -> list[dict]:
    """``count`` cards, each in its own archived thread of #news with one open follow-up
    (party P<n>, P0 the oldest). P0 is snoozed far out, so it is the store's last by due time."""
    world = deck.world
    now = datetime.now(UTC)
    threads = []
    for n in range(count):
        thread = new_thread(deck, world.channel, archived=True)
        world.guild["threads"].append(thread)
        threads.append(thread)
        stored = await card_in(deck, thread, title=f"Story {n}")
        await deck.store.add_followup(
            FollowUp(
                id=f"fu{n:02d}",
                card_id=stored.id,
                guild_id=int(world.guild_id),
                party=f"P{n}",
                due_at=now + timedelta(days=60 if n == 0 else n),
                created_at=now - timedelta(days=30 - n),
            ),
            None,
        )
    return threads


def parties(listed: str) -> list[int]:
    return [int(p) for p in re.findall(r"^Awaiting P(\d+) ", listed, re.MULTILINE)]


def more(listed: str) -> int:
    found = re.search(r"^…and (\d+) more\.$", listed, re.MULTILINE)
    return int(found.group(1)) if found else 0


async def test_the_first_list_after_a_restart_is_deferred_complete_and_oldest_first(
    voting_deck: Deck,
):
    deck = voting_deck
    threads = await follow_ups_in_archived_threads(deck, 26)
    asked = await slash(deck, "list", {}, by=deck.world.member)
    listed = await answer_text(deck, asked)

    shown = parties(listed)
    assert shown[:3] == [0, 1, 2], listed  # the oldest first, the snoozed one included
    assert shown == sorted(shown)
    assert len(shown) + more(listed) == 26, listed  # nothing left out unsaid
    assert "could not check" not in listed
    # Discord heard "thinking…" (privately) before the bot started looking threads up.
    first = deck.fake.requests_matching("POST", rf"/interactions/{asked['id']}/[^/]+/callback")[0]
    assert first.json["type"] == DEFERRED and first.json["data"]["flags"] & EPHEMERAL
    lookups = [
        r for t in threads for r in deck.fake.requests_matching("GET", rf"/channels/{t['id']}$")
    ]
    assert len(lookups) == 26 and first.at < min(r.at for r in lookups)


async def test_a_thread_discord_would_not_describe_is_counted_then_listed_when_asked_again(
    voting_deck: Deck,
):
    deck = voting_deck
    threads = await follow_ups_in_archived_threads(deck, 3)
    oldest = threads[0]["id"]
    for _ in range(2):  # both rounds of the first list: Discord answers 400 for the oldest
        deck.fake.fail_next(
            "GET", rf"/channels/{oldest}", status=400, message="Bad Request", code=0
        )
    first = await answer_text(deck, await slash(deck, "list", {}, by=deck.world.member))
    assert parties(first) == [1, 2], first
    assert first.endswith(
        "…and 1 more I could not check yet (Discord did not say in time who "
        "may read their card); ask again in a minute."
    ), first

    again = await answer_text(deck, await slash(deck, "list", {}, by=deck.world.member))
    assert parties(again) == [0, 1, 2], again
    assert "could not check" not in again and more(again) == 0
