"""The evaluation model: one unit's 部门整体支出绩效自评, or one project's 项目支出绩效自评, for one fiscal year.

Both kinds share one model (`Evaluation.kind` says which): the same budget figures (年初预算数 / 全年预算数 /
全年执行数), indicators, scorecard and sources. A department evaluation follows the Hunan ten-section outline
(一 部门基本情况 … 十 其他需要说明的情况); a project evaluation adds what only a project has (`ProjectInfo`: its
name, 主管部门 and 实施单位, funds by source, 资金到位). Every value is optional
and `None` when the report does not state it: a blank is never a zero. Money is `Decimal` in 万元 with the
precision the author wrote; shares and rates are percent values ("54.55" means 54.55%).

Where a value came from lives beside the values, in `Evaluation.sources`: a map from the field's dotted
path (with list indexes, e.g. `budget.fiscal_expenditure.by_economic[2].amount`) to its `Location`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from jixiao.core.money import BOUNDS_TEXT, within_bounds

Comparator = Literal[">=", "<=", "=", ">", "<"]
EvaluationKind = Literal["部门整体", "项目支出"]
DEPARTMENT: EvaluationKind = "部门整体"
PROJECT: EvaluationKind = "项目支出"


_NUMBERS = (Decimal, int)  # by exact type: a bool is not a number here


def bounded(value: object) -> object:
    """A field's value as it is, unless it is a number out of bounds (`money.within_bounds`): a pydantic error
    then, under the field's name. Every model whose numbers are computed with holds its fields to it."""
    if type(value) in _NUMBERS and not within_bounds(value):  # type: ignore[arg-type]
        raise PydanticCustomError("number_out_of_bounds", "数值超出可处理的范围（{bounds}）", {"bounds": BOUNDS_TEXT})
    return value


class Model(BaseModel):
    """Base for every part of the model: unknown keys are errors, so a typo in YAML is never lost silently;
    every number, whichever field holds it, is within bounds (`bounded`)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    _bounded = field_validator("*", mode="after")(bounded)


# ---------------------------------------------------------------------------------------------- sources


class Location(Model):
    """Where a value was read: the file, its place in the text as extracted, and the quoted source."""

    file: str | None = None
    line: int | None = Field(default=None, description="1-based line in the text as extracted")
    page: int | None = Field(default=None, description="1-based page, for PDF")
    sheet: str | None = None
    cell: str | None = None
    section: str | None = Field(default=None, description="the outline heading the value sits under")
    text: str | None = Field(default=None, description="the quoted source text")
    original_unit: str | None = Field(default=None, description="the money unit as written, when not 万元")
    ocr: str | None = Field(default=None, description="the OCR engine that read the text from a scanned page")


class Restatement(Model):
    """A figure stated again with another value, under the same words or (for one quantity whatever its words,
    such as 编制数 or 全年预算数) under others; the first statement is the field's."""

    field: str = Field(description="the field path of the figure, as in `sources`")
    label: str = Field(description="the words it is stated under again (收入合计)")
    first_label: str | None = Field(default=None, description="the words of the first statement, where they differ")
    value: Decimal = Field(description="the other value, in 万元 (or people) as for the field")
    source: Location = Field(default_factory=Location)


class Unread(Model):
    """Something the importer saw and left unread rather than guess, and why: a figure written in a form that
    cannot be read with confidence, a number out of bounds, a damaged record."""

    text: str | None = Field(default=None, description="what was written there (full-width forms folded), e.g. 1,30.5万元")
    field: str | None = Field(default=None, description="the field path it would have gone to, as in `sources`")
    reason: str = Field(description="why it was left unread (Chinese)")
    source: Location = Field(default_factory=Location)


# ---------------------------------------------------------------------------------------------- section 一


class Unit(Model):
    name: str | None = Field(default=None, description="单位全称")
    short_name: str | None = Field(default=None, description="简称")
    budget_code: str | None = Field(default=None, description="预算编码")
    contact: str | None = Field(default=None, description="联系人")
    phone: str | None = Field(default=None, description="联系电话")
    internal_bodies: list[str] = Field(default_factory=list, description="内设机构")
    internal_bodies_stated: int | None = Field(default=None, description="文中所称内设机构个数")
    subordinate_units: list[str] = Field(default_factory=list, description="下属单位、二级机构")
    subordinate_units_stated: int | None = Field(default=None, description="文中所称下属单位个数")


