"""Session-wide fixtures: the spaCy model is loaded once for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from bot.pipeline.nlp import load_model

pytest_plugins = ["tests.fakes.fixtures"]

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
