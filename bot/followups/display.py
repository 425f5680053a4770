"""The sentences a follow-up shows, as plain text (the UI escapes them and adds links and
relative times): "Awaiting China's foreign ministry (asked by Reuters)", "Response received
2025-06-17: denial".
"""

from __future__ import annotations

import enum

from bot.followups.quiet import as_utc, zone
from bot.followups.schedule import PlannedReminder
from bot.models import FollowUp, FollowUpState


def _flat(text: str | None) -> str:
    """One line, no control characters: party names come from articles and members."""
    if not text:
        return ""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def stance_text(stance: object) -> str:
    """ "no_comment" / Stance.DENIAL -> "no comment" / "denial"."""
    value = stance.value if isinstance(stance, enum.Enum) else stance
    return _flat(str(value).replace("_", " ")) if value else ""


def awaiting_line(followup: FollowUp) -> str:
    """ "Awaiting China's foreign ministry (asked by Reuters)"."""
    line = f"Awaiting {_flat(followup.party) or 'a response'}"
    asked = _flat(followup.requested_by)
    return f"{line} (asked by {asked})" if asked else line


def resolved_line(followup: FollowUp, timezone: str = "UTC") -> str:
    """ "Response received 2025-06-17: denial" (the date in the guild's zone)."""
    line = "Response received"
    if followup.resolved_at is not None:
        line += " " + as_utc(followup.resolved_at).astimezone(zone(timezone)).date().isoformat()
    stance = stance_text(followup.stance)
    return f"{line}: {stance}" if stance else line


def status_line(followup: FollowUp, timezone: str = "UTC") -> str:
    """The line a card shows for the follow-up in its current state."""
    if followup.state == FollowUpState.RESOLVED:
        return resolved_line(followup, timezone)
    if followup.state == FollowUpState.OPEN:
        return awaiting_line(followup)
    return f"No longer awaiting {_flat(followup.party) or 'a response'}"


def digest_line(item: PlannedReminder) -> str:
    """One line of a catch-up digest: "Awaiting Orvane (asked by Reuters) · 3 reminders missed"."""
    line = awaiting_line(item.followup)
    if item.missed > 1:
        line += f" · {item.missed} reminders missed"
    return line
