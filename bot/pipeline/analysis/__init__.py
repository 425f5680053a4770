"""Rule-based claim analysis on top of one spaCy parse.

Each module has one job: ``lexicon`` holds the word lists, ``text`` renders token spans,
``speakers`` resolves who is speaking, ``attribution`` finds who claims what, ``quantities``
reads numbers with their qualifiers, ``comments`` finds comment requests, ``responses`` finds
denials and confirmations, ``ranking`` orders claims by check-worthiness and ``entities``
lists the named entities.
"""
