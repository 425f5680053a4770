"""Who "no one" is: the parties a reporter asked in the sentences before "no one responded".

"Reuters emailed the ministry and the regulator on Monday. No one has replied." names no party
in the sentence that says nobody answered; a reader takes it to be everyone just asked. So a
sentence whose subject is "no one", "nobody" or "none" (without "at the agency", which names
the party itself) is matched with the asking just before it: who a reporter emailed, called,
asked or contacted, who "was contacted", or whose spokesman promised to get back. Without such
a request nearby, "No one responded to the emergency call" asks nobody and gives nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.lexicon import COMMENT_NOUNS, REPLY_VERBS
from bot.pipeline.analysis.organisations import is_outlet_name
from bot.pipeline.analysis.parties import object_parties, subject_parties
from bot.pipeline.analysis.speakers import SpeakerRegistry

ASKING = frozenset("contact ask email call message text phone ring approach query reach".split())
# Verbs that reach a party through a "to" phrase: "wrote to X", "sent questions to X".
ASKING_TO = frozenset("write send put direct submit reach".split())
# "left messages with X", "left a voicemail for X": the request is the object.
LEAVING = frozenset({"leave"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
PRESS_NOUNS = frozenset(
    "reporter reporters journalist journalists correspondent newspaper paper outlet station "
    "network newsroom editor editors magazine publication".split()
)
REPRESENTATIVES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives lawyer "
    "lawyers attorney attorneys aide aides publicist agent".split()
)
NOBODY = frozenset({"nobody", "none", "noone", "neither"})
# An asking only planned or supposed has not been made: "would be contacted", "will be asked".
UNREALISED = frozenset("will wo would shall may might should".split())
# Askings one company also makes of another: "AlphaNet had approached Grayline" (a suitor).
COURTING = frozenset({"approach"})
# Determiners that point back at parties already named: "no one from either company".
REFERRING_BACK = frozenset("either both two three four".split())
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
NOT_NAMES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "LAW"})
MAX_CONTEXT_TOKENS = 200  # two ordinary sentences; a run-on is not a context
# Words between "The" and a title's last word: "The Star-Telegram", "The Kansas City Star".
MAX_TITLE_WORDS = 3


def nobody_answered(sent: Span) -> Token | None:
    """The verb of "no one (has) responded", "nobody answered", "none has replied", when the
    subject names no place of its own ("no one at the agency" is handled as a party)."""
    for token in sent:
        lemma = token.lemma_.lower()
        replies = lemma in REPLY_VERBS or (
            lemma == "get" and any(c.lower_ == "back" for c in token.children)
        )
        # "Neither man could be reached": the passive of an attempt that failed
        replies = replies or (
            lemma == "reach" and any(c.dep_ == "nsubjpass" for c in token.children)
        )
        if not replies or token.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or not _is_nobody(subject):
            continue
        places = [
            o
            for c in subject.children
            if c.dep_ == "prep"
            for o in c.children
            if o.dep_ == "pobj" and o.pos_ != "PRON"
        ]
        if places and not all(_refers_back(p) for p in places):
            return None  # "no one at the ministry", "none of the firms": named in place
        return token  # "no one", "neither", "none of them", "no one from either company"
    return None


def _refers_back(place: Token) -> bool:
    """ "either organization", "both companies", "the two agencies": the parties just named,
    not a place of its own."""
    return any(
        c.dep_ in {"det", "predet", "nummod"} and (c.lower_ in REFERRING_BACK or c.like_num)
        for c in place.children
    )


def _is_nobody(subject: Token) -> bool:
    if subject.lower_ in NOBODY:
        return True
    if subject.pos_ == "NOUN" and any(c.lower_ == "neither" for c in subject.children):
        return True  # "Neither man responded", "Neither company replied"
    return subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)


def _a_name(token: Token) -> bool:
    """A person's or body's name, whatever the small tagger made of it; not a place."""
    return token.ent_type_ not in NOT_NAMES


def named_together(doc: Doc, context: list[Span], registry: SpeakerRegistry) -> list[str]:
    """ "Kemp and Doyle were charged on Friday. Neither man responded": when no request is
    written before, "neither" is the two names given together just before."""
    for sent in reversed(context):
        start = max(sent.start, sent.end - MAX_CONTEXT_TOKENS)
        for token in doc[start : sent.end]:
            if token.pos_ != "PROPN" or token.dep_ == "conj" or token.dep_ == "compound":
                continue
            others = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            if len(others) == 1 and _a_name(token) and _a_name(others[0]):
                return object_parties(token, registry)
    return []


def asked_before(
    doc: Doc, context: list[Span], registry: SpeakerRegistry
) -> tuple[list[str], str | None]:
    """Parties asked in ``context`` (the sentences just before), and who asked them if the
    text says (a named outlet, not "we")."""
    parties: list[str] = []
    requester: str | None = None
    budget = MAX_CONTEXT_TOKENS
    for sent in reversed(context):
        if budget <= 0:
            break
        start = max(sent.start, sent.end - budget)
        budget -= sent.end - start
        for token in doc[start : sent.end]:
            found, asker = _asked_here(token, registry)
            for party in found:
                if party.lower() not in {p.lower() for p in parties}:
                    parties.append(party)
            requester = requester or asker
        if parties:
            break
    return parties, requester


def _asked_here(token: Token, registry: SpeakerRegistry) -> tuple[list[str], str | None]:
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in REPRESENTATIVES:
        # "a spokesman for Orvane said he would get back to me": Orvane was asked.
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "at"}:
                owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if owner is not None:
                    return object_parties(owner, registry), None
        return [], None
    if token.pos_ != "VERB" or lemma not in ASKING | ASKING_TO | LEAVING:
        return [], None
    passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and any(
        c.dep_ == "aux" and c.lower_ in UNREALISED for c in token.children
    ):
        return [], None  # "households that did not respond would be contacted": not yet asked
    if passive is not None and lemma in ASKING:
        agent = next((p for c in token.children if c.dep_ == "agent" for p in c.children), None)
        asker = _named(agent, registry) if agent is not None and is_press(agent) else None
        return subject_parties(passive, registry), asker
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is not None and not is_press(subject):
        return [], None
    if lemma in COURTING and subject is not None and not _surely_press(subject, registry):
        return [], None  # "AlphaNet had approached Grayline": a suitor, not the press
    asker = _named(subject, registry) if subject is not None else None
    parties: list[str] = []
    for target in _addressed(token, lemma):  # the parser may split one list into objects
        if target.pos_ in {"NOUN", "PROPN"}:
            parties += [p for p in object_parties(target, registry) if p not in parties]
    return parties, asker if parties else None


def _addressed(verb: Token, lemma: str) -> list[Token]:
    """ "emailed X", "reached out to X", "sent questions to X" (the questions are no party)."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos_ in NOMINAL]
    found = [c for c in objects if lemma in ASKING and c.lemma_.lower() not in COMMENT_NOUNS]
    preps = {"to"}
    if lemma in LEAVING:
        if not any(o.lemma_.lower() in COMMENT_NOUNS for o in objects):
            return []  # "left the building with her lawyer" asked no one
        preps = {"with", "for"}
    # "sent a list of questions to X": the "to" may hang on what the list is of
    listed = [c for o in objects for p in o.children if p.lower_ == "of" for c in p.children]
    for host in [verb, *objects, *listed]:
        for prep in host.children:
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
                # "to the sheriff's office and to Deputy Voss": each "to" of the pair
                for each in (prep, *(c for c in prep.children if c.dep_ == "conj")):
                    found += [c for c in each.children if c.dep_ == "pobj"]
    return found


