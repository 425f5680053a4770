"""The canonical URL (cache and de-duplication key) and the checks on a pasted link."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.pipeline.urls import canonical_url, parse_http_url, safe_host, same_site

CANONICAL = [
    # tracking parameters go, the others stay in their original order
    (
        "https://news.example/a?utm_source=tw&id=7&utm_medium=social&page=2&fbclid=XYZ",
        "https://news.example/a?id=7&page=2",
    ),
    (
        "https://news.example/a?z=1&gclid=1&a=2&dclid=3&msclkid=4&z=0",
        "https://news.example/a?z=1&a=2&z=0",
    ),
    (
        "https://news.example/a?mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc&_ga=4&yclid=5&q=x",
        "https://news.example/a?q=x",
    ),
    ("https://news.example/a?UTM_Campaign=spring&id=1", "https://news.example/a?id=1"),
    ("https://news.example/a?utm_source=x&fbclid=y", "https://news.example/a"),
    ("https://news.example/a?fbclid", "https://news.example/a"),
    # values stay exactly as written; only characters illegal in a URL are escaped
    ("https://news.example/s?q=a+b%20c&x=%2F", "https://news.example/s?q=a+b%20c&x=%2F"),
    ("https://news.example/s?q=ü x", "https://news.example/s?q=%C3%BC%20x"),
    # scheme and host are lower-cased, the path is not
    ("HTTPS://News.Example/World/Story", "https://news.example/World/Story"),
    # default ports go, others stay
    ("https://news.example:443/a", "https://news.example/a"),
    ("http://news.example:80/a", "http://news.example/a"),
    ("http://news.example:443/a", "http://news.example:443/a"),
    ("https://news.example:8443/a", "https://news.example:8443/a"),
    # fragment, credentials and a trailing dot on the host go; an empty path becomes /
    ("https://news.example/a#comments", "https://news.example/a"),
    ("https://user:secret@news.example/a", "https://news.example/a"),
    ("https://news.example./a", "https://news.example/a"),
    ("https://news.example", "https://news.example/"),
    ("https://news.example?id=3", "https://news.example/?id=3"),
    # international names become their DNS form; numeric hosts their dotted form
    ("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4"),
    ("http://2130706433:8080/x", "http://127.0.0.1:8080/x"),
    ("http://[::FFFF:127.0.0.1]/", "http://[::ffff:7f00:1]/"),
    ("  https://news.example/a  ", "https://news.example/a"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonical_url_is_stable(url: str, expected: str) -> None:
    assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_shares_of_one_article_collapse_to_one_key() -> None:
    shares = [
        "https://News.Example/world/story?id=9",
        "https://news.example:443/world/story?id=9&utm_source=discord",
        "https://news.example/world/story?fbclid=abc&id=9#top",
        "https://news.example/world/story?id=9&gclid=1&utm_medium=x",
    ]
    assert {canonical_url(u) for u in shares} == {"https://news.example/world/story?id=9"}


def test_different_articles_keep_different_keys() -> None:
    assert canonical_url("https://news.example/s?id=1") != canonical_url(
        "https://news.example/s?id=2"
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://news.example/file", "Only http and https links can be read (got ftp)."),
        ("file:///etc/passwd", "Only http and https links can be read (got file)."),
        ("javascript:alert(1)", "Only http and https links can be read (got javascript)."),
        ("news.example/story", "must start with http:// or https://"),
        ("//news.example/story", "must start with http:// or https://"),
        ("", "That link is empty"),
        ("http://", "has no host name"),
        ("http://exa mple.com/", "invalid host name (exa mple.com)"),
        ("http://[::1/", "not a valid web address"),
        ("http://1.2.3.4.5/", "invalid IP address (1.2.3.4.5)"),
    ],
)
def test_unusable_links_are_refused_with_a_reason(url: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        canonical_url(url)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://news.example/", "news.example"),
    ],
)
def test_numeric_hosts_are_rewritten_to_the_address_really_contacted(url: str, host: str) -> None:
    assert parse_http_url(url).raw_host == host


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("News.Example.", "news.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("[Claim](https://phish.example)", None),
        ("bad host.example", None),
        ("a\x1b]0;PWNED\x07.example", None),
        ("-leading.example", None),
        ("a" * 64 + ".example", None),
        ("", None),
    ],
)
def test_only_well_formed_hosts_are_named(raw: str, shown: str | None) -> None:
    assert safe_host(raw) == shown


@pytest.mark.parametrize(
    ("host", "other", "same"),
    [
        ("www.nytimes.com", "amp.nytimes.com", True),
        ("m.bbc.co.uk", "BBC.co.uk.", True),
        ("www.abc.net.au", "abc.net.au", True),
        ("evil.co.uk", "bbc.co.uk", False),
        ("nytimes.com.evil.example", "nytimes.com", False),
        ("alice.github.io", "bob.github.io", False),
        ("203.0.113.7", "203.0.113.8", False),
        ("", "", False),
    ],
)
def test_same_site_compares_registrable_domains(host: str, other: str, same: bool) -> None:
    assert same_site(host, other) is same
