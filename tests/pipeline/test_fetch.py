"""Fetching against a local article server: limits, redirects, refusals, content and charsets."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import (
    BlockedAddress,
    FetchError,
    InvalidInput,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
)
from bot.pipeline.addresses import AllowList, parse_allowlist
from bot.pipeline.fetch import (
    USER_AGENT,
    FetchedPage,
    Fetcher,
    FetchPolicy,
    GuardedResolver,
    NotModified,
    decode_body,
)
from bot.pipeline.validators import Validators, clean_last_modified
from tests.fakes.article_server import ArticleServer
from tests.following.server import add_conditional_page

WAIT = 10  # seconds: upper bound for any single test's network wait
HEADLINE = "Ukraine Alleges China Is Supplying Russia’s Military Industry with Key Materials"


class FakeResolver(AbstractResolver):
    """Answers from a table instead of DNS; each answer may change per call (rebinding)."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self._answers = {host: iter(answers) for host, answers in table.items()}
        self._last: dict[str, list[str]] = {}
        self.calls: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.calls.append(host)
        if host not in self._answers:
            raise OSError(socket.EAI_NONAME, "Name or service not known")
        addresses = next(self._answers[host], self._last.get(host, []))
        self._last[host] = addresses
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        return None


async def fetch_within(fetcher: Fetcher, url: str):
    async with asyncio.timeout(WAIT):
        return await fetcher.fetch(url)


# --- the happy path ----------------------------------------------------------------------


async def test_fetches_the_seed_article(fetcher: Fetcher, article_server: ArticleServer) -> None:
    page = await fetch_within(fetcher, article_server.url("/seed#top"))
    assert HEADLINE in page.text
    assert page.is_html
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.requested_url == article_server.url("/seed#top")
    assert page.final_url == article_server.url("/seed")
    assert page.canonical_url == article_server.url("/seed")


async def test_identifies_itself_and_asks_for_english_html(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    await fetch_within(fetcher, article_server.url("/seed"))
    headers = article_server.requests[-1].headers
    assert headers["User-Agent"] == USER_AGENT
    assert "Claimdeck/0.1" in headers["User-Agent"]
    assert headers["Accept-Language"] == "en"
    assert "text/html" in headers["Accept"]


async def test_plain_text_is_accepted(fetcher: Fetcher, article_server: ArticleServer) -> None:
    page = await fetch_within(fetcher, article_server.url("/plain"))
    assert page.text == "Plain words about 12 claims.\n"
    assert page.content_type == "text/plain"
    assert not page.is_html


async def test_xhtml_is_accepted(fetcher: Fetcher, article_server: ArticleServer) -> None:
    article_server.add_page("/x", "<html><body>x</body></html>", "application/xhtml+xml")
    page = await fetch_within(fetcher, article_server.url("/x"))
    assert page.is_html
    assert page.content_type == "application/xhtml+xml"


async def test_a_closed_fetcher_can_fetch_again(
    local_policy: FetchPolicy, article_server: ArticleServer
) -> None:
    fetcher = Fetcher(local_policy)  # no session yet: it is created inside the running loop
    try:
        await fetch_within(fetcher, article_server.url("/plain"))
        await fetcher.close()
        page = await fetch_within(fetcher, article_server.url("/plain"))
        assert page.status == 200
    finally:
        await fetcher.close()


# --- refusing forbidden addresses --------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001"]
)
async def test_default_policy_refuses_loopback_in_every_spelling(
    host: str, article_server: ArticleServer
) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(BlockedAddress) as caught:
            await fetch_within(fetcher, f"http://{host}:{article_server.port}/seed")
    assert "127.0.0.1" in str(caught.value)
    assert "CLAIMDECK_FETCH_ALLOW" in str(caught.value)
    assert article_server.requests == []  # refused before connecting


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://100.100.100.200/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
        "http://[2002:7f00:1::]/",
        "http://[64:ff9b::a00:5]/",
    ],
)
async def test_private_and_metadata_addresses_are_refused_before_connecting(url: str) -> None:
    started = time.perf_counter()
    async with Fetcher(FetchPolicy(connect_timeout=5.0)) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetch_within(fetcher, url)
    assert time.perf_counter() - started < 1.0  # no connection attempt to wait for


