"""Cheap article metadata read from an already parsed page.

trafilatura's own metadata pass costs about as much again as the text extraction (its author
search walks the whole tree), so Claimdeck reads the few fields a card shows from the places
publishers actually put them: ``<meta>`` tags, JSON-LD and ``<link rel=canonical>``, with a
couple of targeted XPath look-ups as fallbacks. Nothing here changes the tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from bot.pipeline.urls import PageURL, read_page_url, same_site, same_site_page_url

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
    }
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "citation_publication_date",
)
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "twitter:creator",
)
_TITLE_KEYS = ("og:title", "twitter:title")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_CANONICAL_KEYS = ("og:url", "twitter:url")

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—•·-]\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(by|von|par|por|di|door)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_MAX_AUTHOR_CHARS = 80
_DOMAIN_LIKE = re.compile(r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![\w-])")

# Filtered in C: pages carry hundreds of <script> and <link> tags, and looking at each one in
# Python cost more than the rest of the metadata. Attribute values are matched exactly in XPath,
# so the few case variants seen in the wild are listed.
_METADATA_ELEMENTS = etree.XPath(
    "//meta | //title | //h1"
    " | //link[@rel='canonical' or @rel='Canonical' or @rel='CANONICAL']"
    " | //script[@type='application/ld+json' or @type='application/LD+JSON'"
    " or @type='Application/ld+json']"
)

_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') "
    "or contains(@class, 'author-name')][not(self::meta)][not(self::link)]"
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself, before looking at its text."""

    title: str | None
    author: str | None
    published: date | None
    site: str | None
    canonical_url: str | None
    lang: str | None
    declares_article: bool
    """The publisher marks the page as an article (og:type, JSON-LD type, published time)."""
    headings: tuple[str, ...] = ()
    """The page's own <title> text followed by its <h1> headings, as written."""


def read_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Collect title, author, date, site, canonical URL and language from a parsed page."""
    found = _HeadElements.collect(tree)
    meta = found.meta
    linked = found.json_ld_article()
    trusted = _trusted_canonical(_canonical_url(found.canonical_links, meta), url)
    canonical = trusted.url if trusted else None
    title = _title(found, meta, linked)
    site = _clean(meta.get("og:site_name")) or _json_ld_name(linked.get("publisher"))
    site = site or _clean(next((meta[k] for k in _SITE_KEYS if k in meta), None))
    site = (site or "").lstrip("@")
    if not site or _names_another_domain(site, url):
        site = trusted.host.removeprefix("www.") if trusted else _host(url)
    og_type = (meta.get("og:type") or "").lower()
    declares_article = (
        og_type in {"article", "news", "blog", "blogpost"}
        or bool(linked)
        or "article:published_time" in meta
    )
    return PageMetadata(
        title=_strip_site_suffix(title, site) if title else None,
        author=_author(tree, meta, linked),
        published=_published(tree, meta, linked, canonical or url),
        site=site,
        canonical_url=canonical,
        lang=tree.get("lang") or meta.get("content-language") or meta.get("og:locale"),
        declares_article=declares_article,
        headings=tuple(h for h in (found.title, *found.headings[:3]) if h),
    )


@dataclass(slots=True)
class _HeadElements:
    """The elements metadata lives in, gathered in one C-level walk over the tree."""

    meta: dict[str, str]
    canonical_links: list[str]
    json_ld: list[str]
    headings: list[str]
    title: str | None

    @classmethod
    def collect(cls, tree: HtmlElement) -> _HeadElements:
        found = cls(meta={}, canonical_links=[], json_ld=[], headings=[], title=None)
        for element in _METADATA_ELEMENTS(tree):
            tag = element.tag
            if tag == "meta":
                found._add_meta(element)
            elif tag == "link":
                if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
                    found.canonical_links.append(element.get("href"))
            elif tag == "script":
                if (element.get("type") or "").lower() == "application/ld+json" and element.text:
                    found.json_ld.append(element.text)
            elif tag == "h1":
                if heading := _clean(element.text_content()):
                    found.headings.append(heading)
            elif found.title is None:
                found.title = _clean(element.text_content())
        return found

    def _add_meta(self, element: HtmlElement) -> None:
        """Keep the first non-empty value by lower-cased property, name or itemprop."""
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        value = element.get("content")
        if key and value and value.strip():
            self.meta.setdefault(key.strip().lower(), value.strip())

    def json_ld_article(self) -> dict[str, Any]:
        """The first JSON-LD object typed as an article, or {} (malformed blocks are skipped)."""
        for block in self.json_ld:
            try:
                data = json.loads(block)
            except (ValueError, RecursionError):
                continue
            for item in _json_objects(data):
                types = item.get("@type")
                names = types if isinstance(types, list) else [types]
                if any(isinstance(n, str) and n.lower() in _ARTICLE_TYPES for n in names):
                    return item
        return {}


def _json_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_objects(data["@graph"], depth + 1)


def _json_ld_name(value: Any) -> str | None:
    """A person's or organisation's name from JSON-LD (a string, an object or a list)."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return _json_ld_name(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_json_ld_name(v) for v in value[:5]) if name]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _canonical_url(links: list[str], meta: dict[str, str]) -> str | None:
    """The page's own absolute http(s) address as written, if it declares a plain one."""
    for candidate in [*links, *(meta.get(key) for key in _CANONICAL_KEYS)]:
        if candidate and read_page_url(candidate) is not None:
            return candidate.strip()
    return None


