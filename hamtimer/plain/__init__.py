"""Plain mode (`hamtimer run PROGRAM --plain`): the session as lines of text. Never imports Textual."""
