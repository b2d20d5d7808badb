"""Command-line habits (issue 18): --version, -h everywhere, stdin, -q/-v, --debug
anywhere, shell completion, one combined file for several inputs, the folder rule,
warning lines at the end of every run, --strict."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import qingdan
from qingdan.cli import COMMANDS, hoist_global_options, main
from qingdan.inputs import collect_inputs
from tests.cli_runner import invoke
from tests.conftest import SAMPLES

MEASURELESS = (
    "\t序号\n\t工作措施\n\t牵头单位\n\t完成时限\n\n"
    "\t1\n\t\n\t区水务局\n\t2019年6月底前\n\n"
    "\t2\n\t\n\t区财政局\n\t2019年9月底前\n"
)
"""A list whose roles leave every measure empty: the normalizer doubts its column roles."""


def _gbk_copy(seed: Path, folder: Path) -> Path:
    """The seed in GBK: it converts with an ``encoding`` warning."""
    path = folder / "gbk.txt"
    path.write_bytes(seed.read_text(encoding="utf-8").encode("gbk"))
    return path


def test_version() -> None:
    result = invoke(["--version"])
    assert (result.exit_code, result.stdout) == (0, f"qingdan {qingdan.__version__}\n")


def test_dash_h_on_every_command() -> None:
    assert invoke(["-h"]).exit_code == 0
    for name in COMMANDS:
        result = invoke([name, "-h"])
        assert result.exit_code == 0, name
        assert "用法: " in result.stdout


def test_stdin_is_read_and_its_format_sniffed(seed: Path) -> None:
    pdf = SAMPLES / "000_eaf823a1ce4555f0_merged.pdf"
    result = invoke(["convert", "-"], input=pdf.read_bytes())
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["document"]["format"] == "pdf"
    assert len(document["records"]) == 15
    text = invoke(["convert", "-"], input=seed.read_bytes())
    assert json.loads(text.stdout)["document"]["format"] == "txt"


def test_stdin_with_input_format(seed: Path) -> None:
    result = invoke(["convert", "-", "--input-format", "txt", "-f", "csv"], input=seed.read_bytes())
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 16


def test_quiet_and_verbose(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    loud = invoke(["convert", str(seed), "-o", str(out)])
    assert f"-> {out}" in loud.stderr
    quiet = invoke(["-q", "convert", str(seed), "-o", str(out)])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    gbk = _gbk_copy(seed, tmp_path)
    warned = invoke(["-q", "convert", str(gbk), "-o", str(out)])
    assert "qingdan: 警告: gbk.txt: 1 条警告，首条 encoding（文本编码已自动识别" in warned.stderr


def test_debug_and_quiet_are_accepted_anywhere(tmp_path: Path) -> None:
    assert hoist_global_options(["convert", "x.txt", "--debug", "-q"]) == [
        "--debug", "-q", "convert", "x.txt",
    ]  # fmt: skip
    assert hoist_global_options(["convert", "--", "--debug"]) == ["convert", "--", "--debug"]
    done = subprocess.run(
        [sys.executable, "-m", "qingdan", "convert", str(tmp_path / "missing.txt"), "--debug"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" in done.stderr and "no such file" in done.stderr


def test_shell_completion_can_be_shown_and_installed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--show-completion", "bash"])
    assert stop.value.code == 0
    assert "_QINGDAN_COMPLETE" in capsys.readouterr().out
    assert "--install-completion" in invoke(["--help"]).stdout


def test_several_inputs_to_one_csv_give_one_combined_file(seed: Path, tmp_path: Path) -> None:
    first = Path(shutil.copy(seed, tmp_path / "a.txt"))
    second = _gbk_copy(seed, tmp_path)
    merged = tmp_path / "merged.csv"
    result = invoke(["convert", str(first), str(second), "-o", str(merged), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert merged.is_file()
    rows = list(csv.DictReader(io.StringIO(merged.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:4] == ["source", "file", "title", "seq"]
    assert [r["file"] for r in rows] == ["a.txt"] * 15 + ["gbk.txt"] * 15
    sidecar = list(
        csv.DictReader(io.StringIO((tmp_path / "merged.warnings.csv").read_text("utf-8-sig")))
    )
    assert [(w["file"], w["code"]) for w in sidecar] == [("gbk.txt", "encoding")]
    assert "qingdan: 警告: gbk.txt: 1 条警告，首条 encoding（文本编码已自动识别" in result.stderr


def test_several_inputs_to_one_xlsx_list_every_file(seed: Path, tmp_path: Path) -> None:
    shutil.copy(seed, tmp_path / "a.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    merged = tmp_path / "out" / "merged.xlsx"
    result = invoke(["convert", str(tmp_path), "-o", str(merged), "-j", "1"])
    assert result.exit_code == 1, result.output
    workbook = load_workbook(merged)
    assert workbook.sheetnames == [
        "任务清单",
        "警告",
        "文件",
        "_qingdan",
    ]  # the last: the hidden mark
    files = [[c.value for c in row] for row in workbook["文件"].iter_rows(min_row=2)]
    assert [(Path(f[0]).name, f[1]) for f in files] == [
        ("a.txt", "已转换"),
        ("empty.txt", "失败"),
    ]


def test_an_output_without_suffix_is_not_a_folder(seed: Path, tmp_path: Path) -> None:
    result = invoke(["convert", str(seed), str(seed), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "输出路径没有扩展名" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_csv_output_has_its_warnings_beside_it(seed: Path, tmp_path: Path) -> None:
    gbk = _gbk_copy(seed, tmp_path)
    result = invoke(["convert", str(gbk), "-o", str(tmp_path / "gbk.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "gbk.warnings.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["file", "row", "page", "code", "message"]
    assert [row[3] for row in rows[1:]] == ["encoding"]


def test_strict_fails_a_doubtful_document(tmp_path: Path) -> None:
    doubtful = tmp_path / "doubtful.txt"
    doubtful.write_text(MEASURELESS, encoding="utf-8")
    relaxed = invoke(["convert", str(doubtful), "-o", str(tmp_path / "a.json")])
    assert relaxed.exit_code == 0
    assert "存疑 column-roles（" in relaxed.stderr
    strict = invoke(["convert", str(doubtful), "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr.startswith(f"qingdan: 错误: {doubtful}: ")
    assert "column-roles" in strict.stderr
    with pytest.raises(qingdan.DoubtfulDocument, match="column-roles"):
        qingdan.convert(doubtful, strict=True)


def test_strict_in_a_batch_fails_that_file_only(seed: Path, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(seed, tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "doubtful.txt").write_text(MEASURELESS, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["convert", str(tmp_path / "in"), "-o", f"{out}/", "--strict"])
    assert result.exit_code == 1, result.output
    errors = json.loads((out / "errors.json").read_text("utf-8"))
    assert [(Path(e["file"]).name, e["error"]) for e in errors] == [
        ("doubtful.txt", "DoubtfulDocument")
    ]
    assert (out / "good.txt.json").exists()
    files = load_workbook(out / "all.xlsx")["文件"]
    statuses = {Path(row[0].value).name: row[1].value for row in files.iter_rows(min_row=2)}
    assert statuses == {"doubtful.txt": "失败", "good.txt": "已转换"}  # 状态 in Chinese


def test_the_samples_folder_has_no_failed_or_skipped_inputs() -> None:
    """``make demo`` converts samples/: golden files and specs are not inputs."""
    found = collect_inputs([SAMPLES])
    assert found.skipped == []
    assert any(p.name.endswith(".expected.json") for p in found.ignored)
    assert any("sources" in p.parts for p in found.ignored)


def test_other_libraries_logs_are_silent_unless_debug(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from qingdan.cli import configure_logging

    root_handlers = list(logging.getLogger().handlers)
    try:
        configure_logging(0, debug=False)
        logging.getLogger("pdfminer.pdfpage").warning("CropBox missing from /Page")
        logging.getLogger("qingdan.batch").info("converting")
        quiet = capsys.readouterr().err
        configure_logging(0, debug=True)
        logging.getLogger("pdfminer.pdfpage").warning("CropBox missing from /Page")
        loud = capsys.readouterr().err
    finally:
        logging.getLogger().handlers[:] = root_handlers
    assert quiet == "converting\n"
    assert "CropBox missing" in loud


def test_the_library_configures_no_logging(seed: Path) -> None:
    probe = (
        "import logging, qingdan\n"
        f"qingdan.convert({str(seed)!r})\n"
        "assert logging.getLogger().handlers == [], logging.getLogger().handlers\n"
        "assert logging.getLogger('qingdan').handlers == []\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_no_formula_guard_on_the_command_line(tmp_path: Path) -> None:
    attachment = tmp_path / "list.txt"
    attachment.write_text(
        "\t重点工作\n\t工作措施\n\t牵头单位\n\n\t=大气\n\t治理扬尘\n\t区环保局\n", encoding="utf-8"
    )
    for flags, expected in (([], "'=大气"), (["--no-formula-guard"], "=大气")):
        out = tmp_path / "out.csv"
        result = invoke(["convert", str(attachment), "-o", str(out), *flags])
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
        assert rows[0]["category"] == expected


def test_stdin_is_one_input_only(seed: Path, tmp_path: Path) -> None:
    for args in (["-", str(seed)], ["-", "-o", f"{tmp_path}/"]):
        result = invoke(["convert", *args], input=seed.read_bytes())
        assert result.exit_code == 2
        assert "`-`（标准输入）只能单独作为一个输入" in result.stderr
