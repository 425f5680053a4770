"""Every follow-up edit is a compare-and-set: a row another process wrote between the read and
the write is read again and the change decided again, never overwritten."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.following.rows import EDIT_ATTEMPTS, FollowUpRows
from bot.models import FollowUp
from storage import Store, StoreConflict
from tests.storage.records import T0, make_card, make_followup


class AnotherProcess:
    """The store, with another process writing the row just before each of our writes."""

    def __init__(self, store: Store, write: Callable[[FollowUp], FollowUp], times: int) -> None:
        self._store = store
        self._write = write
        self.times = times

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def update_followup(self, followup: FollowUp, *args: Any, **kwargs: Any) -> None:
        if self.times > 0:
            self.times -= 1
            theirs = await self._store.get_followup(followup.id)
            assert theirs is not None
            await self._store.update_followup(self._write(theirs))
        await self._store.update_followup(followup, *args, **kwargs)


async def _row(store: Store) -> FollowUp:
    await store.save_card(make_card("c", guild_id=1))
    row = make_followup("f", "c")
    await store.add_followup(row)
    return row


async def test_an_edit_over_a_row_changed_since_it_was_read_is_decided_again(
    store: Store,
) -> None:
    await _row(store)
    other = AnotherProcess(store, lambda r: replace(r, assignee_id=7), times=1)
    seen: list[int | None] = []

    def snooze(current: FollowUp) -> FollowUp:
        seen.append(current.assignee_id)
        return replace(current, snoozed_until=T0 + timedelta(days=3))

    async with asyncio.timeout(10):
        written = await FollowUpRows(other).edit("f", snooze)  # type: ignore[arg-type]
    assert seen == [None, 7]  # the first decision was made on a stale row, so made again
    after = await store.get_followup("f")
    assert after == written
    assert after is not None and (after.assignee_id, after.snoozed_until) == (
        7, T0 + timedelta(days=3))


async def test_an_edit_that_keeps_losing_stops_with_a_clear_message(store: Store) -> None:
    await _row(store)
    other = AnotherProcess(store, lambda r: replace(r, note=f"{r.note or ''}x"), EDIT_ATTEMPTS)
    async with asyncio.timeout(10):
        with pytest.raises(StoreConflict, match="Try again in a moment"):
            await FollowUpRows(other).edit(  # type: ignore[arg-type]
                "f", lambda r: replace(r, assignee_id=9)
            )
    after = await store.get_followup("f")
    assert after is not None and (after.assignee_id, after.note) == (None, "x" * EDIT_ATTEMPTS)
