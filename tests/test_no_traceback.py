"""No traceback, ever, from any command: each way a report, a canonical file or a 自评表 once stopped
`jixiao` with a Python traceback, now one Chinese line and the exit code of the contract (DESIGN.md):
3 for an input that cannot be read, 4 for an internal error, whose traceback goes to a log file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao import cli
from jixiao.cli import app
from jixiao.core.errors import ExitCode
from jixiao.core.model import Evaluation
from jixiao.core.paths import path_shape, value_at
from jixiao.io import load_report
from jixiao.io.xlsx_reader import META_SHEET
from jixiao.render.xlsx import scorecard_xlsx_bytes
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, load_rulebook
from tests import support
from tests.test_cli import jixiao

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Internal-error logs of these tests go to a directory of their own, never the user's."""
    logs = tmp_path / "logs"
    monkeypatch.setenv("JIXIAO_LOG_DIR", str(logs))
    return logs


def _report(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"某某局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{body}\n", encoding="utf-8")
    return path


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------------------------ a path the model lacks


PERSONNEL = (
    "二、一般公共预算支出情况\n"
    "2023年基本支出742.18万元，其中人员经费618.35万元，占基本支出的83.32%；公用经费123.83万元，占基本支出的19.68%。"
)


def test_shares_of_basic_expenditure_are_read_where_the_importer_once_stopped(tmp_path: Path) -> None:
    report = _report(tmp_path, "personnel.txt", PERSONNEL)
    result = runner.invoke(app, ["import", "-f", "json", str(report)])
    assert result.exit_code == ExitCode.OK, result.output
    spending = json.loads(result.stdout)["budget"]["expenditure"]
    assert (spending["personnel"], spending["personnel_share"]) == ("618.35", "83.32")
    assert (spending["public"], spending["public_share"]) == ("123.83", "19.68")


def test_a_share_of_basic_expenditure_that_does_not_follow_is_an_error_finding(tmp_path: Path) -> None:
    report = _report(tmp_path, "personnel.txt", PERSONNEL)
    result = runner.invoke(app, ["check", "-f", "json", str(report)])
    assert result.exit_code == ExitCode.FINDINGS
    shares = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "share"]
    assert [f["location"]["field"] for f in shares] == ["budget.expenditure.public_share"]
    assert "16.68%" in shares[0]["message"] and "基本支出" in shares[0]["message"]


def test_a_share_of_personnel_in_another_whole_is_not_taken_for_a_share_of_basic_expenditure() -> None:
    ev = support.import_text(
        "某某局2023年度部门整体支出绩效自评报告\n二、一般公共预算支出情况\n"
        "本年支出合计900.00万元，其中人员经费618.35万元，占支出合计的68.71%。"
    )
    assert ev.budget.expenditure.personnel == Decimal("618.35")
    assert ev.budget.expenditure.personnel_share is None


# ------------------------------------------------------------------------------------ numbers beyond bounds