async def test_private_network_message(fetcher: Fetcher) -> None:
    with pytest.raises(BlockedAddress) as caught:
        await fetch_within(fetcher, "http://10.0.0.5/news")
    assert str(caught.value).startswith(
        "That address is on a private network (10.0.0.5). Claimdeck only fetches public websites."
    )


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/to-private", "10.0.0.1"),
        ("/to-private6", "::1"),
        ("/to-metadata", "169.254.169.254"),
    ],
)
async def test_redirect_to_a_forbidden_address_is_refused(
    fetcher: Fetcher, article_server: ArticleServer, path: str, address: str
) -> None:
    # the allowlist holds only the server's own address (127.0.0.1), so ::1 is refused too
    with pytest.raises(BlockedAddress) as caught:
        await fetch_within(fetcher, article_server.url(path))
    assert f"({address})" in str(caught.value)


async def test_redirect_to_a_numeric_spelling_is_normalised_and_checked(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = await fetch_within(fetcher, article_server.url("/to-decimal"))
    assert page.final_url == article_server.url("/seed")
    async with Fetcher() as default_fetcher:
        with pytest.raises(BlockedAddress):
            await fetch_within(default_fetcher, article_server.url("/to-decimal"))


async def test_redirect_to_another_scheme_is_refused(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    with pytest.raises(FetchError, match=r"Only http and https links can be read \(got ftp\)"):
        await fetch_within(fetcher, article_server.url("/to-ftp"))


# --- the resolver: every resolved address is checked, and only checked ones are used -----


async def test_resolver_refuses_a_name_that_resolves_to_a_private_address() -> None:
    guarded = GuardedResolver(FakeResolver({"evil.test": [["10.0.0.5"]]}), AllowList())
    with pytest.raises(BlockedAddress) as caught:
        await guarded.resolve("evil.test", 80, socket.AF_UNSPEC)
    assert "evil.test" in str(caught.value)
    assert "10.0.0.5" in str(caught.value)


async def test_resolver_hands_on_only_the_public_addresses() -> None:
    inner = FakeResolver({"mixed.test": [["127.0.0.1", "93.184.215.14", "::1", "not-an-ip"]]})
    guarded = GuardedResolver(inner, AllowList())
    results = await guarded.resolve("mixed.test", 80, socket.AF_UNSPEC)
    assert [r["host"] for r in results] == ["93.184.215.14"]


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "::ffff:127.0.0.1", "fd00:ec2::254", "100.64.0.1", "::"]
)
async def test_resolver_refuses_every_kind_of_forbidden_answer(address: str) -> None:
    guarded = GuardedResolver(FakeResolver({"evil.test": [[address]]}), AllowList())
    with pytest.raises(BlockedAddress):
        await guarded.resolve("evil.test", 443, socket.AF_UNSPEC)


async def test_a_name_that_rebinds_to_a_private_address_is_refused_on_the_next_connection(
    article_server: ArticleServer,
) -> None:
    # First answer: the (allowed) local server. Every later answer: a private address.
    resolver = FakeResolver({"news.test": [["127.0.0.1"], ["10.0.0.5"]]})

    async def closing_page(request: web.Request) -> web.Response:
        response = web.Response(text="<html><body>hello</body></html>", content_type="text/html")
        response.force_close()  # so the next fetch needs a new connection and a new lookup
        return response

    article_server.add_route("/close", closing_page)
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), read_timeout=1.0)
    async with Fetcher(policy, resolver=resolver) as fetcher:
        first = await fetch_within(fetcher, f"http://news.test:{article_server.port}/close")
        assert "hello" in first.text
        with pytest.raises(BlockedAddress, match=r"news\.test .*\(10\.0\.0\.5\)"):
            await fetch_within(fetcher, f"http://news.test:{article_server.port}/close")
    assert resolver.calls == ["news.test", "news.test"]  # no cached answer bypassed the check
    assert article_server.hits("/close") == 1


async def test_every_redirect_hop_is_resolved_and_checked(article_server: ArticleServer) -> None:
    resolver = FakeResolver({"news.test": [["127.0.0.1"]], "intranet.test": [["192.168.1.20"]]})
    article_server.add_redirect("/hop", "http://intranet.test/admin")
    async with Fetcher(FetchPolicy(allow=parse_allowlist("news.test")), resolver=resolver) as f:
        with pytest.raises(BlockedAddress, match=r"intranet\.test .*\(192\.168\.1\.20\)"):
            await fetch_within(f, f"http://news.test:{article_server.port}/hop")
    assert resolver.calls == ["news.test", "intranet.test"]


