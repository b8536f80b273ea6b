"""Draft a project's report from the data: Hunan's seven-part 项目支出绩效自评报告, with the 项目支出绩效自评表.

一 项目基本情况 (the project, its 主管部门 and 实施单位, its aims), 二 项目资金使用及管理情况 (年初预算数 /
全年预算数 / 全年执行数 and the rate, the funds by source, the funds received, the balance), 三 项目组织实施
情况, 四 项目绩效情况 (the overall aims, the indicators, the score and grade), 五 存在的问题及原因分析, 六 下一步
改进措施, 七 其他需要说明的情况. As for a department's report (`draft.py`), every sentence stating a figure is
written from the data in the forms `jixiao.io` reads back, rates are computed, and a part that is `None` is
left out rather than written as 0.

The indicators, with their weights and scores, are stated once: in the appended 自评表 when the report is
drafted with its scorecard, else as a table in section 四. The 自评表 follows the national layout
(`jixiao.io.project_form`): the project's header, 项目资金 with its sources, 年度总体目标, 绩效指标, 总分.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import Evaluation, FundLine, Indicator
from jixiao.core.money import percent
from jixiao.io.project_form import (
    ACHIEVEMENTS_LABEL,
    DEPARTMENT_LABEL,
    FORM_TITLE,
    FUND_HEADINGS,
    FUND_ROWS,
    FUNDS_LABEL,
    GOALS_LABEL,
    IMPLEMENTER_LABEL,
    INDICATOR_HEADINGS,
    NAME_LABEL,
    SELF_GRADE_LABEL,
    TARGETS_LABEL,
    TOTAL_LABEL,
    TOTAL_ROW,
)
from jixiao.render.document import Block, Cover, Document, Paragraph, Table
from jixiao.render.draft import NOT_STATED, TO_FILL, Drafter, amount, provisional_note, widen
from jixiao.scoring.scorecard import Scorecard

DEVIATION_HEADING = "偏差原因分析及措施"  # "改进措施" alone in a cell reads as the heading of a section
_SPLIT = ("上级补助", "本级安排")


def _name(ev: Evaluation) -> str:
    return ev.project.name or "（项目名称）"


def _points(value: Decimal | None) -> str:
    return "" if value is None else amount(value)


class _ProjectDrafter(Drafter):
    def basic_info(self) -> None:
        ev, p = self.ev, self.ev.project
        self.h(1, "一、", "项目基本情况")
        self.h(2, "（一）", "项目概况")
        said = []
        if p.department:
            said.append(f"本项目由{widen(p.department)}主管")
        if p.implementer:
            said.append(f"{widen(p.implementer)}实施")
        if p.period:
            said.append(f"实施期限为{widen(p.period)}")
        if said:
            self.p("，".join(said) + "。")
        if p.overview:
            self.text(p.overview)
        elif not said:
            self.note(TO_FILL)
        self.h(2, "（二）", "项目绩效目标")
        if ev.performance.targets:
            self.p("年度绩效目标：" + "；".join(widen(t) for t in ev.performance.targets) + "。")
        else:
            self.note(TO_FILL)

    def funds(self) -> None:
        _ev, b, p = self.ev, self.ev.budget, self.ev.project
        self.h(1, "二、", "项目资金使用及管理情况")
        self.h(2, "（一）", "资金安排和到位情况")
        national = [line for line in p.funds if line.source not in _SPLIT]
        parts = [
            f"{words}{amount(value)}万元{_sources(national, column)}"
            for words, value, column in (("年初预算数", b.initial, "initial"), ("全年预算数", b.adjusted, "adjusted"))
            if value is not None
        ]
        split = _sources([line for line in p.funds if line.source in _SPLIT], "adjusted")
        for line in national:
            if line.source == "财政拨款" and line.adjusted is not None and split:
                parts.append(f"{widen(_label(line))}{amount(line.adjusted)}万元{split}")
        if parts:
            self.p(f"{self.year}本项目" + "。".join(parts) + "。")
        received = []
        if p.received is not None:
            received.append(f"到位资金{amount(p.received)}万元")
        if p.received_rate is not None:
            received.append(f"资金到位率{amount(p.received_rate)}%")
        if received:
            self.p("，".join(received) + "。")
        if not parts and not received:
            self.note(f"（{NOT_STATED}项目资金的安排和到位情况。）")
        self.h(2, "（二）", "资金使用情况")
        if b.executed is not None:
            rate = percent(b.executed, b.adjusted) if b.adjusted else None
            sentence = f"全年执行数{amount(b.executed)}万元{_sources(national, 'executed')}"
            if rate is not None:
                sentence += f"；预算执行率{amount(rate)}%"
            self.p(sentence + "。")
        else:
            self.note(f"（{NOT_STATED}全年执行数。）")
        if b.expenditure.carried_forward is not None:
            self.p(f"年末结转结余{amount(b.expenditure.carried_forward)}万元。")
        self.h(2, "（三）", "资金管理情况")
        self.text(p.fund_management)

    def implementation(self) -> None:
        self.h(1, "三、", "项目组织实施情况")
        self.text(self.ev.project.implementation)

    def performance(self, card: Scorecard | None) -> None:
        ev = self.ev
        self.h(1, "四、", "项目绩效情况")
        self.h(2, "（一）", "总体目标完成情况")
        if ev.performance.achievements:
            self.p("年度绩效目标完成情况：" + "；".join(widen(t) for t in ev.performance.achievements) + "。")
        else:
            self.note(TO_FILL)
        self.h(2, "（二）", "绩效指标完成情况")
        if not ev.performance.indicators:
            self.note(f"（{NOT_STATED}绩效指标。）")
        for n, ind in enumerate(ev.performance.indicators, start=1):
            self.p(f"{n}.{_indicator_line(ind)}")
        if ev.performance.indicators and card is not None:
            self.p(f"各项指标的完成情况和得分另见附件《{FORM_TITLE}》。")
        s = ev.self_assessment
        words = []
        if s.score is not None:
            within = []
            if s.weight_total is not None:
                within.append(f"满分{amount(s.weight_total)}分")
            if s.execution_score is not None:
                weight = f"、分值{amount(s.execution_weight)}分" if s.execution_weight is not None else ""
                within.append(f"其中预算执行率得分{amount(s.execution_score)}分{weight}")
            words.append(f"本项目自评得分{amount(s.score)}分" + (f"（{'，'.join(within)}）" if within else ""))
        if s.grade is not None:
            words.append(f"自评等级为“{s.grade}”")
        if words:
            self.p("，".join(words) + "。")

    def closing(self) -> None:
        self.h(1, "五、", "存在的问题及原因分析")
        self.items(self.ev.problems)
        self.h(1, "六、", "下一步改进措施")
        self.items(self.ev.measures)
        self.h(1, "七、", "其他需要说明的情况")
        self.text(self.ev.other_matters, "无。")


def _label(line: FundLine) -> str:
    return line.label or line.source


def _sources(lines: list[FundLine], column: str) -> str:
    """ "，其中：当年财政拨款48.96万元" for the stated sources of a column (a source of 0 is left to the 自评表)."""
    parts = [
        f"{widen(_label(line))}{amount(getattr(line, column))}万元"
        for line in lines
        if getattr(line, column) is not None and getattr(line, column) != 0
    ]
    return f"，其中：{'，'.join(parts)}" if parts else ""


def _indicator_line(ind: Indicator) -> str:
    """ "保障在校学生人数（产出指标·数量指标）：年度指标值≥600人，实际完成值612人，分值20分，得分20分。" — the form
    `jixiao.io.extract_project` reads back: an indicator's weight and score in the text, where a PDF keeps them."""
    levels = "·".join(x for x in (ind.level1, ind.level2) if x)
    parts = []
    if ind.target is not None:
        parts.append(f"年度指标值{widen(ind.target.text)}")
    if ind.not_applicable:
        parts.append("实际完成值不适用")
    elif ind.actual is not None:
        parts.append(f"实际完成值{widen(ind.actual.text)}")
    if ind.weight is not None:
        parts.append(f"分值{amount(ind.weight)}分")
    if ind.score is not None:
        parts.append(f"得分{amount(ind.score)}分")
    text = f"{widen(ind.name)}（{levels}）：" + "，".join(parts)
    if ind.deviation:
        text += f"；偏差原因：{widen(ind.deviation)}"
    return text + "。"


