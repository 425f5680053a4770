"""Who may vote and who may close, from roles and Manage Server."""

from __future__ import annotations

from bot.credibility import CLOSE_REFUSED, may_close, may_vote, vote_refusal
from tests.credibility.builders import REVIEWER_ROLE, settings

OTHER_ROLE = 999


def test_everyone_votes_unless_the_guild_limits_voting() -> None:
    assert may_vote(settings(reviewer_role_id=REVIEWER_ROLE), [], is_manager=False)
    assert may_vote(settings(), [OTHER_ROLE], is_manager=False)


def test_limited_voting_lets_reviewers_and_managers_vote() -> None:
    limited = settings(reviewers_only_vote=True, reviewer_role_id=REVIEWER_ROLE)
    assert may_vote(limited, [OTHER_ROLE, REVIEWER_ROLE], is_manager=False)
    assert may_vote(limited, [], is_manager=True)
    assert not may_vote(limited, [OTHER_ROLE], is_manager=False)
    assert "reviewer role" in vote_refusal(limited)


def test_limited_voting_without_a_reviewer_role_leaves_only_managers() -> None:
    limited = settings(reviewers_only_vote=True)
    assert not may_vote(limited, [OTHER_ROLE], is_manager=False)
    assert may_vote(limited, [], is_manager=True)
    assert "/settings" in vote_refusal(limited)


def test_only_reviewers_and_managers_close_voting() -> None:
    with_role = settings(reviewer_role_id=REVIEWER_ROLE)
    assert may_close(with_role, [REVIEWER_ROLE], is_manager=False)
    assert may_close(with_role, [], is_manager=True)
    assert not may_close(with_role, [OTHER_ROLE], is_manager=False)
    assert not may_close(settings(), [OTHER_ROLE], is_manager=False)
    assert may_close(settings(), [], is_manager=True)
    assert "Manage Server" in CLOSE_REFUSED
