"""One session as it runs: the plan a program expands to, the engine with its clock, timeline and
events, the results of each side, today's adjustments (`today`), the trace, the runner and the
state object (`state`: what the session shows now, which every frontend reads).

Imports `program` and the shared leaves. The runner (`runner.py`) alone may also import `log`:
it owns the journal of the session it runs, so that no frontend touches the log."""
