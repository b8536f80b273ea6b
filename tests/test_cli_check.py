"""`jixiao check`: compiler-style text grouped by section, JSON per DESIGN.md, --explain, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from tests import support

runner = CliRunner()

CONSISTENT = """青山县测试局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设2个股室：办公室、业务股。
二、一般公共预算支出情况
2023年度收入合计100.00万元，其中：财政拨款收入100.00万元，占100%。
2023年度支出合计100.00万元，其中：基本支出60.00万元，占60%；项目支出40.00万元，占40%。
"""

WRONG_SUM = CONSISTENT.replace("项目支出40.00万元，占40%", "项目支出45.00万元，占40%")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.output


def test_a_report_whose_sums_hold_exits_0_and_says_so(tmp_path: Path) -> None:
    code, output = _run(str(_write(tmp_path, "ok.txt", CONSISTENT)), "--format", "json")
    report = json.loads(output)
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    assert code == 0
    assert report["outcomes"]["expenditure-total"] == "pass"


def test_a_sum_that_does_not_add_up_exits_1_with_a_located_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "wrong.txt", WRONG_SUM)
    code, output = _run(str(path))
    assert code == 1
    line = next(line for line in output.splitlines() if "expenditure-total" in line)
    # file:line: 严重程度 规则 消息, with both sides and the difference
    assert line.startswith(f"{path}:6: 错误 expenditure-total 支出合计 100.00万元")
    assert "105.00万元" in line and "少 5.00万元" in line
    assert "【二、一般公共预算支出情况】" in output
    assert output.rstrip().splitlines()[-1].startswith("共发现")


def test_json_output_has_file_findings_and_outcomes(tmp_path: Path) -> None:
    path = _write(tmp_path, "wrong.txt", WRONG_SUM)
    code, output = _run(str(path), "-f", "json")
    report = json.loads(output)
    assert code == 1
    assert set(report) == {"file", "findings", "outcomes"}
    finding = next(f for f in report["findings"] if f["rule"] == "expenditure-total")
    assert finding["category"] == "arithmetic" and finding["severity"] == "error"
    assert finding["location"]["field"] == "budget.expenditure.total"
    assert finding["location"]["line"] == 6
    assert finding["evidence"]["stated"] == "100.00" and finding["evidence"]["computed"] == "105.00"
    assert report["outcomes"]["expenditure-total"] == "fail"


def test_several_files_give_a_json_array(tmp_path: Path) -> None:
    a, b = _write(tmp_path, "a.txt", CONSISTENT), _write(tmp_path, "b.txt", WRONG_SUM)
    _, output = _run(str(a), str(b), "-f", "json")
    assert [r["file"] for r in json.loads(output)] == [str(a), str(b)]


def test_canonical_yaml_is_checked_like_a_report(tmp_path: Path) -> None:
    imported = runner.invoke(app, ["import", str(_write(tmp_path, "wrong.txt", WRONG_SUM)), "-o", str(tmp_path / "out")])
    assert imported.exit_code == 0
    code, output = _run(str(tmp_path / "out" / "wrong.yaml"), "-f", "json")
    assert code == 1
    assert any(f["rule"] == "expenditure-total" for f in json.loads(output)["findings"])


def test_explain_prints_the_rule_in_chinese() -> None:
    code, output = _run("--explain", "income-total")
    assert code == 0
    assert "收入合计" in output and "arithmetic" in output


def test_an_unknown_rule_is_a_usage_error() -> None:
    code, output = _run("--explain", "no-such-rule")
    assert code == 2
    assert "没有名为 no-such-rule 的规则" in output


def test_no_file_is_a_usage_error() -> None:
    code, _ = _run()
    assert code == 2


def test_an_unreadable_file_exits_3_with_one_chinese_sentence(tmp_path: Path) -> None:
    code, output = _run(str(_write(tmp_path, "empty.txt", "")))
    assert code == 3
    assert "文件为空" in output and "Traceback" not in output


def test_a_yaml_whose_year_is_no_calendar_year_exits_3_naming_the_field(tmp_path: Path) -> None:
    # the date checks build the year's 31 December: a year 0 must stop at reading, not crash a check
    code, output = _run(str(_write(tmp_path, "bad.yaml", "fiscal_year: 0\nreport_date: 2024-03-01\n")))
    assert code == 3
    assert "fiscal_year" in output and "Traceback" not in output


def test_the_seed_is_checked_with_located_findings() -> None:
    code, output = _run(str(support.seed_path()), "-f", "json")
    report = json.loads(output)
    assert code in (0, 1)
    assets = next(f for f in report["findings"] if f["rule"] == "assets-total")
    assert assets["location"]["line"] == 62
    assert assets["evidence"]["total"] == "52.90" and assets["evidence"]["computed"] == "36.00"


def test_the_demo_imports_and_checks_the_example_and_the_seed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0  # the demo shows findings; only an unreadable file fails it
    assert "检查结果" in result.output and "暂评（hunan-2023）" in result.output
    # the example project evaluation, scored by the national project rules
    assert "项目支出绩效自评：义务教育生均公用经费" in result.output and "评分（mof-2020-project）" in result.output
    seed = support.seed_path().stem
    for stem in ("qingshan_nongye_2024", "qingshan_yizhong_shengjun_2024", seed):
        for suffix in (".yaml", ".json", ".check.txt", ".自评表.xlsx", ".docx", ".pdf", ".html"):
            assert (tmp_path / f"{stem}{suffix}").exists(), f"{stem}{suffix}"
    checked = (tmp_path / f"{seed}.check.txt").read_text(encoding="utf-8")
    assert "heading-numbering" in checked and checked.rstrip().splitlines()[-1].startswith("共发现")


def test_a_figure_that_could_not_be_read_is_a_located_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "unread.txt", CONSISTENT.replace("收入合计100.00万元", "收入合计1,00.00万元"))
    code, output = _run(str(path))
    line = next(line for line in output.splitlines() if "figure-unread" in line)
    assert line.startswith(f"{path}:5: 警告 figure-unread “1,00.00万元”未能读取")
    assert code == 0  # a warning: the run is done, with nothing wrong it could prove


def test_import_as_text_lists_the_figures_it_could_not_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "unread.txt", CONSISTENT.replace("收入合计100.00万元", "收入合计200-300万元"))
    result = runner.invoke(app, ["import", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert "收入合计：—" in result.output
    assert "未能读取的数字：1 处" in result.output
    assert "第 5 行“200-300万元”：金额写作区间" in result.output
