"""How follow-ups read on a card and in ``/followup list``, as plain data plus one formatter.

The card shows, per follow-up, "⏳ Awaiting China's foreign ministry (asked by Reuters) · since
<t:…:R> · next reminder <t:…:R>" and, once answered, "✅ Response received 2025-06-17: denial —
<link>". The text parts come from :mod:`bot.followups.display`; the UI passes its Markdown
escape for the parts that come from articles and members (party, stance text, statement).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.followups import awaiting_line, resolved_line, status_line
from bot.followups.quiet import QuietSettings, apply_quiet_hours, as_utc
from bot.models import FollowUp, FollowUpState, StoredCard

_QUOTE_CHARS = 120


def next_reminder(followup: FollowUp) -> datetime | None:
    """When the next reminder goes out: the due time, held back by a snooze; None when the
    follow-up is not open or has no reminder left."""
    if followup.state is not FollowUpState.OPEN or followup.due_at is None:
        return None
    due, snooze = as_utc(followup.due_at), followup.snoozed_until
    return max(due, as_utc(snooze)) if snooze is not None else due


def snoozed(followup: FollowUp, quiet: QuietSettings | None = None) -> bool:
    """Whether a member's snooze is what sets the next reminder: ``/followup snooze`` moves
    ``due_at`` to the snooze's end (the first allowed minute after it, under ``quiet``) unless
    the cadence's own reminder comes later. Decided from the row alone, so a card shown once
    says the same when read later. A night hold (reminders kept back in quiet hours after
    downtime) leaves ``due_at`` before ``snoozed_until``: no snooze anyone made."""
    until, due = followup.snoozed_until, followup.due_at
    if until is None or due is None:
        return False
    resume = apply_quiet_hours(as_utc(until), quiet) if quiet is not None else as_utc(until)
    return as_utc(due) == resume


def relative(when: datetime) -> str:
    """Discord's relative timestamp markup ("in 3 hours" in each reader's own language)."""
    return f"<t:{int(as_utc(when).timestamp())}:R>"


def _identity(text: str) -> str:
    return text


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_CHARS else flat[: _QUOTE_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class CardLine:
    """One follow-up as its card shows it."""

    followup: FollowUp
    timezone: str = "UTC"
    quiet: QuietSettings | None = None  # the guild's quiet hours (a snooze ends outside them)

    @property
    def link(self) -> str | None:
        return self.followup.resolution_url

    def markdown(self, escape: Callable[[str], str] = _identity) -> str:
        row = self.followup
        if row.state is FollowUpState.RESOLVED:
            line = "✅ " + escape(resolved_line(row, self.timezone))
            if row.resolution_url:
                line += f" — {row.resolution_url}"
            elif row.resolution_text:
                line += f" — “{escape(_short(row.resolution_text))}”"
            return line
        if row.state is not FollowUpState.OPEN:
            return "⏹ " + escape(status_line(row, self.timezone))
        line = f"⏳ {escape(awaiting_line(row))} · since {relative(row.created_at)}"
        upcoming = next_reminder(row)
        if upcoming is not None:
            held = snoozed(row, self.quiet)
            line += f" · {'snoozed, next reminder' if held else 'next reminder'} "
            line += relative(upcoming)
        return line


def card_lines(
    followups: list[FollowUp], timezone: str = "UTC", quiet: QuietSettings | None = None
) -> list[CardLine]:
    """The lines a card shows: open ones first (oldest first), then the answered ones."""
    order = {FollowUpState.OPEN: 0, FollowUpState.RESOLVED: 1, FollowUpState.CLOSED: 2}
    ranked = sorted(followups, key=lambda f: (order[f.state], as_utc(f.created_at), f.id))
    return [CardLine(f, timezone, quiet) for f in ranked]


@dataclass(frozen=True, slots=True)
class ListedFollowUp:
    """One row of ``/followup list``: the follow-up, its card, how long it has waited, who is
    on it and when the next reminder goes out (None: no reminder left)."""

    followup: FollowUp
    card: StoredCard
    age: timedelta
    assignee_id: int | None
    next_reminder: datetime | None

    def markdown(self, escape: Callable[[str], str] = _identity) -> str:
        title = escape(_short(self.card.card.article.title or self.card.canonical_url))
        parts = [f"{escape(awaiting_line(self.followup))} — {title}", f"waiting {_age(self.age)}"]
        parts.append(f"assigned to <@{self.assignee_id}>" if self.assignee_id else "unassigned")
        parts.append(
            f"next reminder {relative(self.next_reminder)}" if self.next_reminder
            else "no reminder left"
        )
        return " · ".join(parts)


def _age(age: timedelta) -> str:
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"
