"""Check-worthiness: which claims an editor should look at first.

Specific numbers, accusations, named sources and direct quotations make a claim checkable and
consequential; a claim from an unnamed source or with no specifics ranks lower.
"""

from __future__ import annotations

from bot.pipeline.analysis.lexicon import ACCUSATION_VERBS

STOPWORDS = frozenset(
    "the a an of to in on and or for with is are was were be by as at from that this it its "
    "has have had will would could may might".split()
)


def title_words(title: str | None) -> set[str]:
    if not title:
        return set()
    return {w.strip(".,:;“”\"'’").lower() for w in title.split()} - STOPWORDS


def score_claim(
    *,
    has_quantities: bool,
    cue: str | None,
    target: str | None,
    speaker_named: bool,
    speaker_known: bool,
    quote: bool,
    hedge: str | None,
    entity_count: int,
    text: str,
    headline_words: set[str],
) -> float:
    """A score in [0, 1]; the weights are documented by their names."""
    score = 0.2
    if has_quantities:
        score += 0.25
    if cue in ACCUSATION_VERBS or target:
        score += 0.15
    if speaker_named:
        score += 0.15
    elif not speaker_known:
        score -= 0.1
    if quote:
        score += 0.05
    if hedge:
        score += 0.05
    score += min(entity_count, 2) * 0.05
    words = {w.strip(".,:;“”\"'’").lower() for w in text.split()}
    if headline_words and len(words & headline_words) >= 2:
        score += 0.05
    if len(text.split()) < 4:
        score -= 0.1
    return round(max(0.0, min(1.0, score)), 3)
