"""Training over sessions and weeks: today's targets, gates and first sides (progression), the
weekly count, breaks and the calendar's weeks (calendar), and the per-session facts they read
(worklog), all worked out from history.

The top of core: imports `history`, `log`, `session`, `program` and the shared leaves."""
