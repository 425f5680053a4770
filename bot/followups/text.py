"""Text folding shared by party matching, subject overlap and page re-checks.

Articles spell the same words many ways: curly or straight apostrophes, accents, "U.S." or "US",
British or American spelling. Everything that compares text goes through these helpers so the
comparisons agree with each other.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
})

# "U.S." / "US" / "USA" in capitals are the country; "us" in lower case is a pronoun.
_US = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA?\b")
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# British spellings mapped to one form so "defence" and "defense" compare equal.
SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "centre": "center",
    "labour": "labor",
    "kiev": "kyiv",
}


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """NFKC, straight quotes and dashes, accents removed, "U.S." as one word; case kept."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _US.sub(" United States ", text)
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    return strip_accents(text)


def fold(text: str) -> str:
    """``clean`` plus case folding and collapsed whitespace: the form texts are compared in."""
    return " ".join(clean(text).casefold().split())


def words(text: str) -> list[str]:
    """Words of already-cleaned text, possessives dropped ("China's" -> "China")."""
    out = []
    for word in _WORD.findall(text):
        if word.endswith(("'s", "'S")):
            word = word[:-2]
        out.append(word.replace("'", ""))
    return [w for w in out if w]


def spell(word: str) -> str:
    """One spelling for words that British and American English write differently."""
    return SPELLING.get(word, word)
