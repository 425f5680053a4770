"""A Claimdeck process sharing an SQLite store, for the several-processes tests.

Run as ``python -m tests.storage.sqlite_child MODE DB ARGS…``. It opens the store, prints
``ready``, waits for a line on stdin (so the parent can start several at the same moment),
then works and prints one line per result:

* ``vote CARD FIRST COUNT``: casts a vote for members FIRST … FIRST+COUNT-1 on claim c0,
  printing ``ack MEMBER`` after each returns;
* ``race NAME COUNT``: saves cards NAME0 … NAME<COUNT-1> under https://race.example/<i>,
  printing ``saved I`` or ``duplicate I EXISTING_ID``.

It ends with ``done``. It imports only the store and the models so it starts quickly.
"""

from __future__ import annotations

import asyncio
import sys

from bot.models import VoteChoice
from storage import DuplicateCard, open_store
from tests.storage.records import make_card, make_vote

CHOICES = tuple(VoteChoice)


def choice_of(member: int) -> VoteChoice:
    return CHOICES[member % len(CHOICES)]


def race_url(index: int) -> str:
    return f"https://race.example/{index}"


async def main(mode: str, db: str, args: list[str]) -> None:
    store = await open_store(f"sqlite://{db}")
    try:
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        if mode == "vote":
            card_id, first, count = args[0], int(args[1]), int(args[2])
            for member in range(first, first + count):
                await store.cast_vote(make_vote(card_id, member, choice_of(member)))
                print(f"ack {member}", flush=True)
        elif mode == "race":
            name, count = args[0], int(args[1])
            for index in range(count):
                card = make_card(f"{name}{index}", url=race_url(index))
                try:
                    await store.save_card(card)
                    print(f"saved {index}", flush=True)
                except DuplicateCard as exc:
                    print(f"duplicate {index} {exc.existing.id}", flush=True)
        else:
            raise SystemExit(f"unknown mode {mode!r}")
        print("done", flush=True)
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
