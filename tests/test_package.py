"""A unit's package: its 部门整体 self-evaluation checked together with its projects' 项目支出 self-evaluations.

Tiny department reports beside our example project evaluation (青山县第一中学's 义务教育生均公用经费: budget
48.96, executed 48.47): the projects' spending against the department's 项目支出, every project the department
lists with its self-evaluation, and the same figures in both; `jixiao check` given the files, or their folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.checks import Settings, run_checks
from jixiao.cli import app
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from tests.support import ROOT, import_text

PROJECT = ROOT / "examples" / "qingshan_yizhong_shengjun_2024.txt"
RULES = ["package-project-spending", "package-project-without-evaluation", "package-project-figures"]


def department(projects: str, total: str = "48.47") -> Evaluation:
    return import_text(
        "青山县第一中学2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门职能\n实施初中义务教育。\n"
        "二、一般公共预算支出情况\n（一）基本支出情况\n"
        f"2024年度共发生支出{float(total) + 560:.2f}万元，其中：基本支出560.00万元；项目支出{total}万元。\n"
        "（二）项目支出情况\n" + projects,
        "dept.txt",
    )


LISTED = "（1）义务教育生均公用经费：预算48.96万元，实际支出48.47万元，执行率99.00%。\n"


def checked(dept: Evaluation) -> dict[str, list[object]]:
    report = run_checks(dept, Settings(package=(load_report(PROJECT),)), rules=RULES)
    return {rule: [f for f in report.findings if f.rule == rule] for rule in RULES} | {"outcomes": [report.outcomes]}


def test_a_department_and_the_evaluation_of_its_only_project_agree() -> None:
    found = checked(department(LISTED))
    assert found["outcomes"] == [dict.fromkeys(RULES, "pass")]


def test_alone_a_department_s_evaluation_is_not_held_against_any_project() -> None:
    report = run_checks(department(LISTED), rules=RULES)
    assert set(report.outcomes.values()) == {"not_applicable"}


def test_a_project_the_department_lists_without_its_evaluation_is_a_warning() -> None:
    dept = department(LISTED + "（2）校园安全防护设施建设：预算12.00万元，实际支出12.00万元，执行率100.00%。\n", "60.47")
    [missing] = checked(dept)["package-project-without-evaluation"]
    assert missing.severity == "warning" and "校园安全防护设施建设" in missing.message
    [short] = checked(dept)["package-project-spending"]
    assert short.severity == "warning" and short.evidence["difference"] == "12.00"


def test_projects_spending_more_than_the_department_s_project_spending_is_an_error() -> None:
    [finding] = checked(department(LISTED, "40.00"))["package-project-spending"]
    assert finding.severity == "error" and finding.evidence["computed"] == "48.47"


def test_a_project_stated_otherwise_in_the_department_s_report_is_an_error_with_both_figures() -> None:
    dept = department("（1）生均公用经费项目：预算48.96万元，实际支出47.47万元，执行率96.96%。\n")
    [finding] = checked(dept)["package-project-figures"]
    assert finding.severity == "error"
    assert "实际支出 47.47万元" in finding.message and "全年执行数 48.47万元" in finding.message
    assert finding.evidence["difference"] == "-1.00"


def test_check_given_a_unit_s_folder_checks_its_files_together(tmp_path: Path) -> None:
    (tmp_path / "dept.txt").write_text(
        "青山县第一中学2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门职能\n实施初中义务教育。\n"
        "二、一般公共预算支出情况\n（一）基本支出情况\n2024年度共发生支出620.47万元，其中：基本支出560.00万元；项目支出60.47万元。\n"
        "（二）项目支出情况\n" + LISTED + "（2）校园安全防护设施建设：预算12.00万元，实际支出12.00万元，执行率100.00%。\n",
        encoding="utf-8",
    )
    (tmp_path / "project.txt").write_text(PROJECT.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "-f", "json", str(tmp_path)])
    assert result.exit_code == 0
    assert "一并核对" in result.stderr
    by_file = {Path(entry["file"]).name: entry for entry in json.loads(result.stdout)}
    assert by_file["dept.txt"]["outcomes"]["package-project-without-evaluation"] == "fail"
    assert by_file["project.txt"]["outcomes"]["package-project-spending"] == "not_applicable"


def test_two_departments_given_together_are_checked_each_alone(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("某局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n无。\n", encoding="utf-8")
    (tmp_path / "project.txt").write_text(PROJECT.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert "一并核对" not in result.stderr
