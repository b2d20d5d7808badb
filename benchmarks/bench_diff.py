#!/usr/bin/env python3
"""How long ``qingdan.diff.compare`` takes on two lists of 2,000 tasks each.

Run: ``python benchmarks/bench_diff.py [--records N] [--seed S]``. The lists are made
from the clauses of the real seed attachment, so the texts look like real measures:
the new list keeps most tasks (some reworded), drops some, adds some, and is shuffled.
Prints the time of each step and the counts; it measures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path
from typing import Any

from qingdan.schema import Document

import qingdan
from qingdan.diff import compare
from qingdan.diff.matching import similarity_matrix

SEED = Path(__file__).resolve().parent.parent / "samples" / "000_eaf823a1ce4555f0.txt"


def clauses() -> list[str]:
    """The clauses (between ，。；) of the seed's measures: the vocabulary of the lists."""
    text = "".join(record.measure for record in qingdan.convert(SEED).records)
    return [c for c in re.split(r"[，。；]", text) if len(c) >= 4]


def make_lists(size: int, rng: random.Random) -> tuple[Document, Document]:
    """Two lists of ``size`` tasks: last year's, and this year's edited and shuffled."""
    vocabulary = clauses()
    template = qingdan.convert(SEED)
    departments = sorted({name for r in template.records for name in r.lead + r.support})

    def measure() -> str:
        return "，".join(rng.sample(vocabulary, rng.randint(2, 6))) + "。"

    def record(seq: int, text: str, year: int) -> dict[str, Any]:
        return {
            "seq": seq, "section": None, "category": rng.choice(template.records).category,
            "no": None, "measure": text, "lead": rng.sample(departments, 1),
            "support": rng.sample(departments, 3), "deadline": f"{year}年12月", "due": None,
            "due_kind": None, "page": None,
        }  # fmt: skip

    old_records = [record(i, measure(), 2019) for i in range(1, size + 1)]
    new_records = []
    for kept in old_records:
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped
        text = kept["measure"]
        if roll < 0.4:  # reworded: one clause replaced
            parts = text.rstrip("。").split("，")
            parts[rng.randrange(len(parts))] = rng.choice(vocabulary)
            text = "，".join(parts) + "。"
        new_records.append({**kept, "measure": text, "deadline": "2020年12月"})
    new_records += [record(0, measure(), 2020) for _ in range(size - len(new_records))]
    rng.shuffle(new_records)
    for seq, new_record in enumerate(new_records, start=1):
        new_record["seq"] = seq

    def document(records: list[dict[str, Any]], year: int) -> Document:
        info: dict[str, Any] = {"file": f"{year}.txt", "format": "txt", "sha256": "0" * 64,
                "title": None, "attachment": None, "year": year, "columns": []}  # fmt: skip
        return Document.model_validate({"document": info, "records": records, "warnings": []})

    return document(old_records, 2019), document(new_records, 2020)


def main() -> None:
    """Build the lists, time the similarity matrix and the whole diff, print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000, help="tasks in each list")
    parser.add_argument("--seed", type=int, default=2019, help="random seed")
    args = parser.parse_args()
    old, new = make_lists(args.records, random.Random(args.seed))

    start, cpu = time.perf_counter(), time.process_time()
    similarity_matrix([r.measure for r in old.records], [r.measure for r in new.records])
    matrix_s, matrix_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    report = compare(old, new)
    total_s, total_cpu = time.perf_counter() - start, time.process_time() - cpu

    n = args.records
    counts = report.summary
    print(f"similarity matrix {n} x {n}: {matrix_s:.2f} s (CPU {matrix_cpu:.2f} s)")
    print(f"compare {n} x {n} records: {total_s:.2f} s (CPU {total_cpu:.2f} s)")
    print(f"  {counts.unchanged} unchanged, {counts.modified} modified, "
          f"{counts.removed} removed, {counts.added} added")  # fmt: skip


if __name__ == "__main__":
    main()
