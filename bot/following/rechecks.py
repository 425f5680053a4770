"""Re-reading the original article while its follow-up is open.

Every ``recheck_hours`` (per guild) the article is fetched again through the guarded fetcher,
conditionally (``If-None-Match`` / ``If-Modified-Since`` with the validators kept on the row),
at most once per site per minute (:class:`~bot.following.limiter.SiteLimiter`). Follow-ups on
one URL (two parties, or the same article carded in several guilds) share one request.

- ``304 Not Modified``, or a page whose extracted text has the same :func:`page_digest`: no
  analysis, no message; only the next re-check is planned.
- A changed page is analysed (the injected pipeline) and compared with the pending sentence
  (:func:`bot.followups.recheck`): a response by the party, or the sentence reworded or gone,
  is told in the card's thread, logged in the card's history and the card refreshed. When the
  thread cannot be told, the digest is not advanced, so the next re-check finds it again.
- A failure (timeout, 404, page gone, not an article any more) is told once, then retried
  quietly with a doubling back-off (capped at a week) until the page answers again.

A due row is claimed before its page is fetched (a compare-and-set write moving ``recheck_at``
``LEASE`` ahead), so two processes holding one guild for a while never both re-check it and
tell its thread twice; a process that dies mid-check leaves the row due again after the lease.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from bot.errors import ClaimdeckError
from bot.following.limiter import SiteLimiter, site_of
from bot.following.notifier import DestinationGone, Notifier, RecheckKind, RecheckNotice
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.followups import Recheck, RecheckOutcome, backoff, page_digest, recheck
from bot.models import ClaimCard, EventKind, FollowUp, FollowUpState, StoredCard
from bot.pipeline.fetch import FetchedPage, NotModified
from storage import Store, StoreConflict

if TYPE_CHECKING:  # the pipeline (and spaCy behind it) loads only where a re-check runs
    from bot.pipeline.cards import CardPipeline

log = logging.getLogger("claimdeck.following.rechecks")
NOTICE_RETRY = timedelta(minutes=30)
LEASE = timedelta(minutes=15)  # longer than a fetch and an analysis take, with their deadlines


class ConditionalFetcher(Protocol):
    async def fetch_if_changed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchedPage | NotModified: ...


class RecheckPipeline(Protocol):
    """The two halves of the pipeline a re-check needs: the article's text alone (cheap, to
    compare digests) and the full card (only for a page that changed)."""

    async def read_text(self, page: FetchedPage) -> str: ...

    async def card(self, page: FetchedPage) -> ClaimCard: ...


class CardPipelineRecheck:
    """:class:`RecheckPipeline` over the bot's :class:`CardPipeline` (its worker processes)."""

    def __init__(self, pipeline: CardPipeline) -> None:
        self.pipeline = pipeline

    async def read_text(self, page: FetchedPage) -> str:
        if page.is_html:
            article = await self.pipeline.article_for_html(page.text, page.final_url)
        else:
            article = await self.pipeline.article_for_text(page.text, page.final_url)
        return article.text

    async def card(self, page: FetchedPage) -> ClaimCard:
        return await self.pipeline.card_for_page(page)


@dataclass
class RecheckReport:
    requests: int = 0
    not_modified: int = 0
    same_text: int = 0
    analysed: int = 0
    notices: int = 0
    failures: int = 0
    postponed: int = 0


_KINDS = {
    RecheckOutcome.RESPONSE_FOUND: RecheckKind.RESPONSE_FOUND,
    RecheckOutcome.SENTENCE_CHANGED: RecheckKind.SENTENCE_CHANGED,
    RecheckOutcome.SENTENCE_GONE: RecheckKind.SENTENCE_GONE,
}


def _shared(rows: list[FollowUp]) -> tuple[str | None, str | None]:
    """The validators every row agrees on (a row without them makes the request plain)."""
    pairs = {(r.etag, r.last_modified) for r in rows}
    return next(iter(pairs)) if len(pairs) == 1 else (None, None)


