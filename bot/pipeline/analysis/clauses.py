"""What a speech verb reports: its clause, quotation, object or accusation.

The content half of attribution (the source half is ``sources``): a "that" clause, a clause
framed by "in a statement", an object that is itself the news ("mentioned six cases"), what a
naming verb calls something, the "of …" phrase of an accusation, and the parser's usual
misreadings of each.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import refuses_comment
from bot.pipeline.analysis.frames import (
    after_leading_date,
    after_opening_colon,
    beyond_semicolon,
    clause_in_frame,
    past_a_participle,
)
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_NOUNS,
    ACCUSATION_VERBS,
    CLAUSE_ONLY_VERBS,
    CULPABILITY_NOUNS,
    DOCUMENT_SOURCES,
    EVALUATIVE_VERBS,
    NAMING_VERBS,
    OBJECT_CONTENT_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.misparses import (
    clause_after_that,
    clause_read_as_relative,
    document_verb_read_as_noun,
    speech_after_a_weekday,
    speech_verb_in_subject,
    speech_verb_read_as_noun,
    that_after_an_adverb,
)
from bot.pipeline.analysis.objects import (
    as_content,
    commits,
    empty_container,
    is_infinitive,
    is_quoted,
    naming_content,
    reported_before,
)
from bot.pipeline.analysis.reasons import reason_bounds, reason_participle
from bot.pipeline.analysis.reported import (
    after_an_appositive_subject,
    before_refusal,
    clause_read_as_subject,
    modal_conjuncts,
    refusal_conjunct,
    relative_report,
)

# "claimed to have …", "denied knowing …"; but "agreed to pay" and "urged them to" are not claims.
SOURCE_NOUNS = frozenset("people person persons sources source officials insiders".split())
# What a document finds, shows or cites may be a noun phrase: "the audit found 40 errors".
DOCUMENT_FINDING_VERBS = frozenset("find show cite".split())
XCOMP_CONTENT_VERBS = frozenset(
    "claim allege deny admit acknowledge report describe recall recount".split()
)
# Verbs that report clauses; a long noun-phrase object with a finite verb in it is a misparse.
CLAUSE_TAKING_VERBS = frozenset("say insist argue contend add state".split())
WH_WORDS = frozenset("whether if how when why what who where which whom".split())
ACCUSATION_PREPS = frozenset({"of", "for", "over", "against", "about", "with"})
UNINFORMATIVE_OBJECTS = frozenset(
    "statement details detail information comment comments anything nothing something this "
    "that it them name names".split()
)
QUANTITY_MARKS = frozenset("about around over under nearly almost roughly some just".split())
REPLY_ADDRESSEES = frozenset("me us him her them reporters questions requests inquiries".split())


def is_question_clause(clause: Token) -> bool:
    """ "asked whether …", "wondered what …"; but in "Whether we win is another matter" and
    "What happened was a tragedy" the question is only the subject of a statement."""
    first = next(iter(clause.subtree))
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if marks & {"whether", "if"}:
        return True
    subject = any(c.dep_ == "csubj" and c.left_edge.i == first.i for c in clause.children)
    return first.lower_ in WH_WORDS and not subject


def _second_that_clauses(verb: Token) -> list[Token]:
    """ "said A and that B": a clause joined to the speech verb and opened by "that" is a
    second thing said, even when the parser hangs it off the verb instead of the first one."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in {"VERB", "AUX"}
        and c.left_edge.lower_ == "that"
        and c.lemma_.lower() not in SPEECH_VERBS
        and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
    ]


def bounds(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int]:  # type: ignore[assignment]
    indices = [t.i for t in token.subtree if t.i not in exclude or t.i == token.i]
    return min(indices), max(indices) + 1