async def test_an_allowed_host_name_may_resolve_to_a_private_address(
    article_server: ArticleServer,
) -> None:
    resolver = FakeResolver({"intranet.local": [["127.0.0.1"]]})
    policy = FetchPolicy.from_env({"CLAIMDECK_FETCH_ALLOW": "intranet.local"})
    async with Fetcher(policy, resolver=resolver) as fetcher:
        page = await fetch_within(fetcher, f"http://intranet.local:{article_server.port}/seed")
    assert HEADLINE in page.text


async def test_an_allowed_host_name_that_resolves_to_cloud_metadata_is_not_connected_to() -> None:
    resolver = FakeResolver({"intranet.local": [["169.254.169.254", "fd00:ec2::254"]]})
    policy = FetchPolicy.from_env({"CLAIMDECK_FETCH_ALLOW": "intranet.local"})
    async with Fetcher(policy, resolver=resolver) as fetcher:
        with pytest.raises(BlockedAddress, match=r"intranet\.local .*cloud metadata"):
            await fetch_within(fetcher, "http://intranet.local/latest/meta-data/")
    assert resolver.calls == ["intranet.local"]


async def test_unknown_name(local_policy: FetchPolicy) -> None:
    async with Fetcher(local_policy, resolver=FakeResolver({})) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetch_within(fetcher, "http://example.invalid/story")
    assert str(caught.value) == "Could not find example.invalid: the name does not resolve."


async def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, f"http://127.0.0.1:{port}/")
    assert str(caught.value) == "Could not connect to 127.0.0.1 (connection refused)."


# --- redirects ---------------------------------------------------------------------------


async def test_redirects_are_followed_and_the_final_url_reported(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = await fetch_within(fetcher, article_server.url("/redirect/5"))
    assert HEADLINE in page.text
    assert page.requested_url == article_server.url("/redirect/5")
    assert page.final_url == article_server.url("/seed")
    assert len(article_server.requests) == 6


async def test_more_than_five_redirects_is_refused(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    with pytest.raises(TooManyRedirects) as caught:
        await fetch_within(fetcher, article_server.url("/redirect/6"))
    assert str(caught.value) == "127.0.0.1 redirected more than 5 times."
    assert article_server.hits("/seed") == 0


async def test_the_redirect_limit_comes_from_the_policy(article_server: ArticleServer) -> None:
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), max_redirects=2)
    async with Fetcher(policy) as fetcher:
        assert (await fetch_within(fetcher, article_server.url("/redirect/2"))).status == 200
        with pytest.raises(TooManyRedirects, match="more than 2 times"):
            await fetch_within(fetcher, article_server.url("/redirect/3"))


