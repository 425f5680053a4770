"""A new card opens its own follow-ups: one per pending response, none for a declined one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.following import FollowUpServices, related_claim_ids
from bot.models import (
    Claim,
    ClaimCard,
    EventKind,
    FollowUpState,
    PendingResponse,
    ResponseStatus,
)
from storage import Store
from tests.following.conftest import GUILD, T0, post_card, stored
from tests.followups.helpers import seed_card


async def test_the_seed_card_opens_a_follow_up_for_chinas_foreign_ministry(
    services: FollowUpServices, store: Store, real_cards: dict[str, ClaimCard]
) -> None:
    card = real_cards["seed"]
    opened = await post_card(services, store, stored("seed", card))

    [row] = opened.followups
    assert row.party == "China’s foreign ministry"
    assert row.requested_by == "Reuters"
    assert row.sentence is not None and "yet to receive a comment" in row.sentence
    assert row.state is FollowUpState.OPEN and row.guild_id == GUILD
    assert row.due_at == T0 + timedelta(hours=24)  # 09:00 the next day: not in quiet hours
    assert row.recheck_at == T0 + timedelta(hours=6)
    assert row.page_digest is not None
    by_id = {c.id: c for c in card.claims}
    concerned = {by_id[i].speaker for i in row.claim_ids}
    # the claim next to the request ("… Ivashchenko claimed.") and the accusations naming China
    assert "Oleh Ivashchenko" in concerned and "Volodymyr Zelenskyy" in concerned
    assert all("China" in by_id[i].text or by_id[i].speaker == "Oleh Ivashchenko"
               for i in row.claim_ids)
    six_cases = next(c.id for c in card.claims if c.text.startswith("six additional cases"))
    assert six_cases not in row.claim_ids  # neither next to the request nor about China

    assert await store.followups_for_card("seed") == [row]
    created = [e for e in await store.events_for_card("seed")
               if e.kind is EventKind.FOLLOWUP_CREATED]
    assert [e.data["party"] for e in created] == ["China’s foreign ministry"]


async def test_a_declined_comment_opens_nothing_and_a_card_opens_once(
    services: FollowUpServices, store: Store
) -> None:
    declined = PendingResponse("the Kremlin", None, ResponseStatus.DECLINED,
                               "The Kremlin declined to comment.")
    card = seed_card()
    card = replace(card, pending_responses=(*card.pending_responses, declined))
    first = await post_card(services, store, stored("seed", card))
    assert [f.party for f in first.followups] == ["China’s foreign ministry"]

    again = await services.opener.open_for_card(stored("seed", card))
    assert again == []
    assert len(await store.followups_for_card("seed")) == 1


async def test_a_card_from_pasted_text_is_followed_but_never_refetched(
    services: FollowUpServices, store: Store
) -> None:
    opened = await post_card(services, store, stored("pasted", seed_card(), url="text:abc"))
    [row] = opened.followups
    assert row.recheck_at is None and row.page_digest is None
    assert row.due_at == T0 + timedelta(hours=24)


def _claim(n: int, speaker: str, text: str, sentence: str) -> Claim:
    return Claim(id=f"c{n}", speaker=speaker, cue="said", text=text, sentence=sentence)


def test_claims_next_to_the_request_or_naming_the_party_are_concerned() -> None:
    text = ("Acme Corp dumped waste in the river, activists said. The mayor said the water was "
            "safe. Residents said Acme Corp trucks came at night. The Daily asked Acme Corp for "
            "comment but had yet to receive a reply. A council member praised the clean-up. "
            "Acme Corp denied it in 2019.")
    claims = (
        _claim(1, "activists", "Acme Corp dumped waste in the river",
               "Acme Corp dumped waste in the river, activists said."),
        _claim(2, "The mayor", "the water was safe", "The mayor said the water was safe."),
        _claim(3, "Residents", "Acme trucks came at night",
               "Residents said Acme Corp trucks came at night."),
        _claim(4, "A council member", "the clean-up went well",
               "A council member praised the clean-up."),
        _claim(5, "Acme Corp", "it did nothing wrong", "Acme Corp denied it in 2019."),
    )
    pending = PendingResponse("Acme Corp", "The Daily", ResponseStatus.PENDING,
                              "The Daily asked Acme Corp for comment but had yet to receive a "
                              "reply.")
    card = replace(seed_card(), claims=claims, pending_responses=(pending,))
    card = replace(card, article=replace(card.article, text=text))
    # c1 names the party; c3 and c4 stand next to the request; c5 is the party's own words
    assert related_claim_ids(card, pending) == ("c1", "c3", "c4")


@given(st.text(max_size=300), st.text(max_size=80), st.text(max_size=120))
def test_any_text_gives_claim_ids_of_the_card(text: str, party: str, sentence: str) -> None:
    card = seed_card()
    card = replace(card, article=replace(card.article, text=text))
    pending = PendingResponse(party, None, ResponseStatus.PENDING, sentence)
    ids = related_claim_ids(card, pending)
    assert set(ids) <= {c.id for c in card.claims}
