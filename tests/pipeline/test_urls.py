"""The canonical URL (cache and de-duplication key) and the checks on a pasted link."""

from __future__ import annotations

import ipaddress

import ada_url
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.pipeline.urls import (
    DEFAULT_PORTS,
    canonical_url,
    parse_http_url,
    read_page_url,
    safe_host,
    same_site,
    same_site_page_url,
)

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
        ("https://[::1]@", "not a valid web address"),  # yarl raised IndexError here
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


# --- addresses a page writes: read as a browser reads them, or not at all ----------------------

FETCHED = "https://evil.example/story"

# Each of these, declared as its canonical URL by a page on evil.example, was (or could be) taken
# as evil.example by Python's urlsplit while a browser opens another site, or hides the real site
# behind something that reads as Reuters.
SPOOFING_CANONICALS = [
    "https://www.reuters.com\\@evil.example/x",  # urlsplit: evil.example; browsers: Reuters
    "https://www.reuters.com\\\\@evil.example/x",
    "https:\\\\www.reuters.com\\@evil.example/x",
    "https://www.reuters.com\\.evil.example/x",
    "https://evil.example\\@www.reuters.com/x",
    "https://www.reuters.com@evil.example/x",  # user info that reads as the site
    "https://www.reuters.com:pw@evil.example/x",
    "https://@evil.example/x",
    "https://www.reuters.com%40evil.example/x",
    "https://www.reuters.com\tevil.example/x",  # browsers delete tabs and newlines
    "https://www.reuters.com\n@evil.example/x",
    "https://www.reuters.com\u202e@evil.example/x",  # a bidi override
    "https://www.reuters.com\u200b.evil.example/x",  # a zero-width space
    "https://www.reuters.com\u3002evil.example/x",  # an ideographic full stop
    "https://www.reuters.com\uff0eevil.example/x",  # a full-width full stop
    "https:evil.example/x",  # no "//": urlsplit finds no host, browsers do
    "https:/evil.example/x",
    "https:///evil.example/x",
    "https://evil.example:8443/x",  # another port on the same name: maybe another server
    "https://evil.example:99999/x",
    "https://evil.example:/x",
    "https://evil.example:0x1bb/x",
    "javascript://evil.example/%0aalert(1)",
    "ftp://evil.example/x",
    "//evil.example/x",
    "https://[::1%25eth0]/x",
]


@pytest.mark.parametrize("declared", SPOOFING_CANONICALS)
def test_a_canonical_that_browsers_could_read_differently_is_refused(declared: str) -> None:
    assert read_page_url(declared) is None or declared.endswith(":8443/x")
    assert same_site_page_url(declared, FETCHED) is None


@pytest.mark.parametrize(
    ("declared", "fetched", "host"),
    [
        ("https://evil.example/x", FETCHED, "evil.example"),
        ("  HTTPS://WWW.Evil.Example./x?a=1#b  ", FETCHED, "www.evil.example"),
        ("https://evil.example:443/x", FETCHED, "evil.example"),  # the default port, written
        ("https://evil.example:443/x", "http://evil.example/", "evil.example"),
        ("http://evil.example:8080/x", "https://evil.example:8080/y", "evil.example"),
        ("https://evil.example/a\\b", FETCHED, None),  # a backslash in the path is refused too
        ("https://0x7f.1/x", "http://127.0.0.1/", "127.0.0.1"),  # the address browsers use
        ("https://[::1]:9000/x", "http://[::1]:8000/", None),  # another port, written
        ("https://[0:0::1]:8000/x", "http://[::1]:8000/", "::1"),
        ("https://evil.example/ü/“x”", FETCHED, "evil.example"),  # non-ASCII in the path is fine
        ("https://www.reuters.com/x", None, "www.reuters.com"),  # a local file: nothing to spoof
        ("https://www.reuters.com/x", "file:///tmp/a.html", "www.reuters.com"),
        ("https://www.reuters.com\\@evil.example/x", None, None),
    ],
)
def test_a_plain_canonical_on_the_fetched_site_is_read(
    declared: str, fetched: str | None, host: str | None
) -> None:
    page = same_site_page_url(declared, fetched)
    assert (page.host if page else None) == host
    if page is not None:
        assert page.url == declared.strip()


