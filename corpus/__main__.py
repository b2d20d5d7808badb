"""``python -m corpus``: generate task lists with their truth, score qingdan on them.

Subcommands:

* ``generate --n N --seed S --out DIR`` writes N lists (truth + renderings);
* ``score DIR [--ocr-cache CACHE] [--results FILE]`` converts every rendering in DIR
  and prints the comparison (with a cache, what OCR read is kept and re-used:
  ``corpus.ocr_cache``);
* ``fidelity --n N --seed S`` does both in a temporary folder and writes FIDELITY.md
  and ``benchmarks/results/fidelity/<UTC time>.json`` (``make fidelity``);
* ``baseline DIR --known FILE`` rewrites the CI ratchet's known failures from DIR
  (``make fidelity-baseline``);
* ``fidelity-real [--keep DIR] [--only RENDERINGS] [--skeletons GLOB]`` renders the
  real-shapes skeletons (``corpus/real``), scores them and writes FIDELITY-REAL.md and
  ``benchmarks/results/fidelity-real/<UTC time>.json`` (``make fidelity-real``); its last
  line is ``fidelity-real: K/N records exact (P%)``;
* ``real-set DIR [--skeletons GLOB]`` prints the PDFs of the real CI set into DIR and
  ``real-baseline DIR --known FILE`` rewrites that set's known failures
  (``make fidelity-real-set``, ``make fidelity-real-baseline``).

The last line ``score`` and ``fidelity`` print is ``fidelity: K/N records exact (P%)``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from corpus.generate import generate_corpus
from corpus.ratchet import write_known
from corpus.real import SkeletonError
from corpus.real.run import fidelity_real, set_items, write_set
from corpus.renderings import PARAGRAPH_RENDERINGS, RENDERINGS, SCAN_RENDERINGS
from corpus.report import (
    failure_line,
    markdown,
    results_json,
    summarize,
    text_report,
    write_results,
)
from corpus.score import score_directory, score_files
from corpus.sheet import RenderError

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "fidelity"


SCANS = ",".join(SCAN_RENDERINGS)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write N generated lists with their truth")
    _common(generate)
    generate.add_argument("--out", type=Path, required=True, help="output folder")
    generate.add_argument(
        "--only",
        help=f"comma-separated renderings instead of the drawn ones ({', '.join(RENDERINGS)})",
    )
    score = commands.add_parser("score", help="convert and compare every rendering in DIR")
    score.add_argument("dir", type=Path)
    score.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    score.add_argument("--ocr-cache", type=Path, help="keep what OCR read here, to re-score fast")
    score.add_argument("--results", type=Path, help="write the failures as JSON to this file")
    fidelity = commands.add_parser("fidelity", help="generate, score, write FIDELITY.md + JSON")
    _common(fidelity)
    fidelity.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    fidelity.add_argument(
        "--only", help=f"comma-separated renderings instead of the drawn ones ({SCANS} …)"
    )
    fidelity.add_argument("--md", type=Path, default=ROOT / "FIDELITY.md")
    fidelity.add_argument("--results", type=Path, default=RESULTS)
    baseline = commands.add_parser("baseline", help="rewrite the ratchet's known failures")
    baseline.add_argument("dir", type=Path)
    baseline.add_argument("--known", type=Path, required=True)
    baseline.add_argument("--jobs", type=int, default=2)
    real = commands.add_parser("fidelity-real", help="score the real-shapes skeletons")
    real.add_argument("--keep", type=Path, help="render into this folder and keep it")
    real.add_argument(
        "--only",
        help=f"comma-separated renderings ({', '.join([*RENDERINGS, *PARAGRAPH_RENDERINGS])})",
    )
    real.add_argument("--skeletons", default="*", help="file-name glob (default: all)")
    real.add_argument("--md", type=Path, default=ROOT / "FIDELITY-REAL.md")
    real.add_argument("--results", type=Path, default=RESULTS.with_name("fidelity-real"))
    real.add_argument("--jobs", type=int, default=2)
    real_set = commands.add_parser("real-set", help="print the real CI set's PDFs into DIR")
    real_set.add_argument("dir", type=Path)
    real_set.add_argument(
        "--skeletons", help="file-name glob (default: the skeletons of DIR's manifest)"
    )
    real_baseline = commands.add_parser("real-baseline", help="rewrite the real set's ratchet")
    real_baseline.add_argument("dir", type=Path)
    real_baseline.add_argument("--known", type=Path, required=True)
    real_baseline.add_argument("--jobs", type=int, default=2)
    return parser


def _real(args: argparse.Namespace) -> int:
    if args.command == "fidelity-real":
        only = set(args.only.split(",")) if args.only else None
        unknown = sorted((only or set()) - {*RENDERINGS, *PARAGRAPH_RENDERINGS})
        if unknown:
            print(f"corpus: error: unknown renderings {unknown}", file=sys.stderr)
            return 2
        fidelity_real(args.skeletons, only, args.keep, args.md, args.results, args.jobs)
    elif args.command == "real-set":
        count = write_set(args.skeletons, args.dir)
        print(f"printed the PDFs of {count} skeletons into {args.dir}")
    else:
        with tempfile.TemporaryDirectory(prefix="corpus-real-") as tmp:
            scores = score_files(set_items(args.dir, Path(tmp)), args.jobs)
        about = (
            "failures of the committed real-shapes set (tests/corpus/real_set) on the qingdan "
            "this list was made with; tests/corpus/test_real_ratchet.py fails on any change; "
            "rewrite on purpose with `make fidelity-real-baseline` (issue 31)"
        )
        count = write_known(args.known, [f for s in scores for f in s.failures], about)
        print(f"wrote {args.known} ({count} known failures)")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=200, help="lists to generate (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")


def _fidelity(args: argparse.Namespace) -> int:
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        folder = args.keep or Path(tmp)
        only = args.only.split(",") if args.only else None
        generate_corpus(args.n, args.seed, folder, args.jobs, only)
        print(
            f"generated {args.n} lists in {time.monotonic() - start:.0f} s into {folder}",
            flush=True,
        )
        scores = score_directory(folder, args.jobs)
    summary = summarize(scores)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for failure in summary.failures:
        print(failure_line(failure))
    args.md.write_text(markdown(summary, args.n, args.seed, stamp, only), encoding="utf-8")
    wall = time.monotonic() - start
    write_results(
        args.results / f"{stamp}.json", results_json(summary, args.n, args.seed, stamp, wall)
    )
    lines = text_report(summary)
    lines.insert(-1, f"wrote {args.md.name} and {args.results.name}/{stamp}.json in {wall:.0f} s")
    print("\n".join(lines))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; 0 on success, 2 on a usage or rendering error."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            only = args.only.split(",") if args.only else None
            unknown = sorted(set(only or []) - set(RENDERINGS))
            if unknown:
                print(f"corpus: error: unknown renderings {unknown}", file=sys.stderr)
                return 2
            generate_corpus(args.n, args.seed, args.out, args.jobs, only)
            print(f"generated {args.n} lists into {args.out}")
        elif args.command == "score":
            if not args.dir.is_dir():
                print(f"corpus: error: {args.dir}: not a folder", file=sys.stderr)
                return 2
            scores = score_directory(args.dir, args.jobs, args.ocr_cache)
            summary = summarize(scores)
            for failure in summary.failures:
                print(failure_line(failure))
            if args.results:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                data = results_json(summary, len(scores), 0, stamp, summary.seconds)
                write_results(args.results, data)
            print("\n".join(text_report(summary)))
        elif args.command == "fidelity":
            unknown = sorted(set(args.only.split(",") if args.only else []) - set(RENDERINGS))
            if unknown:
                print(f"corpus: error: unknown renderings {unknown}", file=sys.stderr)
                return 2
            return _fidelity(args)
        elif args.command in ("fidelity-real", "real-set", "real-baseline"):
            return _real(args)
        else:
            scores = score_directory(args.dir, args.jobs)
            count = write_known(args.known, [f for s in scores for f in s.failures])
            print(f"wrote {args.known} ({count} known failures)")
    except (RenderError, SkeletonError) as error:
        print(f"corpus: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
