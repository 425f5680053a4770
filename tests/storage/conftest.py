"""Contract tests take a ``backend`` argument and run once per store backend; a test that reads
or writes TinyDB's files itself is marked ``tinydb_only`` and runs on that backend alone."""

from __future__ import annotations

import pytest

from tests.storage.backends import BACKENDS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "tinydb_only: reads or writes TinyDB files, so runs on that backend only"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only_tinydb = metafunc.definition.get_closest_marker("tinydb_only") is not None
        metafunc.parametrize("backend", ["tinydb"] if only_tinydb else list(BACKENDS))
