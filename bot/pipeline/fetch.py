"""Safe fetching of the article behind a link someone pasted in chat.

Anyone in a server can make the bot request a URL, so every request is treated as hostile:
only http(s); every address a host resolves to is checked on the first request and on every
redirect hop, and the connection goes to exactly the address that was checked (the resolver
hands the connector only checked addresses and nothing caches or re-resolves behind it); time,
redirect and size limits (also after decompression, so a gzip bomb stops at the cap); only HTML
and plain text are read, decoded without ever failing on a broken charset. The body is read under
the cap by :mod:`bot.pipeline.inflate` and decoded by :mod:`bot.pipeline.charsets`.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.errors import (
    BlockedAddress,
    FetchError,
    InvalidInput,
    TooManyRedirects,
    UnsupportedContent,
)
from bot.pipeline.addresses import (
    ALLOW_ENV,
    AllowList,
    check_address,
    parse_allowlist,
    parse_ip_literal,
)
from bot.pipeline.charsets import SNIFF_BYTES, decode_body
from bot.pipeline.fetch_messages import (
    client_error,
    status_message,
    timeout_error,
    unfollowable_redirect,
    unsupported_message,
)
from bot.pipeline.inflate import format_size as format_size
from bot.pipeline.inflate import read_capped
from bot.pipeline.urls import (
    canonical_url,
    host_for_display,
    parse_http_url,
    same_site,
    to_url,
)
from bot.pipeline.validators import Validators, response_validators

USER_AGENT = "Claimdeck/0.1 (+https://github.com/claimdeck/claimdeck; news claim cards for Discord)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
_MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch; ``allow`` lists operator-approved private hosts and networks."""

    max_bytes: int = 5 * _MEGABYTE
    max_redirects: int = 5
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 15.0
    allow: AllowList = field(default_factory=AllowList)
    user_agent: str = USER_AGENT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> FetchPolicy:
        """The default policy plus ``CLAIMDECK_FETCH_ALLOW`` (raises InvalidInput if malformed)."""
        return cls(allow=parse_allowlist(environ.get(ALLOW_ENV, "")))


@dataclass(frozen=True)
class FetchedPage:
    """A page that passed every check, with its body decoded to text."""

    requested_url: str
    final_url: str
    canonical_url: str
    status: int
    content_type: str
    text: str
    is_html: bool
    etag: str | None = None  # validators for a later conditional re-fetch (well-formed only)
    last_modified: str | None = None


@dataclass(frozen=True)
class NotModified:
    """A conditional re-fetch answered 304: the page is as it was; nothing was read.

    ``etag`` and ``last_modified`` are the validators to send next time (the site's new ones
    when the 304 carried any, else those that were sent).
    """

    requested_url: str
    final_url: str
    etag: str | None = None
    last_modified: str | None = None