class StaffCount(Model):
    kind: str = Field(description="行政 / 事业 / 工勤 / 参公 …")
    count: int


class Staffing(Model):
    authorized_total: int | None = Field(default=None, description="核定编制数")
    authorized_by_kind: list[StaffCount] = Field(default_factory=list)
    actual_total: int | None = Field(default=None, description="实有（在编、在职）人数")
    actual_by_kind: list[StaffCount] = Field(default_factory=list)
    funded: int | None = Field(default=None, description="财政供养（实际供给）人数")
    retired: int | None = Field(default=None, description="离退休人数")


# ---------------------------------------------------------------------------------------------- sections 二–五


class Income(Model):
    total: Decimal | None = Field(default=None, description="收入合计")
    fiscal: Decimal | None = Field(default=None, description="财政拨款收入")
    fiscal_share: Decimal | None = None
    business: Decimal | None = Field(default=None, description="事业收入")
    business_share: Decimal | None = None
    operating: Decimal | None = Field(default=None, description="经营收入")
    operating_share: Decimal | None = None
    other: Decimal | None = Field(default=None, description="其他收入")
    other_share: Decimal | None = None
    carried_over: Decimal | None = Field(default=None, description="上年结转结余")


class Expenditure(Model):
    total: Decimal | None = Field(default=None, description="支出合计")
    basic: Decimal | None = Field(default=None, description="基本支出")
    basic_share: Decimal | None = None
    project: Decimal | None = Field(default=None, description="项目支出")
    project_share: Decimal | None = None
    operating: Decimal | None = Field(default=None, description="经营支出")
    operating_share: Decimal | None = None
    personnel: Decimal | None = Field(default=None, description="人员经费")
    personnel_share: Decimal | None = Field(default=None, description="人员经费占基本支出的比例")
    public: Decimal | None = Field(default=None, description="公用经费")
    public_share: Decimal | None = Field(default=None, description="公用经费占基本支出的比例")
    carried_forward: Decimal | None = Field(default=None, description="结余结转")


class ClassAmount(Model):
    """One line of a classification: 功能分类, 经济分类, an asset category …"""

    name: str
    code: str | None = None
    amount: Decimal | None = None
    share: Decimal | None = None


class FiscalExpenditure(Model):
    """财政拨款支出 and its breakdowns."""

    total: Decimal | None = None
    basic: Decimal | None = None
    basic_share: Decimal | None = None
    project: Decimal | None = None
    project_share: Decimal | None = None
    by_function: list[ClassAmount] = Field(default_factory=list, description="按支出功能分类")
    by_economic: list[ClassAmount] = Field(default_factory=list, description="按支出经济分类")


class Project(Model):
    name: str
    budget: Decimal | None = None
    spent: Decimal | None = None
    execution_rate: Decimal | None = Field(default=None, description="文中所称执行率")
    purpose: str | None = None


class OtherBudget(Model):
    """政府性基金 / 国有资本经营 / 社会保险基金: an amount, or stated as none."""

    stated_none: bool = Field(default=False, description="报告明确说明无此类支出")
    amount: Decimal | None = None
    text: str | None = None


class Budget(Model):
    initial: Decimal | None = Field(default=None, description="年初预算数")
    adjusted: Decimal | None = Field(default=None, description="全年预算数（调整后预算数）")
    executed: Decimal | None = Field(default=None, description="全年执行数")
    execution_rate: Decimal | None = Field(default=None, description="文中所称预算执行率 (percent)")
    income: Income = Field(default_factory=Income)
    expenditure: Expenditure = Field(default_factory=Expenditure)
    fiscal_expenditure: FiscalExpenditure = Field(default_factory=FiscalExpenditure)
    projects: list[Project] = Field(default_factory=list)
    projects_stated: int | None = Field(default=None, description="文中所称项目个数")
    government_fund: OtherBudget | None = Field(default=None, description="政府性基金预算支出")
    state_capital: OtherBudget | None = Field(default=None, description="国有资本经营预算支出")
    social_insurance: OtherBudget | None = Field(default=None, description="社会保险基金预算支出")


