"""Helpers for the voting tests: a stored card posted by the real bot, clicks, private answers."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime
from typing import Any

from bot.models import ClaimCard, StoredCard
from bot.pipeline.urls import canonical_url
from storage import new_card_id
from tests.cogs.conftest import REFRESH_INTERVAL, Deck
from tests.factories import make_card, make_claim
from tests.fakes import payloads
from tests.fakes.discord_server import RecordedRequest

TIMEOUT = 10
EPHEMERAL = 1 << 6
MODAL = 9


def six_claim_card() -> ClaimCard:
    """Three claims get buttons, three go in the picker."""
    card = make_card(claims=6)
    claims = tuple(
        make_claim(i, f"claim number {i} says {i * 10} parts were shipped") for i in range(1, 7)
    )
    return dataclasses.replace(card, claims=claims)


async def post_card(
    deck: Deck, card: ClaimCard | None = None, path: str = "/story"
) -> tuple[StoredCard, dict]:
    """Store a card for a link, paste the link, and return the card and its posted message.

    The bot finds the stored card and posts it without fetching or analysing anything. The card
    waits for no response, so posting it opens no follow-up: its history holds only votes.
    """
    url = deck.articles.url(path)
    stored = StoredCard(
        id=new_card_id(),
        guild_id=int(deck.world.guild_id),
        canonical_url=canonical_url(url),
        card=dataclasses.replace(card or six_claim_card(), pending_responses=()),
        created_at=datetime.now(UTC),
    )
    await deck.store.save_card(stored)
    await deck.fake.dispatch("MESSAGE_CREATE", deck.world.user_message(url))
    sent = await deck.fake.wait_for_request(
        "POST", r"/channels/\d+/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json and r.json.get("embeds")),
    )
    async with asyncio.timeout(TIMEOUT):
        posted = await deck.store.get_card(stored.id)
        while posted is None or posted.message_id is None:  # recorded just after the thread
            await asyncio.sleep(0.01)
            posted = await deck.store.get_card(stored.id)
    return posted, deck.fake.messages[sent.response["id"]]


def vote_id(stored: StoredCard, claim: str, verdict: str) -> str:
    return f"claimdeck:vote:{stored.id}:{claim}:{verdict}"


async def click(
    deck: Deck, custom_id: str, message: dict, *, by: dict | None = None, **extra: Any
) -> dict:
    """Click a component of ``message`` (as it is now) and return the interaction."""
    current = deck.fake.messages.get(message["id"], message)
    interaction = deck.world.component(custom_id, message_payload=current, by=by, **extra)
    return await deck.fake.send_interaction(interaction)


async def callback(deck: Deck, interaction: dict) -> RecordedRequest:
    return await deck.fake.wait_for_request(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=TIMEOUT
    )


async def private_answer(deck: Deck, interaction: dict) -> str:
    """The text of the private answer to ``interaction`` (content, or an error embed)."""
    answered = await callback(deck, interaction)
    data = answered.json.get("data") or {}
    assert data.get("flags", 0) & EPHEMERAL, f"not private: {answered.json}"
    assert data.get("allowed_mentions", {}).get("parse") == []
    embeds = data.get("embeds") or []
    return data.get("content") or (embeds[0].get("description", "") if embeds else "")


async def last_edit(deck: Deck, message: dict) -> dict:
    """The card message after every pending refresh has been sent."""
    await settle(deck)
    edits = deck.fake.edits_of(message["id"])
    assert edits, "the card was never edited"
    return edits[-1].json


async def settle(deck: Deck) -> None:
    """Until the bot has sent every pending card edit."""
    await asyncio.sleep(0)
    async with asyncio.timeout(TIMEOUT):
        await deck.bot.publisher.idle()


def card_text(message_json: dict) -> str:
    """An edited card's embed as one string (fields and footer)."""
    embed = message_json["embeds"][0]
    fields = "\n".join(f"{f['name']}\n{f['value']}" for f in embed.get("fields", []))
    return f"{embed.get('title')}\n{fields}\n{embed.get('footer', {}).get('text', '')}"


def buttons(message_json: dict) -> list[dict]:
    return [
        c for row in message_json.get("components") or [] for c in row["components"]
        if c["type"] == payloads.BUTTON
    ]


__all__ = ["REFRESH_INTERVAL"]
