"""Word lists that drive the rules; kept in one place so they can be reviewed and extended."""

from __future__ import annotations

# Verbs that attribute content to a source when they govern a clause or a quotation.
SPEECH_VERBS = frozenset(
    """
    say tell state claim allege accuse warn deny insist add confirm report announce argue note
    write mention explain assert estimate predict reveal acknowledge admit dismiss contend maintain
    suggest stress emphasize emphasise tweet post declare believe charge complain concede agree
    testify disclose indicate point observe remark reiterate assure promise vow threaten urge
    caution predict forecast conclude find show recall describe recount inform brief rule
    signal counter retort pledge hear blame
    """.split()
)
# Who "hears" evidence: "the inquest heard that …", "…, the court heard." Anyone else hearing
# something reports nothing.
PROCEEDINGS = frozenset(
    "inquest inquests court courts hearing hearings tribunal tribunals jury juries juror jurors "
    "trial inquiry committee panel".split()
)
# Verbs whose "to" clause is the speaker's commitment: "vowed to keep blocking motorways".
COMMITMENT_VERBS = frozenset("vow pledge promise".split())
# Verbs that characterise their object "as" something: "dismissed the survey as an outlier".
EVALUATIVE_VERBS = frozenset(
    """
    welcome hail praise laud applaud describe dismiss condemn denounce decry deride criticise
    criticize slam blast reject characterise characterize portray depict
    """.split()
)
# What a denial is of when its object is the content: "denied any knowledge of the loans".
CULPABILITY_NOUNS = frozenset(
    """
    knowledge involvement wrongdoing responsibility role part link links connection connections
    contact contacts ties guilt liability misconduct impropriety awareness
    """.split()
)
# Verbs by which a poll or a record gives a figure: "a poll showing X at 44 percent".
MEASURING_VERBS = frozenset("show put".split())

# Verbs that attribute a description to their object: "called the ruling a disaster".
NAMING_VERBS = frozenset("call label brand dub term".split())

# Speech verbs whose direct object is itself the reported content ("mentioned six cases").
OBJECT_CONTENT_VERBS = frozenset(
    "mention reveal announce confirm report disclose estimate predict forecast cite allege "
    "acknowledge admit describe recount expect".split()
)

# Verbs whose object is the accused party and whose "of …"/"against …" phrase is the content.
ACCUSATION_VERBS = frozenset("accuse charge blame warn".split())

# "add", "find", "show" and "point" are speech verbs only with a clause or quotation.
CLAUSE_ONLY_VERBS = frozenset(
    "add find show point believe agree indicate observe hear submit accept".split()
)
# "counsel submitted that …", "she accepted that …": speech only before a "that" clause, so kept
# out of SPEECH_VERBS ("submitted 400 pages", "accepted the offer").
THAT_CLAUSE_VERBS = frozenset("submit accept".split())

HEDGES = frozenset(
    "reportedly allegedly purportedly apparently supposedly ostensibly seemingly".split()
)

PERSONAL_PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "it": "thing",
}
# Possessive determiners: "His office" is the office of the person mentioned before.
POSSESSIVE_PRONOUNS = {"his": "person", "her": "person", "their": "group", "its": "thing"}

# Nouns naming a body of people, which "they" and "it" can refer to ("police", "the army").
COLLECTIVE_NOUNS = frozenset(
    "police army military government embassy office agency ministry service department "
    "company firm team club council committee board union party".split()
)

# Nouns that describe a person or body by function ("the head of the service", "officials").
ROLE_NOUNS = frozenset(
    """
    head chief director minister president spokesman spokeswoman spokesperson official officials
    secretary ambassador commander general governor mayor senator leader chairman chairwoman
    chair ceo founder executive analyst analysts expert experts researcher researchers lawyer
    attorney prosecutor prosecutors judge officer officers agency ministry service department
    government company firm police army military embassy office source sources diplomat
    diplomats representative spokesmen investigators investigator economist economists
    author authors scientist scientists doctor doctors adviser advisor aide aides king queen
    prime premier deputy envoy regulator regulators lawmaker lawmakers politician candidate
    """.split()
)

# Nouns naming news organisations or people who relay what others said.
OUTLET_NOUNS = frozenset(
    "agency newspaper outlet broadcaster channel reporters journalists reporter journalist "
    "magazine daily network paper television radio media".split()
)

# Objects of denial/confirmation verbs that mark a reply to an earlier claim.
ACCUSATION_NOUNS = frozenset(
    "accusation accusations allegation allegations claim claims charge charges report reports "
    "assertion assertions suggestion suggestions criticism criticisms suspicion suspicions "
    "story stories rumor rumors rumour rumours idea notion account accounts".split()
)

DENIAL_VERBS = frozenset(
    "deny dismiss reject refute rebuff repudiate disavow dispute contest debunk".split()
)
CONFIRMATION_VERBS = frozenset("confirm acknowledge admit concede verify corroborate".split())
REBUTTAL_VERBS = frozenset("rebut counter retort respond reply".split())
DISMISSIVE_WORDS = frozenset(
    "groundless baseless false untrue unfounded absurd fabricated fake lies lie nonsense "
    "slander smear ridiculous misleading inaccurate".split()
)

