"""The grammar of a comment request: negation, who asked, and what counts as a request.

Shared by the phrasings in ``comments``: "did not respond", "has yet to", "no one"; the
auxiliaries in front of a verb; a request noun that asks for a statement ("a request for
comment", not "a request for documents"); and who sent it ("Reuters' request", "a request
from AP").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    CHANNELS,
    COLLECTIVE_NOUNS,
    COMMENT_NOUNS,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    REFUSAL_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.tree import ancestors, is_root
from bot.pipeline.analysis.withheld import FIRST_PERSON, WH_WORDS

DECLINED_COMPLEMENTS = frozenset(
    "comment respond reply answer discuss elaborate say speak confirm address interview".split()
)
# What a comment request asks for: "a request for comment", but not "for documents".
STATEMENT_NOUNS = frozenset(
    "comment comments response responses statement reaction interview interviews information "
    "clarification explanation details detail reply confirmation update answer answers".split()
)
# Letters pass between any two parties; one is a comment request only when the press sent it.
CORRESPONDENCE = frozenset({"letter"})
# The piece being read: "calls for this story", "questions for this article".
STORY_NOUNS = frozenset("story article piece report column feature segment broadcast".split())
PRESS_SENDERS = frozenset(
    "reporter reporters journalist journalists newspaper paper newsroom editor editors".split()
)
SENDING_VERBS = frozenset("send submit email put pose leave file ask write".split())
OFFICIAL_ASKERS = INSTITUTION_DESCRIPTORS | frozenset(
    "lawmaker legislator senator congressman congresswoman mp regulator investigator inspector "
    "auditor prosecutor ombudsman committee panel inquiry".split()
)
# Words before "request" that keep it the press's: "a media request", "an email request".
PRESS_MODIFIERS = frozenset("media press news interview comment".split())
PHONES = frozenset("phone telephone cellphone cell mobile".split())
# "a list of questions": the request is the thing listed.
LIST_NOUNS = frozenset("list series set number barrage".split())
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
        if subject is not None:
            return subject
        if current.dep_ not in {"xcomp", "conj", "advcl", "acomp"}:
            return None  # "acomp": "The Globe was unable to reach …"
        head = current.head
        if current.dep_ == "conj" and _is_embedded_question(head):
            # "She did not say how the tax would be collected and refused to …": the parser
            # hung "refused" on the question; its subject is the speaker's, not "the tax".
            head = head.head
        current = head
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


def is_request(noun: Token) -> bool:
    """A request noun that is a request to the party, not "the first call" to an emergency
    service or "calls for 40 minutes"."""
    if noun.lemma_.lower() in LIST_NOUNS:  # "a list of questions from The Washington Post"
        if any(c.ent_type_ == "ORDINAL" or c.dep_ == "nummod" for c in noun.children):
            return False  # "the first set of cognitive questions": a test given in turns
        inner = from_object(noun, "of")
        return inner is not None and is_request(inner)
    if noun.lemma_.lower() not in COMMENT_NOUNS:
        return False
    for child in noun.children:
        if child.ent_type_ == "ORDINAL" or child.dep_ == "nummod":
            return False
        for_a_while = child.dep_ == "prep" and child.lower_ == "for"
        if for_a_while and any(c.ent_type_ in {"TIME", "DATE"} for c in child.children):
            return False
    if noun.lemma_.lower() in CORRESPONDENCE and not _from_the_press(noun):
        return False  # "a letter from the federation asking to restore the sport"
    if someone_elses(noun):
        return False
    return not _asks_for_something_else(noun)


def someone_elses(request: Token) -> bool:
    """ "her calls to the police", "their questions", "the family's emails", "a records
    request": a request someone other than the press made, or one for something other than a
    statement. "Our calls", "Reuters' request" and "the committee's request for comment" (an
    inquiry asking for a statement) stay requests."""
    if _asks_for_a_statement(request):
        return False
    sender = from_object(request)
    if sender is not None and not (_press_like(sender) or _official(sender)):
        return True  # "messages from supporters' groups"; not "questions from lawmakers"
    for child in request.children:
        writer = sender_in_clause(child)
        if writer is not None and not (_press_like(writer) or _official(writer)):
            return True  # "questions the family sent"; not "questions the Tribune submitted"
    for child in request.children:
        if child.dep_ == "poss" and not _press_like(child):
            return True
        kept = STATEMENT_NOUNS | CHANNELS | PRESS_MODIFIERS
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.lemma_.lower() not in kept:
            return True  # "a records request", "an extradition request"
    return False


def _asks_for_a_statement(request: Token) -> bool:
    wanted = from_object(request, "for")
    return wanted is not None and (
        wanted.lemma_.lower() in STATEMENT_NOUNS or wanted.lower_ in STATEMENT_NOUNS
    )


def sender_in_clause(child: Token) -> Token | None:
    """X in "questions X submitted", "the emails X sent": who wrote the request."""
    if child.dep_ != "relcl" or child.lemma_.lower() not in SENDING_VERBS:
        return None
    return next((c for c in child.children if c.dep_ == "nsubj"), None)


def _official(sender: Token) -> bool:
    """An official inquiry asks for statements too: "questions from lawmakers", "a request
    from the committee"."""
    return sender.lemma_.lower() in OFFICIAL_ASKERS or sender.ent_type_ == "ORG"


