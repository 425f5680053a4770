"""Definite descriptions that stand in for a name given just before.

"Halden Savings Bank reported a loss. The bank said …": a reader takes "the bank" for the
bank just named, and "the billionaire said" for the one person the story has just named. Only
descriptions of a type ("the company", "the ministry") or an epithet ("the actor", "the
54-year-old") qualify, and only an antecedent of a fitting kind: "the company" never refers to
a ministry, and "the billionaire" stays unnamed when two people were named just before.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COMPANY_NAME_WORDS,
    INSTITUTION_DESCRIPTORS,
    INSTITUTION_NAME_HEADS,
    MEDIA_MODIFIERS,
    NEUTRAL_DESCRIPTORS,
    PERSON_EPITHETS,
    UNION_NAME_WORDS,
)

# Descriptions of a government body, and the head words of such bodies' names: "the ministry"
# is the "Ministry of Commerce" or the "Food Standards Agency", never a union or a hospital.
GOVERNMENT_DESCRIPTORS = frozenset(
    "ministry department government office bureau administration service authority "
    "commission regulator watchdog".split()
)
GOVERNMENT_NAME_HEADS = GOVERNMENT_DESCRIPTORS | frozenset(
    "agency executive cabinet treasury inspectorate directorate secretariat customs police "
    "council".split()
)


# Words in the name of a body "the trust" refers to: an NHS or academy trust, a charity.
TRUST_NAME_WORDS = frozenset("trust trustees partnership foundation federation academies".split())
# Words in the name of a body "the district" refers to.
DISTRICT_NAME_WORDS = frozenset("district schools isd usd unified".split())


def organisation_type(token: Token) -> str | None:
    """ "business", "government", "public", "union", "district", "trust" or "any" for a
    bare type description; None for anything else.

    "the company's board", "the ministry of health" and "the Apple board" are not bare
    descriptions; "the tech giant", "the French carmaker" and "the news agency" are.
    """
    lemma = token.lemma_.lower()
    media = False
    makes = makes_products(token)
    for child in token.children:
        if child.dep_ in {"poss", "prep", "appos"} and not (makes and child.dep_ == "prep"):
            return None
        if child.dep_ == "compound":
            if child.pos_ == "PROPN" or not child.is_lower:
                return None
            media = media or child.lower_ in MEDIA_MODIFIERS
    kind = word_type(lemma) or _based_body(token)
    return "business" if media and kind not in {"any", "union", "civil"} else kind


def _based_body(token: Token) -> str | None:
    """ "the Toledo-based system", "the Ohio-based network": what a noun of no listed type is
    when a place says where it is based, and the noun names no person ("the Leeds-based
    artist"): a body of some kind."""
    lemma = token.lemma_.lower()
    if lemma in PERSON_EPITHETS or lemma in ONE_PERSON_DESCRIPTIONS or token.tag_ != "NN":
        return None
    based = any(c.dep_ == "amod" and c.lower_ == "based" and c.i < token.i for c in token.children)
    return "any" if based else None


# Bodies of civil society, which a court, a ministry or the police never is: "the charity said"
# is no "Cardiff Crown Court" named before it.
CIVIL_DESCRIPTORS = frozenset(
    "charity nonprofit foundation hospital university college school clinic museum".split()
)
# Head words of names a civil body's description never means.
STATE_NAME_HEADS = GOVERNMENT_NAME_HEADS | frozenset(
    "court tribunal parliament senate congress assembly army navy forces force police "
    "union".split()
)


def word_type(lemma: str) -> str | None:
    """The kind of body a descriptor noun names: "company" a business, "ministry" a
    government body, "district" a school (or water, fire) district, "charity" a civil body,
    "group" any."""
    if lemma in CIVIL_DESCRIPTORS:
        return "civil"
    if lemma in NEUTRAL_DESCRIPTORS:
        return "any"
    if lemma in {"union", "district", "trust"}:
        return lemma
    if lemma in BUSINESS_DESCRIPTORS or lemma.endswith("maker"):
        return "business"
    if lemma in GOVERNMENT_DESCRIPTORS:
        return "government"
    if lemma in INSTITUTION_DESCRIPTORS:
        return "public"
    return None


# Businesses described by what they make: "the maker of Pinto crisps", "the developer of …".
PRODUCERS = frozenset("maker producer manufacturer developer publisher brewer".split())


def makes_products(token: Token) -> bool:
    """ "The maker of Pinto crisps and Brae biscuits", "the developer of the Tern app": a
    business described by its products, which a reader takes for the company just named. One
    "of" phrase, a definite article, nothing owning it."""
    lemma = token.lemma_.lower()
    if lemma not in PRODUCERS and not lemma.endswith("maker"):
        return False
    preps = [c for c in token.children if c.dep_ == "prep"]
    return (
        len(preps) == 1
        and preps[0].lower_ == "of"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in {"poss", "appos"} for c in token.children)
    )


