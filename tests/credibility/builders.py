"""Cards, votes and guild settings for the credibility tests."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from bot.models import ClaimCard, Entity, GuildSettings, StoredCard, Vote, VoteChoice
from tests.factories import make_card, make_claim

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
GUILD = 111
CHANNEL = 222
MESSAGE = 333
REVIEWER_ROLE = 444

_VOTING_DEFAULTS: dict[str, Any] = {
    "quorum": 3,
    "consensus_threshold": 2 / 3,
    "hide_tallies": False,
    "reviewers_only_vote": False,
    "hide_voter_names": False,
    "team_name": None,
}


def settings(**rules: Any) -> GuildSettings:
    """Guild settings with voting rules; a stand-in while GuildSettings lacks the voting fields."""
    known = {f.name for f in fields(GuildSettings)}
    if set(_VOTING_DEFAULTS) <= known:
        return GuildSettings(guild_id=GUILD, **rules)
    values = {"guild_id": GUILD, "watched_channels": (), "reviewer_role_id": None,
              "timezone": "UTC", **_VOTING_DEFAULTS, **rules}
    return SimpleNamespace(**values)  # type: ignore[return-value]


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
    made = Vote("k7", claim_id, member, choice, T0 + timedelta(seconds=seconds), rationale)
    if evidence_url is None:
        return made
    if "evidence_url" in {f.name for f in fields(Vote)}:
        return replace(made, evidence_url=evidence_url)  # type: ignore[call-arg]
    # Stand-in while Vote lacks evidence_url.
    values = {f.name: getattr(made, f.name) for f in fields(Vote)}
    return SimpleNamespace(**values, evidence_url=evidence_url)  # type: ignore[return-value]


def votes(claim_id: str, *choices: VoteChoice, first_member: int = 1) -> list[Vote]:
    """One vote per choice, each from a different member."""
    return [vote(claim_id, first_member + i, c, i) for i, c in enumerate(choices)]
