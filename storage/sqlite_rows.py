"""Records to SQLite rows and back, through the models' own ``to_dict`` / ``from_dict``.

A row's ``record`` column is the record's JSON exactly as the TinyDB backend writes it
(:func:`storage.card_entry.to_json`), so both backends read and write one format; the other
columns are derived from the record only to find and order rows (times as integer microseconds
since the epoch, UTC, which sort as numbers and compare exactly).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.models import FollowUp, FollowUpState, StoredCard
from storage.card_entry import to_json
from storage.errors import StoreCorrupt, StoreError
from storage.followup_index import reminder_time

T = TypeVar("T")
log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CARD_COLUMNS = "id, record, channel_id, message_id, thread_id, voting_closed"
ONE_CARD_ADVICE = (
    "Only this card is affected; the rest of the store keeps working. To get it back, stop "
    "Claimdeck and restore the database from a backup."
)
ONE_ROW_ADVICE = (
    "Only this record is affected; the rest of the store keeps working (lists leave it out). "
    "To get it back, stop Claimdeck and restore the database from a backup."
)


def micros(value: datetime) -> int:
    """``value`` (timezone-aware) as whole microseconds since the epoch."""
    return (value - EPOCH) // timedelta(microseconds=1)


def from_micros(value: int | None) -> datetime | None:
    return None if value is None else EPOCH + timedelta(microseconds=value)


def loads_back(parse: Callable[[dict[str, Any]], object], data: dict[str, Any], what: str) -> str:
    """``data`` as JSON, once it is known to load back: a row that cannot be read would break
    every later read of it, so it is refused before it is written."""
    try:
        text = to_json(data)
        parse(json.loads(text))
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise StoreError(f"This {what} record cannot be saved: {exc!r}.") from exc
    return text


def load_record(
    parse: Callable[[dict[str, Any]], T], text: str, path: Path, what: str, key: object
) -> T:
    """The record ``text`` of the ``what`` row ``key``, read with ``parse`` (a ``from_dict``).
    The schema cannot check the JSON inside a row (nor can ``PRAGMA quick_check``), so a
    damaged one is a :class:`StoreCorrupt` naming the database and the row, never a bare
    ``JSONDecodeError`` or ``KeyError``."""
    try:
        return parse(json.loads(text))
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise StoreCorrupt(
            path, f"the record of {what} {key!r} is not a valid {what} ({exc!r})", ONE_ROW_ADVICE
        ) from exc


def load_each(
    rows: Iterable[tuple[Any, ...]], load: Callable[[tuple[Any, ...]], T], reported: set[str]
) -> list[T]:
    """``load`` of every row, leaving out (and logging once per store) the damaged ones: as
    with a damaged card in a list, one bad row costs only itself, not the whole list (nor a
    shard's reminder clock)."""
    found: list[T] = []
    for row in rows:
        try:
            found.append(load(row))
        except StoreCorrupt as exc:
            report_damage(reported, str(exc), exc)
    return found


def report_damage(reported: set[str], key: str, exc: StoreCorrupt) -> None:
    """Log ``exc`` the first time ``key`` is met damaged (lists are read again and again)."""
    if key not in reported:
        reported.add(key)
        log.error("a damaged record is left out of lists: %s", exc)


def card_row(card: StoredCard) -> dict[str, Any]:
    """The ``cards`` row of ``card`` (named parameters for its INSERT or UPDATE)."""
    return {
        "id": card.id,
        "guild_id": card.guild_id,
        "created_us": micros(card.created_at),
        "title_folded": card.card.article.title.casefold(),
        "claim_ids": json.dumps([c.id for c in card.card.claims], ensure_ascii=False),
        "channel_id": card.channel_id,
        "message_id": card.message_id,
        "thread_id": card.thread_id,
        "voting_closed": int(card.voting_closed),
        "record": loads_back(StoredCard.from_dict, card.to_dict(), "card"),
    }


def card_from_row(row: tuple[Any, ...], path: Path) -> StoredCard:
    """A card read with :data:`CARD_COLUMNS`; where it is posted and whether voting is closed
    come from their columns (changed without rewriting the record).
    :class:`StoreCorrupt` when the record does not load."""
    card_id, record, channel_id, message_id, thread_id, voting_closed = row
    try:
        data = json.loads(record)
        data.update(
            channel_id=channel_id,
            message_id=message_id,
            thread_id=thread_id,
            voting_closed=bool(voting_closed),
        )
        return StoredCard.from_dict(data)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise StoreCorrupt(
            path, f"the record of card {card_id!r} is not a valid card ({exc!r})", ONE_CARD_ADVICE
        ) from exc


def followup_row(followup: FollowUp) -> dict[str, Any]:
    """The ``followups`` row: the due-time columns say what the reminder clock looks for."""
    is_open = followup.state is FollowUpState.OPEN
    remind = reminder_time(followup) if is_open else None
    recheck = followup.recheck_at if is_open else None
    return {
        "id": followup.id,
        "card_id": followup.card_id,
        "guild_id": followup.guild_id,
        "shard_key": followup.guild_id >> 22,
        "created_us": micros(followup.created_at),
        "remind_us": None if remind is None else micros(remind),
        "recheck_us": None if recheck is None else micros(recheck),
        "spent": int(is_open and remind is None),
        "record": loads_back(FollowUp.from_dict, followup.to_dict(), "follow-up"),
    }


def shard_filter(shard_id: int | None, shard_count: int) -> tuple[str, tuple[int, ...]]:
    """SQL (and its parameters) keeping the follow-ups of the shard's guilds: Discord's rule
    ``(guild_id >> 22) % shard_count == shard_id``; ``shard_key`` holds ``guild_id >> 22``."""
    if shard_id is None:
        return "", ()
    return " AND shard_key % ? = ?", (shard_count, shard_id)
