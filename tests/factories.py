"""Small builders for cards in tests that do not need the real pipeline."""

from __future__ import annotations

from datetime import date

from bot.models import (
    Article,
    Claim,
    ClaimCard,
    PendingResponse,
    Quantity,
    Response,
    ResponseStatus,
    Stance,
)


def make_claim(number: int = 1, text: str = "the factory supplied parts", **fields) -> Claim:
    base = {
        "id": f"c{number}",
        "speaker": "Jane Doe",
        "speaker_role": "minister of industry",
        "cue": "said",
        "text": text,
        "sentence": f"Jane Doe said {text}.",
        "quantities": (Quantity("at least 20", 20.0),),
    }
    base.update(fields)
    return Claim(**base)


def make_card(title: str = "Ministry says factory supplied parts", claims: int = 3, **article):
    fields = {
        "url": "https://news.example.com/story",
        "title": title,
        "text": "Body.",
        "author": "A. Reporter",
        "published": date(2025, 6, 16),
        "site": "Example News",
        "language": "en",
    }
    fields.update(article)
    return ClaimCard(
        article=Article(**fields),
        summary=("The ministry said the factory supplied parts.", "It denied wrongdoing."),
        claims=tuple(make_claim(i) for i in range(1, claims + 1)),
        pending_responses=(
            PendingResponse("the factory", "Reuters", ResponseStatus.PENDING, "…"),
        ),
        responses=(Response("the factory", Stance.DENIAL, "groundless", "…", "c1"),),
    )
