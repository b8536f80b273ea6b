"""Template: instructions and placeholders of the template left in the published report, fields left empty.

The report's joined text is scanned once per run (shared by the rules of this family through `look.once`),
one expression per kind of hit, each first ruled out by a character it needs; the line, section and heading
are worked out only for a real hit. A date written "2024年 3 月 14 日" is a date; "年 月 日" with no digits
is a blank to fill. Placeholders are "XX", "××" standing alone, not letters inside a word
("XP", "X光") or a code ("01526405-X").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection
from typing import NamedTuple

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import ReportText, report_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation

# Each expression starts with a literal, which the regex engine finds fast; what stands around a match is
# then judged by `_real`. (An alternation or a character class at the start would cost ten times more; a
# literal of several characters twice as much as one: a lookahead right after the first keeps it to one.)
# Each comes with a character all its matches have, one most reports never write: `char in text` is a fast
# C scan that rules the expression (and the cost of starting it) out.
_KINDS: list[tuple[str, re.Pattern[str], str]] = [
    ("limit", re.compile(r"字(?:以内|左右|以下)"), "字"),
    ("outline", re.compile(r"参(?=考)考(?:提纲|格式)"), "考"),
    ("outline", re.compile(r"索(?=引)引号\W{0,2}自动生成"), "索"),
    ("fill", re.compile(r"填(?:写|报)"), "填"),
    # a whole run of X, x or × standing alone: no letter or digit next to it ("XP", a code "01526405-X"), not
    # "XX世纪"; the lookarounds count the run's own character as one next to it, so no part of a run matches
    ("xx", re.compile(r"X(?<![A-Za-z0-9]X)X+(?![A-Za-z0-9]|世纪)"), "X"),
    ("xx", re.compile(r"x(?<![A-Za-z0-9]x)x+(?![A-Za-z0-9]|世纪)"), "x"),
    ("xx", re.compile(r"×(?<![A-Za-z0-9×]×)×+(?![A-Za-z0-9×]|世纪)"), "×"),
    ("blank", re.compile(r"__+"), "_"),
    ("blank", re.compile(r"＿＿+"), "＿"),
    ("date", re.compile(r"年\s*月\s*日"), "月"),  # 月: nearly every report writes 年, far fewer 月
    # a colon ending its line: each label of _FIELD_LABEL ends in one of these characters (or in the spaces
    # after it), so the lookbehind leaves every other colon, a heading's or a sentence's, to the regex engine
    ("field", re.compile(r":(?<=[称人话期分级论码 \t]:)[ \t|]*$", re.MULTILINE), ":"),
    ("field", re.compile(r"：(?<=[称人话期分级论码 \t]：)[ \t|]*$", re.MULTILINE), "："),
]
_LIMIT_BEFORE = re.compile(r"[(（]\s*\d+\s*$")
_LIMIT_AFTER = re.compile(r"\s*[)）]")
_FILL_BEFORE = re.compile(r"(?:[(（](?:此处|请)|请在此|此处)$")
_FILL_AFTER = re.compile(r"说明")
_CLOSE = re.compile(r"[^()（）\n]{0,24}[)）]")
_YEAR_BEFORE = re.compile(r"(?:^|[:：\s])(?:(?:19|20)\d{2}\s*)?$")
_FIELD_LABEL = re.compile(
    r"[^:：]{0,10}?(?:(?:单位|部门|项目|机构)\)?(?:名称|全称)|负责人|联系人|联系电话|联络电话|填报人|填报日期|报告日期"
    r"|编制日期|自评得分|自评等级|评价结论|预算编码)[ \t]*"
)
_LABEL_ONLY = re.compile(r"[:：][ \t|]*$")

_INSTRUCTION_KINDS = frozenset({"limit", "outline", "fill"})
_PLACEHOLDER_KINDS = frozenset({"xx", "blank", "date"})
_FIELD_KINDS = frozenset({"field"})


class Hit(NamedTuple):  # a tuple: made for every hit, where a frozen dataclass costs several times more
    kind: str
    found: str  # the matched text
    text: str  # the line, quoted (`quote`)
    line: int | None
    section: str | None
    heading: bool
    index: int | None  # into outline.sections


def _standalone(whole: str, start: int, end: int, line_start: int) -> bool:
    """A label on its own: at the start of its line or in brackets, and ending its line or its bracket."""
    before = start == line_start or whole[start - 1] in "(（[【"
    after = end == len(whole) or whole[end] in ")）]】\n:："
    return before and after


def _real(kind: str, whole: str, start: int, end: int, line_start: int) -> tuple[int, int] | None:
    """The span of the instruction or placeholder when the match is one, judged by what stands around it."""
    if kind == "limit":  # "(2000字以内)"
        before = _LIMIT_BEFORE.search(whole, max(line_start, start - 8), start)
        after = _LIMIT_AFTER.match(whole, end)
        return (before.start(), after.end()) if before and after else None
    if kind == "fill":  # "(此处填写…)", "请在此填写", "填写说明"; not the verb in "按要求填报"
        before = _FILL_BEFORE.search(whole, max(line_start, start - 3), start)
        if before:
            close = _CLOSE.match(whole, end) if whole[before.start()] in "(（" else None
            return before.start(), close.end() if close else end
        after = _FILL_AFTER.match(whole, end)
        return (start, after.end()) if after and _standalone(whole, start, after.end(), line_start) else None
    if kind == "outline" and not whole.startswith("索引号", start):  # "(参考提纲)", not "按参考提纲编写"
        return (start, end) if _standalone(whole, start, end, line_start) else None
    if kind == "date":  # "年 月 日" at the start of the line or after a label, with at most a year before it
        # a year and the character before it are the most _YEAR_BEFORE can need (spaces match just before)
        return (start, end) if start == line_start or _YEAR_BEFORE.search(whole, max(line_start, start - 6), start) else None
    if kind == "field":  # a whole line that is only a label and its colon
        label = _FIELD_LABEL.fullmatch(whole, line_start, start)
        return (line_start, start) if label else None
    return start, end


def _scan(doc: ReportText) -> list[Hit]:
    """Every instruction, placeholder and empty field in the report's joined text, with its place."""
    whole = doc.text
    found: list[tuple[int, str, int]] = []
    for kind, pattern, char in _KINDS:
        # a search first: starting `finditer` costs more than a whole scan that finds nothing, the usual case
        first = pattern.search(whole) if char in whole else None
        if first:
            found += [(m.start(), kind, m.end()) for m in pattern.finditer(whole, first.start())]
    if not found:
        return []
    hits: list[Hit] = []
    for start, kind, end in sorted(found):
        # the line is found in the text's index of line starts: a search back along it would cost the length
        # of the line for each candidate, and a line may be a whole report whose line breaks were lost
        line_start = doc.line_start(start)
        span = _real(kind, whole, start, end, line_start)
        if span is None:
            continue  # most candidates end here: the blocks are only worked out for a real hit
        starts = doc.blocks()
        block = bisect_right(starts, start) - 1
        if kind == "field":  # its match ends its line: the next line is where the value may stand
            block_end = starts[block + 1] - 1 if block + 1 < len(starts) else len(whole)
            line_end = whole.find("\n", start, block_end)
            if line_end >= 0:
                next_end = whole.find("\n", line_end + 1, block_end)
                following = whole[line_end + 1 : next_end if next_end >= 0 else block_end]
                if not _LABEL_ONLY.search(following):
                    continue  # the value may stand on the next line (a form rendered one cell per line)
        index = (block - 1) // 2 if block else None
        place = doc.place(start)
        hits.append(
            Hit(kind, whole[span[0] : span[1]].strip(), place["text"], place["line"], place["section"], bool(block % 2), index)
        )
    return hits


