"""Acknowledged writes survive SIGKILL at random moments (during writes, compaction, start-up)."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import select
import signal
import time
from pathlib import Path

from storage.tinydb_store import TinyDBStore
from tests.storage import crash_child
from tests.storage.crash_child import CARD_ID, expected_after
from tests.storage.records import make_card

KILLS = 50


# Children are forked from a server that has imported the store once: fifty kills cost
# milliseconds of start-up each instead of a fresh interpreter's half second.
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.storage.crash_child"])


class Child:
    """A crash_child process whose output lines are read with a deadline."""

    def __init__(self, data_dir: Path, start: int, burst: int = 1) -> None:
        reader, writer = FORKS.Pipe(duplex=False)
        self.proc = FORKS.Process(
            target=crash_child.serve, args=(str(data_dir), start, burst, writer), daemon=True
        )
        self.proc.start()
        writer.close()  # the child holds the only write end: its death ends the pipe
        self.reader = reader
        self.buffer = b""
        self.lines: list[str] = []

    def _pump(self, timeout: float) -> bool:
        """Reads what has arrived within ``timeout``; False once the pipe has ended."""
        fd = self.reader.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        chunk = os.read(fd, 65536)
        if not chunk:
            return False
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines += [line.decode() for line in complete]
        return True

    def wait_for_lines(self, count: int, deadline: float) -> None:
        while len(self.lines) < count and time.monotonic() < deadline:
            if not self._pump(0.05):
                break

    def kill_and_drain(self) -> list[str]:
        self.proc.kill()
        self.proc.join(timeout=10)
        assert self.proc.exitcode == -signal.SIGKILL
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self._pump(0.1):
            pass
        self.reader.close()
        return self.lines


async def _check(data_dir: Path, acked: int, slack: int = 1) -> int:
    """Open the store; the durable writes are a prefix of at least ``acked`` writes and at most
    ``slack`` more (the writes in flight when the child was killed)."""
    store = await TinyDBStore.open(data_dir)
    try:
        votes = {v.member_id: v.choice for v in await store.votes_for_card(CARD_ID)}
        events = len(await store.events_for_card(CARD_ID))
        others = sorted(i for i in store._state.cards if i != CARD_ID)
        # Every card's body must read back (from the body file or the replayed journal).
        titles = [(await store.get_card(i)).card.article.title for i in others]
    finally:
        await store.close()
    assert titles == [f"Card {int(i[5:])}" for i in others]
    for count in range(acked, acked + slack + 1):
        if (votes, events, others) == expected_after(count):
            return count
    raise AssertionError(
        f"after {acked} acknowledged writes the store holds {len(votes)} votes, "
        f"{events} events and {len(others)} other cards, which matches no count of writes "
        f"from {acked} to {acked + slack}"
    )


def test_acknowledged_votes_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(1234)
    data_dir = tmp_path / "data"

    async def create_card() -> None:
        store = await TinyDBStore.open(data_dir)
        await store.save_card(make_card(CARD_ID))
        await store.close()

    asyncio.run(create_card())
    done = 0
    kills_during_writes = 0
    for _ in range(KILLS):
        child = Child(data_dir, done)
        deadline = time.monotonic() + 20
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.0, 0.25))  # may land in start-up, replay or compaction
        else:
            child.wait_for_lines(1 + rng.randint(0, 40), deadline)
            time.sleep(rng.uniform(0.0, 0.003))
        lines = child.kill_and_drain()
        acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
        assert acks == list(range(done, done + len(acks))), "the child skipped a write"
        kills_during_writes += bool(acks)
        # Writes are sequential, so at most one write past the last ack may have landed.
        done = asyncio.run(_check(data_dir, done + len(acks)))
    assert done > 200, "the children made too little progress for the test to mean much"
    assert kills_during_writes >= KILLS // 2


def test_acknowledged_concurrent_writes_survive_sigkill(tmp_path: Path) -> None:
    """Writes made 8 at a time share group commits; whatever was acknowledged survives, and the
    store holds a prefix of the writes in the order they were made."""
    rng = random.Random(99)
    data_dir = tmp_path / "data"
    burst = 8

    async def create_card() -> None:
        store = await TinyDBStore.open(data_dir)
        await store.save_card(make_card(CARD_ID))
        await store.close()

    asyncio.run(create_card())
    done = 0
    kills_during_writes = 0
    for _ in range(KILLS // 2):
        child = Child(data_dir, done, burst)
        child.wait_for_lines(1 + rng.randint(0, 60), time.monotonic() + 20)
        time.sleep(rng.uniform(0.0, 0.003))
        acks = [int(line.split()[1]) for line in child.kill_and_drain() if line.startswith("ack ")]
        assert all(done <= ack < done + 100_000 for ack in acks)
        kills_during_writes += bool(acks)
        acked = max(acks) + 1 if acks else done
        # Every write up to the last ack is durable; the rest of its wave and, when the wave
        # was all acknowledged, the next one may be too.
        done = asyncio.run(_check(data_dir, acked, slack=burst))
    assert done > 200, "the children made too little progress for the test to mean much"
    assert kills_during_writes >= KILLS // 4
