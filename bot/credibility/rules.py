"""A guild's voting rules read once from its settings, with the defaults and sane bounds.

Every rule here comes from ``GuildSettings``; reading them in one place keeps the defaults (a
quorum of 3, two thirds agreement) in one spot and keeps a mistyped setting (quorum 0, a
threshold of 5) from producing a verdict out of nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from bot.models import GuildSettings

DEFAULT_QUORUM = 3
DEFAULT_THRESHOLD = Fraction(2, 3)


@dataclass(frozen=True, slots=True)
class VotingRules:
    """``threshold`` is exact (a Fraction), so 2 of 3 votes meets "two thirds" without rounding."""

    quorum: int = DEFAULT_QUORUM
    threshold: Fraction = DEFAULT_THRESHOLD
    hide_tallies: bool = False
    reviewers_only_vote: bool = False
    hide_voter_names: bool = False
    reviewer_role_id: int | None = None
    team_name: str | None = None

    @classmethod
    def of(cls, settings: GuildSettings) -> VotingRules:
        """The rules in ``settings``: quorum at least 1, threshold within (0, 1]."""
        quorum = max(1, int(settings.quorum))
        raw = float(settings.consensus_threshold)
        if math.isfinite(raw) and raw > 0:
            threshold = Fraction(raw).limit_denominator(10_000)
        else:
            threshold = DEFAULT_THRESHOLD
        team = (settings.team_name or "").strip() or None
        return cls(
            quorum=quorum,
            threshold=min(threshold, Fraction(1)),
            hide_tallies=bool(settings.hide_tallies),
            reviewers_only_vote=bool(settings.reviewers_only_vote),
            hide_voter_names=bool(settings.hide_voter_names),
            reviewer_role_id=settings.reviewer_role_id,
            team_name=team,
        )
