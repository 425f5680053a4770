"""Which number a person sees for a claim, and which claims get vote buttons.

Claim ids ("c1", "c3", …) follow the article; the card lists claims by rank (``card.claims``
order, as :mod:`bot.ui.render` numbers them). People only ever see the card, so every sentence
and button uses the claim's 1-based position on the card; the id stays internal (custom_ids,
store).
"""

from __future__ import annotations

from bot.models import Claim, ClaimCard


def claim_number(card: ClaimCard, claim_id: str) -> int | None:
    """The number shown on the card for ``claim_id`` (1 = first on the card), or None."""
    for number, claim in enumerate(card.claims, start=1):
        if claim.id == claim_id:
            return number
    return None


def claim_at(card: ClaimCard, number: int) -> Claim | None:
    """The claim shown as ``number`` on the card, or None when there is no such number."""
    if 1 <= number <= len(card.claims):
        return card.claims[number - 1]
    return None


def claim_numbers(card: ClaimCard) -> dict[str, int]:
    """Every claim id with its number on the card."""
    return {claim.id: number for number, claim in enumerate(card.claims, start=1)}


def voting_claims(card: ClaimCard, limit: int | None = None) -> tuple[Claim, ...]:
    """The claims to put buttons under, best ranked first; the rest go in a picker.

    The card already lists claims by rank, so this is the card's order cut at ``limit``.
    """
    if limit is None:
        return card.claims
    return card.claims[: max(0, limit)]
