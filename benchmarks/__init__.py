"""Benchmarks: qingdan against the tools people would use instead (issues 4 and 9).

``python -m benchmarks`` (run by ``make bench``) times qingdan, raw pdfplumber,
camelot and docx2python on every sample with a golden file and on a scale series,
counts the golden records each tool recovers, and rewrites BENCHMARKS.md and a
timestamped JSON under ``benchmarks/results/``.
"""