def _browser(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, user info) as the WHATWG URL Standard reads ``url`` (ada-url)."""
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None
    scheme = parsed.protocol.rstrip(":")
    host = parsed.hostname.rstrip(".")
    if host.startswith("["):
        host = ipaddress.IPv6Address(host[1:-1]).compressed
    port = int(parsed.port) if parsed.port else DEFAULT_PORTS.get(scheme, 0)
    return scheme, host, port, parsed.username + parsed.password


_URL_PIECES = st.sampled_from(
    ["http", "https", "HTTPS", "ftp", "javascript", ":", "//", "/", "\\", ":/", "://", "@",
     "www.reuters.com", "evil.example", "Evil.Example.", "reuters", ".", "com", "0x7f", "1",
     "[::1]", "[", "]", ":443", ":8443", ":99999", "%40", "%2e", "?", "#", "&", "\t", "\n", " ",
     "\u202e", "\u200b", "\u3002", "\uff0e", "\uff20", "ｒｅｕｔｅｒｓ", "xn--bcher-kva", "ü",
     "user", "pw", "_", "-"]
)  # fmt: skip
# scheme, separator, user info, host, port, rest: each part drawn from spellings that parsers
# are known to read differently.
_STRUCTURED_URLS = st.tuples(
    st.sampled_from(["http", "https", "HTTPS", "hTtP", "ftp", "javascript", ""]),
    st.sampled_from(["://", ":", ":/", ":///", ":\\\\", ":\\/", "://\\", ":// "]),
    st.sampled_from(["", "user@", "user:pw@", "www.reuters.com@", "www.reuters.com\\@",
                     "www.reuters.com%40", "@", "www.reuters.com\t@", "a\n@", ":@"]),
    st.sampled_from(["evil.example", "WWW.Evil.Example.", "www.reuters.com", "0x7f.1", "1.2.3",
                     "a.09", "[::1]", "[::ffff:1.2.3.4]", "[::1%25lo]", "evil..example",
                     ".evil.example", "ｒｅｕｔｅｒｓ.com", "evil\u3002example", "a_b.example",
                     "x" * 64 + ".example", ""]),
    st.sampled_from(["", ":443", ":80", ":8443", ":", ":99999", ":0x1bb", ":08"]),
    st.sampled_from(["", "/", "/x", "\\x", "?@www.reuters.com", "#@www.reuters.com",
                     "/\u202eq", "/a\tb", "/%2e%2e/", "?q=ü"]),
).map("".join)  # fmt: skip
_PIECED_URLS = st.one_of(
    _STRUCTURED_URLS,
    st.lists(_URL_PIECES, max_size=12).map("".join),
    st.tuples(st.sampled_from(["https://", "http://", "https:", "HTTP://"]),
              st.lists(_URL_PIECES, max_size=10).map("".join)).map("".join),
)  # fmt: skip


@given(url=st.one_of(_PIECED_URLS, st.text(max_size=60)))
@example(url="https://www.reuters.com\\@evil.example/x")
@example(url="https://www.reuters.com@evil.example/x")
def test_an_accepted_page_url_reads_the_same_to_a_browser(url: str) -> None:
    page = read_page_url(url)
    if page is None:
        return
    assert _browser(url) == (page.scheme, page.host, page.effective_port, "")


@given(
    declared=_PIECED_URLS,
    fetched=st.sampled_from(
        [FETCHED, "http://www.evil.example:8443/", "https://www.reuters.com/", "http://127.0.0.1/"]
    ),
)
@example(declared="https://www.reuters.com\\@evil.example/x", fetched=FETCHED)
def test_an_accepted_canonical_is_on_the_fetched_site_for_a_browser(
    declared: str, fetched: str
) -> None:
    page = same_site_page_url(declared, fetched)
    if page is None:
        return
    browser = _browser(declared)
    fetched_browser = _browser(fetched)
    assert browser is not None and fetched_browser is not None
    assert same_site(browser[1], fetched_browser[1])
    assert browser[2] in (fetched_browser[2], DEFAULT_PORTS[browser[0]])
