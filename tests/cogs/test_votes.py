"""Voting on a card, end to end: clicks, counting, coalesced edits, restarts, forged ids."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from datetime import UTC, datetime

from bot.models import EventKind, Vote, VoteChoice
from tests.cogs.conftest import REFRESH_INTERVAL, Clock, Deck, started_deck
from tests.cogs.voting import (
    buttons,
    callback,
    card_text,
    click,
    last_edit,
    post_card,
    private_answer,
    settle,
    vote_id,
)
from tests.factories import make_card
from tests.fakes import payloads


async def test_a_click_is_answered_privately_in_time_and_the_card_shows_the_tally(
    voting_deck: Deck,
):
    deck = voting_deck
    stored, message = await post_card(deck)
    assert len(message["components"]) == 5  # 3 claims' buttons, the picker, Why?/Close
    assert all(len(row["components"]) <= 5 for row in message["components"])
    voted = await click(deck, vote_id(stored, "c2", "dubious"), message)
    text = await private_answer(deck, voted)
    assert text == "Your vote on claim 2: Dubious — click again to take it back."
    assert deck.fake.callback_delay(voted) < 3.0

    edited = await last_edit(deck, message)
    assert "🗳️ ✅ 0 · ❔ 0 · 🚩 1 — 1 vote, 3 needed for a verdict" in card_text(edited)
    assert edited["allowed_mentions"]["parse"] == []
    votes = await deck.store.votes_for_card(stored.id)
    assert [(v.claim_id, v.member_id, v.choice) for v in votes] == [
        ("c2", int(deck.world.member["user"]["id"]), VoteChoice.DUBIOUS)
    ]


async def test_twenty_members_clicking_at_once_count_exactly_with_few_edits(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    members = [deck.world.new_member(f"voter{i}") for i in range(20)]
    verdicts = ["credible"] * 14 + ["dubious"] * 6
    clicks = [
        deck.world.component(vote_id(stored, "c1", v), message_payload=message, by=m)
        for m, v in zip(members, verdicts, strict=True)
    ]
    await asyncio.gather(*(deck.fake.send_interaction(i) for i in clicks))
    answers = await asyncio.gather(*(private_answer(deck, i) for i in clicks))
    assert all(a.startswith("Your vote on claim 1:") for a in answers)
    assert max(deck.fake.callback_delay(i) for i in clicks) < 3.0

    edited = await last_edit(deck, message)
    assert "✅ 14 · ❔ 0 · 🚩 6 — consensus: Credible (14 of 20)" in card_text(edited)
    assert len(await deck.store.votes_for_card(stored.id)) == 20
    edits = deck.fake.edits_of(message["id"])
    gaps = [b.at - a.at for a, b in itertools.pairwise(edits)]
    assert all(gap >= REFRESH_INTERVAL * 0.9 for gap in gaps), gaps  # coalesced
    assert len(edits) < len(clicks)


async def test_a_double_click_leaves_one_vote(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    first = await click(deck, vote_id(stored, "c1", "unclear"), message)
    second = await click(deck, vote_id(stored, "c1", "unclear"), message)
    texts = {await private_answer(deck, first), await private_answer(deck, second)}
    assert texts == {
        "Your vote on claim 1: Unclear — click again to take it back.",
        "Your vote on claim 1 (Unclear) was already counted.",
    }
    assert len(await deck.store.votes_for_card(stored.id)) == 1


async def test_another_verdict_changes_the_vote_and_the_same_one_later_retracts_it(
    voting_deck: Deck, clock: Clock
):
    deck = voting_deck
    stored, message = await post_card(deck)
    member_id = int(deck.world.member["user"]["id"])
    cast = await click(deck, vote_id(stored, "c3", "dubious"), message)
    await private_answer(deck, cast)
    changed = await click(deck, vote_id(stored, "c3", "credible"), message)
    assert await private_answer(deck, changed) == (
        "You changed your vote on claim 3 from Dubious to Credible."
    )
    clock.advance(5)  # past the double-click window
    retracted = await click(deck, vote_id(stored, "c3", "credible"), message)
    assert await private_answer(deck, retracted) == "Your vote on claim 3 is withdrawn."
    assert await deck.store.votes_for_card(stored.id) == []

    events = [e for e in await deck.store.events_for_card(stored.id) if e.kind != "card_created"]
    assert [(e.kind, e.actor_id) for e in events] == [
        (EventKind.VOTE_CAST, member_id),
        (EventKind.VOTE_CHANGED, member_id),
        (EventKind.VOTE_RETRACTED, member_id),
    ]
    assert "🗳️" not in card_text(await last_edit(deck, message))  # no votes left on the card


async def test_a_click_on_a_card_posted_before_a_restart_is_counted(
    voting_deck: Deck, tmp_path
):
    deck = voting_deck
    stored, message = await post_card(deck)
    await deck.bot.close()
    await deck.store.close()

    async with started_deck(deck.fake, deck.articles, tmp_path) as again:
        voted = await click(again, vote_id(stored, "c1", "credible"), message)
        assert (await private_answer(again, voted)).startswith("Your vote on claim 1: Credible")
        edited = await last_edit(again, message)
        assert "✅ 1 · ❔ 0 · 🚩 0" in card_text(edited)
        assert len(await again.store.votes_for_card(stored.id)) == 1


async def test_a_claim_from_the_picker_is_voted_on_privately(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    picker = f"claimdeck:pick:{stored.id}"
    picked = await click(deck, picker, message, component_type=payloads.STRING_SELECT,
                         values=["c5"])
    assert (await private_answer(deck, picked)).startswith("**5. Jane Doe")
    prompt = deck.fake.answer_to(picked)
    assert {b["custom_id"] for b in buttons(prompt)} == {
        vote_id(stored, "c5", v) for v in ("credible", "unclear", "dubious")
    }
    voted = await click(deck, vote_id(stored, "c5", "credible"), prompt)
    assert await private_answer(deck, voted) == (
        "Your vote on claim 5: Credible — click again to take it back."
    )
    assert "✅ 1 · ❔ 0 · 🚩 0" in card_text(await last_edit(deck, message))


async def test_members_without_the_voting_role_are_refused_when_voting_is_limited(
    voting_deck: Deck,
):
    deck = voting_deck
    guild_id = int(deck.world.guild_id)
    settings = await deck.store.get_settings(guild_id)
    role = int(deck.world.reviewer_role["id"])
    await deck.store.save_settings(
        dataclasses.replace(settings, reviewer_role_id=role, reviewers_only_vote=True)
    )
    stored, message = await post_card(deck)
    refused = await click(deck, vote_id(stored, "c1", "dubious"), message)
    assert "Only members with this server's reviewer role can vote" in await private_answer(
        deck, refused
    )
    allowed = await click(deck, vote_id(stored, "c1", "dubious"), message, by=deck.world.admin)
    assert (await private_answer(deck, allowed)).startswith("Your vote on claim 1")
    assert len(await deck.store.votes_for_card(stored.id)) == 1


async def test_forged_and_truncated_custom_ids_are_refused_privately(voting_deck: Deck):
    deck = voting_deck
    stored, _ = await post_card(deck)
    forged = [
        f"claimdeck:vote:{stored.id}:c1:maybe",
        f"claimdeck:vote:{stored.id}:c1",
        "claimdeck:vote",
        f"claimdeck:form:{stored.id}:c1",
        "claimdeck:" + "x" * 95,
    ]
    fake_card = deck.world.bot_message(
        content="",
        components=[payloads.action_row(*(payloads.button(custom_id=c) for c in forged))],
    )
    for custom_id in forged:
        interaction = await click(deck, custom_id, fake_card)
        assert "not one I recognise" in await private_answer(deck, interaction)
    elsewhere = deck.world.bot_message(
        content="", components=[payloads.action_row(
            payloads.button(custom_id="claimdeck:vote:nosuchcard:c1:dubious"),
            payloads.button(custom_id=vote_id(stored, "c99", "dubious")),
        )],
    )
    gone = await click(deck, "claimdeck:vote:nosuchcard:c1:dubious", elsewhere)
    assert "no longer exists" in await private_answer(deck, gone)
    no_claim = await click(deck, vote_id(stored, "c99", "dubious"), elsewhere)
    assert "no longer on the card" in await private_answer(deck, no_claim)
    await settle(deck)
    assert await deck.store.votes_for_card(stored.id) == []
    assert not deck.fake.requests_matching("POST", r"/channels/\d+/messages",
                                           predicate=lambda r: "recognise" in str(r.json))


async def test_a_card_without_claims_has_no_buttons(voting_deck: Deck):
    _, message = await post_card(voting_deck, make_card(claims=0))
    assert not message["components"]


def _picker(message_json: dict) -> dict:
    (picker,) = [
        c for row in message_json.get("components") or [] for c in row["components"]
        if c["type"] == payloads.STRING_SELECT
    ]
    return picker


async def test_every_claim_of_a_long_card_can_be_voted_on_through_more_claims(
    voting_deck: Deck,
):
    deck = voting_deck
    card = dataclasses.replace(make_card(claims=60), pending_responses=())
    stored, message = await post_card(deck, card)
    picker = _picker(message)
    assert len(picker["options"]) == 25  # Discord's limit: claims 4–27, then "More claims…"
    assert picker["options"][-1]["label"] == "More claims: 28–60…"
    assert picker["placeholder"] == "Vote on claims 4–27 (and more)…"

    custom_id = f"claimdeck:pick:{stored.id}"
    first_page = await click(deck, custom_id, message, component_type=payloads.STRING_SELECT,
                             values=[picker["options"][-1]["value"]])
    assert await private_answer(deck, first_page) == "Claims 28–51 of 60: pick one to vote on it."
    page = deck.fake.answer_to(first_page)
    more = _picker(page)["options"][-1]
    assert more["label"] == "More claims: 52–60…"
    last_page = await click(deck, custom_id, page, component_type=payloads.STRING_SELECT,
                            values=[more["value"]])
    assert await private_answer(deck, last_page) == "Claims 52–60 of 60: pick one to vote on it."
    page = deck.fake.answer_to(last_page)
    options = _picker(page)["options"]
    assert [o["label"].split(".")[0] for o in options] == [str(n) for n in range(52, 61)]

    picked = await click(deck, custom_id, page, component_type=payloads.STRING_SELECT,
                         values=[options[-1]["value"]])
    assert (await private_answer(deck, picked)).startswith("**60.")
    voted = await click(deck, vote_id(stored, "c60", "dubious"), deck.fake.answer_to(picked))
    assert await private_answer(deck, voted) == (
        "Your vote on claim 60: Dubious — click again to take it back."
    )
    assert [v.claim_id for v in await deck.store.votes_for_card(stored.id)] == ["c60"]


async def test_a_page_of_claims_that_is_not_on_the_card_is_refused(voting_deck: Deck):
    deck = voting_deck
    card = dataclasses.replace(make_card(claims=30), pending_responses=())
    stored, message = await post_card(deck, card)
    custom_id = f"claimdeck:pick:{stored.id}"
    for forged in ("+30", "+999999", "+1"):  # past the last claim, or claims with buttons
        answer = await click(deck, custom_id, message, component_type=payloads.STRING_SELECT,
                             values=[forged])
        assert "no longer on the card" in await private_answer(deck, answer)
    assert await deck.store.votes_for_card(stored.id) == []


async def test_why_reaches_every_vote_of_a_member_who_voted_on_more_than_25_claims(
    voting_deck: Deck,
):
    deck = voting_deck
    card = dataclasses.replace(make_card(claims=30), pending_responses=())
    stored, message = await post_card(deck, card)
    member = int(deck.world.member["user"]["id"])
    for n in range(1, 28):
        await deck.store.cast_vote(Vote(stored.id, f"c{n}", member, VoteChoice.CREDIBLE,
                                        datetime.now(UTC)))
    asked = await click(deck, f"claimdeck:why:{stored.id}", message)
    assert "Which vote do you want to explain?" in await private_answer(deck, asked)
    options = _picker(deck.fake.answer_to(asked))["options"]
    assert options[-1]["label"] == "More of your votes: 25–27…"
    more = await click(deck, f"claimdeck:whypick:{stored.id}", deck.fake.answer_to(asked),
                       component_type=payloads.STRING_SELECT, values=[options[-1]["value"]])
    assert (await private_answer(deck, more)).startswith("Your votes 25–27 of 27")
    page = deck.fake.answer_to(more)
    assert [o["value"] for o in _picker(page)["options"]] == ["c25", "c26", "c27"]
    picked = await click(deck, f"claimdeck:whypick:{stored.id}", page,
                         component_type=payloads.STRING_SELECT, values=["c27"])
    shown = await callback(deck, picked)
    assert shown.json["data"]["custom_id"] == f"claimdeck:form:{stored.id}:c27"
