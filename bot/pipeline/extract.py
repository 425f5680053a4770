"""Turn a fetched page into an Article: main text without boilerplate, plus metadata.

``extract`` is a pure function of (html, url): no network, no globals that change. The page is
parsed once; trafilatura reads the text from that tree in its precision-favoured mode (less
text, but rarely a menu or a "related articles" box on the card) and the metadata comes from the
same tree (see ``page_metadata``). Pages that are not articles — a home page, a login or paywall,
an error page, a page with next to no text — raise ``NotAnArticle`` with a sentence the user can
act on, instead of producing a card full of junk.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement

from bot.errors import NotAnArticle
from bot.models import Article
from bot.pipeline.language import detect_language, reads_as_language
from bot.pipeline.page_metadata import PageMetadata, read_metadata
from bot.safe_text import strip_hidden

MIN_WORDS = 20
"""Fewer words than this is not an article, whatever the page claims (a real brief has more)."""
WALL_MAX_WORDS = 150
"""A sign-in or paywall page is only rejected when it shows less text than this."""
LOGIN_MAX_WORDS = 60
"""A password field marks a login page only when the page shows less text than this."""
TEASER_MIN_WORDS = 4
"""A link with at least this many words reads as a headline teaser to another article."""

FRONT_PAGE_MIN_TEASERS = 10
"""A home page links to at least this many stories by their headlines."""

_WORD = re.compile(r"\w+")
_OUTSIDE_CHROME = "[not(ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside)]"
_IN_CONTENT_PASSWORD = XPath(f"//body//input[@type='password']{_OUTSIDE_CHROME}")
_IN_CONTENT_TEXT = XPath(
    f"//body//text()[not(ancestor::script or ancestor::style)]{_OUTSIDE_CHROME}"
)
_LONG_LINKS = XPath("//a[string-length(normalize-space(.)) > 10]")
_TEASER_MAX_WORDS = 30
_ARTICLE_TEASER_SHARE = 0.6
_TITLE_WORDS = 12
_NEEDS_ARTICLE = "Claimdeck needs the link to a single news article."

_WALL_PHRASES = re.compile(
    r"sign in to (continue|read)|log ?in to (continue|read)|subscribe (now )?to (continue|read)|"
    r"to continue reading|already a subscriber|create a free account to|"
    r"this (article|content|story) is (only )?(available|reserved) (to|for) (subscribers|members)|"
    r"subscriber[- ]only|members[- ]only|register to (continue|read)",
)  # matched against lower-cased text: IGNORECASE makes this alternation several times slower
_WALL_KEYWORDS = ("subscri", "sign in", "log in", "login", "continue reading", "register", "member")
# Worded strictly: a short news story titled "Dow drops 500 points" or "Missing hiker not found"
# must not read as an error page.
_ERROR_TITLE = re.compile(
    r"^\s*(error\s*)?(400|401|403|404|410|500|502|503)\b|"
    r"\b(error|fehler|erreur)\s*(400|401|403|404|410|500|502|503)\b|"
    r"\bpage not found|\b404 not found|seite nicht gefunden|page introuvable|"
    r"página no encontrada|pagina non trovata|\bno such page|page (does not|doesn't) exist|"
    r"\b(can't|cannot|could not|couldn't|can not) find (that|this|the|your) page|"
    r"page (you requested )?(could not|cannot|can't) be found|^\s*access denied\b|"
    r"^\s*something went wrong\b",
    re.IGNORECASE,
)


def extract(html: str, url: str | None = None) -> Article:
    """The article on ``html`` (fetched from ``url``), or ``NotAnArticle`` saying why not."""
    tree = _parse(html)
    metadata = read_metadata(tree, url)
    text = _printable_text(_main_text(tree, url))
    _check_is_article(tree, text, metadata)
    title = _printable_line(metadata.title) or _title_from_text(text)
    text = _without_leading_title(text, title)
    return Article(
        url=metadata.canonical_url or url or "",
        title=title,
        text=text,
        author=_printable_line(metadata.author),
        published=metadata.published,
        site=_printable_line(metadata.site),
        language=detect_language(text, metadata.lang),
    )


def article_from_text(text: str, url: str = "", title: str | None = None) -> Article:
    """An Article from plain text (a .txt file, a text/plain page), analysed as given.

    Even one paragraph is accepted: the user chose this text. An empty text is refused, and so
    is one that is not language at all (a binary file named .txt, an encoded blob), which would
    otherwise give a card of garbage.
    """
    lines = _printable_text(text.replace("\r", "\n")).split("\n")
    lines = [line for line in lines if line]
    if not lines:
        raise NotAnArticle("That text is empty. Paste or upload the text of a news article.")
    if not reads_as_language(text):
        raise NotAnArticle(
            "That text does not read as writing in any language: it looks like binary data or "
            "an encoded file. Give the article's text as a plain .txt file (UTF-8 is best)."
        )
    headline = _headline(lines[0]) if title is None and len(lines) > 1 else None
    body = lines[1:] if headline else lines
    host = (_hostname(url) or "").removeprefix("www.") or None
    final_title = _printable_line(title) or headline or _title_from_text("\n".join(body))
    return Article(
        url=url,
        title=final_title,
        text="\n".join(body),
        site=host,
        language=detect_language("\n".join(body)),
    )


_SURROGATES = re.compile(r"[\ud800-\udfff]")  # not encodable: lxml and UTF-8 output fail on them
# "&#27;" decodes to a raw ESC, and a control character in the tree makes trafilatura drop the
# paragraph around it (its XML tree refuses them), so such references go before parsing.
# Only references to control characters (decimal 0-8, 11, 12, 14-31, 127 and their hex forms):
# matching just those lets one C-level substitution do it, with no Python call per reference.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127)"
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]))(?![0-9a-fA-F]);?"
)


def _without_surrogates(text: str) -> str:
    """Replace lone surrogates; the strict UTF-8 encode finds none in the usual case far faster
    than the regex would (they never come out of decode_body, only from direct callers)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def _without_controls(text: str) -> str:
    """Without controls (an ESC or BEL would drive the terminal through ``claimdeck card``), bidi
    overrides and zero-width characters (see ``bot.safe_text``); tab and newline are kept for the
    whitespace normalisation after it."""
    return _without_surrogates(strip_hidden(text))


