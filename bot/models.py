"""Plain data that flows through Claimdeck.

Frozen dataclasses so a card can be shared between the pipeline, the store and the renderer
without anyone mutating it underneath the others. Every type round-trips through ``to_dict`` /
``from_dict`` with JSON-safe values (dates as ISO strings), which is what the store persists and
what ``claimdeck card --json`` prints.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso_datetime(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Article:
    """The main text and metadata of a fetched page, boilerplate removed."""

    url: str
    title: str
    text: str
    author: str | None = None
    published: date | None = None
    site: str | None = None
    language: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "author": self.author,
            "published": _iso_date(self.published),
            "site": self.site,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            url=data["url"],
            title=data["title"],
            text=data["text"],
            author=data.get("author"),
            published=_parse_date(data.get("published")),
            site=data.get("site"),
            language=data.get("language"),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mentioned in the article (person, organisation, place…)."""

    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(text=data["text"], label=data["label"])


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as the article states it, qualifier included ("at least 20")."""

    text: str
    value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        return cls(text=data["text"], value=data.get("value"))


@dataclass(frozen=True, slots=True)
class Claim:
    """Something the article reports a speaker as asserting.

    ``speaker`` is the fullest name found for the source (later mentions and pronouns resolved);
    ``quote`` is true when the claim is a direct quotation; ``hedge`` keeps words such as
    "allegedly" that weaken the claim; ``reported_by`` names an outlet that relays the speaker
    ("Reuters reported that officials said …").
    """

    id: str
    speaker: str | None
    cue: str | None
    text: str
    sentence: str
    speaker_role: str | None = None
    quote: bool = False
    quantities: tuple[Quantity, ...] = ()
    hedge: str | None = None
    reported_by: str | None = None
    target: str | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "text": self.text,
            "quote": self.quote,
            "quantities": [q.to_dict() for q in self.quantities],
            "sentence": self.sentence,
            "hedge": self.hedge,
            "reported_by": self.reported_by,
            "target": self.target,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data["id"],
            speaker=data.get("speaker"),
            speaker_role=data.get("speaker_role"),
            cue=data.get("cue"),
            text=data["text"],
            quote=bool(data.get("quote", False)),
            quantities=tuple(Quantity.from_dict(q) for q in data.get("quantities", ())),
            sentence=data["sentence"],
            hedge=data.get("hedge"),
            reported_by=data.get("reported_by"),
            target=data.get("target"),
            score=float(data.get("score", 0.0)),
        )


class ResponseStatus(enum.StrEnum):
    PENDING = "pending"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class PendingResponse:
    """A party asked for comment that has not (or will not) answer."""

    party: str
    requested_by: str | None
    status: ResponseStatus
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "requested_by": self.requested_by,
            "status": self.status.value,
            "sentence": self.sentence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PendingResponse:
        return cls(
            party=data["party"],
            requested_by=data.get("requested_by"),
            status=ResponseStatus(data["status"]),
            sentence=data["sentence"],
        )


class Stance(enum.StrEnum):
    DENIAL = "denial"
    CONFIRMATION = "confirmation"
    REBUTTAL = "rebuttal"


@dataclass(frozen=True, slots=True)
class Response:
    """A party's answer to a claim (a denial, a confirmation, a rebuttal)."""

    party: str
    stance: Stance
    text: str
    sentence: str
    answers_claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "stance": self.stance.value,
            "text": self.text,
            "answers_claim": self.answers_claim,
            "sentence": self.sentence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Response:
        return cls(
            party=data["party"],
            stance=Stance(data["stance"]),
            text=data["text"],
            answers_claim=data.get("answers_claim"),
            sentence=data["sentence"],
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the language analysis finds in an article's text."""

    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    pending_responses: tuple[PendingResponse, ...] = ()
    responses: tuple[Response, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """Everything Claimdeck shows about one article.

    ``analysed_chars`` is set when the article was too long to analyse whole: claims come from
    its first ``analysed_chars`` characters (the card says so).
    """

    article: Article
    summary: tuple[str, ...]
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    pending_responses: tuple[PendingResponse, ...] = ()
    responses: tuple[Response, ...] = ()
    analysed_chars: int | None = None

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "summary": list(self.summary),
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "pending_responses": [p.to_dict() for p in self.pending_responses],
            "responses": [r.to_dict() for r in self.responses],
            "analysed_chars": self.analysed_chars,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimCard:
        return cls(
            article=Article.from_dict(data["article"]),
            summary=tuple(data.get("summary", ())),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", ())),
            pending_responses=tuple(
                PendingResponse.from_dict(p) for p in data.get("pending_responses", ())
            ),
            responses=tuple(Response.from_dict(r) for r in data.get("responses", ())),
            analysed_chars=data.get("analysed_chars"),
        )


# --- Records the bot keeps about cards in a Discord server -------------------------------------


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "guild_id": self.guild_id,
            "canonical_url": self.canonical_url,
            "card": self.card.to_dict(),
            "created_at": _iso_datetime(self.created_at),
            "created_by": self.created_by,
            "channel_id": self.channel_id,
            "message_id": self.message_id,
            "thread_id": self.thread_id,
            "voting_closed": self.voting_closed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredCard:
        created_at = _parse_datetime(data["created_at"])
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "claim_id": self.claim_id,
            "member_id": self.member_id,
            "choice": self.choice.value,
            "cast_at": _iso_datetime(self.cast_at),
            "rationale": self.rationale,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vote:
        cast_at = _parse_datetime(data["cast_at"])
        assert cast_at is not None
        return cls(
            card_id=data["card_id"],
            claim_id=data["claim_id"],
            member_id=int(data["member_id"]),
            choice=VoteChoice(data["choice"]),
            cast_at=cast_at,
            rationale=data.get("rationale"),
        )


class FollowUpState(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A response the team is waiting for, with an absolute UTC time for the next reminder."""

    id: str
    card_id: str
    guild_id: int
    party: str
    due_at: datetime
    created_at: datetime
    state: FollowUpState = FollowUpState.OPEN
    reminders_sent: int = 0
    requested_by: str | None = None
    resolution_url: str | None = None
    resolved_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "card_id": self.card_id,
            "guild_id": self.guild_id,
            "party": self.party,
            "due_at": _iso_datetime(self.due_at),
            "created_at": _iso_datetime(self.created_at),
            "state": self.state.value,
            "reminders_sent": self.reminders_sent,
            "requested_by": self.requested_by,
            "resolution_url": self.resolution_url,
            "resolved_at": _iso_datetime(self.resolved_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        due_at = _parse_datetime(data["due_at"])
        created_at = _parse_datetime(data["created_at"])
        assert due_at is not None and created_at is not None
        return cls(
            id=data["id"],
            card_id=data["card_id"],
            guild_id=int(data["guild_id"]),
            party=data["party"],
            due_at=due_at,
            created_at=created_at,
            state=FollowUpState(data.get("state", "open")),
            reminders_sent=int(data.get("reminders_sent", 0)),
            requested_by=data.get("requested_by"),
            resolution_url=data.get("resolution_url"),
            resolved_at=_parse_datetime(data.get("resolved_at")),
        )


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """Per-server choices made with /settings. Empty ``watched_channels`` means every channel."""

    guild_id: int
    watched_channels: tuple[int, ...] = ()
    reviewer_role_id: int | None = None
    timezone: str = "UTC"

    def to_dict(self) -> dict[str, Any]:
        return {
            "guild_id": self.guild_id,
            "watched_channels": list(self.watched_channels),
            "reviewer_role_id": self.reviewer_role_id,
            "timezone": self.timezone,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GuildSettings:
        return cls(
            guild_id=int(data["guild_id"]),
            watched_channels=tuple(int(c) for c in data.get("watched_channels", ())),
            reviewer_role_id=data.get("reviewer_role_id"),
            timezone=data.get("timezone", "UTC"),
        )


class EventKind(enum.StrEnum):
    CARD_CREATED = "card_created"
    VOTE_CAST = "vote_cast"
    VOTE_CHANGED = "vote_changed"
    VOTE_RETRACTED = "vote_retracted"
    VOTING_CLOSED = "voting_closed"
    FOLLOWUP_CREATED = "followup_created"
    FOLLOWUP_REMINDED = "followup_reminded"
    FOLLOWUP_RESOLVED = "followup_resolved"


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
            "at": _iso_datetime(self.at),
            "actor_id": self.actor_id,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        at = _parse_datetime(data["at"])
        assert at is not None
        return cls(
            card_id=data["card_id"],
            kind=EventKind(data["kind"]),
            at=at,
            actor_id=data.get("actor_id"),
            data=dict(data.get("data", {})),
        )