def lemma_type(token: Token) -> str | None:
    """The kind of body a description's noun names, whatever modifies it: "the ECHL club",
    "the Nasdaq-listed company" and "the low-cost carrier" are all a business."""
    return word_type(token.lemma_.lower()) or _based_body(token)


def is_public_name(name: str) -> bool:
    """ "Environmental Protection Agency", "Ohio Department of Transportation", "NHS": a public
    body by its head word (the last, or the one before "of"/"for") or an acronym."""
    words = [w.lower() for w in name.split()]
    if not words:
        return False
    linking = next((n for n, w in enumerate(words) if w in {"of", "for"}), None)
    heads = {words[-1]} | ({words[linking - 1]} if linking else set())
    return bool(heads & INSTITUTION_NAME_HEADS) or name.isupper()


def _head_words(name: str) -> set[str]:
    """The last word of a name and the one before "of"/"for" ("Department of Health")."""
    words = [w.lower() for w in name.split()]
    linking = next((n for n, w in enumerate(words) if w in {"of", "for"}), None)
    return {words[-1]} | ({words[linking - 1]} if linking else set()) if words else set()


def fits(description_type: str, name: str) -> bool:
    """Whether a name is of the kind a description gives ("the union" → a workers' union, "the
    ministry" → a government body, never a union, a hospital or a school)."""
    if description_type == "any":
        return True
    if description_type == "civil":  # "the charity" is no court, ministry, union or firm
        words = [w.lower().strip(",.") for w in name.split()]
        return bool(words) and not (
            _head_words(name) & STATE_NAME_HEADS
            or set(words) & UNION_NAME_WORDS
            or words[-1] in COMPANY_NAME_WORDS
        )
    if description_type == "union":
        return any(w.lower() in UNION_NAME_WORDS for w in name.split())
    if description_type == "district":  # "Metro Nashville Public Schools", "Elm Water District"
        return bool({w.lower() for w in name.split()} & DISTRICT_NAME_WORDS)
    if description_type == "trust":  # "Tamar Learning Partnership", "Elm Academy Trust"
        return bool({w.lower() for w in name.split()} & TRUST_NAME_WORDS)
    if description_type == "government":
        return bool(_head_words(name) & GOVERNMENT_NAME_HEADS) or name.isupper() or (
            portfolio_name(name)
        )
    return is_public_name(name) == (description_type == "public")


# What a government body is in charge of, which such a body's name may give with a place alone:
# "Health Canada", "Transport Canada", "Nova Scotia Health", "Revenue Scotland".
PORTFOLIO_WORDS = frozenset(
    "health transport environment education revenue statistics fisheries agriculture "
    "immigration defence defense labour employment housing".split()
)