def _trusted_canonical(declared: str | None, fetched: str | None) -> PageURL | None:
    """The declared address, when it cannot pass a page off as another site's.

    A page fetched from the web may only name an address on its own registrable domain (a
    made-up story on evil.example must not show up as reuters.com), read the way a browser
    reads it (``https://www.reuters.com\\@evil.example/`` is refused: browsers go to Reuters).
    A local file has no fetched address to spoof, so what it declares is all there is to go on.
    """
    if declared is None:
        return None
    return same_site_page_url(declared, fetched)


def _names_another_domain(site: str, fetched: str | None) -> bool:
    """True when a site name such as "Reuters.com" names a domain the page was not fetched from."""
    fetched_host = _hostname(fetched) if fetched and _is_http(fetched) else None
    if not fetched_host:
        return False
    return any(not same_site(domain, fetched_host) for domain in _DOMAIN_LIKE.findall(site.lower()))


def _is_http(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in {"http", "https"}
    except ValueError:
        return False


def _hostname(url: str) -> str | None:
    """The host of ``url``, or None when it has none or cannot be parsed ("http://[x")."""
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


def _title(found: _HeadElements, meta: dict[str, str], linked: dict[str, Any]) -> str | None:
    for key in _TITLE_KEYS:
        if title := _clean(meta.get(key)):
            return title
    headline = linked.get("headline")
    if isinstance(headline, str) and (title := _clean(headline)):
        return title
    if len(found.headings) == 1:
        return found.headings[0]
    if found.title:
        return _strip_any_suffix(found.title)
    return found.headings[0] if found.headings else None


def _strip_site_suffix(title: str, site: str | None) -> str:
    """Drop a trailing " | Site Name" (or a leading "Site Name | ") when it names the site."""
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not site or not separators:
        return title
    head, tail = title[: separators[-1].start()], title[separators[-1].end() :]
    if _same_name(tail, site):
        return head.strip()
    first, rest = title[: separators[0].start()], title[separators[0].end() :]
    return rest.strip() if _same_name(first, site) else title


def _strip_any_suffix(title: str) -> str:
    """<title> often ends with " - Site" even when no site name is declared: drop a short tail."""
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    head, tail = title[: separators[-1].start()], title[separators[-1].end() :]
    return head.strip() if len(tail.split()) <= 4 and len(head.split()) >= 3 else title


def _same_name(segment: str, site: str) -> bool:
    """ "NYTimes.com", "The New York Times" and "nytimes" all name the same site."""
    segment_key, site_key = _squash(segment), _squash(site)
    if not segment_key or not site_key:
        return False
    return segment_key in site_key or site_key in segment_key


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower().removeprefix("www."))


def _author(tree: HtmlElement, meta: dict[str, str], linked: dict[str, Any]) -> str | None:
    candidates = [_json_ld_name(linked.get("author"))]
    candidates += [meta.get(key) for key in _AUTHOR_KEYS]
    for candidate in candidates:
        if author := _plausible_author(candidate):
            return author
    for element in tree.xpath(_BYLINE_XPATH)[:3]:
        if author := _plausible_author(element.text_content()):
            return author
    return None


def _plausible_author(value: str | None) -> str | None:
    """A byline cleaned of "By", or None when it is a URL, a handle or a paragraph."""
    text = _clean(value)
    if not text or "://" in text or text.startswith("@") or len(text) > _MAX_AUTHOR_CHARS:
        return None
    text = _BYLINE_PREFIX.sub("", text).strip(" ,;")
    return text if any(char.isalpha() for char in text) else None


def _published(
    tree: HtmlElement, meta: dict[str, str], linked: dict[str, Any], url: str | None
) -> date | None:
    candidates = [linked.get("datePublished"), linked.get("dateCreated")]
    candidates += [meta.get(key) for key in _PUBLISHED_KEYS]
    for candidate in candidates:
        if isinstance(candidate, str) and (parsed := _parse_date(candidate)):
            return parsed
    # Nothing declared: htmldate looks at <time> elements, date-like classes and the URL (its
    # whole-text search is left off: slow, and it picks up dates of other stories).
    found = find_date(tree, extensive_search=False, original_date=True, url=url)
    return _parse_date(found) if found else None


def _parse_date(value: str) -> date | None:
    value = value.strip()
    match = _ISO_DATE.search(value) or _COMPACT_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if 1990 <= parsed.year <= 2100 else None


def _host(url: str | None) -> str | None:
    host = _hostname(url) if url else None
    return (host or "").removeprefix("www.") or None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None
