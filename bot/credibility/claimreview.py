"""A card's verdicts as schema.org ClaimReview JSON-LD, the format fact-checkers publish.

One ClaimReview per claim that has a verdict: the final verdict once voting is closed, the
current consensus while it is open; claims without one are left out (a ClaimReview must carry a
rating). The claim's author is its speaker (a Person or an Organization), the appearance is the
article, the review's author is the guild's team and its url the card's message in Discord.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot.credibility.rules import VotingRules
from bot.credibility.tally import ClaimTally, tally_stored
from bot.credibility.verdicts import label, rating
from bot.cues import past_tense
from bot.models import Claim, ClaimCard, Event, EventKind, GuildSettings, StoredCard, Vote

SCHEMA_CONTEXT = "https://schema.org"
DEFAULT_TEAM = "Claimdeck"
DISCORD_MESSAGE_LINK = "https://discord.com/channels/{guild}/{channel}/{message}"

# Entity labels of speakers that are not people: organisations, places that speak as states
# ("China said"), nationalities and groups.
_ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def message_link(stored: StoredCard) -> str | None:
    """The Discord link to the card's message, or None when it was never posted."""
    if stored.channel_id is None or stored.message_id is None:
        return None
    return DISCORD_MESSAGE_LINK.format(
        guild=stored.guild_id, channel=stored.channel_id, message=stored.message_id
    )


def closed_at(events: Iterable[Event]) -> datetime | None:
    """When voting on the card was last closed (None if open), from its event log."""
    moment: datetime | None = None
    for event in events:
        if event.kind == EventKind.VOTING_CLOSED:
            moment = event.at
        elif event.kind == EventKind.VOTING_REOPENED:
            moment = None
    return moment


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds")


def _web(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def speaker_type(card: ClaimCard, claim: Claim) -> str:
    """The schema.org type of the claim's speaker: "Person" or "Organization".

    The analysis names speakers after its entities, so the entity with the same name decides;
    a speaker with a personal role ("head of …") is a person; any other (e.g. "Western
    nations", "the ministry") is treated as an organization.
    """
    name = " ".join((claim.speaker or "").split()).casefold()
    for entity in card.entities:
        if " ".join(entity.text.split()).casefold() == name:
            if entity.label == "PERSON":
                return "Person"
            if entity.label in _ORGANIZATION_LABELS:
                return "Organization"
    return "Person" if claim.speaker_role else "Organization"


def claim_statement(claim: Claim) -> str:
    """What the claim says, standing alone: an accusation or warning whose text starts with its
    target ("China of supplying …") reads with its speaker and cue ("Kyiv accused China of
    supplying …"); anything else is the claim's own text."""
    text = " ".join(claim.text.split())
    if claim.speaker and claim.cue and claim.target and text.startswith(claim.target):
        return f"{claim.speaker} {past_tense(claim.cue)} {text}"
    return text


def _claim_item(card: ClaimCard, claim: Claim, article_url: str | None) -> dict[str, Any]:
    article = card.article
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker:
        author: dict[str, Any] = {"@type": speaker_type(card, claim), "name": claim.speaker}
        if author["@type"] == "Person" and claim.speaker_role:
            author["jobTitle"] = claim.speaker_role
        item["author"] = author
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article_url:
        appearance["url"] = article_url
    if article.title:
        appearance["headline"] = article.title
    if article.site:
        appearance["publisher"] = {"@type": "Organization", "name": article.site}
    item["appearance"] = appearance
    if article.published is not None:
        item["datePublished"] = article.published.isoformat()
    return item


def _explanation(claim_tally: ClaimTally) -> str:
    assert claim_tally.consensus is not None
    top = claim_tally.count(claim_tally.consensus)
    reviewers = "reviewer" if claim_tally.total == 1 else "reviewers"
    verdict = label(claim_tally.consensus)
    return f"{top} of {claim_tally.total} {reviewers} rated this claim {verdict}."


def claim_reviews(
    stored: StoredCard,
    votes: Iterable[Vote],
    settings: GuildSettings,
    message_url: str | None,
    now: datetime,
    *,
    fallback_team: str = DEFAULT_TEAM,
    closed_on: datetime | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview per claim with a verdict, in card order.

    ``datePublished`` is when voting closed (``closed_on``, see :func:`closed_at`; ``now`` when
    unknown) for a closed card, and ``now`` (the verdict as of the export) for an open one.
    ``url`` is left out when the card has no message link.
    """
    card = stored.card
    card_tally = tally_stored(stored, votes, settings)
    team = VotingRules.of(settings).team_name or fallback_team.strip() or DEFAULT_TEAM
    published = _iso(closed_on if stored.voting_closed and closed_on is not None else now)
    article_url = _web(card.article.url) or _web(stored.canonical_url)
    reviews: list[dict[str, Any]] = []
    for claim, claim_tally in zip(card.claims, card_tally.claims, strict=True):
        if claim_tally.consensus is None:
            continue
        review_rating = rating(claim_tally.consensus)
        review_rating["ratingExplanation"] = _explanation(claim_tally)
        review: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": claim_statement(claim),
            "itemReviewed": _claim_item(card, claim, article_url),
            "reviewRating": review_rating,
            "author": {"@type": "Organization", "name": team},
            "datePublished": published,
        }
        if message_url:
            review["url"] = message_url
        reviews.append(review)
    return reviews


def export_json(
    stored: StoredCard,
    votes: Iterable[Vote],
    settings: GuildSettings,
    message_url: str | None,
    now: datetime,
    *,
    fallback_team: str = DEFAULT_TEAM,
    closed_on: datetime | None = None,
) -> str:
    """:func:`claim_reviews` as the text of a ``.jsonld`` file (UTF-8, indented)."""
    reviews = claim_reviews(
        stored, votes, settings, message_url, now,
        fallback_team=fallback_team, closed_on=closed_on,
    )
    return json.dumps(reviews, ensure_ascii=False, indent=2)
