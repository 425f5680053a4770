"""Speech the small parser misread: a speech verb tagged as a noun ("Figures published on
Tuesday show …", "Prosecutors allege Dade spent …" read as one noun phrase) and a reported
clause read as a relative one ("told detectives he fired …"). Each check looks at a token's
children and a few neighbours.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import PROCEEDINGS, SPEECH_VERBS

TELLING_VERBS = frozenset("tell inform assure warn remind advise".split())


def speech_verb_read_as_noun(token: Token) -> bool:
    """ "The ruling states that …", "Records show that …" with the verb tagged as a noun: a
    plural-looking speech verb that governs a "that" clause is the verb."""
    if token.lemma_.lower() not in SPEECH_VERBS or token.i == token.left_edge.i:
        return False
    children = list(token.children)
    if any(c.dep_ == "nsubj" for c in children) and any(
        c.dep_ == "ccomp" and c.i > token.i for c in children
    ):
        return True  # "Figures published on Tuesday show just 18% of practices were open"
    return any(
        c.dep_ == "ccomp"
        and (
            any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            or (c.i < token.i and _ends_sentence(token))  # "…, court records show."
        )
        for c in children
    )


def speech_verb_in_subject(token: Token) -> tuple[int, int, Token] | None:
    """ "Prosecutors allege Dade spent the money …" misparsed as one noun phrase ("Prosecutors
    allege Dade") subject of "spent": a present-tense speech verb tagged as a noun right after
    the noun that speaks, inside the subject of a later verb, reports that verb's clause.
    Returns the content's bounds and the speaker's token."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.dep_ != "compound" or lemma not in SPEECH_VERBS:
        return None
    if token.lower_ not in {lemma, lemma + "s"} or token.i == 0:
        return None
    speaker = token.doc[token.i - 1]
    plural = speaker.tag_ in {"NNS", "NNPS"}
    if speaker.pos_ not in {"NOUN", "PROPN"} or plural != (token.lower_ == lemma):
        return None  # "Prosecutors allege", "The lawsuit alleges"; not "the policy review"
    subject = token.head
    for _ in range(3):
        if subject.dep_ != "compound":
            break
        subject = subject.head
    clause = subject.head
    if subject.dep_ not in {"nsubj", "nsubjpass"} or clause.pos_ not in {"VERB", "AUX"}:
        return None
    if clause.i < token.i or speaker.head.i not in {token.i, subject.i, clause.i}:
        return None
    end = sentence_of(token.doc, token.i)[1]
    last = min(clause.right_edge.i + 1, end)
    while last > token.i + 1 and token.doc[last - 1].is_punct:
        last -= 1
    return token.i + 1, last, speaker


def _ends_sentence(token: Token) -> bool:
    end = sentence_of(token.doc, token.i)[1]
    if end - token.i > 4:
        return False
    return all(t.is_punct or t.is_space for t in token.doc[token.i + 1 : end])


def clause_read_as_relative(verb: Token) -> Token | None:
    """ "Ruiz told detectives he fired only after …" with "he fired …" read as a relative
    clause on "detectives": after whom the speaker told, a clause that opens with its own
    personal-pronoun subject (no "who", "that" or "which") is what was told."""
    if verb.lemma_.lower() not in TELLING_VERBS:
        return None
    for obj in verb.children:
        # "told detectives he …", "told the court she …"; but "told the man she met …" is
        # one person and the clause about him
        audience = obj.tag_ in {"NNS", "NNPS"} or obj.lemma_.lower() in PROCEEDINGS
        if obj.dep_ not in {"dobj", "dative"} or not audience:
            continue
        for clause in obj.children:
            if clause.dep_ != "relcl" or clause.i < obj.i:
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            opens = clause.left_edge
            if subject is not None and subject.i == opens.i and subject.tag_ == "PRP":
                return clause
    return None
