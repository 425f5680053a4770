"""Whose refusal it is when a speaker reports it: "it", "they", "the company" or "he" in what
a body or its spokesperson says.

"Prairie Mutual said it would not comment" is Prairie Mutual's refusal, "a Halvard spokeswoman
said the company does not comment" Halvard's, "Kwan's office said he was unavailable" Kwan's,
however the registry would resolve the pronoun on its own (to a place or an outlet named in the
sentence before). Read from the parse: the pronoun's clause is what a speech verb reports, and
the speech verb's subject is the body, a name, or someone who speaks for one.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.agent_nouns import agent_word
from bot.pipeline.analysis.frames import clause_in_frame
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    COMMENT_NOUNS,
    DOCUMENT_SOURCES,
    INSTITUTION_DESCRIPTORS,
    INSTITUTION_NAME_HEADS,
    NEUTRAL_DESCRIPTORS,
    PERSON_EPITHETS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)

# Who speaks for a body: "a spokeswoman for the bank said it would not comment" → the bank.
REPRESENTATIVES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives "
    "lawyer lawyers attorney attorneys aide aides publicist agent".split()
)
# Who speaks for a body and nothing else.
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson spokespeople".split())
# A speaker's own voice in a quotation: "We do not comment", "I can't comment".
FIRST_PERSON = frozenset({"we", "i"})
# Words in a speaker's statement that stand for the body the speaker speaks for.
BODY_PRONOUNS = frozenset({"it", "they"})
BODY_DESCRIPTIONS = (
    BUSINESS_DESCRIPTORS | INSTITUTION_DESCRIPTORS | COLLECTIVE_NOUNS | NEUTRAL_DESCRIPTORS
)
# Bodies a story names by type besides businesses and institutions: "the district said it".
MORE_BODIES = frozenset(
    "district campaign league federation city county town village diocese church tribe".split()
)
# Descriptions that can stand for any body: "a Halvard spokeswoman said the company …".
GENERIC_BODIES = frozenset("company firm group party club team organisation organization".split())
# Words only a body's own voice uses of it: "the EU executive", "the executive branch".
SELF_WORDS = frozenset({"executive"})
# Capitalised nouns at a sentence's start that name no one: "Police said he …".
ROLE_WORDS = BODY_DESCRIPTIONS | REPRESENTATIVES | ROLE_NOUNS | COMMENT_NOUNS
# Words for one kind of body, any of which its own spokesperson may call it by: "a university
# spokesperson said the school", "a council spokesman said the authority"; never "a bank
# spokeswoman said the regulator", "a union spokesman said the company", "a police spokeswoman
# said the council".
BODY_KINDS = (
    frozenset("ministry department treasury cabinet government executive".split()),
    frozenset("council authority borough municipality city county town village".split()),
    frozenset("police force constabulary department service".split()),
    frozenset("school university college academy institute district campus faculty".split()),
    frozenset("hospital clinic trust service authority board centre center practice".split()),
    frozenset("club team".split()),
    frozenset("league federation association body board".split()),
    BUSINESS_DESCRIPTORS | frozenset("company firm group business operator".split()),
    frozenset("church diocese parish archdiocese".split()),
    frozenset({"union"}),
)
# Words any public body is called by in its own spokesperson's words ("a Treasury spokesperson
# said the department"), and the public bodies they may stand for.
PUBLIC_GENERIC = frozenset(
    "department agency authority office service administration bureau".split()
)
PUBLIC_KINDS = PUBLIC_GENERIC | frozenset(
    "ministry treasury council police force commission board cabinet government executive "
    "inspectorate secretariat".split()
)
# How far before a name its title and role are read ("health ministry spokesman Dr. Ana Dube").
NAME_SPAN = 8
# What a spokesperson for a body named without its kind never calls it: another party.
# Words for any business, not a trade: what a bare name's spokesperson may call it.
ANY_BUSINESS = frozenset("company firm business group conglomerate giant brand".split())
OTHER_PARTIES = frozenset("court tribunal union police regulator watchdog prosecutor".split())


def reporting_speaker(clause: Token) -> Token | None:
    """Who reports ``clause``: the subject of the speech verb it is the object of ("Ruiz said
    [it would not comment]" → Ruiz), or None when no speech verb reports it."""
    speech = clause.head
    framed = _framing_verb(clause)
    if framed is not None:
        speech = framed  # "X said in a statement that it …": the clause hangs off the noun
    elif clause.dep_ != "ccomp":
        return None
    if speech.lemma_.lower() not in SPEECH_VERBS:
        return None
    return next((c for c in speech.children if c.dep_ == "nsubj"), None)


def _framing_verb(clause: Token) -> Token | None:
    """The speech verb of "said in a statement that …", "wrote in an email that …", whose
    clause the parser hangs off the frame's noun; None when the clause hangs elsewhere."""
    if clause.dep_ not in {"acl", "relcl", "ccomp"}:
        return None
    prep = clause.head.head
    if clause.head.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    if clause.head.ent_type_ in {"DATE", "TIME"}:
        return None  # "reported in March that it …": a time, not a statement's frame
    speech = prep.head
    framed = clause_in_frame(speech)
    return speech if framed is not None and framed.i == clause.i else None


# Where the words of a doc's organisation names are kept once found.
ORG_WORDS_KEY = "claimdeck.org_words"


def spoken_for(subject: Token) -> Token | None:
    """The body a refusal in someone's words is about: "Prairie Mutual said it would not
    comment" → Prairie Mutual; "a Halvard spokeswoman said the company does not comment" →
    Halvard; "Kwan's office said he was unavailable" → Kwan. Only "it", "they" or a bare
    description ("the company") in what a speech verb reports, when the speaker is a name or
    speaks for one; "he" or "she" only in the words of someone who speaks for a name."""
    qualified = _qualified_body(subject)
    if not qualified and not _stands_for_a_body(subject):
        return None
    clause = subject.head
    for _ in range(3):  # "said it was reviewing the suit and would not comment"
        if clause.dep_ not in {"conj", "xcomp"}:
            break
        clause = clause.head
    speaker = reporting_speaker(clause)
    if speaker is None:
        return None
    if speaker.lemma_.lower() == "office" and subject.lower_ in BODY_PRONOUNS | FIRST_PERSON:
        return speaker  # "The district attorney's office said it could not comment": the office
    representative = _representative(speaker)
    if representative is not None:
        body = _represented_body(representative)  # "a spokesman for X said he …", "X's office"
        named = representative.i != speaker.i  # "Gauteng health spokesperson Ana Dube said"
        if body is None and named:
            # "Health spokeswoman Ana Dube said the department would not comment": the named
            # spokesperson, for a body the article does not name beside her; a lawyer's "the
            # company" may be the other side
            spokesperson = representative.lemma_.lower() in SPOKESPEOPLE
            if not spokesperson or subject.lemma_.lower() in OTHER_PARTIES:
                return None
            return speaker
        elif body is not None and body.pos_ == "NOUN" and (body.dep_ == "compound" or named):
            # "a commission spokesman said the EU executive …": the spokesman's own words, which
            # name the body as the article does ("a company spokesperson" → the company named);
            # a spokesperson named for a body given by its type is the one to follow up with
            return speaker if _same_kind(subject, body) else None
        else:
            return body if body is not None and _may_be(subject, body, True) else None
    if subject.lower_ in FIRST_PERSON:
        # '"We do not comment on litigation," the company said', '"I can't comment," Lin
        # said': a speaker's "we" or "I" is the speaker, whom the registry names
        return speaker
    if qualified:
        return None  # only a spokesperson's "the EU executive" is sure to be the body
    if subject.lower_ in {"he", "she"}:
        # "Ruiz said he would not comment": a person speaking of himself
        return speaker if _is_personal_name(speaker) else None
    workplace = _reached_at(speaker)
    if workplace is not None:
        # "A woman who answered the phone at GreenEdge said the company had no comment"
        return workplace if _may_be(subject, workplace) else None
    if speaker.pos_ == "PROPN" and speaker.ent_type_ not in {"PERSON", "GPE"}:
        # "Halden Bank said it …"; a person is "he" or "she", never "it"
        return speaker if _may_be(subject, speaker) else None
    if subject.lower_ == "it" and _misread_name(speaker):
        return speaker  # "Bramble said it does not comment", the name tagged as an adjective
    if subject.lower_ == "it" and _a_body_elsewhere(speaker):
        return speaker  # "Vandel Optics … Vandel said it does not comment": tagged a person
    if subject.lower_ in BODY_PRONOUNS and (
        _described_body(speaker) or (subject.lower_ == "it" and _speaks_as_a_body(speaker))
    ):
        # "In response to questions from the BBC, the club said it would not comment": the
        # club, never the outlet named before it
        return speaker
    return None


def _described_body(speaker: Token) -> bool:
    """ "the club", "the school district": a body given by its type."""
    if speaker.pos_ != "NOUN" or speaker.lemma_.lower() not in BODY_DESCRIPTIONS | MORE_BODIES:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in speaker.children)


