"""What the follow-up services ask the Discord side to show: the ``Notifier`` protocol.

The services decide *what* to say and *when*; a notifier (built by the cog from the card
publisher) decides *how*: where the card's thread is, the embed, the buttons, and
``allowed_mentions`` naming exactly the one member or role of a :class:`Mention` and nothing
else. Every method returns whether Discord took the message: a notifier that finds the card's
thread deleted posts under the card in its channel instead, and returns False only when that
fails too, so the service retries later instead of marking the reminder sent. When Discord
says the card's channel no longer exists, it raises :class:`DestinationGone` instead: no retry
can reach it, so the follow-up stops.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.followups import Match
from bot.models import FollowUp, GuildSettings, StoredCard


class DestinationGone(Exception):
    """What a notifier raises when Discord says the card's place is gone for good (404 Unknown
    Channel for its thread and its channel): retrying cannot help, so the follow-up stops."""

    def __init__(self, channel_id: int | None = None) -> None:
        super().__init__(f"channel {channel_id} no longer exists")
        self.channel_id = channel_id


@dataclass(frozen=True, slots=True)
class Mention:
    """The one ping a reminder carries: the assignee, else the reviewer role."""

    user_id: int | None = None
    role_id: int | None = None

    def __post_init__(self) -> None:
        if (self.user_id is None) == (self.role_id is None):
            raise ValueError("a mention names exactly one member or one role")

    @classmethod
    def for_followup(cls, followup: FollowUp, settings: GuildSettings) -> Mention | None:
        """The assignee when there is one, else the guild's reviewer role, else nobody."""
        if followup.assignee_id is not None:
            return cls(user_id=followup.assignee_id)
        if settings.reviewer_role_id is not None:
            return cls(role_id=settings.reviewer_role_id)
        return None

    def markup(self) -> str:
        """``<@id>`` or ``<@&id>``: the text that pings (allowed only for this id)."""
        return f"<@{self.user_id}>" if self.user_id is not None else f"<@&{self.role_id}>"


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One follow-up in a catch-up digest; ``line`` is its plain text ("Awaiting … · 3
    reminders missed"), ``missed`` how many scheduled reminders it fell behind on."""

    card: StoredCard
    followup: FollowUp
    missed: int
    mention: Mention | None
    line: str


class RecheckKind(enum.StrEnum):
    RESPONSE_FOUND = "response_found"  # the article now carries the party's answer
    SENTENCE_CHANGED = "sentence_changed"  # "has yet to receive a comment" was reworded
    SENTENCE_GONE = "sentence_gone"  # that sentence is no longer on the page
    FAILED = "failed"  # the page could not be read (said once, then retried quietly)


@dataclass(frozen=True, slots=True)
class RecheckNotice:
    """What a re-check of the card's article found: ``sentence`` is the page's new sentence
    (or the one holding the answer), ``stance`` the answer's stance, ``error`` the one-line
    reason a failed fetch gives, ``retry_at`` when the next attempt is planned."""

    kind: RecheckKind
    sentence: str | None = None
    stance: str | None = None
    error: str | None = None
    retry_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DigestLayout:
    """A catch-up digest as it is posted: its ``text``, whom it pings (``mentions``: exactly
    the reviewer roles and assignees of the lines it shows, roles first, each once), the items
    it shows a line for, and the ones it does not (``unshown``: withheld, or past Discord's
    limit). A line left out of the digest must not use up that follow-up's reminder. Those of
    ``cut`` (past the limit) stay late and form the next page of the digest a minute later; the
    withheld ones (``unshown`` less ``cut``) are reminded on their own, in their cards' threads,
    where their readers are."""

    text: str
    mentions: tuple[Mention, ...]
    shown: tuple[DigestItem, ...]
    unshown: tuple[DigestItem, ...]
    cut: tuple[DigestItem, ...] = ()


class Notifier(Protocol):
    async def send_reminder(
        self, card: StoredCard, followup: FollowUp, mention: Mention | None
    ) -> bool:
        """Post a reminder in the card's thread (else under the card), pinging ``mention``."""
        ...

    async def send_digest(
        self, guild_id: int, items: Sequence[DigestItem]
    ) -> bool | DigestLayout:
        """Post one message gathering the guild's reminders missed while the bot was down.
        The layout posted says which items it showed (the others are reminded on their own);
        plain True means every item was shown, False that nothing was posted."""
        ...

    async def send_proposal(
        self, original: StoredCard, followup: FollowUp, candidate: StoredCard, match: Match
    ) -> bool:
        """Post "Possible response from …" in the original card's thread with the persistent
        "Link as response" / "Not related" buttons (ids: ``followup.id``, ``candidate.id``)."""
        ...

    async def notify_recheck(
        self, card: StoredCard, followup: FollowUp, notice: RecheckNotice
    ) -> bool:
        """Tell the card's thread what a re-check of its article found."""
        ...

    async def refresh_card(self, card: StoredCard) -> None:
        """Show the card again with its follow-ups' current state (resolved, linked…)."""
        ...
