"""Finding the article links in a chat message, the way Discord users expect.

A link wrapped in ``<…>`` is one the author chose not to embed, so Claimdeck leaves it alone too.
Trailing punctuation that closes the sentence is not part of the link; links inside code spans
and code blocks are examples, not articles to fetch.
"""

from __future__ import annotations

import re

from bot.errors import InvalidInput
from bot.pipeline.urls import canonical_url

MAX_LINKS_PER_MESSAGE = 3

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_SUPPRESSED = re.compile(r"<https?://[^\s>]+>", re.IGNORECASE)
_LINK = re.compile(r"https?://[^\s<>\"'`|]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"


def _trim(link: str) -> str:
    """Drop sentence punctuation and an unmatched closing bracket from the end of a link."""
    while link:
        unmatched_bracket = link[-1] == ")" and link.count("(") < link.count(")")
        if link[-1] in _TRAILING or unmatched_bracket:
            link = link[:-1]
        else:
            break
    return link


def find_links(content: str, limit: int = MAX_LINKS_PER_MESSAGE) -> list[str]:
    """The first ``limit`` distinct http(s) links of a message, in order (distinct by canonical
    URL, so ``?utm_source=…`` copies of one article count once)."""
    visible = _SUPPRESSED.sub(" ", _CODE.sub(" ", content))
    links: list[str] = []
    seen: set[str] = set()
    for match in _LINK.finditer(visible):
        link = _trim(match.group(0))
        if len(link) <= len("https://"):
            continue
        try:
            key = canonical_url(link)
        except InvalidInput:
            continue  # not a fetchable address (bad host, port…): not a link to card
        if key in seen:
            continue
        seen.add(key)
        links.append(link)
        if len(links) == limit:
            break
    return links
