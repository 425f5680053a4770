"""What a verb says about its object: what it is called ("called the delay "shameful""),
what it is characterised as ("dismissed the poll as an outlier"), the figure a document gives
("a poll showing X at 44 percent"), a commitment ("vowed to keep blocking ports"), the
confirmation of someone else's report, which names the report and says nothing of its own, and
a noun that only names a statement ("confirming a preliminary estimate").
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import (
    ACCUSATION_NOUNS,
    COMMITMENT_VERBS,
    DOCUMENT_SOURCES,
    MEASURING_VERBS,
    SCOOP_ADVERBS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.raw import MAX_CLAIM_TOKENS

OPENING_QUOTES = frozenset({'"', "“", "``", "‘", "'"})
REPORTED_PARTICIPLES = frozenset("report publish reveal disclose announce break".split())
# Nouns for a statement or a set of figures, whose content is given elsewhere.
INFORMATION_NOUNS = frozenset(
    "estimate update statement announcement figure data result finding number statistic".split()
)


def is_infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def is_quoted(clause: Token) -> bool:
    """'told his players to "stop feeling sorry for ourselves"': an instruction in the
    speaker's own quoted words is what the speaker said."""
    return any(t.text in OPENING_QUOTES - {"'"} for t in clause.subtree)


def commits(verb: Token) -> bool:
    """ "vowed to keep blocking motorways": a commitment made in the speaker's own clause; one
    inside a reported clause ("said the mayor had promised to …") is the reporter's claim."""
    return verb.lemma_.lower() in COMMITMENT_VERBS and verb.dep_ not in {"ccomp", "xcomp"}


