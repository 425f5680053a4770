"""The "Why?" form, hidden tallies and closing voting, end to end."""

from __future__ import annotations

import dataclasses

from bot.models import EventKind
from tests.cogs.conftest import Deck
from tests.cogs.voting import (
    MODAL,
    buttons,
    callback,
    card_text,
    click,
    last_edit,
    post_card,
    private_answer,
    vote_id,
)


async def open_form(deck: Deck, stored, claim: str, by: dict | None = None) -> dict:
    """Vote on ``claim``, then press "Add a reason" on the private answer: the form's data."""
    card = deck.fake.messages[str(stored.message_id)]
    voted = await click(deck, vote_id(stored, claim, "dubious"), card, by=by)
    await private_answer(deck, voted)
    answer = deck.fake.answer_to(voted)
    [why] = [b["custom_id"] for b in buttons(answer) if b["custom_id"].startswith("claimdeck:why:")]
    pressed = await click(deck, why, answer, by=by)
    shown = await callback(deck, pressed)
    assert shown.json["type"] == MODAL
    return shown.json["data"]


async def submit(deck: Deck, form: dict, values: dict, by: dict | None = None) -> str:
    submitted = deck.world.modal_submit(form["custom_id"], values, by=by)
    await deck.fake.send_interaction(submitted)
    return await private_answer(deck, submitted)


async def test_the_form_stores_a_reason_and_a_link_with_the_vote(voting_deck: Deck):
    deck = voting_deck
    stored, _ = await post_card(deck)
    form = await open_form(deck, stored, "c2")
    assert form["custom_id"] == f"claimdeck:form:{stored.id}:c2"
    assert form["title"] == "Why? (claim 2)"
    reason = "The 2019 @everyone figure **is** <@&123456789012345678> misquoted"
    text = await submit(deck, form, {"rationale": reason,
                                     "evidence": "https://factcheck.example.org/parts"})
    assert text.startswith("Saved why you voted as you did on claim 2.")
    assert "**is**" not in text and "<@&123456789012345678>" not in text  # escaped
    assert "@everyone" not in text

    [vote] = await deck.store.votes_for_card(stored.id)
    assert vote.rationale == reason  # stored as typed, escaped wherever shown
    assert vote.evidence_url == "https://factcheck.example.org/parts"
    kinds = [e.kind for e in await deck.store.events_for_card(stored.id)]
    assert kinds[-1] == EventKind.VOTE_EXPLAINED


async def test_the_form_refuses_a_bad_link_and_changes_nothing(voting_deck: Deck):
    deck = voting_deck
    stored, _ = await post_card(deck)
    form = await open_form(deck, stored, "c1")
    for link, why in (
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://10.0.0.7/admin", "not public"),
        ("https://user@evil.example/", "user name"),
    ):
        refusal = await submit(deck, form, {"rationale": "see link", "evidence": link})
        assert why in refusal, refusal
    empty = await submit(deck, form, {"rationale": "  ", "evidence": ""})
    assert "Write a short reason or paste an evidence link" in empty
    [vote] = await deck.store.votes_for_card(stored.id)
    assert vote.rationale is None and vote.evidence_url is None


async def test_why_on_the_card_asks_which_vote_when_there_are_several(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    nothing = await click(deck, f"claimdeck:why:{stored.id}", message)
    assert "vote on a claim first" in await private_answer(deck, nothing)
    for claim in ("c1", "c3"):
        await private_answer(deck, await click(deck, vote_id(stored, claim, "credible"), message))
    asked = await click(deck, f"claimdeck:why:{stored.id}", message)
    assert "Which vote do you want to explain?" in await private_answer(deck, asked)
    picker = deck.fake.answer_to(asked)
    options = picker["components"][0]["components"][0]["options"]
    assert [o["value"] for o in options] == ["c1", "c3"]
    picked = await click(deck, f"claimdeck:whypick:{stored.id}", picker,
                         component_type=3, values=["c3"])
    shown = await callback(deck, picked)
    assert shown.json["data"]["custom_id"] == f"claimdeck:form:{stored.id}:c3"


async def test_hidden_tallies_stay_hidden_until_voting_closes(voting_deck: Deck):
    deck = voting_deck
    guild_id = int(deck.world.guild_id)
    settings = await deck.store.get_settings(guild_id)
    await deck.store.save_settings(dataclasses.replace(settings, hide_tallies=True, quorum=2))
    stored, message = await post_card(deck)
    admin = deck.world.admin
    for who in (deck.world.member, admin):
        await private_answer(deck, await click(deck, vote_id(stored, "c1", "dubious"), message,
                                               by=who))
    hidden = card_text(await last_edit(deck, message))
    assert "Votes are hidden until voting closes." in hidden
    assert "🚩 2" not in hidden and "Dubious" not in hidden

    closing = await click(deck, f"claimdeck:close:{stored.id}", message, by=admin)
    assert "now closed" in await private_answer(deck, closing)
    final = await last_edit(deck, message)
    assert "Final verdict: Dubious (2 of 2)" in card_text(final)


async def test_only_reviewers_close_and_late_clicks_get_a_polite_answer(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    await private_answer(deck, await click(deck, vote_id(stored, "c1", "credible"), message))
    refused = await click(deck, f"claimdeck:close:{stored.id}", message)
    assert "Only members with this server's reviewer role" in await private_answer(deck, refused)
    assert not (await deck.store.get_card(stored.id)).voting_closed

    closing = await click(deck, f"claimdeck:close:{stored.id}", message, by=deck.world.admin)
    assert "now closed" in await private_answer(deck, closing)
    closed = await last_edit(deck, message)
    assert "voting closed" in closed["embeds"][0]["footer"]["text"]
    verdicts = [b for b in buttons(closed) if b["custom_id"].startswith("claimdeck:vote:")]
    assert verdicts and all(b["disabled"] for b in verdicts)
    assert any(b["custom_id"] == f"claimdeck:reopen:{stored.id}" for b in buttons(closed))

    late = await click(deck, vote_id(stored, "c2", "dubious"), message)
    assert "Voting on this card is closed" in await private_answer(deck, late)
    assert len(await deck.store.votes_for_card(stored.id)) == 1
    events = await deck.store.events_for_card(stored.id)
    closes = [e for e in events if e.kind == EventKind.VOTING_CLOSED]
    assert [e.actor_id for e in closes] == [int(deck.world.admin["user"]["id"])]

    reopening = await click(deck, f"claimdeck:reopen:{stored.id}", message, by=deck.world.admin)
    assert "open again" in await private_answer(deck, reopening)
    reopened = await last_edit(deck, message)
    assert not any(b.get("disabled") for b in buttons(reopened))
