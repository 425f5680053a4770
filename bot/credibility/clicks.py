"""What one click on a verdict button does, and the private sentence that answers it.

A click is decided from the member's current vote alone, so the decision is the same on every
shard and after any restart: another verdict changes the vote, the same verdict takes it back,
and the same verdict again within a moment of casting is a double click that keeps the vote.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta

from bot.credibility.verdicts import label
from bot.models import Vote, VoteChoice

DOUBLE_CLICK_WINDOW = timedelta(seconds=2)


class ClickAction(enum.StrEnum):
    CAST = "cast"  # no vote yet: store this one
    CHANGE = "change"  # a different verdict: replace the vote
    RETRACT = "retract"  # the same verdict again: remove the vote
    KEEP = "keep"  # the same verdict within the double-click window: nothing changes


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def decide_click(
    current: Vote | None,
    choice: VoteChoice,
    now: datetime,
    double_click_window: timedelta = DOUBLE_CLICK_WINDOW,
) -> ClickAction:
    """What a click on ``choice`` at ``now`` does to the member's ``current`` vote on a claim.

    A same-verdict click that arrives before the vote it would undo was cast (clocks of two
    processes, or clicks handled out of order) counts as part of the double click too.
    """
    if current is None:
        return ClickAction.CAST
    if current.choice != choice:
        return ClickAction.CHANGE
    if _aware(now) - _aware(current.cast_at) < double_click_window:
        return ClickAction.KEEP
    return ClickAction.RETRACT


def acknowledgement(
    action: ClickAction,
    number: int,
    choice: VoteChoice,
    previous: VoteChoice | None = None,
) -> str:
    """The private answer to a click on claim ``number`` (its position on the card).

    ``previous`` is the verdict the member had before a CHANGE.
    """
    claim = f"claim {number}"
    if action is ClickAction.CAST:
        return f"Your vote on {claim}: {label(choice)} — click again to take it back."
    if action is ClickAction.CHANGE:
        before = f" from {label(previous)}" if previous is not None else ""
        return f"You changed your vote on {claim}{before} to {label(choice)}."
    if action is ClickAction.RETRACT:
        return f"Your vote on {claim} is withdrawn."
    return f"Your vote on {claim} ({label(choice)}) was already counted."
