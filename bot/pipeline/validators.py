"""Cache validators (``ETag``, ``Last-Modified``) for conditional re-fetches.

Re-checking an article every few hours should cost the site a ``304 Not Modified`` when nothing
changed. The validators come from the site and go back to it in ``If-None-Match`` and
``If-Modified-Since``, and they are kept in the store between, so both directions are checked:
a value is kept only when it has the shape the HTTP standard gives it (RFC 9110 §8.8), capped in
length; anything else is dropped and the next re-fetch is simply unconditional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from email.utils import format_datetime, parsedate_to_datetime

MAX_ETAG_CHARS = 200
# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc is visible ASCII except the quote (obs-text
# left out: a validator we send back must be plain ASCII).
_ETAG = re.compile(rf'(?:W/)?"[!#-~]{{0,{MAX_ETAG_CHARS}}}"')
_MAX_DATE_CHARS = 64


def clean_etag(value: object) -> str | None:
    """The entity tag if ``value`` is a well-formed one (weak or strong), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if _ETAG.fullmatch(value) else None


def clean_last_modified(value: object) -> str | None:
    """``value`` as an IMF-fixdate ("Tue, 17 Jun 2025 08:00:00 GMT") if it is an HTTP date at
    all (the two obsolete forms are accepted and rewritten), else None."""
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_DATE_CHARS:
        return None
    if any(not (ch.isascii() and ch.isprintable()) for ch in value):
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # HTTP dates are GMT; "-0000" parses as naive
    try:
        return format_datetime(when.astimezone(UTC), usegmt=True)
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True, slots=True)
class Validators:
    """What a previous fetch of a page returned, to ask "changed since?"."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def of(cls, etag: object = None, last_modified: object = None) -> Validators:
        return cls(clean_etag(etag), clean_last_modified(last_modified))

    def __bool__(self) -> bool:
        return self.etag is not None or self.last_modified is not None

    def headers(self) -> dict[str, str]:
        """The conditional request headers (none when there is nothing to compare with)."""
        headers = {}
        if self.etag is not None:
            headers["If-None-Match"] = self.etag
        if self.last_modified is not None:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def response_validators(headers: object) -> Validators:
    """The validators a response carries (its ``ETag`` and ``Last-Modified`` headers)."""
    get = getattr(headers, "get", None)
    if get is None:
        return Validators()
    return Validators.of(get("ETag"), get("Last-Modified"))

