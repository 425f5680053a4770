"""ThreadParents: the parents of uncached threads, learnt from Discord within bounds."""

from __future__ import annotations

import asyncio

import pytest

from bot.ui.visibility import ThreadGone, ThreadParents

TIMEOUT = 5


class Discord:
    """Answers thread lookups: a parent, ThreadGone, an outage, or never (a hung request)."""

    def __init__(self, parents: dict[int, int | None], *, hang: set[int] = frozenset()) -> None:
        self.parents = parents
        self.hang = hang
        self.asked: list[int] = []
        self.outage = False

    async def fetch(self, thread_id: int) -> int | None:
        self.asked.append(thread_id)
        if thread_id in self.hang:
            await asyncio.Event().wait()
        await asyncio.sleep(0.05)
        if self.outage:
            raise RuntimeError("503")
        if thread_id not in self.parents:
            raise ThreadGone(thread_id)
        return self.parents[thread_id]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def resolve(parents: ThreadParents, ids: list[int]) -> None:
    async with asyncio.timeout(TIMEOUT):
        await parents.resolve(ids)


async def test_parents_are_learnt_at_once_and_asked_once():
    discord = Discord({1: 100, 2: 200, 3: None})
    parents = ThreadParents(discord.fetch)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await resolve(parents, [1, 2, 3, 1])
    assert loop.time() - started < 0.15 * 2  # together, not one after another
    assert (parents.parent(1), parents.parent(2), parents.parent(3)) == (100, 200, None)
    await resolve(parents, [1, 2, 3])
    assert sorted(discord.asked) == [1, 2, 3]


async def test_at_most_per_call_lookups_then_the_rest_next_time():
    discord = Discord({i: 1000 + i for i in range(10)})
    parents = ThreadParents(discord.fetch, per_call=4)
    await resolve(parents, list(range(10)))
    assert len(discord.asked) == 4
    await resolve(parents, list(range(10)))
    assert len(discord.asked) == 8 and parents.parent(7) == 1007


async def test_a_hung_lookup_is_given_up_within_the_time_and_asked_again_later():
    discord = Discord({1: 100, 2: 200}, hang={2})
    parents = ThreadParents(discord.fetch, timeout=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await resolve(parents, [1, 2])
    assert loop.time() - started < 1.0
    assert parents.parent(1) == 100 and parents.parent(2) is None
    discord.hang = set()
    await resolve(parents, [2])
    assert parents.parent(2) == 200


async def test_a_gone_thread_is_not_asked_about_for_a_while_an_outage_at_once():
    clock = Clock()
    discord = Discord({5: 500})
    parents = ThreadParents(discord.fetch, gone_for=600, monotonic=clock)
    await resolve(parents, [9])
    await resolve(parents, [9])
    assert discord.asked == [9]
    clock.now = 601
    await resolve(parents, [9])
    assert discord.asked == [9, 9]

    discord.outage = True
    await resolve(parents, [5])
    assert parents.parent(5) is None
    discord.outage = False
    await resolve(parents, [5])
    assert parents.parent(5) == 500


async def test_memory_is_bounded_dropping_the_least_recently_used():
    parents = ThreadParents(Discord({}).fetch, size=3)
    for thread in (1, 2, 3):
        parents.learn(thread, thread * 10)
    assert parents.parent(1) == 10  # used: kept
    parents.learn(4, 40)
    assert [parents.parent(t) for t in (1, 2, 3, 4)] == [10, None, 30, 40]


async def test_a_cancelled_caller_leaves_no_lookup_running():
    discord = Discord({}, hang={1})
    parents = ThreadParents(discord.fetch, timeout=30)
    task = asyncio.ensure_future(parents.resolve([1]))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        async with asyncio.timeout(TIMEOUT):
            await task
    running = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert running == []
