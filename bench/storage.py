"""Storage benchmark: vote-write and read-by-id latency at 1k, 10k and 100k stored cards.

Usage: .venv/bin/python bench/storage.py [--sizes 1000 10000 100000] [--writes 5000]
       [--reads 20000] [--dir /tmp/claimdeck-bench]

Each size gets a fresh data directory seeded with realistic cards (the seed fixture's article
text and several claims), written straight into the TinyDB shard files so seeding 100k cards
does not take 100k fsyncs. The store is then opened as the bot would open it, and we time:
  * vote write: ``await store.cast_vote(...)`` on random cards, sequentially; each one includes
    the journal append + fsync; background compaction runs whenever the journal passes its
    threshold, as in production;
  * card read by id: ``await store.get_card(id)`` for random ids (mostly cache misses).
It prints p50/p99 of both, open and compaction times, file sizes and peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.models import (
    Article,
    Claim,
    ClaimCard,
    Entity,
    Event,
    EventKind,
    Quantity,
    StoredCard,
    Vote,
    VoteChoice,
)
from storage.ids import new_card_id
from storage.layout import write_meta, write_shard
from storage.migrations import CURRENT_SCHEMA
from storage.state import StoreState
from storage.tinydb_store import TinyDBStore

SEED_TEXT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seed" / "article.txt"
GUILD = 111
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def realistic_card(card_id: str, n: int, text: str) -> StoredCard:
    sentences = [s.strip() + "." for s in text.split(".") if len(s.strip()) > 40][:12]
    claims = tuple(
        Claim(
            id=f"claim-{i}",
            speaker="Oleh Ivashchenko",
            speaker_role="head of the Foreign Intelligence Service",
            cue="said",
            text=sentences[i % len(sentences)],
            sentence=sentences[i % len(sentences)],
            quantities=(Quantity("at least 20", 20.0),),
        )
        for i in range(5)
    )
    article = Article(
        url=f"https://news.example/{n}",
        title=f"Story {n}: Ukraine alleges China is supplying Russia's military industry",
        text=text,
        author="Staff",
        site="news.example",
    )
    card = ClaimCard(
        article=article,
        summary=tuple(sentences[:3]),
        entities=tuple(Entity(e, "GPE") for e in ("China", "Russia", "Ukraine")),
        claims=claims,
    )
    return StoredCard(
        id=card_id,
        guild_id=GUILD,
        canonical_url=article.url,
        card=card,
        created_at=T0 + timedelta(seconds=n),
        created_by=42,
        channel_id=1,
        message_id=10_000 + n,
    )


def seed(root: Path, count: int, text: str) -> list[str]:
    """Write ``count`` cards (with their CARD_CREATED events) as compacted shard files."""
    state = StoreState()
    ids = []
    for n in range(count):
        card = realistic_card(new_card_id(), n, text)
        ids.append(card.id)
        state.apply(["card", card.to_dict()])
        event = Event(
            card.id, EventKind.CARD_CREATED, card.created_at, 42, {"url": card.canonical_url}
        )
        state.apply(["event", n + 1, event.to_dict()])
    for key, rows in state.take_dirty().items():
        write_shard(root, key, rows)
    write_meta(root, {"schema_version": CURRENT_SCHEMA, "last_lsn": 0, "last_seq": count})
    return ids


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1e3


def tree_size(root: Path) -> tuple[int, int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    sizes = [p.stat().st_size for p in files]
    return len(files), sum(sizes), max(sizes, default=0)


async def run_size(base: Path, count: int, writes: int, reads: int, text: str) -> None:
    root = base / f"cards-{count}"
    shutil.rmtree(root, ignore_errors=True)
    t = time.perf_counter()
    ids = seed(root, count, text)
    seeded = time.perf_counter() - t

    t = time.perf_counter()
    store = await TinyDBStore.open(root)
    opened = time.perf_counter() - t
    rng = random.Random(count)
    choices = list(VoteChoice)

    write_times = []
    for i in range(writes):
        vote = Vote(
            rng.choice(ids),
            f"claim-{rng.randrange(5)}",
            rng.randrange(500),
            rng.choice(choices),
            T0 + timedelta(seconds=i),
        )
        t = time.perf_counter()
        await store.cast_vote(vote)
        write_times.append(time.perf_counter() - t)

    read_times = []
    for _ in range(reads):
        card_id = rng.choice(ids)
        t = time.perf_counter()
        card = await store.get_card(card_id)
        read_times.append(time.perf_counter() - t)
        assert card is not None
    t = time.perf_counter()
    await store.compact()
    compacted = time.perf_counter() - t
    t = time.perf_counter()
    await store.close()
    closed = time.perf_counter() - t
    files, total, largest = tree_size(root)
    print(
        f"{count:>7} cards | vote write p50 {pct(write_times, 50):6.3f} ms  "
        f"p99 {pct(write_times, 99):6.3f} ms  max {max(write_times) * 1e3:7.2f} ms | "
        f"read by id p50 {pct(read_times, 50):6.3f} ms  p99 {pct(read_times, 99):6.3f} ms"
    )
    print(
        f"{'':>7}       | seed {seeded:5.1f} s, open {opened:5.2f} s, compact {compacted:5.2f} s, "
        f"close {closed:5.2f} s | {files} files, {total / 2**20:7.1f} MiB total, "
        f"largest {largest / 2**20:5.1f} MiB | "
        f"mean write {statistics.mean(write_times) * 1e3:.3f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--writes", type=int, default=5_000)
    parser.add_argument("--reads", type=int, default=20_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/claimdeck-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the data directories")
    args = parser.parse_args()
    text = SEED_TEXT.read_text(encoding="utf-8")
    print(f"load: {os.getloadavg()}  cpus: {os.cpu_count()}  card text {len(text)} chars")
    try:
        for count in args.sizes:
            await run_size(args.dir, count, args.writes, args.reads, text)
    finally:
        if not args.keep:
            shutil.rmtree(args.dir, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB; load after: {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())
