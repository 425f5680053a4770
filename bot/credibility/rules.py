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
        team = (settings.team_name or "").strip() or None
        return cls(
            quorum=quorum,
            threshold=threshold_of(float(settings.consensus_threshold)),
            hide_tallies=bool(settings.hide_tallies),
            reviewers_only_vote=bool(settings.reviewers_only_vote),
            hide_voter_names=bool(settings.hide_voter_names),
            reviewer_role_id=settings.reviewer_role_id,
            team_name=team,
        )


def threshold_of(raw: float) -> Fraction:
    """The share of votes a verdict needs. ``/settings voting agreement:`` stores a whole
    percent, and a share meets it when it reads as at least that percent rounded to a whole one,
    as shares are shown: "67 %" is met by 2 of 3, exactly like the default two thirds it is
    shown as. 100 % (or more) is every vote; a threshold of 0, negative or not a number is the
    default."""
    if not math.isfinite(raw) or raw <= 0:
        return DEFAULT_THRESHOLD
    if raw >= 1:
        return Fraction(1)
    percent = round(raw * 100)
    if abs(raw * 100 - percent) < 1e-9:
        return Fraction(2 * percent - 1, 200)  # half a percent under: 66.5 % reads as 67 %
    return Fraction(raw).limit_denominator(10_000)


def agreement_percent(threshold: Fraction) -> int:
    """The whole percent a threshold is shown as: two thirds and 133/200 are both 67 %."""
    return math.floor(threshold * 100 + Fraction(1, 2))