class GuardedResolver(AbstractResolver):
    """Resolves through ``inner`` and hands the connector only addresses that passed the check.

    Because aiohttp connects to exactly the addresses a resolver returns, checking here (and
    not before the request) leaves no second lookup for a rebinding DNS server to exploit.
    """

    def __init__(self, inner: AbstractResolver, allow: AllowList) -> None:
        self._inner = inner
        self._allow = allow

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        checked: list[ResolveResult] = []
        refusal: BlockedAddress | None = None
        for result in results:
            address = parse_ip_literal(result["host"])
            if address is None:
                continue  # not an address at all: never hand it to the connector
            try:
                check_address(host, address, self._allow)
            except BlockedAddress as error:
                refusal = refusal or error
                continue
            checked.append(result)
        if checked:
            return checked
        if refusal is not None:
            raise refusal
        raise OSError(errno.ENOENT, f"{host} resolved to no usable address")

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """Fetches pages under a FetchPolicy; owns one aiohttp session, created inside the loop."""

    def __init__(
        self, policy: FetchPolicy | None = None, *, resolver: AbstractResolver | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._inner_resolver = resolver
        self._session: aiohttp.ClientSession | None = None
        self._guarded: GuardedResolver | None = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session and its connections; a later fetch opens a new one."""
        session, self._session = self._session, None
        guarded, self._guarded = self._guarded, None
        if session is not None:
            await session.close()  # also closes the connector it owns
        if guarded is not None:
            await guarded.close()  # the connector does not close a resolver it was given

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            inner = self._inner_resolver or aiohttp.ThreadedResolver()
            self._guarded = GuardedResolver(inner, self.policy.allow)
            connector = aiohttp.TCPConnector(
                resolver=self._guarded, use_dns_cache=False, limit=32, limit_per_host=4
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,  # we inflate ourselves, under the size cap
                cookie_jar=aiohttp.DummyCookieJar(),  # cookies live for one fetch only
                trust_env=False,  # a proxy would connect to addresses we never checked
                headers={
                    "User-Agent": self.policy.user_agent,
                    "Accept": _ACCEPT,
                    "Accept-Language": "en",
                    "Accept-Encoding": "gzip, deflate",
                },
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=self.policy.connect_timeout,
                    sock_connect=self.policy.connect_timeout,
                    sock_read=self.policy.read_timeout,
                ),
            )
        return self._session

    async def fetch(self, url: str) -> FetchedPage:
        """Fetch ``url`` following at most ``max_redirects`` redirects; raise a typed error."""
        page = await self._fetch(url, Validators())
        assert isinstance(page, FetchedPage)  # no validators sent: a 304 is an error
        return page

    async def fetch_if_changed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchedPage | NotModified:
        """Fetch ``url`` again under the same guards, asking the site to answer ``304 Not
        Modified`` when it is unchanged since the fetch that returned ``etag`` /
        ``last_modified``. Malformed validators are not sent; they go to every hop on the
        requested URL's site and to no other site."""
        return await self._fetch(url, Validators.of(etag, last_modified))

    async def _fetch(self, url: str, validators: Validators) -> FetchedPage | NotModified:
        hops = [parse_http_url(url)]  # the last entry is the hop in progress
        try:
            async with asyncio.timeout(self.policy.total_timeout):
                return await self._follow(url.strip(), hops, validators)
        except TimeoutError as error:
            host = host_for_display(hops[-1])
            raise timeout_error(host, self.policy.total_timeout) from error

    async def _follow(
        self, requested: str, hops: list[URL], validators: Validators
    ) -> FetchedPage | NotModified:
        session = self._get_session()
        jar = aiohttp.CookieJar(unsafe=True)  # this fetch's cookies (consent redirects need them)
        seen: set[tuple[str, str]] = set()
        site = hops[0].raw_host or ""
        while True:
            current = hops[-1].with_user(None)  # no credentials from a pasted link
            self._check_literal_host(current)
            seen.add(_visit_key(current, jar))
            host = host_for_display(current)
            sent = validators if same_site(site, current.raw_host or "") else Validators()
            try:
                async with session.get(
                    current,
                    allow_redirects=False,
                    cookies=jar.filter_cookies(current) or None,
                    headers=sent.headers() or None,
                ) as response:
                    jar.update_cookies(response.cookies, response.url)
                    if response.status == HTTPStatus.NOT_MODIFIED and sent:
                        return _not_modified(requested, current, response, sent)
                    if response.status not in REDIRECT_STATUSES:
                        return await self._read_page(requested, current, response)
                    target = _redirect_target(current, response)
            except aiohttp.ClientError as error:
                raise client_error(host, error, self.policy) from error
            if _visit_key(target, jar) in seen:
                raise TooManyRedirects(f"{host} redirects in a loop.")
            if len(hops) > self.policy.max_redirects:
                raise TooManyRedirects(
                    f"{host} redirected more than {self.policy.max_redirects} times."
                )
            hops.append(target)

    def _check_literal_host(self, url: URL) -> None:
        """IP-literal hosts skip the resolver in aiohttp, so they are checked here."""
        raw_host = url.raw_host or ""
        address = parse_ip_literal(raw_host)
        if address is not None:
            check_address(raw_host, address, self.policy.allow)

    async def _read_page(
        self, requested: str, url: URL, response: aiohttp.ClientResponse
    ) -> FetchedPage:
        host = host_for_display(url)
        if not 200 <= response.status < 300:
            raise FetchError(status_message(host, response))
        header = response.headers.get("Content-Type", "")
        mime, charset = _parse_content_type(header)
        if mime and mime not in HTML_TYPES | TEXT_TYPES:
            raise UnsupportedContent(unsupported_message(mime))
        body = await read_capped(response, self.policy.max_bytes, host)
        if not mime:
            if not _looks_like_html(body):
                raise UnsupportedContent(
                    f"{host} did not say what kind of file it sent, and it does not look like a "
                    "web page; Claimdeck reads HTML articles."
                )
            mime = "text/html"
        is_html = mime in HTML_TYPES
        final = str(url.with_fragment(None))
        return FetchedPage(
            requested_url=requested,
            final_url=final,
            canonical_url=canonical_url(final),
            status=response.status,
            content_type=mime,
            text=decode_body(body, charset, is_html=is_html),
            is_html=is_html,
            **_validator_fields(response_validators(response.headers)),
        )


def _validator_fields(validators: Validators) -> dict[str, str | None]:
    return {"etag": validators.etag, "last_modified": validators.last_modified}


def _not_modified(
    requested: str, url: URL, response: aiohttp.ClientResponse, sent: Validators
) -> NotModified:
    """A 304 to a conditional request; its own validators replace those sent, when it has any."""
    fresh = response_validators(response.headers)
    keep = fresh if fresh else sent
    return NotModified(requested, str(url.with_fragment(None)), **_validator_fields(keep))


def _visit_key(url: URL, jar: aiohttp.CookieJar) -> tuple[str, str]:
    """A redirect back to a URL is a loop only if no cookie changed in between."""
    cookies = jar.filter_cookies(url)
    return str(url), ";".join(sorted(f"{k}={m.value}" for k, m in cookies.items()))


def _redirect_target(current: URL, response: aiohttp.ClientResponse) -> URL:
    """The next hop; a refusal names only the target's host and scheme, never the raw Location."""
    host = host_for_display(current)
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchError(
            f"{host} answered {response.status} (a redirect) without saying where to go."
        )
    try:
        joined = current.join(to_url(location))
    except ValueError as error:
        raise FetchError(f"{host} redirected to an invalid address.") from error
    try:
        return parse_http_url(str(joined.with_fragment(None)))
    except InvalidInput as error:
        raise FetchError(unfollowable_redirect(host, joined)) from error


def _parse_content_type(header: str) -> tuple[str, str | None]:
    mime = header.split(";", 1)[0].strip().lower()
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", header, re.IGNORECASE)
    return mime, (match.group(1) if match else None)


def _looks_like_html(body: bytes) -> bool:
    start = body[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in start