def _surely_press(subject: Token, registry: SpeakerRegistry) -> bool:
    """ "we", "a reporter", "Reuters", "The Herald": the press by its words or its name, not
    any organisation the tagger found."""
    if subject.lower_ in FIRST_PERSON or subject.lemma_.lower() in PRESS_NOUNS:
        return True
    return is_outlet_name(registry.resolve(subject).name) or subject.left_edge.lower_ == "the"


def _named(asker: Token, registry: SpeakerRegistry) -> str | None:
    """ "Reuters" asked; "we" and "a reporter" are the article's own, named nowhere."""
    speaker = registry.resolve(asker)
    return speaker.name if speaker.named else None


def is_press(subject: Token) -> bool:
    """The reporter or outlet asking: "we", "a reporter", "Reuters", "The Herald"; but a "we"
    or "I" inside a quotation is the speaker quoted ('"We have reached out to the family," the
    chief said')."""
    if subject.lower_ in FIRST_PERSON:
        return not quoted(subject)
    if subject.lemma_.lower() in PRESS_NOUNS:
        return True
    if subject.ent_type_ == "ORG":
        return True
    # "The Herald", "The Chronicle": a one-word title with "The", whatever the tagger says
    # (a person's name takes no article)
    if subject.pos_ != "PROPN" or subject.left_edge.lower_ != "the":
        return False
    # "The Star-Telegram", "The Morning Call": a title of a few capitalised words after "The"
    words = subject.doc[subject.left_edge.i + 1 : subject.i]
    return len(words) <= MAX_TITLE_WORDS and all(
        (t.pos_ == "PROPN" and t.dep_ == "compound") or t.text in {"-", "–"} for t in words
    )


def quoted(token: Token) -> bool:
    """Whether ``token`` stands inside a quotation of its sentence: after an opening curly
    quote not yet closed, or after an odd number of straight ones. One pass over the words
    before it, bounded by the sentence."""
    sent = token.sent
    start = max(sent.start, token.i - MAX_CONTEXT_TOKENS)
    inside_curly = False
    straight = 0
    for t in token.doc[start : token.i]:
        if t.text in {"“", "‘"}:
            inside_curly = True
        elif t.text in {"”", "’"} and inside_curly:
            inside_curly = False
        elif t.text == '"':
            straight += 1
    return inside_curly or straight % 2 == 1
