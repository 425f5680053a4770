"""The plain sentences a card and a digest show for a follow-up."""

from __future__ import annotations

from bot.followups.display import awaiting_line, resolved_line, stance_text, status_line
from bot.models import FollowUpState, Stance
from tests.followups.helpers import at, followup


def test_awaiting_names_the_party_and_who_asked() -> None:
    assert awaiting_line(followup()) == "Awaiting China’s foreign ministry (asked by Reuters)"
    assert awaiting_line(followup(requested_by=None, party="Orvane")) == "Awaiting Orvane"


def test_resolved_gives_the_date_and_the_stance() -> None:
    row = followup(state=FollowUpState.RESOLVED, resolved_at=at(2025, 6, 17, 10, 0),
                   stance=Stance.DENIAL)
    assert resolved_line(row) == "Response received 2025-06-17: denial"
    assert status_line(row) == "Response received 2025-06-17: denial"


def test_the_date_is_the_guilds_date() -> None:
    row = followup(state=FollowUpState.RESOLVED, resolved_at=at(2025, 6, 17, 23, 30))
    assert resolved_line(row, "Europe/Berlin") == "Response received 2025-06-18"


def test_stances_read_as_words() -> None:
    assert stance_text(Stance.DENIAL) == "denial"
    assert stance_text("no_comment") == "no comment"
    assert stance_text(None) == ""


def test_party_names_from_articles_stay_on_one_line() -> None:
    line = awaiting_line(followup(party="Orvane\n@everyone\x00", requested_by="AP\r\n"))
    assert line == "Awaiting Orvane @everyone (asked by AP)"  # the UI escapes the mention


def test_open_and_closed_states() -> None:
    assert status_line(followup()).startswith("Awaiting")
    assert status_line(followup(state=FollowUpState.CLOSED)) == (
        "No longer awaiting China’s foreign ministry"
    )
