"""Functions the worker-pool tests run inside worker processes (importable by spawned children)."""

from __future__ import annotations

import os
from pathlib import Path


def die_once(marker: str) -> str:
    """Kill the worker the first time (as the OOM killer would), succeed afterwards."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died")
        os._exit(1)
    return "survived"


def always_die() -> None:
    os._exit(1)
