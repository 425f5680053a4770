"""Who claims what: speech verbs, "according to", quotations and accusations.

Works on dependency parses. A claim needs a source cue (a speech verb, "according to", or a
quotation that continues an attributed speaker) and content (a clause, a quotation, the object
of "mentioned", or the "of …" phrase of an accusation). Author commentary has no cue and so
never becomes a claim.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.comments import refuses_comment
from bot.pipeline.analysis.doc_index import entity_at
from bot.pipeline.analysis.layout import paragraph_breaks, sentence_bounds, sentence_of
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_NOUNS,
    ACCUSATION_VERBS,
    CLAUSE_ONLY_VERBS,
    DOCUMENT_SOURCES,
    HEDGES,
    NAMING_VERBS,
    OBJECT_CONTENT_VERBS,
    OUTLET_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.speakers import Speaker, SpeakerRegistry, is_nameless
from bot.pipeline.analysis.text import tokens_text
from bot.pipeline.analysis.tree import climb_while, is_root, same

SPEAKING_VERBS = frozenset("speak talk address testify tweet post write reply respond".split())
# "claimed to have …", "denied knowing …"; but "agreed to pay" and "urged them to" are not claims.
XCOMP_CONTENT_VERBS = frozenset("claim allege deny admit acknowledge report".split())
RELAYING_VERBS = frozenset("tell say explain confirm write speak".split())
# Verbs that report clauses; a long noun-phrase object with a finite verb in it is a misparse.
CLAUSE_TAKING_VERBS = frozenset("say insist argue contend add state".split())
# Subjects that name no source: expletives, and the writer or a quoted speaker's "I".
EXPLETIVE_SUBJECTS = frozenset({"it", "this", "that", "there", "i", "we", "you", "me"})
# Subjects that make a speech verb assert nothing: "Nobody said …", "Anyone who says …".
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})
GENERIC_SUBJECTS = frozenset("anyone anybody everyone everybody those all whoever".split())
WH_WORDS = frozenset("whether if how when why what who where which whom".split())
UPWARD_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "relcl"})
ACCUSATION_PREPS = frozenset({"of", "for", "over", "against", "about", "with"})
# No claim an editor votes on is longer than this; a longer span is a broken quotation or a
# run-on misparse (see refine.clip_long_claims).
MAX_CLAIM_TOKENS = 150
# No sentence an editor reads reports more statements than this; each costs up to a claim's
# length in later passes, so the cap keeps a run-on text linear.
MAX_CLAIMS_PER_SENTENCE = 8
NAME_SEARCH_TOKENS = 12  # "…, said the city's chief epidemiologist, Dr. Kenji Watanabe"
UNINFORMATIVE_OBJECTS = frozenset(
    "statement details detail information comment comments anything nothing something this "
    "that it them name names".split()
)


@dataclass(slots=True)
class RawClaim:
    """A claim before ids, quantities and scores are attached."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    cue: str | None
    cue_index: int | None
    speaker: Speaker | None
    target: str | None = None
    reported_by: str | None = None
    hedge: str | None = None
    quote: bool = False
    passive: bool = False
    gaps: frozenset[int] = field(default_factory=frozenset)


def _is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _is_question_clause(clause: Token) -> bool:
    first = next(iter(clause.subtree))
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return first.lower_ in WH_WORDS or bool(marks & {"whether", "if"})


