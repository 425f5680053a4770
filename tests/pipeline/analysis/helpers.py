"""Small helpers shared by the analysis tests."""

from __future__ import annotations

from bot.models import Claim, ResponseStatus
from bot.pipeline.analyze import Analyzer


def claims_in_order(analyzer: Analyzer, text: str) -> list[Claim]:
    """Claims in article order (ids c1, c2, …) rather than ranked."""
    return sorted(analyzer.analyze(text).claims, key=lambda c: int(c.id[1:]))


def only_claim(analyzer: Analyzer, text: str) -> Claim:
    claims = claims_in_order(analyzer, text)
    assert len(claims) == 1, [(c.speaker, c.text) for c in claims]
    return claims[0]


def speaker_of(analyzer: Analyzer, text: str, words: str) -> str | None:
    """Speaker of the one claim whose content holds ``words``."""
    claims = claims_in_order(analyzer, text)
    found = [c for c in claims if words in c.text]
    assert len(found) == 1, [(c.speaker, c.text) for c in claims]
    return found[0].speaker


def requests_in(analyzer: Analyzer, text: str) -> list[tuple[str, ResponseStatus]]:
    """Each comment request's party and status, in the order the analysis gives them."""
    return [(p.party, p.status) for p in analyzer.analyze(text).pending_responses]


def parties_in(analyzer: Analyzer, text: str) -> list[tuple[str, ResponseStatus]]:
    """Party (a leading "the" dropped, case kept) and status of each request."""
    return [
        (party.removeprefix("The ").removeprefix("the "), status)
        for party, status in requests_in(analyzer, text)
    ]
