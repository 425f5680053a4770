"""Safe fetching of the article behind a link someone pasted in chat.

Anyone in a server can make the bot request a URL, so every request is treated as hostile:
only http(s); every address a host resolves to is checked on the first request and on every
redirect hop, and the connection goes to exactly the address that was checked (the resolver
hands the connector only checked addresses and nothing caches or re-resolves behind it); time,
redirect and size limits (also after decompression, so a gzip bomb stops at the cap); only HTML
and plain text are read, decoded without ever failing on a broken charset.
"""

from __future__ import annotations

import asyncio
import codecs
import errno
import os
import re
import socket
import zlib
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
    TooLarge,
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
from bot.pipeline.urls import (
    ALLOWED_SCHEMES,
    canonical_url,
    host_for_display,
    parse_http_url,
    safe_host,
    to_url,
)

USER_AGENT = "Claimdeck/0.1 (+https://github.com/claimdeck/claimdeck; news claim cards for Discord)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
_MEGABYTE = 1024 * 1024
_SNIFF_BYTES = 4096
_MAX_GZIP_MEMBERS = 64
# Header values are the site's text: a message names one only when it has the shape of a real
# value, so "[Claim your prize](https://…)" can never become a link in the bot's own message.
# Media types follow RFC 6838's restricted-name (a subset of RFC 7231's token characters that
# leaves out Discord markup such as * ` | ~), each part capped at 64 characters.
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")
_CONTENT_CODING = r"[a-z0-9][a-z0-9_.+-]{0,31}"
_CONTENT_CODINGS = re.compile(rf"{_CONTENT_CODING}(?:\s*,\s*{_CONTENT_CODING}){{0,3}}")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,19}")


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
        hops = [parse_http_url(url)]  # the last entry is the hop in progress
        try:
            async with asyncio.timeout(self.policy.total_timeout):
                return await self._follow(url.strip(), hops)
        except TimeoutError as error:
            host = host_for_display(hops[-1])
            raise _timeout_error(host, self.policy.total_timeout) from error

    async def _follow(self, requested: str, hops: list[URL]) -> FetchedPage:
        session = self._get_session()
        jar = aiohttp.CookieJar(unsafe=True)  # this fetch's cookies (consent redirects need them)
        seen: set[tuple[str, str]] = set()
        while True:
            current = hops[-1].with_user(None)  # no credentials from a pasted link
            self._check_literal_host(current)
            seen.add(_visit_key(current, jar))
            host = host_for_display(current)
            try:
                async with session.get(
                    current, allow_redirects=False, cookies=jar.filter_cookies(current) or None
                ) as response:
                    jar.update_cookies(response.cookies, response.url)
                    if response.status not in REDIRECT_STATUSES:
                        return await self._read_page(requested, current, response)
                    target = _redirect_target(current, response)
            except aiohttp.ClientError as error:
                raise _client_error(host, error, self.policy) from error
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
            raise FetchError(_status_message(host, response))
        header = response.headers.get("Content-Type", "")
        mime, charset = _parse_content_type(header)
        if mime and mime not in HTML_TYPES | TEXT_TYPES:
            raise UnsupportedContent(_unsupported_message(mime))
        body = await _read_capped(response, self.policy.max_bytes, host)
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
        )


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
        raise FetchError(_unfollowable_redirect(host, joined)) from error


def _unfollowable_redirect(host: str, target: URL) -> str:
    """Why a redirect cannot be followed, in words that quote nothing the site wrote."""
    scheme = target.scheme.lower()
    target_host = safe_host(target.raw_host or "")
    if scheme in ALLOWED_SCHEMES or not target_host:
        return f"{host} redirected to an address with an invalid host name."
    opening = f"{host} redirected to {target_host}, a link Claimdeck cannot follow."
    if _SCHEME.fullmatch(scheme):
        return f"{opening} Only http and https links can be read (got {scheme})."
    return f"{opening} Only http and https links can be read."


def _parse_content_type(header: str) -> tuple[str, str | None]:
    mime = header.split(";", 1)[0].strip().lower()
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", header, re.IGNORECASE)
    return mime, (match.group(1) if match else None)


