"""Quiet hours hold back what is due *now*, not only due times computed ahead: a restart at
night, or a time zone or quiet-hours change since a row was scheduled, sends nothing until the
first allowed minute, and a catch-up held over the night still forms its digest then."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followups.quiet import is_quiet
from bot.followups.schedule import TickPlan, plan_tick
from bot.models import FollowUp
from tests.followups.helpers import at, followup, guild

PARIS = guild(timezone="Europe/Paris")  # quiet 22:00–08:00 Paris time (06:00 UTC in June)
RESTART = at(2025, 6, 18, 1, 30)  # 03:30 in Paris
MORNING = at(2025, 6, 18, 6, 0)  # 08:00 in Paris: the first allowed minute


def _rows(*dues: datetime) -> list[FollowUp]:
    return [followup(id=f"f{n}", card_id=f"c{n}", due_at=due) for n, due in enumerate(dues)]


def _apply(rows: list[FollowUp], plan: TickPlan) -> list[FollowUp]:
    """The rows as the reminder service writes the plan's postponements back."""
    by_id = {row.id: row for row in rows}
    for deferral in plan.deferred:
        row = by_id[deferral.followup.id]
        if deferral.hold_until is not None:
            by_id[row.id] = replace(row, snoozed_until=deferral.hold_until)
        else:
            by_id[row.id] = replace(row, due_at=deferral.due_at)
    return list(by_id.values())


def _due_time(row: FollowUp) -> datetime | None:
    """When the store hands the row to a tick: its due time, held back by a later snooze."""
    if row.due_at is None:
        return None
    return max(row.due_at, row.snoozed_until) if row.snoozed_until else row.due_at


def test_a_restart_at_half_past_three_in_paris_pings_nobody() -> None:
    rows = _rows(at(2025, 6, 17, 9, 0), at(2025, 6, 17, 9, 5))  # due yesterday, bot was down
    plan = plan_tick(rows, RESTART, {1: PARIS}, last_tick=None)
    assert plan.reminders == () and plan.digests == ()
    assert [(d.due_at, d.hold_until) for d in plan.deferred] == [
        (rows[0].due_at, MORNING),
        (rows[1].due_at, MORNING),
    ]
    assert all(d.quiet_hours for d in plan.deferred)


def test_the_held_catch_up_is_one_digest_at_eight_with_what_it_missed() -> None:
    rows = _rows(at(2025, 6, 14, 9, 0), at(2025, 6, 17, 9, 5))  # 2 slots missed, then 1
    held = _apply(rows, plan_tick(rows, RESTART, {1: PARIS}, last_tick=None))
    assert {_due_time(r) for r in held} == {MORNING}  # the store hands them over at 08:00
    plan = plan_tick(held, MORNING, {1: PARIS}, last_tick=MORNING - timedelta(minutes=1))
    assert plan.reminders == () and plan.deferred == ()
    [digest] = plan.digests
    assert [(p.followup.id, p.missed) for p in digest.items] == [("f0", 2), ("f1", 1)]
    assert all(p.write.last_reminded_at == MORNING for p in digest.items)


def test_a_single_late_reminder_held_over_the_night_goes_alone_at_eight() -> None:
    rows = _rows(at(2025, 6, 17, 9, 0))
    held = _apply(rows, plan_tick(rows, RESTART, {1: PARIS}, last_tick=None))
    plan = plan_tick(held, MORNING, {1: PARIS}, last_tick=MORNING - timedelta(minutes=1))
    [reminder] = plan.reminders
    assert reminder.followup.id == "f0" and reminder.missed == 1 and plan.digests == ()


def test_a_reminder_scheduled_before_a_time_zone_change_waits_for_the_new_morning() -> None:
    # due 21:30 UTC: 23:30 in Paris, the server's new zone, so it is night there now
    now = at(2025, 6, 17, 21, 30)
    rows = _rows(now)
    plan = plan_tick(rows, now, {1: PARIS}, last_tick=now - timedelta(minutes=1))
    assert plan.reminders == () and plan.digests == ()
    [deferral] = plan.deferred
    assert (deferral.due_at, deferral.hold_until) == (MORNING, None)  # on time: it just moves
    moved = _apply(rows, plan)
    later = plan_tick(moved, MORNING, {1: PARIS}, last_tick=MORNING - timedelta(minutes=1))
    assert [(p.followup.id, p.missed) for p in later.reminders] == [("f0", 1)]


