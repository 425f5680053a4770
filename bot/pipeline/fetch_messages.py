"""The sentences a failed fetch shows, in words that quote nothing the site wrote.

Header values and status lines are the site's text: a message names one only when it has the
shape of a real value, so "[Claim your prize](https://…)" can never become a link in the bot's
own message.
"""

from __future__ import annotations

import errno
import re
from http import HTTPStatus
from typing import Protocol

import aiohttp
from yarl import URL

from bot.errors import FetchError
from bot.pipeline.urls import ALLOWED_SCHEMES, safe_host


class Timeouts(Protocol):
    """The limits a timeout message names (``FetchPolicy`` has them)."""

    connect_timeout: float
    read_timeout: float
    total_timeout: float


# Media types follow RFC 6838's restricted-name (a subset of RFC 7231's token characters that
# leaves out Discord markup such as * ` | ~), each part capped at 64 characters.
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,19}")


def unfollowable_redirect(host: str, target: URL) -> str:
    """Why a redirect cannot be followed, in words that quote nothing the site wrote."""
    scheme = target.scheme.lower()
    target_host = safe_host(target.raw_host or "")
    if scheme in ALLOWED_SCHEMES or not target_host:
        return f"{host} redirected to an address with an invalid host name."
    opening = f"{host} redirected to {target_host}, a link Claimdeck cannot follow."
    if _SCHEME.fullmatch(scheme):
        return f"{opening} Only http and https links can be read (got {scheme})."
    return f"{opening} Only http and https links can be read."


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


def unsupported_message(mime: str) -> str:
    """Names the type only when it is a well-formed ``type/subtype``: the header is the site's."""
    if not _MEDIA_TYPE.fullmatch(mime):
        return "That page is a file of an unknown type; Claimdeck reads HTML articles."
    family = mime.split("/", 1)[0]
    friendly = _FRIENDLY_TYPES.get(mime) or _FRIENDLY_FAMILIES.get(family) or "a file"
    return f"That page is {friendly} ({mime}); Claimdeck reads HTML articles."


def status_message(host: str, response: aiohttp.ClientResponse) -> str:
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


def timeout_error(host: str, seconds: float) -> FetchError:
    return FetchError(f"{host} did not answer within {seconds:g} s.")


def client_error(host: str, error: aiohttp.ClientError, policy: Timeouts) -> FetchError:
    """Translate aiohttp's exceptions into sentences a chat user understands."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return timeout_error(host, policy.connect_timeout)
    if isinstance(error, aiohttp.SocketTimeoutError):
        return timeout_error(host, policy.read_timeout)
    if isinstance(error, aiohttp.ServerTimeoutError):
        return timeout_error(host, policy.total_timeout)
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
