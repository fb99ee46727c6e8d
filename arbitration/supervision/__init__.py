"""Supervision figures (domain.md §7): computed in the database from the case's own records."""