def test_outside_quiet_hours_nothing_is_held() -> None:
    now = at(2025, 6, 17, 9, 0)  # 11:00 in Paris
    plan = plan_tick(_rows(now), now, {1: PARIS}, last_tick=now - timedelta(minutes=1))
    assert len(plan.reminders) == 1 and plan.deferred == ()


def test_quiet_hours_do_not_touch_snoozed_or_spent_rows_differently() -> None:
    snoozed = followup(id="s", due_at=at(2025, 6, 17, 9, 0), snoozed_until=at(2025, 6, 19, 12))
    spent = followup(id="x", due_at=at(2025, 6, 17, 9, 0), reminders_sent=5)
    plan = plan_tick([snoozed, spent], RESTART, {1: PARIS}, last_tick=None)
    assert sorted((d.followup.id, d.due_at, d.quiet_hours) for d in plan.deferred) == [
        ("s", at(2025, 6, 19, 12), False),
        ("x", None, False),
    ]


ZONES = [
    "UTC",
    "Europe/Paris",
    "Asia/Kathmandu",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Tehran",
    "Pacific/Apia",
]
_HHMM = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
_NOW = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2039, 1, 1), timezones=st.just(UTC)
)


def _window(start: str, end: str) -> timedelta:
    minutes = [int(t[:2]) * 60 + int(t[3:]) for t in (start, end)]
    return timedelta(minutes=(minutes[1] - minutes[0]) % (24 * 60))


@settings(max_examples=400, deadline=None)
@given(
    now=_NOW,
    zone=st.sampled_from(ZONES),
    start=_HHMM,
    end=_HHMM,
    behind=st.lists(st.integers(0, 60 * 24 * 20), min_size=1, max_size=5),
    ticked=st.one_of(st.none(), st.integers(1, 30)),
)
def test_nothing_is_ever_sent_inside_quiet_hours(now, zone, start, end, behind, ticked) -> None:
    """Any now, zone, window and due rows (on time or days late, after a restart or not): a
    tick inside quiet hours sends nothing and holds every row to the first allowed minute, at
    most the window (plus one daylight-saving hour) later, so within a day for any window of
    23 hours or less; the tick there sends, and the late rows still form one digest."""
    quiet = guild(timezone=zone, quiet_start=start, quiet_end=end)
    rows = _rows(*(now - timedelta(minutes=m) for m in behind))
    last_tick = None if ticked is None else now - timedelta(minutes=ticked)
    plan = plan_tick(rows, now, {1: quiet}, last_tick)
    if not is_quiet(now, quiet):
        assert not any(d.quiet_hours for d in plan.deferred)
        assert plan.reminders or plan.digests
        return
    assert plan.reminders == () and plan.digests == ()
    assert {d.followup.id for d in plan.deferred} == {r.id for r in rows}
    held = _apply(rows, plan)
    allowed = {_due_time(r) for r in held}
    assert len(allowed) == 1
    [when] = allowed
    assert when is not None and when > now and not is_quiet(when, quiet)
    assert when - now <= _window(start, end) + timedelta(hours=1)
    if _window(start, end) <= timedelta(hours=23):
        assert when - now <= timedelta(days=1)
    # the loop ticks through the quiet hours (each minute) and sends at ``when``
    later = plan_tick(held, when, {1: quiet}, last_tick=when - timedelta(minutes=1))
    assert later.deferred == ()
    sent = [p.followup.id for p in later.reminders]
    sent += [p.followup.id for d in later.digests for p in d.items]
    assert sorted(sent) == sorted(r.id for r in rows)  # nothing lost
    late = [d for d in plan.deferred if d.hold_until is not None]
    if len(late) > 1:
        [digest] = later.digests
        assert {p.followup.id for p in digest.items} >= {d.followup.id for d in late}
