"""Plain data that flows through Claimdeck.

Frozen dataclasses so a card can be shared between the pipeline, the store and the renderer
without anyone mutating it underneath the others. Every type round-trips through ``to_dict`` /
``from_dict`` with JSON-safe values (dates as ISO strings), which is what the store persists and
what ``claimdeck card --json`` prints.

The card types live in ``cards``, the records the bot keeps in a server in ``records``; both
are re-exported here, so ``from bot.models import ClaimCard, Vote`` is the way to import them.
"""

from bot.models.cards import (
    Analysis,
    Article,
    Claim,
    ClaimCard,
    Entity,
    PendingResponse,
    Quantity,
    Response,
    ResponseStatus,
    Stance,
)
from bot.models.records import (
    Event,
    EventKind,
    FollowUp,
    FollowUpState,
    GuildSettings,
    StoredCard,
    Vote,
    VoteChoice,
)

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "ClaimCard",
    "Entity",
    "Event",
    "EventKind",
    "FollowUp",
    "FollowUpState",
    "GuildSettings",
    "PendingResponse",
    "Quantity",
    "Response",
    "ResponseStatus",
    "Stance",
    "StoredCard",
    "Vote",
    "VoteChoice",
]
