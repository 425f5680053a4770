"""A card's index entry: everything of it but its ClaimCard body, and the keys it is found by.

Memory keeps one :class:`CardEntry` per card (the body stays on disk, see :mod:`storage.bodies`).
An entry is built from a whole card record (a fresh write, a journal replay, a migration) or
from the card's row in its ``index-<bb>.json`` file, and both give the same entry.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.models import ClaimCard, StoredCard
from storage.bodies import BodyRef
from storage.layout import bucket_of

MESSAGE_FIELDS = ("channel_id", "message_id", "thread_id", "voting_closed")


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(slots=True)
class CardEntry:
    """Everything of a stored card except its ClaimCard body, plus what the indexes need."""

    guild_id: int
    canonical_url: str
    created_at: datetime
    created_by: int | None
    channel_id: int | None
    message_id: int | None
    thread_id: int | None
    voting_closed: bool
    title: str
    title_folded: str
    claim_ids: tuple[str, ...]
    body: BodyRef | None  # None while the body is only in the journal (``pending_bodies``)
    bucket: int  # bucket_of(card id), kept because every vote and event needs it
    alternate_urls: tuple[str, ...] = ()  # most cards have none: the shared empty tuple

    @property
    def urls(self) -> tuple[str, ...]:
        """Every key of the card in the guild's by-URL index, ``canonical_url`` first."""
        return (self.canonical_url, *self.alternate_urls)

    def index_row(self, card_id: str) -> dict[str, Any]:
        """The card's record in its ``index-<bb>.json`` TinyDB file (``alternate_urls`` only
        when it has some, so rows of other cards stay as they were)."""
        row = {
            "id": card_id,
            "guild_id": self.guild_id,
            "canonical_url": self.canonical_url,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "channel_id": self.channel_id,
            "message_id": self.message_id,
            "thread_id": self.thread_id,
            "voting_closed": self.voting_closed,
            "title": self.title,
            "claim_ids": list(self.claim_ids),
            "body": list(self.body) if self.body else None,
        }
        if self.alternate_urls:
            row["alternate_urls"] = list(self.alternate_urls)
        return row

    def stored_card(self, card_id: str, card: ClaimCard) -> StoredCard:
        return StoredCard(
            id=card_id,
            guild_id=self.guild_id,
            canonical_url=self.canonical_url,
            card=card,
            created_at=self.created_at,
            created_by=self.created_by,
            channel_id=self.channel_id,
            message_id=self.message_id,
            thread_id=self.thread_id,
            voting_closed=self.voting_closed,
            alternate_urls=self.alternate_urls,
        )


def _entry(
    data: dict[str, Any], title: str, claim_ids: list[str], body: BodyRef | None
) -> CardEntry:
    folded = title.casefold()
    card_id = str(data["id"])
    return CardEntry(
        guild_id=int(data["guild_id"]),
        canonical_url=str(data["canonical_url"]),
        created_at=datetime.fromisoformat(data["created_at"]),
        created_by=optional_int(data.get("created_by")),
        channel_id=optional_int(data.get("channel_id")),
        message_id=optional_int(data.get("message_id")),
        thread_id=optional_int(data.get("thread_id")),
        voting_closed=bool(data.get("voting_closed", False)),
        title=title,
        title_folded=title if folded == title else folded,  # share the string when equal
        claim_ids=tuple(sys.intern(str(c)) for c in claim_ids),
        body=body,
        bucket=bucket_of(card_id),
        alternate_urls=tuple(str(u) for u in data.get("alternate_urls") or ()),
    )


def entry_from_card(data: dict[str, Any], body: BodyRef | None = None) -> CardEntry:
    """The index entry of a whole card record (``StoredCard.to_dict()``)."""
    card = data["card"]
    claim_ids = [c["id"] for c in card.get("claims", ())]
    return _entry(data, str(card["article"]["title"]), claim_ids, body)


def entry_from_index_row(row: dict[str, Any]) -> CardEntry:
    body = row.get("body")
    ref = None if body is None else (int(body[0]), int(body[1]), int(body[2]))
    return _entry(row, str(row["title"]), list(row["claim_ids"]), ref)
