"""Benchmarks and the synthetic corpus they build. May import any layer but the hooks."""