def _indicator_table(ev: Evaluation, card: Scorecard | None) -> Table:
    """绩效指标 as the 自评表 lays them out: each indicator's stated weight and score, or the card's."""
    scored = {s.index: s for s in card.indicators} if card is not None else {}
    rows = []
    for n, ind in enumerate(ev.performance.indicators):
        s = scored.get(n)
        weight = ind.weight if ind.weight is not None else (s.weight if s is not None else None)
        points = ind.score if ind.score is not None else (s.score if s is not None else None)
        rows.append(
            [
                ind.level1 or "",
                ind.level2 or "",
                widen(ind.name),
                widen(ind.target.text) if ind.target else "",
                "不适用" if ind.not_applicable else (widen(ind.actual.text) if ind.actual else ""),
                _points(weight),
                _points(points),
                widen(ind.deviation or ""),
            ]
        )
    header = [*INDICATOR_HEADINGS[:-1], DEVIATION_HEADING]
    return Table("绩效指标", header, rows, None, [False] * 5 + [True, True, False])


def _fund_rows(ev: Evaluation, card: Scorecard) -> list[list[str]]:
    """年度资金总额 and its sources, the national rows first (其中：当年财政拨款, 上年结转资金, 其他资金)."""
    x = card.execution
    weight = ev.self_assessment.execution_weight if ev.self_assessment.execution_weight is not None else x.weight
    score = ev.self_assessment.execution_score if ev.self_assessment.execution_score is not None else x.score
    rate = f"{amount(x.rate)}%" if x.rate is not None else ""
    rows = [[TOTAL_ROW, _points(x.initial), _points(x.adjusted), _points(x.executed), amount(weight), rate, _points(score)]]
    lines = list(ev.project.funds)
    for label, source in FUND_ROWS:
        mine = [line for line in lines if line.source == source]
        if not mine:
            rows.append([label, "", "", "", "—", "", "—"])
        for line in mine:
            own = label if line.label in (None, label.removeprefix("其中：")) else f"{'其中：' if source == '财政拨款' else ''}{line.label}"
            rows.append([own, _points(line.initial), _points(line.adjusted), _points(line.executed), "—", "", "—"])
        if source == "财政拨款":
            for line in lines:
                if line.source in _SPLIT:
                    rows.append([f"其中：{_label(line)}", _points(line.initial), _points(line.adjusted), _points(line.executed), "—", "", "—"])
    return rows


