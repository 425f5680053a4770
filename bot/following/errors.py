"""Refusals of the follow-up operations, each one line a member can read (shown privately).

A card the member may not see and a card that does not exist get the same sentence, so a
refusal never tells whether a card exists in a channel the member cannot read.
"""

from __future__ import annotations

from bot.errors import ClaimdeckError
from bot.followups.durations import InvalidDuration


class FollowUpError(ClaimdeckError):
    """Base class: the message is one line for a user."""


class UnknownCard(FollowUpError):
    def __init__(self) -> None:
        super().__init__("There is no such card in this server.")


class UnknownFollowUp(FollowUpError):
    def __init__(self) -> None:
        super().__init__("That follow-up no longer exists in this server.")


class NoFollowUp(FollowUpError):
    """The card has no follow-up in the state the operation needs."""


class AmbiguousFollowUp(FollowUpError):
    """The card waits for several parties and the member did not say which."""


class InvalidArgument(FollowUpError):
    """A party, note, member, stance, link or text that cannot be used."""


class AlreadyResolved(FollowUpError):
    """The follow-up was resolved before (by someone else, or by another response)."""


class NotDelivered(FollowUpError):
    """Discord did not take the message (thread and channel gone or closed to Claimdeck)."""


__all__ = [
    "AlreadyResolved",
    "AmbiguousFollowUp",
    "FollowUpError",
    "InvalidArgument",
    "InvalidDuration",
    "NoFollowUp",
    "NotDelivered",
    "UnknownCard",
    "UnknownFollowUp",
]
