import asyncio
from datetime import UTC, datetime
from unittest import mock

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.models import StoredCard
from bot.ui.publisher import open_thread
from bot.ui.render import (
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
from tests.test_safe_text import RENDERED, hidden_in


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


# --- what a page writes cannot render as Discord markup or hide in an embed -----------------

PAGE_MARKUP = "<t:0:R> <#123456789012345678> </ban:123456789012345678> <:e:123456789012345678>"
HIDDEN = "\u202e\u200b\u200d\u2066\ufeff"


def hidden_from_page(shown: str) -> list[str]:
    """Hidden characters in ``shown``, but for the zero-width space that discord.py's
    escape_mentions puts after "@" on purpose ("@everyone" must not ping)."""
    return hidden_in(shown.replace("@\u200b", "@"))


def embed_texts(embed: discord.Embed) -> list[str]:
    """Every text of an embed that can hold page text (the date is Claimdeck's own <t:…:D>)."""
    texts = [embed.title or "", embed.description or "", embed.author.name or ""]
    texts += [embed.footer.text or ""]
    fields = [field for field in embed.fields if field.name != "Published"]
    return texts + [part for field in fields for part in (field.name, field.value)]


def test_discord_markup_and_hidden_characters_from_an_article_never_reach_an_embed():
    # The finding: <t:0:R> showed as a live "55 years ago", <#id> as a channel link, </ban:id>
    # as a clickable command, and U+202E reversed the text after it.
    text = f"Officials said {PAGE_MARKUP} {HIDDEN}gnp.exe"
    card = make_card(title=f"Storm {PAGE_MARKUP}{HIDDEN}", site=f"News{HIDDEN} <#1>")
    card = card.__class__(
        article=card.article,
        summary=(text,),
        claims=(make_claim(1, text=text, speaker=f"Jane{HIDDEN} <@123456789012345678>"),),
        pending_responses=card.pending_responses,
        responses=card.responses,
    )
    for embed in (card_embed(card, "abc"), summary_embed(card), claims_embed(card, "abc")):
        for shown in embed_texts(embed):
            assert not RENDERED.search(shown), shown
            assert hidden_from_page(shown) == [], shown
    assert "gnp.exe" in card_embed(card).description  # the words themselves are still shown


_MARKUP_PIECES = st.sampled_from(
    ["<", "t:", "#", "@", "/", ":", "1", ">", " ", "*", "\\", "everyone", *HIDDEN]
)


@given(text=st.text(max_size=120) | st.lists(_MARKUP_PIECES, max_size=30).map("".join))
def test_safe_never_lets_markup_render_or_a_hidden_character_through(text: str) -> None:
    shown = safe(text, 200)
    assert len(shown) <= 200
    assert not RENDERED.search(shown)
    assert hidden_from_page(shown) == []


def stored_card(title: str) -> StoredCard:
    return StoredCard(
        id="abc", guild_id=1, canonical_url="https://x.example/", card=make_card(title=title),
        created_at=datetime(2025, 6, 16, tzinfo=UTC), channel_id=2, message_id=3,
    )


async def test_a_thread_name_gets_the_same_neutralising_as_the_embed():
    channel = mock.Mock(spec=discord.TextChannel)
    channel.create_thread = mock.AsyncMock(return_value=None)
    title = f"  Storm\n{HIDDEN} closes <t:0:R> road <#123456789012345678> {'word ' * 40}"
    stored = stored_card(title)
    await asyncio.wait_for(open_thread(channel, 3, stored), timeout=5)
    name = channel.create_thread.call_args.kwargs["name"]
    assert name.startswith("Storm closes ")
    assert len(name) <= 100 and name.endswith("…")
    assert not RENDERED.search(name)
    assert hidden_in(name) == []


async def test_a_title_of_hidden_characters_only_still_names_the_thread():
    channel = mock.Mock(spec=discord.TextChannel)
    channel.create_thread = mock.AsyncMock(return_value=None)
    stored = stored_card(HIDDEN)
    await asyncio.wait_for(open_thread(channel, 3, stored), timeout=5)
    assert channel.create_thread.call_args.kwargs["name"] == "Claim card"
