"""The fixed-seed fuzz run in CI (issue 17), and the harness's own behaviour.

300 mutated attachments (every registered format, DOCX mutated both as ZIP bytes and
inside its XML) go through ``qingdan convert``, each in a forked process limited to
30 s and 1 GiB; every one must end in exit 0 or a one-line exit 2.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.fuzz.generators import GENERATED_SUFFIXES, GENERATORS
from tests.fuzz.mutations import BYTE_MUTATIONS, mutate, mutate_docx_xml
from tests.fuzz.runner import MEMORY_LIMIT, judge, make_case, summary_line
from tests.fuzz.seeds import FUZZED, load_seeds

ROOT = Path(__file__).resolve().parent.parent.parent
CI_CASES, CI_SEED = 300, 17


def test_the_ci_fuzz_run_has_no_crash_hang_or_memory_blow_up(tmp_path: Path) -> None:
    keep = tmp_path / "failures"
    run = ["--cases", str(CI_CASES), "--seed", str(CI_SEED), "--keep", str(keep)]
    result = subprocess.run(
        [sys.executable, "-m", "tests.fuzz", *run],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = f"fuzz: {CI_CASES} cases, 0 crashes, 0 hangs, 0 memory blow-ups"
    assert lines[-1] == expected, "\n".join(lines[-20:])
    assert not keep.exists()


def test_cases_cover_every_format_and_both_kinds_of_docx_mutation() -> None:
    seeds = load_seeds()
    cases = [make_case(CI_SEED, index, seeds) for index in range(CI_CASES)]
    assert Counter(case.suffix for case in cases).keys() == FUZZED | GENERATED_SUFFIXES
    made = {name for case in cases if case.index % 4 == 3 for name in case.mutations}
    assert made == {generator.__name__ for generator in GENERATORS}
    docx = [name for case in cases if case.suffix == ".docx" for name in case.mutations]
    assert "mutate_docx_xml" in docx
    assert {m.__name__ for m in BYTE_MUTATIONS} & set(docx)


def test_a_case_is_reproduced_by_its_run_seed_and_index() -> None:
    seeds = load_seeds()
    assert make_case(5, 42, seeds) == make_case(5, 42, seeds)
    assert make_case(5, 42, seeds).data != make_case(6, 42, seeds).data


def test_every_byte_mutation_changes_the_bytes() -> None:
    data = "附件1\n\t重点工作\n\t牵头单位\n\n\t大气\n\t区发改委 2019\n".encode() * 20
    for mutation in BYTE_MUTATIONS:
        rng = random.Random(mutation.__name__)
        assert mutation(rng, data) != data, mutation.__name__


def test_the_xml_mutation_leaves_a_readable_archive_with_other_markup() -> None:
    seed = next(s for s in load_seeds()[".docx"] if "merged" in s.name)
    mutated = mutate_docx_xml(random.Random(3), seed.data)
    before = zipfile.ZipFile(io.BytesIO(seed.data))
    after = zipfile.ZipFile(io.BytesIO(mutated))
    assert after.namelist() == before.namelist()
    changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
    assert len(changed) == 1


def test_mutate_names_what_it_did() -> None:
    original = "\t重点工作\n".encode() * 50
    data, names = mutate(random.Random(1), original, ".txt")
    assert names and all(isinstance(name, str) for name in names)
    assert data != original


@pytest.mark.parametrize(
    ("code", "signal_number", "stderr", "peak", "verdict"),
    [
        (0, None, "", 100 << 20, "ok"),
        (2, None, "qingdan: 错误: x.pdf: 文件已损坏\n", 100 << 20, "ok"),
        (2, None, "pdfminer warning\nqingdan: 错误: x.pdf: 文件已损坏\n", 1 << 20, "crash"),
        (0, None, "Data-loss while decompressing corrupted data\n", 1 << 20, "crash"),
        (0, None, "qingdan: 警告: x.txt: 1 条警告，首条 ...\n", 1 << 20, "ok"),
        (3, None, "qingdan: 错误: x: 内部错误（KeyError: 1）\n", 1 << 20, "crash"),
        (3, None, "qingdan: 错误: x: 内部错误（MemoryError: ）\n", 1 << 20, "memory"),
        (0, None, "", MEMORY_LIMIT + 1, "memory"),
        (None, 11, "", 1 << 20, "crash"),
        (None, 24, "", 1 << 20, "hang"),  # SIGXCPU: out of CPU time
    ],
)
def test_judge(
    code: int | None, signal_number: int | None, stderr: str, peak: int, verdict: str
) -> None:
    assert judge(code, signal_number, stderr, peak)[0] == verdict


def test_summary_line_counts_each_verdict() -> None:
    assert summary_line([]) == "fuzz: 0 cases, 0 crashes, 0 hangs, 0 memory blow-ups"
