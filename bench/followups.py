"""Follow-up benchmark: the reminder clock, sending 1,000 reminders, and matching a new card.

Usage: .venv/bin/python bench/followups.py [--followups 10000] [--guilds 100] [--due 1000]
       [--ticks 2000] [--matches 300] [--dir DIR] [--keep]

A real TinyDB store in a temporary directory (or ``--dir``) is seeded through the ``Store`` API
with ``--followups`` open follow-ups spread over ``--guilds`` guilds, one card each (the seed
article as the analysis cards it, ~8 KB; each follow-up waits for one of 20 parties, China's
foreign ministry among them), due between 1 hour and 5 days ahead. Then, with the store
reopened (the index rebuilt as at a start):

* idle tick: ``ReminderService.tick(now)`` plus ``next_wake()`` with nothing due, the loop's work
  every minute (target p99 <= 20 ms);
* sending: ``--due`` follow-ups (spread over the guilds) are made due, and one tick sends them
  through a notifier that sleeps like Discord: 100 ms a request, at most 5 messages per channel
  per 5 s and 50 requests per second overall. The floor is what those limits allow; Claimdeck's
  own overhead is the wall time above the floor and the CPU time this process spent (planning,
  locking, one journaled store write per reminder);
* matching: a new card (the response report, retitled each time so no cached subject helps)
  against its own guild's open follow-ups with ``ProposalService.matches_for`` (store reads
  included), for a typical guild and for one where every follow-up waits for China's foreign
  ministry (target p99 <= 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.following import FollowUpRows, Mention, ProposalService, ReminderService
from bot.following.notifier import DigestItem, RecheckNotice
from bot.followups import Match
from bot.models import Article, ClaimCard, FollowUp, GuildSettings, StoredCard
from storage import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PARTIES = [
    "China’s foreign ministry", "the Kremlin", "the Pentagon", "Taiwan’s foreign ministry",
    "Acme Corp", "the European Commission", "Israel’s military", "the White House",
    "Germany’s economy ministry", "Meta", "the UN refugee agency", "India’s external affairs "
    "ministry", "Tesla", "the Home Office", "Brazil’s central bank", "Boeing",
    "Japan’s defence ministry", "the World Health Organization", "Shell", "France’s Elysee",
]


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples_s: list[float]) -> str:
    ms = [s * 1000 for s in samples_s]
    return (f"p50 {statistics.median(ms):.3f} ms · p99 {pct(ms, 99):.3f} ms · "
            f"max {max(ms):.3f} ms (n={len(ms)})")


def real_cards() -> dict[str, ClaimCard]:
    """The seed article and the response report, as the analysis cards them."""
    from bot.pipeline.analyze import Analyzer
    from bot.pipeline.build import card_from_article
    from bot.pipeline.extract import extract

    analyzer = Analyzer()
    html = (ROOT / "tests/fixtures/seed/article.html").read_text(encoding="utf-8")
    seed = card_from_article(extract(html, "https://www.reuters.example/seed"), analyzer)
    title, _, body = (ROOT / "tests/followups/fixtures/response_article.txt").read_text(
        encoding="utf-8").partition("\n\n")
    response = card_from_article(
        Article(url="https://wire.example/response", title=title, text=body, language="en"),
        analyzer,
    )
    return {"seed": seed, "response": response}


def guild_id(n: int) -> int:
    return ((n + 1) << 22) | 4242


async def seed_store(store: Store, cards: dict[str, ClaimCard], count: int, guilds: int,
                     crowded: int) -> dict[int, list[str]]:
    """``count`` cards with one open follow-up each; guild ``crowded`` waits only for China."""
    by_guild: dict[int, list[str]] = defaultdict(list)
    seed = cards["seed"]
    for n in range(guilds):
        await store.save_settings(GuildSettings(guild_id(n), reviewer_role_id=900 + n))
    for n in range(count):
        g = n % guilds
        card_id = f"card{n:06d}"
        card = replace(seed, article=replace(
            seed.article, url=f"https://www.reuters.example/{n}",
            title=f"{seed.article.title} ({n})"))
        created = T0 - timedelta(hours=1)
        await store.save_card(StoredCard(
            card_id, guild_id(g), card.article.url, card, created, created_by=1,
            channel_id=10_000 + g, message_id=20_000 + n, thread_id=30_000 + n))
        party = PARTIES[0] if g == crowded else PARTIES[(n // guilds) % len(PARTIES)]
        due = T0 + timedelta(hours=1) + timedelta(minutes=(n * 7919) % (5 * 24 * 60))
        await store.add_followup(FollowUp(
            id=f"fu{n:06d}", card_id=card_id, guild_id=guild_id(g), party=party, due_at=due,
            created_at=created, requested_by="Reuters"))
        by_guild[guild_id(g)].append(card_id)
    return by_guild


class DiscordPace:
    """A notifier that takes as long as Discord would let it: per-request latency, 5 messages
    per channel per 5 s, 50 requests per second in all."""

    def __init__(self, latency: float = 0.1) -> None:
        self.latency = latency
        self.sent = 0
        self.per_channel: dict[int, list[float]] = defaultdict(list)
        self.global_times: list[float] = []

    async def _slot(self, channel: int) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            recent = [t for t in self.per_channel[channel] if now - t < 5.0]
            self.per_channel[channel] = recent
            self.global_times = [t for t in self.global_times if now - t < 1.0]
            if len(recent) < 5 and len(self.global_times) < 50:
                recent.append(now)
                self.global_times.append(now)
                return
            waits = [1.0 - (now - self.global_times[0])] if len(self.global_times) >= 50 else []
            if len(recent) >= 5:
                waits.append(5.0 - (now - recent[0]))
            await asyncio.sleep(max(0.001, min(waits)))

    async def send_reminder(self, card: StoredCard, followup: FollowUp,
                            mention: Mention | None) -> bool:
        await self._slot(card.thread_id or card.channel_id or 0)
        await asyncio.sleep(self.latency)
        self.sent += 1
        return True

    async def send_digest(self, guild_id: int, items: list[DigestItem]) -> bool:
        await self._slot(guild_id)
        await asyncio.sleep(self.latency)
        self.sent += 1
        return True

    async def send_proposal(self, original: StoredCard, followup: FollowUp,
                            candidate: StoredCard, match: Match) -> bool:
        return True

    async def notify_recheck(self, card: StoredCard, followup: FollowUp,
                             notice: RecheckNotice) -> bool:
        return True

    async def refresh_card(self, card: StoredCard) -> None:
        return None


async def _no_wait(channel: int) -> None:
    return None


def floor_seconds(channels: dict[int, int], total: int, latency: float) -> float:
    """The least time Discord's limits allow for these messages."""
    per_channel = max((math.ceil(n / 5) - 1) * 5.0 for n in channels.values())
    overall = (math.ceil(total / 50) - 1) * 1.0
    return max(per_channel, overall) + latency


