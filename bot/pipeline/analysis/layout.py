"""Page furniture: the lines of an article that are not running text.

A dateline ("WASHINGTON (AP) —"), a byline ("By Jane Smith, Associated Press"), an ALL-CAPS
kicker ("BREAKING:") and a headline left in the body by the extractor name places, reporters
and topics, never who said something. The parser reads a dateline as the subject of the
sentence it opens ("WASHINGTON said …") and a title-case headline as a list of names ("Mayor
Vows …"), so these lines are found here, kept out of the parse of the sentence they open
(``split_dateline``), and never offered as speakers or antecedents (``furniture``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from bot.pipeline.analysis.doc_index import doc_text

# "WASHINGTON (AP) —", "NAIROBI, Kenya (AP) —", "PARIS, Oct 3 (Reuters) -", "CAIRO —",
# "ST. LOUIS --", "NEW DELHI:", "BREAKING:": an ALL-CAPS place or kicker, then optional
# ", Region" / ", Date" parts and an outlet in brackets, then a dash or a colon.
_CAPS_WORD = r"[A-Z][A-Z.'’&/\-]*[A-Z.]"
_PART = r"[A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Z0-9][A-Za-z0-9.'’\-]*){0,2}"
_OUTLET = r"\([A-Z][^()\n]{0,40}\)"
# After an ALL-CAPS place an outlet may sit between dashes with no spaces ("SAN JOSE,
# Calif.--(BUSINESS WIRE)--Veridian …", a press-release wire).
_PLACE_OUTLET = r"(?:--)?\([A-Z][^()\n]{0,40}\)"
_TIGHT_DASH = r"(?:--|—|–)(?=[A-Z])"
# A date with no city before the outlet: "Oct 9 (Reuters) -", "Sept. 14, 2025 (AP) —".
_DATE = r"[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
# An em or en dash may touch the next word ("WASHINGTON—The"); a hyphen needs a space, or
# "COVID-19 cases rose" would read as a dateline.
_DASH = r"(?:(?:—|–)|(?:--|-)(?=[ \t]))"
_DATELINE = re.compile(
    rf"""[ \t]*(?:
        {_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}}(?:,[ \t]*{_PART}){{0,2}}
            [ \t]*(?:{_PLACE_OUTLET}[ \t]*)?(?:{_DASH}|{_TIGHT_DASH}|:(?=[ \t]))
      | (?:(?:{_DATE}|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,2}}(?:,[ \t]*{_PART}){{0,2}})[ \t]*)?
            {_OUTLET}[ \t]*{_DASH}
    )[ \t]*(?=\S)""",
    re.VERBOSE,
)
# "By Jane Smith", "By JANE SMITH and OMAR ALI, Associated Press", "Reporting by …".
_BYLINE = re.compile(
    r"[ \t]*(?:\(?(?:Reporting|Writing|Editing|Additional reporting)[ \t]+by|By)[ \t]+[A-Z]"
)
MAX_BYLINE_WORDS = 14
MAX_HEADLINE_WORDS = 20
_SENTENCE_END = frozenset(".!?…:;\"'”’»)]")


def dateline_length(paragraph: str) -> int:
    """Characters of the dateline or kicker that opens ``paragraph`` (0 when there is none)."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return 0
    return match.end() if match.end() < len(paragraph.rstrip()) else 0


def split_dateline(piece: str) -> list[str]:
    """``piece`` (the start of a paragraph) as [dateline, rest], or [piece] without one."""
    cut = dateline_length(piece)
    return [piece[:cut], piece[cut:]] if cut else [piece]


def _is_byline(text: str, words: int, has_verb: bool) -> bool:
    """ "By Jane Smith, Associated Press", but not "By Monday, the rebels had fled." """
    if words > MAX_BYLINE_WORDS or _BYLINE.match(text) is None:
        return False
    return not (has_verb and text.lstrip().startswith("By"))


