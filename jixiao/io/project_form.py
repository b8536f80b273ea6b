"""The 项目支出绩效自评表 (财预〔2020〕10号 附1): its labels and layout, one definition for its readers and writers.

The national layout, top to bottom: the title and 年度; 项目名称; 主管部门 and 实施单位; 项目资金（万元）with the
columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 and the rows 年度资金总额, 其中：当年财政拨款,
上年结转资金, 其他资金; 年度总体目标 (预期目标, 实际完成情况); 绩效指标 (一级 / 二级 / 三级指标, 年度指标值,
实际完成值, 分值, 得分, 偏差原因分析及改进措施); 总分. Provinces vary the words (本年财政拨款, 调整后预算数,
预算执行数, 权重, 合计) and add columns (指标性质, 度量单位): the readers recognise the variants listed here.

Read from text by `jixiao.io.extract_project`, from Excel by `jixiao.io.xlsx_reader`; written by
`jixiao.render.xlsx` and drafted into reports by `jixiao.render.draft`.
"""

from __future__ import annotations

import re

from jixiao.core.model import FundSource
from jixiao.io.scorecard_form import (
    ACHIEVEMENTS_LABEL,
    INDICATOR_HEADINGS,
    QUALITATIVE_OPTIONS,
    SELF_GRADE_LABEL,
    TARGETS_LABEL,
    TOTAL_LABEL,
)

__all__ = [
    "ACHIEVEMENTS_LABEL",
    "INDICATOR_HEADINGS",
    "QUALITATIVE_OPTIONS",
    "SELF_GRADE_LABEL",
    "TARGETS_LABEL",
    "TOTAL_LABEL",
]

FORM_TITLE = "项目支出绩效自评表"
NAME_LABEL = "项目名称"
DEPARTMENT_LABEL = "主管部门"
IMPLEMENTER_LABEL = "实施单位"
FUNDS_LABEL = "项目资金（万元）"
GOALS_LABEL = "年度总体目标"
INDICATORS_LABEL = "绩效指标"
FUND_HEADINGS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
TOTAL_ROW = "年度资金总额"
# the rows under 年度资金总额 as the national form prints them, and the source each stands for
FUND_ROWS: tuple[tuple[str, FundSource], ...] = (
    ("其中：当年财政拨款", "财政拨款"),
    ("上年结转资金", "上年结转"),
    ("其他资金", "其他资金"),
)

# ------------------------------------------------------------------------------------------------ reading

# a label and the field it names, for the header part of the form (longest spellings first)
HEADER_LABELS: tuple[tuple[str, str], ...] = (
    ("项目实施单位", "implementer"),
    ("实施单位", "implementer"),
    ("主管部门", "department"),
    ("项目名称", "name"),
    ("项目编码", "code"),
    ("项目代码", "code"),
    ("实施期限", "period"),
    ("项目期限", "period"),
    ("项目类别", "category"),
    ("项目类型", "category"),
)

# the funds table's column headings as provinces write them, and the column each is
FUND_COLUMNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^年初预算(?:数)?$"), "initial"),
    (re.compile(r"^(?:全年预算(?:数)?|调整后预算(?:数)?|预算数)(?:\(A\))?$"), "adjusted"),
    (re.compile(r"^(?:全年执行(?:数)?|预算执行数|执行数|实际支出(?:数)?)(?:\(B\))?$"), "executed"),
    (re.compile(r"^(?:分值|权重)$"), "weight"),
    (re.compile(r"^(?:预算)?执行率(?:\(B/A\))?$"), "rate"),
    (re.compile(r"^得分(?:\(.*\))?$"), "score"),
)
AMOUNT_COLUMNS = ("initial", "adjusted", "executed")

# the row of the year's total, and the rows of its sources (a row label is matched without spaces)
TOTAL_ROW_LABEL = re.compile(r"^(?:年度)?(?:财政)?资金总额[:]?$|^总额$|^合计$")
_SOURCES: tuple[tuple[re.Pattern[str], FundSource], ...] = (
    (re.compile(r"上年结[转余]"), "上年结转"),
    (re.compile(r"配套|本级"), "本级安排"),
    (re.compile(r"中央|上级|补助|转移支付"), "上级补助"),
    (re.compile(r"财政拨款|财政资金|一般公共预算"), "财政拨款"),
    (re.compile(r"其他资金|单位资金|自筹|财政专户"), "其他资金"),
)
_SOURCE_ROW = re.compile(r"^(?:其中[:]?)?(?P<label>[\u4e00-\u9fff]{2,12})[:]?$")


def fund_source(label: str) -> FundSource | None:
    """The source a row label or a clause's words name: 当年财政拨款 → 财政拨款, 省级配套资金 → 本级安排 …"""
    for pattern, source in _SOURCES:
        if pattern.search(label):
            return source
    return None


def source_row(text: str) -> tuple[str, FundSource] | None:
    """(label as written, source) when a cell is the label of one source row of the funds table."""
    match = _SOURCE_ROW.match(text)
    if match is None or not re.search(r"资金|拨款|结转|结余|补助|配套|安排", text):
        return None
    source = fund_source(match["label"])
    return (match["label"], source) if source is not None else None
