"""A digest's left-out lines: an item the catch-up digest does not show pinged nobody, so its
reminder is not used up. One whose card is in a channel not everyone may read is reminded on
its own, in its card's thread, a minute later; one whose line did not fit in Discord's 2,000
characters stays late and makes the digest's next page. Nobody is pinged for a line they
cannot see, every reminder is sent exactly once, also with two processes holding the guild."""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.following import DigestItem, FollowUpServices, build_services
from bot.following.messages import DigestLayout, digest_layout
from bot.models import EventKind, FollowUp, GuildSettings
from storage import Store, open_store
from tests.following.conftest import CHANNEL, GUILD, REVIEWERS, T0, Clock, FakeNotifier, Posted
from tests.following.conftest import stored as stored_card
from tests.followups.helpers import seed_card

DAY = timedelta(hours=24)
BACK = T0 + 4 * DAY + timedelta(hours=1)  # down through two reminder slots of every row
PRIVATE = 7009  # a channel not everyone in the server can read
PINGS = re.compile(r"<@(&?)(\d+)>")


@dataclass
class LayoutNotifier(FakeNotifier):
    """The fake notifier with the Discord notifier's digest: posted in the oldest card's
    channel, cards in ``private`` channels withheld, lines laid out by ``digest_layout``,
    nothing posted when no line would be shown. Keeps each digest's text."""

    private: set[int] = field(default_factory=lambda: {PRIVATE})
    texts: list[str] = field(default_factory=list)
    limit: int = 2000  # characters of one Discord message

    async def send_digest(  # type: ignore[override]
        self, guild_id: int, items: Sequence[DigestItem]
    ) -> DigestLayout | bool:
        oldest = min(items, key=lambda i: (i.followup.created_at, i.followup.id)).card
        shown = [
            i
            for i in items
            if i.card.channel_id == oldest.channel_id or i.card.channel_id not in self.private
        ]
        withheld = [i for i in items if i not in shown]
        layout = digest_layout(shown, withheld=withheld, limit=self.limit)
        if layout.shown:
            self.texts.append(layout.text)
            self.posted.append(
                Posted(
                    "digest", "guild", oldest.id, None, detail=[i.followup.id for i in layout.shown]
                )
            )
        return layout


async def _rows(
    store: Store,
    count: int,
    *,
    assignee=lambda n: 10**18 + n,
    party=lambda n: f"region {n}",
    channel=lambda n: CHANNEL,
) -> list[FollowUp]:
    """``count`` open follow-ups, one per card, all due on the second day (one minute apart in
    age, so the first is the oldest)."""
    rows = []
    for n in range(count):
        card = stored_card(f"k{n}", seed_card(), url=f"https://news.example.test/{n}")
        card = replace(card, channel_id=channel(n), created_at=T0 + timedelta(minutes=n))
        await store.save_card(card)
        row = FollowUp(
            id=f"f{n}",
            card_id=card.id,
            guild_id=GUILD,
            party=party(n),
            due_at=T0 + DAY,
            created_at=T0 + timedelta(minutes=n),
            assignee_id=assignee(n),
        )
        await store.add_followup(row)
        rows.append(row)
    return rows


def _pinged(text: str) -> list[int]:
    return [int(n) for amp, n in PINGS.findall(text.split("\n")[0]) if not amp]


async def _reminded(store: Store, row: FollowUp) -> list[dict]:
    return [
        e.data
        for e in await store.events_for_card(row.card_id)
        if e.kind is EventKind.FOLLOWUP_REMINDED
    ]


async def _tick(services: FollowUpServices):
    async with asyncio.timeout(20):
        return await services.reminders.tick()


async def test_forty_assignees_each_hear_once_in_a_page_of_the_digest(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(store, 40, party=lambda n: f"the ministry of region {n}")
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)  # a restart: no last tick
    report = await _tick(services)

    [text] = notifier.texts
    [digest] = notifier.of_kind("digest")
    shown = set(digest.detail)
    named = {int(n) for n in re.findall(r"region (\d+)", text)}
    assert sorted(p - 10**18 for p in _pinged(text)) == sorted(named)  # each ping has its line
    assert named == {int(f[1:]) for f in shown}
    assert len(text) <= 2000 and 10 <= len(shown) < 40  # the lines fill the message
    assert text.endswith(f"• …and {40 - len(shown)} more: see `/followup list`.")
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None
        if row.id in shown:
            assert after.reminders_sent == 1
            assert [d.get("digest") for d in await _reminded(store, row)] == [True]
        else:  # cut at the limit, not pinged: not used up, still late, held for the next page
            assert after.reminders_sent == 0 and await _reminded(store, row) == []
            assert after.due_at == row.due_at
            assert after.snoozed_until == BACK + timedelta(minutes=1)
    assert (report.digests, report.digest_items, report.paged, report.left_out) == (
        1,
        len(shown),
        40 - len(shown),
        0,
    )

    for _ in range(5):  # the next pages, a minute apart
        clock.advance(minutes=1)
        report = await _tick(services)
        assert report.sent == 0
    assert notifier.of_kind("reminder") == []
    heard = [p for t in notifier.texts for p in _pinged(t)]
    assert sorted(heard) == sorted(r.assignee_id for r in rows)  # everyone once, nobody twice
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
    clock.advance(minutes=1)
    assert (await _tick(services)).idle


