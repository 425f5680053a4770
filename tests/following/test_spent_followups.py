"""A follow-up whose last reminder was sent stays open, listed and matchable, but is never due
again (the store keeps ``due_at`` None), also after the store is reopened from disk."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.followups import ReminderWrite
from bot.models import FollowUp, FollowUpState, Stance
from storage import open_store
from tests.storage.records import T0, make_card, make_followup

H = timedelta(hours=1)


async def test_the_last_reminder_leaves_the_follow_up_open_but_never_due(tmp_path: Path) -> None:
    url = f"tinydb://{tmp_path / 'data'}"
    async with asyncio.timeout(20):
        store = await open_store(url)
        await store.save_card(make_card("card1"))
        await store.add_followup(make_followup("spent", "card1", due_hours=1))
        await store.add_followup(make_followup("later", "card1", due_hours=5))
        row = await store.get_followup("spent")
        assert row is not None
        last = ReminderWrite("spent", reminders_sent=5, due_at=None, last_reminded_at=T0 + H)
        await store.update_followup(last.apply(row))

        for _ in range(2):  # as written, then as read back from disk
            row = await store.get_followup("spent")
            assert row is not None and row.due_at is None and row.state is FollowUpState.OPEN
            assert [f.id for f in await store.due_followups(T0 + 100 * H)] == ["later"]
            assert [f.id for f in await store.open_followups(1)] == ["later", "spent"]
            assert await store.next_due_at() == T0 + 5 * H
            await store.close()
            store = await open_store(url)

        # resolving it removes it from the open list; reopening with a due time brings it back
        row = await store.get_followup("spent")
        assert row is not None
        resolved = replace(row, state=FollowUpState.RESOLVED, stance=Stance.NO_COMMENT,
                           resolved_at=T0 + 2 * H)
        await store.update_followup(resolved)
        assert [f.id for f in await store.open_followups(1)] == ["later"]
        reopened = replace(resolved, state=FollowUpState.OPEN, due_at=T0 + 3 * H)
        await store.update_followup(reopened)
        assert [f.id for f in await store.due_followups(T0 + 4 * H)] == ["spent"]
        await store.close()


def test_a_row_without_a_due_time_round_trips() -> None:
    row = replace(make_followup("f", "c"), due_at=None, stance=Stance.OTHER)
    assert FollowUp.from_dict(row.to_dict()) == row
