"""The `jixiao` command: import, fmt, schema, exit codes and messages.

Most tests call the Typer app in-process with `CliRunner`; where what the user sees on stderr and the
exit code matter (unreadable input, usage errors), the installed `jixiao` script runs as a subprocess,
so a traceback or a wrapped message would show exactly as it does in a terminal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.io.canonical import dumps_yaml, load_canonical, loads_json, loads_yaml, to_plain
from tests import support

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
UNIT_NAME = "中共辰溪县委网络安全和信息化委员会办公室"
DESIGN_PATHS = support.DESIGN_PATHS

runner = CliRunner()


def jixiao(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed script as a user would, with a terminal-like width of 80 columns."""
    script = Path(sys.executable).parent / "jixiao"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jixiao.cli"]
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )


def has_path(data: dict[str, object], dotted: str) -> bool:
    node: object = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def assert_one_chinese_line_without_traceback(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert CJK.search(lines[0]), stderr
    assert "Traceback" not in stderr
    assert "Error" not in stderr


@pytest.fixture(scope="module")
def seed() -> Path:
    return support.seed_path()


@pytest.fixture(scope="module")
def seed_evaluation(seed: Path) -> Evaluation:
    return load_report(seed)


@pytest.fixture
def canonical_yaml(tmp_path: Path, seed_evaluation: Evaluation) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_text(dumps_yaml(seed_evaluation), encoding="utf-8")
    return path


def non_canonical(text: str) -> str:
    """The same data, written differently: top-level blocks in reverse order, blank lines and a comment."""
    blocks = re.split(r"\n(?=[a-z_]+:)", text.rstrip("\n"))
    return "# 手工编辑过的文件\n\n" + "\n\n\n".join(reversed(blocks)) + "\n\n"


# ---------------------------------------------------------------------------------------------- import


def test_import_prints_the_seed_as_canonical_yaml(seed: Path, seed_evaluation: Evaluation) -> None:
    result = runner.invoke(app, ["import", str(seed)])
    assert result.exit_code == 0, result.output
    first, rest = result.stdout.split("\n", 1)
    assert first == f"# {seed}"
    assert rest == dumps_yaml(seed_evaluation)
    assert "    total: 239.67" in rest.splitlines()
    assert to_plain(loads_yaml(result.stdout), full=True) == to_plain(seed_evaluation, full=True)


def test_import_with_format_json_prints_one_object_with_the_design_paths(seed: Path) -> None:
    result = runner.invoke(app, ["import", "--format", "json", str(seed)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    missing = [dotted for dotted in DESIGN_PATHS if not has_path(data, dotted)]
    assert not missing
    assert data["unit"]["name"] == UNIT_NAME
    assert data["fiscal_year"] == 2023
    assert data["report_date"] == "2024-03-14"
    assert data["budget"]["income"]["total"] == "239.67"
    assert data["sources"]["budget.income.total"]["line"] >= 1


def test_import_with_format_text_names_the_unit_and_its_income(seed: Path) -> None:
    result = runner.invoke(app, ["import", "-f", "text", str(seed)])
    assert result.exit_code == 0, result.output
    assert UNIT_NAME in result.stdout
    assert "239.67" in result.stdout


def test_import_of_two_files_with_format_json_prints_an_array_of_two_objects(seed: Path) -> None:
    result = runner.invoke(app, ["import", "--format", "json", str(seed), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert len(data) == 2
    assert all(isinstance(item, dict) and has_path(item, "unit.name") for item in data)
    assert data[0]["unit"]["name"] == UNIT_NAME
    assert data[1]["unit"]["name"] != UNIT_NAME


def test_import_reads_a_canonical_yaml_file_back(canonical_yaml: Path, seed_evaluation: Evaluation) -> None:
    result = runner.invoke(app, ["import", "--format", "json", str(canonical_yaml)])
    assert result.exit_code == 0, result.output
    assert to_plain(loads_json(result.stdout), full=True) == to_plain(seed_evaluation, full=True)


def test_import_with_an_output_directory_writes_stem_yaml_that_fmt_check_accepts_and_that_loads_back_equal(
    seed: Path, seed_evaluation: Evaluation, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(seed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out / f"{seed.stem}.yaml"
    assert sorted(p.name for p in out.iterdir()) == [written.name]
    assert result.stdout == ""
    assert str(written) in result.stderr

    check = runner.invoke(app, ["fmt", "--check", str(written)])
    assert check.exit_code == 0, check.output
    assert to_plain(load_canonical(written), full=True) == to_plain(seed_evaluation, full=True)


def test_import_with_an_output_directory_and_format_json_writes_stem_json(
    seed: Path, seed_evaluation: Evaluation, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["import", "-f", "json", "-o", str(tmp_path), str(seed)])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{seed.stem}.json"
    assert to_plain(load_canonical(written), full=True) == to_plain(seed_evaluation, full=True)


# ---------------------------------------------------------------------------------------------- fmt


def test_fmt_rewrites_a_non_canonical_yaml_file_in_place(canonical_yaml: Path) -> None:
    canonical = canonical_yaml.read_text(encoding="utf-8")
    canonical_yaml.write_text(non_canonical(canonical), encoding="utf-8")
    assert canonical_yaml.read_text(encoding="utf-8") != canonical

    result = runner.invoke(app, ["fmt", str(canonical_yaml)])
    assert result.exit_code == 0, result.output
    assert canonical_yaml.read_text(encoding="utf-8") == canonical
    assert "已规范化" in result.stderr
    assert runner.invoke(app, ["fmt", "--check", str(canonical_yaml)]).exit_code == 0


def test_fmt_check_on_a_non_canonical_file_exits_1_without_changing_it(canonical_yaml: Path) -> None:
    canonical_yaml.write_text(non_canonical(canonical_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    before = canonical_yaml.read_bytes()
    result = runner.invoke(app, ["fmt", "--check", str(canonical_yaml)])
    assert result.exit_code == 1, result.output
    assert "需要规范化" in result.stderr
    assert canonical_yaml.read_bytes() == before


def test_fmt_leaves_a_canonical_file_untouched(canonical_yaml: Path) -> None:
    before = canonical_yaml.stat().st_mtime_ns, canonical_yaml.read_bytes()
    result = runner.invoke(app, ["fmt", str(canonical_yaml)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert (canonical_yaml.stat().st_mtime_ns, canonical_yaml.read_bytes()) == before


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("gb18030", "\n", b""), ("utf-8", "\r\n", b""), ("utf-8", "\n", b"\xef\xbb\xbf")],
    ids=["gb18030", "crlf", "bom"],
)
def test_fmt_check_rejects_a_gb18030_crlf_or_bom_file_and_fmt_writes_plain_utf8(
    canonical_yaml: Path, encoding: str, newline: str, bom: bytes
) -> None:
    canonical = canonical_yaml.read_bytes()
    canonical_yaml.write_bytes(bom + canonical.decode("utf-8").replace("\n", newline).encode(encoding))

    check = jixiao("fmt", "--check", canonical_yaml)
    assert check.returncode == 1, check.stderr
    assert "Traceback" not in check.stderr

    rewrite = jixiao("fmt", canonical_yaml)
    assert rewrite.returncode == 0, rewrite.stderr
    assert canonical_yaml.read_bytes() == canonical


def test_fmt_keeps_a_json_file_json_and_check_accepts_the_json_import_writes(
    seed: Path, seed_evaluation: Evaluation, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["import", "-f", "json", "-o", str(tmp_path), str(seed)])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{seed.stem}.json"
    canonical = written.read_text(encoding="utf-8")
    assert runner.invoke(app, ["fmt", "--check", str(written)]).exit_code == 0

    written.write_text(json.dumps(json.loads(canonical)), encoding="utf-8")  # one line, still valid
    assert runner.invoke(app, ["fmt", "--check", str(written)]).exit_code == 1
    assert runner.invoke(app, ["fmt", str(written)]).exit_code == 0
    assert written.read_text(encoding="utf-8") == canonical
    assert to_plain(loads_json(canonical), full=True) == to_plain(seed_evaluation, full=True)


def test_fmt_of_a_yaml_file_with_a_misspelled_key_exits_3_and_leaves_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit:\n  name: 某单位\nfiscal_yaer: 2023\n", encoding="utf-8")
    before = bad.read_bytes()
    result = jixiao("fmt", bad)
    assert result.returncode == 3
    assert_one_chinese_line_without_traceback(result.stderr)
    assert "fiscal_yaer" in result.stderr
    assert bad.read_bytes() == before


# ---------------------------------------------------------------------------------------------- schema


def test_schema_prints_a_json_schema_with_properties() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert "properties" in schema
    assert {"unit", "fiscal_year", "budget", "sources"} <= set(schema["properties"])


# ---------------------------------------------------------------------------------------------- unreadable input


def _empty(directory: Path) -> Path:
    path = directory / "empty.txt"
    path.write_bytes(b"")
    return path


def _junk(directory: Path) -> Path:
    path = directory / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _missing(directory: Path) -> Path:
    return directory / "missing.txt"


def _bad_yaml(directory: Path) -> Path:
    path = directory / "broken.yaml"
    path.write_text("unit: {name: [\n", encoding="utf-8")
    return path


def _bracketed_name(directory: Path) -> Path:
    path = directory / "报告[bold]final.txt"
    path.write_bytes(b"")
    return path


UNREADABLE = {
    "empty file": _empty,
    "binary junk": _junk,
    "missing file": _missing,
    "broken yaml": _bad_yaml,
    "name with brackets": _bracketed_name,
}


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_it_exits_3_with_one_chinese_line_and_no_traceback_for_an_unreadable_input(
    make, tmp_path: Path
) -> None:
    # tmp_path is long, so a message that wraps at 80 columns would show here as two lines
    bad = make(tmp_path)
    for fmt in ("yaml", "json", "text"):
        result = jixiao("import", "-f", fmt, bad)
        assert result.returncode == 3, (fmt, result.stderr)
        assert_one_chinese_line_without_traceback(result.stderr)
        assert str(bad) in result.stderr  # the file is named as given, brackets and all
        assert result.stdout == ""


def test_it_exits_3_with_a_chinese_message_for_an_empty_file(tmp_path: Path) -> None:
    result = jixiao("import", _empty(tmp_path))
    assert result.returncode == 3
    assert "文件为空" in result.stderr


def test_it_writes_the_good_file_and_nothing_for_the_unreadable_one_with_an_output_directory(
    seed: Path, seed_evaluation: Evaluation, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "good.txt"
    shutil.copyfile(seed, good)
    bad = _junk(inputs)
    out = tmp_path / "out"

    result = jixiao("import", bad, good, _missing(inputs), "-o", out)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("错误")]
    assert len(error_lines) == 2
    assert sorted(p.name for p in out.iterdir()) == ["good.yaml"]
    assert (
        to_plain(load_canonical(out / "good.yaml"), full=True)["budget"]
        == to_plain(seed_evaluation, full=True)["budget"]
    )


def test_it_prints_the_good_file_and_exits_3_when_one_of_two_json_inputs_is_unreadable(
    seed: Path, tmp_path: Path
) -> None:
    result = jixiao("import", "-f", "json", seed, _empty(tmp_path))
    assert result.returncode == 3
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [item["unit"]["name"] for item in data] == [UNIT_NAME]


# ---------------------------------------------------------------------------------------------- usage


@pytest.mark.parametrize(
    "args",
    [["import", "--bogus", "x.txt"], ["import"], ["import", "-f", "xml", "x.txt"], ["nonsense"], ["--bogus"]],
    ids=["unknown option", "no file", "unknown format", "unknown command", "unknown top-level option"],
)
def test_it_exits_2_for_a_usage_error(args: list[str]) -> None:
    result = jixiao(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_it_exits_2_without_a_traceback_when_the_output_directory_is_a_file(
    seed: Path, tmp_path: Path
) -> None:
    not_a_directory = tmp_path / "out"
    not_a_directory.write_text("", encoding="utf-8")
    result = jixiao("import", seed, "-o", not_a_directory)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert not_a_directory.read_text(encoding="utf-8") == ""


def test_it_exits_2_for_an_unknown_option_in_process() -> None:
    assert runner.invoke(app, ["import", "--no-such-option", "x.txt"]).exit_code == 2


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["--help"], "部门整体支出绩效自评", "performance self-evaluations"),
        (["-h"], "退出码", "exit codes"),
        (["import", "--help"], "导入报告", "Import reports"),
        (["import", "-h"], "输出格式", "output format"),
        (["fmt", "--help"], "规范格式", "canonical form"),
    ],
)
def test_help_shows_chinese_and_english_text(args: list[str], chinese: str, english: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert chinese in result.stdout
    assert english in result.stdout
