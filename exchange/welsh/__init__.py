"""Welsh language tools: alphabetical order, mutation folding, spelling, translation tracking.
Imports core only."""