@pytest.mark.parametrize(
    ("body", "field", "shown"),
    [
        ("全年预算数1元全年执行数100000000000000000000万元", "budget.executed", "全年执行数 100000000000000000000"),
        ("支出35948133849580805473243965925亿元", "budget.expenditure.total", "原文以亿元写出"),
    ],
)
@pytest.mark.parametrize("command", [["import", "-f", "json"], ["check"], ["score"], ["render", "--to", "md"]])
def test_a_figure_beyond_bounds_is_left_unread_and_every_command_says_so(
    tmp_path: Path, command: list[str], body: str, field: str, shown: str
) -> None:
    report = _report(tmp_path, "huge.txt", "二、一般公共预算支出情况\n" + body)
    extra = ["-o", str(tmp_path / "out")] if command[0] == "render" else []
    result = runner.invoke(app, [*command, *extra, str(report)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS)
    notes = [line for line in _lines(result.stderr) if line.startswith("注意")]
    assert len(notes) == 1
    assert f"{report}:4" in notes[0] and shown in notes[0] and "数值超出可处理的范围" in notes[0] and "未读取" in notes[0]
    if command[0] == "import":
        data = json.loads(result.stdout)
        assert value_at(data, field) is None
        assert [(u["field"], u["source"]["line"]) for u in data["unread"]] == [(field, 4)]


def test_a_count_beyond_bounds_leaves_its_whole_entry_unread_for_a_count_is_required() -> None:
    from jixiao.io.context import Context
    from jixiao.io.document import SourceDocument
    from jixiao.io.normalize import normalize_document
    from jixiao.io.outline import segment

    doc = SourceDocument.from_text("t.txt", "txt", "行政编制10人")
    lines = normalize_document(doc)
    ctx = Context(doc, lines, segment(lines))
    n = ctx.append("staffing.authorized_by_kind", {"kind": "行政", "count": 10**20}, 0)
    assert (n, ctx.get("staffing.authorized_by_kind")) == (0, [])
    assert ctx.cite(f"staffing.authorized_by_kind[{n}].count", 0) is None  # nothing there: no source either
    assert [u["field"] for u in ctx.unread] == ["staffing.authorized_by_kind[0].count"]


def test_writing_a_path_the_model_lacks_fails_where_it_is_written() -> None:
    from jixiao.io.context import Context
    from jixiao.io.document import SourceDocument
    from jixiao.io.normalize import normalize_document
    from jixiao.io.outline import segment

    doc = SourceDocument.from_text("t.txt", "txt", "人员经费10万元")
    lines = normalize_document(doc)
    ctx = Context(doc, lines, segment(lines))
    with pytest.raises(ValueError, match=r"budget\.expenditure\.personnel_ratio"):
        ctx.put("budget.expenditure.personnel_ratio", Decimal("83.32"), 0)
    with pytest.raises(ValueError, match=r"budget\.projects\[0\]\.cost"):
        ctx.append("budget.projects", {"name": "某项目", "cost": Decimal(1)}, 0)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("huge.yaml", "budget:\n  executed: 1e30\n", "budget.executed：数值超出可处理的范围"),
        ("tiny.yaml", "budget:\n  adjusted: 1e-999999\n", "budget.adjusted：数值超出可处理的范围"),
        ("huge.json", '{"budget": {"income": {"total": "1E+999999"}}}', "budget.income.total：数值超出可处理的范围"),
        ("staff.json", '{"staffing": {"actual_total": ' + "9" * 4301 + "}}", "staffing.actual_total：数值超出可处理的范围"),
        ("year.json", '{"fiscal_year": ' + "1" * 4301 + "}", "fiscal_year：应不大于 9999"),
        ("deep.json", '{"functions": ' + "[" * 1000 + "]" * 1000 + "}", "嵌套层次过深"),
        ("deeper.json", '{"a": ' * 100_000 + "1" + "}" * 100_000, "嵌套层次过深"),
        ("deep.yaml", "functions: " + "[" * 600 + "]" * 600 + "\n", "嵌套层次过深"),
        ("deep-block.yaml", "".join(f"{'  ' * k}a{k}:\n" for k in range(700)) + "  " * 700 + "x: 1\n", "嵌套层次过深"),
    ],
)
def test_a_canonical_file_out_of_bounds_or_nested_too_deep_is_refused_in_one_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == ExitCode.UNREADABLE, result.output
    (line,) = _lines(result.stderr)
    assert line.startswith(f"错误：{path}：") and message in line


def test_every_command_refuses_a_canonical_file_out_of_bounds_alike(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("budget:\n  executed: 1e30\n", encoding="utf-8")
    for command in (["check"], ["score"], ["render", "--to", "md", "-o", str(tmp_path)], ["fmt", "--check"]):
        result = runner.invoke(app, [*command, str(path)])
        assert result.exit_code == ExitCode.UNREADABLE, command
        assert _lines(result.stderr) == [
            f"错误：{path}：数据不符合模型：budget.executed：数值超出可处理的范围（整数部分不超过 15 位、小数部分不超过 20 位）"
        ]


def test_a_rulebook_with_a_weight_beyond_bounds_is_refused_naming_the_key(tmp_path: Path) -> None:
    text = (support.ROOT / "jixiao" / "scoring" / "rulebooks" / f"{DEFAULT_RULEBOOK}.yaml").read_text(encoding="utf-8")
    assert "    weight: 50\n" in text
    rulebook = tmp_path / "bureau.yaml"
    rulebook.write_text(text.replace("    weight: 50\n", "    weight: 1e30\n", 1), encoding="utf-8")
    result = runner.invoke(app, ["score", "--rulebook", str(rulebook), str(EXAMPLE)])
    assert result.exit_code == ExitCode.UNREADABLE
    assert "weights.level1[0].weight" in result.stderr and "数值超出可处理的范围" in result.stderr


def test_a_threshold_beyond_bounds_on_the_command_line_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "--over-threshold", "1e999999", str(EXAMPLE)])
    assert result.exit_code == ExitCode.USAGE
    assert "数值超出可处理的范围" in result.output


# ------------------------------------------------------------------------------------ the 自评表 in xlsx


