"""Training over sessions: today's targets, gates and first sides, worked out from history.

The top of core: imports `history`, `log`, `session`, `program` and the shared leaves."""
