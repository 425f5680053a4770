"""/votes, /close, /reopen, /export, /history and /settings voting, end to end."""

from __future__ import annotations

import dataclasses
import json

from tests.cogs.conftest import Deck
from tests.cogs.voting import (
    EPHEMERAL,
    TIMEOUT,
    callback,
    card_text,
    click,
    last_edit,
    post_card,
    private_answer,
    vote_id,
)
from tests.fakes import payloads


async def command(deck: Deck, name: str, options: dict | list, *, by: dict | None = None):
    interaction = deck.world.slash_command(
        name, options, registered=deck.command(name), by=by
    )
    await deck.fake.send_interaction(interaction)
    return interaction


async def vote_many(deck: Deck, stored, message, plan: list[tuple[dict, str, str]]) -> None:
    for who, claim, verdict in plan:
        await private_answer(deck, await click(deck, vote_id(stored, claim, verdict), message,
                                               by=who))


async def explain(deck: Deck, stored, who: dict, claim: str, reason: str, link: str) -> None:
    await deck.store.explain_vote(stored.id, claim, int(who["user"]["id"]), reason, link,
                                  deck.bot.clock())


async def test_votes_shows_the_breakdown_privately_with_names_reasons_and_links(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    carol = world.new_member("carol")
    await vote_many(deck, stored, message, [
        (world.member, "c1", "dubious"), (world.admin, "c1", "dubious"), (carol, "c1", "credible"),
    ])
    await explain(deck, stored, world.admin, "c1", "Old *figure* from @here 2019",
                  "https://stats.example.org/2019)")
    asked = await command(deck, "votes", {"card": stored.id})
    answered = await callback(deck, asked)
    data = answered.json["data"]
    assert data["flags"] & EPHEMERAL and data["allowed_mentions"]["parse"] == []
    first = data["embeds"][0]["fields"][0]
    assert first["name"].startswith("1. Jane Doe")
    assert "✅ 1 · ❔ 0 · 🚩 2 — consensus: Dubious (2 of 3)" in first["value"]
    assert f"<@{world.admin['user']['id']}>" in first["value"]
    assert "“Old \\*figure\\* from @\u200bhere 2019”" in first["value"]
    assert "<https://stats.example.org/2019)>" in first["value"]
    assert "🚩 Dubious · you" in first["value"]  # the asker's own ballot


async def test_votes_hides_other_ballots_and_names_as_the_server_chose(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    settings = await deck.store.get_settings(int(world.guild_id))
    await deck.store.save_settings(dataclasses.replace(settings, hide_tallies=True))
    stored, message = await post_card(deck)
    await vote_many(deck, stored, message, [
        (world.member, "c1", "credible"), (world.admin, "c1", "dubious"),
    ])
    asked = await command(deck, "votes", {"card": stored.id})
    embed = (await callback(deck, asked)).json["data"]["embeds"][0]
    shown = json.dumps(embed, ensure_ascii=False)
    assert "only your own votes are shown" in shown
    assert "✅ Credible · you" in shown
    assert "Dubious" not in shown and world.admin["user"]["id"] not in shown


async def test_close_and_reopen_commands_for_reviewers_only(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    refused = await command(deck, "close", {"card": stored.id})
    assert "Only members with this server's reviewer role" in await private_answer(deck, refused)
    closed = await command(deck, "close", {"card": stored.id}, by=deck.world.admin)
    assert "now closed" in await private_answer(deck, closed)
    assert "voting closed" in card_text(await last_edit(deck, message))
    again = await command(deck, "close", {"card": stored.id}, by=deck.world.admin)
    assert "already closed" in await private_answer(deck, again)
    reopened = await command(deck, "reopen", {"card": stored.id}, by=deck.world.admin)
    assert "open again" in await private_answer(deck, reopened)
    assert not (await deck.store.get_card(stored.id)).voting_closed


async def test_export_attaches_claimreview_json_ld_with_every_field(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    settings = await deck.store.get_settings(int(world.guild_id))
    await deck.store.save_settings(dataclasses.replace(settings, team_name="Example Desk"))
    stored, message = await post_card(deck)
    voters = [world.member, world.admin, world.new_member("carol")]
    await vote_many(deck, stored, message, [(v, "c2", "dubious") for v in voters])
    await private_answer(deck, await click(deck, f"claimdeck:close:{stored.id}", message,
                                           by=world.admin))
    asked = await command(deck, "export", {"card": stored.id})
    deferred = await callback(deck, asked)
    assert deferred.json["data"]["flags"] & EPHEMERAL
    sent = await deck.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{asked['token']}", timeout=TIMEOUT
    )
    [name] = sent.files
    assert name == f"claimdeck-{stored.id}.jsonld"
    [review] = json.loads(sent.file_bodies[name].decode("utf-8"))
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == stored.card.claims[1].text
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Jane Doe",
                              "jobTitle": "minister of industry"}
    assert item["appearance"]["url"] == "https://news.example.com/story"
    assert item["datePublished"] == "2025-06-16"
    rating = review["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"],
            rating["alternateName"]) == (1, 3, 1, "Dubious")
    assert review["author"] == {"@type": "Organization", "name": "Example Desk"}
    assert review["datePublished"].endswith("+00:00")
    assert review["url"] == (
        f"https://discord.com/channels/{world.guild_id}/{stored.channel_id}/{stored.message_id}"
    )


async def test_export_with_nothing_to_export_or_hidden_verdicts_says_so(voting_deck: Deck):
    deck = voting_deck
    stored, _ = await post_card(deck)
    asked = await command(deck, "export", {"card": stored.id})
    await callback(deck, asked)
    followup = await deck.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{asked['token']}", timeout=TIMEOUT
    )
    assert "No claim on this card has a verdict yet" in followup.json["embeds"][0]["description"]
    assert not followup.files
    settings = await deck.store.get_settings(int(deck.world.guild_id))
    await deck.store.save_settings(dataclasses.replace(settings, hide_tallies=True))
    hidden = await command(deck, "export", {"card": stored.id})
    assert "hides verdicts until voting closes" in await private_answer(deck, hidden)


