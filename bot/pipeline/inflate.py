"""Reading a response body under a size cap, inflating gzip and deflate piece by piece.

The cap applies to the bytes on the wire and to the inflated bytes alike, so a gzip bomb (1 GB
of zeros in 1 MB) stops at the cap without ever being inflated in memory.
"""

from __future__ import annotations

import re
import zlib

import aiohttp

from bot.errors import FetchError, TooLarge, UnsupportedContent

_MEGABYTE = 1024 * 1024
_MAX_GZIP_MEMBERS = 64
_CONTENT_CODING = r"[a-z0-9][a-z0-9_.+-]{0,31}"
_CONTENT_CODINGS = re.compile(rf"{_CONTENT_CODING}(?:\s*,\s*{_CONTENT_CODING}){{0,3}}")


def format_size(size: int) -> str:
    """Sizes as users read them: ``5 MB``, ``512 KB``, ``300 bytes``."""
    if size >= _MEGABYTE:
        value = size / _MEGABYTE
        return f"{value:g} MB" if value == int(value) else f"{value:.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


class Inflater:
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


async def read_capped(response: aiohttp.ClientResponse, limit: int, host: str) -> bytes:
    """Read the body, stopping as soon as it (compressed or inflated) passes ``limit``."""
    too_large = TooLarge(f"The page is larger than {format_size(limit)}.")
    if response.content_length is not None and response.content_length > limit:
        raise too_large
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    inflater = Inflater(encoding, host)
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
