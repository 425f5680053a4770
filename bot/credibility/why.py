"""Checking the "Why?" modal: a short rationale and an evidence link, stored with the vote.

Both come from a member and end up on other members' screens, so both are refused rather than
repaired when they hold anything that could mislead: control and bidirectional-override
characters (text that reads differently from what it is), links that are not plain public
http(s) pages (``javascript:``, ``data:``, ``user@host`` disguises, private and loopback
addresses, cloud metadata services). Escaping mentions and markdown stays the renderer's job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.credibility.errors import BadEvidenceLink, BadRationale, EmptyWhy
from bot.pipeline.addresses import blocked_reason, looks_numeric, parse_ip_literal

RATIONALE_LIMIT = 300
EVIDENCE_URL_LIMIT = 500

# Characters that reorder or hide text: bidi embeddings, overrides and isolates; line and
# paragraph separators. Zero-width joiners stay allowed: emoji sequences need them.
_DECEPTIVE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

LINK_HELP = "Paste the full address of a public web page, starting with https://."


def _forbidden_in_text(char: str) -> bool:
    if char in "\n\t":
        return False
    return char in _DECEPTIVE or unicodedata.category(char) in ("Cc", "Cs")


def check_rationale(text: str | None) -> str:
    """The rationale to store: trimmed, line breaks normalised, at most 300 characters.

    Returns "" for a blank rationale (a link alone is enough; :func:`check_why` decides).
    """
    if text is None:
        return ""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if any(_forbidden_in_text(c) for c in cleaned):
        raise BadRationale(
            "Your reason contains invisible control characters. Please type it as plain text."
        )
    if len(cleaned) > RATIONALE_LIMIT:
        raise BadRationale(
            f"Your reason is {len(cleaned)} characters long; keep it to {RATIONALE_LIMIT} "
            "(put the details behind the evidence link)."
        )
    return cleaned


def _forbidden_in_link(char: str) -> bool:
    return char.isspace() or char == "\\" or unicodedata.category(char) in ("Cc", "Cf", "Cs")


def _refuse(reason: str) -> BadEvidenceLink:
    return BadEvidenceLink(f"That evidence link {reason}. {LINK_HELP}")


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        raise _refuse("does not name a real web site") from None


def _check_host(host: str) -> None:
    address = parse_ip_literal(host)
    if address is not None:
        reason = blocked_reason(address)
        if reason is not None:
            raise BadEvidenceLink(
                f"That evidence link points at an address that is not public "
                f"({address}: {reason}). Link to a page anyone can open."
            )
        return
    if looks_numeric(host) or ":" in host:
        raise _refuse("has a malformed address")
    name = _ascii_host(host).rstrip(".")
    labels = name.split(".")
    if (
        len(name) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(part) for part in labels)
        or not _TOP_LEVEL.fullmatch(labels[-1])
    ):
        raise _refuse("does not name a real web site")
    if labels[-1] == "localhost":
        raise _refuse("points at the bot's own machine")


def check_evidence_url(text: str | None) -> str | None:
    """The evidence link to store, or None when blank; raises ``BadEvidenceLink``.

    Accepted: http or https, a real host name (with a dot) or a public IP address, no
    ``user@`` part, no spaces or control characters, at most 500 characters.
    """
    if text is None or not text.strip():
        return None
    url = text.strip()
    if len(url) > EVIDENCE_URL_LIMIT:
        raise _refuse(f"is {len(url)} characters long; the limit is {EVIDENCE_URL_LIMIT}")
    if any(_forbidden_in_link(c) for c in url):
        raise _refuse("contains spaces, backslashes or invisible characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refuse("is not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _refuse("is not a web page link (only http:// and https:// links are accepted)")
    if "@" in parts.netloc:
        raise _refuse("hides its real destination behind a user name (text before an at sign)")
    host = parts.hostname
    if not host:
        raise _refuse("has no web site in it")
    if port == 0:
        raise _refuse("has an invalid port")
    _check_host(host)
    return url


@dataclass(frozen=True, slots=True)
class Why:
    """What the modal stores with a vote: either part may be missing, not both."""

    rationale: str | None
    evidence_url: str | None


def check_why(rationale: str | None, evidence_url: str | None) -> Why:
    """Check both fields of the modal together; raises a ``WhyRefused`` with the sentence."""
    reason = check_rationale(rationale)
    link = check_evidence_url(evidence_url)
    if not reason and link is None:
        raise EmptyWhy("Write a short reason or paste an evidence link (or both).")
    return Why(rationale=reason or None, evidence_url=link)
