"""What ``/votes card:`` may show a member: each claim's ballots, reasons and evidence links.

The guild's privacy settings are applied here, not in the UI, so no view of the votes can
forget them: while tallies are hidden (until voting closes) a member sees only their own
ballots; when voter names are hidden, other members' ballots carry no member id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.credibility.rules import VotingRules
from bot.credibility.tally import effective_votes
from bot.credibility.verdicts import VERDICTS
from bot.models import ClaimCard, GuildSettings, Vote, VoteChoice


@dataclass(frozen=True, slots=True)
class Ballot:
    """One member's vote as shown; ``member_id`` is None when the guild hides voter names."""

    member_id: int | None
    choice: VoteChoice
    cast_at: datetime
    rationale: str | None = None
    evidence_url: str | None = None
    own: bool = False


@dataclass(frozen=True, slots=True)
class ClaimBallots:
    claim_id: str
    number: int  # the claim's place on the card
    ballots: tuple[Ballot, ...]


@dataclass(frozen=True, slots=True)
class VoteBreakdown:
    """``hidden``: other members' ballots were left out because tallies are hidden."""

    claims: tuple[ClaimBallots, ...]
    hidden: bool = False
    names_hidden: bool = False


def _ballot(vote: Vote, viewer_id: int | None, names_hidden: bool) -> Ballot:
    own = viewer_id is not None and vote.member_id == viewer_id
    return Ballot(
        member_id=vote.member_id if own or not names_hidden else None,
        choice=vote.choice,
        cast_at=vote.cast_at,
        rationale=vote.rationale,
        evidence_url=vote.evidence_url,
        own=own,
    )


def breakdown(
    card: ClaimCard,
    votes: Iterable[Vote],
    settings: GuildSettings,
    *,
    closed: bool,
    viewer_id: int | None,
) -> VoteBreakdown:
    """Every claim's ballots (best verdict first, then oldest first) as ``viewer_id`` may see."""
    rules = VotingRules.of(settings)
    hidden = rules.hide_tallies and not closed
    per_claim: dict[str, list[Vote]] = {claim.id: [] for claim in card.claims}
    for (claim_id, member_id), vote in effective_votes(card, votes).items():
        if hidden and member_id != viewer_id:
            continue
        per_claim[claim_id].append(vote)
    claims = []
    for number, claim in enumerate(card.claims, start=1):
        ordered = sorted(
            per_claim[claim.id], key=lambda v: (VERDICTS.index(v.choice), v.cast_at, v.member_id)
        )
        ballots = tuple(_ballot(v, viewer_id, rules.hide_voter_names) for v in ordered)
        claims.append(ClaimBallots(claim.id, number, ballots))
    return VoteBreakdown(tuple(claims), hidden=hidden, names_hidden=rules.hide_voter_names)
