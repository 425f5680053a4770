"""Small factories for the records the store keeps, shared by the storage tests and the child."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Article, Claim, ClaimCard, FollowUp, StoredCard, Vote, VoteChoice

T0 = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


def make_card(
    card_id: str,
    guild_id: int = 1,
    url: str | None = None,
    title: str = "Officials say the bridge will reopen",
    minutes: int = 0,
    claims: int = 3,
) -> StoredCard:
    article = Article(url=url or f"https://news.example/{card_id}", title=title, text="Body.")
    card = ClaimCard(
        article=article,
        summary=("One sentence.",),
        claims=tuple(
            Claim(id=f"c{i}", speaker="Mayor", cue="said", text=f"claim {i}", sentence="S.")
            for i in range(claims)
        ),
    )
    return StoredCard(
        id=card_id,
        guild_id=guild_id,
        canonical_url=article.url,
        card=card,
        created_at=T0 + timedelta(minutes=minutes),
        created_by=42,
    )


def make_vote(card_id: str, member: int, choice: VoteChoice, claim: str = "c0") -> Vote:
    return Vote(card_id, claim, member, choice, T0 + timedelta(seconds=member))


def make_followup(fid: str, card_id: str, guild_id: int = 1, due_hours: float = 1) -> FollowUp:
    return FollowUp(
        id=fid,
        card_id=card_id,
        guild_id=guild_id,
        party="City Hall",
        due_at=T0 + timedelta(hours=due_hours),
        created_at=T0,
    )
