"""The real-shapes corpus (issue 31): task lists as really published, our own sentences.

``skeletons/NNN-<province>-<year>-<slug>.toml`` each hold the facts of one list taken
from a public government page (header labels, column order, merges, numbering, notes,
unit names and deadline phrasings) with task and note sentences written for the corpus,
and the truth a careful analyst reads (docs/conventions.md). ``corpus.real.skeleton`` reads
and checks them, ``corpus.real.render`` renders them through the corpus registries,
``corpus.real.run`` scores qingdan on them (``python -m corpus fidelity-real``).
"""

from __future__ import annotations

from pathlib import Path

from corpus.real.skeleton import (
    RealList,
    SkeletonError,
    load_skeleton,
    normal_url,
    reserved_sources_file,
    reserved_urls,
)

ROOT = Path(__file__).resolve().parents[2]
SKELETONS = Path(__file__).resolve().parent / "skeletons"


def load_skeletons(pattern: str = "*") -> list[RealList]:
    """Every skeleton whose file name matches ``pattern`` (``*.toml`` added), checked
    against the reserved pages; raises ``SkeletonError`` on the first bad one."""
    reserved = reserved_urls(ROOT)
    glob = pattern if pattern.endswith(".toml") else f"{pattern}.toml"
    return [load_skeleton(path, reserved) for path in sorted(SKELETONS.glob(glob))]


__all__ = [
    "ROOT",
    "SKELETONS",
    "RealList",
    "SkeletonError",
    "load_skeleton",
    "load_skeletons",
    "normal_url",
    "reserved_sources_file",
    "reserved_urls",
]