async def test_a_redirect_loop_is_reported_as_a_loop(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    with pytest.raises(TooManyRedirects) as caught:
        await fetch_within(fetcher, article_server.url("/loop-a"))
    assert str(caught.value) == "127.0.0.1 redirects in a loop."
    assert len(article_server.requests) == 2


async def test_a_redirect_that_sets_a_cookie_and_returns_is_not_a_loop(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    async def consent(request: web.Request) -> web.Response:
        if request.cookies.get("consent") == "yes":
            return web.Response(text="<html><body>story</body></html>", content_type="text/html")
        response = web.Response(status=302, headers={"Location": "/consent"})
        response.set_cookie("consent", "yes")
        return response

    article_server.add_route("/consent", consent)
    page = await fetch_within(fetcher, article_server.url("/consent"))
    assert "story" in page.text


async def test_relative_redirects_are_resolved(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    article_server.add_redirect("/section/old", "../seed?id=3#frag", status=301)
    page = await fetch_within(fetcher, article_server.url("/section/old"))
    assert page.final_url == article_server.url("/seed?id=3")


async def test_credentials_in_a_pasted_link_are_not_sent(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = await fetch_within(fetcher, f"http://alice:secret@127.0.0.1:{article_server.port}/seed")
    assert "Authorization" not in article_server.requests[-1].headers
    assert "secret" not in page.final_url


# --- time limits -------------------------------------------------------------------------


async def test_a_timeout_names_the_host_that_was_slow(article_server: ArticleServer) -> None:
    resolver = FakeResolver({"news.test": [["127.0.0.1"]], "slow.test": [["127.0.0.1"]]})
    article_server.add_redirect("/to-slow", f"http://slow.test:{article_server.port}/slow")
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), total_timeout=0.4)
    async with Fetcher(policy, resolver=resolver) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetch_within(fetcher, f"http://news.test:{article_server.port}/to-slow")
    assert str(caught.value) == "slow.test did not answer within 0.4 s."


async def test_a_server_that_never_answers_hits_the_read_timeout(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    started = time.perf_counter()
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/slow"))
    assert str(caught.value) == "127.0.0.1 did not answer within 0.3 s."
    assert time.perf_counter() - started < 1.5


async def test_a_body_that_never_ends_hits_the_total_timeout(
    article_server: ArticleServer,
) -> None:
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), total_timeout=0.5, read_timeout=5)
    started = time.perf_counter()
    async with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetch_within(fetcher, article_server.url("/trickle"))
    assert str(caught.value) == "127.0.0.1 did not answer within 0.5 s."
    assert time.perf_counter() - started < 2.0


# --- size limits -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/oversize", "/oversize-declared"])
async def test_oversize_bodies_are_refused(
    fetcher: Fetcher, article_server: ArticleServer, path: str
) -> None:
    with pytest.raises(TooLarge) as caught:
        await fetch_within(fetcher, article_server.url(path))
    assert str(caught.value) == "The page is larger than 5 MB."


async def test_the_size_cap_comes_from_the_policy(article_server: ArticleServer) -> None:
    article_server.add_page("/exact", b"a" * 1000, "text/plain")
    article_server.add_page("/over", b"a" * 1001, "text/plain")
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), max_bytes=1000)
    async with Fetcher(policy) as fetcher:
        assert len((await fetch_within(fetcher, article_server.url("/exact"))).text) == 1000
        with pytest.raises(TooLarge, match="larger than 1000 bytes"):
            await fetch_within(fetcher, article_server.url("/over"))


@pytest.mark.parametrize("path", ["/gzip-bomb", "/gzip-bomb-declared"])
async def test_a_gzip_bomb_stops_at_the_cap(
    fetcher: Fetcher, article_server: ArticleServer, path: str
) -> None:
    # /gzip-bomb inflates to 1 GB; inflating it all would take far longer than this allows
    started = time.perf_counter()
    with pytest.raises(TooLarge, match="larger than 5 MB"):
        await fetch_within(fetcher, article_server.url(path))
    assert time.perf_counter() - started < 2.0


async def test_a_gzip_bomb_is_never_inflated_in_memory(article_server: ArticleServer) -> None:
    cap = 256 * 1024
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1"), max_bytes=cap)
    async with Fetcher(policy) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge, match="larger than 256 KB"):
                await fetch_within(fetcher, article_server.url("/gzip-bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 16 * cap  # inflating even one network read unchecked would take ~64 MB


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda data: zlib.compress(data, wbits=-zlib.MAX_WBITS)),  # raw, as IIS did
    ],
)
async def test_compressed_pages_are_inflated(
    fetcher: Fetcher, article_server: ArticleServer, encoding: str, compress
) -> None:
    html = "<html><body><p>" + "Compressed news. " * 500 + "</p></body></html>"
    article_server.add_page(
        "/packed", compress(html.encode()), headers={"Content-Encoding": encoding}
    )
    page = await fetch_within(fetcher, article_server.url("/packed"))
    assert page.text == html


async def test_a_damaged_compressed_page_is_reported(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    article_server.add_page(
        "/damaged", b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="damaged compressed page"):
        await fetch_within(fetcher, article_server.url("/damaged"))


# --- content types -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/pdf", "That page is a PDF (application/pdf); Claimdeck reads HTML articles."),
        ("/image", "That page is an image (image/png); Claimdeck reads HTML articles."),
    ],
)
async def test_other_content_types_are_refused_by_name(
    fetcher: Fetcher, article_server: ArticleServer, path: str, message: str
) -> None:
    with pytest.raises(UnsupportedContent) as caught:
        await fetch_within(fetcher, article_server.url(path))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "content_type", ["application/json", "video/mp4", "application/x-whatever", "text/csv"]
)
async def test_every_refusal_names_the_type(
    fetcher: Fetcher, article_server: ArticleServer, content_type: str
) -> None:
    article_server.add_page("/typed", b"{}", content_type=f"{content_type}; charset=utf-8")
    with pytest.raises(UnsupportedContent, match=f"\\({content_type}\\)"):
        await fetch_within(fetcher, article_server.url("/typed"))


