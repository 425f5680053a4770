"""A person or body by what it does, read from the word's form rather than from a list.

The lists of role words ("spokesman", "landlord", "coach") never hold every trade a story
names: "the contractors named by the senator", "the company's registered agent", "the
trustee", "the supplier". English makes such nouns with a few agent endings (-er, -or, -ist,
-ant, -ent, -ian, -eer, -ee), so a noun with one is taken for someone the press can ask, less
the common words that end the same way and name a thing or a place ("the border", "the
server", "an agreement"). A noun a participle says was named or accused ("the firms named in
the suit", "the officers accused of misconduct") is a party too (``can_be_asked``); an agent
noun only where the sentence is a failed reach ("X could not be reached"), since "no word from
the hikers" is no press request.
"""

from __future__ import annotations

from spacy.tokens import Token

AGENT_ENDINGS = ("er", "or", "ar", "ist", "ant", "ent", "ian", "eer", "ee")
# Common nouns with an agent ending that name a thing, a place, a time or an outcome.
NOT_AGENTS = frozenset(
    "border river center centre shelter tower number server computer water corner quarter "
    "floor door sector order matter letter paper meter metre monitor sensor reactor motor "
    "generator elevator corridor layer tier cluster container trailer helicopter tanker "
    "freighter event extent content current plant restaurant summer winter weather power "
    "charter register ledger chamber theater theatre cancer fever answer error factor mirror "
    "anchor harbor harbour talent patent percent accent giant variant warrant grant counter "
    "character cover folder trigger barrier filter gutter printer router scanner tractor "
    "vector interior exterior horror terror honor honour labor labour favor favour rumor "
    "rumour tumor tumour vapor vapour color colour fee knee degree tree coffee jubilee "
    "guarantee decree "
    # craft, vessels and machines: "the rover could not be reached"
    "rover lander orbiter booster thruster carrier trawler steamer cruiser airliner jetliner "
    "schooner tender scooter loader digger bulldozer excavator transporter freezer heater "
    "cooler boiler toaster blender binder drawer locker detector indicator radiator "
    "ventilator incubator escalator cylinder ladder poster banner sticker "
    # places, landforms and measures: "the glacier", "the epicenter", "the perimeter"
    "glacier crater geyser boulder epicenter epicentre perimeter frontier bunker cellar sewer "
    "reservoir manor parlor parlour hangar bazaar seminar altar pillar diameter parameter "
    "kilometer kilometre thermometer barometer semester trimester chapter disaster "
    "shoulder finger liver bladder blister thunder shower flower dinner supper butter timber "
    "lumber copper silver rubber leather feather oyster lobster monster hamster rooster "
    "panther tiger spider beaver otter calendar dollar radar sugar collar grammar mortar "
    "nectar cigar guitar vinegar avatar caterpillar career veneer voucher waiver remainder "
    "accident incident element component continent torrent elephant implant pageant quadrant "
    "pollutant lubricant stimulant sealant coolant playlist checklist shortlist waitlist "
    "blacklist median meridian tremor meteor armor armour odor odour flavor flavour humor "
    "humour behavior behaviour marquee levee toffee pedigree jamboree".split()
)
# People rescuers cannot get to, whom no press request is about: "the trapped miners".
PERIL_WORDS = frozenset("missing trapped stranded lost injured stuck isolated marooned".split())
# Participles that pick out someone a story accuses or names: a party the press asks.
NAMING_PARTICIPLES = frozenset("name identify accuse cite list charge implicate mention".split())


def agent_word(lemma: str) -> bool:
    """ "contractor", "registrar", "trustee", "superintendent": a word for someone by what
    they do, from its ending, less the words that end the same way and name a thing, a
    craft or a place ("border", "agreement", "rover", "glacier"). The one test of the form,
    for a common noun here and for a title before a name (``speaker_heads.holds_office``)."""
    lemma = lemma.lower()
    if lemma in NOT_AGENTS or lemma.endswith("ment") or len(lemma) < 5:
        return False
    return lemma.endswith(AGENT_ENDINGS)


def agent_noun(noun: Token) -> bool:
    """ "the contractors", "the registered agent", "the trustee": a common noun with an agent
    ending, not "the border", "an agreement" or "the server"."""
    return noun.pos_ == "NOUN" and agent_word(noun.lemma_)


def named_in(noun: Token) -> bool:
    """ "the firms named in the lawsuit", "the officers accused of misconduct", "the
    contractors identified by the audit": a noun a story names or accuses is a party."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in NAMING_PARTICIPLES
        for c in noun.children
    )


def in_peril(noun: Token) -> bool:
    """ "the trapped miners could not be reached", "the missing hikers": people out of
    rescuers' reach, not a party the press tried to call."""
    return any(c.dep_ == "amod" and c.lower_ in PERIL_WORDS for c in noun.children)
