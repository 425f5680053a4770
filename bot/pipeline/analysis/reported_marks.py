"""Which tokens lie in what someone reports or quotes, marked once per Doc.

A pronoun that speaks next ("…, they said") refers to a source, not to a noun inside someone's
statement or quotation. Both marks are difference arrays over the Doc: linear however deep the
parse. A misparsed speaker ("Lumora, which had argued the rules were unfair, said …", the name
taken for the subject of the clause before the speech verb) is kept out of the statement; a
pronoun in a section label ("What they're saying:") is no one's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.text import quote_spans


def reported_tokens(doc: Doc) -> list[bool]:
    """Whether each token lies in what a speech verb reports ("X said [the talks stalled]").

    A pronoun that speaks next ("…, they said") refers to a source, not to a noun inside
    someone's statement. Marked with a difference array: linear however deep the parse.
    """
    delta = [0] * (len(doc) + 1)
    for token in doc:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS:
            start = _statement_start(token)
            delta[start] += 1
            delta[token.right_edge.i + 1] -= 1
    marked: list[bool] = []
    depth = 0
    for i in range(len(doc)):
        depth += delta[i]
        marked.append(depth > 0)
    return marked


def _statement_start(clause: Token) -> int:
    """Where what a speech verb reports begins. "Lumora, which had argued the rules were
    unfair, said …" misparsed, the speaker the subject of a clause before a speech verb with
    no subject of its own: the statement starts after that speaker's phrase."""
    verb = clause.head
    if clause.i > verb.i or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return clause.left_edge.i
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.left_edge.i != clause.left_edge.i:
        return clause.left_edge.i
    # only a subject set off by a relative clause or an apposition ("Lumora, which …,"), as a
    # reader sees a speaker's phrase; a bare "Prices rose, said …" keeps its statement whole
    if not any(c.dep_ in {"relcl", "appos"} for c in subject.children):
        return clause.left_edge.i
    return min(subject.right_edge.i + 1, clause.i)


def quoted_tokens(doc: Doc) -> list[bool]:
    """Whether each token lies inside quotation marks: a name in a quotation is someone the
    quoted speaker talks about, rarely the next speaker."""
    marked = [False] * len(doc)
    for start, end in quote_spans(doc):
        marked[start:end] = [True] * (end - start)
    return marked


MAX_LABEL = 6  # words of a section label ("What they're saying:")


def in_section_label(token: Token) -> bool:
    """ "What they're saying: '…,' Ilves said": a short phrase opening its line and closed by a
    colon labels a section of the page; a pronoun in it is no one's voice."""
    doc = token.doc
    start = token.i
    while start > 0 and token.i - start < MAX_LABEL and "\n" not in doc[start - 1].text_with_ws:
        if doc[start - 1].is_punct:
            return False
        start -= 1
    if start > 0 and "\n" not in doc[start - 1].text_with_ws:
        return False
    for i in range(token.i + 1, min(len(doc), start + MAX_LABEL + 1)):
        if doc[i].text == ":":
            return True
        if doc[i].is_punct:
            return False
    return False
