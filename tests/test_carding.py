"""CardService: one card per article per guild, whichever address of it was pasted (issue 11).

A real store in a temporary directory; the pipeline is a stand-in whose pages declare their
canonical URL, and whose fetches can be held open to line two requests up exactly."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.carding import CardResult, CardService, Posted, declared_key
from bot.errors import FetchError
from bot.models import Article, ClaimCard, StoredCard
from storage import Store, open_store

GUILD = 7
MOBILE = "https://m.news.example/story"
DESKTOP = "https://www.news.example/story"
TIMEOUT = 5


def card_of(url: str, title: str = "Bridge to reopen") -> ClaimCard:
    return ClaimCard(article=Article(url=url, title=title, text="Body."), summary=("S.",))


@dataclass
class Pages:
    """A pipeline whose page at each address declares ``declares[address]`` as its own URL."""

    declares: dict[str, str]
    fetched: list[str] = field(default_factory=list)
    held: dict[str, asyncio.Event] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)

    async def card_for_url(self, url: str) -> ClaimCard:
        self.fetched.append(url)
        if url in self.held:
            await self.held[url].wait()
        if url in self.failing:
            raise FetchError("The site did not answer.")
        return card_of(self.declares.get(url, url))


@dataclass
class Poster:
    """Records each card shown; ``fail`` makes the next post fail (a missing permission)."""

    shown: list[str] = field(default_factory=list)
    fail: bool = False
    gate: asyncio.Event | None = None  # set: Discord answers

    async def __call__(self, stored: StoredCard) -> Posted:
        await asyncio.sleep(0)  # a post takes a trip to Discord
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            self.fail = False
            raise FetchError("Missing permission.")
        self.shown.append(stored.id)
        return Posted(channel_id=1, message_id=100 + len(self.shown))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(f"tinydb://{tmp_path / 'data'}")
    yield opened
    await opened.close()


def service(store: Store, pages: Pages) -> CardService:
    return CardService(store, pages)  # type: ignore[arg-type]  # the stand-in pipeline


async def ask(cards: CardService, url: str, post: Poster, member: int = 5) -> CardResult:
    async with asyncio.timeout(TIMEOUT):
        return await cards.card_for_link(GUILD, url, member, post)


async def test_the_mobile_link_then_the_desktop_link_make_one_card_fetched_once(store):
    pages = Pages({MOBILE: DESKTOP})
    cards, post = service(store, pages), Poster()
    first = await ask(cards, MOBILE, post)
    again = await ask(cards, DESKTOP + "?utm_source=tw", post)
    assert first.posted_now and not again.posted_now
    assert again.stored.id == first.stored.id and post.shown == [first.stored.id]
    assert pages.fetched == [MOBILE]  # the desktop address was stored: no second fetch
    assert first.stored.alternate_urls == (DESKTOP,)
    assert (await cards.posted_card(GUILD, DESKTOP)).id == first.stored.id


async def test_the_desktop_link_then_the_mobile_link_is_answered_with_the_first_card(store):
    pages = Pages({MOBILE: DESKTOP})
    cards, post = service(store, pages), Poster()
    first = await ask(cards, DESKTOP, post)
    again = await ask(cards, MOBILE, post)
    assert not again.posted_now and again.stored.id == first.stored.id
    assert post.shown == [first.stored.id]
    assert len(await store.recent_cards(GUILD)) == 1
    assert first.stored.alternate_urls == ()  # the page declared the address pasted


@pytest.mark.parametrize("saved_first", [MOBILE, DESKTOP])
async def test_mobile_and_desktop_pasted_at_once_give_one_card_posted_once(store, saved_first):
    pages = Pages({MOBILE: DESKTOP})
    pages.held = {MOBILE: asyncio.Event(), DESKTOP: asyncio.Event()}
    post = Poster(gate=asyncio.Event())
    cards = service(store, pages)
    both = [asyncio.create_task(ask(cards, url, post)) for url in (MOBILE, DESKTOP)]
    await asyncio.sleep(0.05)  # both looked the store up, found nothing, and are fetching
    pages.held[saved_first].set()
    await asyncio.sleep(0.05)  # that card is stored and its post waits on Discord
    pages.held[DESKTOP if saved_first == MOBILE else MOBILE].set()
    await asyncio.sleep(0.05)  # the other request has its card too, and finds the first one
    post.gate.set()
    results = await asyncio.gather(*both)
    assert sorted(r.posted_now for r in results) == [False, True]
    assert results[0].stored.id == results[1].stored.id
    assert len(post.shown) == 1
    assert len(await store.recent_cards(GUILD)) == 1
    assert (await cards.posted_card(GUILD, DESKTOP)).id == results[0].stored.id


async def test_a_card_whose_post_failed_is_posted_once_when_both_addresses_come_back(store):
    pages = Pages({MOBILE: DESKTOP})
    cards = service(store, pages)
    with pytest.raises(FetchError):
        await ask(cards, MOBILE, Poster(fail=True))
    post = Poster(gate=asyncio.Event())
    both = [asyncio.create_task(ask(cards, url, post)) for url in (MOBILE, DESKTOP)]
    await asyncio.sleep(0.05)
    post.gate.set()
    results = await asyncio.gather(*both)
    assert sorted(r.posted_now for r in results) == [False, True]
    assert len(post.shown) == 1 and pages.fetched == [MOBILE]


async def test_a_request_that_fails_does_not_take_the_other_address_down_with_it(store):
    pages = Pages({MOBILE: DESKTOP})
    cards = service(store, pages)
    with pytest.raises(FetchError):
        await ask(cards, MOBILE, Poster(fail=True))  # stored, never shown
    failing, working = Poster(fail=True, gate=asyncio.Event()), Poster()
    first = asyncio.create_task(ask(cards, MOBILE, failing))
    await asyncio.sleep(0.05)  # the mobile request is posting it
    second = asyncio.create_task(ask(cards, DESKTOP, working))
    await asyncio.sleep(0.05)  # the desktop request waits for it
    failing.gate.set()
    with pytest.raises(FetchError):
        await first
    result = await asyncio.wait_for(second, TIMEOUT)
    assert result.posted_now and working.shown == [result.stored.id]


async def test_a_front_page_declared_by_every_article_is_no_key(store):
    home = "https://www.news.example/"
    pages = Pages({MOBILE: home, "https://m.news.example/other": home})
    cards, post = service(store, pages), Poster()
    first = await ask(cards, MOBILE, post)
    other = await ask(cards, "https://m.news.example/other", post)
    assert first.stored.alternate_urls == () and other.posted_now
    assert other.stored.id != first.stored.id


def test_the_second_key_is_the_canonical_form_of_the_article_s_own_address() -> None:
    assert declared_key(card_of(DESKTOP + "?utm_source=x#top"), MOBILE) == DESKTOP
    assert declared_key(card_of(MOBILE), MOBILE) is None
    assert declared_key(card_of(""), MOBILE) is None  # a pasted text has no address
    assert declared_key(card_of("https://www.news.example/?page=2"), MOBILE) is not None
