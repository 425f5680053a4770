"""A card's event log as sentences people read: who did what, and when.

Entries keep our own words (``text``) apart from what members typed (``quote``, ``link``) so
each display escapes the latter its own way (Discord markdown, a terminal). The guild's privacy
applies here, as in ``/votes``: while tallies are hidden, other members' verdicts and reasons
are left out; when voter names are hidden, other members' votes carry no actor. The operator's
``claimdeck history`` passes no viewer and no privacy: it prints the whole log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.credibility.numbering import claim_number
from bot.credibility.verdicts import label
from bot.models import ClaimCard, Event, EventKind, VoteChoice

VOTE_EVENTS = frozenset(
    {EventKind.VOTE_CAST, EventKind.VOTE_CHANGED, EventKind.VOTE_RETRACTED,
     EventKind.VOTE_EXPLAINED}
)

_FOLLOWUP_TEXT = {
    EventKind.FOLLOWUP_REMINDED: "sent a follow-up reminder",
    EventKind.FOLLOWUP_RESOLVED: "marked a follow-up as answered",
    EventKind.FOLLOWUP_CLOSED: "stopped a follow-up",
    EventKind.FOLLOWUP_REOPENED: "reopened a follow-up",
    EventKind.FOLLOWUP_ASSIGNED: "assigned a follow-up",
    EventKind.FOLLOWUP_SNOOZED: "snoozed a follow-up",
    EventKind.FOLLOWUP_PROPOSED: "proposed a card as a follow-up's answer",
    EventKind.FOLLOWUP_DISMISSED: "dismissed a proposed answer",
    EventKind.FOLLOWUP_RECHECKED: "re-checked the article for an answer",
}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of history. ``actor_hidden``: a member acted but the guild hides who.

    ``quote`` (a rationale or a party's name) and ``link`` come from people and pages, so
    whoever shows them must escape them.
    """

    at: datetime
    kind: EventKind
    actor_id: int | None
    text: str
    quote: str | None = None
    link: str | None = None
    actor_hidden: bool = False


def _choice(value: object) -> str | None:
    try:
        return label(VoteChoice(str(value)))
    except ValueError:
        return None


def _claim(card: ClaimCard, claim_id: object) -> str:
    number = claim_number(card, str(claim_id))
    return f"claim {number}" if number is not None else "a claim no longer on the card"


def _vote_text(event: Event, card: ClaimCard, show_choice: bool) -> str:
    data = event.data
    claim = _claim(card, data.get("claim_id"))
    choice = _choice(data.get("choice")) if show_choice else None
    previous = _choice(data.get("previous")) if show_choice else None
    if event.kind == EventKind.VOTE_CAST:
        return f"voted {choice} on {claim}" if choice else f"voted on {claim}"
    if event.kind == EventKind.VOTE_CHANGED:
        if choice and previous:
            return f"changed their vote on {claim} from {previous} to {choice}"
        return f"changed their vote on {claim}"
    if event.kind == EventKind.VOTE_RETRACTED:
        return f"withdrew their {choice} vote on {claim}" if choice else (
            f"withdrew their vote on {claim}"
        )
    return f"explained their {choice} vote on {claim}" if choice else (
        f"explained their vote on {claim}"
    )


def _text(event: Event, card: ClaimCard, show_choice: bool) -> tuple[str, str | None]:
    """Our sentence for ``event`` and the quoted part that came from a person or a page."""
    kind, data = event.kind, event.data
    if kind in VOTE_EVENTS:
        quote = data.get("rationale") if show_choice else None
        return _vote_text(event, card, show_choice), quote or None
    if kind == EventKind.CARD_CREATED:
        return "made the card", None
    if kind == EventKind.VOTING_CLOSED:
        return "closed voting", None
    if kind == EventKind.VOTING_REOPENED:
        return "reopened voting", None
    if kind == EventKind.FOLLOWUP_CREATED:
        return "started following up on a response from", data.get("party") or None
    if kind == EventKind.FOLLOWUP_CLOSED and data.get("reason") == "channel_deleted":
        return "stopped a follow-up: the card's channel was deleted", None
    return _FOLLOWUP_TEXT.get(kind, str(kind).replace("_", " ")), None


def history(
    events: Iterable[Event],
    card: ClaimCard,
    *,
    hide_choices: bool = False,
    hide_names: bool = False,
    viewer_id: int | None = None,
) -> list[HistoryEntry]:
    """Every event as an entry, oldest first, with the guild's privacy applied for
    ``viewer_id`` (their own votes are always shown in full)."""
    entries = []
    for event in events:
        own = viewer_id is not None and event.actor_id == viewer_id
        is_vote = event.kind in VOTE_EVENTS
        show_choice = own or not (hide_choices and is_vote)
        hidden_actor = is_vote and hide_names and not own and event.actor_id is not None
        text, quote = _text(event, card, show_choice)
        link = event.data.get("evidence_url") if is_vote and show_choice else None
        entries.append(
            HistoryEntry(
                at=event.at,
                kind=event.kind,
                actor_id=None if hidden_actor else event.actor_id,
                text=text,
                quote=quote,
                link=link or None,
                actor_hidden=hidden_actor,
            )
        )
    return entries
