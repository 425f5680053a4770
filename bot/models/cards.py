"""The claim card and what it is made of: the article, its claims, entities and responses.

Frozen dataclasses so a card can be shared between the pipeline, the store and the renderer
without anyone mutating it underneath the others; each round-trips through ``to_dict`` /
``from_dict`` with JSON-safe values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.models.serial import iso_date, parse_date


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
            "published": iso_date(self.published),
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
            published=parse_date(data.get("published")),
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
    NO_COMMENT = "no_comment"  # the party answered but said nothing of substance
    OTHER = "other"  # an answer that is neither a denial nor a confirmation


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