class RecheckService:
    def __init__(
        self,
        store: Store,
        notifier: Notifier,
        fetcher: ConditionalFetcher,
        pipeline: RecheckPipeline,
        *,
        clock: Clock = utc_now,
        rows: FollowUpRows | None = None,
        limiter: SiteLimiter | None = None,
        shard_id: int = 0,
        shard_count: int = 1,
        batch: int = 50,
        concurrency: int = 4,
    ) -> None:
        self.store = store
        self.notifier = notifier
        self.fetcher = fetcher
        self.pipeline = pipeline
        self.clock = clock
        self.rows = rows or FollowUpRows(store)
        self.limiter = limiter or SiteLimiter()
        self.shard_id = shard_id
        self.shard_count = shard_count
        self.batch = batch
        self._slots = asyncio.Semaphore(concurrency)

    async def next_wake(self) -> datetime | None:
        return await self.store.next_recheck_at(self.shard_id, self.shard_count)

    async def tick(self, now: datetime | None = None) -> RecheckReport:
        """Re-check every article due at ``now`` (one request per URL, limited per site)."""
        now = now or self.clock()
        report = RecheckReport()
        due = await self.store.due_rechecks(now, self.batch, self.shard_id, self.shard_count)
        due = [claimed for row in due if (claimed := await self._claim(row, now)) is not None]
        cards: dict[str, StoredCard] = {}
        groups: dict[str, list[FollowUp]] = {}
        for row in due:
            card = cards.get(row.card_id) or await self.store.get_card(row.card_id)
            if card is None:
                continue
            cards[card.id] = card
            groups.setdefault(card.canonical_url, []).append(row)
        waiting: Counter[str] = Counter()
        jobs = []
        for url, rows in groups.items():
            site = site_of(url)
            not_before = self.limiter.acquire(site, now)
            if not_before is not None:  # spread the waiting ones a minute apart
                later = not_before + self.limiter.interval * waiting[site]
                waiting[site] += 1
                for row in rows:
                    await self._write(row, lambda r, t=later: replace(r, recheck_at=t))
                report.postponed += len(rows)
                continue
            jobs.append(self._check(url, rows, cards, now, report))
        await asyncio.gather(*jobs)
        return report

    async def _check(
        self, url: str, rows: list[FollowUp], cards: dict[str, StoredCard], now: datetime,
        report: RecheckReport,
    ) -> None:
        async with self._slots:
            try:
                await self._check_unguarded(url, rows, cards, now, report)
            except Exception:  # a bug in one page's re-check must not stop the loop...
                log.exception("re-checking %s failed", url)
                trouble = ClaimdeckError("Claimdeck could not re-read the article.")
                for row in rows:  # ...nor bring it back every minute: it backs off too
                    try:
                        await self._failed(row, cards[row.card_id], now, trouble, report)
                    except Exception:
                        log.exception("recording the failed re-check of %s failed", row.id)

    async def _check_unguarded(
        self, url: str, rows: list[FollowUp], cards: dict[str, StoredCard], now: datetime,
        report: RecheckReport,
    ) -> None:
        etag, last_modified = _shared(rows)
        report.requests += 1
        try:
            result = await self.fetcher.fetch_if_changed(
                url, etag=etag, last_modified=last_modified
            )
            if isinstance(result, NotModified):
                report.not_modified += 1
                for row in rows:
                    await self._quiet(row, now, result.etag, result.last_modified, row.page_digest)
                return
            digest = page_digest(await self.pipeline.read_text(result))
            changed = [r for r in rows if r.page_digest != digest]
            for row in rows:
                if row.page_digest == digest:
                    report.same_text += 1
                    await self._quiet(row, now, result.etag, result.last_modified, digest)
            if not changed:
                return
            card = await self.pipeline.card(result)
            report.analysed += 1
        except ClaimdeckError as error:
            for row in rows:
                await self._failed(row, cards[row.card_id], now, error, report)
            return
        for row in changed:
            await self._compare(row, cards[row.card_id], card, result, digest, now, report)

    async def _compare(
        self, row: FollowUp, stored: StoredCard, card: ClaimCard, page: FetchedPage,
        digest: str, now: datetime, report: RecheckReport,
    ) -> None:
        found = recheck(row, row.sentence or "", card, old_card=stored.card)
        if found.outcome is RecheckOutcome.RESPONSE_FOUND and (
            stored.id in row.proposed_card_ids or stored.id in row.dismissed_card_ids
        ):
            found = Recheck(RecheckOutcome.UNCHANGED)  # told before: not again
        if found.outcome is RecheckOutcome.UNCHANGED:
            await self._quiet(row, now, page.etag, page.last_modified, digest)
            return
        kind = _KINDS[found.outcome]
        notice = RecheckNotice(kind, found.sentence, found.stance)
        async with self.rows.locked(row.id):
            fresh = await self.store.get_followup(row.id)
            if fresh is None or fresh.state is not FollowUpState.OPEN:
                return
            if not await self._tell(stored, fresh, notice):  # digest kept: found again later
                retry = now + NOTICE_RETRY
                await self.rows.edit_locked(row.id, lambda r: replace(r, recheck_at=retry))
                return
            settings = await self.store.get_settings(fresh.guild_id)

            def told(current: FollowUp) -> FollowUp:
                updated = replace(
                    current,
                    page_digest=digest, etag=page.etag, last_modified=page.last_modified,
                    recheck_failures=0, recheck_at=now + backoff(0, settings.recheck_hours),
                )
                if kind is RecheckKind.RESPONSE_FOUND:
                    proposed = current.proposed_card_ids
                    if stored.id in proposed:  # told by another process meanwhile
                        return updated
                    return replace(updated, proposed_card_ids=(*proposed, stored.id))
                if kind is RecheckKind.SENTENCE_CHANGED:
                    return replace(updated, sentence=found.sentence)
                return replace(updated, sentence=None)  # gone: responses are still found

            await self.rows.edit_locked(
                row.id, told, at=now, kind=EventKind.FOLLOWUP_RECHECKED,
                data={"outcome": kind.value, "sentence": found.sentence, "stance": found.stance},
            )
        report.notices += 1
        await self._refresh(stored)

    async def _quiet(
        self, row: FollowUp, now: datetime, etag: str | None, last_modified: str | None,
        digest: str | None,
    ) -> None:
        """Nothing to tell: keep the validators and digest, plan the next re-check."""
        settings = await self.store.get_settings(row.guild_id)
        when = now + backoff(0, settings.recheck_hours)
        await self._write(row, lambda r: replace(
            r, etag=etag, last_modified=last_modified, page_digest=digest,
            recheck_failures=0, recheck_at=when,
        ))

    async def _failed(
        self, row: FollowUp, stored: StoredCard, now: datetime, error: ClaimdeckError,
        report: RecheckReport,
    ) -> None:
        """Tell the thread on the first failure in a row; then back off quietly."""
        report.failures += 1
        settings = await self.store.get_settings(row.guild_id)
        failures = row.recheck_failures + 1
        retry_at = now + backoff(failures, settings.recheck_hours)
        first = row.recheck_failures == 0
        log.info("re-check of %s failed (%d in a row): %s", stored.canonical_url, failures, error)
        written = await self._write(
            row, lambda r: replace(r, recheck_failures=failures, recheck_at=retry_at),
            kind=EventKind.FOLLOWUP_RECHECKED if first else None,
            data={"outcome": RecheckKind.FAILED.value, "error": str(error)} if first else None,
            at=now,
        )
        if written is not None and first:
            notice = RecheckNotice(RecheckKind.FAILED, error=str(error), retry_at=retry_at)
            if await self._tell(stored, written, notice):
                report.notices += 1

    async def _write(
        self,
        row: FollowUp,
        change: Callable[[FollowUp], FollowUp],
        *,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> FollowUp | None:
        """Change the row as it is now, unless it was closed, resolved or re-planned since."""

        def guarded(current: FollowUp) -> FollowUp | None:
            if current.state is not FollowUpState.OPEN or current.recheck_at != row.recheck_at:
                return None
            return change(current)

        return await self.rows.edit(row.id, guarded, at=at, kind=kind, data=data)

    async def _claim(self, row: FollowUp, now: datetime) -> FollowUp | None:
        """Take the due row for this process (its next re-check moves ``LEASE`` ahead), only
        if nobody wrote it since it was read; None when another process has it."""
        claimed = replace(row, recheck_at=now + LEASE)
        try:
            await self.store.update_followup(claimed, expected=row)
        except StoreConflict:
            return None
        return claimed

    async def _tell(self, card: StoredCard, row: FollowUp, notice: RecheckNotice) -> bool:
        try:
            return bool(await self.notifier.notify_recheck(card, row, notice))
        except DestinationGone as gone:  # its reminders stop the follow-up; no trace needed
            log.info("card %s: no re-check notice, %s", card.id, gone)
            return False
        except Exception:
            log.exception("telling card %s's thread about a re-check failed", card.id)
            return False

    async def _refresh(self, card: StoredCard) -> None:
        try:
            await self.notifier.refresh_card(card)
        except Exception:
            log.exception("refreshing card %s failed", card.id)
