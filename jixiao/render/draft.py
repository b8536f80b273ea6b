"""Draft the report from the data: the Hunan ten-section outline as a `Document` every renderer lays out.

Sentences that state figures (sections 二 to 六) are written here from the evaluation, in the register of
such reports; shares and rates are computed from the amounts (`jixiao.core.money.percent`), never taken
from the stored shares. A part that is `None` is left out of its sentence, never written as 0; a whole
section whose data is unknown gets a note saying the report does not state it. Narrative fields
(functions, tasks, problems, measures, how results are used, other matters) are the unit's own text.

The sentence forms are the ones `jixiao.io` reads back (the seed's and our example's own forms), so that
importing a rendered report gives back the figures it was drafted from; a test holds the two together.
Tables repeat the breakdowns for the reader; their headers are chosen so the importer never reads a
figure twice (it reads figures from the sentences only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from jixiao.core.model import PROJECT, ClassAmount, Evaluation, Indicator, OtherBudget
from jixiao.core.money import percent
from jixiao.io.normalize import narrow
from jixiao.io.numerals import CIRCLED
from jixiao.io.outline import parse_heading
from jixiao.io.scorecard_form import (
    ACHIEVEMENTS_LABEL,
    BUDGET_HEADINGS,
    BUDGET_ROW_LABEL,
    FORM_TITLE,
    INDICATOR_HEADINGS,
    NOT_APPLICABLE,
    SELF_GRADE_LABEL,
    TARGETS_LABEL,
    TOTAL_LABEL,
)
from jixiao.render.document import Block, Cover, Document, Heading, Paragraph, Table
from jixiao.scoring.scorecard import Scorecard

NOT_STATED = "报告未说明"
TO_FILL = "（本部分内容待单位填写。）"
DEVIATION_HEADING = "偏差原因分析及措施"


# ---------------------------------------------------------------------------------------------- words


def amount(value: Decimal) -> str:
    """An amount in 万元 at its written precision ("239.67", "0"), never in exponent form."""
    return format(value, "f")


def share_text(part: Decimal, whole: Decimal | None, stated: Decimal | None = None) -> str | None:
    """ "97.29%", computed from the whole; without a whole, the share the report states (kept as written, as
    nothing it says is dropped); None when there is neither."""
    value = percent(part, whole) if whole is not None else None
    if value is None:
        value = stated
    return None if value is None else f"{amount(value)}%"


def widen(text: str) -> str:
    """ASCII punctuation in Chinese text back to full width: the importer narrows it, a reader expects it.

    A comma or colon between two digits ("1,234", "12:30") stays as it is.
    """
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = text.replace(";", "；").replace("?", "？").replace("!", "！")
    return text.replace("(", "（").replace(")", "）")


def _class_label(name: str) -> str:
    """A 功能分类 类 as reports write it: "农林水（类）支出" (read back as "农林水支出")."""
    if name.endswith("支出") and len(name) > 2:
        return f"{name[:-2]}（类）支出"
    return f"{name}（类）"


def _parts(
    items: Iterable[tuple[str, Decimal | None] | tuple[str, Decimal | None, Decimal | None]],
    whole: Decimal | None,
    of: str = "",
) -> list[str]:
    """ "财政拨款收入1736.58万元，占97.29%" for every part that is stated; a third item is the share stated."""
    out = []
    for label, value, *stated in items:
        if value is None:
            continue
        text = f"{label}{amount(value)}万元"
        share = share_text(value, whole, stated[0] if stated else None)
        if share is not None:
            text += f"，占{of}{share}"
        out.append(text)
    return out


def _sentence(head: str, parts: list[str]) -> str:
    return head + ("，其中：" + "；".join(parts) if parts else "") + "。"


# ---------------------------------------------------------------------------------------------- the drafter


class Drafter:
    def __init__(self, ev: Evaluation) -> None:
        self.ev = ev
        self.blocks: list[Block] = []
        self.year = f"{ev.fiscal_year}年度" if ev.fiscal_year is not None else "本年度"
        self.tables = 0

    # ------------------------------------------------------------------ blocks

    def h(self, level: int, numbering: str, text: str) -> None:
        self.blocks.append(Heading(level, numbering, text))

    def p(self, text: str, kind: str = "body") -> None:
        self.blocks.append(Paragraph(text, kind))  # type: ignore[arg-type]

    def note(self, text: str) -> None:
        self.p(text, "note")

    def table(
        self, caption: str, header: list[str], rows: list[list[str]], numeric: list[bool], unit: str | None
    ) -> None:
        if not rows:
            return
        self.tables += 1
        self.blocks.append(Table(f"表{self.tables} {caption}", header, rows, unit, numeric))

    def items(self, texts: list[str], empty: str = TO_FILL) -> None:
        """A list of the unit's own items: numbered "1、" when every item stays a body line so numbered,
        else one paragraph each (a short numbered line would read as a heading)."""
        texts = [t.strip() for t in texts if t.strip()]
        if not texts:
            self.note(empty)
            return
        numbered = len(texts) > 1 and all(parse_heading(narrow(f"1、{t}")) is None for t in texts)
        for n, text in enumerate(texts, start=1):
            self.p(f"{n}、{widen(text)}" if numbered else widen(text))

    def text(self, value: str | None, empty: str = TO_FILL) -> None:
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if not lines:
            self.note(empty)
        for line in lines:
            self.p(widen(line))

    # ------------------------------------------------------------------ 一 部门基本情况

    def basic_info(self) -> None:
        ev = self.ev
        self.h(1, "一、", "部门基本情况")
        self.h(2, "（一）", "部门职能")
        self.items(ev.functions)
        self.h(2, "（二）", "机构设置和人员情况")
        said = False
        bodies = ev.unit.internal_bodies
        if bodies:
            count = (
                f"{ev.unit.internal_bodies_stated}个，分别为"
                if ev.unit.internal_bodies_stated is not None
                else "包括"
            )
            self.p(f"本部门内设机构{count}：{'、'.join(widen(b) for b in bodies)}。")
            said = True
        subordinates = ev.unit.subordinate_units
        if subordinates:
            stated = ev.unit.subordinate_units_stated
            count = f"{stated}个，分别为" if stated is not None else "包括"
            self.p(f"本部门下属单位{count}：{'、'.join(widen(s) for s in subordinates)}。")
            said = True
        staffing = self._staffing()
        if staffing:
            self.p(staffing)
            said = True
        if not said:
            self.note(f"（{NOT_STATED}机构设置和人员编制情况。）")
        self.h(2, "（三）", "年度总体工作任务和重点工作任务")
        overall = [line.strip() for line in (ev.overall_task or "").splitlines() if line.strip()]
        if overall:
            self.p(f"年度总体工作任务：{widen(overall[0])}")
            for line in overall[1:]:
                self.p(widen(line))
        if ev.key_tasks:
            self.p("年度重点工作任务：")
            marks = CIRCLED if len(ev.key_tasks) <= len(CIRCLED) else None
            for n, task in enumerate(ev.key_tasks):
                self.p(f"{marks[n]}{widen(task)}" if marks else f"{n + 1}、{widen(task)}")
        if not overall and not ev.key_tasks:
            self.note(TO_FILL)

    def _staffing(self) -> str | None:
        s = self.ev.staffing
        clauses: list[str] = []
        if s.authorized_total is not None or s.authorized_by_kind:
            kinds = "，".join(f"{k.kind}编制{k.count}人" for k in s.authorized_by_kind)
            if s.authorized_total is not None:
                clauses.append(f"核定人员编制{s.authorized_total}人" + (f"，其中{kinds}" if kinds else ""))
            else:
                clauses.append(f"核定人员编制中，{kinds}")
        if s.actual_total is not None or s.actual_by_kind:
            kinds = "，".join(f"{k.kind}编制{k.count}人" for k in s.actual_by_kind)
            if s.actual_total is not None:
                clauses.append(f"实际在编{s.actual_total}人" + (f"（{kinds}）" if kinds else ""))
            else:
                clauses.append(f"实际在编人员中，{kinds}")
        if s.funded is not None:
            clauses.append(f"财政实际供给{s.funded}人")
        if s.retired is not None:
            clauses.append(f"另有离退休人员{s.retired}人")
        if not clauses:
            return None
        when = f"截至{self.ev.fiscal_year}年12月31日，" if self.ev.fiscal_year is not None else ""
        return f"{when}本部门" + "；".join(clauses) + "。"

    # ------------------------------------------------------------------ 二 一般公共预算支出情况

    def general_budget(self) -> None:
        self.h(1, "二、", "一般公共预算支出情况")
        self.h(2, "（一）", "基本支出情况")
        said = [self._income(), self._expenditure(), self._fiscal()]
        if not any(said):
            self.note(f"（{NOT_STATED}本年度收入、支出和财政拨款支出情况。）")
        self._budget_tables()
        self.h(2, "（二）", "项目支出情况")
        self._projects()
        self.h(2, "（三）", "资产情况")
        self._assets()
        self.h(2, "（四）", "“三公”经费支出情况")
        self._three_public()

    def _whole(self, total: Decimal | None, parts: list[str], stated: str, unstated: str) -> list[str]:
        """The opening sentence of a total and its parts ("2023年度共取得收入合计…万元，其中：…"); with no total,
        the parts under a note that it is not stated; none when neither is."""
        if total is not None:
            return [_sentence(f"{self.year}{stated}{amount(total)}万元", parts)]
        if parts:
            return [f"{self.year}{unstated}{NOT_STATED}），" + "；".join(parts) + "。"]
        return []

    def _said(self, sentences: list[str]) -> bool:
        """The sentences as one paragraph; whether there was anything to say."""
        if sentences:
            self.p("".join(sentences))
        return bool(sentences)

    def _income(self) -> bool:
        income = self.ev.budget.income
        parts = _parts(
            [
                ("财政拨款收入", income.fiscal, income.fiscal_share),
                ("事业收入", income.business, income.business_share),
                ("经营收入", income.operating, income.operating_share),
                ("其他收入", income.other, income.other_share),
            ],
            income.total,
        )
        sentences = self._whole(income.total, parts, "共取得收入合计", "取得的收入中（收入合计")
        if income.carried_over is not None:
            sentences.append(f"另有上年结转结余{amount(income.carried_over)}万元。")
        return self._said(sentences)

    def _expenditure(self) -> bool:
        e = self.ev.budget.expenditure
        parts = _parts(
            [
                ("基本支出", e.basic, e.basic_share),
                ("项目支出", e.project, e.project_share),
                ("经营支出", e.operating, e.operating_share),
            ],
            e.total,
        )
        sentences = self._whole(e.total, parts, "共发生支出", "发生的支出中（支出合计")
        basic_parts = _parts([("人员经费", e.personnel), ("公用经费", e.public)], None)
        if basic_parts:
            sentences.append("基本支出中，" + "，".join(basic_parts) + "。")
        if e.carried_forward is not None:
            sentences.append(f"年末结转和结余{amount(e.carried_forward)}万元。")
        return self._said(sentences)

    def _fiscal(self) -> bool:
        f = self.ev.budget.fiscal_expenditure
        parts = _parts(
            [("基本支出", f.basic, f.basic_share), ("项目支出", f.project, f.project_share)], f.total, of="财政拨款支出的"
        )
        sentences = []
        if f.total is not None:
            head = f"{self.year}共发生财政拨款支出{amount(f.total)}万元"
            sentences.append(head + ("，其中" + "；".join(parts) if parts else "") + "。")
        elif parts:
            sentences.append(f"{self.year}财政拨款支出中（合计{NOT_STATED}），" + "；".join(parts) + "。")
        functional = _parts([(_class_label(c.name), c.amount, c.share) for c in f.by_function], f.total)
        if functional:
            lead = "主要用于以下方面：" if sentences else "财政拨款支出主要用于以下方面："
            sentences.append(lead + "；".join(functional) + "。")
        economic = _parts([(c.name, c.amount, c.share) for c in f.by_economic], f.total)
        if economic:
            lead = "按经济分类：" if sentences else "财政拨款支出按经济分类："
            sentences.append(lead + "；".join(economic) + "。")
        return self._said(sentences)

    def _budget_tables(self) -> None:
        b = self.ev.budget
        rows: list[list[str]] = []

        def row(label: str, value: Decimal | None, whole: Decimal | None = None, stated: Decimal | None = None) -> None:
            if value is not None:
                rows.append([label, amount(value), share_text(value, whole, stated) or ""])

        i, e = b.income, b.expenditure
        row("收入合计", i.total)
        for label, value, stated in (
            ("财政拨款收入", i.fiscal, i.fiscal_share),
            ("事业收入", i.business, i.business_share),
            ("经营收入", i.operating, i.operating_share),
            ("其他收入", i.other, i.other_share),
        ):
            row(f"其中：{label}" if i.total is not None else label, value, i.total, stated)
        row("上年结转结余", b.income.carried_over)
        row("支出合计", e.total)
        for label, value, stated in (
            ("基本支出", e.basic, e.basic_share),
            ("项目支出", e.project, e.project_share),
            ("经营支出", e.operating, e.operating_share),
        ):
            row(f"其中：{label}" if e.total is not None else label, value, e.total, stated)
        row("年末结转和结余", b.expenditure.carried_forward)
        self.table(f"{self.year}收入支出情况", ["项目", "金额", "占比"], rows, [False, True, True], "万元")
        f = b.fiscal_expenditure
        self._class_table(f"{self.year}财政拨款支出（按功能分类）", "功能分类科目", f.by_function, f.total)
        self._class_table(f"{self.year}财政拨款支出（按经济分类）", "经济分类科目", f.by_economic, f.total)

    def _class_table(
        self, caption: str, column: str, classes: list[ClassAmount], total: Decimal | None
    ) -> None:
        rows = [
            [c.name, amount(c.amount), share_text(c.amount, total, c.share) or ""]
            for c in classes
            if c.amount is not None
        ]
        if rows and total is not None:
            rows.append(["合计", amount(total), ""])
        self.table(caption, [column, "金额", "占比"], rows, [False, True, True], "万元")

    def _projects(self) -> None:
        b = self.ev.budget
        if b.projects:
            count = b.projects_stated if b.projects_stated is not None else None
            if count is not None:
                self.p(f"{self.year}共实施项目{count}个。")
            for n, project in enumerate(b.projects, start=1):
                clauses = []
                if project.budget is not None:
                    clauses.append(f"预算{amount(project.budget)}万元")
                if project.spent is not None:
                    clauses.append(f"实际支出{amount(project.spent)}万元")
                if project.budget is not None and project.spent is not None:
                    rate = percent(project.spent, project.budget)
                    if rate is not None:
                        clauses.append(f"执行率{amount(rate)}%")
                if project.purpose:
                    clauses.append(f"主要用于{widen(project.purpose)}")
                body = "，".join(clauses) if clauses else f"预算和支出{NOT_STATED}"
                self.p(f"（{n}）{widen(project.name)}：{body}。")
        elif b.expenditure.project == 0 or b.fiscal_expenditure.project == 0:
            self.p("本年度无项目支出。")
        else:
            self.note(f"（{NOT_STATED}分项目的支出情况。）")

    def _assets(self) -> None:
        a = self.ev.assets
        when = f"截至{self.ev.fiscal_year}年12月31日，" if self.ev.fiscal_year is not None else "年末，"
        said = False
        holdings = _parts([("流动资产", a.current), ("固定资产净值", a.fixed_net)], None)
        if a.total is not None:
            self.p(_sentence(f"{when}本部门资产总额{amount(a.total)}万元", holdings))
            said = True
        elif holdings:
            self.p(f"{when}本部门" + "，".join(holdings) + "。")
            said = True
        if a.fixed_book is not None:
            self.p(f"{when}本部门账面固定资产原值{amount(a.fixed_book)}万元。")
            said = True
        categories = _parts([(c.name, c.amount, c.share) for c in a.acquisitions], a.acquired)
        if a.acquired is not None:
            head = f"{self.year}，本部门配置固定资产{amount(a.acquired)}万元"
            self.p(head + ("，按资产类别分：" + "；".join(categories) if categories else "") + "。")
            said = True
        elif categories:
            self.p(f"{self.year}，本部门配置资产按资产类别分：" + "；".join(categories) + "。")
            said = True
        use = []
        if a.self_used is not None:
            share = share_text(a.self_used, a.fixed_book, a.self_used_share)
            use.append(
                f"本部门自用固定资产{amount(a.self_used)}万元"
                + (f"，占账面固定资产总额的{share}" if share else "")
            )
        if a.in_use is not None:
            share = share_text(a.in_use, a.fixed_book, a.in_use_share)
            use.append(f"在用{amount(a.in_use)}万元" + (f"，占账面固定资产总额的{share}" if share else ""))
        if use:
            self.p(when + "，其中：".join(use) + "。")
            said = True
        if a.disposed is not None:
            self.p(f"{self.year}，本部门处置资产{amount(a.disposed)}万元。")
            said = True
        if not said:
            self.note(f"（{NOT_STATED}资产情况。）")
            return
        rows: list[list[str]] = []
        for label, value, whole, stated in (
            ("资产总额", a.total, None, None),
            ("流动资产", a.current, a.total, None),
            ("固定资产净值", a.fixed_net, a.total, None),
            ("账面固定资产原值", a.fixed_book, None, None),
            ("自用固定资产", a.self_used, a.fixed_book, a.self_used_share),
            ("在用固定资产", a.in_use, a.fixed_book, a.in_use_share),
            ("本年配置固定资产", a.acquired, None, None),
        ):
            if value is not None:
                rows.append([label, amount(value), share_text(value, whole, stated) or ""])
        for c in a.acquisitions:
            if c.amount is not None:
                rows.append([f"配置：{c.name}", amount(c.amount), share_text(c.amount, a.acquired, c.share) or ""])
        if a.disposed is not None:
            rows.append(["本年处置资产", amount(a.disposed), ""])
        self.table(f"{self.year}资产情况", ["项目", "金额", "占比"], rows, [False, True, True], "万元")

    def _three_public(self) -> None:
        t = self.ev.three_public
        parts = _parts(
            [
                ("因公出国（境）费", t.overseas),
                ("公务用车购置及运行维护费", t.vehicles),
                ("公务接待费", t.reception),
            ],
            None,
        )
        head = []
        if t.budget is not None:
            head.append(f"预算{amount(t.budget)}万元")
        if t.total is not None:
            head.append(f"实际支出{amount(t.total)}万元")
        if not head and not parts:
            self.note(f"（{NOT_STATED}“三公”经费支出情况。）")
            return
        text = f"{self.year}“三公”经费" + "，".join(head)
        if parts:
            text += ("，其中：" if head else "") + "，".join(parts)
        self.p(text + "。")

    # ------------------------------------------------------------------ 三 四 五

    def other_budget(self, numbering: str, name: str, value: OtherBudget | None) -> None:
        self.h(1, numbering, f"{name}预算支出情况")
        if value is not None and value.amount is not None:
            self.p(f"{self.year}{name}预算支出{amount(value.amount)}万元。")
        elif value is not None and value.stated_none:
            self.p(f"本年度无{name}预算支出。")
        else:
            self.note(f"（{NOT_STATED}本年度{name}预算支出情况。）")

    # ------------------------------------------------------------------ 六 部门整体支出绩效情况

    def performance(self) -> None:
        ev = self.ev
        self.h(1, "六、", "部门整体支出绩效情况")
        self.h(2, "（一）", "预算执行情况")
        b = ev.budget
        parts = []
        if b.initial is not None:
            parts.append(f"年初预算数{amount(b.initial)}万元")
        if b.adjusted is not None:
            parts.append(f"全年预算数（调整后）{amount(b.adjusted)}万元")
        if b.executed is not None:
            parts.append(f"全年执行数{amount(b.executed)}万元")
        if b.adjusted is not None and b.executed is not None:
            rate = percent(b.executed, b.adjusted)
            if rate is not None:
                parts.append(f"预算执行率{amount(rate)}%")
        if parts:
            self.p(f"{self.year}部门整体支出" + "，".join(parts) + "。")
        else:
            self.note(f"（{NOT_STATED}年初预算数、全年预算数和全年执行数。）")
        self.h(2, "（二）", "年度绩效目标完成情况")
        perf = ev.performance
        if perf.targets:
            self.p(
                f"{self.year}部门整体绩效目标："
                + "；".join(f"{n}：{widen(t)}" for n, t in enumerate(perf.targets, 1))
                + "。"
            )
        if perf.achievements:
            items = "；".join(f"{n}、{widen(t)}" for n, t in enumerate(perf.achievements, 1))
            self.p(f"{self.year}部门整体绩效实际完成情况：{items}。")
        if not perf.targets and not perf.achievements:
            self.note(TO_FILL)
        self.h(2, "（三）", "绩效指标完成情况")
        self._indicators(perf.indicators)

    def _indicators(self, indicators: list[Indicator]) -> None:
        if not indicators:
            self.note(f"（{NOT_STATED}绩效指标。）")
            return
        rows = [
            [
                "/".join(x for x in (ind.level1, ind.level2) if x) or "—",
                widen(ind.name),
                widen(ind.target.text) if ind.target else "",
                "不适用" if ind.not_applicable else (widen(ind.actual.text) if ind.actual else ""),
            ]
            for ind in indicators
        ]
        # "指标类别" joins 一级 and 二级 in one column: four columns fit a portrait page at 3号
        self.table(
            "绩效指标完成情况", ["指标类别", "三级指标", "年度指标值", "实际完成值"], rows, [False] * 4, None
        )
        groups: dict[str | None, dict[str | None, list[Indicator]]] = {}
        for ind in indicators:
            groups.setdefault(ind.level1, {}).setdefault(ind.level2, []).append(ind)
        for n, (level1, by_level2) in enumerate(groups.items(), start=1):
            self.h(3, f"{n}、", f"{level1 or '其他指标'}完成情况")
            k = 0
            for level2, members in by_level2.items():
                if level2 is not None:
                    k += 1
                    self.h(4, f"（{k}）", level2)
                for ind in members:
                    self.p(_indicator_sentence(ind))

    # ------------------------------------------------------------------ 七 … 十

    def closing(self) -> None:
        ev = self.ev
        self.h(1, "七、", "存在的问题及原因分析")
        self.items(ev.problems)
        self.h(1, "八、", "下一步改进措施")
        self.items(ev.measures)
        self.h(1, "九、", "部门整体支出绩效自评结果拟应用和公开情况")
        grade, score = ev.self_assessment.grade, ev.self_assessment.score
        stated = ev.results_use or ""
        missing = (grade is not None and grade not in stated) or (
            score is not None and f"{amount(score)}分" not in stated
        )
        if missing:
            words = []
            if score is not None:
                words.append(f"自评得分{amount(score)}分")
            if grade is not None:
                words.append(f"自评等级为“{grade}”")
            self.p(
                f"经对照部门整体支出绩效自评表逐项打分，本部门{self.year}部门整体支出绩效"
                + "，".join(words)
                + "。"
            )
        if stated or not missing:
            self.text(ev.results_use)
        self.h(1, "十、", "其他需要说明的情况")
        self.text(ev.other_matters, "无。")


def _indicator_sentence(ind: Indicator) -> str:
    """One indicator as the importer reads it back: "名称：年度指标值≥90%，实际完成96.30%。"."""
    name = widen(ind.name)
    if ind.not_applicable:
        return "不适用。" if ind.name == ind.level2 else f"{name}：不适用。"
    target = widen(ind.target.text) if ind.target else None
    actual = widen(ind.actual.text) if ind.actual else None
    if actual is not None and not re.match(r"[≥≤=<>＜＞＝]?\d", narrow(actual)):
        # a qualitative result: the unit's sentence stands under its 二级 heading
        if ind.name == ind.level2 and target is None:
            return actual
        lead = f"{name}：年度指标值{target}，" if target else f"{name}："
        return f"{lead}实际完成情况：{actual}" + ("" if actual.endswith("。") else "。")
    if target is not None and actual is not None:
        return f"{name}：年度指标值{target}，实际完成{actual}。"
    if actual is not None:
        return f"{name}：实际完成{actual}。"
    if target is not None:
        return f"{name}：年度指标值{target}。实际完成值{NOT_STATED}。"
    return f"{name}：年度指标值和实际完成值{NOT_STATED}。"


# ---------------------------------------------------------------------------------------------- the 自评表


def _points(value: Decimal | None) -> str:
    return "" if value is None else amount(value)


def provisional_note(card: Scorecard) -> str:
    return (
        f"【暂定评分】报告未列分值：带“*”的分值由 jixiao 按评分规则《{card.rulebook}》推定，"
        "得分、总分与等级仅供参考，不是正式的自评结果。"
    )


def scorecard_blocks(card: Scorecard, ev: Evaluation | None = None) -> list[Block]:
    """The 自评表 as the xlsx lays it out: 预算执行, 年度总体目标, 绩效指标, 总分 and 等级, then the notes.

    Without the evaluation (only a scorecard at hand) the goals are referred to the report's section 六.
    """
    blocks: list[Block] = []
    if card.provisional:
        blocks.append(Paragraph(provisional_note(card), "note"))
    if ev is not None:
        year = f"{ev.fiscal_year}" if ev.fiscal_year is not None else ""
        blocks.append(Paragraph(f"部门（单位）名称：{_unit_name(ev)}　　年度：{year}", "note"))
    x = card.execution
    rate = f"{amount(x.rate)}%" if x.rate is not None else ""
    blocks.append(
        Table(
            "一、预算执行情况",
            ["项目", *BUDGET_HEADINGS],
            [
                [
                    BUDGET_ROW_LABEL,
                    _points(x.initial),
                    _points(x.adjusted),
                    _points(x.executed),
                    amount(x.weight),
                    rate,
                    _points(x.score),
                ]
            ],
            "万元",
            [False, True, True, True, True, True, True],
        )
    )
    if ev is not None:
        targets = "\n".join(f"{n}. {widen(t)}" for n, t in enumerate(ev.performance.targets, 1))
        achieved = "\n".join(f"{n}. {widen(t)}" for n, t in enumerate(ev.performance.achievements, 1))
    else:
        targets = achieved = "见报告第六部分。"
    blocks.append(
        Table(
            "二、年度总体目标",
            [TARGETS_LABEL, ACHIEVEMENTS_LABEL],
            [[targets, achieved]],
            None,
            [False, False],
        )
    )
    indicators = ev.performance.indicators if ev is not None else []
    rows = []
    for s in card.indicators:
        weight = _points(s.weight) + ("*" if s.weight_assumed and s.weight is not None else "")
        actual = s.actual or (
            NOT_APPLICABLE if s.index < len(indicators) and indicators[s.index].not_applicable else ""
        )
        deviation = indicators[s.index].deviation if s.index < len(indicators) else None
        rows.append(
            [
                s.level1 or "",
                s.level2 or "",
                widen(s.name),
                widen(s.target or ""),
                widen(actual),
                weight,
                _points(s.score),
                widen(deviation or s.reason or ""),
            ]
        )
    # "改进措施" alone in a cell line reads as the heading of section 八 to the importer: say it otherwise
    header = [*INDICATOR_HEADINGS[:-1], DEVIATION_HEADING]
    blocks.append(Table("三、绩效指标", header, rows, None, [False] * 5 + [True, True, False]))
    totals = [[TOTAL_LABEL, amount(card.total)]]
    if card.cap is not None:
        totals.append(["按执行率封顶", f"总分不超过{amount(card.cap)}"])
    if card.scaled_total is not None:
        totals.append(["折算得分（百分制）", amount(card.scaled_total)])
    self_grade = (ev.self_assessment.grade if ev is not None else None) or card.self_grade
    totals.append([SELF_GRADE_LABEL, self_grade or ""])
    provisional = "，暂定" if card.provisional else ""
    totals.append([f"按评分规则计算的等级（{card.rulebook}{provisional}）", card.grade or "无法评定"])
    blocks.append(Table("四、总分与等级", ["项目", "结果"], totals, None, [False, False]))
    notes = ([provisional_note(card)] if card.provisional else []) + list(card.assumptions)
    for s in card.indicators:
        if s.score is None and s.reason:
            notes.append(f"{widen(s.name)}：未评分，{widen(s.reason)}")
    if notes:
        blocks.append(Paragraph("评分说明：", "note"))
        blocks.extend(Paragraph(f"{n}. {note}", "note") for n, note in enumerate(dict.fromkeys(notes), 1))
    return blocks


# ---------------------------------------------------------------------------------------------- the document


def _unit_name(ev: Evaluation) -> str:
    return ev.unit.name or ev.unit.short_name or "（单位名称）"


def _cover(ev: Evaluation) -> Cover:
    attachment = re.search(r"附件\s*(\d+)", ev.outline.preamble)
    unit = ev.unit.short_name or ev.unit.name
    date = ev.report_date
    return Cover(
        title=f"{unit or ''}部门整体支出绩效自评报告",
        attachment=f"附件{attachment[1]}" if attachment else None,
        year=ev.fiscal_year,
        unit=unit,
        date=f"{date.year}年{date.month}月{date.day}日" if date else None,
    )


def draft(ev: Evaluation, card: Scorecard | None = None) -> Document:
    """The report of `ev` in the Hunan ten-section outline (a project's in its seven parts: `draft_project`);
    with `card`, the 自评表 follows as an appendix."""
    if ev.kind == PROJECT:
        from jixiao.render.draft_project import draft_project  # it builds on this module's drafter

        return draft_project(ev, card)
    d = Drafter(ev)
    d.basic_info()
    d.general_budget()
    d.other_budget("三、", "政府性基金", ev.budget.government_fund)
    d.other_budget("四、", "国有资本经营", ev.budget.state_capital)
    d.other_budget("五、", "社会保险基金", ev.budget.social_insurance)
    d.performance()
    d.closing()
    year = f"{ev.fiscal_year}年度" if ev.fiscal_year is not None else ""
    title = widen(ev.title) if ev.title else f"{year}{_unit_name(ev)}部门整体支出绩效自评报告"
    return Document(
        cover=_cover(ev),
        title=title,
        blocks=d.blocks,
        appendix_title=FORM_TITLE if card is not None else None,
        provisional=bool(card and card.provisional),
        appendix=scorecard_blocks(card, ev) if card is not None else [],
    )
