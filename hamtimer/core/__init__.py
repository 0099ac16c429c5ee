"""The headless core: programs, plans, the session engine, the journal. Never imports Textual."""
