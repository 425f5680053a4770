"""Where a person's name begins and ends, whatever the tagger cut: titles in front of it.

"Coroner Alan Pike", "Lance Corporal Jade Whitmore": a title the tagger took into a name is
the role in front of it; "Rhodri [Lewis-Evans]": a first name it left out belongs to the name
(which would otherwise read as a title); "[Ursula von der] [Leyen]": a name cut at a particle
goes on. Each test reads a few tokens beside one entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.appositions import SPORT_ROLES
from bot.pipeline.analysis.descriptions import ONE_PERSON_DESCRIPTIONS
from bot.pipeline.analysis.lexicon import PERSON_EPITHETS
from bot.pipeline.analysis.names import HONORIFICS, PERSON_ROLES, PERSONAL_RELATIONS

# Titles and roles written capitalised in front of a name, which the tagger often takes into
# a PERSON entity: "Coroner Alan Pike", "Resident Sue Hammond", "Headteacher Amy Ruiz".
TITLE_WORDS = (
    PERSON_ROLES
    | SPORT_ROLES
    | PERSON_EPITHETS
    | frozenset(
        """
        coroner resident headteacher headmaster headmistress councillor councilman councilwoman
        alderman sheriff constable inspector trooper deputy pastor reverend rev rabbi imam
        bishop judge justice magistrate chancellor provost dean professor principal
        superintendent commissioner treasurer auditor comptroller assemblyman assemblywoman
        assemblymember delegate trustee nurse midwife paramedic firefighter chef farmer owner
        landlord tenant shopkeeper pilot teacher student pupil parent volunteer teammate
        boss neighbor neighbour witness colleague friend worker employee customer shopper
        councilmember alderwoman selectman selectwoman supervisor legislator
        corporal sergeant lieutenant colonel brigadier admiral lance pte cpl sgt lt col
        private gunner sapper bombardier guardsman rifleman airman
        """.split()
    )
)
# Title words that are also common first names: "Lance Tyler Bass" is a man called Lance, and
# is Lance Corporal only with the rank after it ("Lance Corporal Jade Whitmore").
FIRST_NAME_TITLES = frozenset({"lance", "dean", "gunner"})
# Lower-case words inside a person's name: "von der Leyen", "de Gaulle", "bin Salman".
NAME_PARTICLES = frozenset(
    "von van der den de del della di da dos das du le la bin ibn al ter ten".split()
)


def with_first_names(ent: Span) -> Span:
    """ "Ana [Kovacs]": untagged capitalised words the parser hangs on a one-word name."""
    doc = ent.doc
    start = ent.start
    while ent.start - start < 2 and start > 0:
        token = doc[start - 1]
        if (
            token.pos_ != "PROPN"
            or token.ent_type_
            or token.dep_ != "compound"
            or token.head.i != ent.root.i
            or not token.is_alpha
            or not token.text[:1].isupper()
        ):
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


NOT_FIRST_NAMES = TITLE_WORDS | PERSONAL_RELATIONS | ONE_PERSON_DESCRIPTIONS | HONORIFICS


def with_untagged_first_names(ent: Span) -> Span:
    """ "Rhodri [Lewis-Evans]": a person's name the tagger began after its first name, which
    would otherwise read as a title ("Rhodri Lewis-Evans" is no "Rhodri" Lewis-Evans). Never
    a title word or an acronym ("MP", "Coach")."""
    if ent.start == 0:
        return ent
    token = ent.doc[ent.start - 1]
    if token.lower_ in NOT_FIRST_NAMES or token.is_upper:
        return ent
    joined = with_first_names(ent) if token.head.i == ent.root.i else ent
    if joined.start == ent.start or any(t.lower_ in TITLE_WORDS or t.is_upper for t in joined):
        return ent
    return Span(ent.doc, joined.start, ent.end, label="PERSON")


def cut_before_head(ent: Span) -> bool:
    """A person's name the tagger ended before the capitalised word the name hangs on."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.end >= len(doc):
        return False
    after = doc[ent.end]
    return (
        ent.root.head.i == after.i
        and ent.root.dep_ == "compound"
        and after.pos_ == "PROPN"
        and after.is_alpha
        and after.text[:1].isupper()
        and not after.ent_type_
    )


def particle_joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "[Ursula von der] [Leyen]", "[Charles de] Gaulle": a person's name the tagger cut
    after a lower-case particle goes on to the capitalised word after it."""
    joined: list[Span] = []
    skip_to = -1
    for n, ent in enumerate(ents):
        if ent.start < skip_to:
            continue
        end = ent.end
        if cut_before_head(ent):  # "[Sprinter Amaka] Obi": the name's head left outside
            end += 1
            skip_to = end
            ent = Span(doc, ent.start, end, label="PERSON")
        elif ent.label_ == "PERSON" and ent[-1].lower_ in NAME_PARTICLES and end < len(doc):
            after = doc[end]
            if after.text[:1].isupper() and after.is_alpha and after.pos_ == "PROPN":
                following = ents[n + 1] if n + 1 < len(ents) else None
                if following is not None and following.start == end:
                    end = following.end
                else:
                    end += 1
                skip_to = end
                ent = Span(doc, ent.start, end, label="PERSON")
        joined.append(ent)
    return joined


def without_title(ent: Span) -> Span:
    """ "[Coroner Alan Pike]", "[Resident Sue Hammond]": a title the tagger took into a
    person's name is the role in front of it, so the name is the last two or three words."""
    start = ent.start
    doc = ent.doc
    while ent.end - start > 2 and _is_title(doc[start]):
        start += 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


def _is_title(token: Token) -> bool:
    """A title word in front of a name; one that is also a first name ("Lance", "Dean") only
    when written lower case or followed by another title ("Lance Corporal")."""
    if token.lower_ not in TITLE_WORDS:
        return False
    if token.lower_ not in FIRST_NAME_TITLES or token.text.islower():
        return True
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ in TITLE_WORDS
