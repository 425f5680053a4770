"""The grammar of a comment request: negation, auxiliaries, who refused.

Shared by the phrasings in ``comments``: "did not respond", "has yet to", "no one"; the
auxiliaries in front of a verb; the subject of a refusal; "would not comment" as a standing
refusal. What counts as a request noun, and who sent it, is ``request_nouns``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    REFUSAL_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.tree import ancestors, is_root
from bot.pipeline.analysis.withheld import WH_WORDS

DECLINED_COMPLEMENTS = frozenset(
    "comment respond reply answer discuss elaborate say speak confirm address interview".split()
)
# "X does not comment on …" / "will not comment": a standing refusal, not an unanswered request.
REFUSING_AUXILIARIES = frozenset({"would", "will", "wo", "does", "do", "could", "can", "ca"})
DECLINING_NOUNS = (
    ROLE_NOUNS
    | COLLECTIVE_NOUNS
    | BUSINESS_DESCRIPTORS
    | INSTITUTION_DESCRIPTORS
    | NEUTRAL_DESCRIPTORS
    | frozenset("family owner owners landlord manager management coach player".split())
)
NEGATION_WORDS = frozenset({"not", "n't", "never", "neither"})
NEGATION_KEY = "claimdeck.negations"  # where ``refuses`` keeps a doc's negation positions
NEARBY_TOKENS = 40  # what a request phrase says lies within this many tokens of its verb


def negated(token: Token) -> bool:
    """ "did not respond", "has yet to respond", "failed to respond", "no one responded"."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if any(c.lower_ in {"never", "yet"} for c in token.children):
        return True
    head = token.head
    if (
        token.dep_ == "xcomp"
        and not is_root(token)
        and (
            head.lemma_.lower() in {"fail", "neglect", "unable"}
            or any(c.lower_ == "yet" or c.dep_ == "neg" for c in head.children)
            or _not_able(head)
        )
    ):
        return True
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and _under_participle(token):
        # "Neither the union nor the mediator appointed to the talks responded"
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and neither_nor(subject):
        return True  # "Neither X nor Y responded" (the parser may make "neither" a determiner)
    if subject is not None and subject.lower_ in {"no", "nobody", "none", "one"}:
        return any(t.lower_ in {"no", "nobody", "none"} for t in nearby(subject))
    return False


def _not_able(able: Token) -> bool:
    """ "was not able to reach": the negation hangs on the copula above "able"."""
    return (
        able.lower_ == "able"
        and able.dep_ == "acomp"
        and any(c.dep_ == "neg" for c in able.head.children)
    )


def neither_nor(subject: Token) -> bool:
    """ "Neither the club nor the league", "Neither McAllister's office nor Barrett": the
    parser hangs "neither" on the subject, on a possessor inside it ("McAllister's") or makes
    it a determiner; the phrase opens with it or coordinates with "nor"."""
    if subject.left_edge.lower_ == "neither":
        return True
    return any(c.dep_ == "cc" and c.lower_ == "nor" for c in subject.children) or any(
        c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in subject.children
    )


def nearby(token: Token) -> list[Token]:
    """The part of ``token``'s subtree within ``NEARBY_TOKENS`` of it. A subtree is one run of
    tokens (the parse is projective), so this is a slice; listing a whole subtree for every
    verb of a run-on sentence made this pass quadratic."""
    doc = token.doc
    start = max(token.left_edge.i, token.i - NEARBY_TOKENS)
    end = min(token.right_edge.i + 1, token.i + NEARBY_TOKENS + 1)
    return list(doc[start:end])


def auxiliaries(verb: Token) -> set[str]:
    """Auxiliaries and negation just before a verb ("would not", "could not immediately").

    Read from the few tokens in front rather than ``verb.children``, which scans the verb's
    whole subtree: on a run-on sentence that made this pass quadratic.
    """
    words: set[str] = set()
    doc = verb.doc
    for i in range(verb.i - 1, max(-1, verb.i - 6), -1):
        if doc[i].head.i == verb.i:
            words.add(doc[i].lower_)
    return words


def subject_of(token: Token) -> Token | None:
    current = token
    own = any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    if token.lemma_.lower() in REFUSAL_VERBS and not own:
        # "said the talks went well but declined to …", hung on the reported clause or
        # made one of its own
        if token.dep_ == "conj":
            speaker = _reporting_subject(token.head)
        else:
            speaker = _reporting_subject(token, refusal=True)
        if speaker is not None:
            return speaker
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            subject = _misparsed_subject(current)
        if subject is not None:
            return subject
        if current.dep_ not in {"xcomp", "conj", "advcl", "acomp"} and not _under_participle(
            current
        ):
            return None  # "acomp": "The Globe was unable to reach …"
        head = current.head
        if current.dep_ == "conj" and _is_embedded_question(head):
            # "She did not say how the tax would be collected and refused to …": the parser
            # hung "refused" on the question; its subject is the speaker's, not "the tax".
            head = head.head
        current = head
    return None


# What the small parser makes of a name it did not take for the subject when a relative
# clause or an apposition follows it: "Olsen, who left in May, declined" → "Olsen" an adverb.
MISPARSED_SUBJECT_DEPS = frozenset({"advmod", "npadvmod", "dep", "nmod", "intj"})


