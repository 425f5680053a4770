"""The public JSON shape of cards and articles (``claimdeck card --json``, ``extract --jsonl``).

This is a contract with scripts that consume Claimdeck's output, so it is spelled out key by key
here rather than derived from the dataclasses (whose fields may grow). Every string passes through
``strip_hidden``: a bidi override or zero-width character from a page would otherwise reach
whatever shows the JSON.
"""

from __future__ import annotations

from typing import Any

from bot.models import Article, ClaimCard
from bot.safe_text import strip_hidden


def _without_hidden(value: Any) -> Any:
    """``value`` with hidden characters removed from every string in it."""
    if isinstance(value, str):
        return strip_hidden(value)
    if isinstance(value, dict):
        return {key: _without_hidden(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_hidden(item) for item in value]
    return value


def card_json(card: ClaimCard) -> dict[str, Any]:
    return _without_hidden(_card_record(card))


def article_json(source: str, article: Article) -> dict[str, Any]:
    return _without_hidden(_article_record(source, article))


def _card_record(card: ClaimCard) -> dict[str, Any]:
    article = card.article
    return {
        "url": article.url,
        "title": article.title,
        "site": article.site,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "summary": list(card.summary),
        "text": article.text,
        "entities": [{"text": e.text, "label": e.label} for e in card.entities],
        "claims": [
            {
                "id": c.id,
                "speaker": c.speaker,
                "speaker_role": c.speaker_role,
                "cue": c.cue,
                "text": c.text,
                "quote": c.quote,
                "quantities": [q.text for q in c.quantities],
                "sentence": c.sentence,
            }
            for c in card.claims
        ],
        "pending_responses": [
            {
                "party": p.party,
                "requested_by": p.requested_by,
                "status": p.status.value,
                "sentence": p.sentence,
            }
            for p in card.pending_responses
        ],
        "responses": [
            {
                "party": r.party,
                "stance": r.stance.value,
                "text": r.text,
                "answers_claim": r.answers_claim,
                "sentence": r.sentence,
            }
            for r in card.responses
        ],
    }


def _article_record(source: str, article: Article) -> dict[str, Any]:
    return {
        "input": source,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "site": article.site,
        "language": article.language,
        "text": article.text,
    }