async def test_a_withheld_card_is_reminded_in_its_own_thread_not_used_up_by_the_digest(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(
        store,
        3,
        assignee=lambda n: 4242 if n == 2 else None,
        party=lambda n: "Secret Ministry" if n == 2 else f"region {n}",
        channel=lambda n: PRIVATE if n == 2 else CHANNEL,
    )
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)
    report = await _tick(services)
    [text] = notifier.texts
    assert "4242" not in text and "Secret Ministry" not in text
    assert text.startswith(f"⏰ <@&{REVIEWERS}> ") and text.endswith(
        "…and 1 more: see `/followup list`."
    )
    secret = await store.get_followup(rows[2].id)
    assert secret is not None and secret.reminders_sent == 0  # nobody heard: not used up
    assert await _reminded(store, rows[2]) == []
    assert (report.digest_items, report.left_out) == (2, 1)

    clock.advance(minutes=1)
    assert (await _tick(services)).sent == 1
    [alone] = notifier.of_kind("reminder")
    assert (alone.followup_id, alone.where, alone.mention.user_id if alone.mention else None) == (
        "f2",
        "thread",
        4242,
    )
    secret = await store.get_followup(rows[2].id)
    assert secret is not None and secret.reminders_sent == 1


async def test_a_left_out_follow_up_resolved_in_the_minute_is_not_reminded(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    await _rows(store, 3, channel=lambda n: PRIVATE if n else CHANNEL)
    clock.set(BACK)
    services = build_services(store, notifier, clock=clock)
    await _tick(services)  # f1 and f2 are withheld from the digest
    await services.commands.resolve(GUILD, "k1", "no comment", text="No comment, a spokesman said.")
    clock.advance(minutes=1)
    await _tick(services)
    assert [p.followup_id for p in notifier.of_kind("reminder")] == ["f2"]


async def test_two_processes_holding_the_guild_remind_each_follow_up_once(
    store: Store, clock: Clock
) -> None:
    notifier = LayoutNotifier()
    await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
    rows = await _rows(store, 60, channel=lambda n: PRIVATE if n % 7 == 3 else CHANNEL)
    clock.set(BACK)
    processes = [build_services(store, notifier, clock=clock) for _ in range(2)]
    async with asyncio.timeout(30):
        await asyncio.gather(*(p.reminders.tick() for p in processes))
        for _ in range(3):
            clock.advance(minutes=1)
            await asyncio.gather(*(p.reminders.tick() for p in processes))
    for text in notifier.texts:
        assert len(text) <= 2000
    shown = [f for d in notifier.of_kind("digest") for f in d.detail]
    alone = [p.followup_id for p in notifier.of_kind("reminder")]
    assert sorted(shown + alone) == sorted(r.id for r in rows)  # each exactly once
    for row in rows:
        after = await store.get_followup(row.id)
        assert after is not None and after.reminders_sent == 1
        assert len(await _reminded(store, row)) == 1


async def _property(assignees: list[int | None], parties: list[str], private: list[bool]) -> None:
    with tempfile.TemporaryDirectory() as data:
        store = await open_store(f"tinydb://{data}/data")
        try:
            notifier, clock = LayoutNotifier(), Clock(BACK)
            await store.save_settings(GuildSettings(GUILD, reviewer_role_id=REVIEWERS))
            rows = await _rows(
                store,
                len(assignees),
                assignee=lambda n: assignees[n],
                party=lambda n: parties[n],
                channel=lambda n: PRIVATE if private[n] else CHANNEL,
            )
            services = build_services(store, notifier, clock=clock)
            await _tick(services)
            shown = {f for d in notifier.of_kind("digest") for f in d.detail}
            for text in notifier.texts:
                assert len(text) <= 2000
                shown_assignees = {r.assignee_id for r in rows if r.id in shown}
                # each ping has its shown line, each shown line its ping
                assert set(_pinged(text)) == shown_assignees - {None}
            for row in rows:  # every item is shown and recorded, or neither
                after = await store.get_followup(row.id)
                assert after is not None
                assert after.reminders_sent == (1 if row.id in shown else 0)
            for _ in range(len(rows)):  # the next pages and the withheld rows, a minute apart
                posted = len(notifier.posted)
                clock.advance(minutes=1)
                await _tick(services)
                if len(notifier.posted) == posted:
                    break
            paged = [f for d in notifier.of_kind("digest") for f in d.detail]
            alone = [p.followup_id for p in notifier.of_kind("reminder")]
            assert sorted([*paged, *alone]) == sorted(r.id for r in rows)  # none lost, none twice
            for row in rows:
                after = await store.get_followup(row.id)
                assert after is not None and after.reminders_sent == 1
        finally:
            await store.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(1, 5), st.integers(10**17, 10**19)),
            st.text(
                st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=250
            ),
            st.booleans(),
        ),
        min_size=2,
        max_size=60,
    )
)
def test_any_digest_pings_only_shown_lines_and_uses_up_only_their_reminders(items) -> None:
    assignees, parties, private = (list(column) for column in zip(*items, strict=True))
    private[0] = False  # the oldest card is where the digest goes
    asyncio.run(_property(assignees, parties, private))
