"""A Claimdeck process sharing an SQLite store, for the several-processes tests.

Run as ``python -m tests.storage.sqlite_child MODE DB ARGS…``. It opens the store, prints
``ready``, waits for a line on stdin (so the parent can start several at the same moment),
then works and prints one line per result:

* ``vote CARD FIRST COUNT``: casts a vote for members FIRST … FIRST+COUNT-1 on claim c0,
  printing ``ack MEMBER`` after each returns;
* ``race NAME COUNT``: saves cards NAME0 … NAME<COUNT-1> under https://race.example/<i>,
  printing ``saved I`` or ``duplicate I EXISTING_ID``;
* ``remind NOW_ISO``: runs one reminder tick of shard 0 of 1 at NOW (the real
  :class:`~bot.following.reminders.ReminderService`), printing ``sent FOLLOWUP_ID`` for each
  reminder and each digest item it posted.

It ends with ``done``. It imports the store, the models and the reminder service only (no spaCy,
no discord), so it starts quickly.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from bot.following.notifier import DigestItem, Mention
from bot.following.reminders import ReminderService
from bot.models import FollowUp, StoredCard, VoteChoice
from storage import DuplicateCard, Store, open_store
from tests.storage.records import make_card, make_vote

CHOICES = tuple(VoteChoice)


def choice_of(member: int) -> VoteChoice:
    return CHOICES[member % len(CHOICES)]


def race_url(index: int) -> str:
    return f"https://race.example/{index}"


class PrintingNotifier:
    """Posts nothing: prints the follow-ups each message would remind about, a little slowly
    (as Discord answers), so two processes' ticks overlap."""

    async def send_reminder(self, card: StoredCard, row: FollowUp, mention: Mention | None) -> bool:
        await asyncio.sleep(0.005)
        print(f"sent {row.id}", flush=True)
        return True

    async def send_digest(self, guild_id: int, items: list[DigestItem]) -> bool:
        await asyncio.sleep(0.005)
        for item in items:
            print(f"sent {item.followup.id}", flush=True)
        return True


async def remind(store: Store, now: str) -> None:
    service = ReminderService(store, PrintingNotifier())  # type: ignore[arg-type]
    await service.tick(datetime.fromisoformat(now))


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
        elif mode == "remind":
            await remind(store, args[0])
        else:
            raise SystemExit(f"unknown mode {mode!r}")
        print("done", flush=True)
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
