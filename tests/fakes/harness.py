"""Run a discord.py client against the fake Discord: point, serve, run, check for leaks.

Why a module apart from fixtures.py: benchmarks and tests with a custom World or heartbeat
interval need the same start/patch/restore/close sequence outside the default fixture, and
test modules can import these helpers without importing the pytest plugin module early.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import discord
import yarl

from tests.fakes.discord_server import DEFAULT_TIMEOUT, FakeDiscord, FakeDiscordError
from tests.fakes.payloads import World

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base (also used by interaction callbacks and webhooks) and
    gateway URL at the fake; restore both afterwards, whatever happens."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def serve_fake_discord(
    world: World | None = None, **options: Any
) -> AsyncIterator[FakeDiscord]:
    """Start a FakeDiscord (options as FakeDiscord's keyword arguments), point discord.py at
    it, and stop/restore on exit."""
    async with FakeDiscord(world, **options) as fake:
        with pointed_at(fake):
            yield fake


@contextlib.asynccontextmanager
async def running_client(
    client: ClientT,
    fake: FakeDiscord,
    *,
    token: str | None = None,
    ready_within: float = DEFAULT_TIMEOUT,
) -> AsyncIterator[ClientT]:
    """Log `client` in to the fake, connect, wait for on_ready, yield; always close it.

    Build the client with `guild_ready_timeout=0.05` or ready waits 2 s for guilds.
    Login errors (e.g. discord.LoginFailure when `fake.reject_token`) propagate.
    """
    connect: asyncio.Task[None] | None = None
    try:
        async with asyncio.timeout(ready_within):
            await client.login(fake.token if token is None else token)
            connect = asyncio.create_task(client.connect(), name="fake-discord-client")
            ready = asyncio.create_task(client.wait_until_ready())
            await asyncio.wait({connect, ready}, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                connect.result()  # raises what stopped the client
                raise FakeDiscordError("fake Discord: client stopped before on_ready")
        yield client
    finally:
        await client.close()
        if connect is not None:
            async with asyncio.timeout(ready_within):
                with contextlib.suppress(discord.ConnectionClosed):
                    await connect


def unclosed_resource_warnings() -> list[str]:
    """Collect garbage and return the ResourceWarnings it raised (unclosed sessions, sockets)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        gc.collect()
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
