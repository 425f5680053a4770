"""Web addresses: checking that a link is fetchable and reducing it to one canonical form.

The canonical form is the key for caching and de-duplication: two links to the same article that
differ only by tracking parameters, letter case, a default port or a fragment map to one key.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
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
# A URL a page wrote is read only in the plain form every parser agrees on: scheme, "://", then
# a host (LDH labels or a bracketed IPv6 address) and an optional numeric port, then the rest.
_PAGE_URL = re.compile(
    r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?"
    r"(?P<rest>[/?#].*)?",
    re.IGNORECASE | re.DOTALL,
)
_MAX_PAGE_URL = 2048


def is_tracking_param(name: str) -> bool:
    """True for a query parameter that only tracks the click (``utm_source``, ``fbclid``…)."""
    key = unquote(name).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def to_url(text: str) -> URL:
    """yarl's URL, with every parsing failure raised as ValueError.

    yarl 1.25 raises IndexError for some malformed authorities (``https://[::1]@``), which would
    otherwise escape as an unexpected error instead of "not a valid web address".
    """
    try:
        return URL(text)
    except (IndexError, TypeError, UnicodeError) as error:
        raise ValueError("Invalid URL") from error


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
        parsed = to_url(text)
    except ValueError as error:
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


@dataclass(frozen=True, slots=True)
class PageURL:
    """An absolute http(s) address written by a page, with the host a browser would contact."""

    url: str
    scheme: str
    host: str
    """Lower-case, no trailing dot; an IP address in its standard form (IPv6 without brackets)."""
    port: int | None
    """The port written in the URL, if any."""

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.scheme]


def read_page_url(url: str) -> PageURL | None:
    """Read an address from a page's markup, or None when browsers could read it differently.

    Python's ``urlsplit`` and browsers (the WHATWG URL Standard) disagree on some spellings:
    ``https://www.reuters.com\\@evil.example/`` is evil.example to ``urlsplit`` and
    www.reuters.com to a browser; ``https:\\\\evil.example`` and ``https:evil.example`` have
    no host for ``urlsplit`` and evil.example for a browser. Rather than parse such spellings, this
    refuses them: a backslash anywhere, user info (``@``), a percent sign or any non-ASCII
    character in the host, a scheme other than http(s) or not followed by exactly "//", a port
    that is not a number up to 65535, and any control, format (bidi, zero-width) or space
    character. What is left reads the same to every parser.
    """
    text = url.strip()
    if not text or len(text) > _MAX_PAGE_URL or "\\" in text:
        return None
    if any(unicodedata.category(char)[0] in "CZ" for char in text):
        return None
    match = _PAGE_URL.fullmatch(text)
    if match is None:
        return None
    scheme = match["scheme"].lower()
    port = int(match["port"]) if match["port"] is not None else None
    if port is not None and port > 65535:
        return None
    host = _page_host(match["host"])
    if host is None:
        return None
    return PageURL(url=text, scheme=scheme, host=host, port=port)


def _page_host(written: str) -> str | None:
    """The host a browser reads from an ASCII host, or None where it would fail."""
    if written.startswith("["):
        try:
            return ipaddress.IPv6Address(written[1:-1]).compressed
        except ValueError:
            return None
    host = written.lower()
    host = host[:-1] if host.endswith(".") else host
    if not host or len(host) > 253 or any(not 0 < len(label) <= 63 for label in host.split(".")):
        return None
    if looks_numeric(host):  # a browser reads "0x7f.1" as 127.0.0.1, or fails
        address = parse_ip_literal(host)
        return str(address) if address is not None else None
    return host


def same_site_page_url(declared: str, fetched: str | None) -> PageURL | None:
    """``declared`` (a page's own canonical address) when it cannot pass the page off as another
    site's, else None.

    It must read plainly (see ``read_page_url``), be on the registrable domain of ``fetched``
    (the address the page really came from) and name no port other than the fetched one. A page
    with no fetched http(s) address (a local file) has nothing to spoof, so only the first rule
    applies.
    """
    page = read_page_url(declared)
    if page is None or not fetched:
        return page
    try:
        origin = to_url(fetched.strip())
    except ValueError:
        return None
    if origin.scheme.lower() not in ALLOWED_SCHEMES:
        return page
    origin_host = (origin.raw_host or "").lower().rstrip(".")
    if not origin_host or not same_site(page.host, origin_host):
        return None
    names_a_port = page.port is not None and page.port != DEFAULT_PORTS[page.scheme]
    return None if names_a_port and page.port != origin.port else page
