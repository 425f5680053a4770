"""A document referred back to: "The document says …" after "an internal Treasury analysis seen
by the Herald" is that analysis.

Wire copy names a leaked or published document once, precisely ("a Home Office memo obtained
by the Herald"), and then goes on with "the document", "the memo", "the report". A speaker
left as that bare phrase names nothing a reader can check; the document named last before it
(the same noun preferred) is what it stands for. One pass over the Doc lists the documents
named with a modifier; each claim then bisects that list.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.names import document_name
from bot.pipeline.analysis.raw import RawClaim
from bot.pipeline.analysis.speakers import Speaker

# The nouns a text uses to point back at a document it has named.
DOCUMENT_NOUNS = frozenset(
    "document documents report memo memorandum analysis paper papers letter study survey "
    "review audit assessment filing dossier briefing draft email emails cable".split()
)
_BARE = re.compile(r"^(?:the|this|that)\s+(\w+)$", re.IGNORECASE)
MAX_DISTANCE = 400  # tokens back: a document named further away is no longer in view
MAX_CANDIDATES = 8  # named documents weighed for one claim, nearest first


def _specific(token: Token) -> bool:
    """ "an internal Treasury analysis", "the council's audit", "a memo obtained by the Herald":
    named with more than a determiner, so the phrase tells which document it is."""
    return any(
        (c.dep_ in {"compound", "amod", "poss", "nmod"} and c.i < token.i)
        or (c.dep_ == "acl" and c.tag_ == "VBN")  # "a memo obtained by the Herald"
        or (c.dep_ == "prep" and c.lower_ in {"by", "from"})  # "a report by the auditor"
        for c in token.children
    )


def _authored(cue: Token) -> bool:
    """The cue's subject names its author or sender itself ("The report, by the comptroller",
    "the letter from the league")."""
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # the phrase hangs on the subject, or on the verb between the two (set off by commas)
    hosts = [*subjects, *(c for c in cue.children if subjects and subjects[0].i < c.i < cue.i)]
    return any(
        h.dep_ == "prep" and h.lower_ in {"by", "from"} for h in hosts if h not in subjects
    ) or any(g.dep_ == "prep" and g.lower_ in {"by", "from"} for c in subjects for g in c.children)


def _named_documents(doc: Doc) -> list[tuple[Token, str]]:
    """Each document named precisely, with its name ("The document, dated May" is no name)."""
    found = []
    for token in doc:
        if token.pos_ == "NOUN" and token.lemma_.lower() in DOCUMENT_NOUNS and _specific(token):
            name = document_name(token)
            if not _BARE.match(name.strip()):
                found.append((token, name))
    return found


def name_referred_documents(doc: Doc, claims: list[RawClaim]) -> None:
    """Give each claim whose speaker is a bare "the document" the document named before it."""
    bare = [c for c in claims if c.speaker is not None and _BARE.match(c.speaker.name.strip())]
    if not bare:
        return
    named = _named_documents(doc)
    positions = [t.i for t, _ in named]
    for claim in bare:
        assert claim.speaker is not None
        match = _BARE.match(claim.speaker.name.strip())
        if match is None or match.group(1).lower() not in DOCUMENT_NOUNS:
            continue
        anchor = claim.cue_index if claim.cue_index is not None else claim.start
        if claim.cue_index is not None and _authored(doc[claim.cue_index]):
            continue  # "The report, by the state comptroller, found …" says whose it is
        end = bisect_left(positions, anchor)
        nearby = [
            (t, name)
            for t, name in reversed(named[max(0, end - MAX_CANDIDATES) : end])
            if anchor - t.i <= MAX_DISTANCE
        ]
        if not nearby:
            continue
        noun = match.group(1).lower()
        same = [n for t, n in nearby if noun in {t.lemma_.lower(), t.lower_}]
        claim.speaker = Speaker(same[0] if same else nearby[0][1], "document")
