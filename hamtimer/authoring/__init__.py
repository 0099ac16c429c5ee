"""Writing programs: `hamtimer new`, `edit` and the template (no Textual here)."""
