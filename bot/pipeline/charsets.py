"""Reading a fetched body as text, the way browsers do, without ever failing.

A byte-order mark wins, then the Content-Type charset, then a ``<meta>`` declaration, then
detection: UTF-8 when it decodes, Windows-1252 when the bytes read as Western prose in it, and
only then a statistical guess. Labels browsers read differently from Python (``iso-8859-1`` is
Windows-1252 on the web) are mapped first, and a bogus label is skipped, never trusted.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096

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
        match = _META_CHARSET.search(body[:SNIFF_BYTES])
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
