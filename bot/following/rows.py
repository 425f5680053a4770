"""One writer per follow-up row at a time, and the clock every service reads.

Rows are read, changed and written back whole (``Store.update_followup``). The reminder loop,
the re-check loop, button clicks and slash commands all do that to the same rows; without a lock
a reminder write could put back an assignee a command had just changed. Each change happens
under the row's lock, on the row as it is now (never on a copy read before an await).

Processes do not share these locks, and two processes can hold one guild for a while (an
overlapping restart, a process started without a shard). So every write here is also a
compare-and-set in the store (``expected``): a row another process wrote in between is read
again and the change decided again, never overwritten.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from bot.models import EventKind, FollowUp
from storage import Store, StoreConflict

Clock = Callable[[], datetime]
EDIT_ATTEMPTS = 5  # another process winning five times in a row is a conflict to report


def utc_now() -> datetime:
    return datetime.now(UTC)


class FollowUpRows:
    """Per-row locks over a store, shared by every follow-up service of a process."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def locked(self, followup_id: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(followup_id) or (asyncio.Lock(), 0)
        self._locks[followup_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[followup_id]
            if users <= 1:
                del self._locks[followup_id]  # nobody waits: do not keep a lock per row forever
            else:
                self._locks[followup_id] = (lock, users - 1)

    async def edit(
        self,
        followup_id: str,
        change: Callable[[FollowUp], FollowUp | None],
        *,
        actor_id: int | None = None,
        at: datetime | None = None,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
    ) -> FollowUp | None:
        """Apply ``change`` to the row as it is now and write it with its event in one write.

        ``change`` returns None to leave the row alone (nothing is written); the result is the
        row as written, or None when the row is gone or was left alone.
        """
        async with self.locked(followup_id):
            return await self.edit_locked(
                followup_id, change, actor_id=actor_id, at=at, kind=kind, data=data
            )

    async def edit_locked(
        self,
        followup_id: str,
        change: Callable[[FollowUp], FollowUp | None],
        *,
        actor_id: int | None = None,
        at: datetime | None = None,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
    ) -> FollowUp | None:
        """:meth:`edit` for a caller that already holds the row's lock."""
        for _ in range(EDIT_ATTEMPTS):
            current = await self.store.get_followup(followup_id)
            if current is None:
                return None
            new = change(current)
            if new is None:
                return None
            try:
                await self.store.update_followup(
                    new, actor_id=actor_id, at=at, kind=kind, data=data, expected=current
                )
            except StoreConflict:
                continue  # written by another process since the read: decide again
            return new
        raise StoreConflict("This follow-up")
