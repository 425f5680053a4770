"""Text from web pages made safe to show: no hidden characters, no live Discord markup.

A page controls every character of its title, byline and text. Two kinds of character do harm
wherever they are shown:

- hidden ones: controls (an ESC drives the terminal), bidirectional overrides (U+202E makes
  "moc.sretuer" read as "reuters.com"), zero-width and other invisible characters (they split a
  word so a filter misses it, or smuggle text a reader cannot see);
- in Discord, markup that renders as something the page did not write: ``<t:0:R>`` (a live
  relative time), ``<#id>`` (a channel link), ``<@id>`` (a member), ``</ban:id>`` (a clickable
  command), ``<:e:id>`` (a custom emoji).

``strip_hidden`` runs where article text enters (extraction) and again where it is shown (embeds,
thread names, the terminal, JSON), so a path that misses one still gets the other. Letters of
every script are kept, right-to-left ones included; what is lost is formatting that only those
characters carried (a zero-width joiner in an emoji sequence, a soft hyphen's break point).
Pure: no discord import.
"""

from __future__ import annotations

import re

# Each range is listed for what it is; \t and \n are kept (text keeps its paragraphs).
_HIDDEN = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline; DEL; C1 controls
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark (a bidi mark)
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that render as nothing
    "\u17b4\u17b5"  # Khmer inherent vowels, invisible
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings, pop, overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated format controls
    "\ufeff"  # zero-width no-break space (byte-order mark)
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\U00013430-\U0001343f"  # Egyptian hieroglyph format controls
    "\U0001bca0-\U0001bca3"  # shorthand format controls
    "\U0001d173-\U0001d17a"  # musical symbol format controls
    "\U000e0000-\U000e007f"  # tag characters: a whole invisible ASCII alphabet
    "]+"
)

# "<" opening anything Discord turns into markup: mentions (<@id>, <@!id>, <@&id>), channels
# (<#id>), slash commands (</name:id>), custom emoji (<:name:id>, <a:name:id>), timestamps
# (<t:0:R>), guild navigation (<id:customize>), suppressed links (<https://…>). A "<" followed by
# one of @ # / : ! & or by a word and a colon is matched, so forms Discord adds later are too;
# "a < b", "<3" and "<br>" are left alone.
_DISCORD_MARKUP = re.compile(r"<(?=[@#/:!&]|[A-Za-z][A-Za-z0-9+.-]*:)")
# A look-alike rather than a backslash: a backslash escape works only where Discord parses
# markdown (not in thread names, footers or author lines, where it would show), and Discord's
# parser never matches markup that does not start with "<".
MARKUP_OPENER = "\u2039"  # ‹ single left-pointing angle quotation mark


def strip_hidden(text: str) -> str:
    """``text`` without controls, bidirectional controls, zero-width and other invisible marks."""
    return _HIDDEN.sub("", text)


def discord_text(text: str) -> str:
    """``text`` as it may appear in Discord: hidden characters gone, no markup that renders.

    Markdown (bold, links…) is not touched here: embeds escape it on top of this, while thread
    names are shown as plain text by Discord.
    """
    return _DISCORD_MARKUP.sub(MARKUP_OPENER, strip_hidden(text))


def discord_line(text: str | None, limit: int) -> str:
    """One line of page text for a plain-text Discord field (a thread name), cut to ``limit``.

    Cut at a word boundary when one is near, ending in "…"; empty when nothing visible is left.
    """
    line = " ".join(discord_text(text or "").split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"
