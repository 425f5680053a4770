"""Forecasts and the estimates they are measured against.

A named source's forecast is a claim: "Harlow Foods expects adjusted earnings of $2.10 to
$2.20 a share", "She expects Brent to test $90 before December". And in "…, compared with
analysts' average estimate of $2.41, according to LSEG data" the data source vouches for the
estimate it closes, not for the company's own figures before it.

"Expect" is no speech verb: "the trial is expected to last weeks" and "more than economists had
expected" state nothing anyone said. Only an active main-clause "expects" with a third-person
subject and a forecast of its own (an object, or a clause with its own subject) is one; inside
a report ("said it expects …") the report already carries it.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import OUTLET_NOUNS, THAT_CLAUSE_VERBS
from bot.pipeline.analysis.organisations import is_outlet_name

FORECAST_VERBS = frozenset({"expect"})
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP"})
# The writer, the reader, a quoted speaker's "I": no source an editor can check.
FIRST_SECOND_PERSON = frozenset("i we you me us".split())
NEGATIVE_SUBJECTS = frozenset("nobody none few noone".split())
MAX_OBJECT_TOKENS = 40
LEARNED_FORMS = frozenset({"learned", "learnt"})
MAX_OUTLET_TOKENS = 5  # "the Financial Times", "Sky Sports News"
MAX_PHRASE_CLIMB = 8
# Heads of a phrase that sets a figure against an estimate: "compared with", "beating",
# "missing", "versus". Not "above the 2.9% economists forecast, according to official
# figures", where the figures vouch for the figure itself.
COMPARING_HEADS = frozenset("compare beat miss top exceed versus vs".split())


def _a_figure(obj: Token) -> bool:
    """ "revenue between $840 million and $870 million": a forecast an editor can check has a
    figure; "expects a full house" has none."""
    start, end = obj.left_edge.i, min(obj.right_edge.i + 1, obj.left_edge.i + MAX_OBJECT_TOKENS)
    return end - start >= 3 and any(t.like_num for t in obj.doc[start:end])


def stated_expectation(verb: Token) -> bool:
    """Whether ``verb`` is a source's own forecast that an editor can check."""
    if verb.lemma_.lower() not in FORECAST_VERBS or verb.tag_ not in FINITE_TAGS:
        return False
    if verb.dep_ != "ROOT" and not (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
        return False
    children = list(verb.children)
    if any(c.dep_ in {"neg", "auxpass", "nsubjpass", "mark"} for c in children):
        return False
    subject = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in FIRST_SECOND_PERSON | NEGATIVE_SUBJECTS:
        return False
    if subject.pos_ not in {"PROPN", "NOUN", "PRON"} or subject.tag_ in {"WDT", "WP"}:
        return False
    for child in children:
        if child.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in child.children):
            return True  # "expects Brent to test $90"
        if child.dep_ == "dobj" and _a_figure(child):
            return True  # "expects adjusted earnings of $3.10 to $3.25"
    return False


def compared_estimate(according: Token) -> tuple[int, int] | None:
    """ "…, compared with analysts' average estimate of $3.48, according to LSEG data": the
    bounds of the estimate the source closes (the comparing phrase's object)."""
    doc = according.doc
    comma = according.i - 1
    if comma < 2 or doc[comma].text != ",":
        return None
    phrase = doc[comma - 1]
    for _ in range(MAX_PHRASE_CLIMB):
        if phrase.head.i == according.head.i or phrase.head.i == phrase.i:
            break
        phrase = phrase.head
    if phrase.head.i != according.head.i or phrase.i >= according.i:
        return None
    if phrase.lemma_.lower() not in COMPARING_HEADS or phrase.right_edge.i != comma - 1:
        return None
    if phrase.left_edge.i == 0 or doc[phrase.left_edge.i - 1].text != ",":
        return None  # not a phrase set off by commas
    start = phrase.i + 1
    if doc[start].lower_ in {"with", "to", "against"}:
        start += 1
    return (start, comma) if comma - start >= 2 else None


def reports_a_that_clause(verb: Token) -> bool:
    """ "Counsel for the council submitted that the notice was lawful", "Ms Holt accepted that
    records were incomplete": a verb of ``THAT_CLAUSE_VERBS`` reporting a "that" clause."""
    if verb.lemma_.lower() not in THAT_CLAUSE_VERBS:
        return False
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


def outlet_has_learned(verb: Token) -> bool:
    """ "…, the Telegraph understands", "…, the BBC has learned": a news outlet's own report,
    named after it (the small model often tags "understands" as a plural noun, so the surface
    is read). Only a named or described outlet set off by a comma and closing the sentence
    counts; "officials understand the risks" and "she learned of the plan" report nothing."""
    doc = verb.doc
    form = verb.lower_
    perfect = verb.i > 0 and doc[verb.i - 1].lower_ in {"has", "have"}
    if form not in {"understands", "understand"} and not (form in LEARNED_FORMS and perfect):
        return False
    if _outlet_learned_that(verb):
        return True
    after = verb.i + 1
    if after < len(doc) and not (doc[after].is_punct or doc[after].is_space):
        return False  # the verb closes its sentence
    first = verb.i - 1 - perfect
    phrase: list[Token] = []
    while first > 0 and doc[first].text != "," and len(phrase) < MAX_OUTLET_TOKENS:
        phrase.append(doc[first])
        first -= 1
    if first <= 0 or doc[first].text != "," or not phrase:
        return False
    return any(t.pos_ == "PROPN" or t.lemma_.lower() in OUTLET_NOUNS for t in phrase)


def _outlet_learned_that(verb: Token) -> bool:
    """ "Sky Sports News understands that …", "The Ledger has learned the …": an outlet that
    opens its sentence with what it has learned reports it; "the minister understands that
    voters are angry" names no outlet and reports nothing."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.i > verb.i
            and any(m.dep_ in {"mark", "nsubj", "nsubjpass"} for m in c.children)
        ),
        None,
    )
    if subject is None or clause is None:
        return False
    if subject.right_edge.i - subject.left_edge.i >= MAX_OUTLET_TOKENS:
        return False
    words = [t for t in subject.subtree if not t.is_punct]
    named = " ".join(t.text for t in words if t.pos_ == "PROPN")
    return (bool(named) and is_outlet_name(named)) or subject.lemma_.lower() in OUTLET_NOUNS