def _subject_tokens(verb: Token) -> tuple[list[Token], bool, Token | None]:
    """Subject tokens of a speech verb (climbing to the governing clause when it has none).

    Returns the subjects, whether the verb is passive, and the passive subject if any.
    A participle ("…, adding that", "…, saying") speaks for the reporting verb above it, not
    for the subject of the reported clause it happens to be attached to.
    """
    governing = _governing_speech_verb(verb)
    if governing is not None:
        return _subject_tokens(governing)
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
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.tag_ in {"WDT", "WP"} and current.dep_ == "relcl":
                subject = current.head
            return _coordinated(subject), False, None
        if current.dep_ not in UPWARD_DEPS or is_root(current):
            break
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            owner = next((c for c in current.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return [owner], False, None
        current = current.head
    return [], False, None


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


def _governing_speech_verb(verb: Token) -> Token | None:
    """The speech verb a participle clause depends on ("X said A, adding B" → said)."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"}:
        return None
    for ancestor in verb.ancestors:
        speaks = ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in SPEECH_VERBS
        if speaks and any(c.dep_ in {"nsubj", "nsubjpass"} for c in ancestor.children):
            return ancestor
    return None


def _named_after(verb: Token) -> Token | None:
    """ "…, said epidemiologist Kenji Watanabe" misparsed without a subject: the first name
    inside the verb's own phrase after it."""
    doc = verb.doc  # the parse is projective: the subtree after the verb is one contiguous run
    for i in range(verb.i + 1, min(verb.right_edge.i + 1, verb.i + NAME_SEARCH_TOKENS)):
        ent = entity_at(doc, i) if doc[i].ent_type_ in {"PERSON", "ORG"} else None
        if ent is not None:
            return ent.root
    return None


def _preceding_nominal(verb: Token) -> Token | None:
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


def _denies_or_generalises(subject: Token, verb: Token) -> bool:
    """ "Nobody said X" reports no claim, nor does "Anyone who says X is lying": a negative
    subject, or a generic one whose relative clause is the speech, asserts nothing."""
    lower = subject.lower_
    if lower in NEGATIVE_SUBJECTS or (
        lower == "one" and any(c.lower_ == "no" for c in subject.children)
    ):
        return True
    generic_clause = verb.dep_ == "relcl" and verb.head.i == subject.i
    return lower == "whoever" or (generic_clause and lower in GENERIC_SUBJECTS)


def _join_speakers(speakers: list[Speaker]) -> Speaker | None:
    if not speakers:
        return None
    unique = list({s.name: s for s in speakers}.values())
    if len(unique) == 1:
        return unique[0]
    names = [s.name for s in unique]
    name = ", ".join(names[:-1]) + " and " + names[-1]
    return Speaker(name, "group", None, named=any(s.named for s in speakers))


def _bounds(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int]:  # type: ignore[assignment]
    indices = [t.i for t in token.subtree if t.i not in exclude or t.i == token.i]
    return min(indices), max(indices) + 1


def _content(verb: Token) -> tuple[int, int, Token | None] | None:
    """Token range of what the verb reports, and the accused party for accusation verbs."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in NAMING_VERBS:
        return _naming_content(verb)
    if lemma in ACCUSATION_VERBS:
        target = next((c for c in children if c.dep_ in {"dobj", "nsubjpass"}), None)
        # The "of …" phrase may hang off the verb, the accused, or a passive agent.
        agents = [p for c in children if c.dep_ == "agent" for p in c.children]
        hosts = [verb, *agents] + ([target] if target is not None else [])
        preps = [
            c
            for host in hosts
            for c in host.children
            if c.dep_ == "prep" and c.lower_ in ACCUSATION_PREPS
        ]
        clauses = [c for c in children if c.dep_ in {"ccomp", "xcomp"}]
        if target is not None and (preps or clauses):
            parts = [target, *preps, *clauses]
            start = min(p.left_edge.i for p in parts)
            end = max(p.right_edge.i for p in parts) + 1
            return start, end, target
    clauses = [
        c
        for c in children
        if (
            c.dep_ == "ccomp"
            or (c.dep_ == "xcomp" and lemma in XCOMP_CONTENT_VERBS)
            or _clause_after_a_qualifier(c)
        )
        and not _is_question_clause(c)
    ]
    clauses = [
        c
        for c in clauses
        if (c.pos_ in {"VERB", "AUX"} or c.dep_ == "ccomp") and not _beyond_semicolon(verb, c)
    ]
    if clauses:
        clauses += _second_that_clauses(verb)
        start = min(c.left_edge.i for c in clauses)
        end = max(c.right_edge.i for c in clauses) + 1
        return start, end, None
    framed = _clause_in_frame(verb)
    if framed is not None:
        start, end = _bounds(framed)
        return start, end, None
    if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
        own = {t.i for t in verb.subtree}
        start, end = _bounds(verb.head, own)
        return start, end, None
    marked = _clause_after_that(verb)
    if marked is not None:
        return marked[0], marked[1], None
    if _is_as_clause(verb):
        start, end = _bounds(verb.head, {t.i for t in verb.subtree})
        return start, end, None
    if lemma in CLAUSE_ONLY_VERBS:
        return None
    if lemma in CLAUSE_TAKING_VERBS:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None and _hides_a_clause(obj):
            start, end = _bounds(obj)
            return start, end, None
    if lemma in OBJECT_CONTENT_VERBS:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and obj.pos_ in {"NOUN", "PROPN", "NUM"}
            and obj.lemma_.lower() not in ACCUSATION_NOUNS | UNINFORMATIVE_OBJECTS
            and len(list(obj.subtree)) >= 3
        ):
            start, end = _bounds(obj)
            return start, end, None
    return None


def _names_or_misread_speech(token: Token) -> bool:
    """A naming verb ("called it a disaster"), or a speech verb the tagger took for a noun."""
    if token.pos_ == "VERB":
        return token.lemma_.lower() in NAMING_VERBS
    return token.pos_ == "NOUN" and _speech_verb_read_as_noun(token)


def _speech_verb_read_as_noun(token: Token) -> bool:
    """ "The ruling states that …", "Records show that …" with the verb tagged as a noun: a
    plural-looking speech verb that governs a "that" clause is the verb."""
    if token.lemma_.lower() not in SPEECH_VERBS or token.i == token.left_edge.i:
        return False
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )


def _clause_after_a_qualifier(clause: Token) -> bool:
    """ "said about half of the money had been spent": "about" read as a subordinator makes
    the reported clause an adverbial one; a quantity word is no subordinator."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in QUANTITY_MARKS for c in clause.children
    )


def _is_as_clause(verb: Token) -> bool:
    """ "As first reported by Politico, S", "as the Times reported, S": the sentence the
    clause hangs on is what the source reported."""
    return (
        verb.dep_ == "advcl"
        and verb.head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in {"dobj", "ccomp", "nsubjpass"} for c in verb.children)
    )