def _under_participle(verb: Token) -> bool:
    """ "The mediator appointed to the talks did not respond": the small parser makes the
    participle of a reduced relative ("appointed", "hired", "named") the main verb, with the
    party its subject and the real verb hung on it; a participle with no auxiliary and no
    object of its own before the verb is no clause the party's silence belongs to."""
    head = verb.head
    if (
        verb.dep_ not in {"dep", "advcl", "conj"}
        or head.i >= verb.i
        or head.tag_
        not in {
            "VBN",
            "VBD",
        }
    ):
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj", "neg"} for c in head.children):
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return False
    return head.i == subject.right_edge.i + 1  # "the mediator appointed", nothing between


def _misparsed_subject(verb: Token) -> Token | None:
    """ "Okafor, who left the board in May, declined to comment": a capitalised word opening
    the sentence, set off by a comma and a relative clause or an apposition, hung on the verb as
    anything but its subject, is the subject; "However, …" or "On Monday, …" is not."""
    sent_start = sentence_of(verb.doc, verb.i)[0]  # ``Token.sent`` walks the sentence
    for child in verb.children:
        if child.dep_ == "parataxis" and child.i < verb.i and child.tag_ in {"VBN", "VBD"}:
            # "The official appointed to lead the review, Mark Dale, declined to comment"
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            bare = not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in child.children)
            if subject is not None and bare and subject.right_edge.i + 1 == child.i:
                return subject
        if child.i >= verb.i or child.left_edge.i != sent_start:
            continue
        if child.dep_ not in MISPARSED_SUBJECT_DEPS or not child.text[:1].isupper():
            continue
        if child.ent_type_ in {"DATE", "TIME", "GPE", "LOC"} or child.pos_ in {"SCONJ", "ADP"}:
            continue
        set_off = any(
            c.dep_ in {"relcl", "appos"} and c.i > child.i and child.doc[child.i + 1].text == ","
            for c in child.children
        )
        if set_off:
            return child
    return None


def _reporting_subject(clause: Token, refusal: bool = False) -> Token | None:
    """ "The minister said talks were going well but declined to give a timeline": the parser
    hangs "declined" on the reported clause, but the speaker is who declined, not "talks"."""
    speech = clause.head
    if clause.dep_ != "ccomp" or speech.lemma_.lower() not in SPEECH_VERBS:
        return None
    if clause.lemma_.lower() in REFUSAL_VERBS and not refusal:
        return None
    reported = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if reported is not None and _could_decline(reported):
        return None  # "she said the company had been approached and declined": the company
    return next((c for c in speech.children if c.dep_ == "nsubj"), None)


def _could_decline(subject: Token) -> bool:
    """A person or body who can refuse the press; not "talks", "the squad's form" or "it"."""
    if subject.pos_ == "PRON":
        return subject.lower_ in {"he", "she", "they", "we"}
    if subject.pos_ == "PROPN" or subject.ent_type_ in {"PERSON", "ORG"}:
        return True
    return subject.lemma_.lower() in DECLINING_NOUNS


def _is_embedded_question(verb: Token) -> bool:
    if verb.dep_ != "ccomp":
        return False
    first = verb.left_edge
    return first.lower_ in WH_WORDS or any(
        c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children
    )


def mentions_comment(tokens: Span | list[Token]) -> bool:
    words = [t.lower_ for t in tokens]
    return any(w in {"comment", "comments"} for w in words) or any(
        w in {"response", "responses", "reaction", "statement"} for w in words
    )


def refuses_comment(verb: Token) -> bool:
    """ "would not comment", "does not comment on …", "declined to comment": the clause is a
    refusal to comment, which is a declined request rather than a claim."""
    lemma = verb.lemma_.lower()
    if lemma in REFUSAL_VERBS:
        complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        return complement is not None and complement.lemma_.lower() in {"comment", "discuss"}
    if lemma in {"comment", "discuss"} and refuses(verb):
        return True
    # "he was not in a position to comment", "it was unable to comment", "had no comment"
    negative = any(c.dep_ == "neg" for c in verb.children)
    for token in nearby(verb):
        if token.lemma_.lower() != "comment":
            continue
        if token.dep_ == "dobj" and any(c.lower_ == "no" for c in token.children):
            return True
        if negative or any(a.lemma_.lower() == "unable" for a in ancestors(token, 3)):
            return token.pos_ == "VERB"
    return False


def refuses(verb: Token) -> bool:
    """ "would not say", "will not comment", "does not comment" (a standing policy)."""
    negations = _negation_indices(verb.doc)
    if negations.isdisjoint(range(max(0, verb.i - 5), verb.i)):
        return False  # checked on index sets first: every "said" of a long text comes here
    words = auxiliaries(verb)
    if not words & {"not", "n't", "never", "neither"}:
        return False
    if words & {"would", "will", "wo"}:
        return True
    # "does not comment", "could not discuss the case"; not "could not say how many died"
    return verb.lemma_.lower() in {"comment", "discuss"} and bool(words & REFUSING_AUXILIARIES)


def _negation_indices(doc: Doc) -> frozenset[int]:
    """Positions of "not", "n't", "never", "neither" in ``doc``, found in one pass and kept on
    the doc, so that ``refuses`` costs a few integer tests per verb."""
    cached = doc.user_data.get(NEGATION_KEY)
    if cached is None:
        cached = frozenset(t.i for t in doc if t.lower_ in NEGATION_WORDS)
        doc.user_data[NEGATION_KEY] = cached
    return cached
