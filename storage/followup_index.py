"""Follow-ups in memory, indexed so the reminder clock and card matching stay cheap.

The truth is on disk (journal and ``followups.json``); this is a cache rebuilt at every open.
Besides the rows by id, it keeps per guild two lists sorted by time: open follow-ups by when
their next reminder is due (``due_at``, or the end of a snooze when later), and open follow-ups
with a page re-check planned by ``recheck_at``. A clock tick with nothing due then looks at the
first entry of each guild's list (about 100 comparisons for 100 guilds, whatever the number of
follow-ups), and a guild's open follow-ups come straight off its list. An open follow-up whose
reminders are spent (``due_at`` None) is in no time list; it is kept in a per-guild set so it is
still listed and matched.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator
from datetime import datetime

from bot.models import FollowUp, FollowUpState

Entry = tuple[datetime, str]  # (time, follow-up id)


def in_shard(guild_id: int, shard_id: int | None, shard_count: int) -> bool:
    """Discord's rule for which shard (process) serves a guild."""
    return shard_id is None or (guild_id >> 22) % shard_count == shard_id


def check_shard(shard_id: int | None, shard_count: int) -> None:
    if shard_count < 1 or (shard_id is not None and not 0 <= shard_id < shard_count):
        raise ValueError(f"shard {shard_id} of {shard_count} does not exist")


def reminder_time(followup: FollowUp) -> datetime | None:
    """When the follow-up's next reminder may go out: its due time, held back by a snooze;
    None when no reminder is left (``due_at`` None)."""
    due, snooze = followup.due_at, followup.snoozed_until
    if due is None:
        return None
    return snooze if snooze is not None and snooze > due else due


class TimeIndex:
    """Per-guild lists of ``(time, id)`` kept sorted; cheap to ask "what is due by now"."""

    def __init__(self) -> None:
        self.by_guild: dict[int, list[Entry]] = {}
        self._where: dict[str, tuple[int, Entry]] = {}
        self.loading = False  # while True, entries are appended and sorted by finish_loading

    def put(self, guild_id: int, followup_id: str, when: datetime | None) -> None:
        """Index the follow-up at ``when``, or drop it from the index when ``when`` is None."""
        old = self._where.pop(followup_id, None)
        if old is not None:
            entries = self.by_guild[old[0]]
            entries.pop(bisect.bisect_left(entries, old[1]))
        if when is None:
            return
        entry = (when, followup_id)
        entries = self.by_guild.setdefault(guild_id, [])
        if self.loading:
            entries.append(entry)
        else:
            bisect.insort(entries, entry)
        self._where[followup_id] = (guild_id, entry)

    def finish_loading(self) -> None:
        for entries in self.by_guild.values():
            entries.sort()
        self.loading = False

    def due(self, now: datetime, limit: int, shard_id: int | None, shard_count: int) -> list[str]:
        """Ids of the entries at or before ``now`` in the shard's guilds, earliest first."""
        runs = [
            self._until(entries, now)
            for guild_id, entries in self.by_guild.items()
            if entries and entries[0][0] <= now and in_shard(guild_id, shard_id, shard_count)
        ]
        found: list[str] = []
        for _, followup_id in heapq.merge(*runs):
            if len(found) >= limit:
                break
            found.append(followup_id)
        return found

    @staticmethod
    def _until(entries: list[Entry], now: datetime) -> Iterator[Entry]:
        for entry in entries:
            if entry[0] > now:
                return
            yield entry

    def earliest(self, shard_id: int | None, shard_count: int) -> datetime | None:
        heads = [
            entries[0][0]
            for guild_id, entries in self.by_guild.items()
            if entries and in_shard(guild_id, shard_id, shard_count)
        ]
        return min(heads, default=None)

    def ids(self, guild_id: int) -> list[str]:
        return [followup_id for _, followup_id in self.by_guild.get(guild_id, ())]


class FollowUpIndex:
    """Every follow-up by id, by guild and by card, plus the reminder and re-check indexes."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[FollowUp, str]] = {}  # id -> (follow-up, its JSON row)
        self.by_guild: dict[int, dict[str, None]] = {}
        self.by_card: dict[str, dict[str, None]] = {}
        self.reminders = TimeIndex()
        self.rechecks = TimeIndex()
        self.spent: dict[int, dict[str, None]] = {}  # open, no reminder left, by guild

    def put(self, followup: FollowUp, text: str) -> int | None:
        """Store or replace a follow-up; the guild it moved away from, if any."""
        old = self.rows.get(followup.id)
        moved_from = None
        if old is not None:
            if old[0].guild_id != followup.guild_id:
                self.by_guild[old[0].guild_id].pop(followup.id, None)
                moved_from = old[0].guild_id
            self.spent.get(old[0].guild_id, {}).pop(followup.id, None)
            if old[0].card_id != followup.card_id:
                self.by_card[old[0].card_id].pop(followup.id, None)
        self.rows[followup.id] = (followup, text)
        self.by_guild.setdefault(followup.guild_id, {})[followup.id] = None
        self.by_card.setdefault(followup.card_id, {})[followup.id] = None
        is_open = followup.state is FollowUpState.OPEN
        when = reminder_time(followup) if is_open else None
        self.reminders.put(followup.guild_id, followup.id, when)
        if is_open and when is None:
            self.spent.setdefault(followup.guild_id, {})[followup.id] = None
        self.rechecks.put(followup.guild_id, followup.id, followup.recheck_at if is_open else None)
        return moved_from

    def remove(self, followup_id: str) -> None:
        """Forget a follow-up entirely (undoing its creation; see :mod:`storage.undo`)."""
        row = self.rows.pop(followup_id, None)
        if row is None:
            return
        followup = row[0]
        for index, key in (
            (self.by_guild, followup.guild_id),
            (self.by_card, followup.card_id),
            (self.spent, followup.guild_id),
        ):
            members = index.get(key)
            if members is not None:
                members.pop(followup_id, None)
                if not members:
                    del index[key]
        self.reminders.put(followup.guild_id, followup_id, None)
        self.rechecks.put(followup.guild_id, followup_id, None)

    def set_loading(self, loading: bool) -> None:
        if loading:
            self.reminders.loading = self.rechecks.loading = True
        else:
            self.reminders.finish_loading()
            self.rechecks.finish_loading()

    def get(self, followup_id: str) -> FollowUp | None:
        row = self.rows.get(followup_id)
        return row[0] if row else None

    def of(self, ids: list[str]) -> list[FollowUp]:
        return [self.rows[i][0] for i in ids]

    def open_in_guild(self, guild_id: int) -> list[FollowUp]:
        """Earliest reminder first; then those with no reminder left, oldest first."""
        spent = self.of(list(self.spent.get(guild_id, ())))
        spent.sort(key=lambda f: (f.created_at, f.id))
        return self.of(self.reminders.ids(guild_id)) + spent

    def for_card(self, card_id: str) -> list[FollowUp]:
        found = self.of(list(self.by_card.get(card_id, ())))
        return sorted(found, key=lambda f: (f.created_at, f.id))

    def guild_rows(self, guild_id: int) -> list[str]:
        return [self.rows[i][1] for i in self.by_guild.get(guild_id, ())]
