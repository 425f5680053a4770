"""What each /followup subcommand does, and the one-line refusals members read."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.following import (
    AmbiguousFollowUp,
    FollowUpError,
    FollowUpServices,
    InvalidArgument,
    InvalidDuration,
    NoFollowUp,
    NotDelivered,
    UnknownCard,
    parse_stance,
)
from bot.models import EventKind, FollowUpState, PendingResponse, ResponseStatus, Stance
from storage import Store
from tests.following.conftest import (
    GUILD,
    OTHER_GUILD,
    T0,
    Clock,
    FakeNotifier,
    post_card,
    stored,
)
from tests.followups.helpers import response_card, seed_card

H = timedelta(hours=1)


@pytest.fixture
async def seeded(services: FollowUpServices, store: Store) -> FollowUpServices:
    await post_card(services, store, stored("seed", seed_card()))
    return services


async def test_list_shows_the_open_follow_ups_oldest_first_with_age_assignee_and_reminder(
    seeded: FollowUpServices, store: Store, clock: Clock
) -> None:
    clock.set(T0 + 2 * H)
    await store.save_card(stored("later", response_card(), at=T0 + 2 * H))
    await seeded.commands.add(GUILD, "later", "the Kremlin", note="ask Peskov", actor_id=3)
    await seeded.commands.assign(GUILD, "later", 777)
    clock.set(T0 + 5 * H)

    listed = await seeded.commands.list_open(GUILD)
    assert [(item.card.id, item.age, item.assignee_id, item.next_reminder) for item in listed] == [
        ("seed", 5 * H, None, T0 + 24 * H),
        ("later", 3 * H, 777, T0 + 26 * H),
    ]
    line = listed[1].markdown()
    assert line.startswith("Awaiting the Kremlin — China says Ukraine")
    assert "waiting 3 h" in line and "assigned to <@777>" in line
    assert f"next reminder <t:{int((T0 + 26 * H).timestamp())}:R>" in line
    # a member who cannot see the seed card's channel does not see its follow-up
    hidden = await seeded.commands.list_open(GUILD, can_see=lambda card: card.id != "seed")
    assert [item.card.id for item in hidden] == ["later"]
    assert await seeded.commands.list_open(OTHER_GUILD) == []


async def test_snooze_holds_reminders_then_they_resume(
    seeded: FollowUpServices, notifier: FakeNotifier, clock: Clock
) -> None:
    row = await seeded.commands.snooze(GUILD, "seed", "3d", actor_id=3)
    assert row.snoozed_until == T0 + timedelta(days=3) and row.due_at == T0 + timedelta(days=3)
    for hours in (24, 48, 71):
        clock.set(T0 + hours * H)
        await seeded.reminders.tick()
    assert notifier.posted == []
    clock.set(T0 + 72 * H)
    await seeded.reminders.tick()
    assert [p.kind for p in notifier.posted] == ["reminder"]


@pytest.mark.parametrize("duration", ["", "soon", "3 fortnights", "0m", "400d", "1d1d", "9" * 80])
async def test_a_duration_that_does_not_parse_is_one_line(
    seeded: FollowUpServices, duration: str
) -> None:
    with pytest.raises(InvalidDuration) as caught:
        await seeded.commands.snooze(GUILD, "seed", duration)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 120


async def test_resolve_with_a_statement_records_the_stance_and_stops_reminders(
    seeded: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    clock.set(T0 + 3 * H)
    row = await seeded.commands.resolve(GUILD, "seed", "No comment",
                                        text="  The ministry had no comment.\u200b ", actor_id=4)
    assert (row.state, row.stance, row.resolution_text, row.resolved_at) == (
        FollowUpState.RESOLVED, Stance.NO_COMMENT, "The ministry had no comment.", T0 + 3 * H)
    assert notifier.refreshed == ["seed"]
    [event] = [e for e in await store.events_for_card("seed")
               if e.kind is EventKind.FOLLOWUP_RESOLVED]
    assert event.data["via"] == "statement" and event.data["stance"] == "no comment"
    clock.set(T0 + 30 * H)
    assert (await seeded.reminders.tick()).idle
    with pytest.raises(NoFollowUp, match="no open follow-up"):
        await seeded.commands.resolve(GUILD, "seed", "denial", text="again")


async def test_resolve_with_a_link_cards_the_response_and_links_it(
    seeded: FollowUpServices, store: Store
) -> None:
    answer = stored("answer", response_card(), url="https://wire.example.test/china-rejects")

    async def card_for_url(url: str):
        assert url == "https://wire.example.test/china-rejects"
        await store.save_card(answer)
        return answer

    row = await seeded.commands.resolve(GUILD, "seed", "denial", url=answer.canonical_url,
                                        card_for_url=card_for_url)
    assert (row.resolution_card_id, row.resolution_url, row.stance) == (
        "answer", answer.canonical_url, Stance.DENIAL)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stance": "maybe", "text": "x"}, "Choose a stance: denial, confirmation, no comment"),
        ({"stance": "denial"}, "Give the response's link or its text"),
        ({"stance": "denial", "text": "x", "url": "https://a.example"}, "link or its text"),
        ({"stance": "denial", "text": "x" * 1501}, "at most 1500 characters"),
    ],
)
async def test_resolve_refusals(seeded: FollowUpServices, kwargs: dict, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        await seeded.commands.resolve(GUILD, "seed", **kwargs)


async def test_reopen_waits_again_with_a_fresh_cadence(
    seeded: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    await seeded.commands.resolve(GUILD, "seed", "denial", text="Groundless, they said.")
    clock.set(T0 + 50 * H)
    row = await seeded.commands.reopen(GUILD, "seed", actor_id=8)
    assert row.state is FollowUpState.OPEN and row.stance is None
    assert row.reminders_sent == 0 and row.due_at == T0 + 74 * H
    kinds = [e.kind for e in await store.events_for_card("seed")]
    assert kinds[-1] is EventKind.FOLLOWUP_REOPENED
    with pytest.raises(NoFollowUp):
        await seeded.commands.reopen(GUILD, "seed")


async def test_remind_sends_now_and_says_so_when_it_cannot(
    seeded: FollowUpServices, store: Store, notifier: FakeNotifier, clock: Clock
) -> None:
    clock.set(T0 + 2 * H)
    row = await seeded.commands.remind(GUILD, "seed", actor_id=6)
    assert [p.reminder_number for p in notifier.posted] == [1]
    assert row.reminders_sent == 1 and row.due_at == T0 + 50 * H
    notifier.unreachable.add("seed")
    with pytest.raises(NotDelivered, match="could not be posted"):
        await seeded.commands.remind(GUILD, "seed")
    after = await store.get_followup(row.id)
    assert after == row  # nothing recorded for the reminder that did not go out


async def test_a_card_elsewhere_or_out_of_sight_does_not_exist(
    seeded: FollowUpServices, store: Store
) -> None:
    await store.save_card(stored("far", seed_card(), guild_id=OTHER_GUILD))
    answers = set()
    for call in (
        seeded.commands.assign(GUILD, "far", 5),
        seeded.commands.assign(GUILD, "nope", 5),
        seeded.commands.assign(GUILD, "seed", 5, can_see=lambda card: False),
    ):
        with pytest.raises(UnknownCard) as caught:
            await call
        answers.add(str(caught.value))
    assert answers == {"There is no such card in this server."}


async def test_a_card_awaiting_two_parties_needs_the_party(
    services: FollowUpServices, store: Store
) -> None:
    kremlin = PendingResponse("the Kremlin", "Reuters", ResponseStatus.PENDING,
                              "The Kremlin did not respond to a request for comment.")
    card = seed_card()
    card = replace(card, pending_responses=(*card.pending_responses, kremlin))
    await post_card(services, store, stored("two", card))
    with pytest.raises(AmbiguousFollowUp, match=r"awaits 2 responses .*say which with party"):
        await services.commands.assign(GUILD, "two", 5)
    row = await services.commands.assign(GUILD, "two", 5, party="Chinese foreign ministry")
    assert row.party == "China’s foreign ministry" and row.assignee_id == 5
    with pytest.raises(InvalidArgument, match="already awaits the Kremlin"):
        await services.commands.add(GUILD, "two", "The Kremlin")


@pytest.mark.parametrize("member", ["me", "<@>", "-4", "0", str(2**64), "12.5"])
async def test_a_member_that_does_not_parse_is_refused(
    seeded: FollowUpServices, member: str
) -> None:
    with pytest.raises(InvalidArgument, match="not a member of this server"):
        await seeded.commands.assign(GUILD, "seed", member)


async def test_add_refuses_an_empty_or_endless_party(seeded: FollowUpServices) -> None:
    with pytest.raises(InvalidArgument, match="Give the party"):
        await seeded.commands.add(GUILD, "seed", " \u200b ")
    with pytest.raises(InvalidArgument, match="at most 200"):
        await seeded.commands.add(GUILD, "seed", "x" * 201)


@given(st.text(max_size=40))
def test_any_stance_text_is_a_stance_or_a_one_line_refusal(text: str) -> None:
    try:
        stance = parse_stance(text)
    except FollowUpError as error:
        assert "\n" not in str(error)
    else:
        assert stance in (Stance.DENIAL, Stance.CONFIRMATION, Stance.NO_COMMENT, Stance.OTHER)


def test_the_four_stances_in_the_ways_members_type_them() -> None:
    assert [parse_stance(s) for s in ("Denial", "CONFIRMATION", "no_comment", "no-comment",
                                      " other ")] == [
        Stance.DENIAL, Stance.CONFIRMATION, Stance.NO_COMMENT, Stance.NO_COMMENT, Stance.OTHER]
    with pytest.raises(InvalidArgument):
        parse_stance(Stance.REBUTTAL)


async def test_a_shorter_snooze_replaces_a_longer_one(
    seeded: FollowUpServices, notifier: FakeNotifier, clock: Clock
) -> None:
    await seeded.commands.snooze(GUILD, "seed", "7d")
    clock.set(T0 + 2 * H)
    row = await seeded.commands.snooze(GUILD, "seed", "1h")
    # the cadence's first reminder (a day after the card) is back, not the 7-day snooze's end
    assert row.snoozed_until == T0 + 3 * H and row.due_at == T0 + 24 * H
    clock.set(T0 + 24 * H)
    await seeded.reminders.tick()
    assert [p.kind for p in notifier.posted] == ["reminder"]


async def test_a_snooze_past_the_next_reminder_still_holds_it_back_when_renewed(
    seeded: FollowUpServices, notifier: FakeNotifier, clock: Clock
) -> None:
    await seeded.commands.snooze(GUILD, "seed", "1h")
    clock.set(T0 + timedelta(minutes=30))
    row = await seeded.commands.snooze(GUILD, "seed", "3d")
    assert row.due_at == row.snoozed_until == T0 + timedelta(days=3, minutes=30)
    clock.set(T0 + 48 * H)
    await seeded.reminders.tick()
    assert notifier.posted == []
