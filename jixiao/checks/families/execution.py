"""Budget execution: the rate computed from what the report states, and what the text says of it.

预算执行率 = 全年执行数 ÷ 全年预算数 × 100. A 部门整体 report states the 全年预算数 (调整后预算数) and the
全年执行数 in its performance part; where it gives no 全年执行数 its 支出合计 (the 决算 spending) stands for
it. A 项目支出 report states the funds made available (资金总额, 下达, 调整后预算数: `budget.adjusted`, else
`budget.income.total`) and the amount executed (`budget.executed`, else `budget.expenditure.total`).

A rate the report states (the year's 预算执行率, each project's 执行率) is recomputed from these figures.

A figure the rate needs that is not stated makes the rate insufficient data, never a pass: a blank is not
zero. A 部门整体 report cut off before its performance part is not looked at (it may state the figures
later); a project report is looked at as soon as it states its funds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from jixiao.checks.labels import pct, wan
from jixiao.checks.registry import Look, rule
from jixiao.checks.relations import ratio_relation
from jixiao.checks.text import heading_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation, Section
from jixiao.core.money import round_half_up

HUNDRED = Decimal(100)
# below this rate a report is expected to explain why (the common 自评表 instruction: 未达到90%的需说明原因)
LOW_EXECUTION = Decimal(90)

PROJECT_KIND = "项目支出"
# "存在的问题" answered with nothing: 无 / 暂无 / 暂无问题 / 未发现问题 …
_NONE = re.compile(r"^\s*(?:无|暂无|没有|未发现|暂未发现)(?:明显)?(?:问题|存在的问题)?[。.；;！!]?\s*$")


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build, and one is built per run
class Execution:
    """The two figures of the rate, each with its field path and the name a reader knows it by, and the rate
    (None when either figure is missing or the budget is 0)."""

    executed: Decimal | None
    executed_at: str
    executed_name: str
    budget: Decimal | None
    budget_at: str
    budget_name: str
    rate: Decimal | None


def _execution(ev: Evaluation) -> Execution | None:
    """The figures of the overall rate, or None when the report does not come to its budget at all."""
    b = ev.budget
    if (
        b.adjusted is None
        and b.executed is None
        and b.expenditure.total is None
        and b.income.total is None
        and b.initial is None
    ):
        return None  # none of the figures is stated (most reports): nothing more to look at
    project = ev.kind == PROJECT_KIND
    executed: Decimal | None
    budget: Decimal | None
    if b.executed is not None:
        executed, executed_at, executed_name = b.executed, "budget.executed", "全年执行数"
    else:
        executed, executed_at, executed_name = b.expenditure.total, "budget.expenditure.total", "支出合计"
    if b.adjusted is not None or not project:
        budget, budget_at, budget_name = b.adjusted, "budget.adjusted", "全年预算数（调整后预算数）"
    else:
        budget, budget_at, budget_name = b.income.total, "budget.income.total", "项目资金总额"
    if project:
        stated = budget is not None or executed is not None or b.initial is not None
    else:
        stated = b.adjusted is not None or b.executed is not None
        if not stated and executed is not None:  # the 支出合计 alone, once the performance part is reached
            for section in ev.outline.sections:
                if section.key == "performance":
                    stated = True
                    break
    if not stated:
        return None
    if project and b.executed is None:
        executed_name = "执行数（实际支出）"
    rate = None
    if executed is not None and budget is not None and budget != 0:
        rate = round_half_up(executed * HUNDRED / budget)
    return Execution(executed, executed_at, executed_name, budget, budget_at, budget_name, rate)


def _where_stated(ev: Evaluation, at: str) -> dict[str, Any]:
    """For a figure that is not stated: the heading of the part where it belongs (the performance part)."""
    if at in ev.sources:
        return {}
    section = next((s for s in ev.outline.sections if s.key == "performance"), None)
    if section is None:
        return {}
    return {"line": section.line, "section": heading_text(section)}


_FIGURES = "execution.figures"
# the rate's figures of a report that states neither: what a stated rate would be computed from
_UNSTATED = Execution(None, "budget.executed", "全年执行数", None, "budget.adjusted", "全年预算数", None)


def execution(look: Look) -> Execution | None:
    """The figures of the overall rate, worked out once per run."""
    return cast("Execution | None", look.once(_FIGURES, _execution, look.ev))


@rule("budget-execution-rate", "execution", "warning", "预算执行率无法计算或超过100%")
def check_budget_execution_rate(ev: Evaluation, look: Look) -> CheckResult:
    """预算执行率 = 全年执行数 ÷ 全年预算数（调整后预算数）× 100%。报告应写明这两个数；缺任何一个，
    执行率就无从计算，给出警告并指出缺的是哪一个（空着不等于 0）。

    执行数超过全年预算数（执行率超过 100%）通常不应出现：请核对两数，或说明超出部分的资金来源
    （如上年结转）。各项目的实际支出超过其预算的，同样提示。项目支出报告以下达的资金总额为预算数。"""
    figures = execution(look)
    if figures is not None:
        if figures.budget is None or figures.executed is None:
            # what is missing (the budget first), and the one figure stated, if any
            if figures.budget is None and figures.executed is None:
                names = f"{figures.budget_name}和{figures.executed_name}"
                missing, known = f"{figures.budget_at}、{figures.executed_at}", ""
            elif figures.budget is None:
                assert figures.executed is not None
                names, missing = figures.budget_name, figures.budget_at
                known = f"；报告写了{figures.executed_name} {wan(figures.executed)}"
            else:
                names, missing = figures.executed_name, figures.executed_at
                known = f"；报告写了{figures.budget_name} {wan(figures.budget)}"
            at = figures.budget_at if figures.budget is None else figures.executed_at
            look.insufficient(
                f"报告没有写明{names}，无法计算预算执行率（全年执行数 ÷ 全年预算数）{known}。请补充{names}。",
                at=at,
                evidence={"missing": missing, "budget": figures.budget, "executed": figures.executed},
                **_where_stated(ev, at),
            )
        elif figures.rate is None:
            look.insufficient(f"{figures.budget_name}为 0，无法计算预算执行率。", at=figures.budget_at)
        elif figures.rate > HUNDRED:
            assert figures.executed is not None and figures.budget is not None
            excess = figures.executed - figures.budget
            look.fail(
                f"{figures.executed_name} {wan(figures.executed)} 超过{figures.budget_name} {wan(figures.budget)}，"
                f"执行率 {pct(figures.rate)}，多出 {wan(excess)}。请核对两数，或说明超出部分的资金来源。",
                at=figures.executed_at,
                evidence={
                    "executed": figures.executed,
                    "budget": figures.budget,
                    "rate": figures.rate,
                    "excess": excess,
                },
            )
        else:
            look.passed()
    for i, project in enumerate(ev.budget.projects):
        if project.budget is None or project.spent is None or project.budget == 0:
            continue
        if project.spent <= project.budget:
            look.passed()
            continue
        excess = project.spent - project.budget
        rate = round_half_up(project.spent * HUNDRED / project.budget)
        look.fail(
            f"项目“{project.name}”实际支出 {wan(project.spent)} 超过预算 {wan(project.budget)}，"
            f"执行率 {pct(rate)}，多出 {wan(excess)}。请核对，或说明超出部分的资金来源。",
            at=f"budget.projects[{i}].spent",
            evidence={"spent": project.spent, "budget": project.budget, "rate": rate, "excess": excess},
        )
    return look.result()


@rule("project-execution-rate", "execution", "error", "项目执行率与实际支出÷预算不符")
def check_project_execution_rate(ev: Evaluation, look: Look) -> CheckResult:
    """各项目所写执行率应等于 实际支出 ÷ 预算 × 100%。相差在四舍五入容差以内只作提示；
    预算或实际支出未写出时无法复核。"""
    for i, project in enumerate(ev.budget.projects):
        stated = project.execution_rate
        if stated is None:
            continue
        ratio_relation(
            look,
            f"budget.projects[{i}].execution_rate",
            ("实际支出", project.spent),
            ("预算", project.budget),
            what=f"项目“{project.name}”执行率",
            stated=stated,
        )
    return look.result()


@rule("execution-rate-stated", "execution", "error", "所写预算执行率与执行数÷预算数不符")
def check_execution_rate_stated(ev: Evaluation, look: Look) -> CheckResult:
    """报告所写的预算执行率应等于 全年执行数 ÷ 全年预算数（调整后预算数）× 100%；项目报告为 执行数 ÷ 项目
    资金总额。没写全年执行数的部门整体报告以支出合计代替。相差在四舍五入容差以内只作提示；
    两个数缺一个时无法复核（空着不等于 0）。"""
    stated = ev.budget.execution_rate
    if stated is None:
        return look.result()
    figures = execution(look) or _UNSTATED
    ratio_relation(
        look,
        "budget.execution_rate",
        (figures.executed_at, figures.executed),
        (figures.budget_at, figures.budget),
        what="预算执行率",
        stated=stated,
    )
    return look.result()



def problems_say_none(ev: Evaluation) -> tuple[bool | None, Section | None]:
    """True when the 存在的问题 part answers with nothing (无, 暂无问题 …); False when it names problems;
    None when the report has no such part (or it was cut off). With the section, where there is one."""
    section = next((s for s in ev.outline.sections if s.key == "problems"), None)
    if any(not _NONE.match(p) for p in ev.problems):
        return False, section
    if ev.problems:
        return True, section
    if section is not None and section.text and not section.text.isspace():
        return _NONE.match(section.text) is not None, section
    return None, section


@rule("execution-low-unexplained", "execution", "warning", "预算执行率偏低却称没有问题")
def check_execution_low_unexplained(ev: Evaluation, look: Look) -> CheckResult:
    """预算执行率低于 90% 时，报告应说明原因（多数自评表都这样要求）。执行率偏低而“存在的问题”
    写“无”“暂无问题”，说法与数字不符，给出警告；报告没有“存在的问题”部分（或在此之前截断）时只作提示。"""
    figures = execution(look)
    rate = figures.rate if figures is not None else None
    if figures is None or rate is None or figures.executed is None or figures.budget is None:
        return look.result()
    if rate >= LOW_EXECUTION:
        look.passed()
        return look.result()
    evidence = {
        "rate": rate,
        "executed": figures.executed,
        "budget": figures.budget,
        "threshold": LOW_EXECUTION,
    }
    told = (
        f"预算执行率 {pct(rate)}（{figures.executed_name} {wan(figures.executed)} ÷ {figures.budget_name} "
        f"{wan(figures.budget)}），低于 {pct(LOW_EXECUTION)}"
    )
    answer, section = problems_say_none(ev)
    if answer is True:
        look.fail(
            f"{told}，而“存在的问题”写的是没有问题。请说明执行率偏低的原因。",
            at="problems",
            evidence=evidence,
            line=(section.lines[0] if section.lines else section.line) if section is not None else None,
            section=heading_text(section) if section is not None else None,
            text=section.text.strip() if section is not None else None,
        )
    elif answer is None:
        look.info(f"{told}；报告中没有“存在的问题”部分说明原因。", at=figures.executed_at, evidence=evidence)
    else:
        look.passed()
    return look.result()
