"""The public JSON shape of cards and articles (``claimdeck card --json``, ``extract --jsonl``).

This is a contract with scripts that consume Claimdeck's output, so it is spelled out key by key
here rather than derived from the dataclasses (whose fields may grow).
"""

from __future__ import annotations

from typing import Any

from bot.models import Article, ClaimCard


def card_json(card: ClaimCard) -> dict[str, Any]:
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


def article_json(source: str, article: Article) -> dict[str, Any]:
    return {
        "input": source,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "site": article.site,
        "language": article.language,
        "text": article.text,
    }
