"""Any sequence of clicks by any members: one vote per member per claim, counted exactly.

The clicks are replayed the way the vote cog does it: the member's current vote, then
``decide_click``, then the store's cast or retract (modelled by a dict keyed like the store).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.credibility import ClickAction, decide_click, tally
from bot.models import Vote, VoteChoice
from tests.credibility.builders import T0, ranked_card, settings

MEMBERS = 6
CLAIM_IDS = ("c1", "c2", "c3")
APART = timedelta(seconds=10)  # well outside the double-click window
CLOSE = timedelta(milliseconds=400)  # inside it

Click = tuple[int, str, VoteChoice, bool]  # member, claim, verdict, arrives soon after the last

clicks = st.lists(
    st.tuples(
        st.integers(0, MEMBERS - 1),
        st.sampled_from(CLAIM_IDS),
        st.sampled_from(list(VoteChoice)),
        st.booleans(),
    ),
    max_size=60,
)


def replay(sequence: list[Click]) -> dict[tuple[str, int], Vote]:
    """The store's rows after the clicks: at most one per (claim, member)."""
    rows: dict[tuple[str, int], Vote] = {}
    now = T0
    for member, claim_id, choice, soon in sequence:
        now += CLOSE if soon else APART
        key = (claim_id, member)
        action = decide_click(rows.get(key), choice, now)
        if action in (ClickAction.CAST, ClickAction.CHANGE):
            rows[key] = Vote("k7", claim_id, member, choice, now)
        elif action is ClickAction.RETRACT:
            del rows[key]
    return rows


def expected_without_double_clicks(sequence: list[Click]) -> dict[tuple[str, int], VoteChoice]:
    """Worked out without decide_click: with clicks far apart, a member's vote on a claim is
    the verdict they clicked last if they clicked it an odd number of times in a row at the end
    (the first of that run casts or changes, each further one toggles it off and on)."""
    per_key: dict[tuple[str, int], list[VoteChoice]] = {}
    for member, claim_id, choice, _ in sequence:
        per_key.setdefault((claim_id, member), []).append(choice)
    expected = {}
    for key, choices in per_key.items():
        last = choices[-1]
        run = len(choices) - len(_strip_run(choices, last))
        if run % 2 == 1:
            expected[key] = last
    return expected


def _strip_run(choices: list[VoteChoice], last: VoteChoice) -> list[VoteChoice]:
    end = len(choices)
    while end and choices[end - 1] == last:
        end -= 1
    return choices[:end]


@hypothesis_settings(max_examples=300, deadline=None)
@given(clicks)
def test_the_tally_counts_each_members_last_effective_vote(sequence: list[Click]) -> None:
    rows = replay(sequence)
    result = tally(ranked_card(), list(rows.values()), settings())
    for claim_id in CLAIM_IDS:
        claim_tally = result.for_claim(claim_id)
        assert claim_tally is not None
        held = Counter(v.choice for (c, _), v in rows.items() if c == claim_id)
        assert {choice: claim_tally.count(choice) for choice in VoteChoice} == {
            choice: held[choice] for choice in VoteChoice
        }
        voters = {member for member, c, _, _ in sequence if c == claim_id}
        assert claim_tally.total <= len(voters) <= MEMBERS


@hypothesis_settings(max_examples=300, deadline=None)
@given(clicks)
def test_clicks_far_apart_toggle_and_switch_as_members_expect(sequence: list[Click]) -> None:
    spaced = [(member, claim_id, choice, False) for member, claim_id, choice, _ in sequence]
    rows = replay(spaced)
    assert {key: vote.choice for key, vote in rows.items()} == expected_without_double_clicks(
        spaced
    )


@given(st.lists(st.sampled_from(list(VoteChoice)), min_size=1, max_size=10), st.integers(2, 5))
def test_a_burst_of_the_same_click_leaves_exactly_one_vote(
    earlier: list[VoteChoice], burst: int
) -> None:
    """Whatever came before, a member hammering one verdict ends with that one vote."""
    sequence: list[Click] = [(1, "c1", choice, False) for choice in earlier]
    # A fresh vote on a new verdict, then quick repeats of it.
    fresh = next(c for c in VoteChoice if c != earlier[-1])
    sequence += [(1, "c1", fresh, False)] + [(1, "c1", fresh, True)] * (burst - 1)
    rows = replay(sequence)
    assert [v.choice for v in rows.values()] == [fresh]
    assert tally(ranked_card(), list(rows.values()), settings()).total == 1