def _speaks_as_a_body(speaker: Token) -> bool:
    """ "The trust said it was unable to comment", "the academy said it": a definite singular
    noun that speaks and says "it" of itself is a body, whatever its word; not a person ("the
    minister", "the trustee") nor a document ("the report said it …")."""
    lemma = speaker.lemma_.lower()
    if speaker.pos_ != "NOUN" or speaker.tag_ != "NN" or not speaker.is_lower:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in speaker.children):
        return False
    if lemma in BODY_DESCRIPTIONS | MORE_BODIES:
        return True
    people = ROLE_NOUNS | PERSON_EPITHETS | REPRESENTATIVES | DOCUMENT_SOURCES | COMMENT_NOUNS
    return lemma not in people and not agent_word(lemma)


def _may_be(subject: Token, body: Token, spokesperson: bool = False) -> bool:
    """Whether a description can be the body named: "the company", "the party" can be any;
    "the bank" only a name with "Bank" in it; "the regulator" in a bank's words is another.
    In its spokesperson's words a body is also called by any word of its kind ("a Treasury
    spokesperson said the department"), and a name that says no kind by a business's."""
    if subject.pos_ == "PRON" or subject.lemma_.lower() == "client":
        return True  # "Okafor's agent said his client …"
    lemma = subject.lemma_.lower()
    if lemma in GENERIC_BODIES | SELF_WORDS:
        return True
    if lemma in INSTITUTION_DESCRIPTORS and _public(body):
        return True  # "an FDA spokesperson said the agency", "… for the state agency said the
        # department": a public body's spokesperson speaks of it by any public body's type
    words = {t.lower_ for t in body.subtree} | {body.lower_}
    if lemma in words or subject.lower_ in words or f"{lemma}s" in words:
        return True  # "Brightwell Airlines … the airline": a name may say its trade in plural
    if not spokesperson or lemma in OTHER_PARTIES:
        return False
    doc = body.doc  # the name's own words: "Westbury Borough Council", "Ministry of Defence"
    words = doc[max(body.left_edge.i, body.i - NAME_SPAN) : min(body.right_edge.i, body.i + 4) + 1]
    kinds = {t.lemma_.lower() for t in words if _kind_of(t.lemma_.lower())}
    if kinds:
        return any(_kin(lemma, kind) for kind in kinds)
    # "a Lumo spokesperson said the company": a bare name is only a business of some kind, so
    # only a word for any business follows it; a trade word ("the airline", "the supplier")
    # in an airport's or a retailer's words is another party, unless the name says that trade
    return body.pos_ == "PROPN" and lemma in ANY_BUSINESS


