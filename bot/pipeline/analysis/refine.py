"""Second pass over raw claims: quotations, nested reports, and duplicates.

Runs after every claim in the document is known, because each rule looks at neighbours:
a quotation paragraph continues the previous speaker, "Reuters reported that officials said"
keeps only the inner claim, and an agentless "X has been accused of …" next to the named
accusation is the same accusation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from bot.pipeline.analysis.attribution import MAX_CLAIM_TOKENS, RawClaim, SpeechEvent
from bot.pipeline.analysis.layout import (
    paragraph_breaks,
    paragraph_of,
    sentence_bounds,
    sentence_of,
)
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_VERBS,
    DOCUMENT_SOURCES,
)
from bot.pipeline.analysis.speakers import Speaker
from bot.pipeline.analysis.tree import is_root

MIN_QUOTE_TOKENS = 4
OPENING_MARKS = frozenset({'"', "“", "``", "‘"})
CONTEXT_SENTENCES = 2
REPORTED_DEPS = frozenset({"ccomp", "conj", "xcomp", "parataxis"})
# Real reports nest a few levels deep; a longer chain is a run-on misparse, not a report.
MAX_CHAIN_STEPS = 30
# More speech cues than this inside one claim is a transcript or a broken quotation: nesting
# them is guesswork, and comparing every pair would take time cubic in their number.
MAX_NESTED_CUES = 40
MAX_CONTEXT_TOKENS = 300
DISPUTING_ADVERBS = frozenset(
    "wrongly falsely incorrectly mistakenly erroneously wrongfully improperly".split()
)
EVIDENCE_VERBS = frozenset("show find suggest indicate reveal confirm point".split())


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
        if quoted_words < MIN_QUOTE_TOKENS:
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


def _reporting_chain(doc: Doc, inner: int) -> frozenset[int]:
    """Speech verbs whose content the speech at ``inner`` is (a chain of complement clauses up
    from it), rather than a side clause ("…, while officials said …", "…, adding that …").

    Computed once per claim, so checking it against every enclosing claim is a set lookup.
    """
    token = doc[inner]
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return frozenset()  # "warned that A and accused B": a second statement by the same speaker
    chain: set[int] = set()
    for _ in range(MAX_CHAIN_STEPS):
        if token.dep_ not in REPORTED_DEPS or is_root(token):
            break
        token = token.head
        chain.add(token.i)
    return frozenset(chain)


def _reports_a_clause(doc: Doc, claim: RawClaim) -> bool:
    """Whether a speech verb reports a clause ("said that …"), not an object ("confirmed 17
    cases"), which is an event rather than a statement of its own."""
    assert claim.cue_index is not None
    return any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in doc[claim.cue_index].children)


def _disputed(doc: Doc, claim: RawClaim) -> bool:
    """ "had wrongly found", "falsely claimed": the reporting speaker disputes the report, so
    the report is no part of what the speaker relays."""
    assert claim.cue_index is not None
    return any(
        c.dep_ == "advmod" and c.lower_ in DISPUTING_ADVERBS for c in doc[claim.cue_index].children
    )


def _is_evidence(doc: Doc, claim: RawClaim) -> bool:
    """ "It said drilling showed deposits …": a finding whose subject is no one (a test, a
    survey, drilling) is evidence the speaker cites, and the claim stays the speaker's."""
    assert claim.cue_index is not None and claim.speaker is not None
    speaker = claim.speaker
    return (
        doc[claim.cue_index].lemma_.lower() in EVIDENCE_VERBS
        and not speaker.named
        and speaker.kind not in {"person", "org", "group"}
    )


def _is_document(speaker: Speaker) -> bool:
    return speaker.kind == "document" or speaker.name.split()[-1].lower() in DOCUMENT_SOURCES


# Cues that relay someone else's words: "Reuters reported that officials said …", "according to
# the affidavit, Fisk told investigators …".
RELAY_CUES = frozenset({"report", "according to"})


