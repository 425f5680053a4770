"""The follow-up half of the TinyDB store's API (a mixin of :class:`TinyDBStore`).

Every change is one journal record holding the new row and, when something happened that the
card's history should show, its event: "reminder sent" and "next reminder scheduled" cannot be
separated by a crash. Reads come from :class:`~storage.followup_index.FollowUpIndex`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.models import Event, EventKind, FollowUp, FollowUpState, StoredCard
from storage import history_events
from storage.engine import utc
from storage.errors import StoreConflict, StoreError, UnknownCard
from storage.followup_index import check_shard
from storage.state import Op, StoreState

_TIMES = ("due_at", "created_at", "resolved_at", "snoozed_until", "last_reminded_at", "recheck_at")


def _normalise(followup: FollowUp) -> FollowUp:
    """Every time in UTC; a naive one is refused (each host would read it differently)."""
    changes = {
        name: utc(value, f"follow-up {name.removesuffix('_at').replace('_', ' ')}")
        for name in _TIMES
        if (value := getattr(followup, name)) is not None
    }
    return dataclasses.replace(followup, **changes)


def _inferred_events(old: FollowUp, new: FollowUp) -> list[tuple[EventKind, dict[str, Any]]]:
    """What changed, as history, when the caller did not say: more reminders sent, resolved,
    closed or reopened."""
    found: list[tuple[EventKind, dict[str, Any]]] = []
    if new.reminders_sent > old.reminders_sent:
        found.append((EventKind.FOLLOWUP_REMINDED, {"reminders_sent": new.reminders_sent}))
    if old.state is not new.state:
        if new.state is FollowUpState.RESOLVED:
            found.append((EventKind.FOLLOWUP_RESOLVED, {"resolution_url": new.resolution_url}))
        elif new.state is FollowUpState.CLOSED:
            found.append((EventKind.FOLLOWUP_CLOSED, {}))
        else:
            found.append((EventKind.FOLLOWUP_REOPENED, {"from": old.state.value}))
    return found


def check_unchanged(stored: FollowUp, expected: FollowUp | None) -> None:
    """The compare of a compare-and-set update: the row is still the one the caller read."""
    if expected is not None and stored != _normalise(expected):
        raise StoreConflict("This follow-up")


class FollowUpMethods:
    """Follow-up reads and writes; the store supplies ``_state``, ``_mutate`` and ``_event_op``."""

    _state: StoreState
    _mutate: Callable[..., Any]
    _event_op: Callable[..., Op]
    _require_card: Callable[[str], StoredCard]

    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        followup = _normalise(followup)

        def plan() -> tuple[list[Op], None]:
            entry = self._state.cards.get(followup.card_id)
            if entry is None:
                raise UnknownCard(followup.card_id)
            if entry.guild_id != followup.guild_id:
                raise StoreError(
                    f"Follow-up {followup.id!r} names server {followup.guild_id}, but its card "
                    f"{followup.card_id!r} is in server {entry.guild_id}."
                )
            if followup.id in self._state.followups.rows:
                raise StoreError(f"A follow-up with id {followup.id!r} already exists.")
            event = history_events.followup_created(followup, actor_id)
            return [["followup", followup.to_dict()], self._event_op(event)], None

        await self._mutate(plan)

    async def update_followup(
        self,
        followup: FollowUp,
        actor_id: int | None = None,
        at: datetime | None = None,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
        expected: FollowUp | None = None,
    ) -> None:
        """Replace a follow-up and log what happened, in one durable write.

        With ``kind``, one event of that kind is logged with ``data`` (plus ``followup_id``).
        Without it, the change is inferred: more reminders (FOLLOWUP_REMINDED), resolved,
        closed or reopened; nothing is logged for other edits. ``at`` is when it happened
        (defaults to ``resolved_at`` for a resolution, else now). With ``expected``, only if
        the stored row still equals it (else ``StoreConflict``).
        """
        followup = _normalise(followup)
        when = utc(at, "follow-up update") if at else None
        if data is not None:
            try:
                json.dumps(data)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"The follow-up event data cannot be saved: {exc}.") from exc

        def plan() -> tuple[list[Op], None]:
            if followup.card_id not in self._state.cards:
                raise UnknownCard(followup.card_id)
            old = self._state.followups.get(followup.id)
            if old is None:
                raise StoreError(
                    f"There is no follow-up with id {followup.id!r}; it may have been removed."
                )
            if (old.card_id, old.guild_id) != (followup.card_id, followup.guild_id):
                raise StoreError(
                    f"Follow-up {followup.id!r} belongs to card {old.card_id!r}; it cannot move "
                    "to another card or server."
                )
            check_unchanged(old, expected)
            if kind is not None:
                events = [(kind, dict(data or {}))]
            else:
                events = _inferred_events(old, followup)
            ops: list[Op] = [["followup", followup.to_dict()]]
            for offset, (event_kind, event_data) in enumerate(events):
                moment = when or datetime.now(UTC)
                if event_kind is EventKind.FOLLOWUP_RESOLVED and not when:
                    moment = followup.resolved_at or moment
                payload = {"followup_id": followup.id, **event_data}
                event = Event(followup.card_id, event_kind, moment, actor_id, payload)
                ops.append(self._event_op(event, offset))
            return ops, None

        await self._mutate(plan)

    async def get_followup(self, followup_id: str) -> FollowUp | None:
        return self._state.followups.get(followup_id)

    async def followups_for_card(self, card_id: str) -> list[FollowUp]:
        return self._state.followups.for_card(card_id)

    async def due_followups(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        check_shard(shard_id, shard_count)
        index = self._state.followups
        ids = index.reminders.due(utc(now, "current"), limit, shard_id, shard_count)
        return index.of(ids)

    async def next_due_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        check_shard(shard_id, shard_count)
        return self._state.followups.reminders.earliest(shard_id, shard_count)

    async def due_rechecks(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        check_shard(shard_id, shard_count)
        index = self._state.followups
        ids = index.rechecks.due(utc(now, "current"), limit, shard_id, shard_count)
        return index.of(ids)

    async def next_recheck_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        check_shard(shard_id, shard_count)
        return self._state.followups.rechecks.earliest(shard_id, shard_count)

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        return self._state.followups.open_in_guild(guild_id)
