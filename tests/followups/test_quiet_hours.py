"""Quiet hours in the guild's own time zone, across midnight and daylight-saving nights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followups.quiet import apply_quiet_hours, is_quiet
from tests.followups.helpers import at, guild

BERLIN = ZoneInfo("Europe/Berlin")


def local(when: datetime, zone: str = "Europe/Berlin") -> str:
    return when.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def test_a_reminder_due_at_night_waits_for_the_morning() -> None:
    berlin = guild(timezone="Europe/Berlin")
    moved = apply_quiet_hours(at(2025, 6, 16, 21, 30), berlin)  # 23:30 in Berlin
    assert local(moved) == "2025-06-17 08:00 CEST"


def test_after_midnight_it_waits_for_the_same_morning() -> None:
    moved = apply_quiet_hours(at(2025, 6, 16, 23, 5), guild(timezone="Europe/Berlin"))
    assert local(moved) == "2025-06-17 08:00 CEST"


def test_a_reminder_outside_quiet_hours_is_untouched() -> None:
    due = at(2025, 6, 16, 12, 34, 56)
    assert apply_quiet_hours(due, guild(timezone="Europe/Berlin")) == due
    assert apply_quiet_hours(at(2025, 6, 16, 6, 0), guild(timezone="Europe/Berlin")) == at(
        2025, 6, 16, 6, 0
    )  # 08:00 sharp in Berlin is allowed


def test_a_daytime_window_that_does_not_cross_midnight() -> None:
    lunch = guild(timezone="UTC", quiet_start="12:00", quiet_end="13:30")
    assert apply_quiet_hours(at(2025, 6, 16, 12, 45), lunch) == at(2025, 6, 16, 13, 30)
    assert apply_quiet_hours(at(2025, 6, 16, 11, 59), lunch) == at(2025, 6, 16, 11, 59)


def test_an_empty_window_never_moves_anything() -> None:
    none = guild(timezone="Europe/Berlin", quiet_start="08:00", quiet_end="08:00")
    for hour in range(24):
        due = at(2025, 6, 16, hour, 17)
        assert apply_quiet_hours(due, none) == due
        assert not is_quiet(due, none)


def test_spring_forward_end_of_quiet_hours_inside_the_missing_hour() -> None:
    # 30 March 2025: Berlin jumps from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    night = guild(timezone="Europe/Berlin", quiet_start="22:00", quiet_end="02:30")
    moved = apply_quiet_hours(at(2025, 3, 30, 0, 15), night)  # 01:15 CET
    assert moved == at(2025, 3, 30, 1, 0)
    assert local(moved) == "2025-03-30 03:00 CEST"


def test_spring_forward_night_with_default_quiet_hours() -> None:
    moved = apply_quiet_hours(at(2025, 3, 29, 22, 0), guild(timezone="Europe/Berlin"))  # 23:00
    assert local(moved) == "2025-03-30 08:00 CEST"
    assert moved - at(2025, 3, 29, 22, 0) == timedelta(hours=8)  # one hour shorter night


def test_fall_back_end_of_quiet_hours_inside_the_repeated_hour() -> None:
    # 26 October 2025: Berlin goes from 03:00 CEST back to 02:00 CET; 02:10 happens twice.
    night = guild(timezone="Europe/Berlin", quiet_start="22:00", quiet_end="02:30")
    first = apply_quiet_hours(at(2025, 10, 26, 0, 10), night)  # 02:10 CEST
    second = apply_quiet_hours(at(2025, 10, 26, 1, 10), night)  # 02:10 CET, an hour later
    assert (first, local(first)) == (at(2025, 10, 26, 0, 30), "2025-10-26 02:30 CEST")
    assert (second, local(second)) == (at(2025, 10, 26, 1, 30), "2025-10-26 02:30 CET")


def test_fall_back_night_with_default_quiet_hours() -> None:
    moved = apply_quiet_hours(at(2025, 10, 25, 21, 0), guild(timezone="Europe/Berlin"))  # 23:00
    assert local(moved) == "2025-10-26 08:00 CET"
    assert moved - at(2025, 10, 25, 21, 0) == timedelta(hours=10)  # one hour longer night


def test_a_zone_with_a_quarter_hour_offset() -> None:
    kathmandu = guild(timezone="Asia/Kathmandu")  # UTC+05:45
    moved = apply_quiet_hours(at(2025, 6, 16, 20, 0), kathmandu)  # 01:45 local
    assert moved == at(2025, 6, 17, 2, 15)
    assert local(moved, "Asia/Kathmandu") == "2025-06-17 08:00 +0545"
    assert not is_quiet(at(2025, 6, 16, 16, 14), kathmandu)  # 21:59 local
    assert is_quiet(at(2025, 6, 16, 16, 15), kathmandu)  # 22:00 local


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../../etc/passwd", "Europe", "x" * 300])
def test_an_invalid_zone_falls_back_to_utc(zone: str) -> None:
    moved = apply_quiet_hours(at(2025, 6, 16, 23, 0), guild(timezone=zone))
    assert moved == at(2025, 6, 17, 8, 0)


def test_unreadable_quiet_hours_fall_back_to_the_default() -> None:
    odd = guild(timezone="UTC", quiet_start="25:00", quiet_end="soon")
    assert apply_quiet_hours(at(2025, 6, 16, 23, 0), odd) == at(2025, 6, 17, 8, 0)


def test_a_naive_time_is_taken_as_utc() -> None:
    assert apply_quiet_hours(datetime(2025, 6, 16, 23, 0), guild()) == at(2025, 6, 17, 8, 0)


ZONES = [
    "UTC", "Europe/Berlin", "Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe",
    "America/Santiago", "America/Havana", "Pacific/Chatham", "America/St_Johns", "Asia/Tehran",
    "Europe/London", "Australia/Sydney",
]
_HHMM = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
_INSTANTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def _window(start: str, end: str) -> timedelta:
    minutes = lambda s: int(s[:2]) * 60 + int(s[3:])  # noqa: E731
    return timedelta(minutes=(minutes(end) - minutes(start)) % (24 * 60))


@settings(max_examples=600, deadline=None)
@given(_INSTANTS, st.sampled_from(ZONES), _HHMM, _HHMM)
def test_the_result_is_allowed_not_earlier_and_soon(when, zone, start, end) -> None:
    quiet = guild(timezone=zone, quiet_start=start, quiet_end=end)
    moved = apply_quiet_hours(when, quiet)
    assert not is_quiet(moved, quiet)
    assert moved >= when
    # at most the window's length plus one daylight-saving shift (an hour at most here)
    assert moved - when <= _window(start, end) + timedelta(hours=1)
    if not is_quiet(when, quiet):
        assert moved == when


@settings(max_examples=300, deadline=None)
@given(_INSTANTS, st.sampled_from(ZONES))
def test_with_default_quiet_hours_a_reminder_goes_within_a_day(when, zone) -> None:
    moved = apply_quiet_hours(when, guild(timezone=zone))
    assert when <= moved <= when + timedelta(hours=24)
    assert not is_quiet(moved, guild(timezone=zone))