def _relays(claim: RawClaim) -> bool:
    """An outlet's report or a document passes on what the inner speaker said; anyone else who
    says that someone said, believed or concluded something makes that their own claim
    ("Forsythe said investigators believed …", "…, noting that regulators have concluded …")."""
    speaker = claim.speaker
    return claim.cue in RELAY_CUES or (speaker is not None and _is_document(speaker))


def _cut_out(doc: Doc, outer: RawClaim, inner: RawClaim) -> None:
    """Remove a side statement's clause from the outer claim's content."""
    assert inner.cue_index is not None
    cue = doc[inner.cue_index]
    first, last = cue.left_edge.i, cue.right_edge.i + 1
    if last >= outer.end:
        outer.end = max(outer.start, first)
    elif first <= outer.start:
        outer.start = min(outer.end, last)
    else:  # inside the (clipped) outer span, so the subtree is short
        outer.gaps = outer.gaps | frozenset(t.i for t in cue.subtree)


def resolve_nesting(doc: Doc, claims: list[RawClaim]) -> list[RawClaim]:
    """ "Reuters reported that officials said X": keep the officials' claim, relayed by Reuters.

    A speech clause that is only a side clause of the outer content is cut out of it instead,
    and a document quoted by a person ("the findings suggest X, said Lambert") stays the
    person's claim. Only claims whose cue lies inside another claim's span are compared (found
    by bisecting the sorted cues), and a claim holding more than ``MAX_NESTED_CUES`` cues is
    left as it is, so the work stays near linear on run-on text.
    """
    cued = sorted((c.cue_index, i) for i, c in enumerate(claims) if c.cue_index is not None)
    positions = [index for index, _ in cued]
    chains: dict[int, frozenset[int]] = {}
    dropped: set[int] = set()
    for outer_index, outer in enumerate(claims):
        low, high = bisect_left(positions, outer.start), bisect_left(positions, outer.end)
        if high - low > MAX_NESTED_CUES:
            continue
        if outer.quote:
            # '"Pet owners were charged for fees they never agreed to," Ruiz said': an
            # agentless accusation inside a quotation is the quoted speaker's words
            if outer.speaker is not None:
                dropped.update(
                    i
                    for _, i in cued[low:high]
                    if claims[i].speaker is None and claims[i] is not outer
                )
            continue
        for _, inner_index in cued[low:high]:
            inner = claims[inner_index]
            if inner is outer or inner.cue_index is None:
                continue
            if not outer.start <= inner.cue_index < outer.end:
                continue  # the outer span shrank after a cut-out
            if inner.speaker is None:
                # "X has been charged …, police said": the agentless passive is the police's.
                if outer.speaker is not None:
                    dropped.add(inner_index)
                    outer.hedge = outer.hedge or inner.hedge
                continue
            if outer.fronted and outer.speaker is not None and not _reports_a_clause(doc, inner):
                # "X has confirmed 17 cases, spokeswoman Kerry Dahl said": an event Dahl reports
                dropped.add(inner_index)
                continue
            nested = outer.cue_index is None or outer.cue == "according to"
            if not nested:
                if inner_index not in chains:
                    chains[inner_index] = _reporting_chain(doc, inner.cue_index)
                nested = outer.cue_index in chains[inner_index]
            if not nested:
                if not outer.fronted:
                    _cut_out(doc, outer, inner)
                # "X paused it after testers found that …, a spokesman confirmed": the
                # trailing speaker vouches for the whole sentence, side clause included.
                continue
            if _disputed(doc, inner):
                continue  # "X said a judge had wrongly found that …": X's claim, and the judge's
            if outer.speaker is not None and (
                _is_document(inner.speaker)
                or inner.speaker.name == outer.speaker.name
                or _is_evidence(doc, inner)
            ):
                # "the findings suggest X, said Lambert"; "Park said she had warned Y": the
                # outer statement is the whole claim.
                dropped.add(inner_index)
                continue
            if outer.speaker is not None and not _relays(outer):
                dropped.add(inner_index)
                continue
            dropped.add(outer_index)
            if inner.reported_by is None and outer.speaker is not None:
                inner.reported_by = outer.speaker.name
            inner.hedge = inner.hedge or outer.hedge
    return [c for i, c in enumerate(claims) if i not in dropped]


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
