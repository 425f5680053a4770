"""Who a claim belongs to: the subject of a speech verb, resolved to a name.

The source half of attribution (the content half is ``clauses``): the subject, climbing from
a participle ("…, adding that") to the verb that speaks; a speaker named after the verb ("…,
said epidemiologist Kenji Watanabe"); coordinated speakers; a document's author; and the
outlet a speaker told. Subjects that assert nothing ("Nobody said …") are refused here.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.doc_index import entity_at
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    AUTHOR_VERBS,
    DOCUMENT_SOURCES,
    OUTLET_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.misparses import section_label
from bot.pipeline.analysis.placed_subjects import (
    name_read_as_object,
    statement_sender,
    subject_set_off,
    whose_subject,
)
from bot.pipeline.analysis.relatives import swallowed_by_relative
from bot.pipeline.analysis.speakers import Speaker, SpeakerRegistry
from bot.pipeline.analysis.text import quoted_away, tokens_text
from bot.pipeline.analysis.tree import is_root, same

RELAYING_VERBS = frozenset("tell say explain confirm write speak".split())
# Subjects that name no source: expletives, and the writer or a quoted speaker's "I".
EXPLETIVE_SUBJECTS = frozenset({"it", "this", "that", "there", "i", "we", "you", "me"})
# Subjects that make a speech verb assert nothing: "Nobody said …", "Anyone who says …".
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})
GENERIC_SUBJECTS = frozenset("anyone anybody everyone everybody those all whoever".split())
UPWARD_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "relcl"})
QUOTING_VERBS = frozenset({"quote", "cite"})
CONTROLLED_PREPOSITIONS = frozenset({"after", "before", "while", "upon", "by"})
ADDRESSEE_DEPS = frozenset({"dobj", "dative"})
NAME_SEARCH_TOKENS = 12
MAX_PARTICIPLE_CLIMB = 3  # "…, said the city's chief epidemiologist, Dr. Kenji Watanabe"


def subject_tokens(verb: Token) -> tuple[list[Token], bool, Token | None]:
    """Subject tokens of a speech verb (climbing to the governing clause when it has none).

    Returns the subjects, whether the verb is passive, and the passive subject if any.
    A participle ("…, adding that", "…, saying") speaks for the reporting verb above it, not
    for the subject of the reported clause it happens to be attached to.
    """
    governing = _governing_speech_verb(verb) or _clause_owning_participle(verb)
    if governing is not None:
        return subject_tokens(governing)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_ in DOCUMENT_SOURCES:
        return [verb.head], False, None  # "documents suggesting the figure tops $140m"
    sending = statement_sender(verb)
    sender = _own_subject(sending) if sending is not None else None
    if sender is not None:
        return [sender], False, None
    named = name_read_as_object(verb) or subject_set_off(verb) or whose_subject(verb)
    if named is not None:
        return [named], False, None
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        # "as first reported by Politico": the agent of a subjectless passive is the source
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        agents = [p for p in agents if p.dep_ == "pobj"]
        if agents:
            return agents, False, None
    current = _speaker_clause(verb)
    for _ in range(5):
        passive_subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is not None and same(current, verb):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            agents = [c for c in agent.children if c.dep_ == "pobj"] if agent else []
            return agents, True, passive_subject
        subject = _own_subject(current)
        if subject is not None and quoted_away(subject, verb):
            # "said the pace reflected "the care taxpayers expect" and insisted …": the
            # speaker is the one of the speech verb outside the quotation
            above = _speech_verb_above(current)
            return subject_tokens(above) if above is not None else ([], False, None)
        if subject is not None:
            if subject.pos_ in {"VERB", "AUX"}:
                break  # a clause misread as the subject ("Prosecutors allege … called"): no one
            if subject.tag_ in {"WDT", "WP"} and current.dep_ == "relcl":
                subject = _antecedent(subject, current.head)
            subject = swallowed_by_relative(current, subject) or subject
            return _coordinated(subject), False, None
        if passive_subject is not None and current.lemma_.lower() in QUOTING_VERBS:
            return [passive_subject], False, None  # "X was quoted by Y as saying …" → X
        if current.dep_ not in UPWARD_DEPS or is_root(current):
            break
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            owner = next((c for c in current.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return [owner], False, None
        current = _through_preposition(current, verb)
    opener = _opening_name(verb)
    return ([opener] if opener is not None else []), False, None


def _speech_verb_above(clause: Token) -> Token | None:
    """The nearest speech verb that governs ``clause`` (a bounded climb)."""
    token = clause
    for _ in range(MAX_PARTICIPLE_CLIMB + 2):
        if is_root(token):
            return None
        token = token.head
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            return token
    return None


def _antecedent(pronoun: Token, noun: Token) -> Token:
    """Whom a relative pronoun stands for. "who" is a person: in "said Marisa Chen, an analyst
    at Greenfield Research, who told …" the parser hangs the clause on the firm, the object
    of "at"; the person is the noun that phrase belongs to (the name, across an apposition)."""
    seen = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "agent" else None
    if (
        pronoun.lower_ in {"which", "that"}
        and seen is not None
        and seen.dep_ == "acl"
        and seen.head.lemma_.lower() in DOCUMENT_SOURCES
    ):
        # "a report seen by the Herald, which warns …": what the outlet saw speaks, not it
        return seen.head
    if pronoun.lower_ != "who" or noun.ent_type_ == "PERSON":
        return noun
    token = noun
    for _ in range(MAX_PARTICIPLE_CLIMB):
        if token.dep_ != "pobj" or token.head.dep_ != "prep" or token.head.head.i == token.i:
            break
        token = token.head.head
    if token.i == noun.i:
        return noun
    return token.head if token.dep_ == "appos" else token


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; of two ("the driver, who police said was …", with "who" belonging
    to the reported clause), the one that is no relative pronoun or misread clause."""
    # "Details: The round values …, CEO Ana Ruiz said": a label before a colon is no subject
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not section_label(c)]
    if len(subjects) == 2 and subjects[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        return subjects[1]
    if len(subjects) >= 2 and subjects[0].pos_ in {"VERB", "AUX"} and subjects[-1].i < verb.i:
        # "By the time the cough sets in, it often fails, she said": a fronted clause's verb
        # read as a first subject; the speaker is the subject next to the verb
        return subjects[-1]
    return subjects[0] if subjects else None


def _set_off(verb: Token) -> bool:
    """ "…, saying …": a participle after a comma, which speaks for the sentence's subject."""
    return verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _clause_owning_participle(verb: Token) -> Token | None:
    """ "Sandoval vetoed a bill that would have required …, saying it would …": a participle
    the parser hung on a relative clause speaks for the clause that holds the noun, not for
    the relative pronoun ("a bill")."""
    if not _set_off(verb) or verb.dep_ not in {"advcl", "xcomp", "conj", "acl"}:
        return None
    token, climbed = verb.head, False
    for _ in range(MAX_PARTICIPLE_CLIMB):
        if token.pos_ not in {"VERB", "AUX"}:
            break
        if token.dep_ == "ccomp" and token.head.lemma_.lower() not in SPEECH_VERBS:
            # "authors sued [startup Lumora …], alleging …" with the name read as a clause
            token, climbed = token.head, True
            continue
        if token.dep_ == "pcomp" and climbed and token.head.pos_ == "ADP":
            # "blocked the agency from enforcing a rule that would …, finding that …"
            token = token.head.head
            continue
        if token.dep_ not in {"relcl", "acl"}:
            break
        token, climbed = token.head.head, True  # the noun, then what governs it
        while token.pos_ == "ADP" and not is_root(token):
            token = token.head  # "the cost of a plan that …"
    return token if climbed and token.pos_ in {"VERB", "AUX"} else None


def _opening_name(verb: Token) -> Token | None:
    """ "Harlow Foods Inc on Thursday forecast …, saying …" misparsed into one noun phrase: a
    set-off participle with no subject in reach speaks for the name that opens the sentence."""
    if not _set_off(verb):
        return None
    doc = verb.doc
    first = sentence_of(doc, verb.i)[0]
    ent = entity_at(doc, first) if doc[first].ent_type_ in {"PERSON", "ORG"} else None
    if ent is None or ent.end >= verb.i:
        return None
    return ent.root


def _through_preposition(clause: Token, verb: Token) -> Token:
    """The clause above: "pleaded guilty [to taking bribes, admitting that …]" and "quoted
    [as saying that …]" climb through the preposition to the verb it hangs on. A speech verb
    that is itself the preposition's object ("fired after reporting that …") speaks for no
    one but "as saying"."""
    head = clause.head
    if clause.dep_ != "pcomp" or head.dep_ != "prep" or head.head.pos_ not in {"VERB", "AUX"}:
        return head
    # "fined the firm after finding that it lied": an active clause's subject finds (control)
    controlled = head.lower_ in CONTROLLED_PREPOSITIONS and not any(
        c.dep_ in {"nsubjpass", "auxpass"} for c in head.head.children
    )
    if same(clause, verb) and head.lower_ != "as" and not controlled:
        return head
    return head.head


def quoting_outlet(verb: Token) -> Token | None:
    """ "quoted by the Interfax news agency as saying …": the outlet that relays the words."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as":
        return None
    quoting = prep.head
    if quoting.lemma_.lower() not in QUOTING_VERBS:
        return None
    agent = next((c for c in quoting.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _speaker_clause(verb: Token) -> Token:
    """ "X said crews were working but warned that …", misparsed with "warned" joined to the
    reported clause: a subjectless speech verb joined to what another speech verb reports
    shares that verb's speaker, not the subject of the report."""
    head = verb.head
    if (
        verb.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.lemma_.lower() not in SPEECH_VERBS
        and head.head.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        return head.head
    return verb


def _governing_speech_verb(verb: Token) -> Token | None:
    """The speech verb a participle clause depends on ("X said A, adding B" → said)."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"}:
        return None
    for ancestor in verb.ancestors:
        speaks = ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in SPEECH_VERBS
        if speaks and any(c.dep_ in {"nsubj", "nsubjpass"} for c in ancestor.children):
            return _reporter(ancestor) if _set_off(verb) else ancestor
    return None


def _reporter(clause: Token) -> Token:
    """ "Judge Lund said the agency had shown good grounds, noting that …": a set-off participle
    after a reported clause speaks for whoever reports that clause, not for its subject."""
    head = clause.head
    # an outlet's report relays: "Reuters reported the firm had warned, saying …" is the firm's
    speaks = head.lemma_.lower() in SPEECH_VERBS - {"report"}
    subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
    return head if clause.dep_ == "ccomp" and head.pos_ == "VERB" and speaks and subject else clause


def named_after(verb: Token) -> Token | None:
    """ "…, said epidemiologist Kenji Watanabe" misparsed without a subject: the first name
    inside the verb's own phrase after it."""
    doc = verb.doc  # the parse is projective: the subtree after the verb is one contiguous run
    # "…, a person with knowledge of the deal told The Associated Press": whom the verb
    # addresses is never who speaks.
    addressed = {
        t.i for c in verb.children if c.dep_ in ADDRESSEE_DEPS for t in (c.left_edge, c.right_edge)
    }
    low, high = (min(addressed), max(addressed)) if addressed else (-1, -1)
    for i in range(verb.i + 1, min(verb.right_edge.i + 1, verb.i + NAME_SEARCH_TOKENS)):
        if low <= i <= high:
            continue
        ent = entity_at(doc, i) if doc[i].ent_type_ in {"PERSON", "ORG"} else None
        if ent is not None:
            return ent.root
    return None


def preceding_nominal(verb: Token) -> Token | None:
    """The noun phrase just before a subjectless speech verb ("…, the developer, X, said")."""
    i = verb.i - 1
    doc = verb.doc
    first = sentence_of(doc, verb.i)[0]
    while i >= first and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    if i < first:
        return None
    token = doc[i]
    while token.dep_ in {"appos", "compound", "flat"} and token.head.i < verb.i:
        token = token.head
    return token if token.pos_ in {"NOUN", "PROPN"} else None


def _coordinated(subject: Token) -> list[Token]:
    """ "X and Y" → both; "Speaking to X, Y" misparsed as a bare list → the last one."""
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    if not conjuncts:
        return [subject]
    if any(c.dep_ == "cc" for c in subject.children) or any(
        c.dep_ == "cc" for conj in conjuncts for c in conj.children
    ):
        return [subject, *subject.conjuncts]
    return [subject.conjuncts[-1]]


def denies_or_generalises(subject: Token, verb: Token) -> bool:
    """ "Nobody said X" reports no claim, nor does "Anyone who says X is lying": a negative
    subject, or a generic one whose relative clause is the speech, asserts nothing."""
    lower = subject.lower_
    if lower in NEGATIVE_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children
    ):
        return True  # "no one", "no county had reported problems"
    generic_clause = verb.dep_ == "relcl" and verb.head.i == subject.i
    return lower == "whoever" or (generic_clause and lower in GENERIC_SUBJECTS)


def join_speakers(speakers: list[Speaker]) -> Speaker | None:
    if not speakers:
        return None
    unique = list({s.name: s for s in speakers}.values())
    if len(unique) == 1:
        return unique[0]
    names = [s.name for s in unique]
    name = ", ".join(names[:-1]) + " and " + names[-1]
    return Speaker(name, "group", None, named=any(s.named for s in speakers))


def phrase_before(verb: Token) -> Speaker | None:
    """The words before a speech verb the tagger took for a noun ("The ruling [states] …")."""
    text = tokens_text(verb.doc, verb.left_edge.i, verb.i)
    if not text:
        return None
    words = text.lower().split()
    return Speaker(text, "document" if words[-1] in DOCUMENT_SOURCES else "unknown")


def document_author(source: Token) -> Token:
    """ "according to data compiled by LSEG" → LSEG: a document's author is the source."""
    if source.lemma_.lower() not in DOCUMENT_SOURCES and source.lower_ not in DOCUMENT_SOURCES:
        return source
    for clause in source.children:
        if clause.dep_ != "acl" or clause.tag_ != "VBN":
            continue
        if clause.lemma_.lower() not in AUTHOR_VERBS:
            continue  # "records obtained by the Chronicle" are still the records
        for agent in clause.children:
            author = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if agent.dep_ == "agent" and author is not None:
                return author
    return source


def outlet_recipient(verb: Token, registry: SpeakerRegistry) -> str | None:
    """ "told Reuters" / "told the news agency" → the outlet that relays the claim."""
    quoting = quoting_outlet(verb)
    if quoting is not None:
        return registry.resolve(quoting).name
    if verb.lemma_.lower() not in RELAYING_VERBS:
        return None
    for child in verb.children:
        to_phrase = child.dep_ == "prep" and child.lower_ == "to"
        if child.dep_ not in {"dative", "dobj"} and not to_phrase:
            continue
        recipient = child
        if child.dep_ == "prep":
            recipient = next((c for c in child.children if c.dep_ == "pobj"), None)
            if recipient is None:
                continue
        generic = recipient.tag_ == "NNS" and recipient.ent_type_ != "ORG"
        if not generic and (
            recipient.ent_type_ == "ORG" or recipient.lemma_.lower() in OUTLET_NOUNS
        ):
            return registry.resolve(recipient).name
    return None
