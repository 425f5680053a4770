"""Durations typed into ``/followup snooze for:``."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import ClaimdeckError
from bot.followups.durations import InvalidDuration, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3d", timedelta(days=3)),
        ("12h", timedelta(hours=12)),
        ("90m", timedelta(minutes=90)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("1d 12h", timedelta(days=1, hours=12)),
        ("2 days", timedelta(days=2)),
        ("1 day and 12 hours", timedelta(days=1, hours=12)),
        ("1 day, 6 hours, 30 minutes", timedelta(days=1, hours=6, minutes=30)),
        ("1w", timedelta(weeks=1)),
        ("1.5h", timedelta(minutes=90)),
        ("  3D ", timedelta(days=3)),
        ("1m", timedelta(minutes=1)),
        ("365d", timedelta(days=365)),
        ("45 min", timedelta(minutes=45)),
    ],
)
def test_parses(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Give a duration"),
        ("   ", "Give a duration"),
        ("3", "not a duration"),
        ("soon", "not a duration"),
        ("3x", "unknown unit"),
        ("30s", "unknown unit"),
        ("-3d", "not a duration"),
        ("3d3d", "same unit twice"),
        ("0m", "at least 1 minute"),
        ("0.5m", "at least 1 minute"),
        ("366d", "at most 365 days"),
        ("53w", "at most 365 days"),
        ("999999d", "at most 365 days"),
        ("1" * 100 + "d", "too long"),
    ],
)
def test_refuses_with_one_line_a_member_can_act_on(text: str, says: str) -> None:
    with pytest.raises(InvalidDuration) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message
    assert isinstance(caught.value, ClaimdeckError)


def test_the_echoed_input_is_flattened_and_short() -> None:
    with pytest.raises(InvalidDuration) as caught:
        parse_duration("3q\n@everyone" + "x" * 40)
    assert "\n" not in str(caught.value)
    assert len(str(caught.value)) < 120


def test_format_round_trips() -> None:
    for text in ("3d", "12h", "90m", "1d12h", "2d3h4m"):
        assert parse_duration(format_duration(parse_duration(text))) == parse_duration(text)
    assert format_duration(timedelta(minutes=90)) == "1h30m"


_DURATIONISH = st.text(alphabet="0123456789.,: dhmwaysinuteorkl-+\n\t", max_size=80)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), _DURATIONISH))
def test_never_raises_anything_else_and_never_hangs(text: str) -> None:
    started = time.perf_counter()
    try:
        result = parse_duration(text)
    except InvalidDuration as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert timedelta(minutes=1) <= result <= timedelta(days=365)
    assert time.perf_counter() - started < 0.5  # linear scan over ≤ 64 chars


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 365), st.integers(0, 23), st.integers(0, 59))
def test_every_written_duration_in_bounds_parses(days: int, hours: int, minutes: int) -> None:
    expected = timedelta(days=days, hours=hours, minutes=minutes)
    text = f"{days}d{hours}h{minutes}m"
    if expected > timedelta(days=365):
        with pytest.raises(InvalidDuration):
            parse_duration(text)
    else:
        assert parse_duration(text) == expected
