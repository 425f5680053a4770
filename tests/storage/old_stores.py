"""Data directories as older Claimdecks left them, for migration and recovery tests."""

from __future__ import annotations

import json
from pathlib import Path

from bot.models import Event, EventKind, GuildSettings, StoredCard, VoteChoice
from storage.journal import encode_line
from storage.layout import bucket_of, render_tinydb
from tests.storage.records import make_followup, make_vote


def write_v2_store(root: Path, cards: list[StoredCard]) -> dict[str, object]:
    """A schema-2 directory: whole cards in cards-<bb>.json, one unfolded journal record."""
    files: dict[tuple[int, str, int | None], list[str]] = {}

    def put(guild_id: int, table: str, bucket: int | None, row: dict) -> None:
        files.setdefault((guild_id, table, bucket), []).append(json.dumps(row))

    for seq, card in enumerate(cards, start=1):
        bucket = bucket_of(card.id)
        put(card.guild_id, "cards", bucket, card.to_dict())
        created = Event(card.id, EventKind.CARD_CREATED, card.created_at, 42, {"url": "u"})
        put(card.guild_id, "events", bucket, {**created.to_dict(), "seq": seq})
    first = cards[0]
    put(
        first.guild_id,
        "votes",
        bucket_of(first.id),
        make_vote(first.id, 1, VoteChoice.CREDIBLE).to_dict(),
    )
    put(first.guild_id, "followups", None, make_followup("fu1", first.id, first.guild_id).to_dict())
    put(first.guild_id, "settings", None, GuildSettings(first.guild_id, timezone="UTC").to_dict())
    for (guild_id, table, bucket), rows in files.items():
        name = f"{table}.json" if bucket is None else f"{table}-{bucket:02x}.json"
        path = root / "guilds" / str(guild_id) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(render_tinydb(table, rows)))
    (root / "meta.json").write_text(
        json.dumps({"meta": {"1": {"schema_version": 2, "last_lsn": 0, "last_seq": len(cards)}}})
    )
    # An acknowledged write the v2 process never folded into its files.
    late = make_vote(first.id, 2, VoteChoice.DUBIOUS)
    event = Event(first.id, EventKind.VOTE_CAST, late.cast_at, 2, {"claim_id": "c0"})
    (root / "journal").mkdir()
    record = {
        "lsn": 1,
        "ops": [["vote", late.to_dict()], ["event", len(cards) + 1, event.to_dict()]],
    }
    (root / "journal" / f"{1:016d}.log").write_bytes(encode_line(record))
    return {"late_vote": late}