_FRIENDLY_TYPES = {
    "application/pdf": "a PDF",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
    "application/xml": "an XML document",
    "text/xml": "an XML document",
    "application/rss+xml": "an RSS feed",
    "application/atom+xml": "an Atom feed",
    "text/css": "a stylesheet",
    "text/javascript": "a script",
    "application/javascript": "a script",
    "text/csv": "a CSV spreadsheet",
}
_FRIENDLY_FAMILIES = {
    "image": "an image",
    "video": "a video",
    "audio": "an audio file",
    "font": "a font",
}


def _unsupported_message(mime: str) -> str:
    """Names the type only when it is a well-formed ``type/subtype``: the header is the site's."""
    if not _MEDIA_TYPE.fullmatch(mime):
        return "That page is a file of an unknown type; Claimdeck reads HTML articles."
    family = mime.split("/", 1)[0]
    friendly = _FRIENDLY_TYPES.get(mime) or _FRIENDLY_FAMILIES.get(family) or "a file"
    return f"That page is {friendly} ({mime}); Claimdeck reads HTML articles."


def _status_message(host: str, response: aiohttp.ClientResponse) -> str:
    status = response.status
    try:  # the standard phrase: the reason on the status line is the site's own text
        message = f"{host} answered {status} {HTTPStatus(status).phrase}."
    except ValueError:
        message = f"{host} answered with an unexpected status ({status})."
    if status in (401, 403, 407):
        message += " The site may require a login or refuse automated readers."
    elif status in (404, 410):
        message += " Check that the link is complete."
    elif status == 429:
        message += " The site is limiting requests; try again later."
    elif status >= 500:
        message += " The site has a problem; try again later."
    return message


def format_size(size: int) -> str:
    """Sizes as users read them: ``5 MB``, ``512 KB``, ``300 bytes``."""
    if size >= _MEGABYTE:
        value = size / _MEGABYTE
        return f"{value:g} MB" if value == int(value) else f"{value:.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def _timeout_error(host: str, seconds: float) -> FetchError:
    return FetchError(f"{host} did not answer within {seconds:g} s.")


def _client_error(host: str, error: aiohttp.ClientError, policy: FetchPolicy) -> FetchError:
    """Translate aiohttp's exceptions into sentences a chat user understands."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return _timeout_error(host, policy.connect_timeout)
    if isinstance(error, aiohttp.SocketTimeoutError):
        return _timeout_error(host, policy.read_timeout)
    if isinstance(error, aiohttp.ServerTimeoutError):
        return _timeout_error(host, policy.total_timeout)
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return FetchError(f"Could not find {host}: the name does not resolve.")
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return FetchError(f"{host} has an invalid security certificate; Claimdeck won't read it.")
    if isinstance(error, aiohttp.ClientSSLError):
        return FetchError(f"Could not make a secure (https) connection to {host}.")
    if isinstance(error, aiohttp.ClientConnectorError):
        code = error.os_error.errno
        if code == errno.ECONNREFUSED:
            detail = "connection refused"
        elif code in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            detail = "network unreachable"
        else:
            detail = (error.os_error.strerror or "network error").lower()
        return FetchError(f"Could not connect to {host} ({detail}).")
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return FetchError(f"{host} closed the connection before sending the whole page.")
    if isinstance(error, aiohttp.ClientResponseError):
        return FetchError(f"{host} sent a response Claimdeck could not understand.")
    return FetchError(f"Could not read {host} ({type(error).__name__}).")


class _Inflater:
    """Decompresses a body piece by piece, never producing more than ``limit`` + 1 bytes."""

    def __init__(self, encoding: str, host: str) -> None:
        self._encoding = encoding
        self._host = host
        self._members = 0
        self._zlib: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding not in ("deflate", "", "identity"):
            named = (
                repr(encoding) if _CONTENT_CODINGS.fullmatch(encoding) else "an unknown encoding"
            )
            raise UnsupportedContent(
                f"{host} sent the page compressed as {named}, which Claimdeck cannot read."
            )

    def feed(self, data: bytes, budget: int) -> bytes:
        if self._encoding in ("", "identity"):
            return data
        if self._zlib is None:  # deflate: zlib-wrapped per the RFC, raw in practice
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        output = bytearray()
        try:
            while data and len(output) <= budget:
                output += self._zlib.decompress(data, budget + 1 - len(output))
                if self._zlib.unconsumed_tail:
                    break  # output is full: the caller sees more than the budget
                data = self._zlib.unused_data if self._zlib.eof else b""
                if data:
                    self._members += 1
                    if self._members > _MAX_GZIP_MEMBERS:
                        break
                    self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        except zlib.error as error:
            raise FetchError(f"{self._host} sent a damaged compressed page.") from error
        return bytes(output)


async def _read_capped(response: aiohttp.ClientResponse, limit: int, host: str) -> bytes:
    """Read the body, stopping as soon as it (compressed or inflated) passes ``limit``."""
    too_large = TooLarge(f"The page is larger than {format_size(limit)}.")
    if response.content_length is not None and response.content_length > limit:
        raise too_large
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    inflater = _Inflater(encoding, host)
    body = bytearray()
    received = 0
    async for chunk in response.content.iter_any():
        received += len(chunk)
        if received > limit:
            raise too_large
        body += inflater.feed(chunk, limit - len(body))
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _looks_like_html(body: bytes) -> bool:
    start = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in start


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers read differently from Python (WHATWG Encoding Standard).
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]{1,40})", re.IGNORECASE
)


def _codec_for(label: str | None) -> str | None:
    """Python's codec for a charset label, or None when it is unknown or not a text codec."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    cleaned = _LABEL_ALIASES.get(cleaned, cleaned)
    try:
        info = codecs.lookup(cleaned)
        b"a".decode(info.name)  # rejects codecs that are not text encodings (base64, rot13)
    except (LookupError, ValueError):
        return None
    return info.name