def _is_caps_line(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


def _is_headline(tokens: Span, words: int) -> bool:
    """A short line with no sentence end, followed by more text, that reads as a title: in
    Title Case ("Fed Says Rates Will Stay High"), or in headline grammar, without an opening
    article or a past tense ("Mayor vows to fix roads"). "The minister said the plan would be
    dropped" is a sentence whose full stop went missing."""
    stripped = tokens.text.rstrip()
    if not 0 < words <= MAX_HEADLINE_WORDS or stripped[-1] in _SENTENCE_END:
        return False
    alphabetic = [t for t in tokens if t.is_alpha]
    capitalised = sum(1 for t in alphabetic if t.text[0].isupper())
    if alphabetic and capitalised >= 0.6 * len(alphabetic) and len(alphabetic) > 1:
        return True
    opens_like_prose = tokens[0].pos_ in {"DET", "PRON"}
    return not opens_like_prose and not any(t.tag_ == "VBD" for t in tokens)


def furniture(doc: Doc) -> list[bool]:
    """For every token, whether it lies in a dateline, byline, kicker or headline.

    Computed once per Doc, one pass over its paragraphs (the last paragraph is never a
    headline: a one-line text is a sentence with its full stop missing).
    """
    cached = doc.user_data.get(_KEY)
    if cached is not None and len(cached) == len(doc):
        return cached
    marks = [False] * len(doc)
    paragraphs = _paragraphs(doc)
    whole_text = doc_text(doc)  # built from every token on each access: once per Doc
    for number, (start, end) in enumerate(paragraphs):
        if start == end:
            continue
        first_char = doc[start].idx
        text = whole_text[first_char : doc[end - 1].idx + len(doc[end - 1].text)]
        words = sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end])
        last = number == len(paragraphs) - 1
        whole = (
            _is_byline(text, words, has_verb)
            or (_is_caps_line(text) and not last)
            or (not last and _is_headline(doc[start:end], words))
        )
        cut = doc[end - 1].idx + 1 if whole else first_char + dateline_length(text)
        for i in range(start, end):
            if doc[i].idx >= cut:
                break
            marks[i] = True
    doc.user_data[_KEY] = marks
    return marks


_KEY = "claimdeck.furniture"


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs, newline tokens left out."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if "\n" in token.text:
            ranges.append((start, token.i))
            start = token.i + 1
        elif "\n" in token.whitespace_:
            ranges.append((start, token.i + 1))
            start = token.i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return [(s, e) for s, e in ranges if any(not doc[i].is_space for i in range(s, e))]


_BREAKS = "claimdeck.paragraph_breaks"
_SENTENCES = "claimdeck.sentences"


def paragraph_breaks(doc: Doc) -> list[int]:
    """Sorted indices of the tokens that hold a newline (paragraph separators), found from the
    text's characters once per Doc (listing every token object is the slow way)."""
    cached = doc.user_data.get(_BREAKS)
    if cached is not None:
        return cached
    starts = [int(i) for i in doc.to_array("IDX")] if len(doc) else []
    breaks: list[int] = []
    text = doc_text(doc)
    position = text.find("\n")
    while position != -1:
        token = bisect_right(starts, position) - 1
        if token >= 0 and (not breaks or breaks[-1] != token):
            breaks.append(token)
        position = text.find("\n", position + 1)
    doc.user_data[_BREAKS] = breaks
    return breaks


def paragraph_of(breaks: list[int], i: int) -> int:
    """Paragraph number of token ``i`` (a newline token closes its paragraph)."""
    return bisect_left(breaks, i)


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Starts and ends of the Doc's sentences, listed once per Doc."""
    cached = doc.user_data.get(_SENTENCES)
    if cached is None:
        sentences = list(doc.sents)
        cached = ([s.start for s in sentences], [s.end for s in sentences])
        doc.user_data[_SENTENCES] = cached
    return cached


def sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """Bounds of the sentence holding token ``i``; ``Token.sent`` walks the whole sentence."""
    starts, ends = sentence_bounds(doc)
    number = bisect_right(starts, i) - 1
    return starts[number], ends[number]


def within_paragraph(breaks: list[int], start: int, end: int, anchor: int) -> tuple[int, int]:
    """Clip content to the anchor's paragraph: a misparse must not swallow the next one.

    ``breaks`` comes from :func:`paragraph_breaks`; bisecting it keeps this constant-time
    however long the paragraph.
    """
    before = bisect_left(breaks, anchor) - 1
    if before >= 0 and breaks[before] >= start:
        start = breaks[before] + 1
    after = bisect_left(breaks, max(anchor, start))
    if after < len(breaks) and breaks[after] < end:
        end = breaks[after]
    return start, max(end, start)
