"""Storage benchmark: open time, memory, vote-write and read-by-id latency at 1k/10k/100k cards.

Usage: .venv/bin/python bench/storage.py [--sizes 1000 10000 100000] [--writes 5000]
       [--reads 20000] [--compact-after 524288] [--dir /tmp/claimdeck-bench] [--from-v2] [--keep]
       [--concurrent 100 [--rounds 50]] [--backend tinydb|sqlite]
       .venv/bin/python bench/storage.py --followups 10000 [--guilds 100] [--backend sqlite]

``--backend sqlite`` measures the SQLite store (``sqlite:///…/cards-N.db``) the same way: it is
seeded into one database file, has no compaction (those figures read "n/a"), and its open time
includes SQLite's ``PRAGMA quick_check`` of the whole file.

Each size gets a fresh data directory seeded with realistic cards (the seed fixture's article
text and several claims, ~8 KB of JSON each), written straight into the current-schema files by a
child process (so seeding 100k cards needs neither 100k fsyncs nor this process's memory). A
second, fresh child then opens the store as the bot would and reports:
  * open: wall time of ``TinyDBStore.open`` (with ``--from-v2`` the seed is a schema-2 directory
    and this includes the one-time 2 -> 3 migration; a second open is timed too);
  * RSS: the child's resident memory before opening (interpreter + imports), right after
    opening, and after the workload; "store" is after-open minus before-open;
  * vote write: ``await store.cast_vote(...)`` on random cards, sequentially; each one includes
    the journal append + fsync; background compaction runs whenever the journal passes its
    threshold (``--compact-after``, default 512 KiB, so that 5,000 votes trigger several
    compactions and the p99 includes writes made while one runs; production uses 4 MiB); the
    writes that overlapped a compaction are reported separately;
  * concurrent vote writes (``--concurrent N``): ``--rounds`` rounds of N ``cast_vote`` calls
    started at once (a burst of clicks), each timed from the start of its round to its return;
    reports writes/s over the rounds and the p50/p99 latency (group commit lets the writes
    waiting for an fsync share the next one);
  * card read by id: ``await store.get_card(id)`` for random ids (mostly cache misses, so
    mostly a ``pread`` of the body plus parsing);
  * compaction and close times, file count and sizes.

``--followups N [--guilds 100]`` measures the follow-up clock instead: the latency of a clock
tick (``due_followups``) with nothing due, for all guilds and for one shard of four, of
``next_due_at``, of a tick with many due, of ``open_followups`` for one guild, and of a
"reminder sent and next one scheduled" write.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage_seed import (
    SEED_TEXT,
    T0,
    measure_followups,
    pct,
    realistic_card,
    seed,
    seed_sqlite,
    seed_v2,
)

from bot.models import Vote, VoteChoice
from storage.protocol import Store
from storage.sqlite_store import SQLiteStore
from storage.state import to_json
from storage.tinydb_store import TinyDBStore


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MiB, from /proc/self/status."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def tree_size(root: Path) -> tuple[int, int, int]:
    """(files, bytes, largest) of a TinyDB directory, or of an SQLite file with its -wal/-shm."""
    if root.is_file():
        files = [p for p in (root, Path(f"{root}-wal"), Path(f"{root}-shm")) if p.exists()]
    else:
        files = [p for p in root.rglob("*") if p.is_file()]
    sizes = [p.stat().st_size for p in files]
    return len(files), sum(sizes), max(sizes, default=0)


async def open_backend(backend: str, root: Path, compact_after: int) -> Store:
    if backend == "sqlite":
        return await SQLiteStore.open(root)
    return await TinyDBStore.open(root, compact_after_bytes=compact_after)


async def concurrent_writes(
    store: Store, ids: list[str], rng: random.Random, width: int, rounds: int
) -> dict[str, float]:
    """``rounds`` bursts of ``width`` votes started together; latency of each from its burst's
    start, and writes per second over all bursts."""
    choices = list(VoteChoice)
    latencies: list[float] = []

    async def one(vote: Vote, started: float) -> None:
        await store.cast_vote(vote)
        latencies.append(time.perf_counter() - started)

    busy = 0.0
    for r in range(rounds):
        votes = [
            Vote(
                rng.choice(ids),
                f"claim-{rng.randrange(5)}",
                rng.randrange(500),
                rng.choice(choices),
                T0 + timedelta(days=1, seconds=r * width + i),
            )
            for i in range(width)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(one(v, started) for v in votes))
        busy += time.perf_counter() - started
    return {
        "conc_width": width,
        "conc_rate": width * rounds / busy,
        "conc_p50": pct(latencies, 50),
        "conc_p99": pct(latencies, 99),
        "conc_max": max(latencies) * 1e3,
    }


async def measure(
    root: Path,
    count: int,
    writes: int,
    reads: int,
    reopen: bool,
    compact_after: int,
    concurrent: int = 0,
    rounds: int = 50,
    backend: str = "tinydb",
) -> None:
    """Child process: open the seeded store, then time the workload; prints one JSON line."""
    ids = json.loads((root.parent / f"{root.name}.ids.json").read_text())
    result: dict[str, float] = {}
    result["rss_before"], _ = rss_mib()
    t = time.perf_counter()
    store = await open_backend(backend, root, compact_after)
    result["open"] = time.perf_counter() - t
    if reopen:  # the first open migrated: time an ordinary one too
        await store.close()
        del store
        result["rss_migrated"], _ = rss_mib()
        t = time.perf_counter()
        store = await open_backend(backend, root, compact_after)
        result["migrated_open"] = result["open"]
        result["open"] = time.perf_counter() - t
    result["rss_open"], result["hwm_open"] = rss_mib()
    rng = random.Random(count)
    choices = list(VoteChoice)

    write_times = []
    during_compaction = []
    compactions = 0
    running = None
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
        elapsed = time.perf_counter() - t
        write_times.append(elapsed)
        if running is not None:
            during_compaction.append(elapsed)
        engine = getattr(store, "_engine", None)  # TinyDB only: SQLite does not compact
        if engine is None:
            continue
        if engine.compaction is not None and engine.compaction is not running:
            compactions += 1
        running = engine.compaction

    if concurrent:
        result.update(await concurrent_writes(store, ids, rng, concurrent, rounds))

    read_times = []
    for _ in range(reads):
        card_id = rng.choice(ids)
        t = time.perf_counter()
        card = await store.get_card(card_id)
        read_times.append(time.perf_counter() - t)
        assert card is not None and card.id == card_id
    if isinstance(store, TinyDBStore):
        t = time.perf_counter()
        await store.compact()
        result["compact"] = time.perf_counter() - t
    result["rss_end"], result["hwm_end"] = rss_mib()
    t = time.perf_counter()
    await store.close()
    result["close"] = time.perf_counter() - t
    result["compactions"] = compactions
    result["writes_during"] = len(during_compaction)
    if during_compaction:
        result["during_p99"] = pct(during_compaction, 99)
        result["during_max"] = max(during_compaction) * 1e3
    for name, samples in (("write", write_times), ("read", read_times)):
        result[f"{name}_p50"] = pct(samples, 50)
        result[f"{name}_p99"] = pct(samples, 99)
        result[f"{name}_max"] = max(samples) * 1e3
        result[f"{name}_mean"] = statistics.mean(samples) * 1e3
    print(json.dumps(result), flush=True)


def child(*args: str) -> str:
    command = [sys.executable, __file__, *args]
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def run_size(base: Path, count: int, args: argparse.Namespace) -> None:
    backend = ["--backend", args.backend]
    root = base / (f"cards-{count}.db" if args.backend == "sqlite" else f"cards-{count}")
    shutil.rmtree(root, ignore_errors=True)
    for path in (root, Path(f"{root}-wal"), Path(f"{root}-shm")):
        if path.is_file():
            path.unlink()
    root.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    child("--seed", str(root), str(count), *(["--from-v2"] if args.from_v2 else []), *backend)
    seeded = time.perf_counter() - t
    seed_files, seed_bytes, _ = tree_size(root)
    r = json.loads(
        child(
            "--measure", str(root), str(count), "--writes", str(args.writes),
            "--reads", str(args.reads), "--compact-after", str(args.compact_after),
            "--concurrent", str(args.concurrent), "--rounds", str(args.rounds),
            *(["--from-v2"] if args.from_v2 else []), *backend,
        ).strip().splitlines()[-1]
    )  # fmt: skip
    files, total, largest = tree_size(root)
    migrated = ""
    if "migrated_open" in r:
        migrated = (
            f"migrate+open {r['migrated_open']:5.2f} s (RSS after {r['rss_migrated']:.0f} MiB), "
        )
    print(
        f"{count:>7} cards | open {r['open']:5.2f} s | RSS before open {r['rss_before']:4.0f} MiB,"
        f" after open {r['rss_open']:5.0f} MiB (store {r['rss_open'] - r['rss_before']:4.0f} MiB,"
        f" peak {r['hwm_open']:5.0f}), after workload {r['rss_end']:5.0f} MiB"
    )
    print(
        f"{'':>7}       | vote write p50 {r['write_p50']:6.3f} ms  p99 {r['write_p99']:6.3f} ms  "
        f"max {r['write_max']:7.2f} ms | read by id p50 {r['read_p50']:6.3f} ms  "
        f"p99 {r['read_p99']:6.3f} ms  max {r['read_max']:6.2f} ms"
    )
    if "conc_rate" in r:
        print(
            f"{'':>7}       | {r['conc_width']:.0f} concurrent vote writes: "
            f"{r['conc_rate']:6.0f} writes/s, p50 {r['conc_p50']:7.2f} ms  "
            f"p99 {r['conc_p99']:7.2f} ms  max {r['conc_max']:7.2f} ms"
        )
    during = (
        f"p99 {r['during_p99']:6.3f} ms  max {r['during_max']:7.2f} ms"
        if r["writes_during"]
        else "none"
    )
    print(
        f"{'':>7}       | background compactions during the writes: {r['compactions']:.0f};"
        f" {r['writes_during']:.0f} writes overlapped one: {during}"
    )
    compacted = f"{r['compact']:5.2f} s" if "compact" in r else "n/a"
    print(
        f"{'':>7}       | seed {seeded:5.1f} s ({seed_files} files, {seed_bytes / 2**20:.0f} MiB),"
        f" {migrated}compact {compacted}, close {r['close']:5.2f} s | {files} files, "
        f"{total / 2**20:7.1f} MiB total, largest {largest / 2**20:5.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--writes", type=int, default=5_000)
    parser.add_argument("--reads", type=int, default=20_000)
    parser.add_argument("--compact-after", type=int, default=512 * 1024, help="journal bytes")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/claimdeck-bench"))
    parser.add_argument("--from-v2", action="store_true", help="seed schema 2; time migration")
    parser.add_argument("--keep", action="store_true", help="keep the data directories")
    parser.add_argument(
        "--followups", type=int, metavar="N", help="instead: the follow-up clock with N open"
    )
    parser.add_argument("--guilds", type=int, default=100, help="guilds for --followups")
    parser.add_argument(
        "--concurrent", type=int, default=0, metavar="N", help="also: bursts of N vote writes"
    )
    parser.add_argument("--rounds", type=int, default=50, help="bursts for --concurrent")
    parser.add_argument(
        "--backend", choices=("tinydb", "sqlite"), default="tinydb", help="the store measured"
    )
    parser.add_argument("--seed", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        root, count = Path(args.seed[0]), int(args.seed[1])
        text = SEED_TEXT.read_text(encoding="utf-8")
        seeder = seed_sqlite if args.backend == "sqlite" else seed_v2 if args.from_v2 else seed
        ids = seeder(root, count, text)
        (root.parent / f"{root.name}.ids.json").write_text(json.dumps(ids))
        return
    if args.measure:
        root, count = Path(args.measure[0]), int(args.measure[1])
        asyncio.run(
            measure(
                root, count, args.writes, args.reads, args.from_v2, args.compact_after,
                args.concurrent, args.rounds, args.backend,
            )
        )  # fmt: skip
        return
    if args.followups:
        asyncio.run(
            measure_followups(
                args.dir / "followups", args.followups, args.guilds, 2000, args.backend
            )
        )
        return
    text = SEED_TEXT.read_text(encoding="utf-8")
    card_bytes = len(to_json(realistic_card("x" * 10, 0, text).to_dict()))
    print(
        f"backend: {args.backend}  load: {os.getloadavg()}  cpus: {os.cpu_count()}  "
        f"card JSON {card_bytes} bytes"
    )
    try:
        for count in args.sizes:
            run_size(args.dir, count, args)
    finally:
        if not args.keep:
            shutil.rmtree(args.dir, ignore_errors=True)
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