def _printable_text(text: str) -> str:
    """``text`` without control characters, one space-normalised paragraph per line."""
    lines = (" ".join(line.split()) for line in _without_controls(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _printable_line(value: str | None) -> str | None:
    """A one-line field (title, author, site) without control characters, or None if empty."""
    if value is None:
        return None
    return " ".join(_without_controls(value).split()) or None


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[x": not a URL whose host can be named
        return None


def _parse(html: str) -> HtmlElement:
    if not isinstance(html, str | bytes) or not html.strip():
        raise NotAnArticle(f"That page is empty, so there is no article to read. {_NEEDS_ARTICLE}")
    if isinstance(html, str):
        html = _without_surrogates(html)
        if "&#" in html:
            html = _CONTROL_REFERENCE.sub("", html)
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, TypeError):
        tree = None
    if tree is None or len(tree) == 0:
        raise NotAnArticle(
            f"That page has no readable text (it is blank or not an HTML page). {_NEEDS_ARTICLE}"
        )
    return tree


def _main_text(tree: HtmlElement, url: str | None) -> str:
    """The article body, one paragraph per line (trafilatura copies the tree it is given)."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=False,
    )
    text = getattr(document, "text", None) or ""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _check_is_article(tree: HtmlElement, text: str, metadata: PageMetadata) -> None:
    """Raise NotAnArticle for pages whose text is not an article, most specific reason first."""
    words = len(_WORD.findall(text))
    if words < WALL_MAX_WORDS and (error_phrase := _error_phrase(metadata)):
        raise NotAnArticle(
            f"That page looks like an error page (“{error_phrase}”), not an article. "
            "Check that the link is complete and still works."
        )
    if words < WALL_MAX_WORDS and _is_wall(tree, text):
        raise NotAnArticle(
            "That page asks you to sign in or subscribe before showing the article, so Claimdeck "
            "cannot read it. Try a link to a free copy of the story, or paste its text instead."
        )
    if _is_front_page(tree, text, words, metadata.declares_article):
        raise NotAnArticle(
            "That page looks like a home page or section front (a list of headlines), not an "
            "article. Open the story you mean and share its own link."
        )
    if words < MIN_WORDS:
        counted = "no text" if words == 0 else f"only {words} word{'s' * (words > 1)} of text"
        raise NotAnArticle(
            f"That page does not look like an article (it has {counted}). {_NEEDS_ARTICLE}"
        )


def _error_phrase(metadata: PageMetadata) -> str | None:
    """The error the page's title or main heading announces ("Page not found"), if any.

    Only the words the pattern matched are returned: the rest of the title is the site's text
    and could carry a link or markup into the refusal message.
    """
    for candidate in (metadata.title, *metadata.headings):
        if candidate and (found := _ERROR_TITLE.search(candidate)):
            phrase = " ".join(found.group(0).split())
            return phrase[:1].upper() + phrase[1:]
    return None


def _is_wall(tree: HtmlElement, text: str) -> bool:
    """A sign-in form or "subscribe to continue reading" where the article should be.

    Many sites put a log-in box or "Already a subscriber?" in every page header, so those parts
    of the page are not looked at: a short real story under such a header is still a story.
    """
    if _WALL_PHRASES.search(text.lower()):
        return True
    if len(text.split()) < LOGIN_MAX_WORDS and _IN_CONTENT_PASSWORD(tree):
        return True
    page_text = tree.text_content().lower()
    if not any(keyword in page_text for keyword in _WALL_KEYWORDS):
        return False  # settled by plain substring search, much faster than the regex below
    content = " ".join(_IN_CONTENT_TEXT(tree)).lower()
    return bool(_WALL_PHRASES.search(content))


def _is_front_page(tree: HtmlElement, text: str, words: int, declares_article: bool) -> bool:
    """A list of headline links to other pages, with little text of its own.

    Real articles carry dozens of "related" and "most read" links too, so a page the publisher
    marks as an article is only refused when its extracted text is mostly those headlines.
    """
    lines = text.lower().split("\n")
    if declares_article and _short_lines_share(lines) < _ARTICLE_TEASER_SHARE:
        return False  # the usual case, settled without walking the page's links
    teasers = {
        " ".join(link.text_content().split()).lower()
        for link in _LONG_LINKS(tree)
        if len(link.text_content().split()) >= TEASER_MIN_WORDS
    }
    if len(teasers) < FRONT_PAGE_MIN_TEASERS:
        return False
    teaser_lines_words = sum(len(line.split()) for line in lines if line in teasers)
    share = teaser_lines_words / max(1, len(text.split()))
    if declares_article:
        return share >= _ARTICLE_TEASER_SHARE
    headline_words = sum(len(teaser.split()) for teaser in teasers)
    return words < MIN_WORDS or headline_words >= 3 * words or share >= 0.3


def _short_lines_share(lines: list[str]) -> float:
    """Share of the words that sit in headline-length lines (the most a teaser list can be)."""
    counts = [len(line.split()) for line in lines]
    short = sum(n for n in counts if TEASER_MIN_WORDS <= n <= _TEASER_MAX_WORDS)
    return short / max(1, sum(counts))


def _without_leading_title(text: str, title: str) -> str:
    """Drop a first paragraph that only repeats the headline (the card shows it already)."""
    first, _, rest = text.partition("\n")
    return rest if rest and _squash(first) == _squash(title) else text


def _squash(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _headline(line: str) -> str | None:
    """The first line of a text file, if it reads like a headline (3-20 words, no final period).

    Fewer words is usually page furniture that came along with a copy-paste ("16 C").
    """
    words = line.split()
    looks_like_prose = line.endswith((".", ",", ";", ":")) or len(line) > 200
    if 3 <= len(words) <= 20 and not looks_like_prose and any(c.isalpha() for c in line):
        return line
    return None


def _title_from_text(text: str) -> str:
    """The first words of the text, for pages and files that carry no title."""
    words = text.split()
    if not words:
        return ""
    if len(words) <= _TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:_TITLE_WORDS]) + "…"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
