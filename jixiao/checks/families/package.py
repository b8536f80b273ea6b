"""A unit's package: its 部门整体 self-evaluation checked together with the 项目支出 self-evaluations of its projects.

The department's report lists its projects (budget.projects: name, budget, spending) and states its 项目支出;
each project's evaluation states its 全年预算数 and 全年执行数. Checked together (`Settings.package`, given by
`jixiao check DEPT PROJECT…` or a folder), the projects' spending should not exceed the department's 项目支出,
every project the department names should have its self-evaluation (财政部: self-evaluation covers every
project), and a project's figures should be the same in both.

The rules look at a 部门整体 evaluation whose package holds project evaluations; alone, they do not apply.
"""

from __future__ import annotations

import re

from jixiao.checks.labels import gap, wan
from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import sum_relation
from jixiao.checks.tolerance import compare_equal
from jixiao.core.findings import CheckResult
from jixiao.core.model import DEPARTMENT, PROJECT, Evaluation, Project

_NOISE = re.compile(r"[\s“”\"'‘’（）()《》]|项目|资金|经费|专项|(?:19|20)\d{2}年度?")


def _projects(ev: Evaluation, look: Look) -> list[Evaluation]:
    """The project evaluations checked with this department's, or none when this is not a department's."""
    if ev.kind != DEPARTMENT:
        return []
    return [other for other in look.settings.package if other.kind == PROJECT and other is not ev]


def _key(name: str | None) -> str:
    """A project's name without the words reports add or drop (项目, 资金, 经费, the year, brackets)."""
    return _NOISE.sub("", name or "")


def _match(listed: Project, projects: list[Evaluation]) -> Evaluation | None:
    """The project evaluation of a project the department lists: the same name, or one holding the other."""
    key = _key(listed.name)
    if len(key) < 2:
        return None
    for project in projects:
        other = _key(project.project.name)
        if other and (other == key or (len(other) >= 4 and (other in key or key in other))):
            return project
    return None


def _name(project: Evaluation) -> str:
    return project.project.name or project.title or "（未写项目名称）"


@rule("package-project-spending", "cross_check", "error", "各项目自评的执行数之和与部门项目支出不符")
def check_package_project_spending(ev: Evaluation, look: Look) -> CheckResult:
    """部门整体自评与其项目的项目支出绩效自评一并核对时，各项目自评所写全年执行数之和不应超过部门所写的项目支出；
    少于项目支出的，可能有项目没有做自评（或没有一并提交），给出警告。"""
    projects = _projects(ev, look)
    if not projects:
        return look.result()
    parts = [(_name(project), project.budget.executed) for project in projects]
    sum_relation(look, "budget.expenditure.project", parts, what="部门所写项目支出（与各项目自评的全年执行数之和相比）", open_list=True)
    return look.result()


@rule("package-project-without-evaluation", "cross_check", "warning", "部门报告所列项目没有项目支出自评")
def check_package_project_without_evaluation(ev: Evaluation, look: Look) -> CheckResult:
    """项目支出绩效自评应覆盖单位的全部项目。部门整体报告列出的项目，在一并提交的项目支出自评中找不到（按项目名称，
    忽略“项目”“资金”“经费”、年度和括号）的，给出警告；项目自评所写的项目在部门报告中没有列出的，只作提示。"""
    projects = _projects(ev, look)
    if not projects:
        return look.result()
    found: set[int] = set()
    for i, listed in enumerate(ev.budget.projects):
        match = _match(listed, projects)
        if match is not None:
            found.add(id(match))
            look.passed()
            continue
        names = "、".join(f"“{_name(p)}”" for p in projects)
        look.fail(
            f"部门整体报告列出的项目“{listed.name}”，在一并提交的项目支出绩效自评（{names}）中没有找到。"
            "请补交该项目的自评，或核对项目名称。",
            at=f"budget.projects[{i}]",
            evidence={"project": listed.name, "evaluations": len(projects)},
        )
    for project in projects:
        if id(project) not in found and ev.budget.projects:
            look.info(
                f"项目支出绩效自评“{_name(project)}”所评的项目，部门整体报告没有列出。",
                at="budget.projects",
                evidence={"project": _name(project)},
            )
    return look.result()


@rule("package-project-figures", "cross_check", "error", "部门报告与项目自评所写的项目金额不一致")
def check_package_project_figures(ev: Evaluation, look: Look) -> CheckResult:
    """同一个项目，部门整体报告所写的预算、实际支出，应与该项目的项目支出绩效自评所写的全年预算数、全年执行数相同。
    不同的给出错误，写明两边的数和差额；只差四舍五入的只作提示。"""
    projects = _projects(ev, look)
    if not projects:
        return look.result()
    for i, listed in enumerate(ev.budget.projects):
        match = _match(listed, projects)
        if match is None:
            continue
        for field, words, theirs, their_words in (
            ("budget", "预算", match.budget.adjusted, "全年预算数"),
            ("spent", "实际支出", match.budget.executed, "全年执行数"),
        ):
            ours = getattr(listed, field)
            if ours is None or theirs is None:
                continue
            comparison = compare_equal(ours, theirs)
            evidence = {"project": listed.name, "department": ours, "evaluation": theirs, "difference": comparison.difference}
            told = (
                f"项目“{listed.name}”：部门整体报告写{words} {wan(ours)}，项目自评“{_name(match)}”写{their_words} {wan(theirs)}，"
                f"前者比后者{gap(comparison.difference)}"
            )
            if comparison.verdict == "equal":
                look.passed()
            elif comparison.verdict == "rounding":
                look.info(f"{told}，在四舍五入容差以内。", at=f"budget.projects[{i}].{field}", evidence=evidence)
            else:
                look.fail(f"{told}。两处应是同一个数，请核对。", at=f"budget.projects[{i}].{field}", evidence=evidence)
    return look.result()
