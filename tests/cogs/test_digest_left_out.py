"""The catch-up digest on the fake Discord, with more follow-ups than one message can show:
the digest pings exactly the assignees of the lines it shows (and Discord may ping no one
else), and each follow-up it leaves out gets its own reminder in the card's thread a minute
later, pinging its assignee: everyone hears once, nobody for a line they cannot see."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cogs.conftest import Deck
from tests.cogs.followups import Clock, followup_deck, post_seed, reviewer_role, tick, until
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord, RecordedRequest

EXTRA = 39  # follow-ups added to the seed card's one: forty in all
MEMBER = 10**18
REGION = re.compile(r"region (\d+) \(asked by")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _ids(allowed: dict, kind: str) -> list[int]:
    return sorted(int(i) for i in allowed.get(kind) or [])


def _reminders(deck: Deck) -> list[RecordedRequest]:
    """Every ⏰ message the bot posted: digests in the channel, reminders in the thread."""
    return [
        r
        for r in deck.fake.requests_matching("POST", r"/channels/\d+/messages")
        if ((r.json or {}).get("content") or "").startswith("⏰")
    ]


def _check_pings(sent: RecordedRequest, role: int) -> tuple[list[int], bool]:
    """The members one message pings (and whether it pings the reviewers), after checking that
    each ping has its line in the message and Discord may ping exactly those."""
    text = sent.json["content"]
    head = text.split("\n")[0]
    members = sorted(int(n) - MEMBER for n in re.findall(r"<@(\d+)>", head))
    roles = [int(n) for n in re.findall(r"<@&(\d+)>", head)]
    assert len(text) <= 2000
    assert members == sorted(int(n) for n in REGION.findall(text))  # each ping has its line
    assert roles == ([role] if "China" in text else [])  # the seed card's line: the reviewers
    allowed = sent.json["allowed_mentions"]
    assert allowed["parse"] == [] and _ids(allowed, "roles") == roles
    assert _ids(allowed, "users") == [MEMBER + n for n in members]
    return members, bool(roles)


async def test_forty_assignees_hear_once_each_in_the_digest_or_their_cards_thread(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp, clock: Clock
):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as first:
        card, _, seed_row = await post_seed(first)
        for n in range(1, EXTRA + 1):
            await first.store.add_followup(
                replace(
                    seed_row,
                    id=f"extra{n}",
                    party=f"the ministry of region {n}",
                    assignee_id=MEMBER + n,
                    created_at=seed_row.created_at + timedelta(minutes=n),
                    due_at=seed_row.due_at + timedelta(minutes=n),
                )
            )
    rows = [seed_row.id, *(f"extra{n}" for n in range(1, EXTRA + 1))]
    clock.advance(hours=24 + 48 + 1)  # reminders 1 and 2 fell due while down
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        channel = deck.world.channel["id"]
        digest = await deck.fake.wait_for_request(
            "POST",
            rf"/channels/{channel}/messages",
            timeout=15,
            predicate=lambda r: "Claimdeck was offline" in ((r.json or {}).get("content") or ""),
        )
        role = reviewer_role(deck)
        shown, _ = _check_pings(digest, role)
        text = digest.json["content"]
        assert re.search(r"\n• …and \d+ more: see `/followup list`\.$", text)
        assert len(shown) >= 5
        for n in set(range(1, EXTRA + 1)) - set(shown):  # not shown, not pinged: not used up
            row = await deck.store.get_followup(f"extra{n}")
            assert row is not None and row.reminders_sent == 0

        async def everyone_reminded() -> bool:
            clock.advance(minutes=1)
            await tick(deck)
            found = [await deck.store.get_followup(r) for r in rows]
            return all(f is not None and f.reminders_sent == 1 for f in found)

        assert await until(everyone_reminded)
        members: list[int] = []
        reviewers = 0
        for sent in _reminders(deck):
            pinged, pinged_role = _check_pings(sent, role)
            members += pinged
            reviewers += pinged_role
            if "Claimdeck was offline" not in sent.json["content"]:  # alone: in its thread
                assert sent.path == f"/channels/{card.thread_id}/messages"
        assert sorted(members) == list(range(1, EXTRA + 1))  # everyone hears once
        assert reviewers == 1
        posts = len(_reminders(deck))
        clock.advance(minutes=1)
        await tick(deck)
        assert len(_reminders(deck)) == posts
