"""Records the bot keeps about cards in a Discord server: where a card is posted, votes,
follow-ups, settings and the history. Each round-trips through ``to_dict`` / ``from_dict``."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.models.cards import ClaimCard, Stance
from bot.models.serial import iso_datetime, parse_datetime


class VoteChoice(enum.StrEnum):
    """How a reviewer rates one claim's credibility."""

    CREDIBLE = "credible"
    UNCLEAR = "unclear"
    DUBIOUS = "dubious"


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card as posted in a guild: where it lives in Discord and who asked for it."""

    id: str
    guild_id: int
    canonical_url: str
    card: ClaimCard
    created_at: datetime
    created_by: int | None = None
    channel_id: int | None = None
    message_id: int | None = None
    thread_id: int | None = None
    voting_closed: bool = False
    # More keys of the same article in the guild (the page's declared canonical URL when the
    # link pasted was its mobile address): a later paste of any of them finds this card.
    alternate_urls: tuple[str, ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        """Every key the card is found by: ``canonical_url`` first, then the alternates."""
        return (self.canonical_url, *self.alternate_urls)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "guild_id": self.guild_id,
            "canonical_url": self.canonical_url,
            "alternate_urls": list(self.alternate_urls),
            "card": self.card.to_dict(),
            "created_at": iso_datetime(self.created_at),
            "created_by": self.created_by,
            "channel_id": self.channel_id,
            "message_id": self.message_id,
            "thread_id": self.thread_id,
            "voting_closed": self.voting_closed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredCard:
        created_at = parse_datetime(data["created_at"])
        assert created_at is not None
        return cls(
            id=data["id"],
            guild_id=int(data["guild_id"]),
            canonical_url=data["canonical_url"],
            card=ClaimCard.from_dict(data["card"]),
            created_at=created_at,
            created_by=data.get("created_by"),
            channel_id=data.get("channel_id"),
            message_id=data.get("message_id"),
            thread_id=data.get("thread_id"),
            voting_closed=bool(data.get("voting_closed", False)),
            alternate_urls=tuple(str(u) for u in data.get("alternate_urls") or ()),
        )


@dataclass(frozen=True, slots=True)
class Vote:
    """One member's rating of one claim; a later vote by the same member replaces it."""

    card_id: str
    claim_id: str
    member_id: int
    choice: VoteChoice
    cast_at: datetime
    rationale: str | None = None
    evidence_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "claim_id": self.claim_id,
            "member_id": self.member_id,
            "choice": self.choice.value,
            "cast_at": iso_datetime(self.cast_at),
            "rationale": self.rationale,
            "evidence_url": self.evidence_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vote:
        cast_at = parse_datetime(data["cast_at"])
        assert cast_at is not None
        return cls(
            card_id=data["card_id"],
            claim_id=data["claim_id"],
            member_id=int(data["member_id"]),
            choice=VoteChoice(data["choice"]),
            cast_at=cast_at,
            rationale=data.get("rationale"),
            evidence_url=data.get("evidence_url"),
        )