def decode_body(body: bytes, header_charset: str | None, *, is_html: bool) -> str:
    """Decode a page: BOM, then the Content-Type charset, then <meta>, then detection.

    A byte-order mark wins over the header, as in browsers. Undecodable bytes become U+FFFD;
    an unknown or bogus charset label is skipped, so this never raises.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    codec = _codec_for(header_charset)
    if codec is None and is_html:
        match = _META_CHARSET.search(body[:_SNIFF_BYTES])
        if match:
            codec = _codec_for(match.group(1).decode("ascii"))
            if codec and codec.startswith("utf-16"):
                codec = "utf-8"  # a page that can declare itself in ASCII is not UTF-16
    if codec is None:
        codec = _detect_codec(body)
    try:
        return body.decode(codec, errors="replace")
    except (LookupError, UnicodeError):  # a codec with its own rules; never let it fail a fetch
        return body.decode("utf-8", errors="replace")


# What Western text in Windows-1252 shows besides ASCII: Latin-1 letters, and the punctuation
# and symbols of everyday prose (quotes, dashes, currency, degrees, fractions, ©, ™, ², º).
_WESTERN_SYMBOLS = frozenset("\xa0¡¢£¥§©«®°±²µ¶·»¼½¾¿×÷ªº€‚„…‘’“”•–—™‹›")
_WESTERN_MAX_FOREIGN_LETTERS = 0.25


def _plausible_windows_1252(body: bytes) -> bool:
    """True when ``body`` reads as Western-European text in Windows-1252 (or Latin-1).

    Every byte must be defined, no control character but tab and line breaks may appear, each
    character beyond ASCII must be a letter or a symbol of everyday prose, and those letters must
    be a minority (French or German use a few per sentence; Cyrillic or Greek bytes read in this
    code page become all accented Latin letters, and go on to detection instead).
    """
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = foreign_letters = 0
    for char in text:
        if char.isascii():
            if char.isalpha():
                letters += 1
            elif not char.isprintable() and char not in "\t\n\r\f":
                return False
        elif char.isalpha():
            letters += 1
            foreign_letters += 1
        elif char not in _WESTERN_SYMBOLS:
            return False
    return letters > 0 and foreign_letters <= _WESTERN_MAX_FOREIGN_LETTERS * letters


def _detect_codec(body: bytes) -> str:
    """No charset declared: UTF-8 when it decodes, then Windows-1252 (what Latin-1 means on the
    web) when the text reads as Western prose in it, and only then a statistical guess (which
    once read "£20,000" in a Latin-1 file as the Baltic code page's "Ż20,000")."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        cut_short = error.start >= len(body) - 3 and error.reason == "unexpected end of data"
        if cut_short and not body[: error.start].isascii():
            return "utf-8"  # UTF-8 text whose last character was cut off by the size cap
    else:
        return "utf-8"
    if _plausible_windows_1252(body[:65536]):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(body[:65536]).best()
    return _codec_for(best.encoding if best else None) or "cp1252"
