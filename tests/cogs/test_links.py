"""Links pasted in a channel, end to end: the real bot against the fake Discord."""

from __future__ import annotations

import asyncio

from bot.ratelimit import Limit, LinkLimits
from tests.cogs.conftest import SEED, Deck

TIMEOUT = 20  # a first card may wait for the spaCy model on a loaded machine


async def wait_until_posted(deck: Deck) -> None:
    """The card's message and thread ids reach the store just after the thread is made."""
    async with asyncio.timeout(TIMEOUT):
        while True:
            cards = await deck.store.recent_cards(int(deck.world.guild["id"]))
            if cards and cards[0].thread_id is not None:
                return
            await asyncio.sleep(0.02)


def card_posts(deck: Deck) -> list:
    channel = deck.world.channel["id"]
    return [
        r for r in deck.fake.requests_matching("POST", rf"/channels/{channel}/messages")
        if r.json and r.json.get("embeds")
    ]


async def test_a_link_gets_a_card_reply_with_a_thread_and_a_working_reaction(deck: Deck):
    world, fake = deck.world, deck.fake
    posted = world.user_message(f"Look at this {deck.articles.url('/seed')} !")
    await fake.dispatch("MESSAGE_CREATE", posted)
    channel = world.channel["id"]

    working = await fake.wait_for_request(
        "PUT", rf"/channels/{channel}/messages/{posted['id']}/reactions/⏳/@me", timeout=TIMEOUT
    )
    reply = await fake.wait_for_request(
        "POST", rf"/channels/{channel}/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json.get("embeds")),
    )
    embed = reply.json["embeds"][0]
    assert embed["title"].startswith("Ukraine Alleges China Is Supplying")
    fields = "\n".join(f"{f['name']} {f['value']}" for f in embed["fields"])
    assert "Oleh Ivashchenko" in fields and "at least 20" in fields
    assert "China’s foreign ministry" in fields  # the pending response
    assert str(reply.json["message_reference"]["message_id"]) == posted["id"]
    assert reply.json["allowed_mentions"]["parse"] == []

    card_message_id = reply.response["id"]
    thread = await fake.wait_for_request(
        "POST", rf"/channels/{channel}/messages/{card_message_id}/threads", timeout=TIMEOUT
    )
    assert thread.json["name"].startswith("Ukraine Alleges China")
    done = await fake.wait_for_request(
        "DELETE", rf"/channels/{channel}/messages/{posted['id']}/reactions/⏳/@me",
        timeout=TIMEOUT,
    )
    assert done.at > working.at

    await wait_until_posted(deck)
    stored = await deck.store.recent_cards(int(world.guild["id"]))
    assert len(stored) == 1
    assert stored[0].message_id == int(card_message_id)
    assert stored[0].thread_id == int(thread.response["id"])


async def test_a_link_already_carded_gets_a_pointer_not_a_second_fetch(deck: Deck):
    world, fake = deck.world, deck.fake
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/seed")))
    first = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json.get("embeds")),
    )
    await fake.wait_for_request("POST", r"/channels/\d+/messages/\d+/threads", timeout=TIMEOUT)
    await wait_until_posted(deck)

    again = world.user_message(f"same story: {deck.articles.url('/seed')}?utm_source=tw#top")
    await fake.dispatch("MESSAGE_CREATE", again)
    pointer = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: "message_reference" in r.json
        and str(r.json["message_reference"]["message_id"]) == again["id"],
    )
    assert "Already carded" in pointer.json["content"]
    assert first.response["id"] in pointer.json["content"]  # a jump link to the card
    assert deck.articles.hits("/seed") == 1
    assert len(card_posts(deck)) == 1


async def test_two_people_pasting_the_same_link_at_once_get_one_card(deck: Deck):
    world, fake = deck.world, deck.fake
    link = deck.articles.url("/seed")
    await fake.dispatch("MESSAGE_CREATE", world.user_message(link))
    await fake.dispatch("MESSAGE_CREATE", world.user_message(link, author=world.admin))
    await fake.wait_for_request("POST", r"/channels/\d+/messages/\d+/threads", timeout=TIMEOUT)
    pointer = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: "Already carded" in (r.json.get("content") or ""),
    )
    assert pointer is not None
    assert deck.articles.hits("/seed") == 1
    assert len(card_posts(deck)) == 1


async def test_a_failing_link_gets_a_short_reason_and_no_card(deck: Deck):
    world, fake = deck.world, deck.fake
    deck.articles.add_page("/gone", "not here", status=404)
    posted = world.user_message(deck.articles.url("/gone"))
    await fake.dispatch("MESSAGE_CREATE", posted)
    reply = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT
    )
    assert "404" in reply.json["content"] and "No card" in reply.json["content"]
    assert not reply.json.get("embeds")
    await fake.wait_for_request(
        "DELETE", rf"/channels/{world.channel['id']}/messages/{posted['id']}/reactions/⏳/@me",
        timeout=TIMEOUT,
    )
    assert await deck.store.recent_cards(int(world.guild["id"])) == []


