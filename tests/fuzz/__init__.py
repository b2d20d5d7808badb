"""Fuzzing the readers: mutated samples of every format through the real command line.

``python -m tests.fuzz --cases N --seed S`` (``make fuzz N=... SEED=...``) runs N
mutated attachments through ``qingdan convert``, each in its own forked process
with a time and memory limit, and prints as its last line
``fuzz: N cases, C crashes, H hangs, M memory blow-ups``. ``test_fuzz.py`` runs a
fixed-seed set of cases in CI (issue 17).
"""
