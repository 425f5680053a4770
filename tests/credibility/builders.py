"""Cards, votes and guild settings for the credibility tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.models import ClaimCard, Entity, GuildSettings, StoredCard, Vote, VoteChoice
from tests.factories import make_card, make_claim

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
GUILD = 111
CHANNEL = 222
MESSAGE = 333
REVIEWER_ROLE = 444


def settings(**rules: Any) -> GuildSettings:
    """The test guild's settings with the given voting rules."""
    return GuildSettings(guild_id=GUILD, **rules)


def ranked_card() -> ClaimCard:
    """A card whose claims are listed by rank, not article order: c3, c1, c2.

    c1 is Jane Doe's (a PERSON), c3 the ministry's (an ORG), c2 is unattributed.
    """
    card = make_card(claims=3)
    c1 = card.claims[0]
    c3 = make_claim(3, "the ministry denied everything", speaker="Ministry of Industry",
                    speaker_role=None)
    c2 = make_claim(2, "prices rose", speaker=None, speaker_role=None, cue=None)
    return ClaimCard(
        article=card.article,
        summary=card.summary,
        entities=(Entity("Jane Doe", "PERSON"), Entity("Ministry of Industry", "ORG")),
        claims=(c3, c1, c2),
        pending_responses=card.pending_responses,
        responses=card.responses,
    )


def stored(
    card: ClaimCard | None = None, *, closed: bool = False, posted: bool = True
) -> StoredCard:
    return StoredCard(
        id="k7",
        guild_id=GUILD,
        canonical_url="https://news.example.com/story",
        card=card if card is not None else ranked_card(),
        created_at=T0,
        channel_id=CHANNEL if posted else None,
        message_id=MESSAGE if posted else None,
        voting_closed=closed,
    )


def vote(
    claim_id: str,
    member: int,
    choice: VoteChoice,
    seconds: float = 0,
    rationale: str | None = None,
    evidence_url: str | None = None,
) -> Vote:
    at = T0 + timedelta(seconds=seconds)
    return Vote("k7", claim_id, member, choice, at, rationale, evidence_url)


def votes(claim_id: str, *choices: VoteChoice, first_member: int = 1) -> list[Vote]:
    """One vote per choice, each from a different member."""
    return [vote(claim_id, first_member + i, c, i) for i, c in enumerate(choices)]