def _hits(look: Look) -> list[Hit]:
    hits: list[Hit] = look.once("template.scan", lambda: _scan(report_text(look)))
    return hits


def _empty_section(ev: Evaluation, index: int | None) -> bool:
    """A heading with no body and no sub-heading under it."""
    if index is None:
        return False
    sections = ev.outline.sections
    section = sections[index]
    following = sections[index + 1] if index + 1 < len(sections) else None
    return not section.text and (following is None or following.level <= section.level)


def _report_hits(
    ev: Evaluation, look: Look, kinds: Collection[str], name: str, say: Callable[[Evaluation, Hit], str]
) -> CheckResult:
    """One failure per hit of the shared template scan whose kind is in `kinds`; a report with text and no hit
    passes. `name` is the evidence key for what was found."""
    for hit in _hits(look):
        if hit.kind in kinds:
            message = say(ev, hit)
            look.fail(message, evidence={name: hit.found}, line=hit.line, section=hit.section, text=hit.text)
    if not look.findings and (ev.outline.sections or ev.outline.preamble):
        look.passed()
    return look.result()


def _say_instruction(ev: Evaluation, hit: Hit) -> str:
    empty = "；该标题下没有正文" if hit.heading and _empty_section(ev, hit.index) else ""
    return f"留有模板填写说明“{hit.found}”{empty}：正式报告应删去说明并填写相应内容。"


