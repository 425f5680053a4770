"""Child process for the crash test: writes a known sequence of votes and new cards, and
reports each ack (new cards make compaction append card bodies, so kills land there too).

Run as ``python -m tests.storage.crash_child DATA_DIR START [BURST]``, or forked with
``serve`` (the crash test forks children from a server that has already imported this module,
so each of its fifty children starts in milliseconds instead of half a second). It writes
``ready`` once the store is open, then ``ack N`` after write N has returned, until it is killed;
with BURST, writes are made BURST at a time, concurrently. It imports only the store and the
models so it starts quickly.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection

from bot.models import VoteChoice
from storage.tinydb_store import TinyDBStore
from tests.storage.records import make_card, make_vote

CARD_ID = "crashcard1"
MEMBERS = 23
CHOICES = tuple(VoteChoice)


def planned_write(index: int) -> tuple[str, int, VoteChoice | None]:
    """Write ``index`` of the sequence: ("cast", member, choice), ("retract", member, None) or
    ("card", index, None)."""
    member = index % MEMBERS
    if index % 13 == 12:
        return "card", index, None
    if index % 7 == 6:
        return "retract", member, None
    return "cast", member, CHOICES[(index * 5 + index // MEMBERS) % len(CHOICES)]


def card_id_of(index: int) -> str:
    return f"crash{index:06d}"


def expected_states() -> Iterator[tuple[dict[int, VoteChoice], int, list[str]]]:
    """What ``expected_after`` gives for 0, 1, 2, … writes, each state built from the last (the
    read-only test matches a read against thousands of counts)."""
    votes: dict[int, VoteChoice] = {}
    events = 1  # CARD_CREATED
    cards: list[str] = []
    for index in itertools.count():
        yield dict(votes), events, list(cards)
        action, member, choice = planned_write(index)
        if action == "card":
            cards.append(card_id_of(index))
        elif action == "cast":
            assert choice is not None
            votes[member] = choice
            events += 1
        elif member in votes:
            del votes[member]
            events += 1


def expected_after(count: int) -> tuple[dict[int, VoteChoice], int, list[str]]:
    """Votes and number of history events of CARD_ID, and the ids of the other cards, once the
    first ``count`` writes are applied."""
    return next(itertools.islice(expected_states(), count, None))


def _print_line(line: str) -> None:
    print(line, flush=True)


async def run(
    data_dir: str, start: int, burst: int, emit: Callable[[str], None] = _print_line
) -> None:
    """Writes ``burst`` at a time, concurrently (so they share group commits), in order."""
    store = await TinyDBStore.open(data_dir, compact_after_bytes=2048)
    emit("ready")
    at = datetime(2026, 1, 1, tzinfo=UTC)

    async def write(index: int) -> None:
        action, member, choice = planned_write(index)
        if action == "card":
            await store.save_card(make_card(card_id_of(index), title=f"Card {index}"))
        elif action == "cast" and choice is not None:
            await store.cast_vote(make_vote(CARD_ID, member, choice))
        else:
            await store.retract_vote(CARD_ID, "c0", member, at + timedelta(seconds=index))
        emit(f"ack {index}")

    for first in range(start, start + 100_000, burst):
        await asyncio.gather(*(write(index) for index in range(first, first + burst)))


def serve(data_dir: str, start: int, burst: int, out: Connection) -> None:
    """Entry point of a forked child. ``out`` is the write end of a pipe, used raw: each line is
    one ``write`` (atomic, so a kill never leaves half a line), in the order of the acks."""

    def emit(line: str) -> None:
        os.write(out.fileno(), f"{line}\n".encode())

    asyncio.run(run(data_dir, start, burst, emit))


if __name__ == "__main__":
    burst = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    asyncio.run(run(sys.argv[1], int(sys.argv[2]), burst))
