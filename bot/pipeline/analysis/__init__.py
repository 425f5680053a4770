"""Rule-based claim analysis on top of one spaCy parse.

Each module has one job: ``lexicon`` holds the word lists, ``text`` renders token spans,
``layout`` finds page furniture (datelines, bylines, headlines) and paragraph and sentence
bounds, ``names`` and ``descriptions`` read names, roles and descriptions, ``organisations``
and ``speakers`` resolve who is speaking, ``clauses`` reads what a speech verb reports and
``sources`` whose claim it is, ``attribution`` finds who claims what, ``refine`` joins
quotations and nested reports, ``quantities`` reads numbers with their qualifiers,
``comment_grammar``, ``asked``, ``parties`` and ``comments`` find comment requests and the
parties awaited, ``responses`` finds denials and confirmations, ``ranking`` orders claims by
check-worthiness and ``entities`` lists the named entities.
"""
