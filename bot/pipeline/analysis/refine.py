"""Second pass over raw claims: quotations, nested reports, and duplicates.

Runs after every claim in the document is known, because each rule looks at neighbours:
a quotation paragraph continues the previous speaker, and an agentless "X has been accused of
…" next to the named accusation is the same accusation. Nested reports ("Reuters reported that
officials said …") are ``nesting``'s.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.attribution import SpeechEvent
from bot.pipeline.analysis.layout import (
    paragraph_breaks,
    paragraph_of,
    sentence_bounds,
    sentence_of,
)
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_VERBS,
)
from bot.pipeline.analysis.raw import MAX_CLAIM_TOKENS, RawClaim
from bot.pipeline.analysis.text import OPENING_MARKS as TEXT_OPENING_MARKS

MIN_QUOTE_TOKENS = 4
OPENING_MARKS = TEXT_OPENING_MARKS | {"‘"}  # a single curly mark opens one here too
CONTEXT_SENTENCES = 2
MAX_CONTEXT_TOKENS = 300


def _word_count(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))


def clip_long_claims(doc: Doc, claims: list[RawClaim]) -> None:
    """Cut over-long claims at the last sentence end that fits (or at the limit), and their
    context sentence to a window around them."""
    starts = sentence_bounds(doc)[0]
    for claim in claims:
        if claim.end - claim.start > MAX_CLAIM_TOKENS:
            limit = claim.start + MAX_CLAIM_TOKENS
            boundary = starts[bisect_right(starts, limit) - 1]
            claim.end = boundary if boundary > claim.start else limit
            claim.gaps = frozenset(i for i in claim.gaps if i < claim.end)
        if claim.sentence_end - claim.sentence_start > MAX_CONTEXT_TOKENS:
            claim.sentence_start = max(claim.sentence_start, claim.start - MAX_CONTEXT_TOKENS // 4)
            claim.sentence_end = min(claim.sentence_end, claim.end + MAX_CONTEXT_TOKENS // 4)


def apply_quotes(doc: Doc, claims: list[RawClaim], quotes: list[tuple[int, int]]) -> None:
    """Mark claims whose content is a quotation and widen them to the whole quotation.

    Quotations come in order and do not overlap, so the ones a claim touches are found by
    bisecting their ends; comparing every claim with every quotation made a text of
    thousands of quoted statements quadratic.
    """
    ends = [q_end for _, q_end in quotes]
    for claim in claims:
        first = bisect_right(ends, claim.start)
        touching = []
        for q_start, q_end in quotes[first:]:
            if q_start >= claim.end:
                break
            touching.append((q_start, q_end))
        for q_start, q_end in touching:
            if _word_count(doc, q_start, q_end) < MIN_QUOTE_TOKENS:
                continue
            if claim.cue_index is not None and q_start <= claim.cue_index < q_end:
                continue  # "“They said the belts were too fast,” X told jurors": X's quotation
            content_words = _word_count(doc, claim.start, claim.end)
            inside = _word_count(doc, max(claim.start, q_start), min(claim.end, q_end))
            if inside * 2 >= content_words:
                claim.quote = True
                claim.start, claim.end = min(claim.start, q_start), max(claim.end, q_end)
                claim.sentence_start = min(claim.sentence_start, sentence_of(doc, q_start)[0])
                claim.sentence_end = max(claim.sentence_end, sentence_of(doc, q_end - 1)[1])


MAX_ATTRIBUTION_TOKENS = 12  # "Grant said", "the company's chief executive, Ana Ruiz, said"
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", ",", "‘", "’"})


def cut_own_attribution(doc: Doc, claims: list[RawClaim]) -> None:
    """ "“We're confident,” Grant said, “that the team will recover.”": once a claim is widened
    to both parts of a quotation, its own "Grant said" lies inside it; the reader's claim is
    the quotation without it."""
    for claim in claims:
        cue = claim.cue_index
        if cue is None or not claim.start < cue < claim.end - 1 or claim.gaps:
            continue
        verb = doc[cue]
        first = verb.i
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass", "aux", "neg"} and child.i < verb.i:
                first = min(first, child.left_edge.i)
        if verb.i - first > MAX_ATTRIBUTION_TOKENS or first <= claim.start:
            continue
        last = verb.i + 1
        while (
            last < claim.end
            and doc[last].dep_ in {"nsubj", "advmod", "npadvmod"}
            and last - verb.i < 4
        ):
            last = doc[last].right_edge.i + 1  # "…," said Grant, "…"
        while first > claim.start and doc[first - 1].text in QUOTE_MARKS:
            first -= 1
        while last < claim.end and doc[last].text in QUOTE_MARKS:
            last += 1
        claim.gaps = frozenset(range(first, last))


MAX_INTERRUPTION_TOKENS = 30  # "said Maya Torvik, a shift supervisor who has worked …"


def join_split_quotations(doc: Doc, claims: list[RawClaim], quotes: list[tuple[int, int]]) -> None:
    """'"We're done," said Maya Torvik, a shift supervisor, "waiting for a contract."': a
    quotation interrupted by its own attribution goes on after it, in the same sentence, after
    a comma and an opening mark; the claim runs on to its end and skips the attribution.
    Quotations are bisected by start, so each claim looks at one quotation."""
    starts = [start for start, _ in quotes]
    taken = {(c.start, c.end) for c in claims}
    for claim in claims:
        cue = claim.cue_index
        if cue is None or claim.end > cue or claim.gaps:
            continue
        own = bisect_right(starts, claim.start) - 1
        if own < 0 or not quotes[own][0] <= claim.start < claim.end <= quotes[own][1]:
            continue  # the claim is no quotation
        following = bisect_right(starts, cue)
        if following >= len(quotes):
            continue
        q_start, q_end = quotes[following]
        if q_start - cue > MAX_INTERRUPTION_TOKENS or (q_start, q_end) in taken:
            continue
        if q_start < 2 or doc[q_start - 1].text not in OPENING_MARKS | {'"'}:
            continue
        if doc[q_start - 2].text != ",":
            continue
        if sentence_of(doc, q_start)[0] > sentence_of(doc, cue)[0]:
            continue  # '…," she said. "Next sentence."' is a quotation of its own
        gap_start = claim.end
        claim.end = q_end
        claim.gaps = frozenset(range(gap_start, q_start))
        claim.quote = True
        claim.sentence_end = max(claim.sentence_end, sentence_of(doc, q_end - 1)[1])


def continued_quotes(
    doc: Doc,
    claims: list[RawClaim],
    quotes: list[tuple[int, int]],
    events: list[SpeechEvent],
) -> list[RawClaim]:
    """Quotations with no cue of their own, spoken by the speaker just before them.

    Covers a quote paragraph after a speaker paragraph and "He said:" followed by a quote.
    """
    breaks = paragraph_breaks(doc)
    # Claims by start, with the furthest end reached so far: a quotation overlaps a claim
    # exactly when some claim starting before its end reaches past its start.
    spans = sorted((c.start, c.end) for c in claims)
    span_starts = [start for start, _ in spans]
    reach: list[int] = []
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    ordered = sorted(events, key=lambda e: e.index)
    event_positions = [e.index for e in ordered]
    relayed_by = {c.cue_index: c.reported_by for c in claims if c.cue_index is not None}
    added: list[RawClaim] = []
    for q_start, q_end in quotes:
        quoted_words = _word_count(doc, q_start, q_end)
        if quoted_words < MIN_QUOTE_TOKENS and not _whole_clause(doc, q_start, q_end):
            continue
        before = bisect_left(span_starts, q_end)
        if before and reach[before - 1] > q_start:
            continue  # the quotation is (part of) a claim already
        s_start, s_end = sentence_of(doc, q_start)
        if quoted_words / max(1, _word_count(doc, s_start, s_end)) < 0.6:
            continue
        carried = _carried_into_next_paragraph(
            doc, breaks, q_start, q_end, ordered, event_positions
        )
        latest = bisect_left(event_positions, q_start) - 1
        if carried is None and latest < 0:
            continue
        source = carried or ordered[latest]
        if (
            carried is None
            and paragraph_of(breaks, q_start) - paragraph_of(breaks, source.index) > 1
        ):
            continue
        added.append(
            RawClaim(
                start=q_start,
                end=q_end,
                sentence_start=s_start,
                sentence_end=sentence_of(doc, q_end - 1)[1],
                cue=source.cue,
                cue_index=None,
                speaker=source.speaker,
                reported_by=relayed_by.get(source.index),
                quote=True,
            )
        )
    return added


def _whole_clause(doc: Doc, start: int, end: int) -> bool:
    """'"It's time."', '"We lost."', '"Somebody must account."': a short quotation that is a
    sentence of its own, a subject and a finite verb (or a verb with a modal), is a statement
    however few its words."""
    span = doc[start:end]
    return (
        _word_count(doc, start, end) >= 2
        and any(t.dep_ in {"nsubj", "nsubjpass"} for t in span)
        and any(t.dep_ == "ROOT" and is_finite_predicate(t) for t in span)
    )


def is_finite_predicate(verb: Token) -> bool:
    """A finite verb ("lost"), or a bare verb with a modal ("must account"); a modal alone
    ("We will.") says nothing."""
    return verb.tag_ in {"VBD", "VBZ", "VBP"} or (
        verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    )


def _carried_into_next_paragraph(
    doc: Doc,
    breaks: list[int],
    q_start: int,
    q_end: int,
    ordered: list[SpeechEvent],
    positions: list[int],
) -> SpeechEvent | None:
    """'"We will not sign this.' ¶ '"Our members deserve better," Cole said.': a quotation
    left open at the end of its paragraph goes on in the next, which opens with a quotation
    mark; whoever speaks there spoke both."""
    if q_end >= len(doc) or "\n" not in doc[q_end].text:
        return None  # closed in its own paragraph
    opening = q_end + 1
    while opening < len(doc) and doc[opening].is_space:
        opening += 1
    if opening >= len(doc) or doc[opening].text not in OPENING_MARKS:
        return None
    following = bisect_left(positions, opening)
    if following >= len(ordered):
        return None
    here = paragraph_of(breaks, q_start)
    event = ordered[following]
    return event if paragraph_of(breaks, event.index) == here + 1 else None


def merge_agentless_accusations(doc: Doc, claims: list[RawClaim]) -> list[RawClaim]:
    """Drop "X has been accused of …" when a nearby claim names who accused X.

    Claims are grouped by sentence number, so each agentless accusation looks only at the
    claims of the few sentences around it.
    """
    starts = sentence_bounds(doc)[0]

    def number(claim: RawClaim) -> int:
        return bisect_right(starts, claim.cue_index or claim.start) - 1

    by_sentence: dict[int, list[RawClaim]] = {}
    for claim in claims:
        by_sentence.setdefault(number(claim), []).append(claim)
    kept: list[RawClaim] = []
    for claim in claims:
        if claim.passive and claim.speaker is None and claim.target:
            here = number(claim)
            nearby = [
                other
                for n in range(here - CONTEXT_SENTENCES, here + CONTEXT_SENTENCES + 1)
                for other in by_sentence.get(n, ())
            ]
            target = claim.target.lower()
            if any(
                other is not claim
                and other.speaker is not None
                and (other.target or "").lower() == target
                and (other.cue in ACCUSATION_VERBS or other.cue == claim.cue)
                for other in nearby
            ):
                continue
        kept.append(claim)
    return kept


def deduplicate(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per content span; the first cue found wins. Result is in article order."""
    seen: set[tuple[int, int]] = set()
    unique: list[RawClaim] = []
    # Claims come in order of start, so every kept quotation starts at or before this claim: it
    # lies inside one exactly when it ends no later than the furthest-reaching quotation.
    quote_reach = -1
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        key = (claim.start, claim.end)
        if key in seen or claim.end <= quote_reach:
            continue
        seen.add(key)
        unique.append(claim)
        if claim.quote:
            quote_reach = max(quote_reach, claim.end)
    return unique
