"""A catch-up digest longer than one Discord message goes out in pages a minute apart: a line
cut at the 2,000-character limit stays late (its due time and its missed reminders kept) and
joins the next page, so a long catch-up pings the reviewers once per page, never once per
follow-up. Only a withheld line (its card is where the digest's readers may not look) is
reminded on its own, in its card's thread."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.following import DigestItem, FollowUpServices, Mention, build_services
from bot.following.messages import digest_layout
from bot.models import FollowUp, GuildSettings
from storage import Store, open_store
from tests.following.conftest import CHANNEL, GUILD, REVIEWERS, T0, Clock
from tests.following.conftest import stored as stored_card
from tests.following.test_digest_left_out import (
    BACK,
    PRIVATE,
    LayoutNotifier,
    _reminded,
    _rows,
)
from tests.followups.helpers import seed_card

DAY = timedelta(hours=24)
LONG = "the foreign ministry of region number {} (asked by Reuters)"
MAX_TICKS = 30  # a minute apart; every test below needs far fewer


def _role_pings(notifier: LayoutNotifier) -> int:
    in_digests = sum(t.split("\n")[0].count(f"<@&{REVIEWERS}>") for t in notifier.texts)
    alone = sum(
        1
        for p in notifier.of_kind("reminder")
        if p.mention is not None and p.mention.role_id == REVIEWERS
    )
    return in_digests + alone


async def _until_idle(services: Sequence[FollowUpServices], clock: Clock) -> int:
    """Tick every process a minute apart until nothing is due within the hour (every row
    reminded: the next reminders are two days off); the ticks it took."""
    async with asyncio.timeout(60):
        for ticks in range(1, MAX_TICKS + 1):
            await asyncio.gather(*(s.reminders.tick() for s in services))
            wake = await services[0].reminders.next_wake()
            if wake is None or wake > clock() + timedelta(hours=1):
                return ticks
            clock.advance(minutes=1)
    raise AssertionError(f"still reminding after {MAX_TICKS} ticks")


async def test_sixty_overdue_rows_without_assignees_page_the_digest_not_ping_each(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(store, 60, assignee=lambda n: None, party=lambda n: LONG.format(n))
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)  # a restart

    first = await services.reminders.tick()
    [page] = notifier.of_kind("digest")
    assert 5 <= len(page.detail) < 60 and first.paged == 60 - len(page.detail)
    assert first.left_out == 0 and notifier.of_kind("reminder") == []
    for row in rows:  # a cut line keeps its lateness, held for a minute
        after = await store.get_followup(row.id)
        assert after is not None
        if row.id not in page.detail:
            assert after.reminders_sent == 0 and after.due_at == row.due_at
            assert after.snoozed_until == BACK + timedelta(minutes=1)

    clock.advance(minutes=1)
    second = await services.reminders.tick()
    assert second.sent == 0 and second.digests == 1  # the next page, not 47 pings
    assert _role_pings(notifier) == 2

    await _until_idle([services], clock)
    pages = notifier.of_kind("digest")
    assert notifier.of_kind("reminder") == []
    assert _role_pings(notifier) == len(pages) <= 6  # one ping per page
    assert all(len(t) <= 2000 for t in notifier.texts)
    assert sorted(f for p in pages for f in p.detail) == sorted(r.id for r in rows)
    for row in rows:  # each once, and each page still says what the row missed
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
        assert after.due_at is not None and after.due_at > clock() + DAY  # the next, on cadence
        [data] = await _reminded(store, row)
        assert data["digest"] is True and data["missed"] == 2


async def test_withheld_lines_go_alone_in_their_thread_and_cut_lines_to_the_next_page(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(
        store,
        40,
        assignee=lambda n: 4242 if n % 10 == 5 else None,
        party=lambda n: LONG.format(n),
        channel=lambda n: PRIVATE if n % 10 == 5 else CHANNEL,
    )
    secret = {r.id for r in rows if r.card_id.endswith("5")}
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)
    first = await services.reminders.tick()
    assert first.left_out == len(secret)
    await _until_idle([services], clock)

    alone = notifier.of_kind("reminder")
    assert sorted(p.followup_id for p in alone) == sorted(secret)
    assert all(p.where == "thread" and p.mention == Mention(user_id=4242) for p in alone)
    paged = [f for p in notifier.of_kind("digest") for f in p.detail]
    assert sorted(paged) == sorted(r.id for r in rows if r.id not in secret)
    assert all("4242" not in t for t in notifier.texts)
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1


async def test_a_held_row_resolved_before_the_next_page_is_not_on_it(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier(limit=400)
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(store, 8, assignee=lambda n: None, party=lambda n: LONG.format(n))
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)
    await services.reminders.tick()
    [page] = notifier.of_kind("digest")
    held = [r for r in rows if r.id not in page.detail]
    assert len(held) >= 2
    gone = held[0]
    await services.commands.resolve(GUILD, gone.card_id, "no comment", text="No comment.")
    await _until_idle([services], clock)
    posted = [f for p in notifier.of_kind("digest") for f in p.detail]
    assert gone.id not in posted and notifier.of_kind("reminder") == []
    assert sorted(posted) == sorted(r.id for r in rows if r.id != gone.id)


async def test_a_digest_that_fits_no_line_reminds_its_rows_alone_instead_of_looping(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier(limit=60)  # not even one line fits
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(store, 3, assignee=lambda n: 9000 + n, party=lambda n: LONG.format(n))
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)
    ticks = await _until_idle([services], clock)
    assert ticks <= 3 and notifier.of_kind("digest") == []
    assert sorted(p.followup_id for p in notifier.of_kind("reminder")) == [r.id for r in rows]
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1


async def test_two_processes_paging_one_guild_remind_each_row_once(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(
        store,
        70,
        assignee=lambda n: None,
        party=lambda n: LONG.format(n),
        channel=lambda n: PRIVATE if n % 9 == 4 else CHANNEL,
    )
    clock.set(BACK)
    processes = [build_services(store, notifier, clock=clock) for _ in range(2)]
    await _until_idle(processes, clock)
    paged = [f for p in notifier.of_kind("digest") for f in p.detail]
    alone = [p.followup_id for p in notifier.of_kind("reminder")]
    assert sorted(paged + alone) == sorted(r.id for r in rows)  # each exactly once
    assert sorted(alone) == sorted(f"f{n}" for n in range(70) if n % 9 == 4)
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
        assert len(await _reminded(store, row)) == 1


def _item(n: int, channel: int = CHANNEL) -> DigestItem:
    card = stored_card(f"c{n}", seed_card(), url=f"https://news.example.test/{n}")
    row = FollowUp(
        id=f"f{n}", card_id=card.id, guild_id=GUILD, party=f"p{n}", due_at=T0, created_at=T0
    )
    return DigestItem(card, row, 2, Mention(role_id=REVIEWERS), LONG.format(n) + " · 2 missed")


def test_the_layout_tells_lines_cut_at_the_limit_from_withheld_ones() -> None:
    items = [_item(n) for n in range(60)]
    hidden = [_item(n, PRIVATE) for n in range(60, 63)]
    layout = digest_layout(items, withheld=hidden)
    assert 0 < len(layout.shown) < 60
    assert list(layout.cut) == items[len(layout.shown) :]
    assert list(layout.unshown) == [*layout.cut, *hidden]
    whole = digest_layout(items[:3], withheld=hidden)
    assert whole.cut == () and list(whole.unshown) == hidden


async def _property(parties: list[str], private: list[bool], limit: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        store = await open_store(f"tinydb://{data}/data")
        try:
            notifier, clock = LayoutNotifier(limit=limit), Clock(BACK)
            await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
            rows = await _rows(
                store,
                len(parties),
                assignee=lambda n: None,
                party=lambda n: parties[n],
                channel=lambda n: PRIVATE if private[n] else CHANNEL,
            )
            services = build_services(store, notifier, clock=clock)
            await _until_idle([services], clock)
            paged = [f for p in notifier.of_kind("digest") for f in p.detail]
            alone = [p.followup_id for p in notifier.of_kind("reminder")]
            assert sorted(paged + alone) == sorted(r.id for r in rows)  # none lost, none twice
            assert all(len(t) <= limit for t in notifier.texts)
            if paged:  # some line fits: only withheld rows are reminded alone
                assert set(alone) == {r.id for r, p in zip(rows, private, strict=True) if p}
            assert _role_pings(notifier) == len(notifier.texts) + len(alone)  # one a message
            for row in rows:
                after = await store.get_followup(row.id)
                assert after is not None and after.reminders_sent == 1
        finally:
            await store.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(
                st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=200
            ),
            st.booleans(),
        ),
        min_size=8,
        max_size=50,
    ),
    st.sampled_from([400, 2000]),
)
def test_any_long_catch_up_reminds_each_row_once_in_pages(items, limit) -> None:
    parties, private = (list(column) for column in zip(*items, strict=True))
    private[0] = False  # the oldest card is where the first page goes
    asyncio.run(_property(parties, private, limit))
