"""The store's in-memory picture: every record, its indexes, and which shard files are stale.

Everything here is plain, synchronous and free of I/O. The same ``apply`` is used for a fresh
write, for replaying the journal after a crash, and for migrations, so they cannot disagree.
Operations are idempotent "put"/"delete" by key, which makes replaying a journal over shard files
that already contain some of its effects harmless.
"""

from __future__ import annotations

import bisect
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.models import Event, FollowUp, GuildSettings, StoredCard, Vote
from storage.layout import ShardKey, bucket_of

Op = list[Any]
PARSED_CARD_CACHE = 4096


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class CardEntry:
    """What the indexes need from a card, plus its JSON text (parsed lazily on read)."""

    json: str
    guild_id: int
    canonical_url: str
    created_at: datetime
    title_folded: str
    claim_ids: frozenset[str]
    voting_closed: bool


def _card_entry(data: dict[str, Any], text: str) -> CardEntry:
    card = data["card"]
    return CardEntry(
        json=text,
        guild_id=int(data["guild_id"]),
        canonical_url=data["canonical_url"],
        created_at=datetime.fromisoformat(data["created_at"]),
        title_folded=str(card["article"]["title"]).casefold(),
        claim_ids=frozenset(c["id"] for c in card.get("claims", ())),
        voting_closed=bool(data.get("voting_closed", False)),
    )


class UnknownCardRow(LookupError):
    """A vote or event row names a card that is not loaded (raised while loading/replaying)."""