def _phrase_before(verb: Token) -> Speaker | None:
    """The words before a speech verb the tagger took for a noun ("The ruling [states] …")."""
    text = tokens_text(verb.doc, verb.left_edge.i, verb.i)
    if not text:
        return None
    words = text.lower().split()
    return Speaker(text, "document" if words[-1] in DOCUMENT_SOURCES else "unknown")


def _naming_content(verb: Token) -> tuple[int, int, None] | None:
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
    if not predicates or predicates[0].i < obj.i:
        return None
    end = max(p.right_edge.i for p in predicates) + 1
    for child in verb.children:  # "a gift [to lobbyists]" attached to the verb
        if child.dep_ == "prep" and child.i == end:
            end = child.right_edge.i + 1
    return obj.left_edge.i, end, None


def _clause_after_that(verb: Token) -> tuple[int, int] | None:
    """ "warned that outages could last days" misparsed without a clause (the verb of the
    clause taken for an adjective): "that" right after the verb, or after its object, still
    opens what the verb reports."""
    doc = verb.doc
    limit = min(verb.right_edge.i, verb.i + 4)
    for i in range(verb.i + 1, limit + 1):
        token = doc[i]
        if token.lower_ == "that" and token.dep_ == "mark":
            if i + 1 >= verb.right_edge.i or not verb.is_ancestor(token):
                return None
            return i + 1, verb.right_edge.i + 1
        if token.dep_ not in {"dobj", "dative", "det", "compound", "amod", "poss"}:
            return None
    return None


def _document_author(source: Token) -> Token:
    """ "according to data compiled by LSEG" → LSEG: a document's author is the source."""
    if source.lemma_.lower() not in DOCUMENT_SOURCES and source.lower_ not in DOCUMENT_SOURCES:
        return source
    for clause in source.children:
        if clause.dep_ != "acl" or clause.tag_ != "VBN":
            continue
        for agent in clause.children:
            author = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if agent.dep_ == "agent" and author is not None:
                return author
    return source


def _reports_a_refusal(verb: Token) -> bool:
    """ "said it would not comment", "said he would get back to me": an answer to a comment
    request (declined, or promised), not a claim."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(refuses_comment(c) or _promises_a_reply(c) for c in clauses)


QUANTITY_MARKS = frozenset("about around over under nearly almost roughly some just".split())
REPLY_ADDRESSEES = frozenset("me us him her them reporters questions requests inquiries".split())


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


def _beyond_semicolon(verb: Token, clause: Token) -> bool:
    """ "A said X; B said Y" misparsed with A's statement as B's content: a semicolon between
    a verb and a clause ends one statement and starts another."""
    doc = verb.doc
    if clause.i < verb.i:
        between = doc[clause.right_edge.i + 1 : verb.i]
    else:
        between = doc[verb.i + 1 : clause.left_edge.i]
    return any(t.text == ";" for t in between)


def _clause_in_frame(verb: Token) -> Token | None:
    """ "said in a statement that …", "wrote in a post that …": the clause hangs off the noun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "on", "at", "during", "via"}:
            continue
        for frame in prep.children:
            if frame.dep_ != "pobj":
                continue
            for clause in frame.children:
                marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
                if clause.dep_ in {"acl", "relcl", "ccomp"} and marked and subject:
                    return clause
    return None


