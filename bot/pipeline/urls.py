"""Web addresses: checking that a link is fetchable and reducing it to one canonical form.

The canonical form is the key for caching and de-duplication: two links to the same article that
differ only by tracking parameters, letter case, a default port or a fragment map to one key.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, unquote, urlsplit

from yarl import URL

from bot.errors import InvalidInput
from bot.pipeline.addresses import looks_numeric, parse_ip_literal

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that identify a campaign or a click, never the page itself.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "igshid",
        "igsh",
        "ref_src",
        "ref_url",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__hstc",
        "__hssc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "wickedid",
        "epik",
        "sr_share",
        "spm",
        "at_medium",
        "at_campaign",
        "cmpid",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_QUERY_SAFE = "!$&'()*+,;=:@/?%[]~-._"  # everything already legal in a query stays as written
_HOST_CHARS = re.compile(r"[A-Za-z0-9_.-]+")


def is_tracking_param(name: str) -> bool:
    """True for a query parameter that only tracks the click (``utm_source``, ``fbclid``…)."""
    key = unquote(name).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def parse_http_url(url: str) -> URL:
    """Parse a link the user gave; raise InvalidInput saying exactly why it cannot be fetched.

    Numeric IPv4 spellings (``http://2130706433/``) are rewritten to dotted form, as browsers do,
    so every later check sees the address that will really be contacted.
    """
    text = url.strip()
    shown = text if len(text) <= 80 else text[:77] + "…"
    if not text:
        raise InvalidInput("That link is empty; paste a full http:// or https:// address.")
    try:
        parsed = URL(text)
    except (ValueError, TypeError) as error:
        raise InvalidInput(f"That is not a valid web address ({shown}): {error}.") from error
    scheme = parsed.scheme.lower()
    if scheme and scheme not in ALLOWED_SCHEMES and "." not in scheme:
        raise InvalidInput(f"Only http and https links can be read (got {scheme}).")
    if scheme not in ALLOWED_SCHEMES or not text.lower().startswith(f"{scheme}://"):
        raise InvalidInput(
            f"That is not a full web address ({shown}); it must start with http:// or https://."
        )
    host = parsed.raw_host
    if not host:
        raise InvalidInput(f"That web address has no host name ({shown}).")
    if ":" in host:
        if parse_ip_literal(host) is None:
            raise InvalidInput(f"That web address has an invalid IPv6 address ({host}).")
        return parsed
    if looks_numeric(host):
        address = parse_ip_literal(host)
        if address is None:
            raise InvalidInput(f"That web address has an invalid IP address ({host}).")
        if str(address) != host:
            parsed = parsed.with_host(str(address))
        return parsed
    if not _HOST_CHARS.fullmatch(host) or ".." in host or host.startswith("."):
        raise InvalidInput(f"That web address has an invalid host name ({host}).")
    return parsed


def host_for_display(parsed: URL) -> str:
    """The host as a user would recognise it in a message (``example.com``, ``::1``)."""
    return (parsed.host or parsed.raw_host or "").rstrip(".")


def canonical_url(url: str) -> str:
    """The cache and de-duplication key of a link.

    Lower-cases scheme and host, drops the default port, the fragment, any user:password and
    tracking parameters (``utm_*``, ``fbclid``…), and keeps the other query parameters verbatim
    in their original order. Raises InvalidInput for a link that could not be fetched anyway.
    """
    parsed = parse_http_url(url)
    scheme = parsed.scheme.lower()
    host = (parsed.raw_host or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{ipaddress.IPv6Address(host.split('%', 1)[0]).compressed}]"
    port = parsed.explicit_port
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = parsed.raw_path or "/"
    kept = [
        quote(part, safe=_QUERY_SAFE)
        for part in urlsplit(url.strip()).query.split("&")  # verbatim, as the user wrote it
        if part and not is_tracking_param(part.split("=", 1)[0])
    ]
    query = f"?{'&'.join(kept)}" if kept else ""
    return f"{scheme}://{netloc}{path}{query}"
