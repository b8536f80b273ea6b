"""Fuzzing the text importer together with the checker: whatever the text, a report comes back, never an
exception, and every finding is well formed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.checks import RULES, run_checks
from jixiao.core.findings import CATEGORY_NAMES
from tests import support

FRAGMENTS = [
    "一、部门基本情况", "二、一般公共预算支出情况", "四、国有资本经营预算支出情况", "七、存在的问题", "八、下一步改进措施",
    "(一)", "（三）", "三)", "1、", "2.", "①", "收入合计", "支出合计", "基本支出", "项目支出", "财政拨款收入",
    "资产总额", "流动资产", "固定资产净值", "配置通用设备", "12.5万元", "3000元", "1.2亿元", "0万元", "占",
    "100%", "88.34%", "编制", "11人", "实有", "6人", "行政", "事业", "内设", "3个", "股", "|", "绩效自评报告",
    "2023年度", "2024年3月14日", "年 月 日", "XX", "参考提纲", "（2000字以内）", "无。", "暂无问题", "目录",
    "指标", "≥", "≤0", "≥90%", "实际完成", "满意度", "95%", "自评等级为“优”", "得分92分", "本镇", "\n", " ",
    "：", "，", "。", "；",
]


def _check(text: str) -> None:
    evaluation = support.import_text(text, "fuzz.txt")
    report = run_checks(evaluation)
    assert {r.rule for r in report.results} == set(RULES)
    for finding in report.findings:
        assert finding.rule in RULES
        assert finding.category in CATEGORY_NAMES
        assert finding.message


@given(st.text(max_size=400))
def test_checking_any_text_never_raises(text: str) -> None:
    _check(text)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=80))
def test_checking_report_like_fragments_never_raises(parts: list[str]) -> None:
    _check("".join(parts))
