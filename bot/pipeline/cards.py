"""CardPipeline: the async entry point from a URL, HTML or text to a ``ClaimCard``.

``CardPipeline`` is the one entry point the CLI and the bot use. Fetching happens on the event
loop (it is I/O); extraction and spaCy analysis run off it, in worker processes in the bot (see
``workers``) or in threads in the CLI, so a burst of links never stalls the loop (Discord
heartbeats keep flowing), and every card's CPU work has a wall-clock budget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from bot.errors import AnalysisTimedOut
from bot.models import Article, ClaimCard
from bot.pipeline import build
from bot.pipeline.extract import article_from_text, extract
from bot.pipeline.fetch import FetchedPage, Fetcher
from bot.pipeline.workers import DEFAULT_BUDGET_SECONDS, WorkerPool

T = TypeVar("T")


def load_model_in_worker() -> bool:
    """What a new worker runs first: the model loaded before it takes a card."""
    build.shared_analyzer()
    return True


def card_workers(workers: int, budget: float = DEFAULT_BUDGET_SECONDS) -> WorkerPool:
    """The bot's worker processes, each loading the model as soon as it starts."""
    return WorkerPool(workers, budget, warm=load_model_in_worker)


class CardPipeline:
    """Turns URLs, HTML and plain text into claim cards without blocking the event loop.

    With a ``pool`` (the bot), the CPU work runs in worker processes: true parallelism on every
    core, and a card past its budget has its worker killed and replaced while the other cards
    go on. Without one (the CLI), it runs in threads, ``max_concurrency`` at a time; a thread
    cannot be stopped, so past the budget the card is reported as skipped and the batch goes
    on while the thread finishes in the background.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        pool: WorkerPool | None = None,
        max_concurrency: int = 2,
        budget: float = DEFAULT_BUDGET_SECONDS,
    ) -> None:
        self.fetcher = fetcher
        self.pool = pool
        self.budget = pool.budget if pool is not None else budget
        self._slots = asyncio.Semaphore(max_concurrency)
        # Card builders, injectable so tests can make one article slow on purpose.
        self.build_from_html: Callable[[str, str], ClaimCard] = build.card_from_html
        self.build_from_text: Callable[[str, str], ClaimCard] = build.card_from_text

    async def warm_up(self) -> None:
        """Load the model in every worker now rather than on the first user's link."""
        if self.pool is not None:
            await self.pool.warm_up()

    def close(self) -> None:
        """Stop the workers (queued work is dropped; the bot is shutting down)."""
        if self.pool is not None:
            self.pool.close()

    async def _run(self, function: Callable[..., T], *args: object) -> T:
        if self.pool is not None:
            return await self.pool.run(function, *args)
        async with self._slots:
            future = asyncio.get_running_loop().run_in_executor(None, function, *args)
            try:
                return await asyncio.wait_for(future, self.budget)
            except TimeoutError:
                raise AnalysisTimedOut(
                    "This article took too long to analyse; it has been skipped."
                ) from None

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
        return await self._run(self.build_from_html, html, url)

    async def card_for_text(self, text: str, url: str = "") -> ClaimCard:
        return await self._run(self.build_from_text, text, url)

    async def article_for_url(self, url: str) -> Article:
        page = await self.fetch(url)
        if page.is_html:
            return await self._run(extract, page.text, page.final_url)
        return await self._run(article_from_text, page.text, page.final_url)

    async def article_for_html(self, html: str, url: str) -> Article:
        return await self._run(extract, html, url)

    async def article_for_text(self, text: str, url: str = "") -> Article:
        return await self._run(article_from_text, text, url)
