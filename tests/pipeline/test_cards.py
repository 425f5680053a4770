"""CardPipeline's worker pool: what production runs the CPU work in."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.pipeline.cards import process_pool


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
