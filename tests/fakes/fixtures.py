"""Pytest fixtures for end-to-end tests against the fake Discord.

tests/conftest.py lists this module in `pytest_plugins`, so every test can ask for them.
Helpers for custom setups (own World, small heartbeat interval, running a client) are in
tests/fakes/harness.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.discord_server import FakeDiscord
from tests.fakes.harness import serve_fake_discord


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A running fake Discord with the default World; discord.py points at it for the test.
    The test fails at teardown if the bot called a route the fake does not know."""
    async with serve_fake_discord() as fake:
        yield fake
        if fake.unknown_requests:
            calls = ", ".join(str(r) for r in fake.unknown_requests)
            pytest.fail(f"the bot called routes the fake Discord does not know: {calls}")