def _kind_of(word: str) -> bool:
    return word in PUBLIC_KINDS or any(word in kind for kind in BODY_KINDS)


def _kin(one: str, other: str) -> bool:
    """Whether two words for bodies may name the same body: "school" and "university",
    "department" and "Treasury"; not "council" and "police"."""
    if one == other or any(one in kind and other in kind for kind in BODY_KINDS):
        return True
    public = {one, other} <= PUBLIC_KINDS
    return public and bool({one, other} & PUBLIC_GENERIC)


def _same_kind(subject: Token, body: Token) -> bool:
    """ "a company spokesperson said we/it/the company": the same body; "a union spokesman said
    the company" another; "a university spokesperson said the school" the same kind."""
    lemma = subject.lemma_.lower()
    if subject.pos_ == "PRON" or lemma == body.lemma_.lower() or lemma in SELF_WORDS:
        return True
    if lemma in INSTITUTION_DESCRIPTORS and _public(body):
        return True
    return lemma not in OTHER_PARTIES and _kin(lemma, body.lemma_.lower())


def _public(body: Token) -> bool:
    """ "FDA", "the Labor Board", "the state health agency": a public body by its name or type."""
    if body.pos_ == "NOUN":
        return body.lemma_.lower() in INSTITUTION_DESCRIPTORS
    words = [t for t in body.subtree if t.i <= body.i]
    return body.is_upper or any(t.lower_ in INSTITUTION_NAME_HEADS for t in words)


def _is_personal_name(token: Token) -> bool:
    """ "Ruiz", "Coach Ilves": a capitalised name with no article, which the small tagger may
    call a noun or an organisation; not "Police" nor "The council"."""
    if token.ent_type_ in {"GPE", "NORP", "LOC", "FAC"} or not token.text[:1].isupper():
        return False
    if any(c.dep_ == "det" for c in token.children):
        return False
    return token.pos_ == "PROPN" or (
        token.pos_ == "NOUN" and token.lemma_.lower() not in ROLE_WORDS
    )