async def test_a_page_without_a_type_is_read_when_it_is_html(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = await fetch_within(fetcher, article_server.url("/no-type"))
    assert page.is_html
    assert "untyped" in page.text


async def test_untyped_binary_is_refused(fetcher: Fetcher, article_server: ArticleServer) -> None:
    article_server.add_page("/blob", b"\x00\x01\x02binary", "")
    with pytest.raises(UnsupportedContent, match="does not look like a web page"):
        await fetch_within(fetcher, article_server.url("/blob"))


# --- HTTP errors -------------------------------------------------------------------------


async def test_not_found(fetcher: Fetcher, article_server: ArticleServer) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/missing"))
    assert str(caught.value).startswith("127.0.0.1 answered 404 Not Found.")


@pytest.mark.parametrize(
    ("status", "start"),
    [
        (403, "127.0.0.1 answered 403 Forbidden."),
        (410, "127.0.0.1 answered 410 Gone."),
        (429, "127.0.0.1 answered 429 Too Many Requests."),
        (503, "127.0.0.1 answered 503 Service Unavailable."),
    ],
)
async def test_http_errors_are_reported_with_their_status(
    fetcher: Fetcher, article_server: ArticleServer, status: int, start: str
) -> None:
    article_server.add_page("/err", "<html></html>", status=status)
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/err"))
    assert str(caught.value).startswith(start)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/x", "Only http and https links can be read (got ftp)."),
        ("not a link", "must start with http:// or https://"),
    ],
)
async def test_unusable_links_are_refused_before_any_request(
    fetcher: Fetcher, url: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await fetch_within(fetcher, url)
    assert message in str(caught.value)


# --- charsets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/latin1", "Café naïve £5"),  # charset in the Content-Type header
        ("/meta-charset", "“Quoted” € 5"),  # charset only in <meta>
        ("/broken-charset", "Ünïcödé survives"),  # unknown label: fall back, never crash
        ("/bad-bytes", "good \ufffd\ufffd\ufffd bytes"),  # invalid bytes become U+FFFD
        ("/bom", "UTF-16 été"),  # byte-order mark, no charset anywhere else
    ],
)
async def test_charsets(
    fetcher: Fetcher, article_server: ArticleServer, path: str, expected: str
) -> None:
    page = await fetch_within(fetcher, article_server.url(path))
    assert expected in page.text


def french_paragraph() -> Iterator[str]:
    yield "Le président a déclaré que les négociations étaient « très avancées »."
    yield "Selon le ministère, 12 % des dépenses prévues ont été réalisées à l'été."
    yield "Les élus de l'opposition ont répondu qu'aucune preuve n'avait été présentée."


def test_undeclared_charset_is_detected() -> None:
    text = " ".join(french_paragraph())
    decoded = decode_body(
        f"<html><body><p>{text}</p></body></html>".encode("cp1252"), None, is_html=True
    )
    assert text in decoded


@pytest.mark.parametrize(
    "text",
    [
        "The council will spend £20,000 on the café, officials said.",  # the finding: "Ż20,000"
        "“Quoted” — €5 for a crème brûlée at 40°C, ½ price ™ © 2025.",
        "Straße, Müller und Größe: Die Bürger sagten, es sei übertrieben.",
        "Bem-vindo à praça, disse o ministro; 1º lugar, 2ª edição.",
    ],
)
def test_undeclared_western_text_is_read_as_windows_1252_before_guessing(text: str) -> None:
    assert decode_body(text.encode("cp1252"), None, is_html=False) == text
    assert decode_body(f"<p>{text}</p>".encode("cp1252"), None, is_html=True) == f"<p>{text}</p>"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Министерство заявило, что завод поставлял детали для военной промышленности.", "cp1251"),
        ("Το υπουργείο δήλωσε ότι το εργοστάσιο προμήθευε ανταλλακτικά στη βιομηχανία.", "cp1253"),
    ],
)
def test_undeclared_text_of_another_script_is_still_detected(text: str, codec: str) -> None:
    decoded = decode_body(((text + " ") * 5).encode(codec), None, is_html=False)
    assert text in decoded


