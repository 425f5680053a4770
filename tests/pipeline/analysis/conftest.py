"""Fixtures for the analysis tests: one Analyzer on the session's spaCy model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.pipeline.analyze import Analyzer


@pytest.fixture(scope="session")
def analyzer(nlp: Language) -> Analyzer:
    return Analyzer(nlp)