class Assets(Model):
    total: Decimal | None = Field(default=None, description="资产总额")
    current: Decimal | None = Field(default=None, description="流动资产")
    fixed_net: Decimal | None = Field(default=None, description="固定资产净值")
    fixed_book: Decimal | None = Field(default=None, description="账面固定资产总额（原值）")
    acquired: Decimal | None = Field(default=None, description="本年配置固定资产")
    acquisitions: list[ClassAmount] = Field(default_factory=list, description="按资产类别配置")
    self_used: Decimal | None = Field(default=None, description="自用固定资产")
    self_used_share: Decimal | None = None
    in_use: Decimal | None = Field(default=None, description="在用固定资产")
    in_use_share: Decimal | None = None
    disposed: Decimal | None = Field(default=None, description="本年处置资产")


class ThreePublic(Model):
    """三公经费."""

    total: Decimal | None = None
    budget: Decimal | None = None
    overseas: Decimal | None = Field(default=None, description="因公出国（境）费")
    vehicles: Decimal | None = Field(default=None, description="公务用车购置及运行维护费")
    reception: Decimal | None = Field(default=None, description="公务接待费")


# ---------------------------------------------------------------------------------------------- section 六


class Measure(Model):
    """A target or an actual value as written: a comparator and number with its unit, or plain text."""

    text: str = Field(description="as written, e.g. ≥90%, 3套, 按时完成")
    comparator: Comparator | None = None
    value: Decimal | None = None
    unit: str | None = None


class Indicator(Model):
    level1: str | None = Field(default=None, description="一级指标：产出 / 效益 / 满意度")
    level2: str | None = Field(default=None, description="二级指标：数量 / 质量 / 时效 / 成本 …")
    name: str = Field(description="三级指标")
    target: Measure | None = Field(default=None, description="年度指标值")
    actual: Measure | None = Field(default=None, description="实际完成值")
    not_applicable: bool = Field(default=False, description="报告称不适用")
    weight: Decimal | None = Field(default=None, description="分值")
    score: Decimal | None = Field(default=None, description="得分")
    deviation: str | None = Field(default=None, description="偏差原因分析及改进措施")


class Performance(Model):
    targets: list[str] = Field(default_factory=list, description="年度绩效目标")
    achievements: list[str] = Field(default_factory=list, description="实际完成情况")
    indicators: list[Indicator] = Field(default_factory=list)


class SelfAssessment(Model):
    grade: str | None = Field(default=None, description="自评等级：优 / 良 / 中 / 差 …")
    score: Decimal | None = Field(default=None, description="自评得分")
    # the 自评表's own figures beside the indicators' scores: its 预算执行率 row and its 总分 row's 分值
    execution_weight: Decimal | None = Field(default=None, description="预算执行率的分值（自评表所列）")
    execution_score: Decimal | None = Field(default=None, description="预算执行率的得分（自评表所列）")
    weight_total: Decimal | None = Field(default=None, description="总分栏所列分值合计（通常 100）")


# ---------------------------------------------------------------------------------------------- a project's own

FundSource = Literal["财政拨款", "上级补助", "本级安排", "上年结转", "其他资金"]


class FundLine(Model):
    """One source of a project's money as the 自评表 lists it under 年度资金总额 (其中：当年财政拨款 …).

    上级补助 and 本级安排 are the two parts of 财政拨款 where a report splits it (中央补助 and 省级配套)."""

    source: FundSource
    label: str | None = Field(default=None, description="as written: 当年财政拨款, 中央转移支付资金 …")
    initial: Decimal | None = Field(default=None, description="年初预算数")
    adjusted: Decimal | None = Field(default=None, description="全年预算数")
    executed: Decimal | None = Field(default=None, description="全年执行数")


