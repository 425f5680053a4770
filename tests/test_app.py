"""``claimdeck run``: a missing or rejected token is one clear line, not a traceback."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.app import serve
from bot.config import Settings
from storage import open_store
from tests.fakes.discord_server import FakeDiscord


async def test_a_rejected_token_is_one_clear_line(fake_discord: FakeDiscord, tmp_path: Path):
    fake_discord.reject_token = True
    err = io.StringIO()
    settings = Settings(token="not-a-real-token", data_dir=tmp_path, workers=1)
    async with asyncio.timeout(20):
        code = await serve(settings, err)
    assert code == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("claimdeck: Discord rejected the token in DISCORD_TOKEN")
    assert "Reset Token" in lines[0]


def test_a_missing_token_is_one_clear_line(tmp_path: Path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "claimdeck: DISCORD_TOKEN is not set. Put DISCORD_TOKEN=<your bot token> in the "
        "environment or in a .env file next to where you run claimdeck (see README, "
        "'Run the bot')."
    ]


async def test_message_content_intent_left_off_is_one_clear_line(
    fake_discord: FakeDiscord, tmp_path: Path
):
    fake_discord.refuse_privileged_intents = True
    err = io.StringIO()
    settings = Settings(token=fake_discord.token, data_dir=tmp_path, workers=1)
    async with asyncio.timeout(20):
        code = await serve(settings, err)
    assert code == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert "Message Content Intent" in lines[0] and "Developer Portal" in lines[0]


async def test_sigterm_logs_out_and_closes_the_store(fake_discord: FakeDiscord, tmp_path: Path):
    settings = Settings(token=fake_discord.token, data_dir=tmp_path, workers=1)
    err = io.StringIO()
    running = asyncio.create_task(serve(settings, err, guild_ready_timeout=0.05))
    async with asyncio.timeout(20):
        await fake_discord.wait_until_connected()
        await asyncio.sleep(0.2)  # let it finish handling READY, as a running bot would have
        os.kill(os.getpid(), signal.SIGTERM)
        code = await running
    assert code == 0 and err.getvalue() == ""
    store = await open_store(settings.store_url)  # the lock was released: it was closed
    await store.close()


async def test_a_process_connects_as_its_shard_and_shares_the_sqlite_store(
    fake_discord: FakeDiscord, tmp_path: Path
):
    """Several processes, one shared store: this one is shard 1 of 2, and while it runs another
    process (here another connection) opens the same database, which TinyDB's lock refuses."""
    database = tmp_path / "claimdeck.db"
    settings = Settings(
        token=fake_discord.token, data_dir=tmp_path / "unused", workers=1,
        store=f"sqlite://{database}", shard=(1, 2),
    )
    err = io.StringIO()
    running = asyncio.create_task(serve(settings, err, guild_ready_timeout=0.05))
    async with asyncio.timeout(20):
        await fake_discord.wait_until_connected()
        await asyncio.sleep(0.2)
        assert fake_discord.identifies[-1]["shard"] == [1, 2]
        other = await open_store(settings.store_url)
        assert await other.get_card("k7nothere") is None
        await other.close()
        os.kill(os.getpid(), signal.SIGTERM)
        code = await running
    assert code == 0 and err.getvalue() == ""
    assert database.is_file() and not (tmp_path / "unused").exists()
