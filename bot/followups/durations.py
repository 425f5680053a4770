"""Durations members type for ``/followup snooze for:`` ("3d", "12h", "90m", "1d12h", "2 days").

The parser is a single left-to-right scan over a length-capped string, so hostile input can
neither hang it nor make it raise anything but :class:`InvalidDuration`.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.errors import ClaimdeckError

MIN_DURATION = timedelta(minutes=1)
MAX_DURATION = timedelta(days=365)
_MAX_INPUT = 64
_EXAMPLES = "like 3d, 12h, 90m or 1d12h"

_MINUTES_PER_UNIT: dict[str, int] = {
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7 * 24 * 60),
    **dict.fromkeys(("d", "day", "days"), 24 * 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 60),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 1),
}
# One "<number> <unit>" part; separators between parts are spaces, commas or "and".
_PART = re.compile(r"\s*(\d{1,6}(?:[.,]\d{1,3})?)\s*([a-z]{1,7})\s*(?:,\s*|and\s+)?")


class InvalidDuration(ClaimdeckError):
    """A duration that does not parse or is out of bounds; the message is one line for a user."""


def _shown(text: str) -> str:
    """The member's input, made safe to quote on one line."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= 24 else flat[:23] + "…"


def parse_duration(text: str) -> timedelta:
    """Parse "3d", "12h", "90m", "1d12h", "1.5h", "2 days", "1 day 12 hours" into a timedelta
    between 1 minute and 365 days; anything else raises :class:`InvalidDuration`."""
    value = text.strip().casefold() if isinstance(text, str) else ""
    if not value:
        raise InvalidDuration(f"Give a duration, {_EXAMPLES}.")
    if len(value) > _MAX_INPUT:
        raise InvalidDuration(f"That duration is too long to read: write it {_EXAMPLES}.")
    pos, minutes, seen = 0, 0.0, set()
    while pos < len(value):
        match = _PART.match(value, pos)
        if not match or match.end() == pos:
            raise InvalidDuration(f"“{_shown(text)}” is not a duration: write it {_EXAMPLES}.")
        number, unit = match.groups()
        per_unit = _MINUTES_PER_UNIT.get(unit)
        if per_unit is None:
            raise InvalidDuration(
                f"“{_shown(text)}” has an unknown unit “{_shown(unit)}”: use w, d, h or m "
                f"({_EXAMPLES})."
            )
        if per_unit in seen:
            raise InvalidDuration(
                f"“{_shown(text)}” gives the same unit twice: write it {_EXAMPLES}."
            )
        seen.add(per_unit)
        minutes += float(number.replace(",", ".")) * per_unit
        pos = match.end()
    if minutes < MIN_DURATION.total_seconds() / 60:
        raise InvalidDuration("A duration must be at least 1 minute.")
    if minutes > MAX_DURATION.total_seconds() / 60:
        raise InvalidDuration("A duration can be at most 365 days.")
    return timedelta(minutes=round(minutes))


def format_duration(delta: timedelta) -> str:
    """The short form members type ("1d12h"), for echoing a parsed duration back."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (mins, "m")) if n]
    return "".join(parts) or "0m"
