"""Reading: the raw tree of score sheets -> records with provenance -> the tidy, validated score table ->
the processed store -> the analysis of a group-year (`store.analysis_of`). Imports the core and the model;
never the writers."""
