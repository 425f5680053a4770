"""Settings from the environment and an optional ``.env`` file, validated with clear errors.

The environment wins over ``.env`` so an operator can override a checked-in default. The token is
kept out of ``repr`` so it never lands in a log line or a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ClaimdeckError, InvalidInput
from bot.pipeline.addresses import parse_allowlist
from bot.pipeline.fetch import FetchPolicy
from bot.pipeline.workers import DEFAULT_BUDGET_SECONDS


class ConfigError(ClaimdeckError):
    """A setting is missing or malformed; the message names the variable and the fix."""


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse ``KEY=VALUE`` lines (``#`` comments, optional quotes, optional ``export``)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM from Windows editors is fine
    except UnicodeDecodeError:
        raise ConfigError(
            f"{path} is not UTF-8 text (PowerShell's `echo > .env` writes UTF-16). "
            "Save it as UTF-8, e.g. `Set-Content .env 'DISCORD_TOKEN=…' -Encoding utf8`."
        ) from None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            # Never echo the line: it may hold the token.
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE (for example DISCORD_TOKEN=…).")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def _optional_int(environ: Mapping[str, str], name: str) -> int | None:
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"{name} must be a numeric Discord id (got {raw!r}).")
    return int(raw)


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1 (got {raw!r}).")
    return int(raw)


STORE_SCHEMES = ("tinydb:", "sqlite:")


def _store(environ: Mapping[str, str]) -> str:
    """``CLAIMDECK_STORE``: empty (TinyDB in the data directory, one process), or a store URL;
    ``sqlite:///path/claimdeck.db`` is the one several processes can share."""
    raw = environ.get("CLAIMDECK_STORE", "").strip()
    if raw and not raw.startswith(STORE_SCHEMES):
        raise ConfigError(
            "CLAIMDECK_STORE must be sqlite:///path/to/claimdeck.db (several processes can share "
            f"it) or tinydb:///path/to/dir (got {raw!r})."
        )
    return raw


def _shard(environ: Mapping[str, str]) -> tuple[int, int] | None:
    """``CLAIMDECK_SHARD=1/4``: this process is Discord shard 1 of 4 (shards count from 0)."""
    raw = environ.get("CLAIMDECK_SHARD", "").strip()
    if not raw:
        return None
    shard, _, count = (part.strip() for part in raw.partition("/"))
    if all(n.isascii() and n.isdigit() for n in (shard, count)) and int(shard) < int(count):
        return int(shard), int(count)
    raise ConfigError(
        "CLAIMDECK_SHARD must be <shard>/<count> with the shard from 0 to count - 1, e.g. 0/2 "
        f"and 1/2 for two processes (got {raw!r})."
    )


@dataclass(frozen=True)
class Settings:
    """Everything ``claimdeck run`` needs, resolved once at start-up."""

    token: str = field(repr=False, default="")
    data_dir: Path = Path("data")
    fetch_allow: str = ""
    dev_guild: int | None = None
    workers: int = 2
    analysis_budget: float = DEFAULT_BUDGET_SECONDS
    log_level: str = "INFO"
    store: str = ""  # a store URL; empty: TinyDB in data_dir
    shard: tuple[int, int] | None = None  # (shard id, shard count) of this process

    @property
    def fetch_policy(self) -> FetchPolicy:
        return FetchPolicy(allow=parse_allowlist(self.fetch_allow))

    @property
    def store_url(self) -> str:
        return self.store or f"tinydb://{self.data_dir.resolve()}"

    @property
    def shard_options(self) -> dict[str, int]:
        """What the Discord client needs to connect as this process's shard (none: all)."""
        if self.shard is None:
            return {}
        return {"shard_id": self.shard[0], "shard_count": self.shard[1]}

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "DISCORD_TOKEN is not set. Put DISCORD_TOKEN=<your bot token> in the environment "
                "or in a .env file next to where you run claimdeck (see README, 'Run the bot')."
            )
        return self.token

    @classmethod
    def load(
        cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
    ) -> Settings:
        merged: dict[str, str] = read_dotenv(dotenv) if dotenv else {}
        merged.update(os.environ if environ is None else environ)
        level = merged.get("CLAIMDECK_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigError(
                f"CLAIMDECK_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR (got {level!r})."
            )
        fetch_allow = merged.get("CLAIMDECK_FETCH_ALLOW", "").strip()
        try:
            parse_allowlist(fetch_allow)
        except InvalidInput as error:
            raise ConfigError(error.message) from None
        return cls(
            token=merged.get("DISCORD_TOKEN", "").strip(),
            data_dir=Path(merged.get("CLAIMDECK_DATA_DIR", "").strip() or "data"),
            fetch_allow=fetch_allow,
            dev_guild=_optional_int(merged, "CLAIMDECK_DEV_GUILD"),
            workers=_positive_int(merged, "CLAIMDECK_WORKERS", 2),
            analysis_budget=_positive_int(
                merged, "CLAIMDECK_ANALYSIS_TIMEOUT", int(DEFAULT_BUDGET_SECONDS)
            ),
            log_level=level,
            store=_store(merged),
            shard=_shard(merged),
        )