def _hides_a_clause(obj: Token) -> bool:
    """ "say [Kovalenko, 41, diverted money]": "say" takes clauses, so a long object with a
    finite verb in it is a clause the parser mistook for a noun phrase."""
    subtree = list(obj.subtree)
    finite = any(t.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and t.pos_ == "VERB" for t in subtree)
    return len(subtree) >= 5 and finite and obj.lemma_.lower() not in UNINFORMATIVE_OBJECTS


def _fronted_content(verb: Token) -> tuple[int, int, Token] | None:
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


def within_paragraph(breaks: list[int], start: int, end: int, anchor: int) -> tuple[int, int]:
    """Clip content to the anchor's paragraph: a misparse must not swallow the next one.

    ``breaks`` comes from :func:`paragraph_breaks`; bisecting it keeps this constant-time
    however long the paragraph.
    """
    before = bisect_left(breaks, anchor) - 1
    if before >= 0 and breaks[before] >= start:
        start = breaks[before] + 1
    after = bisect_left(breaks, max(anchor, start))
    if after < len(breaks) and breaks[after] < end:
        end = breaks[after]
    return start, max(end, start)


def _hedge(verb: Token | None, start: int, end: int, doc: Doc) -> str | None:
    candidates = list(verb.children) if verb is not None else []
    candidates += [doc[i] for i in range(start, min(end, start + MAX_CLAIM_TOKENS))]
    for token in candidates:
        if token.lower_ in HEDGES:
            return token.lower_
    return None


def _outlet_recipient(verb: Token, registry: SpeakerRegistry) -> str | None:
    """ "told Reuters" / "told the news agency" → the outlet that relays the claim."""
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


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    """Someone speaking, with or without reported content ("Faeser spoke on Monday")."""

    index: int
    speaker: Speaker
    cue: str


