"""Who asked a party for comment, as the request phrase says: "Reuters' request", "a request
from AP", "questions the Tribune submitted", "when reached by NOS".

Never a deadline ("a request for comment by press time") nor whoever acts in the question put
("declined to comment on whether the closure had been reviewed by regulators"): the sender of a
request is a name, an outlet or an official asker written in the request phrase itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import sender_in_clause
from bot.pipeline.analysis.lexicon import CHANNELS, COMMENT_NOUNS
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.withheld import FIRST_PERSON, WH_WORDS

# "by press time", "by the deadline": when an answer was due, never who asked.
DEADLINES = frozenset("time deadline publication press publishing noon midnight".split())


def requester_of(tokens: list[Token], registry: SpeakerRegistry) -> str | None:
    """Who asked: "Reuters' request", "a request from AP", "by The Times"."""
    for token in tokens:
        if token.lemma_.lower() not in COMMENT_NOUNS:
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ not in {"our", "my", "its", "their"}:
                return registry.resolve(child).name
            if child.dep_ == "compound" and child.ent_type_ == "ORG":
                return registry.resolve(child).name  # "a Reuters request for comment"
            sender = sender_in_clause(child)
            if sender is not None and sender.lower_ not in FIRST_PERSON:
                return registry.resolve(sender).name  # "questions the Tribune submitted"
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((c for c in child.children if c.dep_ == "pobj"), None)
                if source is not None and _a_sender(source):
                    return registry.resolve(source).name
    for token in tokens:
        if token.dep_ == "agent" and _asks_the_party(token.head):
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
            if source is not None and _a_sender(source):
                return registry.resolve(source).name
    return None


def _a_sender(source: Token) -> bool:
    """Who can send a request: not "we", a channel, a request, nor a time ("a request for
    comment by press time", "by Friday")."""
    if source.lower_ in FIRST_PERSON or source.ent_type_ in {"DATE", "TIME"}:
        return False
    if source.pos_ == "PROPN":
        return True  # "The Washington Post", "The Associated Press": names, not a channel
    return source.lemma_.lower() not in CHANNELS | COMMENT_NOUNS | DEADLINES


def _asks_the_party(verb: Token) -> bool:
    """Whether a passive's "by X" says who asked: "X was contacted by Reuters", "questions
    sent by the Herald"; not the agent of a question asked ("declined to comment on whether
    the closure had been reviewed by regulators")."""
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
        return False
    if verb.left_edge.lower_ in WH_WORDS - {"when"}:
        return False  # "how it was reviewed by …"; but "when reached by NOS" asked
    return verb.dep_ not in {"pcomp", "ccomp", "csubj"}
