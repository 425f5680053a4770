"""Builders for follow-up tests: guild settings, follow-up rows and a few cards shaped like the
analysis's output for the seed article and the stories around it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from bot.models import (
    Article,
    Claim,
    ClaimCard,
    Entity,
    FollowUp,
    GuildSettings,
    PendingResponse,
    Response,
    ResponseStatus,
    Stance,
)

SEED_PENDING = (
    "Reuters has reached out to China’s foreign ministry for an official response but has yet "
    "to receive a comment."
)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def guild(guild_id: int = 1, **fields: Any) -> GuildSettings:
    return GuildSettings(guild_id=guild_id, **fields)


def followup(**fields: Any) -> FollowUp:
    base: dict[str, Any] = {
        "id": "f1",
        "card_id": "seed",
        "guild_id": 1,
        "party": "China’s foreign ministry",
        "requested_by": "Reuters",
        "created_at": at(2025, 6, 16, 9, 0),
        "due_at": at(2025, 6, 17, 9, 0),
        "sentence": SEED_PENDING,
    }
    base.update(fields)
    return FollowUp(**base)


def _claim(n: int, speaker: str | None, text: str, sentence: str, role: str | None = None):
    return Claim(id=f"c{n}", speaker=speaker, speaker_role=role, cue="said", text=text,
                 sentence=sentence)


def seed_card() -> ClaimCard:
    """The seed article's card as the analysis builds it."""
    ents = [("Ukraine", "GPE"), ("China", "GPE"), ("Russian", "NORP"), ("Beijing", "GPE"),
            ("Russia", "GPE"), ("Ukrinform", "ORG"), ("Oleh Ivashchenko", "PERSON"),
            ("Ukraine’s Foreign Intelligence Service", "ORG"), ("Reuters", "ORG"),
            ("Moscow", "GPE"), ("Volodymyr Zelenskyy", "PERSON"), ("Kyiv", "PERSON")]
    return ClaimCard(
        article=Article(
            url="https://news.example.test/ukraine-alleges-china",
            title=(
                "Ukraine Alleges China Is Supplying Russia’s Military Industry with Key Materials"
            ),
            text="Ukraine’s foreign intelligence service has accused China … " + SEED_PENDING,
            published=date(2025, 6, 16),
        ),
        summary=(
            "Ukraine’s foreign intelligence service has accused China of supplying critical "
            "materials to at least 20 Russian military production facilities.",
            "Oleh Ivashchenko said China is sending goods used in weapons manufacturing, "
            "including industrial tools, specialized chemicals and gunpowder, to Russia.",
        ),
        entities=tuple(Entity(t, label) for t, label in ents),
        claims=(
            _claim(1, "Ukraine’s foreign intelligence service",
                   "China of supplying critical materials to at least 20 Russian military "
                   "production facilities", "Ukraine’s foreign intelligence service has accused …"),
            _claim(2, "Oleh Ivashchenko", "We have confirmed evidence involving 20 Russian "
                   "factories receiving these materials", "“We have confirmed evidence …”",
                   "head of Ukraine’s Foreign Intelligence Service"),
            _claim(3, "Volodymyr Zelenskyy", "China of supplying weapons and gunpowder to Russia",
                   "In April, Ukrainian President Volodymyr Zelenskyy …", "Ukrainian President"),
        ),
        pending_responses=(
            PendingResponse("China’s foreign ministry", "Reuters", ResponseStatus.PENDING,
                            SEED_PENDING),
        ),
        responses=(
            Response("China", Stance.DENIAL, "China quickly dismissed the accusation as "
                     "“groundless”", "China quickly dismissed the accusation as “groundless,” …",
                     "c3"),
        ),
    )


RESPONSE_SENTENCE = (
    "China's foreign ministry on Tuesday rejected accusations by Ukraine's intelligence service "
    "that Chinese firms supply materials to Russian military factories."
)


def response_card() -> ClaimCard:
    """A later report: a Chinese foreign ministry spokesperson calls Kyiv's allegations
    groundless (the analysis finds a denial by the ministry and claims by Lin Jian)."""
    ents = [("Beijing", "GPE"), ("Reuters", "ORG"), ("China", "GPE"), ("Ukraine", "GPE"),
            ("Chinese", "NORP"), ("Russian", "NORP"), ("Lin Jian", "PERSON"), ("Kyiv", "PERSON")]
    return ClaimCard(
        article=Article(url="https://wire.example.test/china-rejects",
                        title="China says Ukraine's supply allegations are groundless",
                        text=RESPONSE_SENTENCE, published=date(2025, 6, 17)),
        summary=(RESPONSE_SENTENCE,
                 "Kyiv's foreign intelligence service said last week that China was sending "
                 "gunpowder and specialised chemicals to at least 20 Russian factories."),
        entities=tuple(Entity(t, label) for t, label in ents),
        claims=(
            _claim(1, "Lin Jian", "These allegations are groundless and irresponsible",
                   "“These allegations are groundless and irresponsible,” foreign ministry "
                   "spokesperson Lin Jian told a regular news briefing in Beijing.",
                   "foreign ministry spokesperson"),
            _claim(2, "Kyiv's foreign intelligence service", "China was sending gunpowder and "
                   "specialised chemicals to at least 20 Russian factories",
                   "Kyiv's foreign intelligence service said last week …"),
        ),
        responses=(
            Response("China's foreign ministry", Stance.DENIAL, RESPONSE_SENTENCE,
                     RESPONSE_SENTENCE),
        ),
    )


def other_story_card() -> ClaimCard:
    """The same ministry on another subject: Taiwan drills."""
    sentence = ("China's foreign ministry said on Monday the drills around Taiwan were a "
                "stern warning to separatist forces.")
    return ClaimCard(
        article=Article(url="https://wire.example.test/taiwan-drills",
                        title="China stages large-scale drills around Taiwan",
                        text=sentence, published=date(2025, 6, 17)),
        summary=(sentence, "Taipei condemned the exercises as provocative and said its navy "
                 "was monitoring warships in the strait."),
        entities=(Entity("China", "GPE"), Entity("Taiwan", "GPE"), Entity("Taipei", "GPE")),
        claims=(_claim(1, "China's foreign ministry", "the drills around Taiwan were a stern "
                       "warning to separatist forces", sentence),),
        responses=(),
    )


def defence_ministry_card() -> ClaimCard:
    """The right subject, the wrong party: China's defence ministry answers."""
    sentence = ("China's defence ministry said the accusations that Chinese firms supply "
                "materials to Russian military factories were groundless.")
    base = response_card()
    return ClaimCard(
        article=Article(url="https://wire.example.test/defence", title=base.article.title,
                        text=sentence),
        summary=(sentence, *base.summary[1:]),
        entities=base.entities,
        claims=(_claim(1, "China's defence ministry", "the accusations were groundless",
                       sentence),),
        responses=(Response("China's defence ministry", Stance.DENIAL, sentence, sentence),),
    )