def project_scorecard_blocks(card: Scorecard, ev: Evaluation) -> list[Block]:
    """The 项目支出绩效自评表 as the national form lays it out, as tables each renderer draws."""
    blocks: list[Block] = []
    if card.provisional:
        blocks.append(Paragraph(provisional_note(card), "note"))
    p = ev.project
    year = f"（{ev.fiscal_year}年度）" if ev.fiscal_year is not None else ""
    blocks.append(Paragraph(f"{FORM_TITLE}{year}", "note"))
    header = [[NAME_LABEL, widen(_name(ev))], [DEPARTMENT_LABEL, widen(p.department or "")], [IMPLEMENTER_LABEL, widen(p.implementer or ev.unit.name or "")]]
    blocks.append(Table("一、项目", ["项目", "内容"], header, None, [False, False]))
    blocks.append(
        Table("二、项目资金", [FUNDS_LABEL, *FUND_HEADINGS], _fund_rows(ev, card), "万元", [False] + [True] * 6)
    )
    targets = "\n".join(f"{n}. {widen(t)}" for n, t in enumerate(ev.performance.targets, 1))
    achieved = "\n".join(f"{n}. {widen(t)}" for n, t in enumerate(ev.performance.achievements, 1))
    blocks.append(Table(f"三、{GOALS_LABEL}", [TARGETS_LABEL, ACHIEVEMENTS_LABEL], [[targets, achieved]], None, [False, False]))
    if ev.performance.indicators:
        indicators = _indicator_table(ev, card)
        blocks.append(Table("四、绩效指标", indicators.header, indicators.rows, None, indicators.numeric))
    s = ev.self_assessment
    weight_total = s.weight_total if s.weight_total is not None else card.full_weight
    total = s.score if s.score is not None else card.total
    totals = [[TOTAL_LABEL, amount(weight_total), amount(total), s.grade or ""]]
    provisional = "，暂定" if card.provisional else ""
    totals.append([f"按评分规则计算（{card.rulebook}{provisional}）", amount(card.full_weight), amount(card.total), card.grade or "无法评定"])
    blocks.append(Table("五、得分与等级", ["项目", "分值", "得分", SELF_GRADE_LABEL], totals, None, [False, True, True, False]))
    notes = ([provisional_note(card)] if card.provisional else []) + list(card.assumptions)
    notes += [f"{widen(x.name)}：未评分，{widen(x.reason)}" for x in card.indicators if x.score is None and x.reason]
    if notes:
        blocks.append(Paragraph("评分说明：", "note"))
        blocks.extend(Paragraph(f"{n}. {note}", "note") for n, note in enumerate(dict.fromkeys(notes), 1))
    return blocks


def draft_project(ev: Evaluation, card: Scorecard | None = None) -> Document:
    """The project's report in Hunan's seven parts; with `card`, the 项目支出绩效自评表 follows as an appendix."""
    d = _ProjectDrafter(ev)
    d.basic_info()
    d.funds()
    d.implementation()
    d.performance(card)
    d.closing()
    unit = ev.unit.name or ev.project.implementer or ""
    year = f"{ev.fiscal_year}年度" if ev.fiscal_year is not None else ""
    title = f"{unit}{year}{_name(ev)}项目支出绩效自评报告"
    date = ev.report_date
    return Document(
        cover=Cover(
            title=f"{_name(ev)}项目支出绩效自评报告",
            year=ev.fiscal_year,
            unit=unit or None,
            date=f"{date.year}年{date.month}月{date.day}日" if date else None,
        ),
        title=title,
        blocks=d.blocks,
        appendix_title=FORM_TITLE if card is not None else None,
        provisional=bool(card and card.provisional),
        appendix=project_scorecard_blocks(card, ev) if card is not None else [],
    )