async def test_history_lists_who_did_what_and_when(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    await vote_many(deck, stored, message, [(world.member, "c1", "dubious")])
    await private_answer(deck, await click(deck, f"claimdeck:close:{stored.id}", message,
                                           by=world.admin))
    asked = await command(deck, "history", {"card": stored.id})
    description = (await callback(deck, asked)).json["data"]["embeds"][0]["description"]
    lines = description.splitlines()
    assert lines[0].endswith("made the card")
    assert lines[1].endswith(f"<@{world.member['user']['id']}> voted Dubious on claim 1")
    assert lines[2].endswith(f"<@{world.admin['user']['id']}> closed voting")
    assert all(line.startswith("<t:") for line in lines)


async def test_commands_refuse_a_card_from_a_channel_the_member_cannot_read(voting_deck: Deck):
    deck = voting_deck
    stored, _ = await post_card(deck)
    await deck.make_private(deck.world.channel)
    for name in ("votes", "history", "export", "close"):
        asked = await command(deck, name, {"card": stored.id})
        assert "do not know that card" in await private_answer(deck, asked)


async def test_settings_voting_changes_the_rules_and_the_cards_on_show(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    await vote_many(deck, stored, message, [(world.member, "c1", "unclear")])
    options = [
        payloads.option("quorum", 1), payloads.option("agreement", 100),
        payloads.option("who-votes", "reviewers"), payloads.option("team-name", "Desk @everyone"),
    ]
    asked = await command(deck, "settings", [payloads.subcommand("voting", options)],
                          by=world.admin)
    text = await private_answer(deck, asked)
    assert "1 vote, 100 % of them agreeing" in text
    assert "**Who votes:** reviewers" in text and "Desk @\u200beveryone" in text
    saved = await deck.store.get_settings(int(world.guild_id))
    assert (saved.quorum, saved.consensus_threshold, saved.reviewers_only_vote, saved.team_name) \
        == (1, 1.0, True, "Desk @everyone")
    assert "consensus: Unclear (1 of 1)" in card_text(await last_edit(deck, message))
    refused = await command(deck, "settings", [payloads.subcommand("voting", options)])
    assert "Manage Server" in await private_answer(deck, refused)


async def test_agreement_67_keeps_two_of_three_a_verdict_like_the_default_shown_as_67(
    voting_deck: Deck,
):
    # the default is two thirds, shown as "67 %"; an admin who sets the 67 they were shown
    # must not turn 2 of 3 into "no consensus"
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    third = world.new_member("third")
    await vote_many(deck, stored, message, [
        (world.member, "c1", "credible"), (world.admin, "c1", "credible"),
        (third, "c1", "dubious"),
    ])
    assert "consensus: Credible (2 of 3)" in card_text(await last_edit(deck, message))
    shown = await command(deck, "settings", [payloads.subcommand("show", [])], by=world.admin)
    assert "3 votes, 67 % of them agreeing" in await private_answer(deck, shown)
    asked = await command(deck, "settings", [payloads.subcommand(
        "voting", [payloads.option("agreement", 67)])], by=world.admin)
    assert "3 votes, 67 % of them agreeing" in await private_answer(deck, asked)
    assert "consensus: Credible (2 of 3)" in card_text(await last_edit(deck, message))
    stricter = await command(deck, "settings", [payloads.subcommand(
        "voting", [payloads.option("agreement", 68)])], by=world.admin)
    assert "3 votes, 68 % of them agreeing" in await private_answer(deck, stricter)
    assert "no consensus yet (3 votes)" in card_text(await last_edit(deck, message))
