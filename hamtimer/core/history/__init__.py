"""What the logs say over time: the collection of session summaries, tallies, the symmetry
report with its verdicts, soreness, the exports (CSV; FIT activities for Garmin Connect and
Strava: `fit_sets` the timeline, `fit` the encoding, `fit_export` the files) and the
end-of-session summary.

Imports `log`, `session`, `program` and the shared leaves; never `training`."""