@pytest.fixture(scope="module")
def form_bytes() -> bytes:
    """The example's 自评表 as jixiao writes it, with its hidden record of every cell it wrote."""
    evaluation = load_report(EXAMPLE)
    return scorecard_xlsx_bytes(evaluation, score(evaluation, load_rulebook(DEFAULT_RULEBOOK)))


def _edited(form_bytes: bytes, path: Path, edit: Callable[[Any], None]) -> Path:
    workbook = load_workbook(io.BytesIO(form_bytes))
    edit(workbook)
    workbook.save(path)
    return path


def _cell(workbook: Any, label: str) -> Any:
    """The cell of the 年度资金总额 row under the heading that starts with `label`."""
    sheet = workbook["自评表"]
    header = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(label))
    total = next(c for row in sheet.iter_rows() for c in row if c.value == "年度资金总额")
    return sheet.cell(row=total.row, column=header.column)


@pytest.mark.parametrize(
    ("label", "value", "field"),
    [
        ("全年预算数", 1e30, "budget.adjusted"),
        ("全年执行数", "1e999999", "budget.executed"),
        ("年初预算数", "1e-999999", "budget.initial"),
    ],
)
def test_an_xlsx_cell_beyond_bounds_is_refused_naming_its_field_and_cell(
    tmp_path: Path, form_bytes: bytes, label: str, value: object, field: str
) -> None:
    where: list[str] = []

    def edit(workbook: Any) -> None:
        cell = _cell(workbook, label)
        cell.value = value
        where.append(cell.coordinate)

    form = _edited(form_bytes, tmp_path / "form.xlsx", edit)
    result = runner.invoke(app, ["check", str(form)])
    assert result.exit_code == ExitCode.UNREADABLE, result.output
    assert _lines(result.stderr) == [
        f"错误：{form}：自评表中的内容无法导入（{field}，工作表“自评表”单元格 {where[0]}："
        "数值超出可处理的范围（整数部分不超过 15 位、小数部分不超过 20 位））：请检查该项的填写。"
    ]


