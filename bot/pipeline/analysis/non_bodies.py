"""Words the tagger took for a body's name that name no body a description may mean.

"Surgery is scheduled for next week, the school said": the small tagger calls a capitalised
word that opens a sentence a proper noun; "a CAR-T cell therapy trial" gives "CAR" as a name;
"posted a photo on Instagram" names a platform, the medium, not the body. A reader takes none
of them for "the school" or "the hospital". Whether a word is a common noun comes from the
model's own WordNet noun index (the one its lemmatizer uses), loaded once per process; without
a lemmatizer the list is empty and nothing changes. Each test looks at a token, its children
or a few heads above it; ``written_as_names`` is one pass over the Doc.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

CLAUSE_HEADS = frozenset({"VERB", "AUX"})


@functools.cache
def _nouns() -> frozenset[str]:
    from bot.pipeline.nlp import load_model

    try:
        lemmatizer = load_model().get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(index["noun"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()


def is_common_noun(word: str) -> bool:
    """ "surgery", "treatment": a noun of the dictionary (lower case, as the index has it)."""
    return word.lower() in _nouns()


POSTING_VERBS = frozenset("post write say share publish tweet upload announce comment".split())
MAX_MEDIUM_CLIMB = 4


def medium(token: Token) -> bool:
    """ "posted a photo on Instagram", "said in a post on Facebook": where something was
    posted is the medium, which "the school" or "the club" never refers to (the platform is
    a business, which "the company" may mean)."""
    if token.dep_ != "pobj" or token.head.lower_ != "on":
        return False
    node = token.head.head
    for _ in range(MAX_MEDIUM_CLIMB):
        if node.pos_ in CLAUSE_HEADS:
            return node.lemma_.lower() in POSTING_VERBS
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return False
        node = node.head
    return False


def part_of_a_word(ent: Span) -> bool:
    """ "CAR" of "a CAR-T cell therapy trial", "Covid" of "a Covid-era rule": a name the tagger
    cut out of a hyphenated word that modifies a noun is part of that word, not a body."""
    doc = ent.doc
    last = doc[ent.end - 1]
    if ent.end + 1 >= len(doc) or last.whitespace_ or doc[ent.end].text != "-":
        return False
    if doc[ent.end].whitespace_:
        return False
    return ent.root.dep_ in {"compound", "amod", "nmod"} and ent.root.head.pos_ == "NOUN"


def written_as_names(doc: Doc) -> frozenset[str]:
    """Words the Doc writes with a capital inside a sentence, where only a name has one, or
    with a capital more than once (a club's name opening two sentences)."""
    seen: set[str] = set()
    names: set[str] = set()
    for t in doc:
        if not (t.text[:1].isupper() and t.is_alpha):
            continue
        if t.lower_ in seen or (t.i > 0 and not t.is_sent_start):
            names.add(t.lower_)
        seen.add(t.lower_)
    return frozenset(names)


def opens_with_a_common_noun(token: Token) -> bool:
    """ "Surgery is scheduled …": one untagged word of the dictionary whose only capital is the
    sentence's first letter is a common noun the tagger took for a name, not a body a
    description may mean, unless the story writes it with a capital elsewhere too (see
    ``written_as_names``). "Everton sacked …" is no word of the dictionary, and "Tesla recalled
    …" acts."""
    if not token.is_sent_start or not token.text[1:].islower():
        return False
    if any(c.dep_ == "compound" for c in token.children) or token.dep_ == "compound":
        return False
    # "Tesla recalled 2 million cars": what acts is a body whatever the dictionary says; only a
    # passive's or a copula's subject ("Surgery is scheduled", "Treatment was delayed") is read
    # as the common noun
    acted_on = token.dep_ == "nsubjpass" or (token.dep_ == "nsubj" and token.head.pos_ == "AUX")
    return acted_on and is_common_noun(token.lower_)
