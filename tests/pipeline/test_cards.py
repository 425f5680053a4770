"""CardPipeline's worker pool: what production runs the CPU work in."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.errors import AnalysisFailed
from bot.pipeline.cards import CardPipeline, process_pool
from bot.pipeline.fetch import Fetcher
from tests.pipeline import worker_tasks


@pytest.mark.parametrize("variable", ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
async def test_workers_use_one_native_thread_each(monkeypatch, variable):
    monkeypatch.delenv(variable, raising=False)
    pool = process_pool(1)
    try:
        async with asyncio.timeout(60):
            seen = await asyncio.get_running_loop().run_in_executor(pool, os.getenv, variable)
    finally:
        pool.shutdown()
    assert seen == "1"


async def test_an_operator_setting_for_native_threads_wins(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    pool = process_pool(1)
    try:
        async with asyncio.timeout(60):
            seen = await asyncio.get_running_loop().run_in_executor(
                pool, os.getenv, "OPENBLAS_NUM_THREADS"
            )
    finally:
        pool.shutdown()
    assert seen == "3"


async def test_a_dead_worker_is_replaced_and_the_card_retried(tmp_path):
    pipeline = CardPipeline(Fetcher(), lambda: process_pool(1))
    first_pool = pipeline.executor
    try:
        async with asyncio.timeout(60):
            result = await pipeline._run(worker_tasks.die_once, str(tmp_path / "died"))
            assert result == "survived"
            assert pipeline.executor is not first_pool
            assert await pipeline._run(os.getenv, "OPENBLAS_NUM_THREADS") == "1"
    finally:
        pipeline.close()
        await pipeline.fetcher.close()


async def test_a_page_that_kills_workers_every_time_is_skipped_with_a_reason():
    pipeline = CardPipeline(Fetcher(), lambda: process_pool(1))
    try:
        async with asyncio.timeout(60):
            with pytest.raises(AnalysisFailed, match="crashed Claimdeck's worker twice"):
                await pipeline._run(worker_tasks.always_die)
            assert await pipeline._run(os.getenv, "OMP_NUM_THREADS") == "1"  # still working
    finally:
        pipeline.close()
        await pipeline.fetcher.close()
