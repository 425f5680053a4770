"""custom_ids: what every component carries, parsed strictly; anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.models import Stance, VoteChoice
from bot.ui.components import (
    CUSTOM_ID_LIMIT,
    DYNAMIC_ITEMS,
    CloseId,
    FormId,
    LinkResponseId,
    NotRelatedId,
    PickId,
    ReopenId,
    VoteId,
    WhyId,
    WhyPickId,
    custom_id,
    is_ours,
    parse_custom_id,
)

EVERY_KIND = [
    VoteId("k7abcdefgh", "c12", VoteChoice.DUBIOUS),
    PickId("k7abcdefgh"),
    WhyId("k7abcdefgh"),
    WhyId("k7abcdefgh", "c3"),
    WhyPickId("k7abcdefgh"),
    CloseId("k7abcdefgh"),
    ReopenId("k7abcdefgh"),
    FormId("k7abcdefgh", "c3"),
    LinkResponseId("f0abcdefgh", "k7abcdefgh"),
    LinkResponseId("f0abcdefgh", "k7abcdefgh", Stance.NO_COMMENT),
    NotRelatedId("f0abcdefgh", "k7abcdefgh"),
    LinkResponseId("f" * 32, "k" * 32, Stance.CONFIRMATION),  # the longest ids fit in 100
]


@pytest.mark.parametrize("target", EVERY_KIND, ids=lambda t: type(t).__name__)
def test_every_target_round_trips_within_discords_limit(target) -> None:
    text = custom_id(target)
    assert text.startswith("claimdeck:") and len(text) <= CUSTOM_ID_LIMIT
    assert parse_custom_id(text) == target


def test_what_a_vote_button_carries_is_readable() -> None:
    assert custom_id(VoteId("k7", "c2", VoteChoice.CREDIBLE)) == "claimdeck:vote:k7:c2:credible"


def test_what_the_proposal_buttons_carry_is_readable() -> None:
    assert custom_id(LinkResponseId("f0", "k7", Stance.DENIAL)) == "claimdeck:fu-link:f0:k7:denial"
    assert custom_id(NotRelatedId("f0", "k7")) == "claimdeck:fu-not:f0:k7"


@pytest.mark.parametrize(
    "text",
    [
        "claimdeck:vote:k7:c2:maybe",  # no such verdict
        "claimdeck:vote:k7:c2",  # truncated
        "claimdeck:vote:k7:c2:credible:extra",
        "claimdeck:vote:K7:c2:credible",  # card ids are lower case
        "claimdeck:vote:k7:c 2:credible",
        "claimdeck:vote:k7:c2:credible\n",
        "claimdeck:nuke:k7",
        "claimdeck:",
        "claimdeck:close:" + "a" * 33,  # card id too long
        "othbot:vote:k7:c2:credible",
        "Claimdeck:close:k7",
        "claimdeck:fu-link:f0:k7:rebuttal",  # not a stance a member can record
        "claimdeck:fu-link:f0",  # no card
        "claimdeck:fu-not:f0:k7:denial",
        "claimdeck:fu-not:F0:k7",
        "",
    ],
)
def test_forged_and_truncated_ids_are_refused(text: str) -> None:
    assert parse_custom_id(text) is None


def test_ids_that_cannot_make_a_custom_id_are_refused_when_building() -> None:
    with pytest.raises(ValueError):
        custom_id(CloseId("has:colon"))
    with pytest.raises(ValueError):
        custom_id(VoteId("k" * 40, "c1", VoteChoice.CREDIBLE))


def templates_match(text: str) -> bool:
    return any(item.__discord_ui_compiled_template__.fullmatch(text) for item in DYNAMIC_ITEMS)


_PIECES = st.sampled_from(
    ["claimdeck", ":", "vote", "pick", "why", "whypick", "close", "reopen", "form", "k7",
     "c1", "credible", "dubious", "unclear", "-", "_", "\n", " ", "é", "x" * 40,
     "fu-link", "fu-not", "f0", "denial", "no_comment", "rebuttal"]
)


@given(text=st.text(max_size=120) | st.lists(_PIECES, max_size=12).map("".join))
@example("claimdeck:vote:k7:c1:credible")
@example("claimdeck:form:k7:c1")
@example("claimdeck:fu-link:f0:k7:no_comment")
@example("claimdeck:fu-not:f0:k7")
def test_any_string_parses_to_a_valid_target_or_is_refused(text: str) -> None:
    target = parse_custom_id(text)
    if target is None:
        # Nothing of ours answers it, so the votes cog must refuse it when it claims our prefix.
        assert not templates_match(text)
        return
    assert len(text) <= CUSTOM_ID_LIMIT and is_ours(text)
    assert custom_id(target) == text  # nothing was guessed or repaired
    # Clicks go to a DynamicItem; forms (modals) to the votes cog's listener.
    assert templates_match(text) != isinstance(target, FormId)


@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text())))
def test_non_strings_are_refused(value: object) -> None:
    assert parse_custom_id(value) is None
