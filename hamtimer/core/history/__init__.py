"""What the logs say over time: the history index of each data folder (SQLite: the connection,
its upkeep and its queries), the collection of session summaries straight from the files,
tallies, the symmetry report (from the index or the files) with its verdicts, soreness, the
exports (CSV; FIT activities for Garmin Connect and Strava: `fit_sets` the timeline, `fit` the
encoding, `fit_export` the files) and the end-of-session summary; `reader` chooses between the
index and the files.

Imports `log`, `session`, `program` and the shared leaves; never `training`."""