async def test_suppressed_links_and_bots_are_ignored(deck: Deck):
    world, fake = deck.world, deck.fake
    deck.articles.add_file("/control", SEED)
    await fake.dispatch("MESSAGE_CREATE", world.user_message(f"<{deck.articles.url('/seed')}>"))
    await fake.dispatch(
        "MESSAGE_CREATE", world.user_message(deck.articles.url("/seed"), author=world.bot_member)
    )
    # Events are handled in order: once a later link is carded, the first two were seen.
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/control")))
    await fake.wait_for_request("POST", r"/channels/\d+/messages", timeout=TIMEOUT)
    assert deck.articles.hits("/seed") == 0
    assert deck.articles.hits("/control") == 1


async def test_a_malformed_link_does_not_stop_the_others(deck: Deck):
    world, fake = deck.world, deck.fake
    text = f"see https://ex..com/a and https://example.com:99999/x and {deck.articles.url('/seed')}"
    await fake.dispatch("MESSAGE_CREATE", world.user_message(text))
    reply = await fake.wait_for_request(
        "POST", r"/channels/\d+/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json.get("embeds")),
    )
    assert reply.json["embeds"][0]["title"].startswith("Ukraine Alleges China")


async def test_a_card_whose_post_failed_is_posted_next_time_without_a_second_fetch(deck: Deck):
    world, fake = deck.world, deck.fake
    channel = world.channel["id"]
    fake.fail_next("POST", rf"/channels/{channel}/messages")  # e.g. Embed Links was missing
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/seed")))
    apology = await fake.wait_for_request(
        "POST", rf"/channels/{channel}/messages", timeout=TIMEOUT,
        predicate=lambda r: r.status == 200,
    )
    assert "permission" in apology.json["content"]

    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/seed")))
    card = await fake.wait_for_request(
        "POST", rf"/channels/{channel}/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json.get("embeds")) and r.status == 200,
    )
    assert card.json["embeds"][0]["title"].startswith("Ukraine Alleges China")
    assert deck.articles.hits("/seed") == 1
    await wait_until_posted(deck)


async def test_a_card_from_a_channel_the_member_cannot_see_is_not_revealed(deck: Deck):
    world, fake = deck.world, deck.fake
    hidden = world.other_channel
    await deck.make_private(hidden)
    link = deck.articles.url("/seed")
    await fake.dispatch("MESSAGE_CREATE", world.user_message(link, author=world.admin,
                                                             channel=hidden))
    await fake.wait_for_request("POST", rf"/channels/{hidden['id']}/messages", timeout=TIMEOUT)
    await wait_until_posted(deck)

    asked = world.user_message(link)  # the plain member, in #news
    await fake.dispatch("MESSAGE_CREATE", asked)
    answer = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT
    )
    assert hidden["id"] not in str(answer.json)  # no jump link into the private channel
    assert answer.json["embeds"][0]["title"].startswith("Ukraine Alleges China")
    assert deck.articles.hits("/seed") == 1


async def test_an_article_title_with_everyone_pings_no_one(deck: Deck):
    world, fake = deck.world, deck.fake
    page = (
        "<html><head><title>@everyone <@&123456789012345678> urgent</title></head><body>"
        "<article><h1>@everyone <@&123456789012345678> urgent</h1>"
        + "<p>The council said on Monday that at least 12 bridges need repairs, "
        "according to a report published by the city's engineers this week.</p>" * 6
        + "</article></body></html>"
    )
    deck.articles.add_page("/ping", page)
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/ping")))
    reply = await fake.wait_for_request(
        "POST", rf"/channels/{world.channel['id']}/messages", timeout=TIMEOUT,
        predicate=lambda r: bool(r.json.get("embeds")),
    )
    assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    title = reply.json["embeds"][0]["title"]
    assert "@everyone" not in title and "<@&123456789012345678>" not in title


async def test_members_who_post_too_many_links_are_told_to_wait(deck: Deck):
    world, fake = deck.world, deck.fake
    deck.bot.limits = LinkLimits(member=Limit(1, 60), guild=Limit(100, 60))
    deck.articles.add_page("/other", "x", status=404)
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/other")))
    await fake.wait_for_request("POST", r"/channels/\d+/messages", timeout=TIMEOUT)
    await fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/seed")))
    refusal = await fake.wait_for_request("POST", r"/channels/\d+/messages", timeout=TIMEOUT)
    assert "you have asked for 1 card in the last minute" in refusal.json["content"]
    assert "try again in" in refusal.json["content"]
    assert deck.articles.hits("/seed") == 0
