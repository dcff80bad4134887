"""The index's rules and computations: unit kinds, the scoring body, settings, grades, blocks, a
reorganised year, and the analysis of one group-year. DataFrames in, DataFrames out; no files but the
settings file. Imports only the core."""