def content(verb: Token) -> tuple[int, int, Token | None] | None:
    """Token range of what the verb reports, and the accused party for accusation verbs."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in NAMING_VERBS:
        return naming_content(verb) or as_content(verb)  # "branded the plan (as) a sham"
    reason = reason_bounds(verb) if reason_participle(verb) else None
    if reason is not None:  # "…, blaming lower broadcast revenue": the cause it gives
        # "…, citing people familiar with the matter" names a source, not a cause
        return None if names_a_source(verb.doc[reason[2]]) else (reason[0], reason[1], None)
    if lemma in ACCUSATION_VERBS:
        target = next((c for c in children if c.dep_ in {"dobj", "nsubjpass"}), None)
        # The "of …" phrase may hang off the verb, the accused, or a passive agent.
        agents = [p for c in children if c.dep_ == "agent" for p in c.children]
        hosts = [verb, *agents] + ([target] if target is not None else [])
        # "blamed the delays on a software fault"
        accusing = ACCUSATION_PREPS | ({"on"} if lemma == "blame" else set())
        preps = [
            c for host in hosts for c in host.children if c.dep_ == "prep" and c.lower_ in accusing
        ]
        clauses = [c for c in children if c.dep_ in {"ccomp", "xcomp"}]
        if target is not None and (preps or clauses):
            parts = [target, *preps, *clauses]
            start = min(p.left_edge.i for p in parts)
            end = max(p.right_edge.i for p in parts) + 1
            return start, end, target

    if lemma in EVALUATIVE_VERBS:
        characterised = as_content(verb)
        if characterised is not None:
            return characterised
    relative = relative_report(verb)
    if relative is not None:
        return relative[0], relative[1], None
    clauses = [
        c
        for c in children
        if (
            c.dep_ == "ccomp"
            or (c.dep_ == "xcomp" and lemma in XCOMP_CONTENT_VERBS)
            or (c.dep_ == "xcomp" and (commits(verb) or is_quoted(c)))
            or (c.dep_ == "advcl" and commits(verb) and is_infinitive(c))
            or _clause_after_a_qualifier(c)
        )
        and not is_question_clause(c)
    ]
    clauses = [
        past_a_participle(c)
        for c in clauses
        if (c.pos_ in {"VERB", "AUX"} or c.dep_ == "ccomp") and not beyond_semicolon(verb, c)
    ]
    if clauses:
        clauses = after_an_appositive_subject(verb, clauses)
        clauses += _second_that_clauses(verb)
        clauses += modal_conjuncts(verb, clauses)
        start = min(c.left_edge.i for c in clauses)
        end = max(c.right_edge.i for c in clauses) + 1
        if len(clauses) == 1:
            end = before_refusal(clauses[0], start, end)
        start = after_opening_colon(verb, after_leading_date(verb, start, end), end)
        return start, end, None
    framed = clause_in_frame(verb)
    if framed is not None:
        start, end = bounds(framed)
        if verb.doc[start].lower_ == "that" and start + 1 < end:
            start += 1  # the "that" the parser kept inside a relative clause
        # "said in a speech that the bill 'guts relief' and would not pass": a backshifted
        # clause joined to the speech verb goes on with the report
        end = max([end] + [c.right_edge.i + 1 for c in modal_conjuncts(verb, [framed])])
        return start, end, None
    if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
        own = {t.i for t in verb.subtree}
        start, end = bounds(verb.head, own)
        return start, end, None
    marked = clause_after_that(verb)
    if marked is not None:
        return marked[0], marked[1], None
    relative = clause_read_as_relative(verb)
    if relative is not None:
        start, end = bounds(relative)
        return start, end, None
    if _is_as_clause(verb):
        start, end = bounds(verb.head, {t.i for t in verb.subtree})
        return start, end, None
    documented = lemma in DOCUMENT_FINDING_VERBS and document_subject(verb)
    if lemma in CLAUSE_ONLY_VERBS and not documented:
        return None
    hidden = clause_read_as_subject(verb)
    if hidden is not None:
        return hidden[0], hidden[1], None
    if lemma in CLAUSE_TAKING_VERBS:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None and _hides_a_clause(obj):
            start, end = bounds(obj)
            return start, end, None
    if lemma == "deny":
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in CULPABILITY_NOUNS:
            start, end = bounds(obj)  # "denied any knowledge of the loans"
            return start, end, None
    if lemma in OBJECT_CONTENT_VERBS or documented:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and obj.pos_ in {"NOUN", "PROPN", "NUM"}
            and not (lemma == "cite" and names_a_source(obj))
            and obj.lemma_.lower() not in ACCUSATION_NOUNS | UNINFORMATIVE_OBJECTS
            and not reported_before(obj)
            and not empty_container(obj)
        ):
            start, end = bounds(obj)
            # "estimated repairs [at up to $85,000]": the figure hangs on the verb
            valued = next(
                (c for c in children if c.dep_ == "prep" and c.lower_ == "at" and c.i == end),
                None,
            )
            if valued is not None:
                end = valued.right_edge.i + 1
            # "expects earnings of $2.10 [to $2.20]": the range's top hung on the verb
            ranged = next((c for c in children if c.dep_ == "prep" and c.i == end), None)
            if ranged is not None and ranged.lower_ == "to" and _a_number_after(ranged):
                end = ranged.right_edge.i + 1
            # "announced $42 million in grants [to connect 18,000 homes]": what it is for
            purpose = next(
                (c for c in children if c.dep_ in {"advcl", "xcomp"} and c.left_edge.i == end),
                None,
            )
            if purpose is not None and is_infinitive(purpose):
                end = purpose.right_edge.i + 1
            if end - start >= 3:
                return start, end, None
    return None


def _a_number_after(preposition: Token) -> bool:
    """ "to $2.20", "to 40%": the preposition's object is a figure."""
    return any(c.dep_ == "pobj" and c.like_num for c in preposition.children)


def names_a_source(obj: Token) -> bool:
    """ "citing two people briefed on the plans", "citing Reuters": whom a report cites is
    its source, not what it says."""
    lemma = obj.lemma_.lower()
    return (
        obj.ent_type_ in {"PERSON", "ORG", "NORP"}
        or lemma in ROLE_NOUNS
        or lemma in SOURCE_NOUNS
        or obj.lower_ in SOURCE_NOUNS
    )