def as_content(verb: Token) -> tuple[int, int, None] | None:
    """ "welcomed the verdict as a long-overdue measure of justice", "dismissed the survey as
    an outlier": the object and what it is called, together. A person welcomed as someone
    ("welcomed Ruiz as its new coach") is a greeting, not a verdict."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() in ACCUSATION_NOUNS:
        return None  # "dismissed the accusation as baseless" answers a claim (``responses``)
    hosts = [verb, obj]
    as_phrase = next(
        (
            c
            for host in hosts
            for c in host.children
            if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i and list(c.children)
        ),
        None,
    )
    if as_phrase is None:
        return None
    literal = obj.ent_type_ == "PERSON" or obj.pos_ in {"PRON", "PROPN"}
    if verb.lemma_.lower() == "welcome" and literal:
        return None
    return obj.left_edge.i, as_phrase.right_edge.i + 1, None


def reported_before(obj: Token) -> bool:
    """ "confirming plans first reported by the Journal": a confirmation of what someone else
    reported names the report, not what it says (a counted object, "17 cases reported by
    hospitals", still is news)."""
    return not any(c.dep_ == "nummod" for c in obj.children) and any(
        c.dep_ == "acl" and c.lemma_.lower() in REPORTED_PARTICIPLES for c in obj.children
    )


def naming_content(verb: Token) -> tuple[int, int, None] | None:
    """ "called the ruling "a disaster"": the object and what it is called, together.

    Without a predicate ("called on allies", "called a meeting") the verb names nothing.
    """
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    obj = objects[0]
    # The small model often parses the predicate as a second object ("branded [the plan]
    # [an insult]").
    predicates = [
        c
        for c in verb.children
        if (c.dep_ == "oprd" or (c.dep_ == "dobj" and c.i > obj.i))
        and c.pos_ in {"NOUN", "ADJ", "PROPN"}
    ]
    doc = verb.doc
    # 'called the abstentions "cowardly"', 'called the verdict "a measure of justice"': a
    # quotation right after the object is what it is called, whatever the parser made of it.
    predicates += [
        c
        for c in [*verb.children, *obj.children]
        if c.dep_ in {"advmod", "acomp", "appos", "amod", "npadvmod"}
        and c.i > obj.i
        and doc[c.left_edge.i - 1].text in OPENING_QUOTES
        and c.left_edge.i - 1 > obj.i
        and not any(t.text == "," for t in doc[obj.i : c.left_edge.i])
    ]
    predicates.sort(key=lambda c: c.i)
    if not predicates or predicates[0].i < obj.i:
        return None
    end = max(p.right_edge.i for p in predicates) + 1
    for child in verb.children:  # "a gift [to lobbyists]" attached to the verb
        if child.dep_ == "prep" and child.i == end:
            end = child.right_edge.i + 1
    return obj.left_edge.i, end, None


def measured_content(verb: Token) -> tuple[int, int, Token] | None:
    """ "a poll showing Cho at 44 percent", "records showing close to $14,000 in charges", "the
    survey put turnout at 61 percent": a document gives a figure, and the object with its
    figure is the content. Returns its bounds and the document's token."""
    doc = verb.doc
    if verb.lemma_.lower() not in MEASURING_VERBS:
        return None
    if verb.dep_ == "acl":
        source: Token | None = verb.head
    else:
        source = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if source is None or not (
        source.lemma_.lower() in DOCUMENT_SOURCES or source.lower_ in DOCUMENT_SOURCES
    ):
        return None  # "data" has the lemma "datum"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    valued = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i]
    start = obj.left_edge.i
    end = max(p.right_edge.i for p in [obj, *valued]) + 1
    if not any(t.like_num for t in doc[start:end]):
        return None
    return start, end, source


SCOOP_VERBS = frozenset({"report", "reveal", "break", "disclose"})


def scoop_content(verb: Token) -> tuple[int, int, Token] | None:
    """ "The Ledger first reported the closures", "The verdict was first reported by the
    Courier": a scoop credits an outlet with the news it broke, named as an object (or, in the
    passive, as the subject). Returns the bounds of the news with its verb and the outlet's
    token; a verb without
    the scoop adverb ("the firm reported a loss") is read elsewhere. Only a clause's own verb:
    "plans first reported by the Journal" names a report (``reported_before``)."""
    if verb.lemma_.lower() not in SCOOP_VERBS or verb.dep_ not in {"ROOT", "conj", "ccomp"}:
        return None
    if not any(c.dep_ == "advmod" and c.lower_ in SCOOP_ADVERBS for c in verb.children):
        return None
    children = list(verb.children)
    if any(c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in SPEECH_VERBS for c in children):
        return None  # "first reported the plan, saying it would …": what it said is the claim
    news = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if news is None or news.pos_ not in {"NOUN", "PROPN"}:
        return None
    if news.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        outlet = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    else:
        outlet = (
            next((c for c in verb.children if c.dep_ == "nsubj"), None)
            or next(
                (  # "Axios first reported …": the small model reads an unknown name as an adverb
                    c
                    for c in verb.children
                    if c.i < verb.i and c.dep_ in {"advmod", "npadvmod"} and c.text[:1].isupper()
                ),
                None,
            )
        )
    if outlet is None or outlet.pos_ == "PRON":
        return None
    # The claim reads with its verb ("reported the cuts", "The verdict was first reported"):
    # two words of news alone are a fragment, not something to vote on.
    if news.dep_ == "nsubjpass":
        return news.left_edge.i, verb.i + 1, outlet
    return verb.i, news.right_edge.i + 1, outlet


def empty_container(obj: Token) -> bool:
    """ "confirming a preliminary estimate", "announces a trading update for the six months
    ended 31 December": a noun for a statement whose content lies elsewhere, with no figure,
    name or clause of its own, says nothing a reader can check; "confirmed an estimate of
    2.4%" and "announced results showing a 20% rise" do."""
    if obj.lemma_.lower() not in INFORMATION_NOUNS:
        return False
    first, last = obj.left_edge.i, obj.right_edge.i
    if last - first >= MAX_CLAIM_TOKENS:
        return False  # a phrase this long has words of its own: not walked (a bounded look)
    for token in obj.doc[first : last + 1]:  # the subtree, contiguous in a projective parse
        if token.i == obj.i or token.ent_type_ in {"DATE", "TIME"}:
            continue
        if token.like_num or token.pos_ == "PROPN" or token.tag_ in {"VBG", "VBD", "VBZ", "VBP"}:
            return False
    return True
