"""CardPipeline's workers: what production runs the CPU work in, and its deadline."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.errors import AnalysisFailed, AnalysisTimedOut
from bot.pipeline.cards import CardPipeline, card_workers
from bot.pipeline.fetch import Fetcher
from bot.pipeline.workers import WorkerPool, one_process_executor
from tests.pipeline import worker_tasks

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone

SEED_TEXT = "The ministry said on Tuesday that 20 factories had received the materials."


@pytest.mark.parametrize("variable", ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
async def test_workers_use_one_native_thread_each(monkeypatch, variable):
    monkeypatch.delenv(variable, raising=False)
    pool = one_process_executor()
    try:
        async with asyncio.timeout(60):
            seen = await asyncio.get_running_loop().run_in_executor(pool, os.getenv, variable)
    finally:
        pool.shutdown()
    assert seen == "1"


async def test_an_operator_setting_for_native_threads_wins(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    pool = one_process_executor()
    try:
        async with asyncio.timeout(60):
            seen = await asyncio.get_running_loop().run_in_executor(
                pool, os.getenv, "OPENBLAS_NUM_THREADS"
            )
    finally:
        pool.shutdown()
    assert seen == "3"


async def test_a_dead_worker_is_replaced_and_the_card_retried(tmp_path):
    pool = WorkerPool(1)
    try:
        async with asyncio.timeout(60):
            first = await pool.run(worker_tasks.worker_pid)
            result = await pool.run(worker_tasks.die_once, str(tmp_path / "died"))
            assert result == "survived"
            assert await pool.run(worker_tasks.worker_pid) != first
            assert await pool.run(os.getenv, "OPENBLAS_NUM_THREADS") == "1"
    finally:
        pool.close()


async def test_a_page_that_kills_workers_every_time_is_skipped_with_a_reason():
    pool = WorkerPool(1)
    try:
        async with asyncio.timeout(60):
            with pytest.raises(AnalysisFailed, match="crashed Claimdeck's worker twice"):
                await pool.run(worker_tasks.always_die)
            assert await pool.run(os.getenv, "OMP_NUM_THREADS") == "1"  # still working
    finally:
        pool.close()


async def test_a_task_past_its_budget_is_stopped_and_its_worker_replaced_while_others_go_on():
    pool = WorkerPool(2, budget=1.5, warm=worker_tasks.worker_pid)
    try:
        async with asyncio.timeout(60):
            await pool.warm_up()  # a cold start is not the task's time, nor is a replacement's
            pids = set(await asyncio.gather(*(pool.run(worker_tasks.worker_pid) for _ in "ab")))
            slow = asyncio.create_task(pool.run(worker_tasks.sleep_then, 600, "never"))
            await asyncio.sleep(0.2)  # the slow task holds one worker
            # The other worker keeps serving cards while the slow one runs and after it is ended.
            assert await pool.run(worker_tasks.sleep_then, 0.5, "quick") == "quick"
            with pytest.raises(AnalysisTimedOut, match="took too long to analyse"):
                await slow
            await pool.settled()
            later = set(await asyncio.gather(*(pool.run(worker_tasks.worker_pid) for _ in "ab")))
    finally:
        pool.close()
    assert len(later) == 2 and len(later - pids) == 1  # only the overrun worker is new


async def test_a_runaway_article_is_skipped_and_the_next_card_is_made():
    pipeline = CardPipeline(Fetcher(), card_workers(1, budget=2.0))
    pipeline.build_from_text = worker_tasks.slow_card_from_text
    try:
        async with asyncio.timeout(120):
            await pipeline.warm_up()
            with pytest.raises(AnalysisTimedOut) as refused:
                await pipeline.card_for_text("SLOW " + SEED_TEXT)
            card = await pipeline.card_for_text(SEED_TEXT)
    finally:
        pipeline.close()
        await pipeline.fetcher.close()
    assert refused.value.message == "This article took too long to analyse; it has been skipped."
    assert card.claims and card.claims[0].speaker == "The ministry"


async def test_without_workers_the_budget_still_answers_in_time():
    pipeline = CardPipeline(Fetcher(), budget=0.5)
    try:
        async with asyncio.timeout(30):
            with pytest.raises(AnalysisTimedOut):
                await pipeline._run(worker_tasks.sleep_then, 3, "late")
            assert await pipeline._run(worker_tasks.sleep_then, 0, "on time") == "on time"
    finally:
        await pipeline.fetcher.close()
