"""The three verdicts a team gives a claim, as people read them and as fact-checkers publish them.

``VoteChoice`` (in :mod:`bot.models`) is what is stored; this module owns how each verdict looks
(label, emoji, button order) and where it sits on the ClaimReview rating scale, so the card, the
private answers and the export can never disagree about what "Dubious" means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.models import VoteChoice

BEST_RATING = 3
WORST_RATING = 1


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one verdict is shown and rated: ``rating`` runs from 1 (worst) to 3 (best)."""

    choice: VoteChoice
    label: str
    emoji: str
    rating: int


_VERDICTS = {
    VoteChoice.CREDIBLE: Verdict(VoteChoice.CREDIBLE, "Credible", "✅", 3),
    VoteChoice.UNCLEAR: Verdict(VoteChoice.UNCLEAR, "Unclear", "❔", 2),
    VoteChoice.DUBIOUS: Verdict(VoteChoice.DUBIOUS, "Dubious", "🚩", 1),
}

# Button and tally order: best to worst, the order a reader scans a scale in.
VERDICTS: tuple[VoteChoice, ...] = (VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS)


def verdict(choice: VoteChoice) -> Verdict:
    """The display and rating details of ``choice``."""
    return _VERDICTS[VoteChoice(choice)]


def label(choice: VoteChoice) -> str:
    """The word people read: "Credible", "Unclear" or "Dubious"."""
    return verdict(choice).label


def emoji(choice: VoteChoice) -> str:
    return verdict(choice).emoji


def rating(choice: VoteChoice) -> dict[str, Any]:
    """The schema.org ``Rating`` for ``choice``; ``alternateName`` is the text Google shows."""
    details = verdict(choice)
    return {
        "@type": "Rating",
        "ratingValue": details.rating,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": details.label,
    }
