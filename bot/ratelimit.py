"""Sliding-window rate limits per member and per guild, with an injected clock.

Kept in memory on purpose: a restart forgiving a few links is harmless, and a limit check must
not cost a disk write.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from time import monotonic


@dataclass(frozen=True)
class Limit:
    count: int
    per_seconds: float

    def describe(self) -> str:
        unit = "minute" if self.per_seconds == 60 else f"{self.per_seconds:.0f} s"
        cards = "card" if self.count == 1 else "cards"
        return f"{self.count} {cards} in the last {unit}"


class SlidingWindow:
    """Allows at most ``limit.count`` events per key within any ``limit.per_seconds`` window."""

    def __init__(self, limit: Limit, clock: Callable[[], float] = monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._events: dict[Hashable, deque[float]] = {}
        self._last_sweep = clock()

    def retry_after(self, key: Hashable) -> float:
        """Seconds until ``key`` may act again; 0 when it may act now."""
        now = self.clock()
        events = self._events.get(key)
        if events is None:
            return 0.0
        while events and now - events[0] >= self.limit.per_seconds:
            events.popleft()
        if not events:
            del self._events[key]  # idle keys cost no memory
            return 0.0
        if len(events) < self.limit.count:
            return 0.0
        return self.limit.per_seconds - (now - events[0])

    def hit(self, key: Hashable) -> None:
        now = self.clock()
        if now - self._last_sweep >= self.limit.per_seconds:
            self._forget_idle(now)
        self._events.setdefault(key, deque()).append(now)

    def _forget_idle(self, now: float) -> None:
        """Drop keys with nothing in the window, so members who went quiet cost no memory."""
        self._last_sweep = now
        idle = [k for k, e in self._events.items() if now - e[-1] >= self.limit.per_seconds]
        for key in idle:
            del self._events[key]


class LinkLimits:
    """The two limits a card request must pass: one member's pace and the whole guild's."""

    def __init__(
        self,
        member: Limit = Limit(5, 60.0),
        guild: Limit = Limit(30, 60.0),
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.member = SlidingWindow(member, clock)
        self.guild = SlidingWindow(guild, clock)

    def check(self, guild_id: int, member_id: int) -> str | None:
        """Record the request and return None, or a friendly refusal (not recorded)."""
        wait = self.member.retry_after((guild_id, member_id))
        if wait > 0:
            return (
                f"Slow down: you have asked for {self.member.limit.describe()}. "
                f"I skipped this link; try again in {math.ceil(wait)} s."
            )
        wait = self.guild.retry_after(guild_id)
        if wait > 0:
            return (
                f"This server has asked for {self.guild.limit.describe()}. "
                f"I skipped this link; try again in {math.ceil(wait)} s."
            )
        self.member.hit((guild_id, member_id))
        self.guild.hit(guild_id)
        return None
