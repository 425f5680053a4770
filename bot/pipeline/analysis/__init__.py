"""Rule-based claim analysis on top of one spaCy parse.

Each module has one job: ``lexicon`` holds the word lists, ``text`` renders token spans,
``normalize`` prepares the text for the parse, ``tree`` climbs the parse by index, ``doc_index``
looks entities up by position, ``layout`` finds page furniture (datelines, bylines, headlines)
and paragraph and sentence bounds, ``raw`` is a claim as the rules find it.

Who is speaking: ``names``, ``people``, ``whole_names`` and ``descriptions`` read names, roles and
descriptions (which tagged names are people, a body's name kept whole); ``organisations``,
``speakers``, ``mentions``, ``antecedents``, ``appositions``, ``recurring`` and ``described``
resolve a speaker (a name, a pronoun or epithet looking back, a description followed by its
name, a source described again or described before it is named); ``times`` keeps "on Monday"
out of a name, ``statement_subjects`` reads "…, the club announced" as the body just named,
``partitives`` reads members of a group ("one of whom") and groups of names ("they"),
``speaking_groups`` reads "one of them said" as one of the plural sources that spoke just
before, ``source_phrases`` keeps what identifies an unnamed source in its span ("two people
briefed on the talks"), ``non_bodies`` tells words the tagger took for a body's name that name
none ("Surgery is …", "CAR-T", "on Instagram"),
``speaker_heads`` keeps days and dateline cities from heading a speaker, ``short_forms`` reads
a body's one-word short form ("Rovers said") as the whole name given first, ``relative_nouns``
reads what "who" stands for, ``cataphora`` names a lede's described speaker from the sentences
after ("A former nurse testified … . Linda Morrow, 49, said"), ``genders`` keeps "he" from
a person the story calls "she" (and ``antecedents`` keeps "he" and "she" from a place where
something happened), ``name_bounds`` finds where a person's name begins (titles in front, a
first name the tagger left out), ``reported_marks`` marks what someone reports or quotes
(and a section label's "they"), ``salience`` ranks the people an epithet may mean (whoever was
speaking goes on speaking; a name inside someone else's statement ranks low) and
``pronoun_owners`` reads pronouns a body or person uses of itself ("…, it said" after its own
statement; "his office"; "the MP" for the person just given that role). ``documents`` reads
"The document says …" as the document named before it, and ``agent_nouns`` a person or body by
the form of its noun ("the suppliers", "the registered agent").

Who claims what: ``clauses``, ``objects`` and ``misparses`` read what a speech verb reports
(what it calls its object, speech the small parser misread), ``frames`` where a reported clause
hangs ("said in a statement that"), ``relatives`` a speaker's relative clause the parser misread,
``reported`` reports the parser splits ("a cost which critics say could exceed"),
``expectations`` a named source's forecast, ``according`` what a closing "according to X"
vouches for, ``asserted`` whether the speech happened, ``sources`` and ``trailing`` whose
claim it is (the speaker before or after the statement), ``placed_subjects`` a speaker the
parse put somewhere other than the speech verb's subject (a name read as an object, the
sender of "a statement saying …"), ``reasons`` the reason a body gives for an act ("…, citing
a fall in pupil numbers") as the actor's claim, ``attribution`` finds who claims what,
``refine`` joins quotations, ``nesting`` reads nested reports, ``quantities`` reads numbers with
their qualifiers.

Who has yet to answer: ``comment_grammar``, ``withheld``, ``refusals``, ``silences``, ``asked``,
``unanswered``, ``follow_ups``, ``parties``, ``party_items``, ``party_words``, ``requesters``,
``spoken_for``, ``request_nouns`` (what counts as a request for comment, and who sent it),
``joined_names`` (one body named with "and"), ``no_one`` ("nobody at X"),
``reached`` ("could not be reached", "has reached out to X"), ``bare_replies`` (a bare "did
not respond") and ``comments`` find comment requests (refusals and silences in their many
wordings, who was asked and by whom, one exact span per party, whose refusal a spokesperson
reports, an asking answered in the next sentence). ``responses`` finds denials and
confirmations, ``ranking`` orders claims by check-worthiness and ``entities`` lists the named
entities.
"""
