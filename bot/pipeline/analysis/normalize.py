"""What the parser reads: the article's text without what no reader needs.

spaCy's tokenizer peels prefixes and suffixes off each whitespace-free chunk one character at a
time, re-scanning the rest of the chunk each time: a 16 KB run of brackets took 23 s. No reader
needs a run of twenty identical punctuation marks or a "word" of thousands of characters, so
runs of punctuation are cut to three marks and very long chunks are broken up before the parse.
Ordinary prose is returned unchanged (the card quotes the article, so this must not reword it),
and line breaks are never added or removed, so paragraphs keep their numbers.
"""

from __future__ import annotations

import re

MAX_REPEAT = 3  # "!!!" and "..." survive; "!!!!!!!!" becomes "!!!"
MAX_MIXED_RUN = 6  # '.”)' and '?!”' survive; '"\'"\'"\'"' becomes '"\'"'
MAX_CHUNK = 200  # longer than any word or link a reader needs in a claim

# The same non-word, non-space character four or more times: "((((", "----", '""""'.
_RUN = re.compile(rf"([^\w\s])\1{{{MAX_REPEAT},}}")
# Any run of punctuation longer than prose ever has: "([{([{([{", "\"'\"'\"'".
_MIXED_RUN = re.compile(rf"[^\w\s]{{{MAX_MIXED_RUN + 1},}}")
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


def _break_chunk(match: re.Match[str]) -> str:
    chunk = match.group(0)
    return " ".join(chunk[i : i + MAX_CHUNK] for i in range(0, len(chunk), MAX_CHUNK))


def for_parsing(text: str) -> str:
    """``text`` with runs of punctuation cut to three marks and huge chunks broken up.

    Linear in the length of the text (both patterns are single passes without backtracking).
    """
    text = _RUN.sub(lambda m: m.group(1) * MAX_REPEAT, text)
    text = _MIXED_RUN.sub(lambda m: m.group(0)[:MAX_REPEAT], text)
    return _LONG_CHUNK.sub(_break_chunk, text)


MAX_PIECE = 2_000  # characters parsed at once: a long paragraph, well past any real sentence
_PARAGRAPH = re.compile(r"[^\n]*\n+|[^\n]+")


def pieces_for_parsing(text: str) -> list[str]:
    """The text as paragraphs, each no longer than ``MAX_PIECE``; joined, they are ``text``.

    Parsed one by one, no sentence runs across a paragraph break, and a paragraph of thousands
    of tokens with no full stop (which the parser handles more slowly per token the longer it
    gets) is cut at the last sentence end, else the last space, before the limit.
    """
    pieces: list[str] = []
    for paragraph in _PARAGRAPH.findall(text):
        while len(paragraph) > MAX_PIECE:
            window = paragraph[:MAX_PIECE]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 2
            if cut < MAX_PIECE // 2:
                cut = window.rfind(" ") + 1
            if cut < MAX_PIECE // 2:
                cut = MAX_PIECE
            pieces.append(paragraph[:cut])
            paragraph = paragraph[cut:]
        if paragraph:
            pieces.append(paragraph)
    return pieces