# Comment requests.
COMMENT_NOUNS = frozenset(
    "comment comments request requests email emails e-mail e-mails call calls message messages "
    "inquiry inquiries enquiry enquiries query queries question questions response "
    "voicemail voicemails text texts letter letters".split()
)
REPLY_VERBS = frozenset("respond reply return answer comment".split())
# Ways of sending a request, not who sent it ("questions sent by email").
CHANNELS = frozenset("email e-mail mail phone telephone text message post letter hand fax".split())
REFUSAL_VERBS = frozenset("decline refuse".split())

# Words in a quantity's left context that qualify it ("at least 20").
QUANTITY_QUALIFIERS = (
    "a little more than",
    "a little over",
    "in excess of",
    "upwards of",
    "close to",
    "closer to",
    "more or less",
    "north of",
    "as few as",
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "as many as",
    "as much as",
    "nearly",
    "within",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "over",
    "under",
    "above",
    "below",
    "some",
    "only",
    "just",
    "estimated",
)

# Descriptions that stand in for an organisation named earlier ("the company said").
BUSINESS_DESCRIPTORS = frozenset(
    "company firm carmaker automaker chipmaker maker retailer airline insurer lender bank group "
    "startup conglomerate giant operator developer publisher manufacturer producer supplier "
    "miner platform brand broadcaster publication network club team business grocer utility "
    "newspaper paper daily tabloid magazine outlet chain carrier provider studio label brewer "
    "distributor exporter importer store app website site".split()
)
# Descriptions that fit a public body as well as a business: "the group", "the hospital".
NEUTRAL_DESCRIPTORS = frozenset(
    "group organisation organization charity nonprofit foundation institution hospital "
    "university college school clinic museum club team".split()
)
# Modifiers that make "the agency" a news agency, which is no public body.
MEDIA_MODIFIERS = frozenset("news media wire press".split())
# Descriptions a news story gives one person it has just named: "the billionaire said".
PERSON_EPITHETS = frozenset(
    """
    billionaire millionaire tycoon mogul magnate entrepreneur businessman businesswoman actor
    actress singer rapper musician artist novelist poet filmmaker comedian presenter star
    celebrity athlete striker midfielder defender goalkeeper quarterback pitcher champion
    veteran activist campaigner teenager teen woman man mother father grandmother grandfather
    boy girl retiree pensioner survivor widow widower
    """.split()
)
INSTITUTION_DESCRIPTORS = frozenset(
    "agency ministry department regulator watchdog organisation organization body authority "
    "commission government office service bureau council court union administration "
    "association institute board force".split()
)
# Head words of names that mark a public body, which "the company" cannot refer to: the last
# word, or the word before "of"/"for" ("Centers for Disease Control and Prevention").
INSTITUTION_NAME_HEADS = frozenset(
    "administration agency ministry department organization organisation commission authority "
    "office service bureau council court fund committee union association federation institute "
    "board forces force navy army police government parliament senate congress nations assembly "
    "university school hospital center centre centers centres".split()
)
# Words in a name that mark a labour union, which "the union" refers to.
UNION_NAME_WORDS = frozenset(
    "union unions workers employees teamsters brotherhood guild federation confederation "
    "association alliance nurses teachers pilots machinists".split()
)
# Last words of company names, which the small model sometimes tags as a person ("Cascade
# Aerospace") or leaves untagged.
COMPANY_NAME_WORDS = frozenset(
    """
    inc inc. corp corp. co co. llc ltd ltd. plc aerospace airlines airways motors
    foods mining minerals resources energy electric electronics holdings partners capital
    systems technologies technology labs laboratories pharmaceuticals pharma therapeutics
    industries logistics chemical chemicals petroleum bancorp insurance financial
    securities entertainment studios communications telecom networks software semiconductor
    automotive homes properties realty hotels resorts brands stores apparel beverages brewing
    """.split()
)

# Sources that are documents, not people; "the findings suggest X, said Lambert" is Lambert's.
DOCUMENT_SOURCES = frozenset(
    "finding findings study studies report reports data research survey surveys analysis paper "
    "papers document documents filing filings results evidence figures records poll polls "
    "review audit statistics measurement measurements reading readings estimate estimates "
    "projection projections model models image images sample samples test tests observation "
    "observations number numbers calculation calculations lawsuit lawsuits suit complaint "
    "complaints indictment indictments memo memos memorandum ruling rulings order letter "
    "letters minutes transcript transcripts affidavit affidavits warrant motion petition "
    "contract assessment bulletin advisory notice judgment dossier cable cables prospectus "
    "footage recording recordings record".split()
)
# The nouns a text points back at a document it has named with ("the memo", "the letter"):
# singular lemmas, as matching reads the lemma (see documents).
REFERRED_DOCUMENTS = (
    DOCUMENT_SOURCES
    & frozenset(
        "document report memo memorandum analysis paper letter study survey review audit "
        "assessment filing dossier cable".split()
    )
) | frozenset({"briefing", "draft", "email"})
# Verbs that name a document's author: "a report released by the GAO", but not "obtained by".
AUTHOR_VERBS = frozenset(
    "release publish write compile issue prepare commission conduct produce draft file sign "
    "author carry".split()
)

# Closed classes of the parse every rule reads alike.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a finite verb or a modal: a clause's own
# "ESPN first reported …": the adverbs that make a report a scoop, credited to an outlet.
SCOOP_ADVERBS = frozenset({"first", "initially", "exclusively"})
