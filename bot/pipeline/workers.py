"""Worker processes for the CPU half of the pipeline, each task with a wall-clock budget.

A shared ``ProcessPoolExecutor`` cannot stop one task: it does not say which process runs it,
and killing any worker breaks the whole pool, failing the other cards in flight. So each slot
here is its own one-process executor. A card that overruns its budget has its process killed
and replaced; the other slots never notice, and their cards go on.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from bot.errors import AnalysisFailed, AnalysisTimedOut
from bot.pipeline.worker import limit_native_threads_for_workers

T = TypeVar("T")
log = logging.getLogger("claimdeck.pipeline")

# Ordinary articles take well under a second; the worst input found takes a few (bench/analysis.py).
DEFAULT_BUDGET_SECONDS = 20.0


def one_process_executor() -> ProcessPoolExecutor:
    """A single spawned worker (``spawn``: no lock held by another thread is forked)."""
    limit_native_threads_for_workers()
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def _kill(executor: Executor) -> None:
    """End the executor's processes now: a task past its budget is never waited for."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    executor.shutdown(wait=False, cancel_futures=True)


class _Slot:
    """One worker process and the executor that feeds it, replaced when it dies or overruns."""

    def __init__(self, factory: Callable[[], Executor]) -> None:
        self._factory = factory
        self.executor = factory()
        self.cold = True  # a new process: it has not loaded the model yet

    def replace(self, *, kill: bool) -> None:
        old = self.executor
        if kill:
            _kill(old)
        else:
            old.shutdown(wait=False, cancel_futures=True)
        self.executor = self._factory()
        self.cold = True


class WorkerPool:
    """``workers`` processes, one task each at a time, every task bounded by ``budget`` seconds.

    Tasks wait for a free slot (that wait is not part of the budget). A worker that dies (killed
    for memory, say) is replaced and the task tried once more on the fresh one; a task that
    kills two workers, or overruns its budget, is refused with a sentence for the user.
    """

    def __init__(
        self,
        workers: int,
        budget: float = DEFAULT_BUDGET_SECONDS,
        factory: Callable[[], Executor] = one_process_executor,
        warm: Callable[[], object] | None = None,
    ) -> None:
        self.budget = budget
        self._warm = warm  # run in a new worker before it takes a task: start-up is not a card's
        self._warming: set[asyncio.Task[None]] = set()
        self._slots = [_Slot(factory) for _ in range(max(1, workers))]
        self._idle: asyncio.Queue[_Slot] = asyncio.Queue()
        for slot in self._slots:
            self._idle.put_nowait(slot)

    @property
    def size(self) -> int:
        return len(self._slots)

    async def run(self, function: Callable[..., T], *args: object) -> T:
        slot = await self._idle.get()
        try:
            try:
                return await self._in(slot, function, args)
            except BrokenProcessPool:
                log.error("an analysis worker died; starting a new one")
                slot.replace(kill=False)
            try:
                return await self._in(slot, function, args)
            except BrokenProcessPool:
                slot.replace(kill=False)
                raise AnalysisFailed(
                    "Analysing that page crashed Claimdeck's worker twice, so it was skipped. "
                    "If it is a very large page, try a shorter version of the article."
                ) from None
        finally:
            self._release(slot)

    def _release(self, slot: _Slot) -> None:
        """Back to the idle queue; a replaced worker first loads the model, in the background."""
        if not (slot.cold and self._warm is not None):
            self._idle.put_nowait(slot)
            return
        task = asyncio.get_running_loop().create_task(self._warm_then_release(slot))
        self._warming.add(task)
        task.add_done_callback(self._warming.discard)

    async def _warm_then_release(self, slot: _Slot) -> None:
        try:
            await self._start(slot)
        except Exception:  # the next task will find out, and replace it again
            log.exception("a new analysis worker failed to start")
        finally:
            self._idle.put_nowait(slot)

    async def _start(self, slot: _Slot, budget: float = 120.0) -> None:
        """Loading the model is slow on a busy machine, so it has its own, longer budget."""
        assert self._warm is not None
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(budget):
            await loop.run_in_executor(slot.executor, self._warm)
        slot.cold = False

    async def _in(self, slot: _Slot, function: Callable[..., T], args: tuple[object, ...]) -> T:
        future = asyncio.get_running_loop().run_in_executor(slot.executor, function, *args)
        try:
            return await asyncio.wait_for(future, self.budget)
        except TimeoutError:
            log.warning("an analysis ran past its %.0f s budget; worker replaced", self.budget)
            slot.replace(kill=True)
            raise AnalysisTimedOut(
                "This article took too long to analyse; it has been skipped."
            ) from None

    async def warm_up(self) -> None:
        """Start every worker now (load the model before the first link, not during it)."""
        if self._warm is None:
            return
        slots = [await self._idle.get() for _ in self._slots]
        try:
            await asyncio.gather(*(self._start(slot) for slot in slots if slot.cold))
        finally:
            for slot in slots:
                self._idle.put_nowait(slot)

    async def settled(self) -> None:
        """Wait until every replaced worker has started (tests; an orderly stop)."""
        await asyncio.gather(*self._warming, return_exceptions=True)

    def shutdown(self) -> None:
        """Let the workers finish and exit, and wait for them (benchmarks count their CPU)."""
        for slot in self._slots:
            slot.executor.shutdown(wait=True)

    def close(self) -> None:
        """Stop every worker now (the bot is shutting down; queued work is dropped)."""
        for slot in self._slots:
            _kill(slot.executor)