def _project_form_in_yi(path: Path, total: object, fiscal: object) -> Path:
    """A 项目支出绩效自评表 a unit filled in itself, its funds in 亿元, with the given 全年执行数 in the
    年度资金总额 row and in the 当年财政拨款 row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["项目支出绩效自评表"],
        ["项目名称", "校园安全防护设施建设"],
        ["项目资金（亿元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 1, 1, total, 10, None, None],
        [None, "其中：当年财政拨款", 1, 1, fiscal, "—", None, "—"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        [None, "产出指标", "数量指标", "新增监控点位", "≥40个", "36个", 30, 27],
    ]:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("total", "fiscal", "field", "cell"),
    [("1e999999", 1, "budget.executed", "E4"), (1, "1e999999", "project.funds[0].executed", "E5")],
)
def test_an_amount_in_yi_yuan_beyond_bounds_is_refused_not_converted(
    tmp_path: Path, total: object, fiscal: object, field: str, cell: str
) -> None:
    # 10^999999 亿元 in 万元 overflows any decimal context: the amount is refused as written, never converted
    form = _project_form_in_yi(tmp_path / "project.xlsx", total, fiscal)
    result = runner.invoke(app, ["check", str(form)])
    assert result.exit_code == ExitCode.UNREADABLE, result.output
    assert _lines(result.stderr) == [
        f"错误：{form}：自评表中的内容无法导入（{field}，工作表“Sheet”单元格 {cell}："
        "数值超出可处理的范围（整数部分不超过 15 位、小数部分不超过 20 位））：请检查该项的填写。"
    ]


@pytest.mark.parametrize(
    ("heading", "text", "field"),
    [
        ("年度指标值", "≥99999999999999999999%", "performance.indicators[0].target.value"),
        ("实际完成值", "100000000000000000000000个", "performance.indicators[0].actual.value"),
    ],
)
def test_a_measure_in_an_xlsx_with_a_number_beyond_bounds_is_refused_naming_its_cell(
    tmp_path: Path, form_bytes: bytes, heading: str, text: str, field: str
) -> None:
    where: list[str] = []

    def edit(workbook: Any) -> None:
        sheet = workbook["自评表"]
        header = next(c for row in sheet.iter_rows() for c in row if c.value == heading)
        cell = sheet.cell(row=header.row + 1, column=header.column)  # the first indicator's
        cell.value = text
        where.append(cell.coordinate)

    form = _edited(form_bytes, tmp_path / "form.xlsx", edit)
    result = runner.invoke(app, ["import", str(form)])
    assert result.exit_code == ExitCode.UNREADABLE, result.output
    (line,) = _lines(result.stderr)
    assert f"（{field}，工作表“自评表”单元格 {where[0]}：数值超出可处理的范围" in line


# One wrong-shaped entry of the hidden record for each way it once failed: (the kind of field whose first
# entry is damaged, the column of the record damaged: 2 the field, 3 what the cell was given, 4 the
# evaluation's value; what is put there).
WRONG_SHAPES = [
    ("performance.targets", 4, "5"),  # a number where a list belongs (TypeError)
    ("performance.indicators[].actual", 4, "null"),  # nothing where an object belongs (TypeError)
    ("performance.indicators[].actual", 4, '{"a": 1}'),  # an object without its keys (KeyError)
    ("performance.indicators[].target", 4, "5"),  # a number where a measure belongs (ValidationError)
    ("performance.indicators[].actual", 4, '{"actual": 5, "not_applicable": false}'),  # (ValidationError)
    ("performance.indicators[].weight", 4, '"x"'),  # text where a number belongs (InvalidOperation)
    ("self_assessment.score", 3, "[1]"),  # a list where a number belongs (InvalidOperation)
    ("self_assessment.score", 4, "5"),  # a number where an object belongs (AttributeError)
    ("budget.executed", 4, "{"),  # not JSON at all
    ("budget.executed", 2, "budget.no_such_field"),  # a field jixiao never records
]
DAMAGED_NOTE = (
    "隐藏工作表“jixiao”中 jixiao 写入时的记录已损坏，已忽略：各单元格均按其现有内容读取"
    "（暂定的分值、计算的得分不再能与填写的区分）"
)


@pytest.mark.parametrize(("kind", "column", "bad"), WRONG_SHAPES)
def test_a_damaged_record_of_a_form_is_ignored_whole_and_the_form_read_as_it_stands(
    tmp_path: Path, form_bytes: bytes, kind: str, column: int, bad: str
) -> None:
    def damage(workbook: Any) -> None:
        sheet = workbook[META_SHEET]
        row = next(row for row in sheet.iter_rows(min_row=2) if path_shape(row[1].value) == kind)
        row[column - 1].value = bad

    def remove(workbook: Any) -> None:
        workbook.remove(workbook[META_SHEET])

    (tmp_path / "damaged").mkdir()
    (tmp_path / "bare").mkdir()
    damaged = _edited(form_bytes, tmp_path / "damaged" / "form.xlsx", damage)
    bare = _edited(form_bytes, tmp_path / "bare" / "form.xlsx", remove)
    result = runner.invoke(app, ["import", "-f", "json", str(damaged)])
    assert result.exit_code == ExitCode.OK, result.output
    assert _lines(result.stderr) == [f"注意：{damaged}：{DAMAGED_NOTE}"]
    as_read = json.loads(result.stdout)
    assert [(u["reason"], u["source"]["sheet"]) for u in as_read.pop("unread")] == [(DAMAGED_NOTE, META_SHEET)]
    without_record = json.loads(runner.invoke(app, ["import", "-f", "json", str(bare)]).stdout)
    assert without_record.pop("unread") == []
    for data in (as_read, without_record):
        data.pop("sources")  # the same cells, in files of two names
    assert as_read == without_record


def test_an_intact_record_still_reads_back_what_jixiao_wrote(tmp_path: Path, form_bytes: bytes) -> None:
    form = tmp_path / "form.xlsx"
    form.write_bytes(form_bytes)
    result = runner.invoke(app, ["import", "-f", "json", str(form)])
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    assert json.loads(result.stdout)["unread"] == []


# ------------------------------------------------------------------------------------ internal errors


def _failing_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make checking the file called `name` fail as a bug would; other files are checked as ever."""
    real = cli.run_checks

    def run_checks(evaluation: Evaluation, *args: Any, **kwargs: Any) -> Any:
        if any(source.file and source.file.endswith(name) for source in evaluation.sources.values()):
            raise ZeroDivisionError("a bug in a check")
        return real(evaluation, *args, **kwargs)

    monkeypatch.setattr(cli, "run_checks", run_checks)


def test_an_internal_error_is_one_chinese_line_naming_the_file_and_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: Path
) -> None:
    bad = _report(tmp_path, "bad.txt", "单位全称：某某局")
    _failing_on("bad.txt", monkeypatch)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == ExitCode.INTERNAL
    (line,) = _lines(result.stderr)
    logs = list(logs.iterdir())
    assert len(logs) == 1
    assert line == (
        f"错误：{bad}：程序内部错误（ZeroDivisionError），未能完成。错误详情已写入 {logs[0]}，请将该文件发给维护人员。"
    )
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ZeroDivisionError: a bug in a check" in log
    assert f"file: {bad}" in log


