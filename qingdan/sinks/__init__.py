"""Sinks: places converted documents are loaded into (beyond output files)."""
