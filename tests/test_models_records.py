"""The records the store keeps round-trip through JSON, and rows written before a field existed
load with its default (stores written by older Claimdecks keep opening)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.models import (
    Event,
    EventKind,
    FollowUp,
    FollowUpState,
    GuildSettings,
    Stance,
    Vote,
    VoteChoice,
)

T0 = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
texts = st.text(max_size=40)
maybe_text = st.none() | texts
ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567", min_size=1, max_size=10)
snowflakes = st.integers(min_value=0, max_value=2**63 - 1)
times = st.integers(min_value=-(10**8), max_value=10**8).map(lambda s: T0 + timedelta(seconds=s))
maybe_time = st.none() | times


def _through_json(data: dict) -> dict:
    return json.loads(json.dumps(data))


@given(
    st.builds(
        Vote,
        card_id=ids,
        claim_id=ids,
        member_id=snowflakes,
        choice=st.sampled_from(VoteChoice),
        cast_at=times,
        rationale=maybe_text,
        evidence_url=maybe_text,
    )
)
def test_votes_round_trip(vote: Vote) -> None:
    assert Vote.from_dict(_through_json(vote.to_dict())) == vote


@given(
    st.builds(
        FollowUp,
        id=ids,
        card_id=ids,
        guild_id=snowflakes,
        party=texts,
        due_at=times,
        created_at=times,
        state=st.sampled_from(FollowUpState),
        reminders_sent=st.integers(0, 50),
        requested_by=maybe_text,
        resolution_url=maybe_text,
        resolved_at=maybe_time,
        claim_ids=st.lists(ids, max_size=4).map(tuple),
        note=maybe_text,
        created_by=st.none() | snowflakes,
        assignee_id=st.none() | snowflakes,
        snoozed_until=maybe_time,
        stance=st.none() | st.sampled_from(Stance),
        resolution_text=maybe_text,
        resolution_card_id=st.none() | ids,
        last_reminded_at=maybe_time,
        sentence=maybe_text,
        recheck_at=maybe_time,
        etag=maybe_text,
        last_modified=maybe_text,
        page_digest=maybe_text,
        recheck_failures=st.integers(0, 100),
        dismissed_card_ids=st.lists(ids, max_size=4).map(tuple),
        proposed_card_ids=st.lists(ids, max_size=4).map(tuple),
    )
)
def test_followups_round_trip(followup: FollowUp) -> None:
    assert FollowUp.from_dict(_through_json(followup.to_dict())) == followup


@given(
    st.builds(
        GuildSettings,
        guild_id=snowflakes,
        watched_channels=st.lists(snowflakes, max_size=3).map(tuple),
        reviewer_role_id=st.none() | snowflakes,
        timezone=st.sampled_from(["UTC", "Europe/Oslo", "America/New_York"]),
        quorum=st.integers(1, 100),
        consensus_threshold=st.floats(0.5, 1.0),
        hide_tallies=st.booleans(),
        reviewers_only_vote=st.booleans(),
        hide_voter_names=st.booleans(),
        team_name=maybe_text,
        first_reminder_hours=st.integers(1, 1000),
        reminder_every_hours=st.integers(1, 1000),
        max_reminders=st.integers(0, 50),
        quiet_start=st.sampled_from(["22:00", "00:00", "23:30"]),
        quiet_end=st.sampled_from(["08:00", "06:15"]),
        recheck_hours=st.integers(1, 1000),
    )
)
def test_settings_round_trip(settings: GuildSettings) -> None:
    assert GuildSettings.from_dict(_through_json(settings.to_dict())) == settings


def test_a_stance_given_as_text_round_trips_equal() -> None:
    followup = FollowUp("f", "c", 1, "City Hall", T0, T0, stance="denial")  # type: ignore[arg-type]
    assert FollowUp.from_dict(followup.to_dict()) == followup
    assert FollowUp.from_dict(followup.to_dict()).stance is Stance.DENIAL


def test_rows_of_older_stores_load_with_defaults() -> None:
    old_vote = {
        "card_id": "c",
        "claim_id": "c0",
        "member_id": 5,
        "choice": "dubious",
        "cast_at": T0.isoformat(),
        "rationale": "No source.",
    }
    assert Vote.from_dict(old_vote) == Vote("c", "c0", 5, VoteChoice.DUBIOUS, T0, "No source.")
    old_followup = {
        "id": "f",
        "card_id": "c",
        "guild_id": 1,
        "party": "City Hall",
        "due_at": T0.isoformat(),
        "created_at": T0.isoformat(),
        "state": "open",
        "reminders_sent": 2,
        "requested_by": "Reuters",
        "resolution_url": None,
        "resolved_at": None,
    }
    loaded = FollowUp.from_dict(old_followup)
    assert loaded == FollowUp(
        "f", "c", 1, "City Hall", T0, T0, reminders_sent=2, requested_by="Reuters"
    )
    assert (loaded.claim_ids, loaded.recheck_failures, loaded.stance) == ((), 0, None)
    old_settings = {
        "guild_id": 7,
        "watched_channels": [3],
        "reviewer_role_id": 9,
        "timezone": "UTC",
    }
    settings = GuildSettings.from_dict(old_settings)
    assert settings == GuildSettings(7, watched_channels=(3,), reviewer_role_id=9)
    assert (settings.quorum, settings.consensus_threshold, settings.quiet_start) == (
        3,
        2 / 3,
        "22:00",
    )
    assert (settings.first_reminder_hours, settings.reminder_every_hours) == (24, 48)


def test_new_event_kinds_round_trip() -> None:
    for kind in (EventKind.VOTE_EXPLAINED, EventKind.VOTING_REOPENED, EventKind.FOLLOWUP_RECHECKED):
        event = Event("c", kind, T0, 3, {"followup_id": "f"})
        assert Event.from_dict(_through_json(event.to_dict())) == event
