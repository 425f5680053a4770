"""Functions the worker-pool tests run inside worker processes (importable by spawned children)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.models import ClaimCard
from bot.pipeline.build import card_from_text


def die_once(marker: str) -> str:
    """Kill the worker the first time (as the OOM killer would), succeed afterwards."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died")
        os._exit(1)
    return "survived"


def always_die() -> None:
    os._exit(1)


def sleep_then(seconds: float, value: str) -> str:
    """Stands in for an analysis that takes ``seconds`` (an input made slow on purpose)."""
    time.sleep(seconds)
    return value


def worker_pid() -> int:
    return os.getpid()


def slow_card_from_text(text: str, url: str = "") -> ClaimCard:
    """The real card builder, except that a text containing SLOW hangs as a runaway rule would."""
    if "SLOW" in text:
        time.sleep(3600)
    return card_from_text(text, url)
