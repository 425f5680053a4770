"""Article → claim card: fetch → extract → analyze → summarize.

``cards.CardPipeline`` is the entry point; the stages are plain modules beside it. This package
imports nothing on its own so that loading one stage (say, the spaCy model) stays cheap.
"""