class StoreState:
    def __init__(self) -> None:
        self.cards: dict[str, CardEntry] = {}
        self.by_url: dict[tuple[int, str], str] = {}
        self.guild_timeline: dict[int, list[tuple[datetime, str]]] = {}
        self.shard_cards: dict[tuple[int, int], dict[str, None]] = {}
        self.votes: dict[str, dict[tuple[str, int], tuple[Vote, str]]] = {}
        self.events: dict[str, dict[int, str]] = {}
        self.followups: dict[str, tuple[FollowUp, str]] = {}
        self.guild_followups: dict[int, dict[str, None]] = {}
        self.settings: dict[int, tuple[GuildSettings, str]] = {}
        self.last_seq = 0
        self.dirty: set[ShardKey] = set()
        self._parsed: OrderedDict[str, StoredCard] = OrderedDict()

    # --- reads ---------------------------------------------------------------------------

    def card(self, card_id: str) -> StoredCard | None:
        parsed = self._parsed.get(card_id)
        if parsed is not None:
            self._parsed.move_to_end(card_id)
            return parsed
        entry = self.cards.get(card_id)
        if entry is None:
            return None
        parsed = StoredCard.from_dict(json.loads(entry.json))
        self._parsed[card_id] = parsed
        if len(self._parsed) > PARSED_CARD_CACHE:
            self._parsed.popitem(last=False)
        return parsed

    def card_shard(self, card_id: str) -> tuple[int, int]:
        return self.cards[card_id].guild_id, bucket_of(card_id)

    # --- writes --------------------------------------------------------------------------

    def apply(self, op: Op) -> None:
        kind = op[0]
        if kind == "card":
            self._put_card(op[1])
        elif kind == "vote":
            self._put_vote(op[1])
        elif kind == "unvote":
            self._delete_vote(op[1], op[2], int(op[3]))
        elif kind == "event":
            self._put_event(int(op[1]), op[2])
        elif kind == "followup":
            self._put_followup(op[1])
        elif kind == "settings":
            self._put_settings(op[1])
        else:
            raise ValueError(f"unknown journal operation {kind!r}")

    def _put_card(self, data: dict[str, Any], text: str | None = None) -> None:
        card_id = data["id"]
        entry = _card_entry(data, text or to_json(data))
        old = self.cards.get(card_id)
        if old is not None:
            self.by_url.pop((old.guild_id, old.canonical_url), None)
            timeline = self.guild_timeline[old.guild_id]
            timeline.remove((old.created_at, card_id))
            self.shard_cards[(old.guild_id, bucket_of(card_id))].pop(card_id, None)
            self.dirty.add(ShardKey("cards", old.guild_id, bucket_of(card_id)))
        self.cards[card_id] = entry
        self._parsed.pop(card_id, None)
        self.by_url[(entry.guild_id, entry.canonical_url)] = card_id
        bisect.insort(
            self.guild_timeline.setdefault(entry.guild_id, []), (entry.created_at, card_id)
        )
        bucket = bucket_of(card_id)
        self.shard_cards.setdefault((entry.guild_id, bucket), {})[card_id] = None
        self.dirty.add(ShardKey("cards", entry.guild_id, bucket))

    def _mark(self, table: str, card_id: str) -> None:
        if card_id not in self.cards:
            raise UnknownCardRow(card_id)
        guild_id, bucket = self.card_shard(card_id)
        self.dirty.add(ShardKey(table, guild_id, bucket))

    def _put_vote(self, data: dict[str, Any], text: str | None = None) -> None:
        vote = Vote.from_dict(data)
        self._mark("votes", vote.card_id)
        key = (vote.claim_id, vote.member_id)
        self.votes.setdefault(vote.card_id, {})[key] = (vote, text or to_json(data))

    def _delete_vote(self, card_id: str, claim_id: str, member_id: int) -> None:
        self._mark("votes", card_id)
        self.votes.get(card_id, {}).pop((claim_id, member_id), None)

    def _put_event(self, seq: int, data: dict[str, Any], text: str | None = None) -> None:
        card_id = data["card_id"]
        self._mark("events", card_id)
        if text is None:
            text = to_json({**data, "seq": seq})
        self.events.setdefault(card_id, {})[seq] = text
        self.last_seq = max(self.last_seq, seq)

    def _put_followup(self, data: dict[str, Any], text: str | None = None) -> None:
        followup = FollowUp.from_dict(data)
        old = self.followups.get(followup.id)
        if old is not None and old[0].guild_id != followup.guild_id:
            self.guild_followups[old[0].guild_id].pop(followup.id, None)
            self.dirty.add(ShardKey("followups", old[0].guild_id))
        self.followups[followup.id] = (followup, text or to_json(data))
        self.guild_followups.setdefault(followup.guild_id, {})[followup.id] = None
        self.dirty.add(ShardKey("followups", followup.guild_id))

    def _put_settings(self, data: dict[str, Any], text: str | None = None) -> None:
        settings = GuildSettings.from_dict(data)
        self.settings[settings.guild_id] = (settings, text or to_json(data))
        self.dirty.add(ShardKey("settings", settings.guild_id))

    # --- loading shard files ---------------------------------------------------------------

    def load_row(self, table: str, row: dict[str, Any], text: str | None = None) -> None:
        """Load one record read from a shard file (cards must be loaded before the rest).

        ``text`` is the record's JSON as found in the file, kept so it need not be re-encoded.
        """
        if table == "cards":
            self._put_card(row, text)
        elif table == "votes":
            self._put_vote(row, text)
        elif table == "events":
            self._put_event(int(row["seq"]), row, text)
        elif table == "followups":
            self._put_followup(row, text)
        elif table == "settings":
            self._put_settings(row, text)

    # --- compaction --------------------------------------------------------------------------

    def shard_rows(self, key: ShardKey) -> list[str]:
        """The JSON rows that belong in one shard file right now."""
        if key.table == "settings":
            entry = self.settings.get(key.guild_id)
            return [entry[1]] if entry else []
        if key.table == "followups":
            ids = self.guild_followups.get(key.guild_id, {})
            return [self.followups[i][1] for i in ids]
        assert key.bucket is not None
        card_ids = list(self.shard_cards.get((key.guild_id, key.bucket), {}))
        if key.table == "cards":
            return [self.cards[i].json for i in card_ids]
        if key.table == "votes":
            return [text for i in card_ids for _, text in self.votes.get(i, {}).values()]
        return [text for i in card_ids for _, text in sorted(self.events.get(i, {}).items())]

    def take_dirty(self) -> dict[ShardKey, list[str]]:
        """Rows of every stale shard, and forget that they are stale (see :meth:`mark_dirty`)."""
        snapshot = {key: self.shard_rows(key) for key in sorted(self.dirty)}
        self.dirty.clear()
        return snapshot

    def mark_dirty(self, keys: Any) -> None:
        self.dirty.update(keys)

    def event_list(self, card_id: str) -> list[Event]:
        return [
            Event.from_dict(json.loads(t)) for _, t in sorted(self.events.get(card_id, {}).items())
        ]
