"""Where a reported clause hangs, and where it starts.

A speech verb's clause may hang off a frame ("said in a statement that …", "wrote in a note to
clients that …", "said outside the courthouse that …"), sit behind a participle of that frame
("in court papers filed Monday that …"), start after when it was said ("said on Thursday it
would …") or after a colon ("argue the drop is structural: a third moved, the survey found").
Split from ``clauses``; each check looks at a verb's children and a few neighbours.
"""

from __future__ import annotations

from spacy.tokens import Token

FRAME_PREPOSITIONS = frozenset("in on at during via".split())
PLACE_TIME_PREPOSITIONS = frozenset("outside after before following inside ahead".split())
# "in a note [to clients] that …", "at a hearing [before the committee] that …"
NESTED_FRAME_PREPOSITIONS = FRAME_PREPOSITIONS | frozenset("to before with for of".split())
MAX_FRAME_DEPTH = 3
MIN_CONTENT_WORDS = 3


def after_leading_date(verb: Token, start: int, end: int) -> int:
    """ "said on Thursday it would recall …": the date right after the verb, which the parser
    hung on the reported clause, is when it was said, not part of what was said."""
    doc = verb.doc
    prep = doc[start]
    if start != verb.i + 1 or prep.pos_ != "ADP" or prep.lower_ not in {"on", "in", "at"}:
        return start
    last = prep.right_edge.i
    if last + 1 >= end or last - start > 4:
        return start
    when = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if when is None or when.pos_ not in {"NOUN", "PROPN"}:
        return start  # "said at least 30 …": a qualifier, not a time
    dated = all(t.ent_type_ in {"DATE", "TIME"} for t in doc[start + 1 : last + 1])
    return last + 1 if dated else start


def beyond_semicolon(verb: Token, clause: Token) -> bool:
    """ "A said X; B said Y" misparsed with A's statement as B's content: a semicolon between
    a verb and a clause ends one statement and starts another."""
    doc = verb.doc
    if clause.i < verb.i:
        between = doc[clause.right_edge.i + 1 : verb.i]
    else:
        between = doc[verb.i + 1 : clause.left_edge.i]
    return any(t.text == ";" for t in between)


def clause_in_frame(verb: Token) -> Token | None:
    """ "said in a statement that …", "wrote in a post that …": the clause hangs off the noun."""
    # "wrote to clients that …", but "adds to growing fears that …" is no one speaking
    opening = FRAME_PREPOSITIONS | ({"to"} if verb.lemma_.lower() != "add" else set())
    preps = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in opening]
    # "said outside the courthouse that …", "told reporters after the game that …": a place or
    # time frame, whose "that" the parser may read as a relative pronoun
    placed = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in PLACE_TIME_PREPOSITIONS]
    for prep in placed:
        frame = next((c for c in prep.children if c.dep_ == "pobj"), None)
        clause = next((c for c in frame.children if c.dep_ == "relcl"), None) if frame else None
        if clause is not None and _that_clause(clause, relative_that=True):
            return clause
    # "wrote in a note to clients that …": the frame may run through a few prepositions
    for _ in range(MAX_FRAME_DEPTH):
        nested = []
        for prep in preps:
            for frame in prep.children:
                if frame.dep_ != "pobj":
                    continue
                for clause in frame.children:
                    if clause.dep_ == "prep" and clause.lower_ in NESTED_FRAME_PREPOSITIONS:
                        nested.append(clause)
                        continue
                    if clause.dep_ in {"acl", "relcl", "ccomp"} and _that_clause(clause):
                        return clause
                    if clause.dep_ == "acl":  # "in court papers filed Monday that …"
                        inner = [c for c in clause.children if c.dep_ == "ccomp"]
                        if inner and _that_clause(inner[0]):
                            return inner[0]
        if not nested:
            break
        preps = nested
    return None


def past_a_participle(clause: Token) -> Token:
    """ "said in court papers [filed Monday] that the contract …": a bare participle of the
    frame, read as the reported clause, holds the real one."""
    children = list(clause.children)
    if clause.tag_ != "VBN" or any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in children):
        return clause
    inner = next((c for c in children if c.dep_ == "ccomp" and _that_clause(c)), None)
    return inner if inner is not None else clause


def _that_clause(clause: Token, *, relative_that: bool = False) -> bool:
    """A clause opened by "that" with a subject of its own (``relative_that``: also when the
    parser read the "that" as the clause's object)."""
    children = list(clause.children)
    deps = {"mark", "dobj"} if relative_that else {"mark"}
    marked = any(
        c.dep_ in deps and c.lower_ == "that" and c.i == clause.left_edge.i for c in children
    )
    return marked and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ != "that" for c in children)


def after_opening_colon(verb: Token, start: int, end: int) -> int:
    """ "Researchers argue the drop is structural: a third moved address, their survey
    found": what a verb after its statement reports starts after the colon (or semicolon)
    that closes another statement; ``end`` bounds the scan to the statement itself."""
    if end > verb.i:
        return start
    doc = verb.doc
    last = None
    for i in range(start, end):
        if doc[i].text in {":", ";"}:
            last = i
    if last is None:
        return start
    words = sum(1 for t in doc[last + 1 : end] if not (t.is_punct or t.is_space))
    return last + 1 if words >= MIN_CONTENT_WORDS else start
