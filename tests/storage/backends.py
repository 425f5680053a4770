"""The store backends the contract tests run over, and the URL of a fresh store of each."""

from __future__ import annotations

from pathlib import Path

BACKENDS = ("tinydb", "sqlite")


def store_url(backend: str, tmp_path: Path) -> str:
    """``open_store`` URL of a new, empty store of ``backend`` under ``tmp_path``."""
    if backend == "tinydb":
        return f"tinydb://{tmp_path / 'data'}"
    if backend == "sqlite":
        return f"sqlite://{tmp_path / 'claimdeck.db'}"  # tmp_path is absolute: sqlite:///…
    raise ValueError(f"unknown backend {backend!r}")