class ProjectInfo(Model):
    """What a 项目支出绩效自评 states of its project; its totals are `Budget.initial / adjusted / executed`."""

    name: str | None = Field(default=None, description="项目名称")
    code: str | None = Field(default=None, description="项目编码")
    department: str | None = Field(default=None, description="主管部门")
    implementer: str | None = Field(default=None, description="实施单位")
    period: str | None = Field(default=None, description="实施期限")
    category: str | None = Field(default=None, description="项目类别：部门预算项目 / 专项 / 转移支付 …")
    funds: list[FundLine] = Field(default_factory=list, description="项目资金按来源")
    received: Decimal | None = Field(default=None, description="资金到位数")
    received_rate: Decimal | None = Field(default=None, description="文中所称资金到位率 (percent)")
    overview: str | None = Field(default=None, description="项目概况：立项依据、主要内容")
    fund_management: str | None = Field(default=None, description="资金使用及管理情况")
    implementation: str | None = Field(default=None, description="项目组织实施情况")


# ---------------------------------------------------------------------------------------------- the outline


class Section(Model):
    """One heading of the report as found: its numbering as written, its level and what it is."""

    numbering: str | None = Field(default=None, description="as written: 一、 （一） 1、 (1) ① …")
    title: str
    level: int = Field(description="1 for 一、, 2 for （一）, 3 for 1、, 4 for (1), 5 for ①")
    key: str | None = Field(default=None, description="the outline section it was recognised as")
    line: int | None = None
    text: str = Field(default="", description="the body under this heading, up to the next heading")
    lines: list[int] = Field(
        default_factory=list, description="the source line of each line of `text`, in order (empty when not imported)"
    )


class Outline(Model):
    kind: str | None = Field(default=None, description="hunan-10, yn-std, other …")
    sections: list[Section] = Field(default_factory=list)
    preamble: str = Field(default="", description="text before the first heading (cover, page furniture)")
    preamble_lines: list[int] = Field(default_factory=list, description="the source line of each preamble line")
    toc: list[str] = Field(default_factory=list, description="the table of contents' entries as written")
    appendix: str = Field(default="", description="text from the line opening an appendix (附件, 附表) to the end")
    appendix_lines: list[int] = Field(default_factory=list, description="the source line of each appendix line")
    unplaced: list[str] = Field(default_factory=list, description="text the importer could not place")
    ocr_pages: list[int] = Field(default_factory=list, description="PDF pages without a text layer, read by OCR")
    unread_pages: list[int] = Field(
        default_factory=list, description="PDF pages without a text layer, not read: no OCR engine installed"
    )


# ---------------------------------------------------------------------------------------------- the whole


class Evaluation(Model):
    """One unit's performance self-evaluation for one fiscal year: of the whole department, or of one project."""

    kind: EvaluationKind | None = Field(default=None, description="部门整体 / 项目支出")
    title: str | None = None
    unit: Unit = Field(default_factory=Unit)
    project: ProjectInfo = Field(default_factory=ProjectInfo, description="项目支出绩效自评：项目本身")
    fiscal_year: int | None = Field(default=None, ge=1, le=9999, description="评价年度 (a calendar year)")
    report_date: dt.date | None = None
    report_month: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$",
        description="报告日期只写到月（“二〇二四年三月”）时的年月，YYYY-MM；写到日的在 report_date",
    )
    evaluator: str | None = Field(default=None, description="评价机构（封面所写）")
    staffing: Staffing = Field(default_factory=Staffing)
    functions: list[str] = Field(default_factory=list, description="主要职能")
    overall_task: str | None = Field(default=None, description="年度总体工作任务")
    key_tasks: list[str] = Field(default_factory=list, description="重点工作任务")
    budget: Budget = Field(default_factory=Budget)
    assets: Assets = Field(default_factory=Assets)
    three_public: ThreePublic = Field(default_factory=ThreePublic)
    performance: Performance = Field(default_factory=Performance)
    problems: list[str] = Field(default_factory=list, description="存在的问题")
    measures: list[str] = Field(default_factory=list, description="改进措施")
    results_use: str | None = Field(default=None, description="自评结果拟应用和公开情况")
    other_matters: str | None = Field(default=None, description="其他需要说明的情况")
    self_assessment: SelfAssessment = Field(default_factory=SelfAssessment)
    outline: Outline = Field(default_factory=Outline)
    sources: dict[str, Location] = Field(default_factory=dict)
    restated: list[Restatement] = Field(default_factory=list, description="figures stated twice, differently")
    unread: list[Unread] = Field(default_factory=list, description="what the import left unread rather than guess")
