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

# Without a public suffix list, a registrable domain is approximated: the last two labels, or
# three under a country's common second level (bbc.co.uk, abc.net.au) or a shared host where
# every customer owns a subdomain (someone.github.io is not github.io).
_SECOND_LEVEL_LABELS = frozenset(
    {"ac", "co", "com", "edu", "go", "gob", "gov", "ltd", "mil", "ne", "net", "nic", "or", "org"}
    | {"plc", "sch"}
)
_SHARED_HOSTING = frozenset(
    {
        "appspot.com",
        "azurewebsites.net",
        "blogspot.com",
        "cloudfront.net",
        "firebaseapp.com",
        "ghost.io",
        "github.io",
        "gitlab.io",
        "herokuapp.com",
        "netlify.app",
        "pages.dev",
        "substack.com",
        "tumblr.com",
        "vercel.app",
        "web.app",
        "weebly.com",
        "wixsite.com",
        "wordpress.com",
    }
)

_QUERY_SAFE = "!$&'()*+,;=:@/?%[]~-._"  # everything already legal in a query stays as written
_HOST_CHARS = re.compile(r"[A-Za-z0-9_.-]+")
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")


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
    """The host as a user would recognise it in a message (``example.com``, ``::1``).

    An internationalised name is shown decoded (``bücher.example``) only when every character
    is a letter, digit, dot or hyphen; anything else falls back to the ASCII form.
    """
    decoded = (parsed.host or "").rstrip(".")
    if decoded and all(char.isalnum() or char in ".-_:" for char in decoded):
        return decoded
    return (parsed.raw_host or "").rstrip(".")


def safe_host(raw_host: str) -> str | None:
    """``raw_host`` lower-cased if it is a well-formed host name or IP address, else None.

    For naming a host that came from a page or a header (a redirect target) in a message:
    anything that is not plainly a host name is not repeated at all.
    """
    host = raw_host.strip().rstrip(".").lower()
    address = parse_ip_literal(host)
    if address is not None:
        return str(address)
    if len(host) > 253 or not _HOST_NAME.fullmatch(host):
        return None
    return host


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


def registrable_domain(host: str) -> str:
    """The part of ``host`` one owner controls, approximately: ``www.bbc.co.uk`` → ``bbc.co.uk``.

    An IP address is its own domain. Lower-cased, without a trailing dot.
    """
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name or parse_ip_literal(name) is not None:
        return name
    labels = name.split(".")
    country_second_level = (
        len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL_LABELS
    )
    shared_hosting = ".".join(labels[-2:]) in _SHARED_HOSTING
    return ".".join(labels[-3:] if country_second_level or shared_hosting else labels[-2:])


def same_site(host: str, other: str) -> bool:
    """True when both hosts are on one registrable domain (``m.bbc.co.uk`` and ``bbc.co.uk``)."""
    domain = registrable_domain(host)
    return bool(domain) and domain == registrable_domain(other)
