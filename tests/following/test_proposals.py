"""The answer arrives on its own: a new card with the party's response is proposed in the
original card's thread; "Link as response" resolves, "Not related" keeps waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.following import AlreadyResolved, FollowUpServices
from bot.models import ClaimCard, EventKind, FollowUpState, Stance
from storage import Store
from tests.following.conftest import OTHER_GUILD, T0, Clock, FakeNotifier, post_card, stored

LATER = T0 + timedelta(hours=20)


async def _seed_and_response(
    services: FollowUpServices, store: Store, clock: Clock, cards: dict[str, ClaimCard]
):
    opened = await post_card(services, store, stored("seed", cards["seed"]))
    [followup] = opened.followups
    clock.set(LATER)
    answer = await post_card(services, store, stored("answer", cards["response"], at=LATER))
    return followup, answer


async def test_the_response_report_is_proposed_in_the_seed_cards_thread(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock,
    real_cards: dict[str, ClaimCard],
) -> None:
    followup, answer = await _seed_and_response(services, store, clock, real_cards)
    assert answer.proposals == (followup.id,)
    [proposal] = notifier.of_kind("proposal")
    assert (proposal.where, proposal.card_id, proposal.followup_id) == (
        "thread", "seed", followup.id)
    candidate, party, stance = proposal.detail
    assert candidate == "answer" and "foreign ministry" in party.lower() and stance == "denial"
    row = await store.get_followup(followup.id)
    assert row is not None and row.proposed_card_ids == ("answer",)
    events = [e.kind for e in await store.events_for_card("seed")]
    assert EventKind.FOLLOWUP_PROPOSED in events

    # the same card seen again (a re-post, a second link) is not proposed twice
    assert await services.proposals.propose_for(stored("answer", real_cards["response"])) == []
    assert len(notifier.of_kind("proposal")) == 1


async def test_link_as_response_resolves_updates_both_cards_and_stops_reminders(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock,
    real_cards: dict[str, ClaimCard],
) -> None:
    followup, _ = await _seed_and_response(services, store, clock, real_cards)
    resolved = await services.proposals.link(followup.guild_id, followup.id, "answer",
                                             actor_id=99)
    assert resolved.state is FollowUpState.RESOLVED
    assert resolved.stance is Stance.DENIAL
    assert resolved.resolution_card_id == "answer"
    assert resolved.resolution_url == real_cards["response"].article.url
    assert resolved.resolved_at == LATER
    assert sorted(notifier.refreshed) == ["answer", "seed"]
    [event] = [e for e in await store.events_for_card("seed")
               if e.kind is EventKind.FOLLOWUP_RESOLVED]
    assert event.actor_id == 99 and event.data["stance"] == "denial"

    # a second click on the same button changes nothing; another card cannot take its place
    assert await services.proposals.link(followup.guild_id, followup.id, "answer") == resolved
    await store.save_card(stored("third", real_cards["other"], url="https://x.example/3"))
    with pytest.raises(AlreadyResolved, match="already resolved on 2025-06-17 \\(denial\\)"):
        await services.proposals.link(followup.guild_id, followup.id, "third")

    for day in range(1, 12):  # reminders have stopped
        clock.set(T0 + timedelta(days=day))
        await services.reminders.tick()
    assert notifier.of_kind("reminder") == []


async def test_not_related_keeps_waiting_and_never_proposes_that_card_again(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock,
    real_cards: dict[str, ClaimCard],
) -> None:
    followup, _ = await _seed_and_response(services, store, clock, real_cards)
    kept = await services.proposals.dismiss(followup.guild_id, followup.id, "answer", actor_id=5)
    assert kept.state is FollowUpState.OPEN and kept.dismissed_card_ids == ("answer",)
    assert await services.proposals.dismiss(followup.guild_id, followup.id, "answer") == kept

    again = await services.proposals.propose_for(stored("answer", real_cards["response"]))
    assert again == [] and len(notifier.of_kind("proposal")) == 1
    clock.set(T0 + timedelta(hours=24))
    await services.reminders.tick()
    assert [p.kind for p in notifier.posted] == ["proposal", "reminder"]  # still reminded


async def test_another_story_and_another_server_get_no_proposal(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock,
    real_cards: dict[str, ClaimCard],
) -> None:
    await post_card(services, store, stored("seed", real_cards["seed"]))
    other = await post_card(services, store, stored("taiwan", real_cards["other"]))
    assert other.proposals == ()  # the same ministry, on Taiwan drills
    elsewhere = await post_card(
        services, store, stored("answer-elsewhere", real_cards["response"], guild_id=OTHER_GUILD)
    )
    assert elsewhere.proposals == ()  # another server's card never reaches this follow-up
    assert notifier.of_kind("proposal") == []


async def test_a_proposal_that_cannot_be_posted_is_not_recorded(
    services: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock,
    real_cards: dict[str, ClaimCard],
) -> None:
    opened = await post_card(services, store, stored("seed", real_cards["seed"]))
    notifier.unreachable.add("seed")
    answer = await post_card(services, store, stored("answer", real_cards["response"]))
    assert answer.proposals == ()
    row = await store.get_followup(opened.followups[0].id)
    assert row is not None and row.proposed_card_ids == ()
