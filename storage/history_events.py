"""The history event each write logs, decided once for every backend.

A card's history (``/history``, the ClaimReview export) must read the same whichever store
wrote it, so what a vote, a retraction, an explanation, a new card or a new follow-up logs —
its kind and its data — is built here, and the TinyDB and SQLite stores only write it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.models import Event, EventKind, FollowUp, StoredCard, Vote


def card_created(card: StoredCard) -> Event:
    return Event(
        card.id, EventKind.CARD_CREATED, card.created_at, card.created_by,
        {"url": card.canonical_url},
    )


def vote_cast(vote: Vote, previous: Vote | None) -> Event:
    """VOTE_CAST, or VOTE_CHANGED with the verdict it replaced."""
    data: dict[str, Any] = {"claim_id": vote.claim_id, "choice": vote.choice.value}
    if previous is not None:
        data["previous"] = previous.choice.value
    kind = EventKind.VOTE_CHANGED if previous else EventKind.VOTE_CAST
    return Event(vote.card_id, kind, vote.cast_at, vote.member_id, data)


def vote_retracted(previous: Vote, at: datetime) -> Event:
    data = {"claim_id": previous.claim_id, "choice": previous.choice.value}
    return Event(previous.card_id, EventKind.VOTE_RETRACTED, at, previous.member_id, data)


def vote_explained(vote: Vote, at: datetime) -> Event:
    data = {
        "claim_id": vote.claim_id,
        "choice": vote.choice.value,
        "rationale": vote.rationale,
        "evidence_url": vote.evidence_url,
    }
    return Event(vote.card_id, EventKind.VOTE_EXPLAINED, at, vote.member_id, data)


def followup_created(followup: FollowUp, actor_id: int | None) -> Event:
    data = {
        "followup_id": followup.id,
        "party": followup.party,
        "due_at": followup.due_at.isoformat() if followup.due_at else None,
    }
    return Event(followup.card_id, EventKind.FOLLOWUP_CREATED, followup.created_at, actor_id, data)
