"""``python -m tests.fuzz --cases N --seed S``: a fuzz run; the last line is the summary."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.fuzz.runner import Outcome, keep_failure, make_case, run_cases, summary_line
from tests.fuzz.seeds import load_seeds


def main(argv: list[str] | None = None) -> int:
    """Run the cases, report each failure and the slowest and largest case, then the summary."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--cases", type=int, default=300, help="number of cases (default 300)")
    parser.add_argument("--seed", type=int, default=17, help="run seed (default 17)")
    parser.add_argument("--jobs", type=int, default=2, help="cases at a time (default 2)")
    parser.add_argument("--case", type=int, help="run only this case of the run")
    parser.add_argument(
        "--keep", type=Path, default=Path("fuzz-failures"), help="folder for failing inputs"
    )
    args = parser.parse_args(argv)
    seeds = load_seeds()
    indexes = [args.case] if args.case is not None else range(args.cases)
    cases = (make_case(args.seed, index, seeds) for index in indexes)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="qingdan-fuzz-") as work:
        for outcome in run_cases(cases, Path(work), args.jobs):
            outcomes.append(outcome)
            if outcome.verdict != "ok":
                kept = keep_failure(outcome, Path(work), args.keep)
                print(f"{outcome.verdict}: {outcome.case.describe()}: {outcome.detail} -> {kept}")
            if len(outcomes) % 100 == 0:
                print(f"... {len(outcomes)} cases", file=sys.stderr, flush=True)
    if outcomes:
        slowest = max(outcomes, key=lambda o: o.seconds)
        largest = max(outcomes, key=lambda o: o.peak_bytes)
        exits = {v: sum(o.detail == v for o in outcomes) for v in ("exit 0", "exit 2")}
        print(
            f"slowest: {slowest.seconds:.1f} s, {slowest.case.describe()}; "
            f"most memory: {largest.peak_bytes >> 20} MiB, {largest.case.describe()}; "
            f"exit 0: {exits['exit 0']}, exit 2: {exits['exit 2']}"
        )
    print(summary_line(outcomes), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
