"""Rule-based claim analysis on top of one spaCy parse.

Each module has one job: ``lexicon`` holds the word lists, ``text`` renders token spans,
``normalize`` prepares the text for the parse, ``tree`` climbs the parse by index, ``doc_index``
looks entities up by position, ``layout`` finds page furniture (datelines, bylines, headlines)
and paragraph and sentence bounds, ``names`` and ``descriptions`` read names, roles and
descriptions, ``organisations``, ``speakers``, ``antecedents`` and ``recurring`` resolve who is
speaking (a name, a pronoun or epithet looking back, a source described again), ``clauses``
reads what a speech verb reports, ``sources`` and ``trailing`` whose claim it is (the speaker
before or after the statement), ``attribution`` finds who claims what, ``refine`` joins
quotations and nested reports, ``quantities`` reads numbers with their qualifiers;
``comment_grammar``, ``withheld``, ``asked``, ``unanswered``, ``parties``, ``spoken_for`` and
``comments`` find comment requests (refusals, who was asked, one exact span per party, whose
refusal a spokesperson reports); ``responses`` finds denials and confirmations, ``ranking``
orders claims by check-worthiness and ``entities`` lists the named entities.
"""
