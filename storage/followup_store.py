"""The follow-up half of the TinyDB store's API (a mixin of :class:`TinyDBStore`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.models import Event, EventKind, FollowUp, FollowUpState, StoredCard
from storage.engine import utc
from storage.errors import StoreError, UnknownCard
from storage.state import Op, StoreState


class FollowUpMethods:
    """Follow-up reads and writes; the store supplies ``_state``, ``_mutate`` and ``_event_op``."""

    _state: StoreState
    _mutate: Callable[..., Any]
    _event_op: Callable[..., Op]
    _require_card: Callable[[str], StoredCard]

    # --- follow-ups --------------------------------------------------------------------------

    @staticmethod
    def _normalise_followup(followup: FollowUp) -> FollowUp:
        resolved = followup.resolved_at
        return dataclasses.replace(
            followup,
            due_at=utc(followup.due_at, "follow-up due"),
            created_at=utc(followup.created_at, "follow-up creation"),
            resolved_at=utc(resolved, "follow-up resolution") if resolved else None,
        )

    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        followup = self._normalise_followup(followup)

        def plan() -> tuple[list[Op], None]:
            self._require_card(followup.card_id)
            if followup.id in self._state.followups:
                raise StoreError(f"A follow-up with id {followup.id!r} already exists.")
            data = {"followup_id": followup.id, "party": followup.party}
            data["due_at"] = followup.due_at.isoformat()
            event = Event(
                followup.card_id, EventKind.FOLLOWUP_CREATED, followup.created_at, actor_id, data
            )
            return [["followup", followup.to_dict()], self._event_op(event)], None

        await self._mutate(plan)

    async def update_followup(
        self, followup: FollowUp, actor_id: int | None = None, at: datetime | None = None
    ) -> None:
        """Save a changed follow-up; a resolution or a new reminder is logged as an event.

        ``at`` is when it happened (defaults to ``resolved_at`` for a resolution, else now).
        """
        followup = self._normalise_followup(followup)

        def plan() -> tuple[list[Op], None]:
            if followup.card_id not in self._state.cards:
                raise UnknownCard(followup.card_id)
            old_entry = self._state.followups.get(followup.id)
            if old_entry is None:
                raise StoreError(
                    f"There is no follow-up with id {followup.id!r}; it may have been removed."
                )
            old = old_entry[0]
            ops: list[Op] = [["followup", followup.to_dict()]]
            when = utc(at, "follow-up update") if at else None
            if followup.reminders_sent > old.reminders_sent:
                data = {"followup_id": followup.id, "reminders_sent": followup.reminders_sent}
                event = Event(
                    followup.card_id,
                    EventKind.FOLLOWUP_REMINDED,
                    when or datetime.now(UTC),
                    actor_id,
                    data,
                )
                ops.append(self._event_op(event, len(ops) - 1))
            if old.state is FollowUpState.OPEN and followup.state is FollowUpState.RESOLVED:
                data = {"followup_id": followup.id, "resolution_url": followup.resolution_url}
                event = Event(
                    followup.card_id,
                    EventKind.FOLLOWUP_RESOLVED,
                    when or followup.resolved_at or datetime.now(UTC),
                    actor_id,
                    data,
                )
                ops.append(self._event_op(event, len(ops) - 1))
            return ops, None

        await self._mutate(plan)

    async def get_followup(self, followup_id: str) -> FollowUp | None:
        entry = self._state.followups.get(followup_id)
        return entry[0] if entry else None

    async def due_followups(self, now: datetime, limit: int = 50) -> list[FollowUp]:
        now = utc(now, "current")
        due = [
            f
            for f, _ in self._state.followups.values()
            if f.state is FollowUpState.OPEN and f.due_at <= now
        ]
        return sorted(due, key=lambda f: (f.due_at, f.id))[:limit]

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        ids = self._state.guild_followups.get(guild_id, {})
        found = [self._state.followups[i][0] for i in ids]
        return sorted(
            (f for f in found if f.state is FollowUpState.OPEN), key=lambda f: (f.due_at, f.id)
        )