_PLAIN_WORDS = ["the", "council", "said", "budget", "Monday", "would", "spend", "officials"]
_WESTERN_WORDS = ["café", "£20,000", "“quoted”", "naïve", "Müller", "—", "€5", "40°C", "señor",
                  "‘so’", "…", "©", "Größe", "½", "1º"]  # fmt: skip
# Three plain words to each word with at most two letters beyond ASCII: Western prose.
_WESTERN_PROSE = st.lists(
    st.tuples(*[st.sampled_from(_PLAIN_WORDS)] * 3, st.sampled_from(_WESTERN_WORDS)),
    min_size=1,
    max_size=40,
).map(lambda groups: " ".join(word for group in groups for word in group))


@given(text=_WESTERN_PROSE, html=st.booleans())
def test_western_prose_survives_a_round_trip_through_windows_1252(text: str, html: bool) -> None:
    assert decode_body(text.encode("cp1252"), None, is_html=html) == text


@given(body=st.binary(max_size=3000), label=st.sampled_from([None, "utf-8", "latin1", "x-bogus"]),
       is_html=st.booleans())
def test_decoding_never_fails_whatever_the_bytes(
    body: bytes, label: str | None, is_html: bool
) -> None:
    assert isinstance(decode_body(body, label, is_html=is_html), str)


@pytest.mark.parametrize("label", ["base64", "zlib", "utf-8\x00", "rot13", "", "   "])
def test_bogus_charset_labels_never_crash(label: str) -> None:
    assert decode_body("<p>café</p>".encode(), label, is_html=True) == "<p>café</p>"


def test_meta_claiming_utf16_is_read_as_utf8() -> None:
    body = '<html><head><meta charset="utf-16"></head><body>été</body></html>'.encode()
    assert "été" in decode_body(body, None, is_html=True)


def test_a_multibyte_character_cut_by_the_cap_does_not_change_the_charset() -> None:
    body = "<p>déjà vu — encore</p>".encode()[:-10] + "€".encode()[:2]
    assert decode_body(body, None, is_html=True).startswith("<p>déjà vu")


# --- text the site controls never reaches a message ------------------------------------------

PHISH = "[Claim your prize](https://phish.example/login) **now**"


def assert_no_site_text(message: str) -> None:
    """The message is Claimdeck's own words: no link, no markup, nothing copied from the site."""
    assert "phish" not in message
    assert "](" not in message
    assert "[" not in message
    assert "**" not in message
    assert message.isprintable()


async def test_an_unknown_status_is_named_by_its_number_not_by_the_sites_reason(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=599, reason=PHISH, text="<html></html>")

    article_server.add_route("/odd-status", handler)
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/odd-status"))
    message = str(caught.value)
    assert message.startswith("127.0.0.1 answered with an unexpected status (599).")
    assert_no_site_text(message)


async def test_a_known_status_uses_the_standard_phrase_whatever_the_site_says(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=404, reason=PHISH, text="<html></html>")

    article_server.add_route("/lying-404", handler)
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/lying-404"))
    assert str(caught.value).startswith("127.0.0.1 answered 404 Not Found.")
    assert_no_site_text(str(caught.value))


@pytest.mark.parametrize(
    "content_type",
    [
        "[verify here](https://phish.example/login)",
        "application/[verify](https://phish.example)",
        "text/**now**",
        "application/" + "x" * 200,
    ],
)
async def test_a_malformed_content_type_is_not_repeated(
    fetcher: Fetcher, article_server: ArticleServer, content_type: str
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=b"{}", headers={"Content-Type": content_type})

    article_server.add_route("/bad-type", handler)
    with pytest.raises(UnsupportedContent) as caught:
        await fetch_within(fetcher, article_server.url("/bad-type"))
    message = str(caught.value)
    assert "an unknown type" in message
    assert "x" * 100 not in message
    assert "PWNED" not in message
    assert_no_site_text(message)


