"""Quiet hours: no reminder pings a server at night, in the server's own time zone.

Quiet hours are a wall-clock window in the guild's IANA zone ("22:00"–"08:00" by default). The
window may cross midnight, and is empty when start equals end. A due time inside the window moves
to the first allowed minute after it. Daylight-saving nights are handled on real instants, not on
wall-clock arithmetic: when the end of the window does not exist (spring forward), the reminder
goes at the first instant after the gap; when it exists twice (fall back), at the first
occurrence that is not before the due time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_QUIET_START = "22:00"
DEFAULT_QUIET_END = "08:00"
_MINUTE = timedelta(minutes=1)


class QuietSettings(Protocol):
    """What quiet hours read from a guild's settings (``GuildSettings`` has these)."""

    @property
    def timezone(self) -> str: ...


@lru_cache(maxsize=1024)
def zone(name: object) -> tzinfo:
    """The guild's zone; a missing or invalid name (hand-edited store, removed zone) is UTC."""
    if not isinstance(name, str) or not name.strip():
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ValueError, LookupError, OSError):
        return UTC


def _minutes(value: object, default: str) -> int:
    """ "HH:MM" -> minutes after midnight; anything unreadable falls back to the default."""
    for text in (value, default):
        if isinstance(text, str):
            hours, sep, minutes = text.strip().partition(":")
            if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2:
                h, m = int(hours), int(minutes)
                if 0 <= h <= 23 and 0 <= m <= 59:
                    return h * 60 + m
    raise AssertionError("the default quiet hours are valid")  # pragma: no cover


def quiet_window(settings: QuietSettings) -> tuple[int, int]:
    """(start, end) in minutes after local midnight."""
    start = _minutes(getattr(settings, "quiet_start", DEFAULT_QUIET_START), DEFAULT_QUIET_START)
    end = _minutes(getattr(settings, "quiet_end", DEFAULT_QUIET_END), DEFAULT_QUIET_END)
    return start, end


def as_utc(when: datetime) -> datetime:
    """Aware UTC; a naive datetime is taken to be UTC already (that is what the store keeps)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _inside(minute: int, start: int, end: int) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def is_quiet(when: datetime, settings: QuietSettings) -> bool:
    """Whether ``when`` falls inside the guild's quiet hours (wall clock in its zone)."""
    start, end = quiet_window(settings)
    local = as_utc(when).astimezone(zone(settings.timezone))
    return _inside(local.hour * 60 + local.minute, start, end)


def _end_instants(day: date, end: int, tz: tzinfo) -> list[tuple[datetime, bool]]:
    """The instants at which the wall clock reads ``end`` on ``day`` (two on a fall-back night),
    each flagged whether that wall time really exists (False inside a spring-forward gap)."""
    naive = datetime.combine(day, time(end // 60, end % 60))
    out = []
    for fold in (0, 1):
        instant = naive.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        exists = instant.astimezone(tz).replace(tzinfo=None) == naive
        out.append((instant, exists))
    return out


def _first_allowed_after(when: datetime, hi: datetime, quiet: QuietSettings) -> datetime:
    """Binary search for the first whole minute after ``when`` that is allowed; ``hi`` is."""
    start = when.replace(second=0, microsecond=0)
    low, high = 0, max(int((hi - start) / _MINUTE), 1)
    while high - low > 1:
        mid = (low + high) // 2
        if is_quiet(start + mid * _MINUTE, quiet):
            low = mid
        else:
            high = mid
    return min(start + high * _MINUTE, hi)


def apply_quiet_hours(when_utc: datetime, settings: QuietSettings) -> datetime:
    """``when_utc`` if it is outside quiet hours, else the first allowed minute after it (UTC).

    The result is never inside quiet hours, never earlier than the input, and at most the quiet
    window's length (plus a daylight-saving shift) later.
    """
    when = as_utc(when_utc)
    if not is_quiet(when, settings):
        return when
    _, end = quiet_window(settings)
    tz = zone(settings.timezone)
    today = when.astimezone(tz).date()
    found: list[datetime] = []
    for offset in (0, 1, 2):
        instants = _end_instants(today + timedelta(days=offset), end, tz)
        for instant, exists in instants:
            if exists and instant > when and not is_quiet(instant, settings):
                found.append(instant)
        if not all(exists for _, exists in instants):  # the end of quiet hours is in a DST gap
            lo, hi = sorted(instant for instant, _ in instants)
            if hi > when and not is_quiet(hi, settings):
                found.append(_first_allowed_after(max(lo, when), hi, settings))
        if found:
            return min(found)
    # A zone that skipped a whole day: walk minute by minute (bounded, never seen in practice).
    probe = when.replace(second=0, microsecond=0) + _MINUTE
    for _ in range(3 * 24 * 60):
        if not is_quiet(probe, settings):
            return probe
        probe += _MINUTE
    return when  # pragma: no cover - a zone quiet for three days does not exist