class FollowUpState(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"  # no longer awaited, without an answer (given up, or no longer relevant)


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A response the team is waiting for, with an absolute UTC time for the next reminder.

    ``due_at`` is None once the last allowed reminder was sent: the follow-up stays open (it is
    still listed and still matched against new cards) but nothing more is scheduled.

    ``snoozed_until`` holds reminders back until then; ``recheck_at`` is when the article's page
    is next fetched again (``etag``, ``last_modified`` and ``page_digest`` tell whether it
    changed; ``recheck_failures`` counts fetches in a row that failed). A card proposed as the
    answer is kept in ``proposed_card_ids``; one a member marked "Not related" goes to
    ``dismissed_card_ids`` and is never proposed for this follow-up again.
    """

    id: str
    card_id: str
    guild_id: int
    party: str
    due_at: datetime | None
    created_at: datetime
    state: FollowUpState = FollowUpState.OPEN
    reminders_sent: int = 0
    requested_by: str | None = None
    resolution_url: str | None = None
    resolved_at: datetime | None = None
    claim_ids: tuple[str, ...] = ()
    note: str | None = None
    created_by: int | None = None
    assignee_id: int | None = None
    snoozed_until: datetime | None = None
    stance: Stance | None = None
    resolution_text: str | None = None
    resolution_card_id: str | None = None
    last_reminded_at: datetime | None = None
    sentence: str | None = None  # the article's sentence saying the response is pending
    recheck_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    page_digest: str | None = None
    recheck_failures: int = 0
    dismissed_card_ids: tuple[str, ...] = ()
    proposed_card_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "card_id": self.card_id,
            "guild_id": self.guild_id,
            "party": self.party,
            "due_at": iso_datetime(self.due_at),
            "created_at": iso_datetime(self.created_at),
            "state": self.state.value,
            "reminders_sent": self.reminders_sent,
            "requested_by": self.requested_by,
            "resolution_url": self.resolution_url,
            "resolved_at": iso_datetime(self.resolved_at),
            "claim_ids": list(self.claim_ids),
            "note": self.note,
            "created_by": self.created_by,
            "assignee_id": self.assignee_id,
            "snoozed_until": iso_datetime(self.snoozed_until),
            "stance": None if self.stance is None else str(self.stance),
            "resolution_text": self.resolution_text,
            "resolution_card_id": self.resolution_card_id,
            "last_reminded_at": iso_datetime(self.last_reminded_at),
            "sentence": self.sentence,
            "recheck_at": iso_datetime(self.recheck_at),
            "etag": self.etag,
            "last_modified": self.last_modified,
            "page_digest": self.page_digest,
            "recheck_failures": self.recheck_failures,
            "dismissed_card_ids": list(self.dismissed_card_ids),
            "proposed_card_ids": list(self.proposed_card_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        """Rows written before a field existed load with its default."""
        created_at = parse_datetime(data["created_at"])
        assert created_at is not None
        stance = data.get("stance")
        return cls(
            id=data["id"],
            card_id=data["card_id"],
            guild_id=int(data["guild_id"]),
            party=data["party"],
            due_at=parse_datetime(data.get("due_at")),
            created_at=created_at,
            state=FollowUpState(data.get("state", "open")),
            reminders_sent=int(data.get("reminders_sent", 0)),
            requested_by=data.get("requested_by"),
            resolution_url=data.get("resolution_url"),
            resolved_at=parse_datetime(data.get("resolved_at")),
            claim_ids=_ids(data.get("claim_ids")),
            note=data.get("note"),
            created_by=_optional_int(data.get("created_by")),
            assignee_id=_optional_int(data.get("assignee_id")),
            snoozed_until=parse_datetime(data.get("snoozed_until")),
            stance=Stance(stance) if stance else None,
            resolution_text=data.get("resolution_text"),
            resolution_card_id=data.get("resolution_card_id"),
            last_reminded_at=parse_datetime(data.get("last_reminded_at")),
            sentence=data.get("sentence"),
            recheck_at=parse_datetime(data.get("recheck_at")),
            etag=data.get("etag"),
            last_modified=data.get("last_modified"),
            page_digest=data.get("page_digest"),
            recheck_failures=int(data.get("recheck_failures", 0)),
            dismissed_card_ids=_ids(data.get("dismissed_card_ids")),
            proposed_card_ids=_ids(data.get("proposed_card_ids")),
        )


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """Per-server choices made with /settings. Empty ``watched_channels`` means every channel.

    Voting: a claim's verdict needs ``quorum`` votes and a share of at least
    ``consensus_threshold`` for one choice; ``hide_tallies`` hides counts until voting closes,
    ``reviewers_only_vote`` lets only the reviewer role vote, ``hide_voter_names`` keeps names
    out of /votes; ``team_name`` signs exported verdicts. Follow-ups: the first reminder comes
    ``first_reminder_hours`` after a follow-up opens, then every ``reminder_every_hours``, at most
    ``max_reminders`` times, never between ``quiet_start`` and ``quiet_end`` ("HH:MM" in
    ``timezone``); articles are re-fetched every ``recheck_hours``.
    """

    guild_id: int
    watched_channels: tuple[int, ...] = ()
    reviewer_role_id: int | None = None
    timezone: str = "UTC"
    quorum: int = 3
    consensus_threshold: float = 2 / 3
    hide_tallies: bool = False
    reviewers_only_vote: bool = False
    hide_voter_names: bool = False
    team_name: str | None = None
    first_reminder_hours: int = 24
    reminder_every_hours: int = 48
    max_reminders: int = 5
    quiet_start: str = "22:00"
    quiet_end: str = "08:00"
    recheck_hours: int = 6

    def to_dict(self) -> dict[str, Any]:
        return {
            "guild_id": self.guild_id,
            "watched_channels": list(self.watched_channels),
            "reviewer_role_id": self.reviewer_role_id,
            "timezone": self.timezone,
            "quorum": self.quorum,
            "consensus_threshold": self.consensus_threshold,
            "hide_tallies": self.hide_tallies,
            "reviewers_only_vote": self.reviewers_only_vote,
            "hide_voter_names": self.hide_voter_names,
            "team_name": self.team_name,
            "first_reminder_hours": self.first_reminder_hours,
            "reminder_every_hours": self.reminder_every_hours,
            "max_reminders": self.max_reminders,
            "quiet_start": self.quiet_start,
            "quiet_end": self.quiet_end,
            "recheck_hours": self.recheck_hours,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GuildSettings:
        """Rows written before a setting existed load with its default."""
        defaults = cls(guild_id=0)
        return cls(
            guild_id=int(data["guild_id"]),
            watched_channels=tuple(int(c) for c in data.get("watched_channels", ())),
            reviewer_role_id=_optional_int(data.get("reviewer_role_id")),
            timezone=data.get("timezone", "UTC"),
            quorum=int(data.get("quorum", defaults.quorum)),
            consensus_threshold=float(
                data.get("consensus_threshold", defaults.consensus_threshold)
            ),
            hide_tallies=bool(data.get("hide_tallies", False)),
            reviewers_only_vote=bool(data.get("reviewers_only_vote", False)),
            hide_voter_names=bool(data.get("hide_voter_names", False)),
            team_name=data.get("team_name"),
            first_reminder_hours=int(
                data.get("first_reminder_hours", defaults.first_reminder_hours)
            ),
            reminder_every_hours=int(
                data.get("reminder_every_hours", defaults.reminder_every_hours)
            ),
            max_reminders=int(data.get("max_reminders", defaults.max_reminders)),
            quiet_start=str(data.get("quiet_start", defaults.quiet_start)),
            quiet_end=str(data.get("quiet_end", defaults.quiet_end)),
            recheck_hours=int(data.get("recheck_hours", defaults.recheck_hours)),
        )


class EventKind(enum.StrEnum):
    CARD_CREATED = "card_created"
    VOTE_CAST = "vote_cast"
    VOTE_CHANGED = "vote_changed"
    VOTE_RETRACTED = "vote_retracted"
    VOTE_EXPLAINED = "vote_explained"
    VOTING_CLOSED = "voting_closed"
    VOTING_REOPENED = "voting_reopened"
    FOLLOWUP_CREATED = "followup_created"
    FOLLOWUP_REMINDED = "followup_reminded"
    FOLLOWUP_RESOLVED = "followup_resolved"
    FOLLOWUP_CLOSED = "followup_closed"
    FOLLOWUP_REOPENED = "followup_reopened"
    FOLLOWUP_ASSIGNED = "followup_assigned"
    FOLLOWUP_SNOOZED = "followup_snoozed"
    FOLLOWUP_PROPOSED = "followup_proposed"
    FOLLOWUP_DISMISSED = "followup_dismissed"
    FOLLOWUP_RECHECKED = "followup_rechecked"


@dataclass(frozen=True, slots=True)
class Event:
    """One line of a card's append-only history: what happened, who did it, when."""

    card_id: str
    kind: EventKind
    at: datetime
    actor_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "kind": self.kind.value,
            "at": iso_datetime(self.at),
            "actor_id": self.actor_id,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        at = parse_datetime(data["at"])
        assert at is not None
        return cls(
            card_id=data["card_id"],
            kind=EventKind(data["kind"]),
            at=at,
            actor_id=data.get("actor_id"),
            data=dict(data.get("data", {})),
        )
