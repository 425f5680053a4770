"""Fixtures for fetching tests: a local article server and a fetcher allowed to reach it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.pipeline.addresses import parse_allowlist
from bot.pipeline.fetch import Fetcher, FetchPolicy
from tests.fakes.article_server import ArticleServer, add_common_routes


@pytest.fixture
async def article_server(fixtures_dir: Path) -> AsyncIterator[ArticleServer]:
    """A started ArticleServer on 127.0.0.1 with the routes listed in ``add_common_routes``."""
    async with ArticleServer() as server:
        add_common_routes(server, fixtures_dir)
        yield server


@pytest.fixture
def local_policy() -> FetchPolicy:
    """The default limits, short timeouts (so failing waits stay fast) and 127.0.0.1 allowed."""
    return FetchPolicy(
        allow=parse_allowlist("127.0.0.1"),
        connect_timeout=1.0,
        read_timeout=0.3,
        total_timeout=2.0,
    )


@pytest.fixture
async def fetcher(local_policy: FetchPolicy) -> AsyncIterator[Fetcher]:
    """A Fetcher that may reach the local article server (the default policy may not)."""
    async with Fetcher(local_policy) as fetcher:
        yield fetcher
