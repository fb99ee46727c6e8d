"""Benchmarks: one script per measured figure, each printing JSON (see README.md)."""
