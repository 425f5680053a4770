"""Nested reports: "Reuters reported that officials said X" is the officials' claim.

An outlet's report or a document relays the inner speaker's words; anyone else who says that
someone said, believed or concluded something makes it their own claim, and a speech clause
that is only a side clause of the outer content is cut out of it. Split from ``refine``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from bot.pipeline.analysis.lexicon import DOCUMENT_SOURCES
from bot.pipeline.analysis.raw import RawClaim
from bot.pipeline.analysis.speakers import Speaker
from bot.pipeline.analysis.tree import is_root

REPORTED_DEPS = frozenset({"ccomp", "conj", "xcomp", "parataxis"})
# Real reports nest a few levels deep; a longer chain is a run-on misparse, not a report.
MAX_CHAIN_STEPS = 30
# More speech cues than this inside one claim is a transcript or a broken quotation: nesting
# them is guesswork, and comparing every pair would take time cubic in their number.
MAX_NESTED_CUES = 40
DISPUTING_ADVERBS = frozenset(
    "wrongly falsely incorrectly mistakenly erroneously wrongfully improperly".split()
)
EVIDENCE_VERBS = frozenset("show find suggest indicate reveal confirm point".split())


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


def _directive(doc: Doc, claim: RawClaim) -> bool:
    """ "warned residents not to drink the water", "told staff to stay home": an instruction
    given is an event an outlet reports, not words it merely passes on."""
    assert claim.cue_index is not None
    children = list(doc[claim.cue_index].children)
    addressed = any(c.dep_ in {"dobj", "dative"} for c in children)
    instructed = any(c.dep_ == "xcomp" for c in children)
    return addressed and instructed and not any(c.dep_ == "ccomp" for c in children)


def _is_document(speaker: Speaker) -> bool:
    return speaker.kind == "document" or speaker.name.split()[-1].lower() in DOCUMENT_SOURCES


# Cues that relay someone else's words: "Reuters reported that officials said …", "according to
# the affidavit, Fisk told investigators …".
RELAY_CUES = frozenset({"report", "according to", "per"})


def _relays(claim: RawClaim) -> bool:
    """An outlet's report or a document passes on what the inner speaker said; anyone else who
    says that someone said, believed or concluded something makes that their own claim
    ("Forsythe said investigators believed …", "…, noting that regulators have concluded …")."""
    speaker = claim.speaker
    return claim.cue in RELAY_CUES or (speaker is not None and _is_document(speaker))


# "Nearly half of nurses", "38% of respondents", "one in five voters": a share of people
# polled, whose answers a survey reports (closed-class words only).
_SHARE = re.compile(
    r"^(?:(?:nearly|almost|about|around|roughly|more than|over|fewer than|less than|just|"
    r"only|some) )?(?:half|a third|a quarter|a fifth|two-thirds|three-quarters|a majority|"
    r"the majority|a minority|most|one in \w+|\d+(?:\.\d+)? ?(?:%|percent|per cent))(?:\s.*)? of\b"
    r"|\brespondents\b",
    re.IGNORECASE,
)


def _polled(outer: RawClaim, inner: RawClaim) -> bool:
    """ "Nearly half of juniors said they felt sad …, the survey found": what a share of
    respondents said is the survey's finding, so the survey (or "according to" source) is
    the claim's source, not the people polled."""
    assert inner.speaker is not None
    evidence = outer.cue in {"according to", "per"} or (
        outer.speaker is not None and _is_document(outer.speaker)
    )
    return evidence and bool(_SHARE.search(inner.speaker.name))


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


def _side_clause_on_a_noun(doc: Doc, inner: RawClaim) -> bool:
    """ "The inquiry centers on a release that described the trial as …, according to a
    person familiar": a speech clause describing a noun is not what the source relays, nor
    one that only says when or why ("… after two senators signaled they would oppose her,
    according to people familiar")."""
    assert inner.cue_index is not None
    cue = doc[inner.cue_index]
    return cue.dep_ in {"relcl", "acl"} or (
        cue.dep_ == "advcl" and any(c.dep_ == "mark" for c in cue.children)
    )


def _in_quotation(
    quotes: Sequence[tuple[int, int]], starts: list[int], claim: RawClaim, i: int
) -> bool:
    """Whether token ``i`` lies in a quotation inside ``claim``: 'said X had "betrayed the
    children she claimed to serve"' quotes the speaker's words, speech verbs and all.
    ``starts`` are the quotations' starts, in order, for bisecting."""
    found = bisect_right(starts, i) - 1
    if found < 0:
        return False
    q_start, q_end = quotes[found]
    return q_start <= i < q_end and claim.start <= q_start and q_end <= claim.end


def resolve_nesting(
    doc: Doc, claims: list[RawClaim], quotes: Sequence[tuple[int, int]] = ()
) -> list[RawClaim]:
    """ "Reuters reported that officials said X": keep the officials' claim, relayed by Reuters.

    A speech clause that is only a side clause of the outer content is cut out of it instead,
    and a document quoted by a person ("the findings suggest X, said Lambert") stays the
    person's claim. Only claims whose cue lies inside another claim's span are compared (found
    by bisecting the sorted cues), and a claim holding more than ``MAX_NESTED_CUES`` cues is
    left as it is, so the work stays near linear on run-on text.
    """
    quote_starts = [start for start, _ in quotes]
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
            if _in_quotation(quotes, quote_starts, outer, inner.cue_index):
                dropped.add(inner_index)  # the outer speaker's own quoted words
                continue
            nested = outer.cue_index is None or (
                outer.cue == "according to" and not _side_clause_on_a_noun(doc, inner)
            )
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
            if outer.speaker is not None and (not _relays(outer) or _polled(outer, inner)):
                dropped.add(inner_index)
                continue
            if _directive(doc, inner):
                continue  # "officials warned residents not to drink …, the Record reported"
            dropped.add(outer_index)
            if inner.reported_by is None and outer.speaker is not None:
                inner.reported_by = outer.speaker.name
            inner.hedge = inner.hedge or outer.hedge
    return [c for i, c in enumerate(claims) if i not in dropped]
