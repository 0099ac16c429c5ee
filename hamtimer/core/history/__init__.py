"""What the logs say over time: the collection of session summaries, tallies, the symmetry
report with its verdicts, soreness, the CSV export and the end-of-session summary.

Imports `log`, `session`, `program` and the shared leaves; never `training`."""
