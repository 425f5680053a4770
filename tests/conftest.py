"""Session-wide fixtures: the spaCy model is loaded once for the whole run.

Property tests are repeatable by default: every run tries the same examples, so CI on a clean
clone passes or fails for the code, not for the draw. ``HYPOTHESIS_PROFILE=explore`` draws new
examples on every run; run it when changing a parser, and turn what it finds into an example test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from spacy.language import Language

from bot.pipeline.nlp import load_model

pytest_plugins = ["tests.fakes.fixtures"]

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_html() -> str:
    return (FIXTURES / "seed" / "article.html").read_text(encoding="utf-8")