async def run(args: argparse.Namespace, root: Path) -> None:
    print("analysing the seed article and the response report…", flush=True)
    cards = real_cards()
    url = f"tinydb://{root / 'data'}"
    store = await open_store(url)
    crowded = guild_id(args.guilds - 1)
    started = time.perf_counter()
    by_guild = await seed_store(store, cards, args.followups, args.guilds, args.guilds - 1)
    print(f"seeded {args.followups:,} open follow-ups (and cards) over {args.guilds} guilds in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    await store.close()
    started = time.perf_counter()
    store = await open_store(url)
    print(f"reopened in {time.perf_counter() - started:.2f} s")

    # 1. the idle tick
    pace = DiscordPace()
    reminders = ReminderService(store, pace, clock=lambda: T0)
    samples = []
    for _ in range(args.ticks):
        began = time.perf_counter()
        report = await reminders.tick(T0)
        await reminders.next_wake()
        samples.append(time.perf_counter() - began)
        assert report.idle
    print(f"idle tick (nothing due, {args.followups:,} open): {summary(samples)}")
    quarter = ReminderService(store, pace, clock=lambda: T0, shard_id=1, shard_count=4)
    samples = []
    for _ in range(args.ticks):
        began = time.perf_counter()
        await quarter.tick(T0)
        await quarter.next_wake()
        samples.append(time.perf_counter() - began)
    print(f"idle tick, one shard of four: {summary(samples)}")

    # 2. sending --due reminders
    due_at = T0 + timedelta(minutes=30)
    per_guild = max(1, args.due // args.guilds)
    chosen = [cid for ids in by_guild.values() for cid in ids[:per_guild]][: args.due]
    for card_id in chosen:
        [row] = await store.followups_for_card(card_id)
        await store.update_followup(replace(row, due_at=due_at))
    now = due_at + timedelta(minutes=1)
    sender = ReminderService(store, pace, clock=lambda: now, rows=FollowUpRows(store))
    cpu, wall = time.process_time(), time.perf_counter()
    report = await sender.tick(now)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    channels = {30_000 + int(cid[4:]): 1 for cid in chosen}
    floor = floor_seconds(channels, len(chosen), pace.latency)
    print(f"sent {report.sent:,} reminders (digests {report.digests}, failed {report.failed}) in "
          f"{wall:.2f} s; Discord's limits allow no less than {floor:.2f} s; above the floor "
          f"{wall - floor:.2f} s; CPU in this process {cpu:.2f} s "
          f"({cpu / max(1, report.sent) * 1000:.2f} ms a reminder, store write included)")

    # the same again with a notifier that answers at once: Claimdeck's own cost, alone
    due_at = now + timedelta(minutes=30)
    chosen = [cid for ids in by_guild.values() for cid in ids[per_guild: 2 * per_guild]]
    for card_id in chosen[: args.due]:
        [row] = await store.followups_for_card(card_id)
        await store.update_followup(replace(row, due_at=due_at))
    now = due_at + timedelta(minutes=1)
    instant = DiscordPace(latency=0.0)
    instant._slot = _no_wait  # type: ignore[method-assign]
    alone = ReminderService(store, instant, clock=lambda: now)
    cpu, wall = time.process_time(), time.perf_counter()
    report = await alone.tick(now)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"the same with a notifier that answers at once: {report.sent:,} reminders in "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU ({wall / max(1, report.sent) * 1000:.2f} ms a "
          "reminder: re-read, send, one journaled write with its event)")

    # 3. matching a new card against its guild's open follow-ups
    proposals = ProposalService(store, pace)
    response = cards["response"]
    for label, guild in (("typical guild", guild_id(0)), ("every follow-up for China", crowded)):
        open_count = len(await store.open_followups(guild))
        samples = []
        found = 0
        for n in range(args.matches):
            title = f"{response.article.title} (take {n})"
            card = replace(response, article=replace(response.article, title=title,
                                                      url=f"https://wire.example/r{n}"))
            candidate = StoredCard(f"new{n:05d}", guild, card.article.url, card, now)
            began = time.perf_counter()
            found = len(await proposals.matches_for(candidate))
            samples.append(time.perf_counter() - began)
        print(f"match one new card, {label} ({open_count} open, {found} matches): "
              f"{summary(samples)}; first (cold subjects) {samples[0] * 1000:.1f} ms")
    await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followups", type=int, default=10_000)
    parser.add_argument("--guilds", type=int, default=100)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--ticks", type=int, default=2_000)
    parser.add_argument("--matches", type=int, default=300)
    parser.add_argument("--dir", type=Path, help="data folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="claimdeck-followups-"))
    try:
        asyncio.run(run(args, root))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
