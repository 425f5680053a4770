"""Seeding for ``bench/storage.py``: realistic cards written straight into a store's files.

The benchmark seeds in a child process so that 100k cards need neither 100k fsyncs nor the
measuring process's memory; these writers build the current-schema (or schema-2) files directly,
or fill a new SQLite database in one transaction with the store's own row encoding. The
follow-up clock's measurement (``--followups``) is here too, beside its seeding.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import (
    Article,
    Claim,
    ClaimCard,
    Entity,
    EventKind,
    FollowUp,
    Quantity,
    StoredCard,
)
from storage import history_events
from storage.bodies import BodyFiles
from storage.ids import new_card_id, new_followup_id
from storage.layout import bucket_of, manifest_of, render_tinydb, write_meta, write_shard
from storage.migrations import CURRENT_SCHEMA
from storage.protocol import Store
from storage.sqlite_followups import INSERT_FOLLOWUP
from storage.sqlite_rows import card_row, followup_row
from storage.sqlite_schema import connect
from storage.sqlite_store import INSERT_CARD, SQLiteStore
from storage.sqlite_votes import insert_event
from storage.state import StoreState, to_json
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
    """Write ``count`` cards (with their CARD_CREATED events) as compacted current-schema files."""
    bodies = BodyFiles(root)
    state = StoreState(bodies)
    ids = []
    for n in range(count):
        card = realistic_card(new_card_id(), n, text)
        ids.append(card.id)
        state.apply(["card", card.to_dict()])
        event = history_events.card_created(card)
        state.apply(["event", n + 1, event.to_dict()])
        if len(state.pending_bodies) >= 2000 or n == count - 1:
            flush_bodies(state, bodies)
    write_files(root, state, count)
    return ids


def flush_bodies(state: StoreState, bodies: BodyFiles) -> None:
    for guild_id, pending in state.pending_by_guild().items():
        refs = bodies.append(guild_id, (t for _, t in pending))
        state.bodies_written([(c, t, r) for (c, t), r in zip(pending, refs, strict=True)])


def write_files(root: Path, state: StoreState, last_seq: int) -> None:
    written = state.take_dirty()
    for key, rows in written.items():
        write_shard(root, key, rows)
    meta = {"schema_version": CURRENT_SCHEMA, "last_lsn": 0, "last_seq": last_seq}
    write_meta(root, {**meta, "files": manifest_of(written)})


def seed_v2(root: Path, count: int, text: str) -> list[str]:
    """Write ``count`` cards in the schema-2 layout (whole cards in cards-<bb>.json)."""
    ids = []
    files: dict[tuple[str, int], list[str]] = {}
    for n in range(count):
        card = realistic_card(new_card_id(), n, text)
        ids.append(card.id)
        event = history_events.card_created(card)
        bucket = bucket_of(card.id)
        files.setdefault(("cards", bucket), []).append(to_json(card.to_dict()))
        files.setdefault(("events", bucket), []).append(to_json({**event.to_dict(), "seq": n + 1}))
    folder = root / "guilds" / str(GUILD)
    folder.mkdir(parents=True, exist_ok=True)
    for (table, bucket), rows in files.items():
        (folder / f"{table}-{bucket:02x}.json").write_text("".join(render_tinydb(table, rows)))
    write_meta(root, {"schema_version": 2, "last_lsn": 0, "last_seq": count})
    return ids


def insert_card(conn: sqlite3.Connection, card: StoredCard) -> None:
    """One card, its URL keys and its CARD_CREATED event, as ``SQLiteStore.save_card`` writes
    them (inside the caller's transaction)."""
    conn.execute(INSERT_CARD, card_row(card))
    conn.executemany(
        "INSERT INTO card_urls (guild_id, url, card_id) VALUES (?, ?, ?)",
        [(card.guild_id, url, card.id) for url in card.urls],
    )
    created = history_events.card_created(card)
    insert_event(conn, created)


def seed_sqlite(db: Path, count: int, text: str) -> list[str]:
    """Write ``count`` cards (with their CARD_CREATED events) into a new SQLite store."""
    conn = connect(db)
    ids = []
    try:
        conn.execute("BEGIN IMMEDIATE")
        for n in range(count):
            card = realistic_card(new_card_id(), n, text)
            ids.append(card.id)
            insert_card(conn, card)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return ids


def seed_followups_tinydb(root: Path, count: int, guilds: int) -> list[int]:
    """``count`` open follow-ups over ``guilds`` guilds (ids on 4 shards), due at random minutes
    over the next 30 days, re-checks over the next 6 hours, as current-schema TinyDB files."""
    rng = random.Random(count)
    bodies = BodyFiles(root)
    state = StoreState(bodies)
    text = SEED_TEXT.read_text(encoding="utf-8")
    guild_ids = [(g << 22) | 7 for g in range(guilds)]
    card_of: dict[int, str] = {}
    for n, guild_id in enumerate(guild_ids):
        card = dataclasses.replace(realistic_card(new_card_id(), n, text), guild_id=guild_id)
        state.apply(["card", card.to_dict()])
        card_of[guild_id] = card.id
    flush_bodies(state, bodies)
    for n in range(count):
        guild_id = guild_ids[n % guilds]
        due = T0 + timedelta(minutes=rng.randrange(1, 30 * 24 * 60))
        recheck = T0 + timedelta(minutes=rng.randrange(1, 6 * 60))
        followup = FollowUp(
            new_followup_id(), card_of[guild_id], guild_id, "City Hall", due, T0, recheck_at=recheck
        )
        state.apply(["followup", followup.to_dict()])
    write_files(root, state, 0)
    bodies.close()
    return guild_ids


def seed_followups_sqlite(db: Path, count: int, guilds: int) -> list[int]:
    """The follow-ups of :func:`seed_followups_tinydb`, in a new SQLite database."""
    rng = random.Random(count)
    text = SEED_TEXT.read_text(encoding="utf-8")
    guild_ids = [(g << 22) | 7 for g in range(guilds)]
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        card_of: dict[int, str] = {}
        for n, guild_id in enumerate(guild_ids):
            card = dataclasses.replace(realistic_card(new_card_id(), n, text), guild_id=guild_id)
            insert_card(conn, card)
            card_of[guild_id] = card.id
        for n in range(count):
            guild_id = guild_ids[n % guilds]
            due = T0 + timedelta(minutes=rng.randrange(1, 30 * 24 * 60))
            recheck = T0 + timedelta(minutes=rng.randrange(1, 6 * 60))
            followup = FollowUp(
                new_followup_id(), card_of[guild_id], guild_id, "City Hall", due, T0,
                recheck_at=recheck,
            )  # fmt: skip
            conn.execute(INSERT_FOLLOWUP, followup_row(followup))
        conn.execute("COMMIT")
    finally:
        conn.close()
    return guild_ids


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1e3


async def measure_followups(
    root: Path, count: int, guilds: int, ticks: int, backend: str = "tinydb"
) -> None:
    """``--followups``: ``count`` open follow-ups spread over ``guilds`` guilds (ids on 4
    shards), due at random minutes over the next 30 days, re-checks over the next 6 hours."""
    shutil.rmtree(root, ignore_errors=True)
    if backend == "sqlite":
        guild_ids = seed_followups_sqlite(root / "claimdeck.db", count, guilds)
        t = time.perf_counter()
        store: Store = await SQLiteStore.open(root / "claimdeck.db")
    else:
        guild_ids = seed_followups_tinydb(root, count, guilds)
        t = time.perf_counter()
        store = await TinyDBStore.open(root)
    opened = time.perf_counter() - t
    await time_followups(store, opened, count, guilds, guild_ids, ticks)
    shutil.rmtree(root, ignore_errors=True)


async def time_followups(
    store: Store, opened: float, count: int, guilds: int, guild_ids: list[int], ticks: int
) -> None:
    async def timed(make: Callable[[], Awaitable[object]], times: int) -> str:
        samples = []
        for _ in range(times):
            t = time.perf_counter()
            await make()
            samples.append(time.perf_counter() - t)
        return f"p50 {pct(samples, 50):6.3f} ms  p99 {pct(samples, 99):6.3f} ms"

    later = T0 + timedelta(days=10)
    due_later = await store.due_followups(later, limit=count)
    print(f"{count} open follow-ups over {guilds} guilds | open {opened:5.2f} s")
    cases: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("tick, nothing due, all guilds", lambda: store.due_followups(T0)),
        ("tick, nothing due, shard 1 of 4", lambda: store.due_followups(T0, 50, 1, 4)),
        ("next_due_at()", store.next_due_at),
        (f"tick, {len(due_later)} due, first 50", lambda: store.due_followups(later)),
        ("due_rechecks, ~1/6 due, first 50", lambda: store.due_rechecks(T0 + timedelta(hours=1))),
        (f"open_followups(guild), ~{count // guilds}", lambda: store.open_followups(guild_ids[7])),
    ]
    for name, case in cases:
        print(f"  {name + ':':38} {await timed(case, ticks)}")
    pending = iter(due_later)

    async def remind() -> None:
        followup = next(pending)
        sent = dataclasses.replace(
            followup, reminders_sent=1, last_reminded_at=later, due_at=later + timedelta(days=2)
        )
        await store.update_followup(sent, at=later, kind=EventKind.FOLLOWUP_REMINDED)

    writes = min(500, len(due_later))
    print(
        f"  {'reminder sent + rescheduled, 1 write:':38} {await timed(remind, writes)} ({writes})"
    )
    await store.close()
