"""Finding the inputs of a batch and converting them, each on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qingdan.extract import READERS
from qingdan.normalize import Knowledge

from qingdan.batch import FileResult, Settings, collect_inputs, convert_many, convert_one, summarize


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_files_folders_and_globs_mix(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.txt")
    b = _touch(tmp_path / "dir" / "sub" / "b.pdf")
    c = _touch(tmp_path / "glob" / "c.csv")
    _touch(tmp_path / "glob" / "d.tsv")
    found = collect_inputs([a, tmp_path / "dir", tmp_path / "glob" / "c.*"])
    assert found.files == [a, b, c]
    assert found.skipped == []


def test_unsupported_hidden_and_output_folder(tmp_path: Path) -> None:
    kept = _touch(tmp_path / "in" / "a.txt")
    _touch(tmp_path / "in" / ".git" / "x.txt")
    _touch(tmp_path / "in" / ".~lock.a.txt")
    _touch(tmp_path / "in" / "out" / "all.csv")
    notes = _touch(tmp_path / "in" / "notes.md")
    table = _touch(tmp_path / "in" / "table.rtf")
    found = collect_inputs([tmp_path / "in"], exclude=tmp_path / "in" / "out")
    assert found.files == [kept]
    known = ", ".join(sorted(READERS))
    # A spreadsheet in a folder may have been meant as an attachment: skipped with its
    # reason; notes (and expected outputs, specs) are not attachments: ignored.
    assert [(s.path, s.reason) for s in found.skipped] == [
        (table, f"unsupported file type '.rtf' (supported: {known})")
    ]
    assert found.ignored == [notes]
    named = collect_inputs([notes])
    assert [s.path for s in named.skipped] == [notes]  # named on the command line


def test_a_file_named_twice_is_converted_once(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.txt")
    assert collect_inputs([a, tmp_path, tmp_path / "*.txt"]).files == [a]


def test_missing_paths_are_kept_and_empty_patterns_skipped(tmp_path: Path) -> None:
    found = collect_inputs([tmp_path / "gone.txt", tmp_path / "*.pdf"])
    assert found.files == [tmp_path / "gone.txt"]
    assert [s.reason for s in found.skipped] == ["no file matches this pattern"]
    result = convert_one(tmp_path / "gone.txt", Settings(Knowledge.load()))
    assert (result.ok, result.error, result.reason) == (False, "FileMissing", "no such file")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, seed: Path) -> None:
    good = [shutil.copy(seed, tmp_path / f"{n}.txt") for n in ("one", "two")]
    bad = _touch(tmp_path / "empty.txt", b"")
    files = [Path(good[0]), bad, Path(good[1])]
    seen: list[FileResult] = []
    convert_many(files, Settings(Knowledge.load()), jobs=2, on_result=seen.append)
    assert sorted(r.path for r in seen) == sorted(files)
    results = sorted(seen, key=lambda r: files.index(r.path))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].reason == "file is empty"
    summary = summarize(results, [], 1.5)
    assert (summary.files, summary.converted, summary.records, summary.failures) == (3, 2, 30, 1)


def test_office_lock_files_are_skipped(tmp_path: Path) -> None:
    document = _touch(tmp_path / "清单.docx")
    lock = _touch(tmp_path / "~$清单.docx", b"\x0bowner")
    found = collect_inputs([tmp_path])
    assert found.files == [document]
    assert [(s.path, s.reason) for s in found.skipped] == [
        (lock, "an Office lock file (Word keeps it while the document is open), not an attachment")
    ]


def test_the_default_jobs_are_the_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from qingdan.workers import default_jobs

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 0.0, 0.0))
    assert default_jobs() == 3  # four cores, one busy
    monkeypatch.setattr(os, "getloadavg", lambda: (11.8, 0.0, 0.0))
    assert default_jobs() == 1  # all busy: one process, never none
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert default_jobs() == 4
