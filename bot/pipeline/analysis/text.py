"""Turning sets of tokens into the text an editor reads, and finding quotations."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.doc_index import token_texts

JOINING_PUNCT = frozenset({"-", "/", "&", "'", "’", "."})
FRAME_PREPOSITIONS = frozenset({"in", "on", "during", "via", "after", "before"})
_EDGE_PUNCT = set(",;:—–-\"'“”‘’()[]") | {"--"}
OPEN_QUOTES = frozenset("“«„")
CLOSE_QUOTES = frozenset("”»")
STRAIGHT_QUOTES = frozenset(['"', "''", "``"])
QUOTE_MARK_TEXTS = OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES
NAME_EDGE_MARKS = '"“”«»„'
# What opens a quotation in a tokenised text: the straight and curly double marks (one set,
# read alike by refine, trailing and reported).
OPENING_MARKS = frozenset({'"', "“", "``"})
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_DOUBLED_PUNCT = re.compile(r"([,;:])(?:\s*[,;:])+")


def tokens_text(doc: Doc, start: int, end: int, skip: Collection[int] = ()) -> str:
    """Text of ``doc[start:end]`` minus ``skip``, with edge punctuation and spaces trimmed.

    ``skip`` removes an attribution that interrupts the content ("the plan, Mayer said, will
    …") so the editor reads the claim alone.
    """
    texts, spaces, blank = token_texts(doc)
    kept = [i for i in range(start, end) if i not in skip] if skip else list(range(start, end))

    def is_edge(i: int) -> bool:
        return blank[i] or texts[i] in _EDGE_PUNCT

    while kept and is_edge(kept[0]):
        kept.pop(0)
    while kept and (is_edge(kept[-1]) or _dangling_conjunction(doc[kept[-1]])):
        kept.pop()  # "crews were working around the clock but" [warned that …]
    if len(kept) > 1 and texts[kept[-1]] == ".":
        kept.pop()
    opener = doc[kept[0]] if kept else None
    if (
        len(kept) > 1
        and opener is not None
        and opener.lower_ == "that"
        and (
            opener.dep_ == "mark" or opener.tag_ == "IN"  # a complementizer, however it hangs
        )
    ):
        kept.pop(0)
    if not kept:
        return ""
    pieces: list[str] = []
    for position, i in enumerate(kept):
        last = position == len(kept) - 1
        joined = last or kept[position + 1] == i + 1
        pieces.append(texts[i] if last else texts[i] + spaces[i] if joined else texts[i] + " ")
    text = "".join(pieces).strip()
    if len(kept) < kept[-1] - kept[0] + 1:
        text = _DOUBLED_PUNCT.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", text))
    if text.count("“") > text.count("”"):
        text += "”"
    if text.count('"') % 2 and text.rfind('"') in {0, text.rfind(' "') + 1}:
        text += '"'  # the closing mark was trimmed as edge punctuation
    return text


def _dangling_conjunction(token: Token) -> bool:
    return token.dep_ == "cc" or token.lower_ in {"and", "but", "or", "yet"}


# No name or description an editor reads is longer: a phrase is read within this many tokens of
# its head, so a subject heading a run-on "sentence" costs a window, not the whole run.
MAX_PHRASE_TOKENS = 40


def _window(token: Token) -> tuple[int, int]:
    """The part of the (contiguous, projective) subtree near ``token``."""
    start = max(token.left_edge.i, token.i - MAX_PHRASE_TOKENS)
    end = min(token.right_edge.i + 1, token.i + MAX_PHRASE_TOKENS + 1)
    return start, end


def subtree_text(token: Token, exclude: Iterable[Token] = ()) -> str:
    """The subtree's text without the excluded children, wherever they lie in it ("Ana Ruiz,
    the company's founder, in an interview" without the apposition and the frame)."""
    start, end = _window(token)
    skip: set[int] = set()
    for child in exclude:
        if child.i != token.i:
            skip.update(range(max(child.left_edge.i, start), min(child.right_edge.i + 1, end)))
    skip.discard(token.i)
    return tokens_text(token.doc, start, end, skip)


def noun_phrase_text(token: Token, without: Iterable[Token] = ()) -> str:
    """The noun phrase headed by ``token`` without relative clauses, appositions or lists.

    "a senior official, who spoke on condition of anonymity" reads as "a senior official".
    Children are found inside the phrase's window (``Token.children`` walks the whole subtree).
    """
    drop = {"relcl", "acl", "appos", "advcl", "conj", "cc", "parataxis"}
    doc = token.doc
    start, end = _window(token)
    dropped: list[Token] = []
    cut = start
    for i in range(start, end):
        child = doc[i]
        head = child.head.i
        if head == token.i and i < token.i and child.text in {",", ";"}:
            if _place_comma(child):
                continue  # "the Toledo, Ohio-based system": the comma is part of the name
            # "x, Ana Ruiz": what a comma before the head sets off is no part of the name;
            # skipping only the comma would join the two into words the text never had
            cut = i + 1
        if head != token.i or i == token.i:
            # "a spokesperson for Halvorsen Group, which owns the plant": a relative clause
            # deeper in the phrase is no part of the name either.
            if child.dep_ == "relcl" and i != token.i:
                dropped.append(child)
            continue
        if (
            child.dep_ in drop
            or (child.dep_ == "punct" and child.text not in JOINING_PUNCT)  # "al-Islam"
            # "Ana Ruiz, …, in an interview": a phrase set off by a comma is not the name
            or (child.dep_ == "prep" and i > token.i and doc[i - 1].text == ",")
            # "officials there", or a quoted word the parser hung on the name: not the name
            or (child.dep_ == "advmod" and i > token.i)
            or (
                child.dep_ == "prep"
                and token.pos_ == "PROPN"
                and child.lower_ in FRAME_PREPOSITIONS
            )
        ):
            dropped.append(child)
    dropped.extend(doc[i] for i in range(start, cut))
    # a name carries no quotation mark: one glued to a word ('"a') is noise, and the mark
    # ``tokens_text`` adds to close a quotation would be a character the text never had there
    return subtree_text(token, [*dropped, *without]).strip(NAME_EDGE_MARKS).strip()


def _place_comma(comma: Token) -> bool:
    """ "Toledo, Ohio": a comma glued to one proper noun and followed by another names a place
    by its city and state."""
    doc = comma.doc
    return (
        comma.text == ","
        and 0 < comma.i < len(doc) - 1
        and not doc[comma.i - 1].whitespace_
        and bool(comma.whitespace_)
        and doc[comma.i - 1].pos_ == "PROPN"
        and doc[comma.i + 1].pos_ == "PROPN"
    )


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of quotations, marks excluded; curly and straight quotes.

    A quotation may run over several sentences; an unclosed quotation ends at the paragraph.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for token in doc:
        text = token.text
        if "\n" in text and open_at is not None:
            if token.i > open_at + 1:
                spans.append((open_at + 1, token.i))
            open_at = None
            continue
        if text in OPEN_QUOTES:
            open_at = token.i
        elif text in CLOSE_QUOTES or (text in STRAIGHT_QUOTES and open_at is not None):
            if open_at is not None and token.i > open_at + 1:
                spans.append((open_at + 1, token.i))
            open_at = None
        elif text in STRAIGHT_QUOTES:
            open_at = token.i
    return spans


def straight_quotes(doc: Doc, start: int, end: int) -> int:
    """How many straight double quotation marks the tokens ``start:end`` hold (one sentence:
    linear over the claims of a Doc, at most MAX_CLAIMS_PER_SENTENCE per sentence)."""
    return sum(1 for token in doc[start:end] if token.text == '"')


MAX_QUOTE_GAP = 40  # a subject this far before its verb is read no further


def quoted_away(subject: Token, verb: Token) -> bool:
    """'said the pace reflected "the care taxpayers expect" and insisted …': a subject before
    its verb with a quotation boundary between them (an odd number of marks) lies inside a
    quotation the verb is outside of. A quotation's words are never its speaker."""
    if subject.i >= verb.i or verb.i - subject.i > MAX_QUOTE_GAP:
        return False
    doc = subject.doc
    marks = [t for t in doc[subject.i + 1 : verb.i] if t.text in QUOTE_MARK_TEXTS]
    return len(marks) % 2 == 1 and any(t.text not in OPEN_QUOTES for t in marks)
