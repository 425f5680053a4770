"""A light language detector: enough to tell an English article from a German or French one.

The pipeline only needs to know whether a text is English (what the spaCy model reads) and, if
not, which language to name in a message. Counting the most frequent function words does that
reliably for a paragraph or more, without a model download or another dependency. Scripts other
than Latin are recognised by their Unicode ranges. Short or ambiguous texts fall back to the
page's declared language (``<html lang>``), else ``None``.
"""

from __future__ import annotations

import re
from collections import Counter

# The most frequent function words of each language, chosen to overlap little with each other.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to in is that for it was on with he as his are by be this have from "
        "at or had but not which were they been has their said would who will an its".split()
    ),
    "de": frozenset(
        "der die und das ist nicht ein eine zu den von mit sich des auf für im dem "
        "auch es an werden aus er hat dass sie nach wird bei einer um noch wie über".split()
    ),
    "fr": frozenset(
        "le la les et des est un une du dans que qui pour pas sur au il elle ne se "
        "par plus avec sont ce cette ont été aux leur mais son sa ses nous".split()
    ),
    "es": frozenset(
        "el la los las y de que en un una por con para es del se lo al como más "
        "pero sus su le ha fue este esta son está muy también entre sin sobre".split()
    ),
    "it": frozenset(
        "il lo la gli le di che è un una per non del della con sono nel alla anche "
        "si dei delle ha come più ma questo questa al da stato essere".split()
    ),
    "pt": frozenset(
        "o os as de que não um uma para com do da dos das em no na se por mais "
        "foi ao como mas ele ela são também está pelo pela seu sua".split()
    ),
    "nl": frozenset(
        "de het een en van is dat niet op te zijn met voor er aan ook als bij "
        "maar om door naar dan nog wel wordt worden heeft hij zij".split()
    ),
}

_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _code, _words in _STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _code)

_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese also uses Han characters
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
)

# Languages sharing a script: the page's declared language picks among them (Ukrainian text is
# not told from Russian here, but a page that says lang="uk" is believed).
_SCRIPT_SIBLINGS: dict[str, frozenset[str]] = {
    "ru": frozenset({"ru", "uk", "bg", "sr", "mk", "be", "kk"}),
    "ar": frozenset({"ar", "fa", "ur", "ps"}),
    "zh": frozenset({"zh", "ja"}),
    "he": frozenset({"he", "yi"}),
}

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile("|".join(pattern.pattern for _, pattern in _SCRIPTS))
_SAMPLE_CHARS = 2000  # a few paragraphs decide; reading a whole long article adds only time
_MIN_STOPWORD_HITS = 3
_MIN_DENSITY = 0.12  # function words are a third of running text in the listed languages
_MIN_LEAD = 1.5  # the winner must beat the runner-up by this factor to be trusted


_TEXT_SAMPLE_CHARS = 8000
_MAX_BINARY_SHARE = 0.02
_MAX_ASCII_TOKEN = 20
_MIN_LETTER_SHARE = 0.3
# Controls, U+FFFD, private use and lone surrogates: what bytes that are not text decode to. Left
# out: whitespace, and escape, bell and CSI, which a hostile text uses to drive a terminal (they
# are stripped later, and what is left is still text); a binary file shows the whole range.
_NOT_TEXT = re.compile(
    "[\x00-\x06\x08\x0e-\x1a\x7f-\x9a\x9c-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff"
    "\U000f0000-\U0010ffff]"
)
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def reads_as_language(text: str) -> bool:
    """False for "text" that is not writing in any language: bytes of a binary file decoded as
    characters, an encoded blob (base64, hex), or mostly digits and symbols.

    Three signs, each far from what any written language shows: more than 2% of the visible
    characters (and more than two) are controls, U+FFFD, private-use or surrogate code points
    (a stray broken character is forgiven; random bytes give 3.5% and more from 100 bytes on;
    prose gives none); Latin-script text whose space-separated tokens average more than 20
    characters (words average about 5; base64 has no spaces); or fewer than 30% letters.
    Scripts written without spaces (Chinese, Japanese) pass the second test: their letters are
    not ASCII. Only the first 8,000 characters are looked at.
    """
    tokens = text[:_TEXT_SAMPLE_CHARS].split()
    visible = "".join(tokens)
    if not visible:
        return False
    if len(_NOT_TEXT.findall(visible)) > max(2, _MAX_BINARY_SHARE * len(visible)):
        return False
    letters = len(_LETTER.findall(visible))
    if letters < _MIN_LETTER_SHARE * len(visible):
        return False
    mostly_ascii = len(_ASCII_LETTER.findall(visible)) >= 0.9 * letters
    return not (mostly_ascii and len(visible) > _MAX_ASCII_TOKEN * len(tokens))


def declared_language(lang_attribute: str | None) -> str | None:
    """ISO 639-1 code from an ``<html lang>`` value such as "en-US" (None when unusable)."""
    if not lang_attribute:
        return None
    code = lang_attribute.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``: judged from the text when it is clear, else ``declared``.

    ``declared`` is the page's own claim (an ``<html lang>`` value or a code); pages often keep
    a template's "en" on foreign-language articles, so the text wins whenever it is decisive.
    """
    fallback = declared_language(declared)
    sample = text[:_SAMPLE_CHARS]
    script = _non_latin_script(sample)
    if script:
        return fallback if fallback in _SCRIPT_SIBLINGS.get(script, ()) else script
    words = Counter(_WORD.findall(sample.lower()))
    hits: Counter[str] = Counter()
    for word, count in words.items():
        for code in _LANGUAGES_OF_WORD.get(word, ()):
            hits[code] += count
    ranked = hits.most_common(2)
    if not ranked or ranked[0][1] < max(_MIN_STOPWORD_HITS, _MIN_DENSITY * words.total()):
        return fallback  # too short, or a language without a list here (its words rarely match)
    best, best_hits = ranked[0]
    runner_up_hits = ranked[1][1] if len(ranked) > 1 else 0
    if best_hits >= _MIN_LEAD * runner_up_hits:
        return best
    return fallback if fallback in (best, ranked[1][0]) else best


def _non_latin_script(sample: str) -> str | None:
    """The language of a non-Latin script when it makes up a good share of the letters."""
    foreign = len(_NON_LATIN.findall(sample))
    if not foreign:  # the common case, decided by one C-level scan
        return None
    letters = len(_LETTER.findall(sample))
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) > 0.3 * letters:
            return code
    return None
