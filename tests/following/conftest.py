"""Fixtures for the follow-up services: a real store in a temp dir, a clock tests move, a
notifier that records what Discord would show, and the seed article's real cards."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from spacy.language import Language

from bot.following import (
    DigestItem,
    FollowUpServices,
    Mention,
    RecheckNotice,
    build_services,
)
from bot.followups import Match
from bot.models import Article, ClaimCard, FollowUp, GuildSettings, StoredCard
from bot.pipeline.analyze import Analyzer
from bot.pipeline.build import card_from_article
from bot.pipeline.extract import extract
from storage import Store, open_store

FIXTURES = Path(__file__).parent.parent / "followups" / "fixtures"
SEED_URL = "https://www.reuters.example/world/ukraine-alleges-china"
GUILD = 1 << 22  # shard 1 of 2, shard 0 of 1
OTHER_GUILD = 2 << 22  # shard 0 of 2
REVIEWERS = 5551
CHANNEL, THREAD = 7001, 7002
T0 = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)  # the seed card is posted at 09:00 UTC


class Clock:
    """The injected clock: tests move time instead of sleeping."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, when: datetime) -> datetime:
        self.now = when
        return when


@dataclass(frozen=True)
class Posted:
    """One message the notifier posted: where, for which card and follow-up, whom it pings."""

    kind: str
    where: str  # "thread" | "channel" | "guild"
    card_id: str
    followup_id: str | None
    mention: Mention | None = None
    reminder_number: int | None = None  # reminders_sent + 1 at the time of sending
    detail: object = None


@dataclass
class FakeNotifier:
    """Records messages like the cog's notifier would post them. A card whose thread is in
    ``deleted_threads`` gets its reminder in the channel; one in ``unreachable`` gets nothing
    (both thread and channel gone) and the send reports failure."""

    posted: list[Posted] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    deleted_threads: set[int] = field(default_factory=set)
    unreachable: set[str] = field(default_factory=set)
    delay: float = 0.0

    def _where(self, card: StoredCard) -> str | None:
        if card.id in self.unreachable:
            return None
        if card.thread_id is not None and card.thread_id not in self.deleted_threads:
            return "thread"
        return "channel"

    async def send_reminder(
        self, card: StoredCard, followup: FollowUp, mention: Mention | None
    ) -> bool:
        if self.delay:
            await asyncio.sleep(self.delay)
        where = self._where(card)
        if where is None:
            return False
        self.posted.append(Posted("reminder", where, card.id, followup.id, mention,
                                  followup.reminders_sent + 1))
        return True

    async def send_digest(self, guild_id: int, items: list[DigestItem]) -> bool:
        if any(item.card.id in self.unreachable for item in items):
            return False
        self.posted.append(Posted("digest", "guild", items[0].card.id, None,
                                  detail=[(i.followup.id, i.missed, i.line) for i in items]))
        return True

    async def send_proposal(
        self, original: StoredCard, followup: FollowUp, candidate: StoredCard, match: Match
    ) -> bool:
        where = self._where(original)
        if where is None:
            return False
        self.posted.append(Posted("proposal", where, original.id, followup.id,
                                  detail=(candidate.id, match.party, match.stance)))
        return True

    async def notify_recheck(
        self, card: StoredCard, followup: FollowUp, notice: RecheckNotice
    ) -> bool:
        where = self._where(card)
        if where is None:
            return False
        self.posted.append(Posted("recheck", where, card.id, followup.id, detail=notice))
        return True

    async def refresh_card(self, card: StoredCard) -> None:
        self.refreshed.append(card.id)

    def of_kind(self, kind: str) -> list[Posted]:
        return [p for p in self.posted if p.kind == kind]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with asyncio.timeout(20):
        opened = await open_store(f"tinydb://{tmp_path / 'data'}")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
async def services(store: Store, notifier: FakeNotifier, clock: Clock) -> FollowUpServices:
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    return build_services(store, notifier, clock=clock)


def _card_from_text(name: str, nlp: Language) -> ClaimCard:
    title, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")
    article = Article(url=f"https://wire.example.test/{name}", title=title, text=body,
                      language="en")
    return card_from_article(article, Analyzer(nlp))


@pytest.fixture(scope="session")
def real_cards(nlp: Language, seed_html: str) -> dict[str, ClaimCard]:
    """The seed article, the response report and an unrelated report, as the analysis cards
    them (built once per run)."""
    return {
        "seed": card_from_article(extract(seed_html, SEED_URL), Analyzer(nlp)),
        "response": _card_from_text("response_article.txt", nlp),
        "other": _card_from_text("other_story_article.txt", nlp),
    }


def stored(
    card_id: str,
    card: ClaimCard,
    *,
    guild_id: int = GUILD,
    at: datetime = T0,
    url: str | None = None,
    thread: int | None = THREAD,
) -> StoredCard:
    return StoredCard(
        id=card_id,
        guild_id=guild_id,
        canonical_url=url or card.article.url,
        card=card,
        created_at=at,
        created_by=42,
        channel_id=CHANNEL,
        message_id=card_id_number(card_id),
        thread_id=thread,
    )


def card_id_number(card_id: str) -> int:
    return 9000 + sum(map(ord, card_id))


async def post_card(services: FollowUpServices, store: Store, card: StoredCard):
    """What the links cog does with a new card: save it, then let follow-ups start."""
    await store.save_card(card)
    return await services.opener.card_created(card, actor_id=card.created_by)
