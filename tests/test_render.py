import discord

from bot.render import (
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    TOTAL_LIMIT,
    card_embed,
    claims_embed,
    safe,
    summary_embed,
)
from tests.factories import make_card, make_claim


def assert_within_discord_limits(embed: discord.Embed) -> None:
    assert len(embed) <= TOTAL_LIMIT
    assert len(embed.title or "") <= TITLE_LIMIT
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= FIELD_COUNT_LIMIT
    for field in embed.fields:
        assert 0 < len(field.name) <= FIELD_NAME_LIMIT
        assert 0 < len(field.value) <= FIELD_VALUE_LIMIT


def test_card_shows_headline_link_source_date_summary_claims_and_pending():
    embed = card_embed(make_card(), "abc123")
    assert embed.title == "Ministry says factory supplied parts"
    assert embed.url == "https://news.example.com/story"
    assert embed.author.name == "Example News"
    published = next(f for f in embed.fields if f.name == "Published")
    assert published.value == "<t:1750075200:D>"  # 2025-06-16, noon UTC, as a Discord date
    assert "supplied parts" in embed.description
    claim = next(f for f in embed.fields if f.name.startswith("1. Jane Doe"))
    assert "minister of industry" in claim.name and "said" in claim.name
    assert "at least 20" in claim.value
    pending = next(f for f in embed.fields if f.name == "Awaiting response")
    assert "the factory" in pending.value and "Reuters" in pending.value
    responses = next(f for f in embed.fields if f.name == "Responses")
    assert "answers claim 1" in responses.value
    assert "abc123" in embed.footer.text


def test_huge_card_is_cut_to_every_limit_and_says_what_it_left_out():
    long_text = "word " * 3000
    card = make_card(title="T" * 1000, claims=40, text=long_text)
    card = card.__class__(
        article=card.article,
        summary=(long_text,),
        claims=tuple(make_claim(i, text=long_text, speaker="S" * 500) for i in range(1, 41)),
        pending_responses=card.pending_responses * 200,
        responses=card.responses,
    )
    embed = card_embed(card, "abc")
    assert_within_discord_limits(embed)
    assert embed.title.endswith("…")
    assert "more claims" in embed.footer.text
    pending = next(f for f in embed.fields if f.name == "Awaiting response")
    assert "more" in pending.value
    assert_within_discord_limits(claims_embed(card, "abc"))
    assert_within_discord_limits(summary_embed(card))


def test_article_markdown_and_mentions_are_neutralised():
    card = make_card(title="@everyone **breaking** <@&123456789012345678> `code`")
    embed = card_embed(card)
    assert "@everyone" not in embed.title
    assert "<@&123456789012345678>" not in embed.title
    assert "\\*\\*breaking\\*\\*" in embed.title


def test_non_web_urls_are_not_linked():
    assert card_embed(make_card(url="file:///tmp/a.html")).url is None
    assert card_embed(make_card(url="javascript:alert(1)")).url is None


def test_a_card_without_claims_says_so():
    embed = card_embed(make_card(claims=0))
    assert any("No attributed claims" in f.value for f in embed.fields)
    assert "No attributed claims" in claims_embed(make_card(claims=0)).description


def test_safe_cuts_at_a_word_boundary_without_a_dangling_escape():
    assert safe("alpha beta gamma delta", 12) == "alpha beta…"
    assert not safe("a" * 10 + "*" * 10, 15).endswith("\\…")
