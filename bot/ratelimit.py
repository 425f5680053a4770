"""Sliding-window rate limits per member and per guild, with an injected clock.

Kept in memory on purpose: a restart forgiving a few links is harmless, and a limit check must
not cost a disk write.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from time import monotonic


@dataclass(frozen=True)
class Limit:
    count: int
    per_seconds: float


class SlidingWindow:
    """Allows at most ``limit.count`` events per key within any ``limit.per_seconds`` window."""

    def __init__(self, limit: Limit, clock: Callable[[], float] = monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._events: dict[Hashable, deque[float]] = {}

    def _window(self, key: Hashable, now: float) -> deque[float]:
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self.limit.per_seconds:
            events.popleft()
        return events

    def retry_after(self, key: Hashable) -> float:
        """Seconds until ``key`` may act again; 0 when it may act now."""
        now = self.clock()
        events = self._window(key, now)
        if len(events) < self.limit.count:
            return 0.0
        return self.limit.per_seconds - (now - events[0])

    def hit(self, key: Hashable) -> None:
        now = self.clock()
        self._window(key, now).append(now)


class LinkLimits:
    """The two limits a link must pass: one member's pace and the whole guild's."""

    def __init__(
        self,
        member: Limit = Limit(5, 60.0),
        guild: Limit = Limit(30, 60.0),
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.member = SlidingWindow(member, clock)
        self.guild = SlidingWindow(guild, clock)

    def check(self, guild_id: int, member_id: int) -> str | None:
        """Record the attempt and return None, or a friendly refusal without recording it."""
        wait = self.member.retry_after((guild_id, member_id))
        if wait > 0:
            return (
                f"You have posted {self.member.limit.count} links in the last "
                f"{self.member.limit.per_seconds:.0f} s; I will read more in {wait:.0f} s."
            )
        wait = self.guild.retry_after(guild_id)
        if wait > 0:
            return (
                f"This server has sent {self.guild.limit.count} links in the last "
                f"{self.guild.limit.per_seconds:.0f} s; try again in {wait:.0f} s."
            )
        self.member.hit((guild_id, member_id))
        self.guild.hit(guild_id)
        return None
