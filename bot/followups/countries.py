"""Countries as articles name them: the country, its people, its capital, its seats of power.

Kept as data so adding a country is one line. Each entry is a short code and the lower-case,
accent-free phrases that stand for it (possessives are stripped before lookup, so "China's" finds
"china"). Capitals that are also a common metonym elsewhere are resolved the way news uses them:
"Brussels" means the European Union, not Belgium. ``SEATS`` maps a building or office used as a
metonym to its country and to what it stands for ("the Pentagon" is the US defence ministry).
"""

from __future__ import annotations

# code: names, demonyms, capitals (all lower case, accents removed, apostrophes dropped)
_COUNTRIES: dict[str, tuple[str, ...]] = {
    # G20 members
    "ar": ("argentina", "argentine", "argentinian", "argentinean", "buenos aires"),
    "au": ("australia", "australian", "canberra"),
    "br": ("brazil", "brazilian", "brasilia"),
    "ca": ("canada", "canadian", "ottawa"),
    "cn": ("china", "people republic of china", "peoples republic of china", "prc", "chinese",
           "beijing", "peking"),
    "fr": ("france", "french", "paris"),
    "de": ("germany", "german", "berlin"),
    "in": ("india", "indian", "new delhi", "delhi"),
    "id": ("indonesia", "indonesian", "jakarta"),
    "it": ("italy", "italian", "rome"),
    "jp": ("japan", "japanese", "tokyo"),
    "mx": ("mexico", "mexican", "mexico city"),
    "ru": ("russia", "russian federation", "russian", "moscow"),
    "sa": ("saudi arabia", "kingdom of saudi arabia", "ksa", "saudi", "saudi arabian", "riyadh"),
    "za": ("south africa", "south african", "pretoria"),
    "kr": ("south korea", "republic of korea", "korea", "south korean", "seoul"),
    "tr": ("turkey", "turkiye", "turkish", "ankara"),
    "gb": ("united kingdom", "uk", "britain", "great britain", "british", "london"),
    "us": ("united states", "united states of america", "usa", "america", "american",
           "washington", "washington dc"),
    "eu": ("european union", "eu", "european", "brussels"),
    "african-union": ("african union",),
    # Others the brief and the news name often
    "ua": ("ukraine", "ukrainian", "kyiv", "kiev"),
    "tw": ("taiwan", "taiwanese", "taipei"),
    "il": ("israel", "israeli", "jerusalem", "tel aviv"),
    "ir": ("iran", "islamic republic of iran", "iranian", "tehran"),
    "ae": ("united arab emirates", "uae", "emirati", "abu dhabi"),
    "qa": ("qatar", "qatari", "doha"),
    "kw": ("kuwait", "kuwaiti", "kuwait city"),
    "bh": ("bahrain", "bahraini", "manama"),
    "om": ("oman", "omani", "muscat"),
    "kp": ("north korea", "dprk", "north korean", "pyongyang"),
    "by": ("belarus", "belarusian", "minsk"),
    "pk": ("pakistan", "pakistani", "islamabad"),
    "af": ("afghanistan", "afghan", "kabul"),
    "iq": ("iraq", "iraqi", "baghdad"),
    "sy": ("syria", "syrian", "damascus"),
    "lb": ("lebanon", "lebanese", "beirut"),
    "jo": ("jordan", "jordanian", "amman"),
    "eg": ("egypt", "egyptian", "cairo"),
    "ye": ("yemen", "yemeni", "sanaa"),
    "ps": ("palestine", "palestinian", "ramallah"),
    "pl": ("poland", "polish", "warsaw"),
    "es": ("spain", "spanish", "madrid"),
    "nl": ("netherlands", "dutch", "the hague", "amsterdam"),
    "hu": ("hungary", "hungarian", "budapest"),
    "ch": ("switzerland", "swiss", "bern"),
    "se": ("sweden", "swedish", "stockholm"),
    "no": ("norway", "norwegian", "oslo"),
    "fi": ("finland", "finnish", "helsinki"),
    "dk": ("denmark", "danish", "copenhagen"),
    "vn": ("vietnam", "vietnamese", "hanoi"),
    "ph": ("philippines", "philippine", "filipino", "manila"),
    "th": ("thailand", "thai", "bangkok"),
    "my": ("malaysia", "malaysian", "kuala lumpur"),
    "sg": ("singapore", "singaporean"),
    "ng": ("nigeria", "nigerian", "abuja"),
    "ke": ("kenya", "kenyan", "nairobi"),
    "et": ("ethiopia", "ethiopian", "addis ababa"),
    "ve": ("venezuela", "venezuelan", "caracas"),
    "cu": ("cuba", "cuban", "havana"),
    "co": ("colombia", "colombian", "bogota"),
    "cl": ("chile", "chilean", "santiago"),
}

# Buildings and shorthands that stand for an institution: phrase -> (country or None, body words).
# An empty body means "the government as a whole" (the Kremlin speaks for Russia).
SEATS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "pentagon": ("us", ("defense", "ministry")),
    "state department": ("us", ("foreign", "ministry")),
    "department of state": ("us", ("foreign", "ministry")),
    "secretary of state": ("us", ("foreign", "ministry")),
    "white house": ("us", ()),
    "kremlin": ("ru", ()),
    "downing street": ("gb", ()),
    "number 10": ("gb", ()),
    "whitehall": ("gb", ()),
    "elysee": ("fr", ()),
    "elysee palace": ("fr", ()),
    "zhongnanhai": ("cn", ()),
    "foreign office": (None, ("foreign", "ministry")),
    "foreign and commonwealth office": ("gb", ("foreign", "ministry")),
    "fcdo": ("gb", ("foreign", "ministry")),
    "home office": (None, ("interior", "ministry")),
    "mfa": (None, ("foreign", "ministry")),
    "mod": (None, ("defense", "ministry")),
    "dod": ("us", ("defense", "ministry")),
    "doj": ("us", ("justice", "ministry")),
    "treasury": (None, ("finance", "ministry")),
}

COUNTRY_PHRASES: dict[str, str] = {
    phrase: code for code, phrases in _COUNTRIES.items() for phrase in phrases
}

# How many words the longest phrase has: bounds the greedy phrase lookup.
MAX_PHRASE_WORDS = max(len(p.split()) for p in (*COUNTRY_PHRASES, *SEATS))

# First words of every phrase: a word not in here cannot start a country or seat name.
PHRASE_STARTS = frozenset(p.split()[0] for p in (*COUNTRY_PHRASES, *SEATS))
