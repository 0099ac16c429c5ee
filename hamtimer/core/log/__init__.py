"""The session log on disk: its format (`logfile`, the one reader and writer), the journal that
keeps it while a session runs, and finding logs in a data folder (`folder`).

Imports `session`, `program` and the shared leaves."""
