"""A member of a group as a speaker: "four former residents, one of whom told the court",
"Dozens of parents gathered. Two of them said …", and a bare "One said" after officials who
spoke; and a group of names as one ("Ardent Foods and Belmar Brands … They said"). The card
names the member with the group ("one of four former residents"), never the relative pronoun
("one of whom") nor nothing at all. Each look is a step or two up the parse and one bounded
look back: constant per speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from bot.pipeline.analysis.antecedents import Antecedents
from bot.pipeline.analysis.lexicon import SPEECH_VERBS
from bot.pipeline.analysis.names import Speaker, is_nameless
from bot.pipeline.analysis.speaking_groups import group_text

# Words that take some members of a group: "one of whom", "two of them", "One said".
PARTITIVE_WORDS = frozenset("one two three four five some several many most each".split())


def partitive_group(
    token: Token, antecedents: Antecedents, resolve: Callable[[Token], Speaker]
) -> Speaker | None:
    """The group "one of whom", "two of them" or a bare "One said" takes a member of: the
    noun the relative clause hangs on, what "them" refers to, or the group that just spoke."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return _group_that_spoke(token, antecedents)
    member = next((c for c in of.children if c.dep_ == "pobj"), None)
    if member is None:
        return None
    if member.lower_ in {"whom", "which"}:
        clause = token.head
        if clause.dep_ != "relcl" or clause.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        noun = clause.head
        return _group_speaker(noun, resolve(noun))
    if member.lower_ in {"them", "us"}:
        mention = antecedents.pronoun(member, "group")
        if mention is None:
            return None
        noun = token.doc[mention.index]
        if mention.speaker.named and noun.conjuncts:
            return None  # "Lisbon and Madrid objected. One of them said": never Lisbon alone
        return _group_speaker(noun, mention.speaker)
    return None


def _group_that_spoke(token: Token, antecedents: Antecedents) -> Speaker | None:
    """ "The officials … said …. One said": a bare numeral speaking is one of the group that
    spoke in the sentence before, never a group that merely did something."""
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    if any(c.dep_ != "punct" for c in token.children):
        return None
    for mention in reversed(antecedents.before(token, 1)):
        noun = token.doc[mention.index]
        spoke = noun.head.lemma_.lower() in SPEECH_VERBS
        if mention.is_subject and spoke and mention.speaker.kind == "group":
            return _group_speaker(noun, mention.speaker)
    return None


def _group_speaker(noun: Token, speaker: Speaker) -> Speaker | None:
    """Several people a partitive takes one of: a plural noun ("four former residents",
    "three EU officials") or a named body; never a lone person."""
    if speaker.kind == "person" or is_nameless(speaker.name):
        return None
    if noun.tag_ in {"NNS", "NNPS"} and not speaker.named:
        text = group_text(noun)  # "one of the officials"; never "one of police"
        return Speaker(text, "group") if text is not None else None
    return speaker


def coordinated_names(
    first: Token, entity_at: dict[int, Span], entity_speaker: Callable[[Span], Speaker]
) -> Speaker | None:
    """ "Ardent Foods and Belmar Brands were fined. They did not respond": "they" means every
    name of the coordination, not the first."""
    if first.i not in entity_at:
        return None
    names = [entity_speaker(entity_at[first.i])]
    for conjunct in first.conjuncts:
        ent = entity_at.get(conjunct.i)
        if ent is None or ent.root.i != conjunct.i:
            return None
        names.append(entity_speaker(ent))
    if len(names) < 2:
        return None
    text = ", ".join(n.name for n in names[:-1]) + " and " + names[-1].name
    return Speaker(text, "group", named=True)
