"""The store's in-memory picture: a compact card index, the small records, and what is stale.

Everything here is plain, synchronous and free of I/O except reading a card body through
:class:`~storage.bodies.BodyFiles`. Card bodies (the large ClaimCard JSON) are not kept: memory
holds, per card, only what lookups, votes and autocomplete need (:class:`CardEntry`) and where
the body is on disk; a body is read on demand and the few most recent are kept parsed. A body
written since the last compaction lives only in the journal, so it is kept here as text
(``pending_bodies``) until compaction appends it to the guild's body file.

The same ``apply`` is used for a fresh write, for replaying the journal after a crash, and for
migrations, so they cannot disagree. Operations are idempotent "put"/"delete" by key, which makes
replaying a journal over shard files that already contain some of its effects harmless.
"""

from __future__ import annotations

import bisect
import json
from collections import OrderedDict
from datetime import datetime
from typing import Any

from bot.models import ClaimCard, Event, FollowUp, GuildSettings, StoredCard, Vote
from storage.bodies import BodyFiles, BodyRef, body_path
from storage.card_entry import (
    MESSAGE_FIELDS,
    CardEntry,
    entry_from_card,
    entry_from_index_row,
    optional_int,
    to_json,
)
from storage.errors import StoreCorrupt
from storage.followup_index import FollowUpIndex
from storage.layout import ShardKey

__all__ = [
    "MESSAGE_FIELDS",
    "CardEntry",
    "Op",
    "StoreState",
    "UnknownCardRow",
    "entry_from_card",
    "to_json",
]

Op = list[Any]
PARSED_BODY_CACHE = 512  # a parsed ClaimCard of ~8 KB JSON costs ~40 KB of objects


class UnknownCardRow(LookupError):
    """A vote or event row names a card that is not loaded (raised while loading/replaying)."""