def portfolio_name(name: str) -> bool:
    """ "Health Canada", "Nova Scotia Health": two or three capitalised words, the first or the
    last a portfolio, no company word ("Fenwood Health Partners", "Health Corp" are firms)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    lower = [w.lower() for w in words]
    if any(w in COMPANY_NAME_WORDS for w in lower):
        return False
    return (lower[0] in PORTFOLIO_WORDS) != (lower[-1] in PORTFOLIO_WORDS)


# One person described by what they are in the story, as a reader takes for the one person
# just named: "Detective Inspector Sam Roe … The officer told the court", "Governor Lyle
# Brannock … The Democrat said", "the two-time champion".
ONE_PERSON_DESCRIPTIONS = frozenset(
    """
    officer detective lawmaker legislator politician candidate incumbent challenger nominee
    democrat republican conservative liberal socialist winner champion titleholder rookie
    youngster newcomer debutant victim suspect defendant plaintiff claimant witness
    striker defender midfielder winger forward guard goalkeeper keeper pitcher catcher
    quarterback receiver linebacker bowler batsman batter spinner sprinter swimmer golfer
    boxer jockey cyclist skier gymnast wicketkeeper fullback
    """.split()
)


def _of_a_number(token: Token) -> bool:
    """ "the mother of three", "the father of two": a count of children, no owner."""
    preps = [c for c in token.children if c.dep_ == "prep"]
    return (
        len(preps) == 1 and preps[0].lower_ == "of" and all(c.like_num for c in preps[0].children)
    )


def is_epithet(token: Token) -> bool:
    """ "the billionaire", "the former actor", "the 54-year-old", "the mother of three": one
    person, described."""
    # "the All-Star forward told reporters": a subject after "the" is a noun, whatever tag the
    # small model gave it ("forward" as an adverb)
    misread = token.dep_ in {"nsubj", "nsubjpass"} and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )
    if token.tag_ not in {"NN", "JJ", "NNP"} and not misread:
        return False
    if any(c.dep_ == "poss" for c in token.children):
        return False
    if any(c.dep_ == "prep" for c in token.children) and not _of_a_number(token):
        return False
    lemma = token.lemma_.lower()
    if token.tag_ == "NNP" and lemma not in {"democrat", "republican"}:
        return False
    if lemma in PERSON_EPITHETS or lemma in ONE_PERSON_DESCRIPTIONS or _aged(token):
        return True
    if token.tag_ == "NN" and _by_calling(lemma):
        return True
    return any(c.dep_ == "amod" and _aged(c) for c in token.children) and token.tag_ == "NN"


# "-ist" and "-ician" nouns that name no one: lists of people, not people.
LISTS = ("playlist", "checklist", "waitlist", "shortlist", "blacklist", "whitelist", "longlist")


def _by_calling(lemma: str) -> bool:
    """ "the bronze medalist", "the economist", "the physician": one person by what they do
    or won, from the form of the noun (never "the list", "the shortlist")."""
    if len(lemma) < 6 or not lemma.isalpha() or lemma.endswith(LISTS):
        return False
    return lemma.endswith(("ist", "ician"))


def _aged(token: Token) -> bool:
    """ "54-year-old": the "old" of an age, alone ("the 54-year-old") or in front of what
    the person is ("the 61-year-old former prosecutor", "the 30-year-old Dane")."""
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in {"year", "years"}
    )


# Endings of nationality words that name a people, not one person: "the French", "the
# Swiss", "the Chinese", "the Dutch".
COLLECTIVE_DEMONYM_ENDINGS = ("sh", "ch", "ese", "ss", "s")
# Nouns for one person of a nationality, which the tagger labels as anything.
DEMONYMS = frozenset(
    """
    swede dane finn pole scot turk briton brit czech thai greek kiwi aussie spaniard
    american australian canadian kenyan german italian norwegian russian ukrainian brazilian
    argentine argentinian belgian austrian indian nigerian ethiopian jamaican mexican
    colombian chilean peruvian croatian serbian slovenian hungarian romanian bulgarian
    estonian latvian lithuanian egyptian moroccan algerian tunisian ghanaian ugandan
    ecuadorian venezuelan uruguayan paraguayan cuban filipino slovak icelander
    """.split()
)


def is_demonym(token: Token) -> bool:
    """ "the Swede", "the Australian", "the Frenchman": one person, described by nationality,
    which a reader takes for the person the story has just named."""
    if not token.text[:1].isupper() or not token.is_alpha or token.tag_ not in {"NNP", "NN"}:
        return False
    lower = token.lower_
    if token.ent_type_ != "NORP" and lower not in DEMONYMS and not lower.endswith(("man", "woman")):
        return False
    if lower.endswith(COLLECTIVE_DEMONYM_ENDINGS):
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in {"poss", "prep", "compound"} for c in token.children
    )


def is_capitalised_type(ent: Span) -> bool:
    """ "Hospital officials said": one capitalised word opening a sentence that is a type of
    body, which the tagger took for a name."""
    token = ent[0]
    return (
        len(ent) == 1
        and token.is_sent_start is True
        and token.pos_ == "NOUN"
        and organisation_type(token) is not None
    )


def described_owner(token: Token) -> Token | None:
    """ "the club's manager", "the company's chief executive": a role owned by a body the
    story describes by its type, which names no one the role's holder is not."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ != "NOUN" or word_type(owner.lemma_.lower()) is None:
        return None
    return owner if any(c.dep_ == "det" and c.lower_ == "the" for c in owner.children) else None


def qualified_type(token: Token) -> str | None:
    """ "the Premier League club", "the Nasdaq-listed company", "the FTSE 100 firm": a
    business or club described by where it plays or trades, the proper noun in front saying
    which league or market, not which body. None for anything else."""
    kind = lemma_type(token)
    if kind not in {"business", "any", "civil"}:
        return None
    if makes_products(token):
        return kind  # "the maker of Pinto crisps and Brae biscuits"
    if any(c.dep_ in {"poss", "prep", "appos"} for c in token.children):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    return kind
