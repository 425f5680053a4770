"""Helpers for the follow-up tests: the real bot on a clock the test moves, the seed card
posted from a link, the loops woken after each move, and what landed in the card's thread."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.following import FollowUpServices, ServiceLoop
from bot.models import FollowUp, GuildSettings, StoredCard
from tests.cogs.conftest import Deck, started_deck
from tests.fakes import payloads
from tests.fakes.discord_server import RecordedRequest

TIMEOUT = 15
T0 = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)  # the seed card is posted at 09:00 UTC
FIXTURES = Path(__file__).parents[1] / "followups" / "fixtures"


class Clock:
    """The bot's clock: stands still until the test moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@contextlib.asynccontextmanager
async def followup_deck(deck_args: tuple[Any, Any, Path], clock: Clock) -> AsyncIterator[Deck]:
    """The real bot on ``clock``, card edits coalesced over 0.1 s, reviewers set."""
    fake, articles, data_dir = deck_args
    async with started_deck(
        fake, articles, data_dir, clock=clock, refresh_interval=0.1
    ) as deck:
        guild_id = int(deck.world.guild_id)
        current = await deck.store.get_settings(guild_id)
        if current.reviewer_role_id is None:
            await deck.store.save_settings(
                GuildSettings(guild_id, reviewer_role_id=reviewer_role(deck))
            )
        yield deck


def reviewer_role(deck: Deck) -> int:
    return int(deck.world.reviewer_role["id"])


def services(deck: Deck) -> FollowUpServices:
    cog = deck.bot.get_cog("FollowUps")  # loaded by the bot as its own copy of cogs.followups
    found = getattr(cog, "services", None)
    assert isinstance(found, FollowUpServices)
    return found


async def tick(deck: Deck) -> None:
    """Wake both loops and wait until each has run a tick at the clock's time."""
    loops: tuple[ServiceLoop, ...] = services(deck).loops.loops
    before = [loop.ticks for loop in loops]
    await asyncio.sleep(0)
    services(deck).loops.poke()

    async def ticked() -> bool:
        return all(loop.ticks > seen for loop, seen in zip(loops, before, strict=True))

    await until(ticked)


async def until(check: Callable[[], Awaitable[object]]) -> object:
    """``check()``'s first true answer, polled; fails after TIMEOUT seconds."""
    async with asyncio.timeout(TIMEOUT):
        while True:
            if found := await check():
                return found
            await asyncio.sleep(0.02)


async def post_link(deck: Deck, path: str) -> tuple[StoredCard, dict]:
    """Paste a link in #news; the card as stored once posted, and its message."""
    url = deck.articles.url(path)
    await deck.fake.dispatch("MESSAGE_CREATE", deck.world.user_message(url))
    sent = await deck.fake.wait_for_request(
        "POST", rf"/channels/{deck.world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json and r.json.get("embeds")),
    )
    async with asyncio.timeout(TIMEOUT):
        while True:
            found = [c for c in await deck.store.recent_cards(int(deck.world.guild_id))
                     if c.message_id == int(sent.response["id"])]
            if found and found[0].thread_id is not None:
                return found[0], deck.fake.messages[sent.response["id"]]
            await asyncio.sleep(0.02)


async def post_seed(deck: Deck) -> tuple[StoredCard, dict, FollowUp]:
    """The seed card from a pasted link, with the follow-up it opens."""
    card, message = await post_link(deck, "/seed")
    rows = await until(lambda: deck.store.followups_for_card(card.id))
    assert isinstance(rows, list)
    return card, message, rows[0]


def in_thread(deck: Deck, card: StoredCard, start: str) -> list[RecordedRequest]:
    """The bot's messages in the card's thread whose text starts with ``start``."""
    return [
        r for r in deck.fake.requests_matching("POST", rf"/channels/{card.thread_id}/messages")
        if ((r.json or {}).get("content") or "").startswith(start)
    ]


async def wait_in_thread(deck: Deck, card: StoredCard, start: str) -> RecordedRequest:
    return await deck.fake.wait_for_request(
        "POST", rf"/channels/{card.thread_id}/messages", timeout=TIMEOUT,
        predicate=lambda r: ((r.json or {}).get("content") or "").startswith(start),
    )


def response_page() -> str:
    """The response fixture (a Chinese foreign ministry spokesperson calls Kyiv's allegations
    groundless) as a small news page."""
    title, _, body = (FIXTURES / "response_article.txt").read_text("utf-8").partition("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    )


async def slash(deck: Deck, sub: str, options: dict[str, Any] | list, *, by: dict,
                resolved: dict | None = None) -> dict:
    """Run ``/followup <sub>`` and return the interaction."""
    opts = options if isinstance(options, list) else [
        payloads.option(k, v) for k, v in options.items()
    ]
    interaction = deck.world.slash_command(
        "followup", [payloads.subcommand(sub, opts)], registered=deck.command("followup"),
        by=by, resolved=resolved,
    )
    return await deck.fake.send_interaction(interaction)


def _answer(deck: Deck, interaction: dict) -> dict | None:
    """The last answer sent: a follow-up message (after a deferral), else the callback's."""
    token = re.escape(interaction["token"])
    posted = deck.fake.requests_matching("POST", rf"/webhooks/\d+/{token}")
    if posted:
        return posted[-1].json
    for callback in deck.fake.requests_matching(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback"
    ):
        if callback.json.get("type") == 4:
            return callback.json["data"]
    return None


async def answer_text(deck: Deck, interaction: dict) -> str:
    """The private answer to ``interaction`` (after a deferral too), pinging nobody."""
    async def answered() -> dict | None:
        return _answer(deck, interaction)

    answer = await until(answered)
    assert isinstance(answer, dict)
    assert answer.get("flags", 0) & (1 << 6), f"not private: {answer}"
    assert answer.get("allowed_mentions", {}).get("parse") == [], answer
    embeds = answer.get("embeds") or []
    return answer.get("content") or (embeds[0].get("description", "") if embeds else "")


def card_text(message_json: dict) -> str:
    embed = message_json["embeds"][0]
    return "\n".join(f"{f['name']}\n{f['value']}" for f in embed.get("fields", []))


def stamp(when: datetime) -> str:
    return f"<t:{int(when.timestamp())}:R>"