class StoreState:
    def __init__(self, bodies: BodyFiles) -> None:
        self.bodies = bodies
        self.cards: dict[str, CardEntry] = {}
        self.pending_bodies: dict[str, str] = {}
        self.by_url: dict[tuple[int, str], str] = {}
        self.guild_timeline: dict[int, list[tuple[datetime, str]]] = {}
        self.shard_cards: dict[tuple[int, int], dict[str, None]] = {}
        self.votes: dict[str, dict[tuple[str, int], tuple[Vote, str]]] = {}
        self.events: dict[str, dict[int, str]] = {}
        self.followups = FollowUpIndex()
        self.settings: dict[int, tuple[GuildSettings, str]] = {}
        self.last_seq = 0
        self.dirty: set[ShardKey] = set()
        self.loading = False  # while True: no dirty tracking, timelines sorted at the end
        # While loading: card ids named by vote/event rows but not (yet) indexed, with the file
        # that named them. Compaction can write a card's events before its index row, and the
        # journal then still holds the card, so this is checked only after the replay.
        self.orphans: dict[str, Any] = {}
        self.loading_source: Any = None
        self._parsed: OrderedDict[str, ClaimCard] = OrderedDict()

    # --- reads ---------------------------------------------------------------------------

    def card(self, card_id: str) -> StoredCard | None:
        entry = self.cards.get(card_id)
        if entry is None:
            return None
        return entry.stored_card(card_id, self.claim_card(card_id, entry))

    def claim_card(self, card_id: str, entry: CardEntry) -> ClaimCard:
        """The card's body: from the cache, the journal-only text, or one read of its file."""
        parsed = self._parsed.get(card_id)
        if parsed is not None:
            self._parsed.move_to_end(card_id)
            return parsed
        pending = self.pending_bodies.get(card_id)
        if pending is not None:
            data = json.loads(pending)
        else:
            assert entry.body is not None, f"card {card_id} has no body"
            data = self.bodies.read(entry.guild_id, entry.body, card_id)
        try:
            parsed = ClaimCard.from_dict(data)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            where = body_path(self.bodies.root, entry.guild_id, entry.body[0] if entry.body else 0)
            raise StoreCorrupt(
                where if pending is None else self.bodies.root / "journal",
                f"the body of card {card_id!r} is not a valid card ({exc!r})",
                "Only this card is affected; the rest of the store keeps working. To get it "
                "back, stop Claimdeck and restore that file from a backup.",
            ) from exc
        self._parsed[card_id] = parsed
        if len(self._parsed) > PARSED_BODY_CACHE:
            self._parsed.popitem(last=False)
        return parsed

    def forget_parsed(self, card_id: str) -> None:
        self._parsed.pop(card_id, None)

    def card_shard(self, card_id: str) -> tuple[int, int]:
        entry = self.cards[card_id]
        return entry.guild_id, entry.bucket

    def _dirty(self, table: str, guild_id: int, bucket: int | None = None) -> None:
        if not self.loading:
            self.dirty.add(ShardKey(table, guild_id, bucket))

    def start_loading(self) -> None:
        """Until :meth:`finish_loading`: no dirty tracking, lists sorted once at the end."""
        self.loading = True
        self.followups.set_loading(True)

    def finish_loading(self) -> None:
        """Sort what loading appended unsorted, and track changes from now on."""
        for timeline in self.guild_timeline.values():
            timeline.sort()
        self.followups.set_loading(False)
        self.loading = False

    # --- writes --------------------------------------------------------------------------

    def apply(self, op: Op) -> None:
        kind = op[0]
        if kind == "card":
            self._put_card(op[1], entry_from_card(op[1]), to_json(op[1]["card"]))
        elif kind == "cardmeta":
            self._put_card_meta(op[1], op[2])
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

    def _put_card(self, data: dict[str, Any], entry: CardEntry, body_text: str | None) -> None:
        """Index a card; ``body_text`` is its body when that is not yet in a body file."""
        card_id = str(data["id"])
        old = self.cards.get(card_id)
        if old is not None:
            for url in old.urls:
                if self.by_url.get((old.guild_id, url)) == card_id:
                    del self.by_url[(old.guild_id, url)]
            timeline = self.guild_timeline[old.guild_id]
            timeline.remove((old.created_at, card_id))
            self.shard_cards[(old.guild_id, old.bucket)].pop(card_id, None)
            self._dirty("cards", old.guild_id, old.bucket)
        self.cards[card_id] = entry
        self._parsed.pop(card_id, None)
        if body_text is None:
            self.pending_bodies.pop(card_id, None)
        else:
            self.pending_bodies[card_id] = body_text
        for url in entry.urls:
            self.by_url[(entry.guild_id, url)] = card_id
        timeline = self.guild_timeline.setdefault(entry.guild_id, [])
        if self.loading:
            timeline.append((entry.created_at, card_id))
        else:
            bisect.insort(timeline, (entry.created_at, card_id))
        self.shard_cards.setdefault((entry.guild_id, entry.bucket), {})[card_id] = None
        self._dirty("cards", entry.guild_id, entry.bucket)

    def _put_card_meta(self, card_id: str, fields: dict[str, Any]) -> None:
        """Change where a card is posted or whether voting is closed: index only, no body."""
        entry = self.cards.get(card_id)
        if entry is None:
            raise UnknownCardRow(card_id)
        for name in MESSAGE_FIELDS:
            if name in fields:
                value = fields[name]
                if name == "voting_closed":
                    entry.voting_closed = bool(value)
                else:
                    setattr(entry, name, optional_int(value))
        self._dirty("cards", entry.guild_id, entry.bucket)

    def bodies_written(self, written: list[tuple[str, str, BodyRef]]) -> None:
        """Point cards at their freshly appended bodies ``(card_id, text, ref)``, unless the card
        was replaced meanwhile (then the newer body stays pending and this one is dead space)."""
        for card_id, text, ref in written:
            if self.pending_bodies.get(card_id) is text:
                del self.pending_bodies[card_id]
                entry = self.cards[card_id]
                entry.body = ref
                self._dirty("cards", entry.guild_id, entry.bucket)

    def pending_by_guild(self) -> dict[int, list[tuple[str, str]]]:
        grouped: dict[int, list[tuple[str, str]]] = {}
        for card_id, text in self.pending_bodies.items():
            grouped.setdefault(self.cards[card_id].guild_id, []).append((card_id, text))
        return grouped

    def _mark(self, table: str, card_id: str) -> None:
        entry = self.cards.get(card_id)
        if entry is None:
            if self.loading:
                self.orphans.setdefault(card_id, self.loading_source)
                return
            raise UnknownCardRow(card_id)
        self._dirty(table, entry.guild_id, entry.bucket)

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
        moved_from = self.followups.put(followup, text or to_json(data))
        if moved_from is not None:
            self._dirty("followups", moved_from)
        self._dirty("followups", followup.guild_id)

    def _put_settings(self, data: dict[str, Any], text: str | None = None) -> None:
        settings = GuildSettings.from_dict(data)
        self.settings[settings.guild_id] = (settings, text or to_json(data))
        self._dirty("settings", settings.guild_id)

    # --- loading shard files ---------------------------------------------------------------

    def load_row(self, table: str, row: dict[str, Any], text: str | None = None) -> None:
        """Load one record read from a shard file (cards before the rest; a vote or event of a
        card not indexed is kept and listed in ``orphans``).

        ``text`` is the record's JSON as found in the file, kept so it need not be re-encoded
        (card index rows are small and re-encoded from their entry instead).
        """
        if table == "cards":
            self._put_card(row, entry_from_index_row(row), None)
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
            return self.followups.guild_rows(key.guild_id)
        assert key.bucket is not None
        card_ids = list(self.shard_cards.get((key.guild_id, key.bucket), {}))
        if key.table == "cards":
            return [to_json(self.cards[i].index_row(i)) for i in card_ids]
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

    def adopt_orphans(self) -> dict[str, Any]:
        """After the journal replay: mark the shards of rows loaded before their card was known
        as stale, and return the orphans whose card is still unknown (with their files)."""
        missing = {}
        for card_id, source in self.orphans.items():
            entry = self.cards.get(card_id)
            if entry is None:
                missing[card_id] = source
                continue
            for table in ("votes", "events"):
                self.dirty.add(ShardKey(table, entry.guild_id, entry.bucket))
        self.orphans.clear()
        return missing

    def event_list(self, card_id: str) -> list[Event]:
        return [
            Event.from_dict(json.loads(t)) for _, t in sorted(self.events.get(card_id, {}).items())
        ]