class ClaimFinder:
    """Finds raw claims in one parsed document.

    ``speech_events`` lists every speaker seen speaking, so that a quotation paragraph with no
    cue of its own can be attributed to the speaker introduced just before it.
    """

    def __init__(self, doc: Doc, registry: SpeakerRegistry) -> None:
        self._doc = doc
        self._registry = registry
        self._breaks = paragraph_breaks(doc)
        self._sentence_starts, self._sentence_ends = sentence_bounds(doc)
        self.speech_events: list[SpeechEvent] = []

    def find(self) -> list[RawClaim]:
        claims: list[RawClaim] = []
        per_sentence: dict[int, int] = {}
        furniture = self._registry.furniture
        for token in self._doc:
            if furniture[token.i]:
                continue  # a headline or a dateline reports nothing
            sentence_start = self._sentence_of(token.i)[0]
            if per_sentence.get(sentence_start, 0) >= MAX_CLAIMS_PER_SENTENCE:
                continue  # a run-on "sentence" of hundreds of "X said": the rest is noise
            claim = None
            if token.lower_ == "according":
                claim = self._according_to(token)
            elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS:
                claim = self._speech_verb(token)
                if claim is None:
                    self._record_event(token)
            elif _names_or_misread_speech(token):
                claim = self._speech_verb(token)
            elif token.pos_ == "VERB" and token.lemma_.lower() in SPEAKING_VERBS:
                self._record_event(token)
            elif token.lower_ in HEDGES:
                claim = self._hedged_statement(token)
            if claim is not None:
                claims.append(claim)
                per_sentence[sentence_start] = per_sentence.get(sentence_start, 0) + 1
                if claim.speaker is not None and claim.cue_index is not None:
                    event = SpeechEvent(claim.cue_index, claim.speaker, claim.cue or "say")
                    self.speech_events.append(event)
        return claims

    def _record_event(self, verb: Token) -> None:
        if _is_negated(verb):
            return
        subjects, passive, _ = _subject_tokens(verb)
        if passive:
            return
        resolved = [self._registry.resolve(s) for s in subjects]
        speaker = _join_speakers([r for r in resolved if not is_nameless(r.name)])
        if speaker is not None and speaker.kind != "unknown":
            self.speech_events.append(SpeechEvent(verb.i, speaker, verb.lemma_.lower()))

    def _sentence_bounds(self, start: int, end: int, extra: Token | None = None) -> tuple[int, int]:
        s, _ = self._sentence_of(start)
        _, e = self._sentence_of(end - 1)
        if extra is not None:
            extra_start, extra_end = self._sentence_of(extra.i)
            s, e = min(s, extra_start), max(e, extra_end)
        return s, e

    def _sentence_of(self, i: int) -> tuple[int, int]:
        """Bounds of the sentence holding token ``i``; ``Token.sent`` scans the whole sentence,
        which is quadratic over the claims of a run-on one."""
        number = bisect_right(self._sentence_starts, i) - 1
        return self._sentence_starts[number], self._sentence_ends[number]

    def _speech_verb(self, verb: Token) -> RawClaim | None:
        if _is_negated(verb) or verb.dep_ in {"amod", "compound", "auxpass", "aux"}:
            return None
        found = _content(verb)
        if found is not None and _reports_a_refusal(verb):
            return None  # "said it would not comment": a declined comment request, no claim
        fronted = _fronted_content(verb) if found is None else None
        if found is None and fronted is None:
            return None
        subjects, passive, passive_subject = _subject_tokens(verb)
        if fronted is not None:
            start, end, speaker_token = fronted
            found = start, end, None
            subjects = [speaker_token]
        start, end, target_token = found
        if not subjects and not passive and verb.dep_ == "ROOT":
            # The content lies on one side of the verb; the speaker is on the other.
            nominal = _named_after(verb) if end <= verb.i else _preceding_nominal(verb)
            subjects = [nominal] if nominal is not None else []
        if verb.lemma_.lower() in ACCUSATION_VERBS and passive:
            target_token = passive_subject
        if any(_denies_or_generalises(s, verb) for s in subjects):
            return None
        resolved = [
            self._registry.resolve(s, [c for c in s.children if start <= c.i < end])
            for s in subjects
        ]
        named = [r for r in resolved if not is_nameless(r.name)]
        speaker = _join_speakers(named)
        if not resolved and verb.pos_ == "NOUN":
            speaker = _phrase_before(verb)  # "The ruling states that …" read as a noun phrase
        if (
            speaker is None
            and not passive
            and verb.dep_ != "parataxis"
            and len(named) == len(resolved)
        ):
            return None
        if speaker is not None and speaker.name.lower() in EXPLETIVE_SUBJECTS:
            return None
        if (
            passive
            and passive_subject is not None
            and verb.lemma_.lower() not in ACCUSATION_VERBS
            and passive_subject.lower_ not in EXPLETIVE_SUBJECTS  # "It is believed that …"
        ):
            start = min(start, passive_subject.left_edge.i)
        start, end = within_paragraph(self._breaks, start, end, verb.i)
        interrupts = verb.dep_ == "parataxis" and start <= verb.i < end
        gaps = frozenset(t.i for t in verb.subtree if t.dep_ != "cc") if interrupts else frozenset()
        target = None
        if target_token is not None:
            inside = [c for c in target_token.children if c.dep_ == "prep"]
            target = self._registry.resolve(target_token, inside).name
        s_start, s_end = self._sentence_bounds(start, end, verb)
        return RawClaim(
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            cue=verb.lemma_.lower(),
            cue_index=verb.i,
            speaker=speaker,
            target=target,
            reported_by=_outlet_recipient(verb, self._registry),
            hedge=_hedge(verb, start, end, self._doc),
            passive=passive,
            gaps=gaps,
        )

    def _according_to(self, according: Token) -> RawClaim | None:
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            return None
        clause = climb_while(according.head, lambda t: t.pos_ not in {"VERB", "AUX"})
        own = {t.i for t in according.subtree}
        if clause.i in own:
            return None
        start, end = _bounds(clause, own)
        # The content is the side of the clause that does not hold "according to X".
        if start < according.i:
            end = min(end, min(own))
        else:
            start = max(start, max(own) + 1)
        start, end = within_paragraph(self._breaks, start, end, according.i)
        if end - start < 3:
            return None
        s_start, s_end = self._sentence_bounds(start, end, according)
        return RawClaim(
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            cue="according to",
            cue_index=according.i,
            speaker=self._registry.resolve(_document_author(source)),
            hedge=_hedge(None, start, end, self._doc),
        )

    def _hedged_statement(self, hedge: Token) -> RawClaim | None:
        """ "The minister allegedly took bribes": a claim whose source the article withholds."""
        verb = hedge.head
        is_main_clause = verb.dep_ in {"ROOT", "conj"} and verb.pos_ in {"VERB", "AUX"}
        if hedge.dep_ != "advmod" or not is_main_clause:
            return None
        if verb.dep_ == "conj" and verb.head.dep_ != "ROOT":
            return None
        conj_clauses = {
            t.i for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for t in c.subtree
        }
        start, end = _bounds(verb, conj_clauses)
        s_start, s_end = self._sentence_bounds(start, end)
        return RawClaim(
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            cue=None,
            cue_index=None,
            speaker=None,
            hedge=hedge.lower_,
        )
