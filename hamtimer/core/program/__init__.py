"""The program file format: its small values (`quantities`), fields, problems, the loader, the
typed model, the JSON Schema, an exercise's FIT exercise (`fit_exercise`, checked against the
generated `fit_names`) and the catalogue of bundled and user programs.

Imports nothing of core but the shared leaves (`kinds`, `formatting`, `paths`)."""