def _press_like(owner: Token) -> bool:
    """Whose request: "our", a named outlet, "the newspaper's"; not "her", "their", "the
    family's" nor a person's name."""
    if owner.lower_ in FIRST_PERSON | {"our", "my"} or owner.lemma_.lower() in PRESS_SENDERS:
        return True
    if owner.pos_ == "PRON":
        # "Reporters said the ministry never answered their questions": whose "their" is
        # the subject of the speech verb above
        for host in ancestors(owner, 6):
            if host.lemma_.lower() in SPEECH_VERBS:
                speaker = next((c for c in host.children if c.dep_ == "nsubj"), None)
                return speaker is not None and speaker.lemma_.lower() in PRESS_SENDERS
        return False
    return owner.pos_ == "PROPN" and (owner.ent_type_ != "PERSON" or titled(owner))


def titled(name: Token) -> bool:
    """ "the Chronicle", "the Weekly", "the Ledger": a capitalised name under "the" is a title
    (a newspaper's, a body's), whatever the small tagger says; a person's name takes none."""
    return name.tag_ == "NNP" and any(c.dep_ == "det" and c.lower_ == "the" for c in name.children)


def _from_the_press(letter: Token) -> bool:
    """A letter is a comment request only when it asks for comment ("a letter seeking
    comment") or the press sent it ("our letter", "a letter from a reporter")."""
    if mentions_comment(nearby(letter)):
        return True
    senders = [c for c in letter.children if c.dep_ == "poss"]
    source = from_object(letter)
    senders += [source] if source is not None else []
    return any(
        s.lower_ in FIRST_PERSON | {"our", "my"} or s.lower_ in PRESS_SENDERS for s in senders
    )


def _asks_for_something_else(noun: Token) -> bool:
    """ "the commission's request for documents", "a request from lawmakers to release the
    records": a request for something other than a statement is no comment request."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            wanted = next((c for c in child.children if c.dep_ == "pobj"), None)
            statement = wanted is not None and (
                wanted.lemma_.lower() in STATEMENT_NOUNS or wanted.lower_ in STATEMENT_NOUNS
            )
            if wanted is not None and not statement and not _for_this_story(wanted):
                return True
        to_do = child.dep_ in {"acl", "relcl", "xcomp"} and child.tag_ == "VB"
        if to_do and child.lemma_.lower() not in DECLINED_COMPLEMENTS:
            return True  # "a request to release the records"
    return False


def _for_this_story(wanted: Token) -> bool:
    """ "calls for this story", "emails for this article": asked for the piece being read,
    which is asking for comment (not "a request for the report", a document)."""
    return wanted.lemma_.lower() in STORY_NOUNS and any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"this", "our"} for c in wanted.children
    )


def object_is_comment_request(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and is_request(child):
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in PHONES:
            return True  # "did not answer his phone"
        if child.dep_ == "prep" and child.lower_ in {"to", "for"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and is_request(obj):
                    return True
        # "did not respond to emailed questions" misparsed as "to emailed [questions]"
        misparsed = child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBN"
        if misparsed and any(c.dep_ == "dobj" and is_request(c) for c in child.children):
            return True
    return False


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


def from_object(token: Token, preposition: str = "from") -> Token | None:
    """X in "<token> from X": the object of any "from" phrase hanging on ``token``."""
    return next(
        (
            c
            for p in token.children
            if p.dep_ == "prep" and p.lower_ == preposition
            for c in p.children
            if c.dep_ == "pobj"
        ),
        None,
    )