def document_subject(verb: Token) -> bool:
    """ "A study by researchers at X found no increase in injuries", "The memo cites a $62
    million loss": what a document finds or cites is its claim, object and all."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lemma_.lower() in DOCUMENT_SOURCES or subject.lower_ in DOCUMENT_SOURCES


def names_or_misread_speech(token: Token) -> bool:
    """A naming verb ("called it a disaster"), or a speech verb the tagger took for a noun."""
    if token.pos_ == "VERB":
        lemma = token.lemma_.lower()
        if lemma in EVALUATIVE_VERBS and lemma not in SPEECH_VERBS | NAMING_VERBS:
            return as_content(token) is not None
        return lemma in NAMING_VERBS
    return token.pos_ == "NOUN" and (
        speech_verb_read_as_noun(token)
        or document_verb_read_as_noun(token)
        or speech_verb_in_subject(token) is not None
        or speech_after_a_weekday(token) is not None
    )


def _clause_after_a_qualifier(clause: Token) -> bool:
    """ "said about half of the money had been spent": "about" read as a subordinator makes
    the reported clause an adverbial one; a quantity word is no subordinator."""
    return clause.dep_ == "advcl" and (
        any(c.dep_ == "mark" and c.lower_ in QUANTITY_MARKS for c in clause.children)
        or that_after_an_adverb(clause)
    )


def _is_as_clause(verb: Token) -> bool:
    """ "As first reported by Politico, S", "as the Times reported, S": the sentence the
    clause hangs on is what the source reported."""
    # "as non-urgent, an inquest has heard": an "as" with words of its own is a comparison
    return (
        verb.dep_ == "advcl"
        and verb.head.pos_ in {"VERB", "AUX"}
        and any(
            c.dep_ == "mark" and c.lower_ == "as" and not list(c.children) for c in verb.children
        )
        and not any(c.dep_ in {"dobj", "ccomp", "nsubjpass"} for c in verb.children)
        # "even as the opposition pointed to …": a time, not a source
        and not any(c.dep_ == "advmod" and c.lower_ in {"even", "just"} for c in verb.children)
    )


def reports_a_refusal(verb: Token) -> bool:
    """ "said it would not comment", "said he would get back to me": an answer to a comment
    request (declined, or promised), not a claim."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(
        (refuses_comment(c) or _promises_a_reply(c))
        and not _says_more(c)
        and refusal_conjunct(c) is None
        for c in clauses
    )


def _says_more(refusal: Token) -> bool:
    """ "said it does not comment on leaks and remained committed to its targets", "would not
    comment but called the ruling flawed": a second clause joined to the refusal says
    something, and that is a claim."""
    return any(
        c.dep_ == "conj"
        and c.pos_ in {"VERB", "AUX"}
        and not (refuses_comment(c) or _promises_a_reply(c))
        for c in refusal.children
    )


def _promises_a_reply(clause: Token) -> bool:
    """ "would get back to me", "will respond to questions"; but "would respond to the
    allegations in court" says what the speaker will do about a claim."""
    lemma = clause.lemma_.lower()
    children = list(clause.children)
    replies = lemma in {"respond", "reply", "comment"} or (
        lemma == "get" and any(c.lower_ == "back" for c in children)
    )
    modal = any(c.dep_ == "aux" and c.lower_ in {"would", "will", "'d", "'ll"} for c in children)
    to_whom = all(
        c.dep_ in {"nsubj", "aux", "prt", "advmod", "punct", "mark"}
        or (c.dep_ == "prep" and all(o.lower_ in REPLY_ADDRESSEES for o in c.children))
        for c in children
    )
    return replies and modal and to_whom


def _hides_a_clause(obj: Token) -> bool:
    """ "say [Kovalenko, 41, diverted money]": "say" takes clauses, so a long object with a
    finite verb in it is a clause the parser mistook for a noun phrase."""
    subtree = list(obj.subtree)
    finite = any(t.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and t.pos_ == "VERB" for t in subtree)
    return len(subtree) >= 5 and finite and obj.lemma_.lower() not in UNINFORMATIVE_OBJECTS


def fronted_content(verb: Token) -> tuple[int, int, Token] | None:
    """ "The tanker overturned, spilling fuel, local officials said." misparsed with the whole
    statement as a second subject: content is everything before the comma that opens the
    speaker's noun phrase, and the speech verb ends the sentence."""
    doc = verb.doc
    sent = doc[slice(*sentence_of(doc, verb.i))]
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) < 2:
        return None
    speaker = subjects[-1]
    first = speaker.left_edge.i
    doc = verb.doc
    if first - 1 <= sent.start or doc[first - 1].text != ",":
        return None
    after = [t for t in doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if any(t.head.i != verb.i and t.head.i < verb.i for t in after):
        return None
    content = doc[sent.start : first - 1]
    words = [t for t in content if not (t.is_punct or t.is_space)]
    if len(words) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return None
    return sent.start, first - 1, speaker
