"""CardPipeline: the async entry point from a URL, HTML or text to a ``ClaimCard``.

``CardPipeline`` is the one entry point the CLI and the bot use. Fetching happens on the event
loop (it is I/O); extraction and spaCy analysis run in an executor with bounded concurrency so a
burst of links never stalls the loop (Discord heartbeats keep flowing).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from bot.errors import AnalysisFailed
from bot.models import Article, ClaimCard
from bot.pipeline import build
from bot.pipeline.extract import article_from_text, extract
from bot.pipeline.fetch import FetchedPage, Fetcher
from bot.pipeline.worker import limit_native_threads_for_workers

T = TypeVar("T")
log = logging.getLogger("claimdeck.pipeline")


def _warm_up() -> bool:
    build.shared_analyzer()
    return True


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of spaCy workers; ``spawn`` so no lock held by another thread is forked."""
    limit_native_threads_for_workers()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


class CardPipeline:
    """Turns URLs, HTML and plain text into claim cards without blocking the event loop.

    ``executor_factory`` makes the executor for the CPU work: a process pool in the bot (true
    parallelism on every core), or ``None`` for the default thread pool (fine for the CLI). A
    pool whose worker died (killed for memory, say) is replaced, so one bad page does not stop
    every card until a restart. ``max_concurrency`` bounds how many cards are in the executor at
    once, so memory stays flat under a burst; twice the worker count keeps a task queued behind
    each busy worker, so none idles between cards.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        executor_factory: Callable[[], Executor] | None = None,
        max_concurrency: int = 2,
    ) -> None:
        self.fetcher = fetcher
        self._executor_factory = executor_factory
        self.executor: Executor | None = executor_factory() if executor_factory else None
        self._slots = asyncio.Semaphore(max_concurrency)

    async def warm_up(self) -> None:
        """Load the model in every worker now rather than on the first user's link."""
        workers = getattr(self.executor, "_max_workers", 1)
        await asyncio.gather(*(self._run(_warm_up) for _ in range(workers)))

    def close(self) -> None:
        """Stop the workers (queued work is dropped; the bot is shutting down)."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    async def _run(self, function: Callable[..., T], *args: object) -> T:
        async with self._slots:
            loop = asyncio.get_running_loop()
            executor = self.executor
            try:
                return await loop.run_in_executor(executor, function, *args)
            except BrokenProcessPool:
                self._replace(executor)
            try:
                return await loop.run_in_executor(self.executor, function, *args)
            except BrokenProcessPool:
                self._replace(self.executor)
                raise AnalysisFailed(
                    "Analysing that page crashed Claimdeck's worker twice, so it was skipped. "
                    "If it is a very large page, try a shorter version of the article."
                ) from None

    def _replace(self, broken: Executor | None) -> None:
        """Swap in a new pool, once, however many tasks saw the old one break."""
        if self._executor_factory is None:
            raise AnalysisFailed("The analysis worker stopped unexpectedly; please try again.")
        if self.executor is broken:
            log.error("an analysis worker died; starting a new worker pool")
            if broken is not None:
                broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._executor_factory()

    async def fetch(self, url: str) -> FetchedPage:
        return await self.fetcher.fetch(url)

    async def card_for_url(self, url: str) -> ClaimCard:
        page = await self.fetch(url)
        return await self.card_for_page(page)

    async def card_for_page(self, page: FetchedPage) -> ClaimCard:
        if page.is_html:
            return await self.card_for_html(page.text, page.final_url)
        return await self.card_for_text(page.text, page.final_url)

    async def card_for_html(self, html: str, url: str) -> ClaimCard:
        return await self._run(build.card_from_html, html, url)

    async def card_for_text(self, text: str, url: str = "") -> ClaimCard:
        return await self._run(build.card_from_text, text, url)

    async def article_for_url(self, url: str) -> Article:
        page = await self.fetch(url)
        if page.is_html:
            return await self._run(extract, page.text, page.final_url)
        return await self._run(article_from_text, page.text, page.final_url)

    async def article_for_html(self, html: str, url: str) -> Article:
        return await self._run(extract, html, url)

    async def article_for_text(self, text: str, url: str = "") -> Article:
        return await self._run(article_from_text, text, url)
