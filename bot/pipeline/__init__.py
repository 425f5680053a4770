"""Article → claim card: fetch, extract, analyze, summarize."""