def test_the_other_files_of_the_run_go_on_and_the_exit_code_is_the_worst(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _report(tmp_path, "bad.txt", "单位全称：某某局")
    missing = tmp_path / "missing.txt"
    _failing_on("bad.txt", monkeypatch)
    result = runner.invoke(app, ["check", "-f", "json", str(bad), str(missing), str(EXAMPLE)])
    assert result.exit_code == ExitCode.INTERNAL
    assert [entry["file"] for entry in json.loads(result.stdout)] == [str(EXAMPLE)]
    # check reads every file before it checks any (a unit's files are checked together): the unreadable one first
    errors = _lines(result.stderr)
    assert len(errors) == 2 and str(missing) in errors[0] and f"{bad}：程序内部错误" in errors[1]
    only_unreadable = runner.invoke(app, ["check", str(missing), str(EXAMPLE)])
    assert only_unreadable.exit_code == ExitCode.UNREADABLE  # worse than the example's error findings


def test_every_command_handles_an_internal_error_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "score", broken)
    monkeypatch.setattr(cli.canonical, "dumps_yaml", broken)
    for command in (["score"], ["render", "--to", "md", "-o", str(tmp_path)], ["import"]):
        result = runner.invoke(app, [*command, str(EXAMPLE)])
        assert result.exit_code == ExitCode.INTERNAL, command
        assert _lines(result.stderr)[-1].startswith(f"错误：{EXAMPLE}：程序内部错误（KeyError）"), command
    canonical_file = tmp_path / "a.yaml"
    canonical_file.write_text("fiscal_year: 2023\n", encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(canonical_file)])
    assert result.exit_code == ExitCode.INTERNAL
    assert _lines(result.stderr)[0].startswith(f"错误：{canonical_file}：程序内部错误（KeyError）")


def test_a_failure_outside_any_file_is_caught_around_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug after every file")

    monkeypatch.setattr(cli, "_print_json", broken)
    result = runner.invoke(app, ["check", "-f", "json", str(EXAMPLE)])
    assert result.exit_code == ExitCode.INTERNAL
    (line,) = _lines(result.stderr)
    assert line.startswith("错误：程序内部错误（RuntimeError），未能完成。错误详情已写入 ")


def test_the_log_goes_to_the_state_directory_when_the_configured_one_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_LOG_DIR", str(blocker / "logs"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    bad = _report(tmp_path, "bad.txt", "单位全称：某某局")
    _failing_on("bad.txt", monkeypatch)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == ExitCode.INTERNAL
    (log,) = (tmp_path / "state" / "jixiao").iterdir()
    assert f"已写入 {log}" in result.stderr


def test_a_log_that_cannot_be_written_anywhere_is_said_in_the_same_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for variable in ("JIXIAO_LOG_DIR", "XDG_STATE_HOME", "HOME"):
        monkeypatch.setenv(variable, str(blocker / variable))
    monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))
    bad = _report(tmp_path, "bad.txt", "单位全称：某某局")
    _failing_on("bad.txt", monkeypatch)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == ExitCode.INTERNAL
    assert _lines(result.stderr) == [
        f"错误：{bad}：程序内部错误（ZeroDivisionError），未能完成。错误详情无法写入日志：没有可写的日志目录。"
    ]


# ------------------------------------------------------------------------------------ as a user sees it


def test_a_user_sees_no_traceback_from_the_reports_that_once_crashed(tmp_path: Path) -> None:
    personnel = _report(tmp_path, "personnel.txt", PERSONNEL)
    huge = _report(tmp_path, "huge.txt", "二、一般公共预算支出情况\n支出35948133849580805473243965925亿元")
    deep = tmp_path / "deep.json"
    deep.write_text('{"functions": ' + "[" * 1000 + "]" * 1000 + "}", encoding="utf-8")
    result = jixiao("check", personnel, huge, deep)
    assert result.returncode == ExitCode.UNREADABLE
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert len(_lines(result.stderr)) == 2  # the note on the figure left unread and the refusal


def test_python_dash_m_jixiao_works_as_the_jixiao_command(tmp_path: Path) -> None:
    as_module = jixiao_module("check", "-f", "json", EXAMPLE)
    as_script = jixiao("check", "-f", "json", EXAMPLE)
    assert as_module.returncode == as_script.returncode == ExitCode.OK
    assert as_module.stdout == as_script.stdout
    help_text = jixiao_module("--help")
    assert help_text.returncode == 0
    assert "Usage: jixiao" in help_text.stdout and "4 程序内部错误" in help_text.stdout


def jixiao_module(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )
