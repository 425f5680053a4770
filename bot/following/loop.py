"""The background loops: one per service (reminders, re-checks), one set per process.

Each loop ticks its service, then sleeps until the service's next due time (from the store,
never an in-memory timer per row), at most ``max_sleep``, or until :meth:`poke` says a sooner
row may exist (a follow-up was just opened or reopened). A failed tick is logged and the loop
goes on after ``max_sleep``. The cog starts them in ``cog_load`` and stops them in
``cog_unload``; a restart resumes from the store and catches up (one digest, not a flood).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.following.rows import Clock, utc_now

log = logging.getLogger("claimdeck.following.loop")


class Tickable(Protocol):
    async def tick(self, now: datetime | None = None) -> object: ...

    async def next_wake(self) -> datetime | None: ...


class ServiceLoop:
    def __init__(
        self,
        name: str,
        service: Tickable,
        *,
        clock: Clock = utc_now,
        max_sleep: timedelta = timedelta(minutes=1),
        min_sleep: timedelta = timedelta(seconds=1),
    ) -> None:
        self.name = name
        self.service = service
        self.clock = clock
        self.max_sleep = max_sleep
        self.min_sleep = min_sleep
        self.ticks = 0
        self._poked = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name=f"claimdeck-{self.name}"
            )

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def poke(self) -> None:
        """Wake the loop now: a row due sooner than its current sleep may exist."""
        self._poked.set()

    async def _run(self) -> None:
        while True:
            self._poked.clear()
            try:
                await self.service.tick(self.clock())
                wake = await self.service.next_wake()
            except Exception:
                log.exception("%s tick failed; trying again in %s", self.name, self.max_sleep)
                wake = None
            self.ticks += 1
            await self._sleep_until(wake)

    async def _sleep_until(self, wake: datetime | None) -> None:
        delay = self.max_sleep
        if wake is not None:
            delay = min(max(wake - self.clock(), self.min_sleep), self.max_sleep)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(delay.total_seconds()):
                await self._poked.wait()


class FollowUpLoops:
    """The reminder loop and, when re-checks are on, the re-check loop of one process."""

    def __init__(self, *loops: ServiceLoop) -> None:
        self.loops = loops

    def start(self) -> None:
        for loop in self.loops:
            loop.start()

    async def stop(self) -> None:
        for loop in self.loops:
            await loop.stop()

    def poke(self) -> None:
        for loop in self.loops:
            loop.poke()
