"""Re-checking the original article: a changed page is noticed, an unchanged one costs no
analysis, a failing one is told once and retried with back-off, and a site is asked at most
once a minute. Real HTTP against the local article server; the pipeline is counted."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.following import DestinationGone, FollowUpServices, RecheckKind, build_services
from bot.models import ClaimCard, EventKind, FollowUp, GuildSettings, Response, Stance, StoredCard
from bot.pipeline.addresses import parse_allowlist
from bot.pipeline.fetch import FetchedPage, Fetcher, FetchPolicy
from storage import Store
from tests.fakes.article_server import ArticleServer
from tests.following.conftest import GUILD, T0, Clock, FakeNotifier, post_card, stored
from tests.following.server import ConditionalPage, add_conditional_page
from tests.followups.helpers import SEED_PENDING, seed_card

H = timedelta(hours=1)
ANSWER = ("China’s foreign ministry on Tuesday rejected the accusations as groundless, "
          "spokesperson Lin Jian said.")


def page_of(text: str) -> str:
    return f"<html><body><article>{html.escape(text)}</article></body></html>"


class CountingPipeline:
    """Extraction is "the text between the tags"; analysis hands out ``next_card``."""

    def __init__(self) -> None:
        self.reads = 0
        self.analyses = 0
        self.next_card: ClaimCard | None = None

    async def read_text(self, page: FetchedPage) -> str:
        self.reads += 1
        return html.unescape(re.sub(r"<[^>]+>", "", page.text)).strip()

    async def card(self, page: FetchedPage) -> ClaimCard:
        self.analyses += 1
        assert self.next_card is not None
        return self.next_card


@pytest.fixture
async def server() -> AsyncIterator[ArticleServer]:
    async with ArticleServer() as running:
        yield running


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), total_timeout=3.0)
    async with Fetcher(policy) as opened:
        yield opened


@pytest.fixture
def pipeline() -> CountingPipeline:
    return CountingPipeline()


@pytest.fixture
async def rechecking(
    store: Store, notifier: FakeNotifier, clock: Clock, fetcher: Fetcher,
    pipeline: CountingPipeline,
) -> FollowUpServices:
    await store.save_settings(GuildSettings(GUILD, recheck_hours=6))
    return build_services(store, notifier, clock=clock, fetcher=fetcher, pipeline=pipeline)


async def _follow(
    services: FollowUpServices, store: Store, server: ArticleServer, path: str = "/story",
    card_id: str = "seed",
) -> tuple[ConditionalPage, StoredCard, FollowUp]:
    card = seed_card()
    page = add_conditional_page(server, path, page_of(card.article.text))
    posted = stored(card_id, card, url=server.url(path))
    opened = await post_card(services, store, posted)
    return page, posted, opened.followups[0]


async def _recheck_at(services: FollowUpServices, clock: Clock, hours: float):
    assert services.rechecks is not None
    clock.set(T0 + hours * H)
    return await services.rechecks.tick()


async def test_an_unchanged_page_costs_no_analysis(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
) -> None:
    page, _, row = await _follow(rechecking, store, server)
    assert row.recheck_at == T0 + 6 * H

    first = await _recheck_at(rechecking, clock, 6)  # no validators yet: the page is read
    assert (first.requests, first.same_text, pipeline.analyses) == (1, 1, 0)
    kept = await store.get_followup(row.id)
    assert kept is not None
    assert (kept.etag, kept.recheck_at) == ('"v1"', T0 + 12 * H)

    second = await _recheck_at(rechecking, clock, 12)  # 304: not even read
    assert (second.not_modified, pipeline.reads, pipeline.analyses) == (1, 1, 0)
    assert page.conditional_headers[-1]["If-None-Match"] == '"v1"'
    assert (page.served, page.not_modified) == (1, 1)
    assert notifier.posted == []


async def test_a_changed_page_with_the_answer_is_told_in_the_thread(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
) -> None:
    page, posted, row = await _follow(rechecking, store, server)
    await _recheck_at(rechecking, clock, 6)
    updated_text = posted.card.article.text + " " + ANSWER
    page.change(page_of(updated_text))  # a new ETag
    answer = Response("China’s foreign ministry", Stance.DENIAL, ANSWER, ANSWER)
    pipeline.next_card = replace(
        posted.card, article=replace(posted.card.article, text=updated_text),
        responses=(*posted.card.responses, answer),
    )

    report = await _recheck_at(rechecking, clock, 12)
    assert (report.analysed, report.notices) == (1, 1)
    [told] = notifier.of_kind("recheck")
    assert (told.where, told.card_id) == ("thread", "seed")
    assert (told.detail.kind, told.detail.sentence, told.detail.stance) == (
        RecheckKind.RESPONSE_FOUND, ANSWER, "denial")
    assert notifier.refreshed == ["seed"]
    after = await store.get_followup(row.id)
    assert after is not None and after.etag == '"v2"' and "seed" in after.proposed_card_ids
    [event] = [e for e in await store.events_for_card("seed")
               if e.kind is EventKind.FOLLOWUP_RECHECKED]
    assert event.data["outcome"] == "response_found"

    await _recheck_at(rechecking, clock, 18)  # unchanged since: nothing more
    assert (pipeline.analyses, len(notifier.of_kind("recheck"))) == (1, 1)


async def test_the_pending_sentence_disappearing_is_told_once(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
) -> None:
    page, posted, row = await _follow(rechecking, store, server)
    without = posted.card.article.text.replace(SEED_PENDING, "")
    page.change(page_of(without))
    pipeline.next_card = replace(posted.card, pending_responses=(),
                                 article=replace(posted.card.article, text=without))
    await _recheck_at(rechecking, clock, 6)
    page.change(page_of(without + " A correction was appended."))
    await _recheck_at(rechecking, clock, 12)
    assert [p.detail.kind for p in notifier.of_kind("recheck")] == [RecheckKind.SENTENCE_GONE]
    after = await store.get_followup(row.id)
    assert after is not None and after.sentence is None and pipeline.analyses == 2


async def test_a_failing_page_is_told_once_and_retried_with_back_off(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
) -> None:
    page, _, row = await _follow(rechecking, store, server)
    page.fail_with(404)
    waits = []
    hours = 6.0
    for _ in range(4):
        await _recheck_at(rechecking, clock, hours)
        after = await store.get_followup(row.id)
        assert after is not None and after.recheck_at is not None
        waits.append((after.recheck_at - clock.now) / H)
        hours = (after.recheck_at - T0) / H
    assert waits == [12, 24, 48, 96]  # doubling, never hammering
    [told] = notifier.of_kind("recheck")
    assert told.detail.kind is RecheckKind.FAILED and "404" in told.detail.error
    failed_events = [e for e in await store.events_for_card("seed")
                     if e.kind is EventKind.FOLLOWUP_RECHECKED]
    assert len(failed_events) == 1
    assert len(server.requests) == 4

    page.status = 200  # the page is back: the back-off ends, quietly
    await _recheck_at(rechecking, clock, hours)
    after = await store.get_followup(row.id)
    assert after is not None and after.recheck_failures == 0
    assert after.recheck_at == clock.now + 6 * H
    assert len(notifier.of_kind("recheck")) == 1 and pipeline.analyses == 0


async def test_one_request_per_site_per_minute_and_one_per_url(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, clock: Clock,
) -> None:
    await _follow(rechecking, store, server, "/a", "card-a")
    await _follow(rechecking, store, server, "/b", "card-b")
    await _follow(rechecking, store, server, "/c", "card-c")
    report = await _recheck_at(rechecking, clock, 6)
    assert (report.requests, report.postponed) == (1, 2)
    first = {r.path for r in server.requests}
    rows = {f.card_id: f for c in ("card-a", "card-b", "card-c")
            for f in await store.followups_for_card(c)}
    waiting = sorted(r.recheck_at for r in rows.values() if r.recheck_at != T0 + 12 * H)
    assert waiting == [T0 + 6 * H + timedelta(minutes=1), T0 + 6 * H + timedelta(minutes=2)]
    for minutes in (1, 2):
        clock.set(T0 + 6 * H + timedelta(minutes=minutes))
        assert rechecking.rechecks is not None
        assert (await rechecking.rechecks.tick()).requests == 1
    assert len(first) == 1 and {r.path for r in server.requests} == {"/a", "/b", "/c"}


async def test_the_real_pipeline_reads_the_seed_page_and_skips_analysis_when_unchanged(
    store: Store, notifier: FakeNotifier, clock: Clock, fetcher: Fetcher,
    server: ArticleServer, real_cards: dict[str, ClaimCard], seed_html: str,
) -> None:
    from bot.following import CardPipelineRecheck
    from bot.pipeline.cards import CardPipeline

    pipeline = CardPipeline(fetcher)
    analysed = []
    pipeline.build_from_html = lambda html_, url: analysed.append(url)  # type: ignore[assignment]
    services = build_services(store, notifier, clock=clock, fetcher=fetcher,
                              pipeline=CardPipelineRecheck(pipeline))
    add_conditional_page(server, "/seed", seed_html).send_etag = False
    await post_card(services, store, stored("seed", real_cards["seed"], url=server.url("/seed")))
    report = await _recheck_at(services, clock, 6)
    assert (report.requests, report.same_text, report.analysed) == (1, 1, 0)
    assert analysed == []


async def test_a_pipeline_that_breaks_backs_off_like_a_failed_fetch(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
) -> None:
    page, _, row = await _follow(rechecking, store, server)
    page.change(page_of("Something else entirely."))
    pipeline.next_card = None  # analysis crashes (an AssertionError inside the pipeline)
    await _recheck_at(rechecking, clock, 6)
    after = await store.get_followup(row.id)
    assert after is not None and after.recheck_failures == 1
    assert after.recheck_at == clock.now + 12 * H
    assert [p.detail.kind for p in notifier.of_kind("recheck")] == [RecheckKind.FAILED]


async def test_two_processes_holding_one_guild_fetch_and_tell_it_once(
    store: Store, server: ArticleServer, pipeline: CountingPipeline, notifier: FakeNotifier,
    clock: Clock, fetcher: Fetcher,
) -> None:
    """An overlapping restart: the old and the new process both find the re-check due (each
    with its own row locks, as two processes have). One fetches and tells; the other skips."""
    await store.save_settings(GuildSettings(GUILD, recheck_hours=6))
    one, two = (
        build_services(store, notifier, clock=clock, fetcher=fetcher, pipeline=pipeline)
        for _ in range(2)
    )
    page, posted, row = await _follow(one, store, server)
    updated_text = posted.card.article.text + " " + ANSWER
    page.change(page_of(updated_text))
    answer = Response("China’s foreign ministry", Stance.DENIAL, ANSWER, ANSWER)
    pipeline.next_card = replace(
        posted.card, article=replace(posted.card.article, text=updated_text),
        responses=(*posted.card.responses, answer),
    )
    clock.set(T0 + 6 * H)
    assert one.rechecks is not None and two.rechecks is not None
    async with asyncio.timeout(20):
        reports = await asyncio.gather(one.rechecks.tick(), two.rechecks.tick())
    assert sorted(r.requests for r in reports) == [0, 1]
    assert page.served == 1
    assert len(notifier.of_kind("recheck")) == 1
    after = await store.get_followup(row.id)
    assert after is not None and after.proposed_card_ids == ("seed",)
    assert after.recheck_at == T0 + 12 * H  # the next re-check, planned by the one that ran


async def test_a_notice_for_a_deleted_channel_is_one_quiet_line_not_a_traceback(
    rechecking: FollowUpServices, store: Store, server: ArticleServer,
    pipeline: CountingPipeline, notifier: FakeNotifier, clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    page, posted, _ = await _follow(rechecking, store, server)
    await _recheck_at(rechecking, clock, 6)

    async def gone(card: StoredCard, *_: object) -> bool:
        raise DestinationGone(card.channel_id)

    notifier.notify_recheck = gone  # type: ignore[method-assign]
    page.change(page_of(posted.card.article.text + " " + ANSWER))
    pipeline.next_card = replace(posted.card, responses=(
        *posted.card.responses,
        Response("China’s foreign ministry", Stance.DENIAL, ANSWER, ANSWER),
    ))
    caplog.set_level(logging.INFO, logger="claimdeck")
    report = await _recheck_at(rechecking, clock, 12)
    assert report.analysed == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "no longer exists" in caplog.text