def _say_placeholder(ev: Evaluation, hit: Hit) -> str:
    what = "日期没有填写年月日的数字" if hit.kind == "date" else f"占位符“{hit.found}”未替换"
    return f"{what}：请填写实际内容。"


def _say_field(ev: Evaluation, hit: Hit) -> str:
    return f"栏目“{hit.found}”后面没有内容：请填写，或说明不适用。"


@rule("template-instruction", "template", "error", "报告中留有模板的填写说明")
def check_template_instruction(ev: Evaluation, look: Look) -> CheckResult:
    """模板中的填写说明不应出现在正式报告中：“（2000字以内）”“（参考提纲）”“填写说明”“索引号自动生成”
    “（此处填写……）”等。

    留有填写说明，说明该处按模板原样发布、没有按要求填写；标题下没有正文时一并指出。"""
    return _report_hits(ev, look, _INSTRUCTION_KINDS, "instruction", _say_instruction)


@rule("template-placeholder", "template", "error", "报告中留有未替换的占位符")
def check_template_placeholder(ev: Evaluation, look: Look) -> CheckResult:
    """模板占位符应替换为实际内容：“XX”“××”、下划线空格“____”、没有数字的日期“年 月 日”。

    写有数字的日期（“2024年 3 月 14 日”）不是占位符；单个字母 X 或词中的 X（“X光”“XP”“01526405-X”）也不是。"""
    return _report_hits(ev, look, _PLACEHOLDER_KINDS, "placeholder", _say_placeholder)


@rule("template-empty-field", "template", "warning", "表单栏目留空")
def check_template_empty_field(ev: Evaluation, look: Look) -> CheckResult:
    """封面或表格中应由本单位填写的栏目（名称、负责人、联系人、填报日期、自评得分、评价结论等）只有栏目名、
    后面没有内容。

    审核意见、盖章、签字等由他人填写的栏目不在此列。逐格排列的表格中，内容写在下一行的不算留空。"""
    return _report_hits(ev, look, _FIELD_KINDS, "field", _say_field)


@rule("template-unfilled-table", "template", "error", "绩效指标表的完成值、得分全部空白")
def check_template_unfilled_table(ev: Evaluation, look: Look) -> CheckResult:
    """绩效自评表列出了指标和分值，但所有指标的完成值和得分都没有填写：自评表按模板原样发布，
    无法据以评价。

    只要有一项指标写了完成值或得分，就交由指标类规则逐项核对。"""
    weighted = 0  # the indicators of the table; the first one filled in ends the count
    for indicator in ev.performance.indicators:
        if indicator.weight is not None:
            if indicator.actual is not None or indicator.score is not None:
                look.passed()
                return look.result()
            weighted += 1
    if not weighted:
        return look.result()
    look.fail(
        f"绩效指标表列出 {weighted} 项有分值的指标，完成值和得分全部空白：自评表未填写，请补填各项完成值和得分。",
        at="performance.indicators",
        evidence={"indicators": weighted},
    )
    return look.result()