def _a_body_elsewhere(speaker: Token) -> bool:
    """ "Vandel said it does not comment" where the article has written "Vandel Optics": a
    one-word name the tagger called a person but that the article gives elsewhere inside a
    body's name. A person is never "it"; "Smith said it …" of a Smith named nowhere as a body
    is a person speaking of something else."""
    if speaker.pos_ != "PROPN" or speaker.ent_type_ != "PERSON":
        return False
    if any(c.i < speaker.i for c in speaker.children):
        return False  # "Ana Ruiz": a first name and a surname
    doc = speaker.doc
    words = doc.user_data.get(ORG_WORDS_KEY)
    if words is None:  # one pass per doc, kept: every "X said it …" of a long text asks
        words = frozenset(t.lower_ for t in doc if t.ent_type_ == "ORG")
        doc.user_data[ORG_WORDS_KEY] = words
    return speaker.lower_ in words


def _misread_name(token: Token) -> bool:
    """A one-word name the small tagger read as a common word ("Bramble" as an adjective):
    capitalised, with no article and nothing of its own before it, no role word, no plural
    ("Officials", "Police" said it … are people speaking of something else), no place."""
    if not token.text[:1].isupper() or token.pos_ not in {"ADJ", "NOUN", "VERB"}:
        return False
    if token.tag_ in {"NNS", "NNPS"} or token.lemma_.lower() in ROLE_WORDS:
        return False
    if token.ent_type_ in {"GPE", "NORP", "LOC", "FAC", "PERSON", "DATE", "TIME"}:
        return False
    return not any(c.i < token.i for c in token.children)


def _qualified_body(subject: Token) -> bool:
    """ "the EU executive", "the federal agency": a body described with a qualifier, which in
    its own spokesperson's words is the body spoken for."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in BODY_DESCRIPTIONS | SELF_WORDS:
        return False
    modifiers = [c for c in subject.children if c.i < subject.i]
    return (
        len(modifiers) > 1
        and modifiers[0].lower_ == "the"
        and all(c.dep_ in {"amod", "compound", "nmod"} for c in modifiers[1:])
    )


def _stands_for_a_body(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ in BODY_PRONOUNS | FIRST_PERSON | {"he", "she"}
    if subject.lemma_.lower() == "client":
        return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in BODY_DESCRIPTIONS:
        return False
    modifiers = [c for c in subject.children if c.i < subject.i]
    return [c.lower_ for c in modifiers] == ["the"]


def _reached_at(speaker: Token) -> Token | None:
    """X in "a receptionist at X", "a woman who answered the phone at X": a name where the
    speaker was reached, who then speaks for it."""
    if speaker.pos_ != "NOUN":
        return None
    hosts = [speaker, *(c for c in speaker.children if c.dep_ in {"relcl", "acl"})]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ == "prep" and prep.lower_ == "at":
                place = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if place is not None and place.pos_ == "PROPN" and place.ent_type_ != "GPE":
                    return place
    return None


def _representative(speaker: Token) -> Token | None:
    """Who speaks for a body: the speaker ("a spokesman for X"), or the role set beside a
    named speaker ("ministry spokesman Ana Dube", "Ana Dube, a spokeswoman for X,")."""
    if speaker.lemma_.lower() in REPRESENTATIVES | {"office"}:
        return speaker
    if speaker.pos_ != "PROPN":
        return None
    doc = speaker.doc
    for i in range(max(speaker.left_edge.i, speaker.i - NAME_SPAN), speaker.i):
        word = doc[i]  # "police spokesman Sgt. Ray Ellis": the compounds of the name, chained
        role = word.lemma_.lower() in REPRESENTATIVES
        if word.dep_ == "compound" and word.pos_ == "NOUN" and role:
            return word
    for child in speaker.children:
        after = child.dep_ == "appos" and child.i > speaker.i
        if after and child.lemma_.lower() in REPRESENTATIVES:
            return child  # "Ana Dube, a spokeswoman for X,"
    return None


def _represented_body(representative: Token) -> Token | None:
    """ "a spokeswoman for the bank", "a Halvard spokeswoman", "Halvard's lawyer"."""
    for child in representative.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ in {"compound", "poss"} and child.pos_ == "PROPN":
            return child
        if child.dep_ == "poss" and child.pos_ == "NOUN":
            return child  # "the minister's office said he was unavailable"
    for child in representative.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "compound" and lemma in BODY_DESCRIPTIONS | MORE_BODIES:
            return child  # "a commission spokesman said the EU executive …"
    return None