@pytest.mark.parametrize("encoding", [PHISH, "br", "gzip, br"])
async def test_an_unsupported_encoding_is_named_only_when_well_formed(
    fetcher: Fetcher, article_server: ArticleServer, encoding: str
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(
            body=b"x", headers={"Content-Type": "text/html", "Content-Encoding": encoding}
        )

    article_server.add_route("/bad-encoding", handler)
    with pytest.raises(UnsupportedContent) as caught:
        await fetch_within(fetcher, article_server.url("/bad-encoding"))
    message = str(caught.value)
    assert_no_site_text(message)
    if encoding == PHISH:
        assert "an unknown encoding" in message
    else:
        assert repr(encoding) in message


@pytest.mark.parametrize(
    "location",
    [
        "http://[Claim](https://phish.example/login)",
        "https://bad host [Claim](https://phish.example/login)/",
        "https://phish.example\\[x](y)/",
        "ftp://files.example/[Claim your prize](https://phish.example/login)",
        "javascript:alert('[x](https://phish.example)')",
    ],
)
async def test_a_redirect_target_is_never_copied_into_the_message(
    fetcher: Fetcher, article_server: ArticleServer, location: str
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": location})

    article_server.add_route("/evil-redirect", handler)
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/evil-redirect"))
    message = str(caught.value)
    assert message.startswith("127.0.0.1 redirected to ")
    assert_no_site_text(message)


async def test_a_redirect_to_another_scheme_names_the_scheme_and_host(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    article_server.add_redirect("/to-ftp-host", "ftp://files.example/report.pdf")
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/to-ftp-host"))
    assert str(caught.value) == (
        "127.0.0.1 redirected to files.example, a link Claimdeck cannot follow. "
        "Only http and https links can be read (got ftp)."
    )


@pytest.mark.parametrize("location", ["https://[::1]@", "https://www.reuters.com\\@evil.example/"])
async def test_a_redirect_yarl_cannot_parse_is_a_refusal_not_a_crash(
    fetcher: Fetcher, article_server: ArticleServer, location: str
) -> None:
    # yarl raised IndexError on "https://[::1]@", which escaped as an unexpected error.
    article_server.add_redirect("/odd-redirect", location)
    with pytest.raises(FetchError) as caught:
        await fetch_within(fetcher, article_server.url("/odd-redirect"))
    assert str(caught.value) == "127.0.0.1 redirected to an invalid address."


@asynccontextmanager
async def raw_http_server(response: bytes) -> AsyncIterator[str]:
    """A server on 127.0.0.1 that answers every request with ``response`` byte for byte.

    aiohttp's own server refuses control characters in headers; a hostile site does not.
    """

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(response)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 599 \x1b]0;PWNED\x07 [x](https://phish.example)",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\x1b]0;PWNED\x07",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: x\x1b]52;c;cHdu\x07",
        b"HTTP/1.1 302 Found\r\nLocation: http://\x1b]0;PWNED\x07.example/",
        b"HTTP/1.1 302 Found\r\nLocation: /\x1b]0;PWNED\x07[x](https://phish.example)",
    ],
)
async def test_control_characters_in_headers_never_reach_the_message(
    fetcher: Fetcher, head: bytes
) -> None:
    response = head + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
    async with raw_http_server(response) as url:
        with pytest.raises(FetchError) as caught:
            await fetch_within(fetcher, url)
    message = str(caught.value)
    assert "PWNED" not in message
    assert_no_site_text(message)


# --- conditional re-fetches (follow-up re-checks) ------------------------------------------


async def fetch_again(fetcher: Fetcher, url: str, **validators: str | None):
    async with asyncio.timeout(WAIT):
        return await fetcher.fetch_if_changed(url, **validators)


async def test_a_page_keeps_its_validators_and_an_unchanged_page_answers_304(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = add_conditional_page(article_server, "/story", "<html><body><p>v1</p></body></html>")
    first = await fetch_within(fetcher, article_server.url("/story"))
    assert (first.etag, first.last_modified) == ('"v1"', "Mon, 16 Jun 2025 10:00:00 GMT")
    assert page.conditional_headers == [{}]  # a plain fetch asks nothing

    again = await fetch_again(
        fetcher, article_server.url("/story"), etag=first.etag, last_modified=first.last_modified
    )
    assert again == NotModified(
        article_server.url("/story"), article_server.url("/story"), first.etag,
        first.last_modified,
    )
    assert page.conditional_headers[-1] == {
        "If-None-Match": '"v1"', "If-Modified-Since": "Mon, 16 Jun 2025 10:00:00 GMT"
    }
    assert (page.served, page.not_modified) == (1, 1)


async def test_a_changed_page_is_read_with_its_new_validators(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = add_conditional_page(article_server, "/story", "<html><body><p>v1</p></body></html>")
    page.change("<html><body><p>v2: the ministry answered</p></body></html>")
    changed = await fetch_again(fetcher, article_server.url("/story"), etag='"v1"')
    assert isinstance(changed, FetchedPage)
    assert "the ministry answered" in changed.text
    assert changed.etag == '"v2"'


async def test_last_modified_alone_is_enough(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = add_conditional_page(article_server, "/story", "<html><body><p>v1</p></body></html>")
    page.send_etag = False
    first = await fetch_within(fetcher, article_server.url("/story"))
    assert first.etag is None
    again = await fetch_again(fetcher, article_server.url("/story"),
                              last_modified=first.last_modified)
    assert isinstance(again, NotModified)
    assert "If-None-Match" not in page.conditional_headers[-1]


async def test_a_plain_fetch_never_takes_a_304_for_a_page(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    article_server.add_page("/always-304", "", status=304)
    with pytest.raises(FetchError, match="answered 304 Not Modified"):
        await fetch_within(fetcher, article_server.url("/always-304"))


@pytest.mark.parametrize(
    "etag",
    ['abc', '"a\\"b', '"[x](https://phish.example)" extra', '"' + "x" * 300 + '"', "W/ \"a\""],
)
async def test_a_malformed_etag_is_neither_kept_nor_sent(
    fetcher: Fetcher, article_server: ArticleServer, etag: str
) -> None:
    article_server.add_page("/odd", "<p>x</p>", headers={"ETag": etag, "Last-Modified": "never"})
    page = await fetch_within(fetcher, article_server.url("/odd"))
    assert (page.etag, page.last_modified) == (None, None)
    again = await fetch_again(fetcher, article_server.url("/odd"), etag=etag,
                              last_modified="never")
    assert isinstance(again, FetchedPage)
    sent = article_server.requests[-1].headers
    assert "If-None-Match" not in sent and "If-Modified-Since" not in sent


async def test_validators_follow_a_redirect_on_the_same_site_only(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    page = add_conditional_page(article_server, "/story", "<html><body><p>v1</p></body></html>")
    article_server.add_redirect("/old-story", "/story", status=301)
    again = await fetch_again(fetcher, article_server.url("/old-story"), etag='"v1"')
    assert isinstance(again, NotModified)
    assert again.final_url == article_server.url("/story")
    assert page.conditional_headers[-1] == {"If-None-Match": '"v1"'}

    elsewhere = f"http://localhost:{article_server.port}/story"  # another site, same server
    article_server.add_redirect("/moved-away", elsewhere)
    policy = FetchPolicy(allow=parse_allowlist("127.0.0.1,localhost"), total_timeout=2.0)
    async with Fetcher(policy) as other:
        moved = await fetch_again(other, article_server.url("/moved-away"), etag='"v1"')
    assert isinstance(moved, FetchedPage)  # the ETag did not travel to localhost
    assert page.conditional_headers[-1] == {}


async def test_a_conditional_fetch_keeps_every_guard() -> None:
    async with Fetcher(FetchPolicy()) as strict:
        with pytest.raises(BlockedAddress):
            await fetch_again(strict, "http://127.0.0.1/story", etag='"v1"')
        with pytest.raises(InvalidInput):
            await fetch_again(strict, "file:///etc/passwd", etag='"v1"')


@given(st.text(max_size=80), st.text(max_size=80))
def test_validators_are_safe_header_values_whatever_the_site_sends(etag: str, date: str) -> None:
    validators = Validators.of(etag, date)
    for value in validators.headers().values():
        assert value.isascii() and value.isprintable() and len(value) <= 210
    assert Validators.of(validators.etag, validators.last_modified) == validators  # stable


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Tue, 17 Jun 2025 08:00:00 GMT", "Tue, 17 Jun 2025 08:00:00 GMT"),
        ("Tuesday, 17-Jun-25 08:00:00 GMT", "Tue, 17 Jun 2025 08:00:00 GMT"),
        ("Tue Jun 17 08:00:00 2025", "Tue, 17 Jun 2025 08:00:00 GMT"),
        ("yesterday", None),
        ("Tue, 17 Jun 2025 08:00:00 GMT\r\nX-Evil: 1", None),
    ],
)
def test_last_modified_is_rewritten_as_an_http_date(raw: str, clean: str | None) -> None:
    assert clean_last_modified(raw) == clean
