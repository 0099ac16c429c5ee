"""The headless core, laid out by idea; it never imports Textual.

Sub-packages, lowest first: `program` (the program file format), `session` (plans, the engine,
the runner), `log` (the session log's format and the journal), `history` (what the logs say over
time) and `training` (today's targets from history). A package imports only the shared leaves
beside this file (`kinds`, `formatting`, `paths`, `storage`, `settings`, `record`) and the
packages below it; `tests/core/test_layers.py` holds the rule and its one exception.
"""
