"""Narrative: problems without matching improvement measures, and headings left without a body.

"无" under a heading is a statement (there is nothing to report), not an empty section; a parent heading
whose content sits in its sub-headings is not empty either.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import heading_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation


def _section_place(ev: Evaluation, key: str) -> dict[str, Any] | None:
    """line / section / text of the first heading recognised as `key`, None when the report has none."""
    for section in ev.outline.sections:
        if section.key == key:
            heading = heading_text(section)
            return {"line": section.line, "section": heading, "text": heading}
    return None


@rule("measures-fewer-than-problems", "narrative", "warning", "改进措施少于存在的问题")
def check_measures_fewer_than_problems(ev: Evaluation, look: Look) -> CheckResult:
    """“存在的问题”列出的每个问题都应有对应的改进措施；措施条数少于问题条数，说明有的问题没有提出改进办法。

    报告没有改进措施一节（如文本不完整）时不核对；问题一节写“无”时不核对。"""
    problems = ev.problems
    if not problems:
        return look.result()
    measures = ev.measures
    if len(measures) >= len(problems):
        look.passed()
        return look.result()
    place = _section_place(ev, "measures")
    if measures or place is not None:
        look.fail(
            f"存在的问题列出 {len(problems)} 条，改进措施只有 {len(measures)} 条，少 {len(problems) - len(measures)} 条："
            f"有的问题没有对应的改进措施，请逐条补充。",
            at="measures",
            evidence={"problems": len(problems), "measures": len(measures)},
            **(place or {}),
        )
    return look.result()


# function characters: a pair of characters holding one is not a key word
_FUNCTION_CHARS = "的和与及等了在对是为将把中并或也而其之以于从由要应有无不未已更"
# words every problem and measure of these reports uses: sharing them says nothing about what is answered
_GENERIC_WORDS = (
    "进一 一步 加强 强化 提高 提升 工作 管理 问题 存在 部门 单位 相关 有关 完善 推进 落实"
    " 做好 加大 力度 开展 严格 建立 健全 绩效 预算 资金 财政 支出 项目 评价 自评 下一 改进"
    " 措施 方面 进行 继续 不断 努力 确保 切实 全面 持续 逐步 规范 水平 能力 质量 效益 使用"
    " 加快 有效 结合 实际 情况"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def _without(chars: str) -> str:
    """A character class of the CJK block less `chars`, as ranges."""
    ranges, start = [], 0x4E00
    for code in [*sorted({ord(c) for c in chars}), 0xA000]:
        if code > start:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
        start = code + 1
    return "[" + "".join(ranges) + "]"


# a run of two or more CJK characters none of which is a function character: every pair of neighbours in such a
# run is a key word unless it is generic, and no other pair is
_KEY_RUN = re.compile(_without(_FUNCTION_CHARS) + "{2,}")


def _answers(measure: str, problems: str) -> bool | None:
    """Whether a key word of the measure appears in the problems; None when the measure has no key word."""
    keyed = False
    for run in _KEY_RUN.findall(measure):
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if pair in _GENERIC:
                continue
            if pair in problems:
                return True
            keyed = True
    return False if keyed else None


@rule("measures-unrelated-to-problems", "narrative", "warning", "改进措施与存在的问题无关")
def check_measures_unrelated_to_problems(ev: Evaluation, look: Look) -> CheckResult:
    """改进措施应针对报告列出的问题。一条措施与所有问题没有一个共同的关键词（“加强”“绩效”“管理”等通用词不算），
    多是套话或沿用了其他报告，读者看不出它解决哪个问题。

    问题或措施未写明时不核对；“项目负责人：”等表格标签不当作措施。"""
    measures = ev.measures
    problems = "\n".join(ev.problems) if measures else ""
    if not problems:
        return look.result()
    for n, measure in enumerate(measures):
        if measure.rstrip().endswith((":", "：")):
            continue
        answers = _answers(measure, problems)
        if answers is None:
            continue
        if answers:
            look.passed()
            continue
        look.fail(
            f"改进措施第 {n + 1} 条“{measure[:40]}”与列出的 {len(ev.problems)} 个问题没有共同的关键词，"
            f"看不出针对哪个问题，请写明对应的问题或补充针对性措施。",
            at=f"measures[{n}]",
            evidence={"measure": measure, "problems": len(ev.problems)},
        )
    return look.result()


_SENTENCE_END = ("。", ";", "；", "!", "！", "?", "？")


@rule("empty-section", "narrative", "warning", "标题下没有内容")
def check_empty_section(ev: Evaluation, look: Look) -> CheckResult:
    """一个标题下应有正文。标题后直接是同级或上级标题，中间没有任何文字，说明该节漏写或内容被删。

    下设子标题的上级标题不算空；正文只写“无”是明确的说明，不算空；标题本身就是一句话（以句号结尾）的条目不算空。
    报告最后一个标题若未被识别为大纲中的一节，可能是文本被截断，不提示。"""
    sections = ev.outline.sections
    last = len(sections) - 1
    bodied = False  # recorded once after the loop rather than once per heading with a body
    for i, section in enumerate(sections):
        text = section.text
        if text and not text.isspace():  # as text.strip(), without copying the body
            bodied = True
            continue
        if i < last and sections[i + 1].level > section.level:
            continue  # its content is in its sub-headings
        title = section.title.strip()
        if title.endswith(_SENTENCE_END) or len(title) > 30:
            continue  # a list item read as a heading: the heading is its own content
        if i == last and section.key is None:
            continue  # the text may simply stop here
        heading = heading_text(section)
        look.fail(
            f"标题“{heading}”下没有任何内容，紧接着就是"
            f"{'下一个同级或上级标题' if i < last else '报告结尾'}：请补写该节，或写明“无”并说明原因。",
            at=f"outline.sections[{i}]",
            evidence={"heading": heading},
            line=section.line,
            section=heading,
            text=heading,
        )
    if bodied:
        look.passed()
    return look.result()
