"""Page text made safe to show: hidden characters dropped, Discord markup made inert."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.safe_text import MARKUP_OPENER, discord_line, discord_text, strip_hidden

# What Discord renders (its documented message formats), written independently of the module
# under test: a match in any output means a page's text would show as something it did not write.
RENDERED = re.compile(
    r"<(?:@[!&]?\d+|#\d+|/[^<>\n]+:\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|id:[\w-]+(?::\d+)?"
    r"|https?://[^\s>]+)>"
)
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# zero-width and other invisible characters, letters that render as nothing included
ZERO_WIDTH = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f\u115f\u1160\u3164\uffa0\u17b4\u17b5"
    "\U000e0041"
)


def hidden_in(text: str) -> list[str]:
    return [
        char for char in text
        if char in BIDI_CONTROLS or char in ZERO_WIDTH
        or (unicodedata.category(char) == "Cc" and char not in "\t\n")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\u202egnp.exe", "gnp.exe"),  # right-to-left override: would read "exe.png"
        ("Reu\u200bters", "Reuters"),  # zero-width space inside a word
        ("Reu\u200cters\u200d", "Reuters"),  # zero-width non-joiner and joiner
        ("\ufeffHeadline", "Headline"),  # byte-order mark / zero-width no-break space
        ("a\u2066b\u2069c\u200fd\u061ce", "abcde"),  # isolates and marks
        ("x\U000e0069\U000e0067\U000e006e y", "x y"),  # tag characters: invisible ASCII
        ("\x1b]0;owned\x07title", "]0;ownedtitle"),  # a terminal escape loses its ESC and BEL
        ("co\u00adop\u3164", "coop"),  # soft hyphen, Hangul filler
        ("line one\n\tline two", "line one\n\tline two"),  # tab and newline stay
    ],
)
def test_hidden_characters_are_dropped(raw: str, shown: str) -> None:
    assert strip_hidden(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "שלום עולם",  # Hebrew
        "مرحبا بالعالم",  # Arabic
        "Приве́т",  # Cyrillic with a combining accent
        "日本語のテキスト",
        "e\u0301 ❤\ufe0f 🇺🇦 👍🏽",  # combining mark, variation selector, flag, skin tone
        "A < B and 3 > 2, <br> <3 x<y",
    ],
)
def test_letters_of_every_script_and_plain_text_are_kept(text: str) -> None:
    assert strip_hidden(text) == text
    assert discord_text(text) == text


@pytest.mark.parametrize(
    "markup",
    [
        "<t:0:R>",  # a live "55 years ago"
        "<t:1750075200>",
        "<#123456789012345678>",  # a channel link
        "</ban:123456789012345678>",  # a clickable slash command
        "</ban user:123456789012345678>",
        "<:e:123456789012345678>",  # a custom emoji
        "<a:dance:123456789012345678>",
        "<@123456789012345678>",
        "<@!123456789012345678>",
        "<@&123456789012345678>",
        "<id:customize>",
        "<https://evil.example/>",
        "<\u200bt:0:R>",  # a hidden character inside does not shield it: it is dropped first
        "<\u202e#123456789012345678>",
    ],
)
def test_discord_markup_from_a_page_does_not_render(markup: str) -> None:
    shown = discord_text(f"Deadline {markup} passed")
    assert RENDERED.search(markup.replace("\u200b", "").replace("\u202e", ""))  # it would render
    assert not RENDERED.search(shown)
    assert shown.startswith("Deadline " + MARKUP_OPENER)


def test_a_line_is_one_line_cut_at_a_word_and_empty_when_nothing_is_visible() -> None:
    line = discord_line("  Storm\n closes <#1> \u202eroad  ", 100)
    assert line == f"Storm closes {MARKUP_OPENER}#1> road"
    assert discord_line("alpha beta gamma delta", 12) == "alpha beta…"
    assert len(discord_line("x" * 500, 100)) == 100
    assert discord_line("\u200b\u202e \u2066", 100) == ""
    assert discord_line(None, 100) == ""


_TRICKY = st.sampled_from(
    [*"<>@#/:!&ta1 \n", "t:", "a:", "id:", "<t:0:R>", "<#1>", "</x:1>", "<:e:1>", "<@1>",
     *BIDI_CONTROLS, *ZERO_WIDTH, "\x1b", "\x9b", "שלום", "é"]
)  # fmt: skip
_PAGE_TEXT = st.one_of(st.lists(_TRICKY, max_size=30).map("".join), st.text(max_size=80))


@given(text=_PAGE_TEXT)
@example(text="<\u200bt:0:R>")
@example(text="<<@1>")
def test_discord_text_never_carries_hidden_characters_or_live_markup(text: str) -> None:
    shown = discord_text(text)
    assert hidden_in(shown) == []
    assert not RENDERED.search(shown)
    assert not re.search(r"<[@#/:]|<[A-Za-z][A-Za-z0-9+.-]*:", shown)
    # nothing else changes: only hidden characters go and only a markup "<" is replaced
    assert shown.replace(MARKUP_OPENER, "<") == strip_hidden(text).replace(MARKUP_OPENER, "<")
    assert discord_text(shown) == shown


@given(text=_PAGE_TEXT)
def test_strip_hidden_keeps_every_letter_digit_and_mark(text: str) -> None:
    visible = [c for c in text if unicodedata.category(c)[0] in "LNMPS" and c not in ZERO_WIDTH]
    kept = strip_hidden(text)
    assert hidden_in(kept) == []
    assert [c for c in kept if unicodedata.category(c)[0] in "LNMPS"] == visible
