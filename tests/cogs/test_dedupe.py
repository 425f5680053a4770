"""One card per article, end to end (issue 11): the mobile and the desktop address of a story,
whose pages declare the same canonical URL, make one card in the server."""

from __future__ import annotations

from tests.cogs.conftest import SEED, Deck
from tests.cogs.test_links import TIMEOUT, card_posts, wait_until_posted

MOBILE, DESKTOP = "/m/story", "/story"


def serve_both_addresses(deck: Deck) -> None:
    """The seed article at two paths, each declaring the desktop address as its own."""
    html = SEED.read_text(encoding="utf-8")
    declared = (
        'href="http://news.example.test/world/'
        'ukraine-alleges-china-is-supplying-russias-military-industry/"'
    )
    assert declared in html
    page = html.replace(declared, f'href="{deck.articles.url(DESKTOP)}"')
    deck.articles.add_page(MOBILE, page)
    deck.articles.add_page(DESKTOP, page)


async def paste_and_get_the_answer(deck: Deck, path: str, author: dict | None = None) -> dict:
    """Paste the link; the bot's reply to that message (a card or a pointer)."""
    world, fake = deck.world, deck.fake
    message = world.user_message(f"read {deck.articles.url(path)}", author=author)
    await fake.dispatch("MESSAGE_CREATE", message)
    reply = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: "message_reference" in r.json
        and str(r.json["message_reference"]["message_id"]) == message["id"],
    )
    return reply.json


async def test_the_desktop_link_after_the_mobile_one_is_already_carded_without_a_fetch(deck):
    serve_both_addresses(deck)
    card = await paste_and_get_the_answer(deck, MOBILE)
    assert card["embeds"][0]["title"].startswith("Ukraine Alleges China")
    await wait_until_posted(deck)

    for path in (DESKTOP, MOBILE):
        pointer = await paste_and_get_the_answer(deck, path)
        assert "Already carded" in pointer["content"]
    assert deck.articles.hits(MOBILE) == 1
    assert deck.articles.hits(DESKTOP) == 0  # stored as the card's second address
    assert len(card_posts(deck)) == 1
    assert len(await deck.store.recent_cards(int(deck.world.guild["id"]))) == 1


async def test_the_mobile_link_after_the_desktop_one_points_to_the_same_card(deck):
    serve_both_addresses(deck)
    first = await paste_and_get_the_answer(deck, DESKTOP)
    assert first["embeds"]
    await wait_until_posted(deck)

    pointer = await paste_and_get_the_answer(deck, MOBILE)
    assert "Already carded" in pointer["content"]
    assert not pointer.get("embeds") or pointer["embeds"][0]["title"] == first["embeds"][0]["title"]
    assert deck.articles.hits(DESKTOP) == 1
    assert len(card_posts(deck)) == 1
    assert len(await deck.store.recent_cards(int(deck.world.guild["id"]))) == 1


async def test_two_members_pasting_the_mobile_and_desktop_links_at_once_get_one_card(deck):
    serve_both_addresses(deck)
    world, fake = deck.world, deck.fake
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url(MOBILE)))
    await fake.dispatch(
        "MESSAGE_CREATE", world.user_message(deck.articles.url(DESKTOP), author=world.admin)
    )
    await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: "Already carded" in (r.json.get("content") or ""),
    )
    await wait_until_posted(deck)
    assert len(card_posts(deck)) == 1
    assert len(await deck.store.recent_cards(int(world.guild["id"]))) == 1
