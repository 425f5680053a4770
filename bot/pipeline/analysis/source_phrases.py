"""What identifies an unnamed source: "two people briefed on the talks", "officials involved
in the negotiations", "analysts polled by Reuters".

A story that keeps its sources unnamed says who they are by what they know or did, in a
past participle written straight after the noun. That phrase is the source as the story gives
it ("two people" alone says nothing, and hides that they were briefed). The phrase is kept
only when it is short, starts right after the noun and holds no clause, comma, negation or
anonymity wording ("officials speaking on condition of anonymity" stay "officials"). One look
at the noun's children and at most ``MAX_PHRASE_TOKENS`` tokens: constant per speaker.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import ROLE_NOUNS

MAX_PHRASE_TOKENS = 8
# Nouns for people that a story leaves unnamed: "people briefed on …", "a person involved in …".
PEOPLE_NOUNS = frozenset(
    "person people source sources official officials analyst analysts economist economists "
    "diplomat diplomats investor investors trader traders executive executives banker bankers "
    "lawmaker lawmakers insider insiders resident residents worker workers employee employees "
    "member members staff parent parents teacher teachers player players".split()
)
NEGATIONS = frozenset({"not", "never", "n't", "no"})
ANONYMITY = frozenset({"anonymity", "anonymous", "anonymously", "condition", "named"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "relcl", "advcl", "acl", "conj", "nsubj", "csubj"})
TIME_LABELS = frozenset({"DATE", "TIME"})
PAST = frozenset({"VBN", "VBD"})


def identifying_phrase(token: Token, without: Collection[Token] = ()) -> str | None:
    """ "briefed on the talks" of "two people briefed on the talks"; None when the noun has no
    such phrase or the phrase belongs to the statement (``without``)."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    lemma = token.lemma_.lower()
    if lemma not in PEOPLE_NOUNS and token.lower_ not in PEOPLE_NOUNS and lemma not in ROLE_NOUNS:
        return None
    doc = token.doc
    if token.i + 1 >= len(doc):
        return None
    participle = doc[token.i + 1]
    # "briefed" may be tagged as a past tense; hung on the noun as its clause, it is a participle
    if participle.head.i != token.i or participle.dep_ != "acl" or participle.tag_ not in PAST:
        return None
    if participle in without:
        return None
    end = participle.right_edge.i + 1
    words = doc[participle.i : end]
    if len(words) > MAX_PHRASE_TOKENS or participle.left_edge.i != participle.i:
        return None
    for word in words:
        if word.is_punct and word.text not in {"-", "&"}:
            return None
        if word.lower_ in NEGATIONS or word.lower_ in ANONYMITY or word.ent_type_ in TIME_LABELS:
            return None
        if word.i != participle.i and word.dep_ in CLAUSE_DEPS:
            return None
    return words.text
